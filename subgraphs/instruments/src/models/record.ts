/**
 * The national record as an owner files it: checked field by field, with every problem named,
 * before anything reaches the database (whose constraints stay the last word). Creating, editing
 * and a partner's push all go through here, so they cannot disagree on what a valid record is.
 */
import { INDUSTRIES, type InputProblem, isDate, REGIONS, todayInGuizhou } from '@gzequip/kit';
import type { InstrumentRecordInput, InstrumentRecordPatch } from '../__generated__/resolvers-types.ts';
import { TEXT_LIMITS } from '../migrations/20261130000000_instrument_edits.ts';
import { RECORD_TEXT_LIMITS } from '../migrations/20261202000000_instrument_records.ts';

/** Record fields, as the API names them, with their columns. */
export const RECORD_COLUMNS = {
  assetNumber: 'asset_number',
  name: 'name',
  nameEn: 'name_en',
  classCode: 'class_code',
  source: 'source',
  customsSupervised: 'customs_supervised',
  originalValue: 'original_value',
  country: 'country',
  manufacturer: 'manufacturer',
  model: 'model',
  startOfUse: 'start_of_use',
  purpose: 'purpose',
  technicalIndicators: 'technical_indicators',
  mainFunctions: 'main_functions',
  disciplines: 'disciplines',
  serviceContent: 'service_content',
  sharingRules: 'sharing_rules',
  feeText: 'fee_text',
  serviceUrl: 'service_url',
  imageUrl: 'image_url',
  sharingMode: 'sharing_mode',
  status: 'status',
  regionCode: 'region_code',
  industries: 'industries',
  address: 'address',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  platformId: 'platform_id',
  classified: 'classified',
} as const satisfies Record<keyof InstrumentRecordInput, string>;

export type RecordField = keyof typeof RECORD_COLUMNS;

/** Text fields every record must have (non-blank). */
const REQUIRED_TEXT = new Set<RecordField>([
  'assetNumber',
  'name',
  'country',
  'manufacturer',
  'model',
  'technicalIndicators',
  'mainFunctions',
]);
/** Fields that may be cleared (null or blank). */
const OPTIONAL = new Set<RecordField>([
  'nameEn',
  'serviceContent',
  'sharingRules',
  'feeText',
  'serviceUrl',
  'imageUrl',
  'address',
  'contactName',
  'contactPhone',
  'platformId',
]);

const LIMITS: Record<string, number> = { ...TEXT_LIMITS, ...RECORD_TEXT_LIMITS };
const MAX_DISCIPLINES = 4;
const MAX_DISCIPLINE_LENGTH = 50;
/** numeric(12, 2): at most ten digits before the point. */
const MAX_ORIGINAL_VALUE = 9_999_999_999.99;

/**
 * Checks the fields present in `input` and turns them into column values: text trimmed, blank
 * optional text cleared, the value kept as the database's two-decimal text. `prefix` names the
 * fields in problems (`input.classCode`, `record.classCode`). Fields left out are left out.
 */
export function recordColumns(
  input: InstrumentRecordInput | InstrumentRecordPatch,
  prefix: string,
): { columns: Record<string, unknown>; problems: InputProblem[] } {
  const columns: Record<string, unknown> = {};
  const problems: InputProblem[] = [];
  const refuse = (field: string, reason: string) => problems.push({ field: `${prefix}.${field}`, reason });
  for (const [field, raw] of Object.entries(input) as [RecordField, unknown][]) {
    const column = RECORD_COLUMNS[field];
    if (!column || raw === undefined) continue;
    let value = raw;
    if (value === null) {
      if (!OPTIONAL.has(field)) {
        refuse(field, 'cannot be cleared; leave it out to keep it');
        continue;
      }
      columns[column] = null;
      continue;
    }
    if (typeof value === 'string') {
      value = value.trim();
      if (value === '') {
        if (OPTIONAL.has(field)) {
          columns[column] = null;
          continue;
        }
        if (REQUIRED_TEXT.has(field) || field === 'classCode' || field === 'startOfUse' || field === 'regionCode') {
          refuse(field, 'is required');
          continue;
        }
      }
      const limit = LIMITS[column];
      if (limit !== undefined && (value as string).length > limit) {
        refuse(field, `must be at most ${limit} characters, got ${(value as string).length}`);
        continue;
      }
    }
    switch (field) {
      case 'classCode':
        if (!/^[0-9]{6}$/.test(value as string)) {
          refuse(field, 'must be six digits (major, middle and minor class)');
          continue;
        }
        break;
      case 'originalValue': {
        const amount = value as number;
        if (!Number.isFinite(amount) || amount <= 0) {
          refuse(field, `must be more than 0 (in units of ¥10,000), got ${amount}`);
          continue;
        }
        if (amount > MAX_ORIGINAL_VALUE || Math.abs(Math.round(amount * 100) - amount * 100) > 1e-6) {
          refuse(field, 'must have at most two decimals and ten digits before the point');
          continue;
        }
        value = amount.toFixed(2);
        break;
      }
      case 'startOfUse': {
        const date = value as string;
        if (!isDate(date)) {
          refuse(field, `must be a date written YYYY-MM-DD, got ${JSON.stringify(date)}`);
          continue;
        }
        if (date > todayInGuizhou()) {
          refuse(field, `cannot be in the future (${date})`);
          continue;
        }
        break;
      }
      case 'disciplines': {
        const list = (value as string[]).map((discipline) => discipline.trim());
        if (list.length > MAX_DISCIPLINES) {
          refuse(field, `may name at most ${MAX_DISCIPLINES} disciplines, got ${list.length}`);
          continue;
        }
        const bad = list.find((discipline) => discipline === '' || discipline.length > MAX_DISCIPLINE_LENGTH);
        if (bad !== undefined) {
          refuse(field, `each must be 1 to ${MAX_DISCIPLINE_LENGTH} characters`);
          continue;
        }
        value = [...new Set(list)];
        break;
      }
      case 'industries': {
        const list = [...new Set(value as string[])];
        if (list.some((industry) => !(INDUSTRIES as readonly string[]).includes(industry))) {
          refuse(field, 'must be key industries of the action plan');
          continue;
        }
        value = list;
        break;
      }
      case 'regionCode':
        if (!Object.hasOwn(REGIONS, value as string)) {
          refuse(field, `${JSON.stringify(value)} is not a region of Guizhou (a GB/T 2260 prefecture code, or GUIAN)`);
          continue;
        }
        break;
      case 'serviceUrl':
      case 'imageUrl':
        if (!/^https?:\/\/\S+$/.test(value as string)) {
          refuse(field, 'must be an http:// or https:// address');
          continue;
        }
        break;
    }
    columns[column] = value;
  }
  return { columns, problems };
}
