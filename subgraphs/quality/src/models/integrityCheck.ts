import { randomBytes } from 'node:crypto';
import {
  appError,
  type ChildPage,
  type ChildPageKey,
  type Claims,
  type Connection,
  countRows,
  type Database,
  ErrorCode,
  keysetPage,
  loadChildPages,
  type OrderFields,
  type Page,
  runWrite,
} from '@gzequip/kit';
import type { CHECK_STATUSES } from '../migrations/20261215000000_integrity.ts';
import type { DanglingReference, SourceTally } from './sourceChecks.ts';

/** A running check that has not moved for this long was abandoned (its process stopped). */
export const ABANDONED_AFTER_MINUTES = 5;

export type IntegrityCheckStatus = (typeof CHECK_STATUSES)[number];

export interface IntegrityCheck {
  id: string;
  status: IntegrityCheckStatus;
  failure: string | null;
  startedAt: string;
  finishedAt: string | null;
  progress: { recordsRead: number; pagesRead: number; updatedAt: string };
  checkedBy: string | null;
  staleAfterDays: number;
  danglingCount: number | null;
}

export interface SourceQuality {
  source: string;
  entity: string;
  records: number;
  references: number;
  dangling: number;
  staleRecords: number;
  missingFields: { field: string; records: number }[];
}

export interface StoredDanglingReference extends DanglingReference {
  id: string;
}

export type IntegrityCheckConnection = Connection<IntegrityCheck>;
export type DanglingReferenceConnection = Connection<StoredDanglingReference>;

export const INTEGRITY_CHECK_ORDERS: OrderFields<IntegrityCheck> = {
  STARTED_AT: { column: 'started_at', value: (check) => check.startedAt },
};

interface CheckRow {
  id: string;
  status: IntegrityCheckStatus;
  failure: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  checked_by: string | null;
  stale_after_days: number;
  dangling_count: number | null;
  records_read: number;
  pages_read: number;
  progressed_at: Date | string;
}

interface SourceQualityRow {
  check_id: string;
  position: number;
  source: string;
  entity: string;
  record_count: number;
  reference_count: number;
  dangling_count: number;
  stale_count: number;
  missing_fields: string | Record<string, number>;
}

interface DanglingRow {
  id: string;
  check_id: string;
  source: string;
  entity: string;
  record_id: string;
  field: string;
  target_type: DanglingReference['targetType'];
  target_key: string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

function toCheck(row: CheckRow): IntegrityCheck {
  return {
    id: row.id,
    status: row.status,
    failure: row.failure,
    startedAt: iso(row.started_at),
    finishedAt: row.finished_at === null ? null : iso(row.finished_at),
    progress: { recordsRead: row.records_read, pagesRead: row.pages_read, updatedAt: iso(row.progressed_at) },
    checkedBy: row.checked_by,
    staleAfterDays: row.stale_after_days,
    danglingCount: row.dangling_count,
  };
}

function toSourceQuality(row: SourceQualityRow): SourceQuality & { checkId: string } {
  const missing = typeof row.missing_fields === 'string' ? JSON.parse(row.missing_fields) : row.missing_fields;
  return {
    checkId: row.check_id,
    source: row.source,
    entity: row.entity,
    records: row.record_count,
    references: row.reference_count,
    dangling: row.dangling_count,
    staleRecords: row.stale_count,
    missingFields: Object.entries(missing as Record<string, number>).map(([field, records]) => ({ field, records })),
  };
}

function toDangling(row: DanglingRow): StoredDanglingReference {
  return {
    id: String(row.id),
    source: row.source,
    entity: row.entity,
    recordId: row.record_id,
    field: row.field,
    targetType: row.target_type,
    targetKey: row.target_key,
  };
}

/** Ids that sort by when the check started (ids are the lists' tie-breaker). */
function newCheckId(startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:.]/g, '').replace('T', '-');
  return `chk-${stamp}-${randomBytes(3).toString('hex')}`;
}

const CHUNK = 500;

function alreadyRunning(id: string | null) {
  return appError(
    ErrorCode.CONFLICT,
    `An integrity check is already running${id ? ` (${id})` : ''}: follow it with integrityCheck(id), or wait until it ends`,
    id ? { runningCheckId: id } : {},
  );
}

export class IntegrityCheckModel {
  constructor(private readonly db: Database) {}

