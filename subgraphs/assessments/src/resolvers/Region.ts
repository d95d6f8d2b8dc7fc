import type { RegionResolvers } from '../__generated__/resolvers-types.ts';

export const Region: RegionResolvers = {
  __resolveReference: ({ code }) => ({ code }),
  assessmentStats: ({ code }, { filter, groupBy }, { assessments }) => assessments.statsOf(code, filter, groupBy),
};
