import { industriesCheckSql } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'enterprises';
const ALPHABET_CLASS = '[0-9A-HJ-NPQRTUWXY]';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).createTable('region', (table) => {
    table.text('code').primary();
    table.text('name').notNullable();
    table.text('name_en').notNullable();
    table.text('kind').notNullable().checkIn(['PREFECTURE', 'NEW_AREA'], 'region_kind_check');
    table.text('parent_code').references('code').inTable(`${SCHEMA}.region`);
  });
  await knex.schema.withSchema(SCHEMA).createTable('enterprise', (table) => {
    table.text('id').primary();
    table.text('credit_code').notNullable().unique({ indexName: 'enterprise_credit_code_key' });
    table.text('name').notNullable();
    table.text('name_en');
    table
      .text('type')
      .notNullable()
      .checkIn(
        ['MANUFACTURER', 'TESTING_INSTITUTION', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'PLATFORM_OPERATOR'],
        'enterprise_type_check',
      );
    table.text('region_code').notNullable().references('code').inTable(`${SCHEMA}.region`);
    table.specificType('industries', 'text[]').notNullable().defaultTo('{}');
    table.text('address');
    table.text('contact_name');
    table.text('contact_phone');
    table.integer('founded_year');
    table.index(['region_code']);
  });
  // The shape of a credit code is checked here; the check character by the subgraph, which can
  // say which character is wrong.
  await knex.raw(
    `alter table ${SCHEMA}.enterprise add constraint enterprise_credit_code_format
       check (credit_code ~ '^${ALPHABET_CLASS}{2}[0-9]{6}${ALPHABET_CLASS}{10}$')`,
  );
  await knex.raw(industriesCheckSql(`${SCHEMA}.enterprise`));
  await knex.raw(`create index enterprise_industries_idx on ${SCHEMA}.enterprise using gin (industries)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).dropTable('enterprise');
  await knex.schema.withSchema(SCHEMA).dropTable('region');
}
