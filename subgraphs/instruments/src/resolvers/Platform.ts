import { parsePage } from '@gzequip/kit';
import type { PlatformResolvers } from '../__generated__/resolvers-types.ts';

export const Platform: PlatformResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  instruments: ({ id }, { first, after }, { instruments }) =>
    instruments.pageOfPlatform(id, parsePage({ first, after }, 'instruments')),
};
