import * as regionsAndEnterprises from './20261129000000_regions_and_enterprises.ts';

/** Every migration of this subgraph, by name; knex applies them in name order. */
export const migrations = {
  '20261129000000_regions_and_enterprises': regionsAndEnterprises,
};
