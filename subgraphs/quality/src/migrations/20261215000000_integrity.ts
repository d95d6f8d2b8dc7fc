/**
 * What integrity checks found: one row per check, one per source and entity it read, and one per
 * reference that led nowhere. A check runs in the background (a province's records take longer
 * than a request may), so its row shows its progress until it finishes or fails; its findings are
 * written once, when it finishes, and never edited: the checks are the history of the graph's
 * integrity.
 */
import type { Knex } from 'knex';

const SCHEMA = 'quality';

export const TARGET_TYPES = ['Enterprise', 'Platform', 'Region'] as const;
export const MAX_STALE_AFTER_DAYS = 3650;
export const CHECK_STATUSES = ['RUNNING', 'FINISHED', 'FAILED'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).createTable('integrity_check', (table) => {
    table.text('id').primary();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true });
    table.text('status').notNullable().defaultTo('RUNNING');
    /** Why a failed check failed, for the administrator. */
    table.text('failure');
    table.text('checked_by');
    table.integer('stale_after_days').notNullable();
    table.integer('dangling_count');
    /** Progress while it runs: records read and pages fetched so far, and when it last moved. */
    table.integer('records_read').notNullable().defaultTo(0);
    table.integer('pages_read').notNullable().defaultTo(0);
    table.timestamp('progressed_at', { useTz: true }).notNullable();
    table.index(['started_at', 'id']);
  });
  const checkChecks: Record<string, string> = {
    integrity_check_status_check: `status in (${CHECK_STATUSES.map((s) => `'${s}'`).join(', ')})`,
    integrity_check_times: 'finished_at >= started_at',
    // A running check has no end; a finished one has its end and its count; a failed one, its reason.
    integrity_check_end_once_done: `(status = 'RUNNING') = (finished_at is null)`,
    integrity_check_count_once_finished: `(status = 'FINISHED') = (dangling_count is not null)`,
    integrity_check_failure_reason: `(status = 'FAILED') = (failure is not null)`,
    integrity_check_stale_after_days_range: `stale_after_days between 1 and ${MAX_STALE_AFTER_DAYS}`,
    integrity_check_counts_not_negative: 'dangling_count >= 0 and records_read >= 0 and pages_read >= 0',
  };
  for (const [name, check] of Object.entries(checkChecks)) {
    await knex.raw(`alter table ${SCHEMA}.integrity_check add constraint ${name} check (${check})`);
  }
  // One check at a time: two would read every source twice over for the same answer.
  await knex.raw(
    `create unique index integrity_check_one_running on ${SCHEMA}.integrity_check ((true)) where status = 'RUNNING'`,
  );

  await knex.schema.withSchema(SCHEMA).createTable('source_quality', (table) => {
    table.text('check_id').notNullable().references('id').inTable(`${SCHEMA}.integrity_check`).onDelete('cascade');
    /** The order the sources were checked in: the order they are shown in. */
    table.smallint('position').notNullable();
    table.text('source').notNullable();
    table.text('entity').notNullable();
    table.integer('record_count').notNullable();
    table.integer('reference_count').notNullable();
    table.integer('dangling_count').notNullable();
    table.integer('stale_count').notNullable();
    /** `{ "field": records lacking it }`, in the order the fields are checked. */
    table.jsonb('missing_fields').notNullable();
    table.primary(['check_id', 'source', 'entity']);
    table.unique(['check_id', 'position']);
  });
  const figureChecks: Record<string, string> = {
    source_quality_counts_not_negative: 'record_count >= 0 and reference_count >= 0 and stale_count >= 0',
    source_quality_dangling_range: 'dangling_count between 0 and reference_count',
    source_quality_stale_range: 'stale_count <= record_count',
    source_quality_missing_fields_object: `jsonb_typeof(missing_fields) = 'object'`,
  };
  for (const [name, check] of Object.entries(figureChecks)) {
    await knex.raw(`alter table ${SCHEMA}.source_quality add constraint ${name} check (${check})`);
  }

  await knex.schema.withSchema(SCHEMA).createTable('dangling_reference', (table) => {
    table.bigIncrements('id');
    table.text('check_id').notNullable().references('id').inTable(`${SCHEMA}.integrity_check`).onDelete('cascade');
    table.text('source').notNullable();
    table.text('entity').notNullable();
    table.text('record_id').notNullable();
    table.text('field').notNullable();
    table.text('target_type').notNullable();
    table.text('target_key').notNullable();
    table.unique(['check_id', 'source', 'entity', 'record_id', 'field']);
    table.index(['check_id', 'id']);
  });
  await knex.raw(
    `alter table ${SCHEMA}.dangling_reference add constraint dangling_reference_target_type_check check (target_type in (${TARGET_TYPES.map((t) => `'${t}'`).join(', ')}))`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.dangling_reference add constraint dangling_reference_keys_not_blank check (btrim(record_id) <> '' and btrim(target_key) <> '')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).dropTable('dangling_reference');
  await knex.schema.withSchema(SCHEMA).dropTable('source_quality');
  await knex.schema.withSchema(SCHEMA).dropTable('integrity_check');
}
