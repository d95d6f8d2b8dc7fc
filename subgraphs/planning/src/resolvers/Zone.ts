import { parsePage } from '@gzequip/kit';
import type { ZoneResolvers } from '../__generated__/resolvers-types.ts';
import { isAdministrator } from '../access.ts';
import type { LimitKind } from '../domain.ts';
import type { ZoneLimit } from '../models/fit.ts';

function limitOf(limits: ZoneLimit[], kind: LimitKind): ZoneLimit {
  const limit = limits.find((l) => l.kind === kind);
  // Every zone is created with a row for every limit; a missing one is a broken database.
  if (!limit) throw new Error(`zone ${limits[0]?.zoneId} has no ${kind} limit`);
  return limit;
}

export const Zone: ZoneResolvers = {
  __resolveReference: ({ id }, { zones }) => zones.existing(id),
  region: ({ regionCode }) => ({ code: regionCode }),
  water: async ({ id }, _args, { zones }) => limitOf(await zones.limitsOf.load(id), 'WATER'),
  wastewater: async ({ id }, _args, { zones }) => limitOf(await zones.limitsOf.load(id), 'WASTEWATER'),
  quotas: async ({ id }, _args, { zones }) => (await zones.limitsOf.load(id)).filter((limit) => limit.metal !== null),
  quota: async ({ id }, { metal }, { zones }) => limitOf(await zones.limitsOf.load(id), metal),
  limits: ({ id }, _args, { zones }) => zones.limitsOf.load(id),
  plants: ({ id }, args, { plants }) => plants.pageOfZone(id, args),
  history: ({ id }, { first, after }, { claims, zones }) =>
    isAdministrator(claims) ? zones.history(id, parsePage({ first, after }, 'history')) : null,
};
