import { notFound } from '@gzequip/kit';
import type { OrderResolvers, QuoteResolvers } from '../__generated__/resolvers-types.ts';

export const Quote: QuoteResolvers = {
  // Through the same rule as `quote(id)`: anyone not a party gets null, _entities included.
  __resolveReference: ({ id }, { orders }) => orders.quoteById.load(id),
  thread: ({ threadId }, _args, { threads }) => threads.byId.load(threadId),
  platform: async ({ platformId }, _args, { platforms }) => {
    const platform = await platforms.byId.load(platformId);
    if (!platform) throw notFound('Platform', platformId);
    return platform;
  },
  enterprise: ({ enterpriseId }) => ({ id: enterpriseId }),
  service: ({ serviceId }, _args, { offers }) => (serviceId ? offers.serviceById.load(serviceId) : null),
  booking: ({ bookingId }) => (bookingId ? { id: bookingId } : null),
  order: ({ id }, _args, { orders }) => orders.orderOfQuote.load(id),
};

export const Order: OrderResolvers = {
  __resolveReference: ({ id }, { orders }) => orders.orderById.load(id),
  quote: async ({ quoteId }, _args, { orders }) => {
    const quote = await orders.quoteById.load(quoteId);
    if (!quote) throw notFound('Quote', quoteId);
    return quote;
  },
  platform: async ({ platformId }, _args, { platforms }) => {
    const platform = await platforms.byId.load(platformId);
    if (!platform) throw notFound('Platform', platformId);
    return platform;
  },
  enterprise: ({ enterpriseId }) => ({ id: enterpriseId }),
};
