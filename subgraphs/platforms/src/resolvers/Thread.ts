import { parsePage } from '@gzequip/kit';
import type { ThreadResolvers } from '../__generated__/resolvers-types.ts';
import { partOf } from '../models/access.ts';

export const Thread: ThreadResolvers = {
  // Through the same rule as `thread(id)`: anyone not a party gets null, _entities included.
  __resolveReference: ({ id }, { threads }) => threads.byId.load(id),
  platform: ({ platformId }, _args, { platforms }) => platforms.existing(platformId),
  enterprise: ({ enterpriseId }) => ({ id: enterpriseId }),
  service: ({ serviceId }, _args, { offers }) => (serviceId ? offers.serviceById.load(serviceId) : null),
  instrument: ({ instrumentId }) => (instrumentId ? { id: instrumentId } : null),
  quote: ({ quoteId }, _args, { orders }) => (quoteId ? orders.quoteById.load(quoteId) : null),
  mySide: (thread, _args, { claims }) => {
    const part = partOf(claims, thread);
    return part === 'ADMIN' ? null : part;
  },
  unreadCount: (thread, _args, { threads }) => threads.unreadCount(thread),
  messages: (thread, { first, after }, { threads }) =>
    threads.messages(thread, parsePage({ first, after }, 'messages')),
};
