import * as regionsAndEnterprises from './20261129000000_regions_and_enterprises.ts';
import * as sync from './20261201000000_sync.ts';
import * as registry from './20261204000000_registry.ts';
import * as supplyAndDemand from './20261205000000_supply_and_demand.ts';
import * as matchingEvents from './20261206000000_matching_events.ts';
import * as specificationTrigrams from './20261207000000_specification_trigrams.ts';

/** Every migration of this subgraph, by name; knex applies them in name order. */
export const migrations = {
  '20261129000000_regions_and_enterprises': regionsAndEnterprises,
  '20261201000000_sync': sync,
  '20261204000000_registry': registry,
  '20261205000000_supply_and_demand': supplyAndDemand,
  '20261206000000_matching_events': matchingEvents,
  '20261207000000_specification_trigrams': specificationTrigrams,
};
