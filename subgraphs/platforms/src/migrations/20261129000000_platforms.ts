import { industriesCheckSql, REGION_CODE_PATTERN } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'platforms';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).createTable('platform', (table) => {
    table.text('id').primary();
    table.text('name').notNullable().unique({ indexName: 'platform_name_key' });
    table.text('name_en');
    table
      .text('kind')
      .notNullable()
      .checkIn(
        [
          'INSTRUMENT_SHARING',
          'TESTING_CERTIFICATION',
          'RESEARCH_DEVELOPMENT',
          'INDUSTRIAL_DESIGN',
          'INDUSTRIAL_INTERNET',
          'TECHNOLOGY_TRANSFER',
          'TRAINING',
        ],
        'platform_kind_check',
      );
    table.text('region_code').notNullable();
    // The operating enterprise lives in the enterprises subgraph's database: a key, not a foreign key.
    table.text('operator_id').notNullable();
    table.specificType('industries', 'text[]').notNullable().defaultTo('{}');
    table.text('description');
    table.text('website');
    table.integer('established_year');
    table.index(['operator_id', 'id']);
    table.index(['region_code']);
  });
  await knex.raw(
    `alter table ${SCHEMA}.platform add constraint platform_region_code_format check (region_code ~ '${REGION_CODE_PATTERN}')`,
  );
  await knex.raw(industriesCheckSql(`${SCHEMA}.platform`));
  await knex.schema.withSchema(SCHEMA).createTable('capability', (table) => {
    table.increments('id');
    table.text('platform_id').notNullable().references('id').inTable(`${SCHEMA}.platform`).onDelete('CASCADE');
    table.text('name').notNullable();
    table.text('description');
    table.unique(['platform_id', 'name'], { indexName: 'capability_platform_name_key' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).dropTable('capability');
  await knex.schema.withSchema(SCHEMA).dropTable('platform');
}
