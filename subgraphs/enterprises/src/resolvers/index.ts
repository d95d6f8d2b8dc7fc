import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Enterprise } from './Enterprise.ts';
import { EnterpriseRegionFacet } from './EnterpriseRegionFacet.ts';
import { EnterpriseStatsRow } from './EnterpriseStatsRow.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';
import { Demand, DemandCandidate, DemandStatsRow, EventDeal, Fen, MatchingEvent, Product } from './SupplyDemand.ts';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Enterprise,
  EnterpriseStatsRow,
  EnterpriseRegionFacet,
  Region,
  Fen,
  Product,
  Demand,
  DemandCandidate,
  DemandStatsRow,
  MatchingEvent,
  EventDeal,
};
