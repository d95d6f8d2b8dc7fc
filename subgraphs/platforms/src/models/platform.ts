import {
  applyChangedWindow,
  type ChangedWindow,
  type ChildPage,
  type ChildPageKey,
  type Connection,
  containsPattern,
  countRows,
  type Database,
  groupedStats,
  keysetPage,
  loadChildPages,
  type NumberRange,
  type OrderFields,
  type Page,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type { Industry, PlatformKind } from '../__generated__/resolvers-types.ts';

export interface PlatformRow {
  id: string;
  name: string;
  name_en: string | null;
  kind: string;
  region_code: string;
  operator_id: string;
  industries: Industry[];
  description: string | null;
  website: string | null;
  established_year: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface Platform {
  id: string;
  name: string;
  nameEn: string | null;
  kind: PlatformKind;
  regionCode: string;
  operatorId: string;
  industriesServed: Industry[];
  description: string | null;
  website: string | null;
  establishedYear: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type PlatformConnection = Connection<Platform>;

/** What a platform is read as: its columns, not the search document the database keeps. */
export const PLATFORM_COLUMNS: readonly (keyof PlatformRow)[] = [
  'id',
  'name',
  'name_en',
  'kind',
  'region_code',
  'operator_id',
  'industries',
  'description',
  'website',
  'established_year',
  'version',
  'created_at',
  'updated_at',
];

/** A checked platform filter, ready to become SQL. */
export interface PlatformCriteria {
  kinds: PlatformKind[] | null;
  industries: Industry[] | null;
  regionCodes: string[] | null;
  operatorId: string | null;
  establishedYear: NumberRange | null;
  nameContains: string | null;
  capabilityContains: string | null;
  changed: ChangedWindow | null;
}

export const PLATFORM_ORDERS: OrderFields<Platform> = {
  NAME: { column: 'name', value: (p) => p.name },
  CREATED_AT: { column: 'created_at', value: (p) => p.createdAt },
  UPDATED_AT: { column: 'updated_at', value: (p) => p.updatedAt },
};

export interface PlatformStatsRow {
  regionCode: string | null;
  kind: PlatformKind | null;
  industry: Industry | null;
  count: number;
}

const TABLE = 'platform';

export function toPlatform(row: PlatformRow): Platform {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind as PlatformKind,
    regionCode: row.region_code,
    operatorId: row.operator_id,
    industriesServed: row.industries,
    description: row.description,
    website: row.website,
    establishedYear: row.established_year,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function applyCriteria(query: Knex.QueryBuilder, criteria: PlatformCriteria | undefined, db: Database): void {
  if (!criteria) return;
  if (criteria.kinds) query.whereIn('kind', criteria.kinds);
  if (criteria.industries) query.whereRaw('industries && ?::text[]', [criteria.industries]);
  if (criteria.regionCodes) query.whereIn('region_code', criteria.regionCodes);
  if (criteria.operatorId) query.where('operator_id', criteria.operatorId);
  if (criteria.establishedYear?.min != null) query.where('established_year', '>=', criteria.establishedYear.min);
  if (criteria.establishedYear?.max != null) query.where('established_year', '<=', criteria.establishedYear.max);
  if (criteria.nameContains) {
    const pattern = containsPattern(criteria.nameContains);
    query.where((where) => where.whereILike('name', pattern).orWhereILike('name_en', pattern));
  }
  if (criteria.capabilityContains) {
    const pattern = containsPattern(criteria.capabilityContains);
    query.whereIn('id', db.table('capability').select('platform_id').whereILike('name', pattern));
  }
  applyChangedWindow(query, criteria.changed);
}

export class PlatformModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<Platform[]> {
    const rows = await this.db
      .table(TABLE)
      .select([...PLATFORM_COLUMNS])
      .whereIn('id', [...ids]);
    return (rows as PlatformRow[]).map(toPlatform);
  }

  /** A page in the page's order, fetching one extra row to tell whether another page follows. */
  async findPage(criteria: PlatformCriteria, page: Page<Platform>): Promise<Platform[]> {
    const rows = await keysetPage(this.filtered(criteria).select([...PLATFORM_COLUMNS]), page);
    return (rows as PlatformRow[]).map(toPlatform);
  }

  async count(criteria: PlatformCriteria): Promise<number> {
    return countRows(this.filtered(criteria));
  }

  /** A page of platforms for each operating enterprise or region, in one statement per page and filter. */
  async findPagesBy(
    parentColumn: 'operator_id' | 'region_code',
    keys: readonly ChildPageKey<PlatformCriteria, Platform>[],
  ): Promise<ChildPage<Platform>[]> {
    const pages = await loadChildPages<PlatformRow, PlatformCriteria>(
      this.db,
      TABLE,
      parentColumn,
      keys,
      (query, criteria) => applyCriteria(query, criteria, this.db),
      PLATFORM_COLUMNS,
    );
    return pages.map(({ rows, total }) => ({ rows: rows.map(toPlatform), total }));
  }

  async stats(criteria: PlatformCriteria, groupBy: readonly string[]): Promise<PlatformStatsRow[]> {
    const rows = await groupedStats(
      this.db,
      this.filtered(criteria),
      { REGION: { sql: 'r.region_code' }, KIND: { sql: 'r.kind' }, INDUSTRY: { sql: 'r.industries', unnest: true } },
      groupBy,
      { count: 'count(*)::int' },
    );
    return rows.map((row) => ({
      regionCode: (row.REGION as string | undefined) ?? null,
      kind: (row.KIND as PlatformKind | undefined) ?? null,
      industry: (row.INDUSTRY as Industry | undefined) ?? null,
      count: Number(row.count),
    }));
  }

  private filtered(criteria: PlatformCriteria) {
    const query = this.db.table<PlatformRow>(TABLE);
    applyCriteria(query, criteria, this.db);
    return query;
  }
}
