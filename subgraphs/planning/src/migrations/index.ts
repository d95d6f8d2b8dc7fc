import * as planning from './20261211000000_planning.ts';

/** Every migration of this subgraph, by name; knex applies them in name order. */
export const migrations = {
  '20261211000000_planning': planning,
};
