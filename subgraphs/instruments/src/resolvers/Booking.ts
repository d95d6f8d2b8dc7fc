import { parsePage } from '@gzequip/kit';
import type { BookingResolvers } from '../__generated__/resolvers-types.ts';

export const Booking: BookingResolvers = {
  // Through the same visibility rule as the lists: another unit's booking resolves to null.
  __resolveReference: ({ id }, { bookings }) => bookings.byId.load(id),
  instrument: ({ instrumentId }, _args, { instruments }) => instruments.byId.load(instrumentId),
  requester: ({ requesterEnterpriseId }) => ({ id: requesterEnterpriseId }),
  history: ({ id }, { first, after }, { bookings }) => bookings.history(id, parsePage({ first, after }, 'history')),
};
