import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  zone: (_root, { id }, { zones }) => zones.byId.load(id),
  zones: (_root, args, { zones }) => zones.list(args),
  plantFit: (_root, { zoneId, demand }, { zones }) => zones.fit(zoneId, demand),
  zonesFitting: (_root, { demand, filter }, { zones }) => zones.fitting(demand, filter),
  plant: (_root, { id }, { plants }) => plants.byId.load(id),
  plants: (_root, args, { plants }) => plants.list(args),
  phaseOuts: (_root, args, { plants }) => plants.phaseOuts(args),
  layoutMilestones: (_root, { regionCode, includeAdministered, industry }, { layout }) =>
    layout.list(regionCode, includeAdministered, industry),
};
