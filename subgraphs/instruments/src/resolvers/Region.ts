import type { RegionResolvers } from '../__generated__/resolvers-types.ts';

export const Region: RegionResolvers = {
  __resolveReference: ({ code }) => ({ code }),
  instruments: ({ code }, args, { instruments }) => instruments.pageOfRegion(code, args),
};