  /**
   * Opens a check as RUNNING. A running check that stopped moving was abandoned (its process
   * ended mid-check): it is failed first, so it cannot block every later check.
   */
  start(staleAfterDays: number, viewer: Claims): Promise<IntegrityCheck> {
    const startedAt = new Date();
    return runWrite(
      this.db,
      async (tx) => {
        // Starts queue here, so a second one sees the first's check (and names it) once it commits.
        await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`${tx.schema}:integrity-check-start`]);
        await tx
          .table('integrity_check')
          .where({ status: 'RUNNING' })
          .where('progressed_at', '<', new Date(startedAt.getTime() - ABANDONED_AFTER_MINUTES * 60_000))
          .update({
            status: 'FAILED',
            finished_at: startedAt,
            failure: `abandoned: it made no progress for ${ABANDONED_AFTER_MINUTES} minutes (its process stopped)`,
          });
        const running = await tx.table<CheckRow>('integrity_check').where({ status: 'RUNNING' }).first();
        if (running) throw alreadyRunning(running.id);
        const [row] = (await tx
          .table<CheckRow>('integrity_check')
          .insert({
            id: newCheckId(startedAt),
            started_at: startedAt,
            progressed_at: startedAt,
            checked_by: viewer.userId,
            stale_after_days: staleAfterDays,
          })
          .returning('*')) as CheckRow[];
        return toCheck(row as CheckRow);
      },
      { integrity_check_stale_after_days_range: { field: 'staleAfterDays', reason: 'must be 1–3650' } },
    ).catch((error: unknown) => {
      // The lock makes this the index's backstop: one running check, whatever path wrote it.
      if (
        (error as { extensions?: { constraint?: string } }).extensions?.constraint === 'integrity_check_one_running'
      ) {
        throw alreadyRunning(null);
      }
      throw error;
    });
  }

  /** Records how far a running check has read. */
  async progress(id: string, recordsRead: number, pagesRead: number): Promise<void> {
    await this.db
      .table('integrity_check')
      .where({ id, status: 'RUNNING' })
      .update({ records_read: recordsRead, pages_read: pagesRead, progressed_at: new Date() });
  }

  /** Keeps a finished check's figures and findings, and marks it FINISHED, all or nothing. */
  finish(id: string, tallies: readonly SourceTally[]): Promise<void> {
    const dangling = tallies.flatMap((tally) => tally.dangling);
    return runWrite(this.db, async (tx) => {
      await tx.table('source_quality').insert(
        tallies.map((tally, position) => ({
          check_id: id,
          position,
          source: tally.check.source,
          entity: tally.check.entity,
          record_count: tally.records,
          reference_count: tally.references,
          dangling_count: tally.dangling.length,
          stale_count: tally.stale,
          missing_fields: JSON.stringify(tally.missing),
        })),
      );
      for (let i = 0; i < dangling.length; i += CHUNK) {
        await tx.table('dangling_reference').insert(
          dangling.slice(i, i + CHUNK).map((reference) => ({
            check_id: id,
            source: reference.source,
            entity: reference.entity,
            record_id: reference.recordId,
            field: reference.field,
            target_type: reference.targetType,
            target_key: reference.targetKey,
          })),
        );
      }
      const now = new Date();
      const finished = await tx
        .table('integrity_check')
        .where({ id, status: 'RUNNING' })
        .update({
          status: 'FINISHED',
          finished_at: now,
          progressed_at: now,
          dangling_count: dangling.length,
          records_read: tallies.reduce((sum, tally) => sum + tally.records, 0),
        });
      // Failed meanwhile as abandoned: its findings are not kept beside that verdict.
      if (finished !== 1) throw new Error(`integrity check ${id} is no longer running`);
    });
  }

  async fail(id: string, reason: string): Promise<void> {
    const now = new Date();
    await this.db
      .table('integrity_check')
      .where({ id, status: 'RUNNING' })
      .update({ status: 'FAILED', finished_at: now, progressed_at: now, failure: reason });
  }

  async findByIds(ids: readonly string[]): Promise<IntegrityCheck[]> {
    return ((await this.db.table<CheckRow>('integrity_check').whereIn('id', [...ids])) as CheckRow[]).map(toCheck);
  }

  async findPage(page: Page<IntegrityCheck>): Promise<IntegrityCheck[]> {
    return ((await keysetPage(this.db.table('integrity_check'), page)) as CheckRow[]).map(toCheck);
  }

  count(): Promise<number> {
    return countRows(this.db.table('integrity_check'));
  }

  /** The figures of each check, in the order its sources were checked. */
  async sourcesOf(checkIds: readonly string[]): Promise<(SourceQuality & { checkId: string })[]> {
    const rows = (await this.db
      .table<SourceQualityRow>('source_quality')
      .whereIn('check_id', [...checkIds])
      .orderBy(['check_id', 'position'])) as SourceQualityRow[];
    return rows.map(toSourceQuality);
  }

  /** A page of each check's dangling references (of one source, when the filter names it). */
  async danglingPages(
    keys: readonly ChildPageKey<string | null, StoredDanglingReference>[],
  ): Promise<ChildPage<StoredDanglingReference>[]> {
    const pages = await loadChildPages<DanglingRow, string | null>(
      this.db,
      'dangling_reference',
      'check_id',
      keys,
      (query, source) => {
        if (source) query.where('source', source);
      },
    );
    return pages.map(({ rows, total }) => ({ rows: rows.map(toDangling), total }));
  }
}
