import { industriesCheckSql, REGION_CODE_PATTERN } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'instruments';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).createTable('instrument', (table) => {
    table.text('id').primary();
    table.text('asset_number').notNullable();
    table.text('name').notNullable();
    table.text('name_en');
    table.specificType('class_code', 'char(6)').notNullable();
    table
      .text('source')
      .notNullable()
      .checkIn(['PURCHASED', 'SELF_BUILT', 'DONATED', 'OTHER'], 'instrument_source_check');
    table.boolean('customs_supervised').notNullable().defaultTo(false);
    table.decimal('original_value', 12, 2).notNullable().checkPositive('instrument_original_value_check');
    table.text('country').notNullable();
    table.text('manufacturer').notNullable();
    table.text('model').notNullable();
    table.date('start_of_use').notNullable();
    table.text('purpose').notNullable().checkIn(['GENERAL', 'SPECIAL'], 'instrument_purpose_check');
    table.string('technical_indicators', 500).notNullable();
    table.string('main_functions', 300).notNullable();
    table.specificType('disciplines', 'text[]').notNullable().defaultTo('{}');
    table.text('service_content');
    table.text('sharing_rules');
    table.text('fee_text');
    table.text('service_url');
    table
      .text('sharing_mode')
      .notNullable()
      .checkIn(['INTERNAL', 'EXTERNAL', 'NOT_SHARED'], 'instrument_sharing_mode_check');
    table
      .text('status')
      .notNullable()
      .checkIn(
        [
          'NORMAL',
          'STANDBY',
          'REMOTE_SERVICE',
          'OCCASIONAL_FAULT',
          'FREQUENT_FAULTS',
          'AWAITING_REPAIR',
          'AWAITING_SCRAPPING',
        ],
        'instrument_status_check',
      );
    table.text('address');
    table.text('contact_name');
    table.text('contact_phone');
    table.text('region_code').notNullable();
    table.specificType('industries', 'text[]').notNullable().defaultTo('{}');
    // Keys of entities other subgraphs own: no foreign key can reach another database.
    table.text('owner_id').notNullable();
    table.text('platform_id');
    table.unique(['owner_id', 'asset_number'], { indexName: 'instrument_owner_asset_number_key' });
    table.index(['owner_id', 'id']);
    table.index(['platform_id', 'id']);
    table.index(['region_code']);
  });
  await knex.raw(
    `alter table ${SCHEMA}.instrument add constraint instrument_class_code_format check (class_code ~ '^[0-9]{6}$')`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.instrument add constraint instrument_region_code_format check (region_code ~ '${REGION_CODE_PATTERN}')`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.instrument add constraint instrument_disciplines_at_most_four check (cardinality(disciplines) <= 4)`,
  );
  await knex.raw(industriesCheckSql(`${SCHEMA}.instrument`));
  await knex.raw(`create index instrument_industries_idx on ${SCHEMA}.instrument using gin (industries)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).dropTable('instrument');
}
