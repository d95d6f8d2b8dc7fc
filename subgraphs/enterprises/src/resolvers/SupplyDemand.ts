import { FenScalar, notFound, parsePage } from '@gzequip/kit';
import type {
  DemandCandidateResolvers,
  DemandResolvers,
  DemandStatsRowResolvers,
  EventDealResolvers,
  MatchingEventResolvers,
  ProductResolvers,
} from '../__generated__/resolvers-types.ts';
import { actsForBuyer } from '../models/demand.ts';
import { canEdit } from '../models/registry.ts';

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
  history: ({ id, makerId }, { first, after }, { claims, supplyDemand }) =>
    canEdit(claims, makerId) ? supplyDemand.productChanges(id, parsePage({ first, after }, 'history')) : null,
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
  history: (demand, { first, after }, { claims, supplyDemand }) =>
    actsForBuyer(claims, demand) ? supplyDemand.demandChanges(demand.id, parsePage({ first, after }, 'history')) : null,
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

/** Loaded records, with what the caller may not see (or that is gone) left out. */
function present<T>(values: (T | Error | null)[]): T[] {
  return values.filter((value): value is T => value !== null && !(value instanceof Error));
}

export const MatchingEvent: MatchingEventResolvers = {
  __resolveReference: ({ id }, { supplyDemand }) => supplyDemand.eventById.load(id),
  region: async ({ regionCode }, _args, { regions }) => {
    const region = await regions.byCode(regionCode);
    if (!region) throw notFound('Region', regionCode);
    return region;
  },
  participants: async ({ id }, _args, { enterprises, supplyDemand }) =>
    present(await enterprises.byId.loadMany((await supplyDemand.eventLinks.load(id)).participantIds)),
  demands: async ({ id }, _args, { supplyDemand }) =>
    present(await supplyDemand.demandById.loadMany((await supplyDemand.eventLinks.load(id)).demandIds)),
  products: async ({ id }, _args, { supplyDemand }) =>
    present(await supplyDemand.productById.loadMany((await supplyDemand.eventLinks.load(id)).productIds)),
  deals: ({ id }, _args, { supplyDemand }) => supplyDemand.eventDeals.load(id),
  dealAmountFen: async ({ id }, _args, { supplyDemand }) =>
    (await supplyDemand.eventDeals.load(id)).reduce((total, deal) => total + deal.contractAmountFen, 0),
};

export const EventDeal: EventDealResolvers = {
  demand: async ({ demandId }, _args, { supplyDemand }) => {
    const demand = await supplyDemand.demandById.load(demandId);
    if (!demand) throw notFound('Demand', demandId);
    return demand;
  },
  product: async ({ productId }, _args, { supplyDemand }) => {
    const product = await supplyDemand.productById.load(productId);
    if (!product) throw notFound('Product', productId);
    return product;
  },
};
