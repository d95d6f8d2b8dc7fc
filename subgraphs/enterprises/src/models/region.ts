import type { Database } from '@gzequip/kit';
import type { RegionKind } from '../__generated__/resolvers-types.ts';
import type { RegionRow } from '../db.ts';

export interface Region {
  code: string;
  name: string;
  nameEn: string;
  kind: RegionKind;
  parentCode: string | null;
  createdAt: string;
  updatedAt: string;
}

const GB_CODE = /^\d{6}$/;

export function gbCodeOf(region: Region): string | null {
  return GB_CODE.test(region.code) ? region.code : null;
}

function toRegion(row: RegionRow): Region {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind,
    parentCode: row.parent_code,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export class RegionModel {
  constructor(private readonly db: Database) {}

  /** Every region: there are ten, so one statement serves every region question of a request. */
  async findAll(): Promise<Region[]> {
    return (await this.db.table<RegionRow>('region').orderBy('code')).map(toRegion);
  }
}
