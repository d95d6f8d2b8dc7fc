import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  assessments: (_root, args, { assessments }) => assessments.list(args),
  assessment: (_root, { id }, { assessments }) => assessments.byId.load(id),
  indicators: (_root, _args, { assessments }) => assessments.indicators(),
  assessmentStats: (_root, { filter, groupBy }, { assessments }) => assessments.stats(filter, groupBy),
  assessmentRemovals: (_root, args, { assessments }) => assessments.removals(args),
};
