/**
 * An enterprise's record as filed: every field checked at once (the database checks the same
 * again), so a partner's push and a user's edit refuse the same things with the same words.
 */
import { type InputProblem, REGIONS } from '@gzequip/kit';
import type { EnterprisePatch, EnterpriseRecordInput } from '../__generated__/resolvers-types.ts';
import { creditCodeProblem } from '../creditCode.ts';
import {
  ENTERPRISE_TEXT_LIMITS,
  FIRST_FOUNDED_YEAR,
  MAX_CERTIFICATION_LENGTH,
  MAX_CERTIFICATIONS,
} from '../migrations/20261204000000_registry.ts';

/** The API's field names and the columns they are stored in. */
const COLUMNS: Record<string, string> = {
  name: 'name',
  nameEn: 'name_en',
  type: 'type',
  industries: 'industries',
  regionCode: 'region_code',
  address: 'address',
  foundedYear: 'founded_year',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  scale: 'scale',
  certifications: 'certifications',
};

/** The column each constraint of the registry guards, as the input names it. */
export function fieldOfColumn(column: string): string {
  return Object.entries(COLUMNS).find(([, stored]) => stored === column)?.[0] ?? column;
}

/** The division's prefecture of a Guizhou credit code (`52` + two digits + `00`), null for another province's. */
export function prefectureOf(creditCode: string): string | null {
  return creditCode.slice(2, 4) === '52' ? `${creditCode.slice(2, 6)}00` : null;
}

/**
 * Whether a Guizhou credit code and a region agree: the division must be in a prefecture of the
 * province, and the region be that prefecture or an area it administers. Null when they agree.
 */
export function regionMismatch(
  creditCode: string,
  region: string | undefined,
): { field: string; reason: string } | null {
  const prefecture = prefectureOf(creditCode);
  if (!prefecture) return null;
  if (!REGIONS[prefecture]) {
    return { field: 'creditCode', reason: `its division ${creditCode.slice(2, 8)} is in no prefecture of Guizhou` };
  }
  if (!region || !REGIONS[region] || region === prefecture || REGIONS[region]?.administeredBy === prefecture) {
    return null;
  }
  return {
    field: 'regionCode',
    reason: `must be ${prefecture}, the prefecture of the credit code's division ${creditCode.slice(2, 8)}`,
  };
}

/**
 * The columns an input (or patch) sets, and every problem with it, fields named `prefix.field`.
 * Fields left out (undefined) are left out; text is trimmed, blank optional text is null.
 */
export function enterpriseColumns(
  input: EnterpriseRecordInput | EnterprisePatch,
  prefix: string,
): { columns: Record<string, unknown>; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field: `${prefix}.${field}`, reason });
  const columns: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    const column = COLUMNS[field];
    if (!column || value === undefined) continue;
    if (typeof value === 'string') {
      const text = value.trim();
      const limit = ENTERPRISE_TEXT_LIMITS[column];
      if (limit !== undefined && text.length > limit) problem(field, `must be at most ${limit} characters`);
      columns[column] = text === '' ? null : text;
    } else {
      columns[column] = value;
    }
  }
  if ('name' in input && input.name !== undefined && !columns.name) problem('name', 'is required');
  if (columns.industries) columns.industries = [...new Set(columns.industries as string[])];
  if (columns.region_code && !REGIONS[columns.region_code as string]) {
    problem('regionCode', `${JSON.stringify(columns.region_code)} is not a region of Guizhou (see regions)`);
  }
  const founded = columns.founded_year as number | null | undefined;
  const thisYear = new Date().getUTCFullYear();
  if (founded != null && (founded < FIRST_FOUNDED_YEAR || founded > thisYear)) {
    problem('foundedYear', `must be ${FIRST_FOUNDED_YEAR} to ${thisYear}, got ${founded}`);
  }
  if (Array.isArray(columns.certifications)) {
    const certifications = [...new Set((columns.certifications as string[]).map((c) => c.trim()))];
    if (certifications.length > MAX_CERTIFICATIONS) {
      problem('certifications', `may hold at most ${MAX_CERTIFICATIONS}, got ${certifications.length}`);
    }
    certifications.forEach((certification, i) => {
      if (certification === '' || certification.length > MAX_CERTIFICATION_LENGTH) {
        problem(`certifications[${i}]`, `must be 1 to ${MAX_CERTIFICATION_LENGTH} characters`);
      }
    });
    columns.certifications = certifications;
  }
  if ('creditCode' in input) {
    const code = input.creditCode.trim().toUpperCase();
    const invalid = creditCodeProblem(code);
    if (invalid) {
      problem('creditCode', `not a valid unified social credit code: ${invalid}`);
    } else {
      columns.credit_code = code;
      const mismatch = regionMismatch(code, columns.region_code as string | undefined);
      if (mismatch) problem(mismatch.field, mismatch.reason);
    }
  }
  return { columns, problems };
}
