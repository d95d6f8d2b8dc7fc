import { describeSource, selectsField } from '@gzequip/kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  instruments: (_root, args, { instruments }) => instruments.list(args),
  instrument: (_root, { id }, { instruments }) => instruments.byId.load(id),
  searchInstruments: (_root, args, { instruments }, info) => instruments.search(args, selectsField(info, 'facets')),
  instrumentClasses: (_root, { parentCode }, { instruments }) => instruments.classes(parentCode),
  instrumentStats: (_root, { filter, groupBy }, { instruments }) => instruments.stats(filter, groupBy),
  booking: (_root, { id }, { bookings }) => bookings.booking(id),
  myBookings: (_root, args, { bookings }) => bookings.list('REQUESTER', args),
  bookingQueue: (_root, args, { bookings }) => bookings.list('OWNER', args),
  instrumentRemovals: (_root, args, { instruments }) => instruments.removals(args),
  instrumentsSource: (_root, _args, { adapter }, info) => describeSource('instruments', adapter, info.schema),
};
