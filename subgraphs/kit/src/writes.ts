/**
 * The write path every mutation goes through: one transaction; the database's constraints as the
 * last word, their refusals turned into the registry's codes (never a raw SQL message);
 * optimistic concurrency on a `version` column; and a history of every change — who, when,
 * which fields, old and new values — in the subgraph's `change_history` table.
 */
import type { GraphQLError } from 'graphql';
import type { Knex } from 'knex';
import { type ChildPage, type ChildPageKey, loadChildPages } from './childPages.ts';
import type { Database } from './database.ts';
import { appError, badUserInput, ErrorCode, notFound } from './errors.ts';
import type { Claims } from './identity.ts';
import type { Connection } from './pagination.ts';

interface PostgresError {
  code?: string;
  constraint?: string;
  column?: string;
  detail?: string;
}

/**
 * The input field a constraint guards, and what it asks, for errors that name them:
 * `instrument_fee_text_length` → `{ field: 'feeText', reason: 'must be at most 1000 characters' }`.
 */
export type ConstraintFields = Record<
  string,
  {
    field: string;
    reason?: string;
    /** The refusal's DETAIL is the reason: for a trigger that explains what it found (never a check, whose detail is the row). */
    useDetail?: boolean;
  }
>;

/**
 * PostgreSQL's refusal as a registry error naming the field; undefined for anything that is not
 * a constraint (those are bugs or outages, masked and logged as such).
 */
export function fromDatabaseError(error: unknown, fields: ConstraintFields = {}): GraphQLError | undefined {
  const { code, constraint, column, detail } = (error ?? {}) as PostgresError;
  const known = constraint ? fields[constraint] : undefined;
  const field = known?.field || column || constraint || 'input';
  switch (code) {
    case '23505': {
      // "Key (owner_id, asset_number)=(ent-012, GZ-1) already exists."
      const key = /^Key \((.+)\)=\((.+)\) already exists/.exec(detail ?? '');
      return appError(
        ErrorCode.CONFLICT,
        key ? `A record with ${key[1]} = ${key[2]} already exists` : `A record with the same ${field} already exists`,
        { field, ...(constraint ? { constraint } : {}) },
      );
    }
    case '23P01':
      return appError(ErrorCode.CONFLICT, `This overlaps an existing record (${field})`, { field });
    case '23503':
      return badUserInput(field, known?.reason ?? 'refers to a record that does not exist');
    case '23514':
      return badUserInput(field, (known?.useDetail && detail) || known?.reason || 'is not an allowed value');
    case '23502':
      return badUserInput(field, 'is required');
    case '22001':
      return badUserInput(field, 'is too long');
    case '25006':
      // A read-only source (an adapter's view without a way back, or a read-only database).
      return appError(
        ErrorCode.SOURCE_READ_ONLY,
        `This source is read-only here: nothing was changed${detail ? ` (${detail})` : ''}`,
        { field },
      );
    case '40001':
    case '40P01':
      return appError(ErrorCode.CONFLICT, 'Another change to the same records happened at the same time; try again', {
        field,
      });
    default:
      return undefined;
  }
}

/** Runs a mutation's work in one transaction: all of it is stored, or none of it. */
export async function runWrite<T>(
  db: Database,
  work: (tx: Database) => Promise<T>,
  fields: ConstraintFields = {},
): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (error) {
    throw fromDatabaseError(error, fields) ?? error;
  }
}

export interface VersionedRow {
  id: string;
  version: number;
}

/** JSON with object keys in order: jsonb keeps no key order, so equal documents compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A table written through the versioned write path, and the type the API calls its rows. */
export interface VersionedEntity {
  table: string;
  typename: string;
  /**
   * Its jsonb columns: their values are sent as JSON text (the driver would send a JavaScript
   * array as a PostgreSQL array), while the history keeps them as values.
   */
  jsonColumns?: readonly string[];
  /** The key column, when it is not `id` (the id passed to the write path is its value). */
  key?: string;
  /**
   * Parts of the record kept in other tables (a scheme's indicators): an edit passes them with
   * the columns so that they count as a change and enter the history, but they are not written.
   */
  recordedOnly?: readonly string[];
}

