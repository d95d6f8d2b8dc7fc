/** The enterprises subgraph's tables (schema `enterprises`), as rows and as domain objects. */
import type { Industry } from './__generated__/resolvers-types.ts';

export interface RegionRow {
  code: string;
  name: string;
  name_en: string;
  kind: 'PREFECTURE' | 'NEW_AREA';
  parent_code: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface EnterpriseRow {
  id: string;
  credit_code: string;
  name: string;
  name_en: string | null;
  type: string;
  region_code: string;
  industries: Industry[];
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  founded_year: number | null;
  in_province: boolean;
  scale: string | null;
  certifications: string[];
  version: number;
  created_at: Date;
  updated_at: Date;
}
