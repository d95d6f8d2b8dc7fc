import type { EnterpriseResolvers } from '../__generated__/resolvers-types.ts';

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  platforms: ({ id }, args, { platforms }) => platforms.pageOfOperator(id, args),
};
