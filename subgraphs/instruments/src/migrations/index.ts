import * as instruments from './20261129000000_instruments.ts';
import * as instrumentEdits from './20261130000000_instrument_edits.ts';
import * as syncAndOwnerType from './20261201000000_sync_and_owner_type.ts';
import * as instrumentRecords from './20261202000000_instrument_records.ts';
import * as bookings from './20261203000000_bookings.ts';

/** Every migration of this subgraph, by name; knex applies them in name order. */
export const migrations = {
  '20261129000000_instruments': instruments,
  '20261130000000_instrument_edits': instrumentEdits,
  '20261201000000_sync_and_owner_type': syncAndOwnerType,
  '20261202000000_instrument_records': instrumentRecords,
  '20261203000000_bookings': bookings,
};
