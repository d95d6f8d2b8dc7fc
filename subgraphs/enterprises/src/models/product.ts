import type { Database } from '@gzequip/kit';
import type { Industry } from '../__generated__/resolvers-types.ts';

export interface ProductRow {
  id: string;
  enterprise_id: string;
  name: string;
  class_code: string;
  industry: string;
  specification: string;
  price_min_fen: string | number;
  price_max_fen: string | number;
  annual_capacity: number;
  lead_time_days: number;
  certifications: string[];
  government_procurement: boolean;
  major_project: boolean;
}

export interface Product {
  id: string;
  makerId: string;
  name: string;
  classCode: string;
  industry: Industry;
  specification: string;
  priceMinFen: number;
  priceMaxFen: number;
  annualCapacity: number;
  leadTimeDays: number;
  certifications: string[];
  governmentProcurement: boolean;
  majorProject: boolean;
}

export interface ProductClass {
  code: string;
  name: string;
  nameEn: string;
  industry: Industry | null;
  groupCode: string | null;
}

interface ProductClassRow {
  code: string;
  name: string;
  name_en: string;
  industry: string | null;
  group_code: string | null;
}

function toProductClass(row: ProductClassRow): ProductClass {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    industry: row.industry as Industry | null,
    groupCode: row.group_code,
  };
}

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    makerId: row.enterprise_id,
    name: row.name,
    classCode: row.class_code,
    industry: row.industry as Industry,
    specification: row.specification,
    priceMinFen: Number(row.price_min_fen),
    priceMaxFen: Number(row.price_max_fen),
    annualCapacity: row.annual_capacity,
    leadTimeDays: row.lead_time_days,
    certifications: row.certifications,
    governmentProcurement: row.government_procurement,
    majorProject: row.major_project,
  };
}

export class ProductModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<Product[]> {
    return (await this.db.table<ProductRow>('product').whereIn('id', [...ids])).map(toProduct);
  }

  /** The groups, or the classes of one group. */
  async classes(groupCode: string | null): Promise<ProductClass[]> {
    const query = this.db.table<ProductClassRow>('product_class').orderBy('code');
    if (groupCode) query.where('group_code', groupCode);
    else query.whereNull('group_code');
    return (await query).map(toProductClass);
  }

  async classesByCodes(codes: readonly string[]): Promise<ProductClass[]> {
    return (await this.db.table<ProductClassRow>('product_class').whereIn('code', [...codes])).map(toProductClass);
  }
}
