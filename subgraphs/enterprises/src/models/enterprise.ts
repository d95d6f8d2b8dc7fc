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
import type { EnterpriseScale, EnterpriseType, Industry } from '../__generated__/resolvers-types.ts';
import type { EnterpriseRow } from '../db.ts';

export interface Enterprise {
  id: string;
  creditCode: string;
  name: string;
  nameEn: string | null;
  type: EnterpriseType;
  industries: Industry[];
  regionCode: string;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  foundedYear: number | null;
  inProvince: boolean;
  scale: EnterpriseScale | null;
  certifications: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A checked enterprise filter, ready to become SQL. */
export interface EnterpriseCriteria {
  types: EnterpriseType[] | null;
  industries: Industry[] | null;
  regionCodes: string[] | null;
  foundedYear: NumberRange | null;
  nameContains: string | null;
  inProvince: boolean | null;
  scales: EnterpriseScale[] | null;
  changed: ChangedWindow | null;
}

export type EnterpriseConnection = Connection<Enterprise>;

export const ENTERPRISE_ORDERS: OrderFields<Enterprise> = {
  NAME: { column: 'name', value: (e) => e.name },
  CREDIT_CODE: { column: 'credit_code', value: (e) => e.creditCode },
  CREATED_AT: { column: 'created_at', value: (e) => e.createdAt },
  UPDATED_AT: { column: 'updated_at', value: (e) => e.updatedAt },
};

export interface EnterpriseStatsRow {
  regionCode: string | null;
  industry: Industry | null;
  type: EnterpriseType | null;
  count: number;
}

const TABLE = 'enterprise';

export function toEnterprise(row: EnterpriseRow): Enterprise {
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    nameEn: row.name_en,
    type: row.type as EnterpriseType,
    industries: row.industries,
    regionCode: row.region_code,
    address: row.address,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    foundedYear: row.founded_year,
    inProvince: row.in_province,
    scale: row.scale as EnterpriseScale | null,
    certifications: row.certifications,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The filter's conditions, as SQL; every list, count, statistic and search of this model goes through it. */
export function applyCriteria(query: Knex.QueryBuilder, criteria: EnterpriseCriteria | undefined): void {
  if (!criteria) return;
  if (criteria.types) query.whereIn('type', criteria.types);
  if (criteria.industries) query.whereRaw('industries && ?::text[]', [criteria.industries]);
  if (criteria.regionCodes) query.whereIn('region_code', criteria.regionCodes);
  if (criteria.foundedYear?.min != null) query.where('founded_year', '>=', criteria.foundedYear.min);
  if (criteria.foundedYear?.max != null) query.where('founded_year', '<=', criteria.foundedYear.max);
  if (criteria.nameContains) {
    const pattern = containsPattern(criteria.nameContains);
    query.where((where) => where.whereILike('name', pattern).orWhereILike('name_en', pattern));
  }
  if (criteria.inProvince !== null) query.where('in_province', criteria.inProvince);
  if (criteria.scales) query.whereIn('scale', criteria.scales);
  applyChangedWindow(query, criteria.changed);
}

export class EnterpriseModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<Enterprise[]> {
    const rows = await this.db.table<EnterpriseRow>(TABLE).whereIn('id', [...ids]);
    return rows.map(toEnterprise);
  }

  async findByCreditCodes(codes: readonly string[]): Promise<Enterprise[]> {
    const rows = await this.db.table<EnterpriseRow>(TABLE).whereIn('credit_code', [...codes]);
    return rows.map(toEnterprise);
  }

  /** A page in the page's order, fetching one extra row to tell whether another page follows. */
  async findPage(criteria: EnterpriseCriteria, page: Page<Enterprise>): Promise<Enterprise[]> {
    return (await keysetPage(this.filtered(criteria), page)).map(toEnterprise);
  }

  /** A page of each region's enterprises, in one statement per page and filter. */
  async findPagesByRegion(
    keys: readonly ChildPageKey<EnterpriseCriteria, Enterprise>[],
  ): Promise<ChildPage<Enterprise>[]> {
    const pages = await loadChildPages<EnterpriseRow, EnterpriseCriteria>(
      this.db,
      TABLE,
      'region_code',
      keys,
      applyCriteria,
    );
    return pages.map(({ rows, total }) => ({ rows: rows.map(toEnterprise), total }));
  }

  async count(criteria: EnterpriseCriteria): Promise<number> {
    return countRows(this.filtered(criteria));
  }

  async stats(criteria: EnterpriseCriteria, groupBy: readonly string[]): Promise<EnterpriseStatsRow[]> {
    const rows = await groupedStats(
      this.db,
      this.filtered(criteria),
      { REGION: { sql: 'r.region_code' }, INDUSTRY: { sql: 'r.industries', unnest: true }, TYPE: { sql: 'r.type' } },
      groupBy,
      { count: 'count(*)::int' },
    );
    return rows.map((row) => ({
      regionCode: (row.REGION as string | undefined) ?? null,
      industry: (row.INDUSTRY as Industry | undefined) ?? null,
      type: (row.TYPE as EnterpriseType | undefined) ?? null,
      count: Number(row.count),
    }));
  }

  private filtered(criteria: EnterpriseCriteria) {
    const query = this.db.table<EnterpriseRow>(TABLE);
    applyCriteria(query, criteria);
    return query;
  }
}
