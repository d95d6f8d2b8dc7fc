import * as integrity from './20261215000000_integrity.ts';

/** Every migration of this subgraph, by name; knex applies them in name order. */
export const migrations = {
  '20261215000000_integrity': integrity,
};
