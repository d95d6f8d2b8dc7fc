/**
 * Indicator schemes as data, one per year (a weighted tree whose leaves read a figure from the
 * graph or take an assessor's score), and official rounds that snapshot the figures they score
 * from. The database has the last word on a scheme's shape: a deferred trigger checks, at commit,
 * that children's weights sum to their parent's and that the grade bands are in order.
 */
import { createChangeHistory, MAX_FEN, REGION_CODE_PATTERN, trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'assessments';

export const ASSESSMENT_METRICS = [
  'EFFECTIVE_HOURS_PER_INSTRUMENT',
  'EXTERNAL_HOURS_PER_INSTRUMENT',
  'SHARE_RATE',
  'OPEN_INSTRUMENT_SHARE',
  'SERVICES',
  'UNITS_SERVED',
  'MEAN_RATING',
  'CREDENTIALS_IN_FORCE',
  'ORDERS_SETTLED',
  'THREADS_ANSWERED_SHARE',
];

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await createChangeHistory(knex, SCHEMA);

  await knex.schema.withSchema(SCHEMA).createTable('scheme', (table) => {
    table.integer('year').primary();
    table.text('name').notNullable();
    // Region scores: the mean platform total, key industries covered, and instruments opened.
    table.decimal('region_platform_weight', 5, 2).notNullable();
    table.decimal('region_industry_weight', 5, 2).notNullable();
    table.decimal('region_open_weight', 5, 2).notNullable();
    table.text('tie_break_code');
    table.bigInteger('subsidy_pool_fen');
    table.integer('version').notNullable().defaultTo(1);
  });
  await knex.raw(`
    alter table ${SCHEMA}.scheme add constraint scheme_rules check (
      year between 2000 and 2100
      and char_length(name) between 1 and 200
      and region_platform_weight >= 0 and region_industry_weight >= 0 and region_open_weight >= 0
      and region_platform_weight + region_industry_weight + region_open_weight = 100
      and (subsidy_pool_fen is null or subsidy_pool_fen between 0 and ${MAX_FEN}))`);
  await trackChanges(knex, SCHEMA, 'scheme', 'AssessmentScheme', 'year');

  await knex.schema.withSchema(SCHEMA).createTable('scheme_indicator', (table) => {
    table.integer('year').notNullable().references('year').inTable(`${SCHEMA}.scheme`).onDelete('CASCADE');
    table.text('code').notNullable();
    table.text('parent_code');
    table.text('name').notNullable();
    table.text('name_en').notNullable();
    table.decimal('weight', 5, 2).notNullable();
    table.integer('position').notNullable();
    table.text('source').notNullable();
    table.text('metric');
    table.integer('within_days');
    table.text('rule_kind');
    table.decimal('rule_floor', 12, 4);
    table.decimal('rule_cap', 12, 4);
    table.decimal('rule_norm', 12, 4);
    // [{ "atLeast": 3, "score": 60 }, ...], ascending
    table.jsonb('rule_thresholds');
    table.primary(['year', 'code']);
    table.unique(['year', 'position'], { indexName: 'scheme_indicator_position_key' });
  });
  await knex.raw(`
    alter table ${SCHEMA}.scheme_indicator
      add constraint scheme_indicator_parent foreign key (year, parent_code)
        references ${SCHEMA}.scheme_indicator (year, code) on delete cascade deferrable initially deferred,
      add constraint scheme_indicator_code_format check (code ~ '^[A-Z][A-Z0-9_]{0,39}$'),
      add constraint scheme_indicator_names check (
        char_length(name) between 1 and 100 and char_length(name_en) between 1 and 100),
      add constraint scheme_indicator_weight_range check (weight > 0 and weight <= 100),
      add constraint scheme_indicator_source check (source in ('GROUP', 'METRIC', 'ENTERED')),
      add constraint scheme_indicator_metric check (
        (source = 'METRIC') = (metric is not null)
        and (metric is null or metric in (${list(ASSESSMENT_METRICS)}))
        and coalesce(metric = 'THREADS_ANSWERED_SHARE', false) = (within_days is not null)
        and (within_days is null or within_days between 1 and 30)),
      add constraint scheme_indicator_rule check (
        (source = 'METRIC') = (rule_kind is not null)
        and (rule_kind is null or rule_kind in ('LINEAR', 'RATIO_TO_NORM', 'THRESHOLDS'))
        and (rule_kind <> 'LINEAR' or (rule_cap is not null and rule_cap > coalesce(rule_floor, 0)))
        and (rule_kind <> 'RATIO_TO_NORM' or rule_norm > 0)
        and (rule_kind <> 'THRESHOLDS' or (jsonb_typeof(rule_thresholds) = 'array'
             and jsonb_array_length(rule_thresholds) between 1 and 10)))`);

  await knex.schema.withSchema(SCHEMA).createTable('scheme_grade', (table) => {
    table.integer('year').notNullable().references('year').inTable(`${SCHEMA}.scheme`).onDelete('CASCADE');
    table.text('grade').notNullable();
    table.decimal('min_total', 5, 2).notNullable();
    // Either a fixed amount for every platform of the grade, or a share of the pool split among them.
    table.bigInteger('subsidy_fen');
    table.integer('pool_share_bp');
    table.primary(['year', 'grade']);
  });
  await knex.raw(`
    alter table ${SCHEMA}.scheme_grade add constraint scheme_grade_rules check (
      grade in ('EXCELLENT', 'GOOD', 'PASS', 'POOR')
      and min_total between 0 and 100
      and (grade <> 'POOR' or min_total = 0)
      and (subsidy_fen is null or subsidy_fen between 0 and ${MAX_FEN})
      and (pool_share_bp is null or pool_share_bp between 0 and 10000)
      and (subsidy_fen is null or pool_share_bp is null))`);

  // The whole scheme, checked at commit so that a replacement can be written row by row.
  await knex.raw(`
    create function ${SCHEMA}.check_scheme() returns trigger language plpgsql as $$
    declare
      scheme_year integer;
      problem text;
    begin
      if tg_op = 'DELETE' then scheme_year := old.year; else scheme_year := new.year; end if;
      if not exists (select 1 from ${SCHEMA}.scheme where year = scheme_year) then
        return null;
      end if;
      select string_agg(format('%s: children weigh %s, not %s', p.code, s.total, p.weight), '; ')
        into problem
        from ${SCHEMA}.scheme_indicator p
        join (select parent_code, sum(weight) as total from ${SCHEMA}.scheme_indicator
              where year = scheme_year and parent_code is not null group by parent_code) s
          on s.parent_code = p.code
       where p.year = scheme_year and s.total <> p.weight;
      if problem is null then
        select format('the first-level indicators weigh %s, not 100', coalesce(sum(weight), 0)) into problem
          from ${SCHEMA}.scheme_indicator where year = scheme_year and parent_code is null
        having coalesce(sum(weight), 0) <> 100;
      end if;
      if problem is null then
        select string_agg(format('%s is a group without indicators', p.code), '; ') into problem
          from ${SCHEMA}.scheme_indicator p
         where p.year = scheme_year and p.source = 'GROUP'
           and not exists (select 1 from ${SCHEMA}.scheme_indicator c where c.year = scheme_year and c.parent_code = p.code);
      end if;
      if problem is null then
        select string_agg(format('%s has indicators under it but is not a GROUP', p.code), '; ') into problem
          from ${SCHEMA}.scheme_indicator p
         where p.year = scheme_year and p.source <> 'GROUP'
           and exists (select 1 from ${SCHEMA}.scheme_indicator c where c.year = scheme_year and c.parent_code = p.code);
      end if;
      if problem is null and (select count(*) from ${SCHEMA}.scheme_grade where year = scheme_year) <> 4 then
        problem := 'every grade (EXCELLENT, GOOD, PASS, POOR) needs a band';
      end if;
      if problem is null and not exists (
        select 1 from ${SCHEMA}.scheme_grade e, ${SCHEMA}.scheme_grade g, ${SCHEMA}.scheme_grade p
         where e.year = scheme_year and g.year = scheme_year and p.year = scheme_year
           and e.grade = 'EXCELLENT' and g.grade = 'GOOD' and p.grade = 'PASS'
           and e.min_total > g.min_total and g.min_total > p.min_total and p.min_total > 0) then
        problem := 'the grade bands must rise: POOR from 0 < PASS < GOOD < EXCELLENT';
      end if;
      if problem is null and (select coalesce(sum(pool_share_bp), 0) from ${SCHEMA}.scheme_grade where year = scheme_year) > 10000 then
        problem := 'the grades'' pool shares add up to more than the whole pool';
      end if;
      if problem is null and exists (select 1 from ${SCHEMA}.scheme_grade where year = scheme_year and pool_share_bp > 0)
         and (select subsidy_pool_fen from ${SCHEMA}.scheme where year = scheme_year) is null then
        problem := 'a grade takes a share of the pool, but the scheme has no subsidy pool';
      end if;
      if problem is null and exists (
        select 1 from ${SCHEMA}.scheme s where s.year = scheme_year and s.tie_break_code is not null
           and not exists (select 1 from ${SCHEMA}.scheme_indicator i where i.year = s.year and i.code = s.tie_break_code)) then
        problem := 'the tie-break indicator is not one of the scheme''s indicators';
      end if;
      if problem is not null then
        raise exception 'scheme % is not valid: %', scheme_year, problem
          using errcode = '23514', constraint = 'scheme_valid', detail = problem;
      end if;
      return null;
    end $$`);
  for (const table of ['scheme', 'scheme_indicator', 'scheme_grade']) {
    await knex.raw(
      `create constraint trigger ${table}_valid after insert or update or delete on ${SCHEMA}.${table}
         deferrable initially deferred for each row execute function ${SCHEMA}.check_scheme()`,
    );
  }

  // Earlier results become schemes of their years: their first-level indicators, as entered scores.
  const years = await knex(`${SCHEMA}.assessment`).distinct('year').orderBy('year');
  const indicators = await knex(`${SCHEMA}.indicator`).orderBy('position');
  for (const { year } of years as { year: number }[]) {
    await knex(`${SCHEMA}.scheme`).insert({
      year,
      name: `${year} assessment`,
      region_platform_weight: 100,
      region_industry_weight: 0,
      region_open_weight: 0,
    });
    await knex(`${SCHEMA}.scheme_indicator`).insert(
      indicators.map((indicator: Record<string, unknown>) => ({
        year,
        code: indicator.code,
        name: indicator.name,
        name_en: indicator.name_en,
        weight: indicator.weight,
        position: indicator.position,
        source: 'ENTERED',
      })),
    );
    await knex(`${SCHEMA}.scheme_grade`).insert([
      { year, grade: 'EXCELLENT', min_total: 90 },
      { year, grade: 'GOOD', min_total: 85 },
      { year, grade: 'PASS', min_total: 60 },
      { year, grade: 'POOR', min_total: 0 },
    ]);
  }

  // A score belongs to its year's scheme; published scores keep the figure they came from and the
  // assessor's comment.
  await knex.raw(`alter table ${SCHEMA}.assessment_score
    add column year integer,
    add column value numeric(14, 4),
    add column comment text`);
  await knex.raw(`update ${SCHEMA}.assessment_score s set year = a.year from ${SCHEMA}.assessment a
    where a.id = s.assessment_id`);
  await knex.raw(`alter table ${SCHEMA}.assessment_score
    alter column year set not null,
    drop constraint assessment_score_indicator_code_foreign,
    add constraint assessment_score_indicator foreign key (year, indicator_code)
      references ${SCHEMA}.scheme_indicator (year, code),
    add constraint assessment_score_comment_length check (char_length(comment) between 1 and 500)`);
  await knex.schema.withSchema(SCHEMA).dropTable('indicator');

  // Published by a round: its rank in the year and the subsidy it earned.
  await knex.raw(`alter table ${SCHEMA}.assessment
    add column round_id text,
    add column rank integer,
    add column subsidy_fen bigint,
    add constraint assessment_rank_positive check (rank > 0),
    add constraint assessment_subsidy_range check (subsidy_fen between 0 and ${MAX_FEN})`);

  await knex.schema.withSchema(SCHEMA).createTable('assessment_round', (table) => {
    table.text('id').primary();
    table.integer('year').notNullable().unique({ indexName: 'assessment_round_year_key' });
    table.text('status').notNullable().defaultTo('OPEN');
    table.timestamp('figures_taken_at', { useTz: true }).notNullable();
    table.timestamp('published_at', { useTz: true });
    table.integer('version').notNullable().defaultTo(1);
    table.foreign('year').references('year').inTable(`${SCHEMA}.scheme`);
  });
  await knex.raw(`alter table ${SCHEMA}.assessment_round add constraint assessment_round_status check (
    status in ('OPEN', 'IN_REVIEW', 'PUBLISHED') and (status = 'PUBLISHED') = (published_at is not null))`);
  await trackChanges(knex, SCHEMA, 'assessment_round', 'AssessmentRound');
  await knex.raw(`alter table ${SCHEMA}.assessment add constraint assessment_round foreign key (round_id)
    references ${SCHEMA}.assessment_round (id)`);

  // Each platform of a round, with what the graph said of it when the figures were taken.
  await knex.schema.withSchema(SCHEMA).createTable('round_entry', (table) => {
    // "<round id>/<platform id>"
    table.text('id').primary();
    table.text('round_id').notNullable().references('id').inTable(`${SCHEMA}.assessment_round`).onDelete('CASCADE');
    table.text('platform_id').notNullable();
    table.text('platform_name').notNullable();
    table.text('region_code');
    table.text('operator_id');
    table.specificType('industries', 'text[]').notNullable();
    table.jsonb('figures').notNullable();
    table.text('assessor_id');
    table.text('assessor_enterprise_id');
    table.integer('version').notNullable().defaultTo(1);
    table.unique(['round_id', 'platform_id'], { indexName: 'round_entry_key' });
    table.index(['round_id', 'assessor_id']);
  });
  await knex.raw(`alter table ${SCHEMA}.round_entry
    add constraint round_entry_region_code_format check (region_code ~ '${REGION_CODE_PATTERN}'),
    add constraint round_entry_assessor check (assessor_enterprise_id is null or assessor_id is not null),
    -- Nobody assesses a platform their own enterprise operates.
    add constraint round_entry_no_own_platform check (assessor_enterprise_id is distinct from operator_id
      or assessor_enterprise_id is null)`);
  await trackChanges(knex, SCHEMA, 'round_entry', 'RoundEntry');

  // The construction figures of each region, taken with the platforms' figures.
  await knex.schema.withSchema(SCHEMA).createTable('round_region', (table) => {
    table.text('round_id').notNullable().references('id').inTable(`${SCHEMA}.assessment_round`).onDelete('CASCADE');
    table.text('region_code').notNullable();
    table.integer('instruments').notNullable();
    table.integer('open_instruments').notNullable();
    // Set when the round is published.
    table.decimal('score', 5, 2);
    table.integer('rank');
    table.primary(['round_id', 'region_code']);
  });
  await knex.raw(`alter table ${SCHEMA}.round_region add constraint round_region_figures check (
    region_code ~ '${REGION_CODE_PATTERN}' and instruments >= 0 and open_instruments between 0 and instruments
    and (score is null or score between 0 and 100) and (score is null) = (rank is null))`);

  // The scores assessors enter, with their comments; edited through the versioned write path.
  await knex.schema.withSchema(SCHEMA).createTable('round_score', (table) => {
    table.text('id').primary();
    table.text('round_id').notNullable();
    table.text('platform_id').notNullable();
    table.text('indicator_code').notNullable();
    table.decimal('score', 5, 2).notNullable();
    table.text('comment').notNullable();
    table.text('scored_by').notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.unique(['round_id', 'platform_id', 'indicator_code'], { indexName: 'round_score_key' });
  });
  await knex.raw(`alter table ${SCHEMA}.round_score
    add constraint round_score_entry foreign key (round_id, platform_id)
      references ${SCHEMA}.round_entry (round_id, platform_id) on delete cascade,
    add constraint round_score_range check (score between 0 and 100),
    add constraint round_score_comment_length check (char_length(comment) between 1 and 500)`);
  await trackChanges(knex, SCHEMA, 'round_score', 'RoundScore');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['round_score', 'round_region', 'round_entry']) {
    await knex.schema.withSchema(SCHEMA).dropTable(table);
  }
  await knex.raw(`alter table ${SCHEMA}.assessment drop column round_id, drop column rank, drop column subsidy_fen`);
  await knex.schema.withSchema(SCHEMA).dropTable('assessment_round');
  // Back to one list of indicators: the latest scheme's first level; scores of other indicators go.
  await knex.raw(`create table ${SCHEMA}.indicator as
    select code, name, name_en, weight, position from ${SCHEMA}.scheme_indicator
     where parent_code is null and year = (select max(year) from ${SCHEMA}.scheme)`);
  await knex.raw(`alter table ${SCHEMA}.indicator add primary key (code)`);
  await knex.raw(
    `delete from ${SCHEMA}.assessment_score where indicator_code not in (select code from ${SCHEMA}.indicator)`,
  );
  await knex.raw(`alter table ${SCHEMA}.assessment_score drop column year, drop column value, drop column comment,
    add constraint assessment_score_indicator_code_foreign foreign key (indicator_code) references ${SCHEMA}.indicator (code)`);
  await knex.raw(`drop function ${SCHEMA}.check_scheme cascade`);
  for (const table of ['scheme_grade', 'scheme_indicator', 'scheme', 'change_history']) {
    await knex.schema.withSchema(SCHEMA).dropTable(table);
  }
}
