import { parsePage } from '@gzequip/kit';
import type { EnterpriseResolvers } from '../__generated__/resolvers-types.ts';

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  platforms: ({ id }, { first, after }, { platforms }) =>
    platforms.pageOfOperator(id, parsePage({ first, after }, 'platforms')),
};
