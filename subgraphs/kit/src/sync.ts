/**
 * Incremental sync for partner systems: every record has `created_at` and `updated_at`, kept by
 * the database itself (a trigger, so that a write by any path counts), and every removal leaves
 * a tombstone. A partner polls "changed since T" in `updated_at` order.
 *
 * Exactly once: a transaction stamps its rows with its start time but they appear only when it
 * commits, so a poll could otherwise pass a time whose rows are still to come. A poll therefore
 * returns only rows older than the oldest write transaction still open (the horizon); later rows
 * wait for the next poll. Times are kept to the millisecond, as the API gives them.
 */
import type { Knex } from 'knex';
import type { Database } from './database.ts';
import { badUserInput } from './errors.ts';
import { timestamp } from './filters.ts';
import {
  type Connection,
  countRows,
  keysetPage,
  type OrderFields,
  type Page,
  type PageArgs,
  parsePage,
  toConnection,
} from './pagination.ts';

const NOW_MS = "date_trunc('milliseconds', now())";
const REMOVALS = 'removal';

/** Migration step: the schema's trigger functions and its tombstone table. */
export async function createSyncSupport(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`
    create or replace function ${schema}.touch_updated_at() returns trigger language plpgsql as $$
    begin
      -- Whatever a writer sends, a row is stamped with the time of the transaction that wrote it.
      new.updated_at := ${NOW_MS};
      if tg_op = 'INSERT' then
        new.created_at := new.updated_at;
      else
        new.created_at := old.created_at;
      end if;
      return new;
    end $$`);
  await knex.raw(`
    create or replace function ${schema}.record_removal() returns trigger language plpgsql as $$
    begin
      insert into ${schema}.${REMOVALS} (entity, record_id) values (tg_argv[0], to_jsonb(old) ->> tg_argv[1]);
      return old;
    end $$`);
  await knex.schema.withSchema(schema).createTable(REMOVALS, (table) => {
    table.bigIncrements('id');
    table.text('entity').notNullable();
    table.text('record_id').notNullable();
    table.timestamp('removed_at', { useTz: true }).notNullable().defaultTo(knex.raw(NOW_MS));
    table.index(['entity', 'removed_at', 'id']);
  });
}

/**
 * Migration step for one table: `created_at` and `updated_at` (existing rows get the migration's
 * time), the trigger that stamps them on every insert and update, and the tombstone on delete.
 */
export async function trackChanges(
  knex: Knex,
  schema: string,
  table: string,
  entity: string,
  key = 'id',
): Promise<void> {
  const columns = await knex.raw(
    'select column_name from information_schema.columns where table_schema = ? and table_name = ?',
    [schema, table],
  );
  const existing = new Set((columns.rows as { column_name: string }[]).map((row) => row.column_name));
  for (const column of ['created_at', 'updated_at']) {
    if (existing.has(column)) {
      await knex.raw(`alter table ${schema}.${table} alter column ${column} set default ${NOW_MS}`);
    } else {
      await knex.raw(`alter table ${schema}.${table} add column ${column} timestamptz not null default ${NOW_MS}`);
    }
  }
  await knex.raw(`create index ${table}_updated_at_idx on ${schema}.${table} (updated_at, ${key})`);
  await knex.raw(
    `create trigger ${table}_touch before insert or update on ${schema}.${table} for each row execute function ${schema}.touch_updated_at()`,
  );
  await knex.raw(
    `create trigger ${table}_removal after delete on ${schema}.${table} for each row execute function ${schema}.record_removal('${entity}', '${key}')`,
  );
}

/**
 * The time before which every change is committed: the start of the oldest write transaction
 * still open on this database, else now. PGlite runs one transaction at a time: now.
 */
export async function syncHorizon(db: Database): Promise<string> {
  const [row] =
    db.kind === 'embedded'
      ? await db.raw<{ horizon: Date }>(`select ${NOW_MS} as horizon`)
      : await db.raw<{ horizon: Date }>(
          `select date_trunc('milliseconds', coalesce(min(xact_start), now())) as horizon
             from pg_stat_activity
            where datname = current_database() and backend_xid is not null and pid <> pg_backend_pid()`,
        );
  return new Date((row as { horizon: Date }).horizon).toISOString();
}

/** "Changed after `since`", fixed for one request: the rows changed after it and before the horizon. */
export interface ChangedWindow {
  since: string;
  horizon: string;
}

/** A filter's `updatedSince`, checked, with the horizon fixed now; null without one. */
export async function changedWindow(
  db: Database,
  updatedSince: string | null | undefined,
  field: string,
): Promise<ChangedWindow | null> {
  const since = timestamp(updatedSince, field);
  return since ? { since, horizon: await syncHorizon(db) } : null;
}

export function applyChangedWindow(query: Knex.QueryBuilder, window: ChangedWindow | null): void {
  if (window) query.where('updated_at', '>', window.since).where('updated_at', '<', window.horizon);
}

/**
 * A list's page, ordered by UPDATED_AT when it lists changes (`updatedSince`), so that a poll's
 * pages and the next poll meet exactly; another order is refused then.
 */
export function parseListPage<T extends { id: string }>(
  args: PageArgs,
  changed: ChangedWindow | null,
  prefix: string,
  orders: OrderFields<T>,
): Page<T> {
  const orderBy = args.orderBy ?? (changed ? { field: 'UPDATED_AT' } : null);
  const page = parsePage<T>({ ...args, orderBy }, prefix, orders);
  if (changed && page.order.field !== 'UPDATED_AT') {
    throw badUserInput(
      prefix ? `${prefix}.orderBy` : 'orderBy',
      `lists with updatedSince are ordered by UPDATED_AT, not ${page.order.field}`,
    );
  }
  return page;
}

export interface Removal {
  /** The tombstone's own id: the cursor. */
  id: string;
  recordId: string;
  removedAt: string;
}

const REMOVAL_ORDER: OrderFields<Removal> = {
  REMOVED_AT: { column: 'removed_at', value: (removal) => removal.removedAt },
};

/** The arguments of an `xxxRemovals(since, first, after)` field. */
export interface RemovalArgs extends Omit<PageArgs, 'orderBy'> {
  since: string;
}

/**
 * Tombstones of one entity removed after `since` (and before the horizon), paged in the order
 * they happened. Removals are public: an id that no longer exists tells nothing about what it was.
 */
export async function findRemovals(db: Database, entity: string, args: RemovalArgs): Promise<Connection<Removal>> {
  const since = timestamp(args.since, 'since') as string;
  const page = parsePage({ first: args.first, after: args.after, orderBy: { field: 'REMOVED_AT' } }, '', REMOVAL_ORDER);
  const horizon = await syncHorizon(db);
  const removed = () =>
    db.table(REMOVALS).where({ entity }).where('removed_at', '>', since).where('removed_at', '<', horizon);
  const rows = (await keysetPage(removed(), page)) as { id: string; record_id: string; removed_at: Date }[];
  const removals = rows.map((row) => ({
    id: String(row.id),
    recordId: row.record_id,
    removedAt: new Date(row.removed_at).toISOString(),
  }));
  return toConnection(removals, page, () => countRows(removed()));
}

export type RemovalConnection = Connection<Removal>;
