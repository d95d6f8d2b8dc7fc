import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  createZone: (_root, { input }, { zones, claims }) => zones.model.create(input, claims),
  updateZone: (_root, { id, version, changes }, { zones, claims }) => zones.model.update(id, version, changes, claims),
  registerPlant: (_root, { input }, { plants, claims }) => plants.model.register(input, claims),
  allocateToPlant: (_root, { plantId, version, amounts }, { plants, claims }) =>
    plants.model.allocate(plantId, version, amounts, claims),
  releaseFromPlant: (_root, { plantId, version, amounts }, { plants, claims }) =>
    plants.model.release(plantId, version, amounts, claims),
  closePlant: (_root, { plantId, version }, { plants, claims }) =>
    plants.model.close(plantId, version, claims, plants.today),
  schedulePhaseOut: (_root, { input }, { plants, claims }) =>
    plants.phaseOutModel.schedule(input, claims, plants.today),
  completePhaseOut: (_root, { id, version }, { plants, claims }) =>
    plants.phaseOutModel.complete(id, version, claims, plants.today),
  setLayoutMilestone: (_root, { input, version }, { layout, claims }) =>
    layout.model.set(input, version ?? null, claims),
};
