import { randomBytes } from 'node:crypto';
import {
  type ChildPage,
  type ChildPageKey,
  type Claims,
  type Connection,
  countRows,
  type Database,
  keysetPage,
  loadChildPages,
  type OrderFields,
  type Page,
  runWrite,
} from '@gzequip/kit';
import type { DanglingReference, SourceTally } from './sourceChecks.ts';

export interface IntegrityCheck {
  id: string;
  startedAt: string;
  finishedAt: string;
  checkedBy: string | null;
  staleAfterDays: number;
  danglingCount: number;
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
  started_at: Date | string;
  finished_at: Date | string;
  checked_by: string | null;
  stale_after_days: number;
  dangling_count: number;
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
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
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

export class IntegrityCheckModel {
  constructor(private readonly db: Database) {}

  /** Keeps one finished check, its figures and its findings, all or nothing. */
  record(
    tallies: readonly SourceTally[],
    { startedAt, staleAfterDays }: { startedAt: Date; staleAfterDays: number },
    viewer: Claims,
  ): Promise<IntegrityCheck> {
    const dangling = tallies.flatMap((tally) => tally.dangling);
    const id = newCheckId(startedAt);
    return runWrite(
      this.db,
      async (tx) => {
        const [row] = (await tx
          .table<CheckRow>('integrity_check')
          .insert({
            id,
            started_at: startedAt,
            finished_at: new Date(),
            checked_by: viewer.userId,
            stale_after_days: staleAfterDays,
            dangling_count: dangling.length,
          })
          .returning('*')) as CheckRow[];
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
        return toCheck(row as CheckRow);
      },
      { integrity_check_stale_after_days_range: { field: 'staleAfterDays', reason: 'must be 1–3650' } },
    );
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
