import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  __name__Item: (_root, { id }, { items }) => items.byId.load(id),
  __name__Items: (_root, args, { items }) => items.list(args),
};
