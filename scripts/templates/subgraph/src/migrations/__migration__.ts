/**
 * The __name__ source: its items. Every rule a row must keep is a constraint here, so that a
 * write by any path (the API, a script, a seed) is held to it; the model checks the same rules
 * first to name every problem of an input at once.
 */
import { createChangeHistory, createSyncSupport, REGION_CODE_PATTERN, trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';
import { ITEM_LIMITS, ITEM_STATUSES } from '../domain.ts';

const SCHEMA = '__name__';

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
const check = (table: string, name: string, sql: string) =>
  `alter table ${SCHEMA}.${table} add constraint ${name} check (${sql})`;
const textLength = (column: string, max: number) => `char_length(btrim(${column})) between 1 and ${max}`;

export async function up(knex: Knex): Promise<void> {
  await createChangeHistory(knex, SCHEMA);
  await createSyncSupport(knex, SCHEMA);

  await knex.schema.withSchema(SCHEMA).createTable('item', (table) => {
    table.text('id').primary();
    table.text('name').notNullable().unique({ indexName: 'item_name_key' });
    table.text('status').notNullable().defaultTo('ACTIVE');
    table.text('region_code').notNullable();
    table.integer('quantity').notNullable().defaultTo(0);
    table.text('note');
    table.integer('version').notNullable().defaultTo(1);
    // The keyset pages: each order's column, then id.
    table.index(['region_code', 'id']);
    table.index(['name', 'id']);
    table.index(['quantity', 'id']);
  });
  await knex.raw(check('item', 'item_name_length', textLength('name', ITEM_LIMITS.name)));
  await knex.raw(check('item', 'item_status_known', `status in (${quoted(ITEM_STATUSES)})`));
  await knex.raw(check('item', 'item_region_code_format', `region_code ~ '${REGION_CODE_PATTERN}'`));
  await knex.raw(check('item', 'item_quantity_range', `quantity between 0 and ${ITEM_LIMITS.quantity}`));
  await knex.raw(check('item', 'item_note_length', `note is null or char_length(note) <= ${ITEM_LIMITS.note}`));
  await trackChanges(knex, SCHEMA, 'item', '__Name__Item');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).dropTable('item');
  await knex.schema.withSchema(SCHEMA).dropTable('removal');
  await knex.schema.withSchema(SCHEMA).dropTable('change_history');
  await knex.raw(`drop function ${SCHEMA}.touch_updated_at, ${SCHEMA}.record_removal`);
}