function forSql(entity: VersionedEntity, values: Record<string, unknown>): Record<string, unknown> {
  if (!entity.jsonColumns) return values;
  return Object.fromEntries(
    Object.entries(values).map(([column, value]) => [
      column,
      entity.jsonColumns?.includes(column) && value !== null && value !== undefined ? JSON.stringify(value) : value,
    ]),
  );
}

/**
 * A stored value as the number it is when the new value is a number: node-postgres reads bigint
 * and numeric columns as strings, which must neither count as a change nor enter the history so.
 */
function storedAs(stored: unknown, next: unknown): unknown {
  if (typeof next !== 'number' || typeof stored !== 'string' || stored.trim() === '') return stored;
  const number = Number(stored);
  return Number.isFinite(number) ? number : stored;
}

/** The columns of `changes` whose value differs from the row's (undefined means "leave it"). */
export function changedColumns(current: object, changes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(changes).filter(
      ([column, value]) =>
        value !== undefined && !sameValue(storedAs((current as Record<string, unknown>)[column], value), value),
    ),
  );
}

/** The CONFLICT of an edit based on a version that is no longer the stored one. */
export function staleVersion(typename: string, id: string, currentVersion: number, expectedVersion: number) {
  return appError(
    ErrorCode.CONFLICT,
    `${typename} ${id} is at version ${currentVersion}, not ${expectedVersion}: someone changed it since you read it. Reload it and apply your change again`,
    { field: 'version', currentVersion },
  );
}

/**
 * Applies `changes` (column → value) to one row, if its version is still `expectedVersion`: the
 * row gets the next version and the history a record of the fields that really changed. An
 * edit that changes nothing stores nothing. The row is locked while this runs; pass it as
 * `locked` when the caller has already read it `for update` in this transaction.
 */
export async function updateVersioned<TRow extends VersionedRow>(
  tx: Database,
  entity: VersionedEntity,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
  by: Claims,
  locked?: TRow,
): Promise<TRow> {
  const key = entity.key ?? 'id';
  const current =
    locked ??
    ((await tx
      .table(entity.table)
      .where({ [key]: id })
      .forUpdate()
      .first()) as TRow | undefined);
  if (!current) throw notFound(entity.typename, id);
  if (current.version !== expectedVersion) throw staleVersion(entity.typename, id, current.version, expectedVersion);
  const changed = Object.entries(changedColumns(current, changes));
  if (changed.length === 0) return current;
  const written = changed.filter(([column]) => !entity.recordedOnly?.includes(column));
  const [row] = (await tx
    .table(entity.table)
    .where({ [key]: id, version: expectedVersion })
    .update({ ...forSql(entity, Object.fromEntries(written)), version: expectedVersion + 1 })
    .returning('*')) as TRow[];
  const before = current as Record<string, unknown>;
  await recordChange(tx, entity.typename, id, expectedVersion + 1, by, changed, (column) =>
    storedAs(before[column] ?? null, changes[column]),
  );
  return row as TRow;
}

const HISTORY_TABLE = 'change_history';

/** One entry of the history: which columns the edit that made `version` set, from what, to what. */
async function recordChange(
  tx: Database,
  typename: string,
  id: string,
  version: number,
  by: Claims,
  columns: [column: string, value: unknown][],
  previous: (column: string) => unknown,
): Promise<void> {
  await tx.table(HISTORY_TABLE).insert({
    entity: typename,
    record_id: id,
    version,
    changed_by: by.userId,
    role: by.role,
    changes: JSON.stringify(
      Object.fromEntries(columns.map(([column, value]) => [column, { from: previous(column), to: value }])),
    ),
  });
}

/**
 * Inserts a new record at version 1, and its first history entry: every field it was filed with
 * (from null). The database's constraints decide; their refusals become registry errors in runWrite.
 */
