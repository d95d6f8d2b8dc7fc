import type { RegionResolvers } from '../__generated__/resolvers-types.ts';

export const Region: RegionResolvers = {
  __resolveReference: ({ code }) => ({ code }),
  platforms: ({ code }, args, { platforms }) => platforms.pageOfRegion(code, args),
};
