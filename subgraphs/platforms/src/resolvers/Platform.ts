import type { PlatformResolvers } from '../__generated__/resolvers-types.ts';

export const Platform: PlatformResolvers = {
  __resolveReference: ({ id }, { platforms }) => platforms.byId.load(id),
  region: ({ regionCode }) => ({ code: regionCode }),
  operator: ({ operatorId }) => ({ id: operatorId }),
  capabilities: ({ id }, _args, { platforms }) => platforms.capabilitiesOf.load(id),
};
