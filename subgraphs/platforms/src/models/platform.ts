import {
  type ChildPage,
  type ChildPageKey,
  type Connection,
  containsPattern,
  countRows,
  type Database,
  keysetPage,
  loadChildPages,
  type Page,
} from '@gzequip/kit';
import type { Industry, PlatformKind } from '../__generated__/resolvers-types.ts';

interface PlatformRow {
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
}

export type PlatformConnection = Connection<Platform>;

export interface PlatformFilter {
  kind?: PlatformKind | null;
  industry?: Industry | null;
  regionCode?: string | null;
  operatorId?: string | null;
  nameContains?: string | null;
  capabilityContains?: string | null;
}

const TABLE = 'platform';

function toPlatform(row: PlatformRow): Platform {
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
  };
}

export class PlatformModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<Platform[]> {
    return (await this.db.table<PlatformRow>(TABLE).whereIn('id', [...ids])).map(toPlatform);
  }

  /** A page in id order, fetching one extra row to tell whether another page follows. */
  async findPage(filter: PlatformFilter, page: Page): Promise<Platform[]> {
    return (await keysetPage(this.filtered(filter), page)).map(toPlatform);
  }

  async count(filter: PlatformFilter): Promise<number> {
    return countRows(this.filtered(filter));
  }

  /** A page of platforms for each operating enterprise, in one statement. */
  async findPagesByOperator(keys: readonly ChildPageKey[]): Promise<ChildPage<Platform>[]> {
    const pages = await loadChildPages<PlatformRow>(this.db, TABLE, 'operator_id', keys);
    return pages.map(({ rows, total }) => ({ rows: rows.map(toPlatform), total }));
  }

  private filtered(filter: PlatformFilter) {
    const query = this.db.table<PlatformRow>(TABLE);
    if (filter.kind) query.where('kind', filter.kind);
    if (filter.industry) query.whereRaw('? = any(industries)', [filter.industry]);
    if (filter.regionCode) query.where('region_code', filter.regionCode);
    if (filter.operatorId) query.where('operator_id', filter.operatorId);
    if (filter.nameContains) {
      const pattern = containsPattern(filter.nameContains);
      query.where((where) => where.whereILike('name', pattern).orWhereILike('name_en', pattern));
    }
    if (filter.capabilityContains) {
      const pattern = containsPattern(filter.capabilityContains);
      query.whereIn('id', this.db.table('capability').select('platform_id').whereILike('name', pattern));
    }
    return query;
  }
}
