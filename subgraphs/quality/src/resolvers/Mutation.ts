import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  runIntegrityCheck: (_root, { staleAfterDays }, { integrity }) => integrity.run(staleAfterDays ?? 365),
};
