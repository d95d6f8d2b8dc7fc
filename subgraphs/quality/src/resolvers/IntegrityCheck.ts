import type { IntegrityCheckResolvers } from '../__generated__/resolvers-types.ts';

export const IntegrityCheck: IntegrityCheckResolvers = {
  __resolveReference: ({ id }, { integrity }) => integrity.check(id),
  sources: ({ id }, _args, { integrity }) => integrity.sourcesOf.load(id),
  dangling: ({ id }, { source, first, after }, { integrity }) =>
    integrity.dangling(id, source ?? null, { first, after }),
};
