import type { Database } from '@gzequip/kit';

export interface IndicatorRow {
  code: string;
  name: string;
  name_en: string;
  weight: string | number;
  position: number;
}

export interface Indicator {
  code: string;
  name: string;
  nameEn: string;
  weight: number;
}

export function toIndicator(row: Pick<IndicatorRow, 'code' | 'name' | 'name_en' | 'weight'>): Indicator {
  return { code: row.code, name: row.name, nameEn: row.name_en, weight: Number(row.weight) };
}

export class IndicatorModel {
  constructor(private readonly db: Database) {}

  async findAll(): Promise<Indicator[]> {
    return (await this.db.table<IndicatorRow>('indicator').orderBy('position')).map(toIndicator);
  }
}
