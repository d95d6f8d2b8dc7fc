import { createSyncSupport, REGION_CODE_PATTERN, trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'assessments';

export async function up(knex: Knex): Promise<void> {
  await createSyncSupport(knex, SCHEMA);
  await trackChanges(knex, SCHEMA, 'assessment', 'Assessment');
  // The region the platform belonged to when assessed: part of the assessment, which scores regions too.
  await knex.schema.withSchema(SCHEMA).alterTable('assessment', (table) => {
    table.text('region_code');
    table.index(['region_code', 'year']);
    table.index(['year', 'id']);
    table.index(['total', 'id']);
  });
  await knex.raw(
    `alter table ${SCHEMA}.assessment add constraint assessment_region_code_format check (region_code ~ '${REGION_CODE_PATTERN}')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop trigger assessment_touch on ${SCHEMA}.assessment`);
  await knex.raw(`drop trigger assessment_removal on ${SCHEMA}.assessment`);
  await knex.raw(`drop index ${SCHEMA}.assessment_updated_at_idx`);
  await knex.raw(`drop index ${SCHEMA}.assessment_year_id_index`);
  await knex.raw(`drop index ${SCHEMA}.assessment_total_id_index`);
  await knex.raw(
    `alter table ${SCHEMA}.assessment drop column region_code, drop column created_at, drop column updated_at`,
  );
  await knex.schema.withSchema(SCHEMA).dropTable('removal');
  await knex.raw(`drop function ${SCHEMA}.touch_updated_at, ${SCHEMA}.record_removal`);
}
