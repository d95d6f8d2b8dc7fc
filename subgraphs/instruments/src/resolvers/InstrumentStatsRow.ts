import type { InstrumentStatsRowResolvers } from '../__generated__/resolvers-types.ts';

export const InstrumentStatsRow: InstrumentStatsRowResolvers = {
  region: ({ regionCode }) => (regionCode ? { code: regionCode } : null),
};
