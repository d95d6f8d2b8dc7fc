/**
 * The legacy-lab adapter's install: in the subgraph's schema, views named as the tables the
 * models read, mapping the legacy tables (legacyTables.ts) onto them column for column — ids from
 * the province's identifiers the legacy rows keep, words to codes, yuan to ¥10,000, YYYYMMDD text
 * to dates, Beijing local times to instants, the version from the legacy version counter, and the
 * search columns computed as the migrations define them. What the legacy system lacks is the
 * adapter's: the NRII classification and the history of edits made through the graph as tables,
 * bookings and closures as empty views. One write goes back: how an instrument is run and shared
 * (updateInstrumentOperations), through an INSTEAD OF trigger that keeps the model's limits, the
 * version check and the tombstone of a record leaving the public catalogue. Every other write to
 * a view is refused with SQLSTATE 25006, which the kit answers as SOURCE_READ_ONLY.
 *
 * Run on every start: views, functions and triggers are created or replaced, tables created if
 * missing. Nothing here alters a legacy table.
 */
import { createChangeHistory, createSyncSupport } from '@gzequip/kit';
import type { Knex } from 'knex';
import { TEXT_LIMITS } from '../../migrations/20261130000000_instrument_edits.ts';
import {
  CHARACTER_PAIRS,
  classificationLevels,
  SEARCH_DOCUMENT,
  SEARCH_TITLE,
} from '../../migrations/20261202000000_instrument_records.ts';
import { LEGACY_SCHEMA } from './legacyTables.ts';
import {
  codeSql,
  DISCIPLINE_SEPARATOR,
  INDUSTRY_SEPARATOR,
  INDUSTRY_WORDS,
  literal,
  OWNER_TYPE_WORDS,
  PURPOSE_WORDS,
  REVIEW_STATUS_WORDS,
  SHARING_MODE_WORDS,
  SOURCE_WORDS,
  STATUS_WORDS,
  wordSql,
  YES_NO_WORDS,
} from './words.ts';

const INSTRUMENTS = `${LEGACY_SCHEMA}.t_yq_jbxx`;
const UNITS = `${LEGACY_SCHEMA}.t_dw_jbxx`;
const PLATFORMS = `${LEGACY_SCHEMA}.t_pt_jbxx`;

/**
 * The graph's id of a legacy row: the province's identifier it keeps (对接编码), else one made
 * from the legacy number, so a record never registered with the province still has a stable id.
 */
const graphId = (alias: string, number: string) => `coalesce(${alias}.sjdjbm, 'yqgx-' || ${alias}.${number})::text`;

/** The legacy word columns: the column, its words, and whether it may be empty. */
const WORD_COLUMNS: { column: string; words: Record<string, string>; nullable?: boolean }[] = [
  { column: 'yqly', words: SOURCE_WORDS },
  { column: 'yqyt', words: PURPOSE_WORDS },
  { column: 'gxms', words: SHARING_MODE_WORDS },
  { column: 'zt', words: STATUS_WORDS },
  { column: 'shzt', words: REVIEW_STATUS_WORDS },
  { column: 'dwxz', words: OWNER_TYPE_WORDS, nullable: true },
  { column: 'sfhgjg', words: YES_NO_WORDS },
  { column: 'sfsm', words: YES_NO_WORDS },
];

/**
 * The fields updateInstrumentOperations changes, and the legacy column each goes back to (with
 * the word table for those kept as words). Nothing else of a record can be written here.
 */
const WRITABLE_COLUMNS: { column: string; legacy: string; words?: Record<string, string> }[] = [
  { column: 'status', legacy: 'zt', words: STATUS_WORDS },
  { column: 'sharing_mode', legacy: 'gxms', words: SHARING_MODE_WORDS },
  { column: 'fee_text', legacy: 'sfbz' },
  { column: 'sharing_rules', legacy: 'gxzd' },
  { column: 'service_content', legacy: 'fwnr' },
  { column: 'service_url', legacy: 'fwwz' },
  { column: 'address', legacy: 'azdd' },
  { column: 'contact_name', legacy: 'lxr' },
  { column: 'contact_phone', legacy: 'lxdh' },
];

