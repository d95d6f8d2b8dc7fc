import { badUserInput } from './errors.ts';

/** Vocabulary every subgraph shares with the action plan (DOMAIN.md); the SDL enums mirror it. */
export const INDUSTRIES = [
  'AVIATION',
  'AEROSPACE',
  'AUTOMOTIVE',
  'ENGINEERING_MINING_MACHINERY',
  'POWER_EQUIPMENT',
  'INDUSTRIAL_ROBOTS',
] as const;

/** A check constraint keeping a `text[]` column to known industries. */
export function industriesCheckSql(table: string, column = 'industries'): string {
  const values = INDUSTRIES.map((industry) => `'${industry}'`).join(',');
  return `alter table ${table} add constraint ${table.split('.').pop()}_${column}_known check (${column} <@ array[${values}])`;
}

/** GB/T 2260 prefecture codes, or the project code GUIAN for Gui'an New Area. */
export const REGION_CODE_PATTERN = '^([0-9]{6}|GUIAN)$';

/**
 * The regions of the graph (DOMAIN.md): the nine prefectures by GB/T 2260 code, and Gui'an New
 * Area, administered with Guiyang. The enterprises subgraph owns their names; every subgraph may
 * check a code and widen a prefecture to the areas it administers.
 */
export const REGIONS: Readonly<Record<string, { administeredBy?: string }>> = {
  '520100': {},
  '520200': {},
  '520300': {},
  '520400': {},
  '520500': {},
  '520600': {},
  '522300': {},
  '522600': {},
  '522700': {},
  GUIAN: { administeredBy: '520100' },
};

/** `ILIKE` pattern matching `text` anywhere, with the user's `%` and `_` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** What one subgraph holds of an entity another subgraph owns: its key. */
export interface EntityRef {
  id: string;
}

export interface RegionRef {
  code: string;
}

const MAX_SEARCH_TEXT = 100;

/** A free-text filter: trimmed, empty means no filter, longer than 100 characters is refused. */
export function searchText(value: string | null | undefined, field: string): string | null {
  const text = value?.trim();
  if (!text) return null;
  if (text.length > MAX_SEARCH_TEXT) throw badUserInput(field, `must be at most ${MAX_SEARCH_TEXT} characters`);
  return text;
}
