import { FenScalar, notFound } from '@gzequip/kit';
import type {
  DemandCandidateResolvers,
  DemandResolvers,
  DemandStatsRowResolvers,
  ProductResolvers,
} from '../__generated__/resolvers-types.ts';
import { actsForBuyer } from '../models/demand.ts';

export const Fen = FenScalar;

export const Product: ProductResolvers = {
  __resolveReference: ({ id }, { supplyDemand }) => supplyDemand.productById.load(id),
  maker: async ({ makerId }, _args, { enterprises }) => {
    const maker = await enterprises.byId.load(makerId);
    if (!maker) throw notFound('Enterprise', makerId);
    return maker;
  },
  productClass: async ({ classCode }, _args, { supplyDemand }) => {
    const found = await supplyDemand.classByCode.load(classCode);
    if (!found) throw notFound('ProductClass', classCode);
    return found;
  },
};

export const Demand: DemandResolvers = {
  // Through the same rule as `demand(id)`: a draft is its buyer's, by every path.
  __resolveReference: ({ id }, { supplyDemand }) => supplyDemand.demandById.load(id),
  buyer: async ({ buyerId }, _args, { enterprises }) => {
    const buyer = await enterprises.byId.load(buyerId);
    if (!buyer) throw notFound('Enterprise', buyerId);
    return buyer;
  },
  productClass: async ({ classCode }, _args, { supplyDemand }) => {
    const found = await supplyDemand.classByCode.load(classCode);
    if (!found) throw notFound('ProductClass', classCode);
    return found;
  },
  deliveryRegion: async ({ deliveryRegionCode }, _args, { regions }) => {
    const region = await regions.byCode(deliveryRegionCode);
    if (!region) throw notFound('Region', deliveryRegionCode);
    return region;
  },
  matches: (demand, { first, inProvinceOnly }, { supplyDemand }) => supplyDemand.matches(demand, first, inProvinceOnly),
  candidates: (demand, _args, { claims, supplyDemand }) =>
    actsForBuyer(claims, demand) ? supplyDemand.candidatesOf.load(demand.id) : null,
};

export const DemandStatsRow: DemandStatsRowResolvers = {
  productClass: ({ classCode }, _args, { supplyDemand }) =>
    classCode ? supplyDemand.classByCode.load(classCode) : null,
  region: ({ regionCode }, _args, { regions }) => (regionCode ? regions.byCode(regionCode) : null),
};

export const DemandCandidate: DemandCandidateResolvers = {
  product: async ({ productId }, _args, { supplyDemand }) => {
    const product = await supplyDemand.productById.load(productId);
    if (!product) throw notFound('Product', productId);
    return product;
  },
};