/** The instrument table's columns as the models read them, each from the legacy record. */
function instrumentColumns(schema: string): string {
  const code = (column: string, words: Record<string, string>, nullable = false) =>
    codeSql(words, `y.${column}`, { column: `${INSTRUMENTS}.${column}`, schema, nullable });
  const flag = (column: string) => `(${code(column, YES_NO_WORDS)})::boolean`;
  const industry = codeSql(INDUSTRY_WORDS, 'u.word', { column: `${INSTRUMENTS}.cyly`, schema });
  return `
    ${graphId('y', 'yqbh')} as id,
    y.zcbh::text as asset_number,
    y.yqmc::text as name,
    y.ywmc::text as name_en,
    y.flbm::text as class_code,
    ${code('yqly', SOURCE_WORDS)} as source,
    ${flag('sfhgjg')} as customs_supervised,
    round(y.yz / 10000, 2)::numeric(12, 2) as original_value,
    y.zzgb::text as country,
    y.sccs::text as manufacturer,
    y.ggxh::text as model,
    to_date(y.qyrq, 'YYYYMMDD') as start_of_use,
    ${code('yqyt', PURPOSE_WORDS)} as purpose,
    y.jszb as technical_indicators,
    y.zygn as main_functions,
    coalesce(string_to_array(nullif(y.xkly, ''), '${DISCIPLINE_SEPARATOR}'), '{}'::text[]) as disciplines,
    y.fwnr as service_content,
    y.gxzd as sharing_rules,
    y.sfbz as fee_text,
    y.fwwz::text as service_url,
    ${code('gxms', SHARING_MODE_WORDS)} as sharing_mode,
    ${code('zt', STATUS_WORDS)} as status,
    y.azdd::text as address,
    y.lxr::text as contact_name,
    y.lxdh::text as contact_phone,
    y.xzqhdm::text as region_code,
    array(select ${industry}
            from unnest(string_to_array(nullif(y.cyly, ''), '${INDUSTRY_SEPARATOR}')) with ordinality as u(word, n)
           order by u.n) as industries,
    coalesce((select ${graphId('d', 'dwbh')} from ${UNITS} d where d.dwbh = y.dwbh), 'yqgx-' || y.dwbh)::text
      as owner_id,
    case when y.ptbh is null then null
         else coalesce((select p.sjdjbm from ${PLATFORMS} p where p.ptbh = y.ptbh), 'yqgx-' || y.ptbh) end::text
      as platform_id,
    y.bbh + 1 as version,
    y.gxsj at time zone 'Asia/Shanghai' as updated_at,
    y.cjsj at time zone 'Asia/Shanghai' as created_at,
    ${code('dwxz', OWNER_TYPE_WORDS, true)} as owner_type,
    (select d.tyshxydm from ${UNITS} d where d.dwbh = y.dwbh)::text as owner_credit_code,
    ${code('shzt', REVIEW_STATUS_WORDS)} as review_status,
    y.thyy::text as rejection_reason,
    y.fbsj at time zone 'Asia/Shanghai' as published_at,
    ${flag('sfsm')} as classified,
    y.tpdz::text as image_url`;
}

