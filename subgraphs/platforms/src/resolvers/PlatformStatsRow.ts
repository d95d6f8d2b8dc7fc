import type { PlatformStatsRowResolvers } from '../__generated__/resolvers-types.ts';

export const PlatformStatsRow: PlatformStatsRowResolvers = {
  region: ({ regionCode }) => (regionCode ? { code: regionCode } : null),
};
