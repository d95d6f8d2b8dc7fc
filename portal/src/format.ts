/** Money, times and dates as the province writes them: yuan from fen, Beijing time. */
import type { Locale } from './i18n.ts';

export const ZONE = 'Asia/Shanghai';
/** Guizhou's offset from UTC, all year (China keeps no summer time). */
const OFFSET = '+08:00';

export function yuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function dateTime(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleString(locale, {
    timeZone: ZONE,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function timeOfDay(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleTimeString(locale, { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
}

export function day(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleDateString(locale, { timeZone: ZONE, month: 'short', day: 'numeric', weekday: 'short' });
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
