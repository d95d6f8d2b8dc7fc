/**
 * The registry as a writable source: scale, certifications, the in-province flag read from the
 * credit code's division, the text limits as named constraints, a version for optimistic
 * concurrency and the history of every change.
 */
import { createChangeHistory } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'enterprises';

/** The registry's limits on text, as constraints named `enterprise_<column>_length`. */
export const ENTERPRISE_TEXT_LIMITS: Record<string, number> = {
  name: 100,
  name_en: 200,
  address: 200,
  contact_name: 50,
  contact_phone: 30,
};

export const SCALES = ['ABOVE_DESIGNATED_SIZE', 'BELOW_DESIGNATED_SIZE'] as const;
export const MAX_CERTIFICATIONS = 20;
export const MAX_CERTIFICATION_LENGTH = 100;
export const FIRST_FOUNDED_YEAR = 1900;

/** What the search matches a name fragment against, lower-cased; generated, so no write path can skip it. */
const SEARCH_NAME = `lower(name || ' ' || coalesce(name_en, ''))`;

export async function up(knex: Knex): Promise<void> {
  await createChangeHistory(knex, SCHEMA);
  await knex.raw('create extension if not exists pg_trgm');
  await knex.raw(
    `alter table ${SCHEMA}.enterprise add column search_name text generated always as (${SEARCH_NAME}) stored`,
  );
  await knex.raw(
    `create index enterprise_search_name_trgm on ${SCHEMA}.enterprise using gin (search_name gin_trgm_ops)`,
  );
  await knex.schema.withSchema(SCHEMA).alterTable('enterprise', (table) => {
    table.integer('version').notNullable().defaultTo(1);
    // 规模以上: above designated size (annual revenue of ¥20 million or more); null where unknown.
    table.text('scale');
    table.specificType('certifications', 'text[]').notNullable().defaultTo('{}');
  });
  await knex.raw(
    `alter table ${SCHEMA}.enterprise add constraint enterprise_scale_check check (scale in (${SCALES.map((s) => `'${s}'`).join(', ')}))`,
  );
  // Registered in Guizhou: the division code (characters 3–8) begins with 52.
  await knex.raw(
    `alter table ${SCHEMA}.enterprise add column in_province boolean generated always as (substr(credit_code, 3, 2) = '52') stored`,
  );
  await knex.raw(`
    create function ${SCHEMA}.certifications_valid(certifications text[]) returns boolean language sql immutable as $$
      select coalesce(array_length(certifications, 1), 0) <= ${MAX_CERTIFICATIONS}
         and not exists (select from unnest(certifications) as c
                          where c is null or btrim(c) = '' or char_length(c) > ${MAX_CERTIFICATION_LENGTH})
    $$`);
  await knex.raw(
    `alter table ${SCHEMA}.enterprise add constraint enterprise_certifications_valid check (${SCHEMA}.certifications_valid(certifications))`,
  );
  for (const [column, limit] of Object.entries(ENTERPRISE_TEXT_LIMITS)) {
    await knex.raw(
      `alter table ${SCHEMA}.enterprise add constraint enterprise_${column}_length check (char_length(${column}) <= ${limit})`,
    );
  }
  await knex.raw(`alter table ${SCHEMA}.enterprise add constraint enterprise_name_not_blank check (btrim(name) <> '')`);
  await knex.raw(
    `alter table ${SCHEMA}.enterprise add constraint enterprise_founded_year_range check (founded_year between ${FIRST_FOUNDED_YEAR} and extract(year from created_at)::int)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`alter table ${SCHEMA}.enterprise drop column in_province, drop column search_name`);
  for (const constraint of [
    'enterprise_scale_check',
    'enterprise_certifications_valid',
    'enterprise_name_not_blank',
    'enterprise_founded_year_range',
    ...Object.keys(ENTERPRISE_TEXT_LIMITS).map((column) => `enterprise_${column}_length`),
  ]) {
    await knex.raw(`alter table ${SCHEMA}.enterprise drop constraint ${constraint}`);
  }
  await knex.schema.withSchema(SCHEMA).alterTable('enterprise', (table) => {
    table.dropColumn('version');
    table.dropColumn('scale');
    table.dropColumn('certifications');
  });
  await knex.raw(`drop function ${SCHEMA}.certifications_valid`);
  await knex.schema.withSchema(SCHEMA).dropTable('change_history');
}
