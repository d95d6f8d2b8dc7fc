import { isSignedIn, parsePage } from '@gzequip/kit';
import type { InstrumentResolvers } from '../__generated__/resolvers-types.ts';
import { canSeeHistory } from '../models/instrument.ts';

export const Instrument: InstrumentResolvers = {
  // Goes through the same visibility rule as every list: `_entities` is no way around it.
  __resolveReference: ({ id }, { instruments }) => instruments.byId.load(id),
  region: ({ regionCode }) => ({ code: regionCode }),
  owner: ({ ownerId }) => ({ id: ownerId }),
  platform: ({ platformId }) => (platformId ? { id: platformId } : null),
  contactName: ({ contactName }, _args, { claims }) => (isSignedIn(claims) ? contactName : null),
  contactPhone: ({ contactPhone }, _args, { claims }) => (isSignedIn(claims) ? contactPhone : null),
  instrumentClass: async ({ classCode }, _args, { instruments }) => {
    const found = await instruments.classByCode.load(classCode);
    // The foreign key makes a missing class impossible; say so loudly rather than answer null.
    if (!found) throw new Error(`class ${classCode} is missing from the classification table`);
    return found;
  },
  rejectionReason: (instrument, _args, { claims }) =>
    canSeeHistory(claims, instrument) ? instrument.rejectionReason : null,
  bookingRules: ({ id }, _args, { bookings }) => bookings.rulesByInstrument.load(id),
  availability: (instrument, { from, to }, { bookings }) => bookings.availability(instrument, from, to),
  closures: ({ id }, { from, first }, { bookings }) => bookings.closuresOf(id, from, first),
  utilisation: ({ id, ownerId }, { year }, { bookings }) => bookings.utilisationOf('id', id, year, ownerId),
  history: (instrument, { first, after }, { claims, instruments }) =>
    canSeeHistory(claims, instrument)
      ? instruments.history(instrument.id, parsePage({ first, after }, 'history'))
      : null,
};
