import type { EnterpriseStatsRowResolvers } from '../__generated__/resolvers-types.ts';

export const EnterpriseStatsRow: EnterpriseStatsRowResolvers = {
  region: ({ regionCode }, _args, { regions }) => (regionCode ? regions.byCode(regionCode) : null),
};
