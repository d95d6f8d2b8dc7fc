import type { EnterpriseResolvers } from '../__generated__/resolvers-types.ts';

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  instruments: ({ id }, args, { instruments }) => instruments.pageOfOwner(id, args),
};
