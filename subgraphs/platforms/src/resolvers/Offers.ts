import { FenScalar } from '@gzequip/kit';
import type {
  PlatformRegionFacetResolvers,
  PlatformSearchConnectionResolvers,
  ServiceResolvers,
} from '../__generated__/resolvers-types.ts';

export const Fen = FenScalar;

export const Service: ServiceResolvers = {
  __resolveReference: ({ id }, { offers }) => offers.serviceById.load(id),
  platform: ({ platformId }, _args, { platforms }) => platforms.existing(platformId),
  instruments: ({ instrumentIds }) => instrumentIds.map((id) => ({ id })),
};

export const PlatformSearchConnection: PlatformSearchConnectionResolvers = {
  facets: ({ facets }) => facets(),
};

export const PlatformRegionFacet: PlatformRegionFacetResolvers = {
  region: ({ regionCode }) => ({ code: regionCode }),
};
