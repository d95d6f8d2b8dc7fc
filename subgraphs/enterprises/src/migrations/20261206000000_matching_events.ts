/**
 * Matching events (产销对接活动): the department brings buyers and makers together on a day, in a
 * place, around industries; an event records who came, the demands and products brought, and —
 * computed, never stored twice — the contracts that came of it.
 */
import { industriesCheckSql, trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'enterprises';

export const EVENT_LIMITS = { name: 100, place: 200, links: 500 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).createTable('matching_event', (table) => {
    table.text('id').primary();
    table.text('name').notNullable();
    table.date('held_on').notNullable();
    table.text('place').notNullable();
    table.text('region_code').notNullable().references('code').inTable(`${SCHEMA}.region`);
    table.specificType('industries', 'text[]').notNullable().defaultTo('{}');
    table.integer('version').notNullable().defaultTo(1);
    table.index(['held_on', 'id']);
  });
  await knex.raw(
    `alter table ${SCHEMA}.matching_event add constraint matching_event_name_length check (char_length(btrim(name)) between 1 and ${EVENT_LIMITS.name})`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.matching_event add constraint matching_event_place_length check (char_length(btrim(place)) between 1 and ${EVENT_LIMITS.place})`,
  );
  await knex.raw(industriesCheckSql(`${SCHEMA}.matching_event`));
  await trackChanges(knex, SCHEMA, 'matching_event', 'MatchingEvent');
  for (const [table, column, target] of [
    ['matching_event_participant', 'enterprise_id', 'enterprise'],
    ['matching_event_demand', 'demand_id', 'demand'],
    ['matching_event_product', 'product_id', 'product'],
  ] as const) {
    await knex.schema.withSchema(SCHEMA).createTable(table, (t) => {
      t.text('event_id').notNullable().references('id').inTable(`${SCHEMA}.matching_event`).onDelete('cascade');
      t.text(column).notNullable().references('id').inTable(`${SCHEMA}.${target}`);
      t.primary(['event_id', column]);
      t.index([column]);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'matching_event_product',
    'matching_event_demand',
    'matching_event_participant',
    'matching_event',
  ]) {
    await knex.schema.withSchema(SCHEMA).dropTable(table);
  }
}
