import type { AssessmentRoundResolvers } from '../__generated__/resolvers-types.ts';

export const AssessmentRound: AssessmentRoundResolvers = {
  __resolveReference: ({ id }, { rounds }) => rounds.round(id),
  entries: (round, args, { rounds }) => rounds.entries(round, args),
  regionResults: (round, _args, { rounds }) => rounds.regionResults(round),
  gradeCounts: (round, _args, { rounds }) => rounds.gradeCounts(round),
  subsidyTotalFen: (round, _args, { rounds }) => rounds.subsidyTotal(round),
};
