import { parsePage } from '@gzequip/kit';
import type { __Name__ItemResolvers } from '../__generated__/resolvers-types.ts';
import { isAdministrator } from '../access.ts';

export const __Name__Item: __Name__ItemResolvers = {
  // The gateway sends the key; an id that is gone resolves to null.
  __resolveReference: ({ id }, { items }) => items.byId.load(id),
  region: ({ regionCode }) => ({ code: regionCode }),
  history: ({ id }, { first, after }, { claims, items }) =>
    isAdministrator(claims) ? items.history(id, parsePage({ first, after }, 'history')) : null,
};
