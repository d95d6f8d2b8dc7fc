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
import type { EnterpriseType, Industry } from '../__generated__/resolvers-types.ts';
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
}

export interface EnterpriseFilter {
  type?: EnterpriseType | null;
  industry?: Industry | null;
  regionCode?: string | null;
  nameContains?: string | null;
}

export type EnterpriseConnection = Connection<Enterprise>;

const TABLE = 'enterprise';

function toEnterprise(row: EnterpriseRow): Enterprise {
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
  };
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

  /** A page in id order, fetching one extra row to tell whether another page follows. */
  async findPage(filter: EnterpriseFilter, page: Page): Promise<Enterprise[]> {
    return (await keysetPage(this.filtered(filter), page)).map(toEnterprise);
  }

  /** A page of each region's enterprises, in one statement. */
  async findPagesByRegion(keys: readonly ChildPageKey[]): Promise<ChildPage<Enterprise>[]> {
    const pages = await loadChildPages<EnterpriseRow>(this.db, TABLE, 'region_code', keys);
    return pages.map(({ rows, total }) => ({ rows: rows.map(toEnterprise), total }));
  }

  async count(filter: EnterpriseFilter): Promise<number> {
    return countRows(this.filtered(filter));
  }

  private filtered(filter: EnterpriseFilter) {
    const query = this.db.table<EnterpriseRow>(TABLE);
    if (filter.type) query.where('type', filter.type);
    if (filter.industry) query.whereRaw('? = any(industries)', [filter.industry]);
    if (filter.regionCode) query.where('region_code', filter.regionCode);
    if (filter.nameContains) {
      const pattern = containsPattern(filter.nameContains);
      query.where((where) => where.whereILike('name', pattern).orWhereILike('name_en', pattern));
    }
    return query;
  }
}
