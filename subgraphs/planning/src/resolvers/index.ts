import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { CoverageCell, Enterprise, Region } from './Layout.ts';
import { Mutation } from './Mutation.ts';
import { PhaseOut, Plant, PlantFit } from './Plant.ts';
import { Query } from './Query.ts';
import { Zone } from './Zone.ts';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Zone,
  Plant,
  PhaseOut,
  PlantFit,
  CoverageCell,
  Region,
  Enterprise,
};
