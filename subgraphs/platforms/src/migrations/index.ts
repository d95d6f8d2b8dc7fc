import * as platforms from './20261129000000_platforms.ts';

/** Every migration of this subgraph, by name; knex applies them in name order. */
export const migrations = {
  '20261129000000_platforms': platforms,
};
