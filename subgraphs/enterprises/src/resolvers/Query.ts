import { selectsField } from '@gzequip/kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { parseCreditCode } from '../creditCode.ts';

export const Query: QueryResolvers = {
  enterprises: (_root, args, { enterprises }) => enterprises.list(args),
  searchEnterprises: (_root, args, { enterprises }, info) => enterprises.search(args, selectsField(info, 'facets')),
  enterprise: (_root, { id }, { enterprises }) => enterprises.byId.load(id),
  enterpriseByCreditCode: (_root, { creditCode }, { enterprises }) =>
    enterprises.byCreditCode.load(parseCreditCode(creditCode, 'creditCode')),
  regions: (_root, _args, { regions }) => regions.all(),
  region: (_root, { code }, { regions }) => regions.byCode(code),
  enterpriseStats: (_root, { filter, groupBy }, { enterprises }) => enterprises.stats(filter, groupBy),
  productClasses: (_root, { groupCode }, { supplyDemand }) => supplyDemand.classes(groupCode),
  product: (_root, { id }, { supplyDemand }) => supplyDemand.productById.load(id),
  products: (_root, args, { supplyDemand }) => supplyDemand.listProducts(args),
  demand: (_root, { id }, { supplyDemand }) => supplyDemand.demandById.load(id),
  demands: (_root, args, { supplyDemand }) => supplyDemand.listDemands(args),
  matchWeights: (_root, _args, { supplyDemand }) => supplyDemand.weights(),
  demandStats: (_root, { groupBy }, { supplyDemand }) => supplyDemand.share(groupBy),
  matchingEvents: (_root, args, { supplyDemand }) => supplyDemand.listEvents(args),
  enterpriseRemovals: (_root, args, { enterprises }) => enterprises.removals(args),
};
