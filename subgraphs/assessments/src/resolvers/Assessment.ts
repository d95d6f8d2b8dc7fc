import type { AssessmentResolvers } from '../__generated__/resolvers-types.ts';
import { canSeeScores } from '../access.ts';

export const Assessment: AssessmentResolvers = {
  __resolveReference: ({ id }, { assessments }) => assessments.byId.load(id),
  platform: ({ platformId }) => ({ id: platformId }),
  region: ({ regionCode }) => (regionCode ? { code: regionCode } : null),
  // Checked on the field, so the rule holds whether the assessment came from a list, a lookup or `_entities`.
  scores: ({ id, platformId }, _args, { claims, assessments }) =>
    canSeeScores(claims, platformId) ? assessments.scoresOf.load(id) : null,
  change: async ({ platformId, year, total }, _args, { assessments }) => {
    const before = await assessments.totalOf.load({ platformId, year: year - 1 });
    return before === null ? null : Math.round((total - before) * 100) / 100;
  },
  round: ({ roundId }, _args, { rounds }) => (roundId ? rounds.round(roundId) : null),
};
