import { notFound, parsePage } from '@gzequip/kit';
import type { PhaseOutResolvers, PlantFitResolvers, PlantResolvers } from '../__generated__/resolvers-types.ts';
import { isAdministrator } from '../access.ts';
import { toAllocation } from '../models/amounts.ts';

export const Plant: PlantResolvers = {
  __resolveReference: async ({ id }, { plants }) => {
    const plant = await plants.byId.load(id);
    if (!plant) throw notFound('Plant', id);
    return plant;
  },
  enterprise: ({ enterpriseId }) => ({ id: enterpriseId }),
  zone: async ({ zoneId }, _args, { zones }) => {
    const zone = await zones.byId.load(zoneId);
    if (!zone) throw notFound('Zone', zoneId);
    return zone;
  },
  allocation: async ({ id }, _args, { plants }) => toAllocation(await plants.holdingOf.load(id)),
  phaseOuts: ({ id }, _args, { plants }) => plants.phaseOutsOf.load(id),
  history: ({ id }, { first, after }, { claims, plants }) =>
    isAdministrator(claims) ? plants.history(id, parsePage({ first, after }, 'history')) : null,
};

export const PhaseOut: PhaseOutResolvers = {
  __resolveReference: async ({ id }, { plants }) => {
    const phaseOut = await plants.phaseOutById.load(id);
    if (!phaseOut) throw notFound('PhaseOut', id);
    return phaseOut;
  },
  plant: async ({ plantId }, _args, { plants }) => {
    const plant = await plants.byId.load(plantId);
    if (!plant) throw notFound('Plant', plantId);
    return plant;
  },
  releases: ({ releases }) => toAllocation(releases),
};

export const PlantFit: PlantFitResolvers = {
  zone: async ({ zoneId }, _args, { zones }) => {
    const zone = await zones.byId.load(zoneId);
    if (!zone) throw notFound('Zone', zoneId);
    return zone;
  },
};
