import type { RegionResolvers } from '../__generated__/resolvers-types.ts';
import { gbCodeOf } from '../models/region.ts';

export const Region: RegionResolvers = {
  __resolveReference: ({ code }, { regions }) => regions.byCode(code),
  // Reached only for a region the registry keeps: an unknown code resolved to null above.
  exists: () => true,
  gbCode: (region) => gbCodeOf(region),
  parent: ({ parentCode }, _args, { regions }) => (parentCode ? regions.byCode(parentCode) : null),
  administers: ({ code }, _args, { regions }) => regions.administeredBy(code),
  enterprises: ({ code }, args, { enterprises }) => enterprises.pageOfRegion(code, args),
};
