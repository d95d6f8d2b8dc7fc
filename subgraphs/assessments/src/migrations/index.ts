import * as assessments from './20261129000000_assessments.ts';
import * as syncAndRegion from './20261201000000_sync_and_region.ts';
import * as schemesRounds from './20261210000000_schemes_rounds.ts';

/** Every migration of this subgraph, by name; knex applies them in name order. */
export const migrations = {
  '20261129000000_assessments': assessments,
  '20261201000000_sync_and_region': syncAndRegion,
  '20261210000000_schemes_rounds': schemesRounds,
};
