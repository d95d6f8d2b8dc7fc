/**
 * The planning source: electroplating zones with their limits (water, wastewater, heavy-metal
 * quotas), the plants in them with what each holds of those limits, the backward capacity to be
 * phased out, and the milestones of the regional platform layout plan. Every rule a row must keep
 * is a constraint here; above all, no limit is ever allocated beyond its capacity, whatever writes
 * at the same time.
 */
import { createChangeHistory, createSyncSupport, INDUSTRIES, REGION_CODE_PATTERN, trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';
import {
  ENTERPRISE_ID_PATTERN,
  LIMIT_KINDS,
  PHASE_OUT_STATUSES,
  PLANNING_LIMITS,
  PLANT_STATUSES,
  PLATING_PROCESSES,
  ZONE_STATUSES,
} from '../domain.ts';

const SCHEMA = 'planning';

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
const check = (table: string, name: string, sql: string) =>
  `alter table ${SCHEMA}.${table} add constraint ${name} check (${sql})`;
const textLength = (column: string, max: number) => `char_length(btrim(${column})) between 1 and ${max}`;
const amount = (column: string) => `${column} >= 0 and ${column} <= ${PLANNING_LIMITS.amount}`;

export async function up(knex: Knex): Promise<void> {
  await createChangeHistory(knex, SCHEMA);
  await createSyncSupport(knex, SCHEMA);

  await knex.schema.withSchema(SCHEMA).createTable('zone', (table) => {
    table.text('id').primary();
    table.text('name').notNullable().unique({ indexName: 'zone_name_key' });
    table.text('name_en');
    table.text('region_code').notNullable();
    table.text('status').notNullable();
    table.decimal('area_hectares', 10, 2).notNullable();
    table.text('control_unit');
    table.text('note');
    table.integer('version').notNullable().defaultTo(1);
    table.index(['region_code', 'id']);
    table.index(['name', 'id']);
  });
  await knex.raw(check('zone', 'zone_name_length', textLength('name', PLANNING_LIMITS.name)));
  await knex.raw(
    check('zone', 'zone_name_en_length', `name_en is null or ${textLength('name_en', PLANNING_LIMITS.name)}`),
  );
  await knex.raw(check('zone', 'zone_region_code_format', `region_code ~ '${REGION_CODE_PATTERN}'`));
  await knex.raw(check('zone', 'zone_status_known', `status in (${quoted(ZONE_STATUSES)})`));
  await knex.raw(
    check('zone', 'zone_area_range', `area_hectares > 0 and area_hectares <= ${PLANNING_LIMITS.areaHectares}`),
  );
  await knex.raw(
    check(
      'zone',
      'zone_control_unit_length',
      `control_unit is null or ${textLength('control_unit', PLANNING_LIMITS.controlUnit)}`,
    ),
  );
  await knex.raw(check('zone', 'zone_note_length', `note is null or char_length(note) <= ${PLANNING_LIMITS.note}`));
  await trackChanges(knex, SCHEMA, 'zone', 'Zone');

  // One row per zone and limit: what the zone allows and what its plants hold. The check that
  // allocated stays within capacity is what makes concurrent allocations safe: every allocation
  // updates this row, so PostgreSQL orders them and refuses the one that would overdraw.
  await knex.schema.withSchema(SCHEMA).createTable('zone_limit', (table) => {
    table.text('zone_id').notNullable().references('id').inTable(`${SCHEMA}.zone`).onDelete('cascade');
    table.text('kind').notNullable();
    table.decimal('capacity', 14, 3).notNullable();
    table.decimal('allocated', 14, 3).notNullable().defaultTo(0);
    table.primary(['zone_id', 'kind']);
  });
  await knex.raw(check('zone_limit', 'zone_limit_kind_known', `kind in (${quoted(LIMIT_KINDS)})`));
  await knex.raw(check('zone_limit', 'zone_limit_capacity_range', amount('capacity')));
  await knex.raw(check('zone_limit', 'zone_limit_allocated_nonnegative', 'allocated >= 0'));
  await knex.raw(check('zone_limit', 'zone_limit_within_capacity', 'allocated <= capacity'));

  await knex.schema.withSchema(SCHEMA).createTable('plant', (table) => {
    table.text('id').primary();
    table.text('zone_id').notNullable().references('id').inTable(`${SCHEMA}.zone`);
    table.text('enterprise_id').notNullable();
    table.text('name').notNullable();
    table.text('status').notNullable().defaultTo('OPERATING');
    table.jsonb('process_lines').notNullable().defaultTo('[]');
    table.integer('version').notNullable().defaultTo(1);
    // The target of plant_allocation's foreign key, so that an allocation names its plant's zone.
    table.unique(['id', 'zone_id'], { indexName: 'plant_id_zone_key' });
    table.index(['zone_id', 'id']);
    table.index(['enterprise_id', 'id']);
    table.index(['name', 'id']);
  });
  await knex.raw(check('plant', 'plant_name_length', textLength('name', PLANNING_LIMITS.name)));
  await knex.raw(check('plant', 'plant_enterprise_id_format', `enterprise_id ~ '${ENTERPRISE_ID_PATTERN}'`));
  await knex.raw(check('plant', 'plant_status_known', `status in (${quoted(PLANT_STATUSES)})`));
  // Process lines: [{ "process": "ZINC", "lines": 2 }, …], each process once, 1–50 lines.
  await knex.raw(`
    create function ${SCHEMA}.process_lines_valid(lines jsonb) returns boolean language sql immutable as $$
      select jsonb_typeof(lines) = 'array'
         and coalesce((select bool_and(jsonb_typeof(l) = 'object'
                                       and l ->> 'process' in (${quoted(PLATING_PROCESSES)})
                                       and jsonb_typeof(l -> 'lines') = 'number'
                                       and (l ->> 'lines')::numeric between 1 and ${PLANNING_LIMITS.linesPerProcess}
                                       and (l ->> 'lines')::numeric = trunc((l ->> 'lines')::numeric))
                         from jsonb_array_elements(lines) l), true)
         and (select count(distinct l ->> 'process') = count(*) from jsonb_array_elements(lines) l) $$`);
  await knex.raw(check('plant', 'plant_process_lines_valid', `${SCHEMA}.process_lines_valid(process_lines)`));
  await trackChanges(knex, SCHEMA, 'plant', 'Plant');

  // What each plant holds of its zone's limits; a row only for a positive amount.
  await knex.schema.withSchema(SCHEMA).createTable('plant_allocation', (table) => {
    table.text('plant_id').notNullable();
    table.text('zone_id').notNullable();
    table.text('kind').notNullable();
    table.decimal('amount', 14, 3).notNullable();
    table.primary(['plant_id', 'kind']);
    table
      .foreign(['plant_id', 'zone_id'], 'plant_allocation_plant_foreign')
      .references(['id', 'zone_id'])
      .inTable(`${SCHEMA}.plant`)
      .onDelete('cascade');
    table
      .foreign(['zone_id', 'kind'], 'plant_allocation_limit_foreign')
      .references(['zone_id', 'kind'])
      .inTable(`${SCHEMA}.zone_limit`);
  });
  await knex.raw(check('plant_allocation', 'plant_allocation_amount_positive', 'amount > 0'));
  // The zone's allocated amounts follow the plants' allocations, whatever path writes them (which
  // zones may grow is the model's rule, taken under the zone's lock: plants from before a zone was
  // restricted keep what they hold).
  await knex.raw(`
    create function ${SCHEMA}.follow_plant_allocation() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and (new.zone_id <> old.zone_id or new.kind <> old.kind) then
        raise exception 'an allocation cannot move to another zone or limit'
          using errcode = '23514', constraint = 'plant_allocation_fixed', detail = 'release it and allocate anew';
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        update ${SCHEMA}.zone_limit set allocated = allocated - old.amount where zone_id = old.zone_id and kind = old.kind;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        update ${SCHEMA}.zone_limit set allocated = allocated + new.amount where zone_id = new.zone_id and kind = new.kind;
      end if;
      return null;
    end $$`);
  await knex.raw(
    `create trigger plant_allocation_follow after insert or update or delete on ${SCHEMA}.plant_allocation
       for each row execute function ${SCHEMA}.follow_plant_allocation()`,
  );

  await knex.schema.withSchema(SCHEMA).createTable('phase_out', (table) => {
    table.text('id').primary();
    table.text('plant_id').notNullable().references('id').inTable(`${SCHEMA}.plant`);
    table.text('description').notNullable();
    table.text('process');
    table.integer('lines').notNullable();
    table.date('deadline').notNullable();
    table.text('status').notNullable().defaultTo('SCHEDULED');
    table.date('completed_on');
    // { "WATER": 12.5, "CADMIUM": 0.8, … }: what completing it gives back, by limit.
    table.jsonb('releases').notNullable().defaultTo('{}');
    table.integer('version').notNullable().defaultTo(1);
    table.index(['plant_id', 'id']);
    table.index(['deadline', 'id']);
  });
  await knex.raw(
    check('phase_out', 'phase_out_description_length', textLength('description', PLANNING_LIMITS.description)),
  );
  await knex.raw(
    check('phase_out', 'phase_out_process_known', `process is null or process in (${quoted(PLATING_PROCESSES)})`),
  );
  await knex.raw(check('phase_out', 'phase_out_lines_range', `lines between 1 and ${PLANNING_LIMITS.linesPerProcess}`));
  await knex.raw(check('phase_out', 'phase_out_status_known', `status in (${quoted(PHASE_OUT_STATUSES)})`));
  await knex.raw(check('phase_out', 'phase_out_completion', `(status = 'COMPLETED') = (completed_on is not null)`));
  await knex.raw(check('phase_out', 'phase_out_releases_object', `jsonb_typeof(releases) = 'object'`));
  await trackChanges(knex, SCHEMA, 'phase_out', 'PhaseOut');

  // The regional layout plan: so many platforms in a region and key industry by a year.
  await knex.schema.withSchema(SCHEMA).createTable('layout_milestone', (table) => {
    table.text('id').primary();
    table.text('region_code').notNullable();
    table.text('industry').notNullable();
    table.integer('year').notNullable();
    table.integer('platforms').notNullable();
    table.text('basis');
    table.integer('version').notNullable().defaultTo(1);
    table.unique(['region_code', 'industry', 'year'], { indexName: 'layout_milestone_cell_year_key' });
  });
  await knex.raw(
    check('layout_milestone', 'layout_milestone_region_code_format', `region_code ~ '${REGION_CODE_PATTERN}'`),
  );
  await knex.raw(check('layout_milestone', 'layout_milestone_industry_known', `industry in (${quoted(INDUSTRIES)})`));
  await knex.raw(check('layout_milestone', 'layout_milestone_year_range', 'year between 2000 and 2100'));
  await knex.raw(
    check(
      'layout_milestone',
      'layout_milestone_platforms_range',
      `platforms between 0 and ${PLANNING_LIMITS.milestonePlatforms}`,
    ),
  );
  await knex.raw(
    check(
      'layout_milestone',
      'layout_milestone_basis_length',
      `basis is null or ${textLength('basis', PLANNING_LIMITS.basis)}`,
    ),
  );
  await knex.raw(
    check('layout_milestone', 'layout_milestone_id_is_cell', `id = region_code || '-' || industry || '-' || year`),
  );
  await trackChanges(knex, SCHEMA, 'layout_milestone', 'LayoutMilestone');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['layout_milestone', 'phase_out', 'plant_allocation', 'plant', 'zone_limit', 'zone']) {
    await knex.schema.withSchema(SCHEMA).dropTable(table);
  }
  await knex.raw(`drop function ${SCHEMA}.follow_plant_allocation, ${SCHEMA}.process_lines_valid`);
  await knex.schema.withSchema(SCHEMA).dropTable('removal');
  await knex.schema.withSchema(SCHEMA).dropTable('change_history');
  await knex.raw(`drop function ${SCHEMA}.touch_updated_at, ${SCHEMA}.record_removal`);
}
