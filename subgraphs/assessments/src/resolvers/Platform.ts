import type { PlatformResolvers } from '../__generated__/resolvers-types.ts';
import { figuresOf } from '../dataSources/rounds.ts';

export const Platform: PlatformResolvers = {
  __resolveReference: (platform) => platform,
  assessments: ({ id }, _args, { assessments }) => assessments.ofPlatform.load(id),
  latestAssessment: ({ id }, _args, { assessments }) => assessments.latestOf(id),
  // The external figures arrive with the representation: the gateway fetched them through `@requires`.
  liveAssessment: (platform, { year }, { rounds }) => rounds.live(platform, year),
  assessmentFigures: (platform, { year }) => figuresOf(platform, year),
};
