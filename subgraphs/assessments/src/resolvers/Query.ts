import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  assessments: (_root, args, { assessments }) => assessments.list(args),
  assessment: (_root, { id }, { assessments }) => assessments.byId.load(id),
  indicators: (_root, { year }, { assessments }) => assessments.indicators(year),
  assessmentScheme: (_root, { year }, { assessments }) => assessments.schemeOf.load(year),
  assessmentSchemes: (_root, _args, { assessments }) => assessments.schemes(),
  assessmentRound: (_root, { year }, { rounds }) => rounds.ofYear(year),
  assessmentRounds: (_root, _args, { rounds }) => rounds.list(),
  assessmentStats: (_root, { filter, groupBy }, { assessments }) => assessments.stats(filter, groupBy),
  assessmentRemovals: (_root, args, { assessments }) => assessments.removals(args),
};
