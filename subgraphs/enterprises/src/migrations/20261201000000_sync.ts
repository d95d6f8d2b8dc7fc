import { createSyncSupport, trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'enterprises';

export async function up(knex: Knex): Promise<void> {
  await createSyncSupport(knex, SCHEMA);
  await trackChanges(knex, SCHEMA, 'region', 'Region', 'code');
  await trackChanges(knex, SCHEMA, 'enterprise', 'Enterprise');
  await knex.schema.withSchema(SCHEMA).alterTable('enterprise', (table) => {
    table.index(['name', 'id']);
    table.index(['created_at', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['region', 'enterprise']) {
    await knex.raw(`drop trigger ${table}_touch on ${SCHEMA}.${table}`);
    await knex.raw(`drop trigger ${table}_removal on ${SCHEMA}.${table}`);
    await knex.raw(`drop index ${SCHEMA}.${table}_updated_at_idx`);
    await knex.raw(`alter table ${SCHEMA}.${table} drop column created_at, drop column updated_at`);
  }
  await knex.raw(`drop index ${SCHEMA}.enterprise_name_id_index`);
  await knex.schema.withSchema(SCHEMA).dropTable('removal');
  await knex.raw(`drop function ${SCHEMA}.touch_updated_at, ${SCHEMA}.record_removal`);
}
