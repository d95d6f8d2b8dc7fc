import type { AssessmentStatsRowResolvers } from '../__generated__/resolvers-types.ts';

export const AssessmentStatsRow: AssessmentStatsRowResolvers = {
  region: ({ regionCode }) => (regionCode ? { code: regionCode } : null),
};
