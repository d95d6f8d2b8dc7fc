import { parsePage } from '@gzequip/kit';
import type { PlatformResolvers } from '../__generated__/resolvers-types.ts';
import { operates } from '../models/access.ts';

export const Platform: PlatformResolvers = {
  __resolveReference: ({ id }, { platforms }) => platforms.byId.load(id),
  // Reached only for a platform this source keeps: an unknown id resolved to null above.
  exists: () => true,
  region: ({ regionCode }) => ({ code: regionCode }),
  operator: ({ operatorId }) => ({ id: operatorId }),
  capabilities: ({ id }, _args, { platforms }) => platforms.capabilitiesOf.load(id),
  services: ({ id }, _args, { offers }) => offers.servicesOf.load(id),
  credentials: ({ id }, _args, { offers }) => offers.credentialsOf.load(id),
  accredited: async ({ id }, { kind }, { offers }) =>
    (await offers.credentialsOf.load(id)).some((c) => c.status === 'IN_FORCE' && (!kind || c.kind === kind)),
  figures: ({ id }, _args, { offers }) => offers.figuresOf.load(id),
  activity: ({ id }, _args, { platforms }) => platforms.activityOf.load(id),
  history: ({ id }, { first, after }, { claims, offers }) =>
    operates(claims, id) ? offers.history(id, parsePage({ first, after }, 'history')) : null,
};
