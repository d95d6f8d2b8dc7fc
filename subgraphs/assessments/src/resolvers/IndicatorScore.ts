import type { IndicatorScoreResolvers } from '../__generated__/resolvers-types.ts';

export const IndicatorScore: IndicatorScoreResolvers = {
  // Every score has its indicator: the database refers each one to the year's scheme.
  indicator: async ({ year, indicatorCode }, _args, { assessments }) => {
    const scheme = await assessments.schemeOf.load(year);
    const indicator = scheme?.indicators.find((candidate) => candidate.code === indicatorCode);
    if (!indicator) throw new Error(`Indicator ${indicatorCode} of ${year} is missing from its scheme`);
    return indicator;
  },
};