export async function insertVersioned<TRow extends VersionedRow>(
  tx: Database,
  entity: VersionedEntity,
  row: Record<string, unknown> & { id: string },
  by: Claims,
): Promise<TRow> {
  // With another key column, `id` only names the record in the history; the key is among the columns.
  const { id, ...columns } = row;
  const stored = Object.fromEntries(
    Object.entries(entity.key ? columns : row).filter(([column]) => !entity.recordedOnly?.includes(column)),
  );
  const [inserted] = (await tx
    .table(entity.table)
    .insert({ ...forSql(entity, stored), version: 1 })
    .returning('*')) as TRow[];
  const filed = Object.entries(columns).filter(
    ([column, value]) => column !== entity.key && value !== null && value !== undefined,
  );
  await recordChange(tx, entity.typename, id, 1, by, filed, () => null);
  return inserted as TRow;
}

/**
 * Deletes one record, leaving its last entry in the history: every field it had, to null, at the
 * next version. The row is locked first; NOT_FOUND if there is none.
 */
export async function deleteVersioned<TRow extends VersionedRow>(
  tx: Database,
  entity: VersionedEntity,
  id: string,
  by: Claims,
): Promise<TRow> {
  const current = (await tx.table(entity.table).where({ id }).forUpdate().first()) as TRow | undefined;
  if (!current) throw notFound(entity.typename, id);
  await tx.table(entity.table).where({ id }).delete();
  const fields = Object.entries(current as Record<string, unknown>).filter(
    ([column, value]) => !['id', 'version', 'created_at', 'updated_at'].includes(column) && value !== null,
  );
  const removed = fields.map(([column]) => [column, null] as [string, unknown]);
  await recordChange(
    tx,
    entity.typename,
    id,
    current.version + 1,
    by,
    removed,
    (column) => (current as Record<string, unknown>)[column] ?? null,
  );
  return current;
}

/** The migration step that gives a subgraph's schema its history table. */
export async function createChangeHistory(knex: Knex, schema: string): Promise<void> {
  await knex.schema.withSchema(schema).createTable(HISTORY_TABLE, (table) => {
    table.bigIncrements('id');
    table.text('entity').notNullable();
    table.text('record_id').notNullable();
    table.integer('version').notNullable();
    table.text('changed_by');
    table.text('role').notNullable();
    table.timestamp('changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.jsonb('changes').notNullable();
    table.unique(['entity', 'record_id', 'version']);
  });
}

export interface FieldChange {
  /** The column, as the API names it (camelCase). */
  field: string;
  /** JSON of the value before and after. */
  from: string;
  to: string;
}

export interface Change {
  /** The history row's id: the cursor. */
  id: string;
  version: number;
  changedAt: string;
  changedBy: string | null;
  role: string;
  fields: FieldChange[];
}

interface HistoryRow {
  id: string;
  version: number;
  changed_at: Date | string;
  changed_by: string | null;
  role: string;
  changes: string | Record<string, { from: unknown; to: unknown }>;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

function toChange(row: HistoryRow): Change {
  const fields = typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes;
  return {
    id: String(row.id),
    version: row.version,
    changedAt: new Date(row.changed_at).toISOString(),
    changedBy: row.changed_by,
    role: row.role,
    fields: Object.entries(fields as Record<string, { from: unknown; to: unknown }>).map(([column, value]) => ({
      field: camel(column),
      from: JSON.stringify(value.from),
      to: JSON.stringify(value.to),
    })),
  };
}

/** The changes of many records of one type, a page each, oldest first, in one statement per page size. */
export async function loadChangePages(
  db: Database,
  typename: string,
  keys: readonly ChildPageKey<unknown, Change>[],
): Promise<ChildPage<Change>[]> {
  const pages = await loadChildPages<HistoryRow>(db, HISTORY_TABLE, 'record_id', keys, (query) =>
    query.where('entity', typename),
  );
  return pages.map(({ rows, total }) => ({ rows: rows.map(toChange), total }));
}

export type ChangeConnection = Connection<Change>;
