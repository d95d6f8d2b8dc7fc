import { parsePage } from '@gzequip/kit';
import type { RegionResolvers } from '../__generated__/resolvers-types.ts';
import { gbCodeOf } from '../models/region.ts';

export const Region: RegionResolvers = {
  __resolveReference: ({ code }, { regions }) => regions.byCode.load(code),
  gbCode: (region) => gbCodeOf(region),
  parent: ({ parentCode }, _args, { regions }) => (parentCode ? regions.byCode.load(parentCode) : null),
  enterprises: ({ code }, { first, after }, { enterprises }) =>
    enterprises.pageOfRegion(code, parsePage({ first, after }, 'enterprises')),
};
