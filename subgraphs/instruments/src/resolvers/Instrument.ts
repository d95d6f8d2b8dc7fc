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
  history: (instrument, { first, after }, { claims, instruments }) =>
    canSeeHistory(claims, instrument)
      ? instruments.history(instrument.id, parsePage({ first, after }, 'history'))
      : null,
};
