import type { RegionResultResolvers } from '../__generated__/resolvers-types.ts';

export const RegionResult: RegionResultResolvers = {
  region: ({ regionCode }) => ({ code: regionCode }),
};
