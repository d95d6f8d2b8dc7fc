import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  integrityChecks: (_root, args, { integrity }) => integrity.checks(args),
  integrityCheck: (_root, { id }, { integrity }) => integrity.check(id),
};
