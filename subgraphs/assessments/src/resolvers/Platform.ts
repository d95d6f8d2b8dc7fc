import type { PlatformResolvers } from '../__generated__/resolvers-types.ts';

export const Platform: PlatformResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  assessments: ({ id }, _args, { assessments }) => assessments.ofPlatform.load(id),
  latestAssessment: ({ id }, _args, { assessments }) => assessments.latestOf(id),
};
