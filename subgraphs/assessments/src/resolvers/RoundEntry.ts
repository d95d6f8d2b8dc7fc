import type { RoundEntryResolvers } from '../__generated__/resolvers-types.ts';

export const RoundEntry: RoundEntryResolvers = {
  platform: ({ platformId }) => ({ id: platformId }),
  region: ({ regionCode }) => (regionCode ? { code: regionCode } : null),
  operator: ({ operatorId }) => (operatorId ? { id: operatorId } : null),
  indicators: async (entry, _args, { rounds }) => (await rounds.evaluationOf(entry)).indicators,
  total: async (entry, _args, { rounds }) => (await rounds.evaluationOf(entry)).total,
  grade: async (entry, _args, { rounds }) => (await rounds.evaluationOf(entry)).grade,
  missing: async (entry, _args, { rounds }) => (await rounds.evaluationOf(entry)).missing,
};
