import { notFound, parsePage } from '@gzequip/kit';
import type { PhaseOutResolvers, PlantFitResolvers, PlantResolvers } from '../__generated__/resolvers-types.ts';
import { isAdministrator } from '../access.ts';
import { toAllocation } from '../models/amounts.ts';

export const Plant: PlantResolvers = {
  __resolveReference: ({ id }, { plants }) => plants.existing(id),
  enterprise: ({ enterpriseId }) => ({ id: enterpriseId }),
  zone: ({ zoneId }, _args, { zones }) => zones.existing(zoneId),
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
  plant: ({ plantId }, _args, { plants }) => plants.existing(plantId),
  releases: ({ releases }) => toAllocation(releases),
};

export const PlantFit: PlantFitResolvers = {
  zone: ({ zoneId }, _args, { zones }) => zones.existing(zoneId),
};
