import { parsePage } from '@gzequip/kit';
import type { EnterpriseResolvers } from '../__generated__/resolvers-types.ts';

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  instruments: ({ id }, { first, after }, { instruments }) =>
    instruments.pageOfOwner(id, parsePage({ first, after }, 'instruments')),
};
