/** Calendar dates as the API and the database speak them: YYYY-MM-DD. */

/** Whether text is a calendar date, YYYY-MM-DD, that exists (not 2027-02-30). */
export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** A date column as YYYY-MM-DD, whether the driver gives text or a Date (at local midnight). */
export function dateOf(value: string | Date): string {
  if (typeof value === 'string') return value.slice(0, 10);
  return new Date(value.getTime() - value.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** Today in the province (Asia/Shanghai: UTC+8 all year, no daylight saving), YYYY-MM-DD. */
export function todayInGuizhou(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
