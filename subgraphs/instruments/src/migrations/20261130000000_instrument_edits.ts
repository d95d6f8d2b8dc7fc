import { createChangeHistory } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'instruments';

/** What owners may edit is bounded in the database itself; each limit is named for its field. */
export const TEXT_LIMITS: Record<string, number> = {
  fee_text: 1000,
  sharing_rules: 2000,
  service_content: 2000,
  service_url: 500,
  address: 200,
  contact_name: 50,
  contact_phone: 30,
};

export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).alterTable('instrument', (table) => {
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  for (const [column, limit] of Object.entries(TEXT_LIMITS)) {
    await knex.raw(
      `alter table ${SCHEMA}.instrument add constraint instrument_${column}_length check (char_length(${column}) <= ${limit})`,
    );
  }
  await knex.raw(
    `alter table ${SCHEMA}.instrument add constraint instrument_service_url_scheme check (service_url ~ '^(http|https)://')`,
  );
  await createChangeHistory(knex, SCHEMA);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).dropTable('change_history');
  await knex.raw(`alter table ${SCHEMA}.instrument drop constraint instrument_service_url_scheme`);
  for (const column of Object.keys(TEXT_LIMITS)) {
    await knex.raw(`alter table ${SCHEMA}.instrument drop constraint instrument_${column}_length`);
  }
  await knex.schema.withSchema(SCHEMA).alterTable('instrument', (table) => {
    table.dropColumn('updated_at');
    table.dropColumn('version');
  });
}
