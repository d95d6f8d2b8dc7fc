import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  platforms: (_root, args, { platforms }) => platforms.list(args),
  platform: (_root, { id }, { platforms }) => platforms.byId.load(id),
  platformStats: (_root, { filter, groupBy }, { platforms }) => platforms.stats(filter, groupBy),
  platformRemovals: (_root, args, { platforms }) => platforms.removals(args),
};
