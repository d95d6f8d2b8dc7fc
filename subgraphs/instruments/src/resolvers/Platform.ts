import type { PlatformResolvers } from '../__generated__/resolvers-types.ts';

export const Platform: PlatformResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  instruments: ({ id }, args, { instruments }) => instruments.pageOfPlatform(id, args),
};
