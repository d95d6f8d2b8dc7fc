import { selectsField } from '@gzequip/kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  platforms: (_root, args, { platforms }) => platforms.list(args),
  platform: (_root, { id }, { platforms }) => platforms.byId.load(id),
  searchPlatforms: (_root, args, { offers }, info) => offers.search(args, selectsField(info, 'facets')),
  service: (_root, { id }, { offers }) => offers.serviceById.load(id),
  voucherSchemes: (_root, _args, { money }) => money.schemes(),
  voucherStats: (_root, { groupBy }, { money }) => money.stats(groupBy),
  voucher: (_root, { id }, { money }) => money.voucherById.load(id),
  vouchers: (_root, args, { money }) => money.list(args),
  redemptions: (_root, args, { money }) => money.redemptions(args),
  reconciliation: (_root, _args, { money }) => money.reconciliation(),
  quote: (_root, { id }, { orders }) => orders.quoteById.load(id),
  order: (_root, { id }, { orders }) => orders.orderById.load(id),
  orders: (_root, args, { orders }) => orders.list(args),
  thread: (_root, { id }, { threads }) => threads.byId.load(id),
  threads: (_root, args, { threads }) => threads.list(args),
  platformStats: (_root, { filter, groupBy }, { platforms }) => platforms.stats(filter, groupBy),
  platformRemovals: (_root, args, { platforms }) => platforms.removals(args),
  coverage: (_root, { year }, { coverage }) => coverage.ofYear(year),
};
