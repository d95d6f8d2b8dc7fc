import * as instruments from './20261129000000_instruments.ts';
import * as instrumentEdits from './20261130000000_instrument_edits.ts';

/** Every migration of this subgraph, by name; knex applies them in name order. */
export const migrations = {
  '20261129000000_instruments': instruments,
  '20261130000000_instrument_edits': instrumentEdits,
};
