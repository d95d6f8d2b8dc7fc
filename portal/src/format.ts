/** Money, times and dates as the province writes them: yuan from fen, Beijing time. */
import type { Locale } from './i18n.ts';

export const ZONE = 'Asia/Shanghai';
/** Guizhou's offset from UTC, all year (China keeps no summer time). */
const OFFSET = '+08:00';

/**
 * Intl's formatters take milliseconds to make (the first of a kind loads the locale's data) and
 * microseconds to use, and `toLocaleString` with options makes one on every call: a page of
 * bookings spent hundreds of milliseconds on its dates. Each formatter is made once per locale,
 * when first used; what it writes is what `toLocaleString` with the same options writes.
 */
function perLocale<T>(make: (locale: string) => T): (locale: string) => T {
  const made = new Map<string, T>();
  return (locale) => {
    let formatter = made.get(locale);
    if (!formatter) {
      formatter = make(locale);
      made.set(locale, formatter);
    }
    return formatter;
  };
}

const numberFormat = perLocale((locale) => new Intl.NumberFormat(locale));
const yuanFormat = perLocale(
  (locale) => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
);
const dateTimeFormat = perLocale(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: ZONE,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }),
);
const timeOfDayFormat = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }),
);
const dayFormat = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { timeZone: ZONE, month: 'short', day: 'numeric', weekday: 'short' }),
);

let prepared = false;

/**
 * Makes a number and a date formatter of the language in use ahead, one a task, once: called while
 * the first page waits for its data. The first of each kind in a page's life loads ICU's data for
 * it (the first number formatter some 50 ms on this 2-core machine, the first date formatter its
 * calendar and zone data); made here, that no longer stands between the data's arrival and its
 * display, and the page's other formatters are quick to make after them.
 */
export function prepareFormatters(): void {
  if (prepared) return;
  prepared = true;
  const locale = document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
  setTimeout(() => {
    numberFormat(locale);
    setTimeout(() => dateTimeFormat(locale));
  });
}

/** A number with the locale's digit grouping: 12,345. */
export function grouped(n: number, locale: string): string {
  return numberFormat(locale).format(n);
}

export function yuan(fen: number): string {
  return yuanFormat('zh-CN').format(fen / 100);
}

export function dateTime(iso: string, locale: Locale): string {
  return dateTimeFormat(locale).format(new Date(iso));
}

export function timeOfDay(iso: string, locale: Locale): string {
  return timeOfDayFormat(locale).format(new Date(iso));
}

export function day(iso: string, locale: Locale): string {
  return dayFormat(locale).format(new Date(iso));
}

/** `2026-12-03T09:00` (an <input type="datetime-local">, read as Beijing time) as ISO 8601 with its zone. */
export function fromLocalInput(value: string): string {
  return `${value}:00${OFFSET}`;
}

/** An instant as an <input type="datetime-local"> value in Beijing time. */
export function toLocalInput(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return shifted.toISOString().slice(0, 16);
}
