import { notFound } from '@gzequip/kit';
import type { EnterpriseRegionFacetResolvers } from '../__generated__/resolvers-types.ts';

export const EnterpriseRegionFacet: EnterpriseRegionFacetResolvers = {
  region: async ({ regionCode }, _args, { regions }) => {
    const region = await regions.byCode(regionCode);
    if (!region) throw notFound('Region', regionCode);
    return region;
  },
};