/** Views of what the legacy system does not have: their columns as the models read them, no rows. */
const EMPTY_VIEWS: Record<string, { reason: string; columns: Record<string, string> }> = {
  booking_rule: {
    reason: 'the legacy database has no booking rules',
    columns: {
      id: 'text',
      bookable_hours: 'jsonb',
      min_minutes: 'integer',
      max_minutes: 'integer',
      min_notice_hours: 'integer',
      max_advance_days: 'integer',
      requires_approval: 'boolean',
      cancellation_window_hours: 'integer',
      cancellation_fee_fen: 'integer',
      prices: 'jsonb',
      version: 'integer',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  closure: {
    reason: 'the legacy database has no closures',
    columns: {
      id: 'text',
      instrument_id: 'text',
      during: 'tstzrange',
      reason: 'text',
      version: 'integer',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  booking: {
    reason: 'the legacy database has no bookings',
    columns: {
      id: 'text',
      instrument_id: 'text',
      requester_enterprise_id: 'text',
      requester_user_id: 'text',
      external: 'boolean',
      price_group: 'text',
      during: 'tstzrange',
      samples: 'integer',
      purpose: 'text',
      status: 'text',
      decision_reason: 'text',
      charge_unit: 'text',
      rate_fen: 'integer',
      minimum_charge_fen: 'integer',
      estimated_charge_fen: 'integer',
      cancellation_fee_fen: 'integer',
      actual_start: 'timestamptz',
      actual_end: 'timestamptz',
      used_minutes: 'integer',
      service_way: 'text',
      user_unit: 'text',
      rating: 'smallint',
      rating_comment: 'text',
      charge_fen: 'integer',
      version: 'integer',
      service_year: 'integer',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  instrument_calendar: {
    reason: 'the legacy database has no calendar',
    columns: { instrument_id: 'text', during: 'tstzrange', booking_id: 'text', closure_id: 'text' },
  },
};

/** Refuses every write to a view, as a read-only database would (25006: SOURCE_READ_ONLY). */
async function refuseWrites(
  knex: Knex,
  schema: string,
  view: string,
  reason: string,
  operations = 'insert or update or delete',
) {
  await knex.raw(
    `create or replace trigger ${view}_read_only instead of ${operations} on "${schema}".${view}
       for each row execute function "${schema}".refuse_write(${literal(reason)})`,
  );
}

/** The record's writes: how it is run and shared goes back to the legacy columns, in legacy units. */
function instrumentWriteFunction(schema: string): string {
  const kept = [...WRITABLE_COLUMNS.map(({ column }) => column), 'version', 'updated_at'];
  const limits = Object.entries(TEXT_LIMITS)
    .map(
      ([column, limit]) => `
      if char_length(new.${column}) > ${limit} then
        raise exception using errcode = 'check_violation', constraint = 'instrument_${column}_length',
          message = '${column} is longer than ${limit} characters';
      end if;`,
    )
    .join('');
  const assignments = WRITABLE_COLUMNS.map(
    ({ column, legacy, words }) => `${legacy} = ${words ? wordSql(words, `new.${column}`) : `new.${column}`}`,
  ).join(', ');
  const listed = (row: string) =>
    `(${row}.review_status = 'PUBLISHED' and ${row}.sharing_mode <> 'NOT_SHARED' and not ${row}.classified)`;
  return `
    create or replace function "${schema}".instrument_write() returns trigger language plpgsql as $$
    begin
      -- Only how the instrument is run and shared goes back; the record itself is the legacy system's.
      if (to_jsonb(new) - array[${kept.map(literal).join(', ')}]) is distinct from
         (to_jsonb(old) - array[${kept.map(literal).join(', ')}]) then
        raise exception using errcode = 'read_only_sql_transaction',
          message = 'instrument records are kept by the legacy system',
          detail = 'the legacy database takes changes to how an instrument is run and shared only';
      end if;
      -- The limits the subgraph's own table enforces, under the same constraint names.${limits}
      if new.service_url !~ '^(http|https)://' then
        raise exception using errcode = 'check_violation', constraint = 'instrument_service_url_scheme',
          message = 'service_url is not an http(s) address';
      end if;
      if new.classified and new.sharing_mode <> 'NOT_SHARED' then
        raise exception using errcode = 'check_violation', constraint = 'instrument_classified_not_shared',
          message = 'a classified instrument is not shared';
      end if;
      update ${INSTRUMENTS}
         set ${assignments},
             bbh = bbh + 1,
             gxsj = date_trunc('milliseconds', now() at time zone 'Asia/Shanghai')
       where ${graphId(INSTRUMENTS, 'yqbh')} = old.id and bbh = old.version - 1;
      if not found then
        -- The legacy application changed it after it was read.
        raise exception using errcode = 'serialization_failure',
          message = format('instrument %s changed in the legacy database meanwhile', old.id);
      end if;
      -- Leaving the public catalogue is a removal to partners mirroring it, as with owned tables.
      if ${listed('old')} and not ${listed('new')} then
        insert into "${schema}".removal (entity, record_id) values ('Instrument', old.id);
      end if;
      select * into new from "${schema}".instrument where id = old.id;
      return new;
    end $$`;
}

/** Words in the legacy tables that the adapter has no code for: the install stops on them. */
async function unmappedWords(knex: Knex): Promise<string[]> {
  const problems: string[] = [];
  for (const { column, words, nullable } of WORD_COLUMNS) {
    const found = await knex.raw(`select ${column} as word, count(*)::int as rows from ${INSTRUMENTS} group by 1`);
    for (const { word, rows } of (found as { rows: { word: string | null; rows: number }[] }).rows) {
      if (word === null ? !nullable : !(word in words)) {
        problems.push(
          `${INSTRUMENTS}.${column} holds ${word === null ? 'nothing' : JSON.stringify(word)} (${rows} rows)`,
        );
      }
    }
  }
  const industries = await knex.raw(
    `select u.word, count(*)::int as rows
       from ${INSTRUMENTS}, unnest(string_to_array(nullif(cyly, ''), '${INDUSTRY_SEPARATOR}')) as u(word) group by 1`,
  );
  for (const { word, rows } of (industries as { rows: { word: string; rows: number }[] }).rows) {
    if (!(word in INDUSTRY_WORDS)) problems.push(`${INSTRUMENTS}.cyly holds ${JSON.stringify(word)} (${rows} rows)`);
  }
  const dates = await knex.raw(`select count(*)::int as rows from ${INSTRUMENTS} where qyrq !~ '^[0-9]{8}$'`);
  const badDates = (dates as { rows: { rows: number }[] }).rows[0]?.rows ?? 0;
  if (badDates > 0) problems.push(`${INSTRUMENTS}.qyrq is not YYYYMMDD text in ${badDates} rows`);
  return problems;
}

/** Creates or replaces the adapter's functions, tables, views and triggers in `schema`. */
export async function installLegacyLab(knex: Knex, schema: string): Promise<void> {
  const legacy = await knex.raw(`select to_regclass(?) as found`, [INSTRUMENTS]);
  if (!(legacy as { rows: { found: string | null }[] }).rows[0]?.found) {
    throw new Error(
      `The legacy-lab adapter reads the legacy tables in schema ${LEGACY_SCHEMA}, which this database does not have: ` +
        'load them with pnpm legacy-fixture, or point INSTRUMENTS_DATABASE_URL at the database that holds them',
    );
  }
  const unmapped = await unmappedWords(knex);
  if (unmapped.length > 0) {
    throw new Error(
      `The legacy-lab adapter has no code for what the legacy tables hold: ${unmapped.join('; ')}. ` +
        'Add the words to src/adapters/legacyLab/words.ts (or correct the rows) and start again',
    );
  }
  // Search matches by trigram similarity, as over the subgraph's own tables.
  await knex.raw('create extension if not exists pg_trgm');

  await knex.raw(`
    create or replace function "${schema}".unmapped_word(place text, word text) returns text
    language plpgsql immutable as $$
    begin
      raise exception using errcode = 'data_exception',
        message = format('legacy-lab: %s holds %s, which the adapter has no code for', place, coalesce(quote_literal(word), 'nothing')),
        hint = 'add the word to the adapter''s words (src/adapters/legacyLab/words.ts)';
    end $$`);
  await knex.raw(`
    create or replace function "${schema}".character_pairs(text) returns text[] language sql immutable parallel safe as $$
      ${CHARACTER_PAIRS}
    $$`);
  await knex.raw(`
    create or replace function "${schema}".refuse_write() returns trigger language plpgsql as $$
    begin
      raise exception using errcode = 'read_only_sql_transaction',
        message = format('%s is read-only over the legacy-lab source', tg_table_name), detail = tg_argv[0];
    end $$`);

  // What the legacy system lacks and the adapter keeps: the classification, the graph's edits, tombstones.
  await knex.raw(`
    create table if not exists "${schema}".instrument_class (
      code text primary key,
      name text not null,
      name_en text,
      parent_code text references "${schema}".instrument_class (code)
    )`);
  for (const level of classificationLevels()) {
    await knex.withSchema(schema).table('instrument_class').insert(level).onConflict('code').merge();
  }
  if (!(await knex.schema.withSchema(schema).hasTable('change_history'))) await createChangeHistory(knex, schema);
  if (!(await knex.schema.withSchema(schema).hasTable('removal'))) await createSyncSupport(knex, schema);

  await knex.raw(`
    create or replace view "${schema}".instrument as
    select record.*,
           ${SEARCH_DOCUMENT} as search_document,
           ${SEARCH_TITLE} as search_title,
           "${schema}".character_pairs(${SEARCH_TITLE}) as search_title_pairs
      from (select ${instrumentColumns(schema)} from ${INSTRUMENTS} y) as record`);
  await knex.raw(instrumentWriteFunction(schema));
  await knex.raw(
    `create or replace trigger instrument_write instead of update on "${schema}".instrument
       for each row execute function "${schema}".instrument_write()`,
  );
  await refuseWrites(
    knex,
    schema,
    'instrument',
    'instruments are filed and withdrawn in the legacy system',
    'insert or delete',
  );

  await knex.raw(`
    create or replace view "${schema}".owner as
    select d.sjdjbm::text as id, d.tyshxydm::text as credit_code
      from ${UNITS} d
     where d.sjdjbm is not null and d.tyshxydm is not null`);
  await refuseWrites(knex, schema, 'owner', 'units are registered in the legacy system');

  for (const [view, { reason, columns }] of Object.entries(EMPTY_VIEWS)) {
    const select = Object.entries(columns)
      .map(([column, type]) => `null::${type} as ${column}`)
      .join(', ');
    await knex.raw(`create or replace view "${schema}".${view} as select ${select} where false`);
    await refuseWrites(knex, schema, view, reason);
  }
}
