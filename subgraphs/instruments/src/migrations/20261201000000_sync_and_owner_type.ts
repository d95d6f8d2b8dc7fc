import { createSyncSupport, trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'instruments';

export async function up(knex: Knex): Promise<void> {
  await createSyncSupport(knex, SCHEMA);
  await trackChanges(knex, SCHEMA, 'instrument', 'Instrument');
  // The owning unit's type as filed with the record (the registry is another source); null where unknown.
  await knex.schema.withSchema(SCHEMA).alterTable('instrument', (table) => {
    table
      .text('owner_type')
      .checkIn(
        ['MANUFACTURER', 'TESTING_INSTITUTION', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'PLATFORM_OPERATOR'],
        'instrument_owner_type_check',
      );
    table.index(['original_value', 'id']);
    table.index(['start_of_use', 'id']);
    table.index(['name', 'id']);
    table.index(['created_at', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop trigger instrument_touch on ${SCHEMA}.instrument`);
  await knex.raw(`drop trigger instrument_removal on ${SCHEMA}.instrument`);
  await knex.schema.withSchema(SCHEMA).alterTable('instrument', (table) => {
    table.dropIndex(['original_value', 'id']);
    table.dropIndex(['start_of_use', 'id']);
    table.dropIndex(['name', 'id']);
    table.dropIndex(['created_at', 'id']);
    table.dropColumn('owner_type');
    table.dropColumn('created_at');
  });
  await knex.raw(`drop index ${SCHEMA}.instrument_updated_at_idx`);
  await knex.schema.withSchema(SCHEMA).dropTable('removal');
  await knex.raw(`drop function ${SCHEMA}.touch_updated_at, ${SCHEMA}.record_removal`);
}
