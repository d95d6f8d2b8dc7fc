/**
 * Checks of the filter arguments every list shares. An impossible filter (an unknown region, a
 * range whose end comes before its start, a date that is not one) is BAD_USER_INPUT naming it,
 * never an empty answer that looks like "nothing matches".
 */
import { isDate } from './dates.ts';
import { REGIONS } from './domain.ts';
import { badUserInput } from './errors.ts';

const KNOWN_REGIONS = Object.keys(REGIONS).join(', ');

/**
 * The region codes a filter names, checked; with `includeAdministered`, each prefecture also
 * stands for the areas it administers (Guiyang, 520100, brings in Gui'an New Area).
 */
export function regionCodes(
  codes: readonly string[] | null | undefined,
  includeAdministered: boolean | null | undefined,
  field: string,
): string[] | null {
  if (codes === null || codes === undefined) return null;
  if (codes.length === 0) throw badUserInput(field, 'is empty; leave it out to include every region');
  const result = new Set<string>();
  for (const code of codes) {
    if (!(code in REGIONS))
      throw badUserInput(field, `has unknown region code ${JSON.stringify(code)}; known are ${KNOWN_REGIONS}`);
    result.add(code);
    if (includeAdministered) {
      for (const [area, { administeredBy }] of Object.entries(REGIONS)) if (administeredBy === code) result.add(area);
    }
  }
  return [...result];
}

/** A list of enum values a filter accepts (`statusIn`); an empty list matches nothing, so it is refused. */
export function valuesIn<T>(values: readonly T[] | null | undefined, field: string): T[] | null {
  if (values === null || values === undefined) return null;
  if (values.length === 0) throw badUserInput(field, 'is empty; leave it out to accept every value');
  return [...new Set(values)];
}

export interface NumberRange {
  min?: number | null;
  max?: number | null;
}

/** A numeric range: either end may be left out; both ends are included. */
export function numberRange(range: NumberRange | null | undefined, field: string): NumberRange | null {
  if (!range) return null;
  const { min, max } = range;
  if (min == null && max == null) return null;
  for (const [end, value] of [
    ['min', min],
    ['max', max],
  ] as const) {
    if (value != null && (!Number.isFinite(value) || value < 0)) {
      throw badUserInput(`${field}.${end}`, `must be a number of 0 or more, got ${value}`);
    }
  }
  if (min != null && max != null && min > max) throw badUserInput(field, `min ${min} is above max ${max}`);
  return { min: min ?? null, max: max ?? null };
}

export interface DateRange {
  from?: string | null;
  to?: string | null;
}

/** A range of calendar dates, YYYY-MM-DD; either end may be left out; both ends are included. */
export function dateRange(range: DateRange | null | undefined, field: string): DateRange | null {
  if (!range) return null;
  const { from, to } = range;
  if (from == null && to == null) return null;
  for (const [end, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value != null && !isDate(value))
      throw badUserInput(`${field}.${end}`, `must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  if (from != null && to != null && from > to) throw badUserInput(field, `from ${from} is after to ${to}`);
  return { from: from ?? null, to: to ?? null };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A moment with its time zone, ISO 8601 (as `updatedAt` gives it); returned in UTC. */
export function timestamp(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (!TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
    throw badUserInput(
      field,
      `must be an ISO 8601 time with its zone, like 2026-11-30T08:00:00.000Z; got ${JSON.stringify(value)}`,
    );
  }
  return new Date(value).toISOString();
}

/** A class code or its start: two digits (major class), four (middle class) or all six. */
export function classCodePrefix(code: string | null | undefined, field: string): string | null {
  if (code === null || code === undefined) return null;
  if (!/^(\d{2}|\d{4}|\d{6})$/.test(code)) {
    throw badUserInput(field, `must be 2, 4 or 6 digits of a class code, got ${JSON.stringify(code)}`);
  }
  return code;
}

/** One value or a list of them, as filters offer both (`status`, `statusIn`): both given, both must hold. */
export function oneOrIn<T>(
  one: T | null | undefined,
  many: readonly T[] | null | undefined,
  field: string,
): T[] | null {
  const list = valuesIn(many, `${field}In`);
  if (one == null) return list;
  return list ? list.filter((value) => value === one) : [one];
}

/**
 * `regionCode` and `regionCodeIn` of a filter, checked and widened to administered areas when
 * asked; `name` is what the filter calls them (`deliveryRegionCode`), for the error's field.
 */
export function regionCriteria(
  filter: { regionCode?: string | null; regionCodeIn?: readonly string[] | null; includeAdministered?: boolean | null },
  field: string,
  name = 'regionCode',
): string[] | null {
  const one = regionCodes(
    filter.regionCode != null ? [filter.regionCode] : null,
    filter.includeAdministered,
    `${field}.${name}`,
  );
  const many = regionCodes(filter.regionCodeIn, filter.includeAdministered, `${field}.${name}In`);
  return one && many ? one.filter((code) => many.includes(code)) : (one ?? many);
}
