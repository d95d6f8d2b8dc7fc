/**
 * An instrument's calendar in the province's time. Bookable hours are set per weekday in
 * Asia/Shanghai time (UTC+8 all year: China has kept no daylight saving since 1991), so local
 * dates and times are UTC shifted by eight hours. Adjacent intervals join (a chamber open
 * 00:00–24:00 every day is one open stretch across midnight), and a booking must lie inside one
 * such stretch.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface BookableHours {
  /** 1 Monday … 7 Sunday */
  weekday: number;
  /** HH:MM */
  opens: string;
  /** HH:MM, or 24:00 */
  closes: string;
}

export interface Span {
  start: Date;
  end: Date;
}

export function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** 1 Monday … 7 Sunday, of a local date. */
function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The instant of a local date's minute. */
function instantAt(date: string, minute: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + minute * MINUTE_MS);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** "2026-12-01 09:00" in the province's time. */
export function formatLocal(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** "2026-12-01 09:00–12:00" (or with the end's date when it is another day). */
export function formatLocalWindow(start: Date, end: Date): string {
  const to = formatLocal(end);
  return `${formatLocal(start)}–${localDate(start) === localDate(end) ? to.slice(11) : to}`;
}

/** The bookable hours of one weekday, as people read them: "Tuesday 09:00–12:00, 14:00–17:30". */
export function describeHours(hours: readonly BookableHours[], weekday: number): string {
  const intervals = hours
    .filter((h) => h.weekday === weekday)
    .sort((a, b) => a.opens.localeCompare(b.opens))
    .map((h) => `${h.opens}–${h.closes}`);
  return `${WEEKDAY_NAMES[weekday]} ${intervals.length > 0 ? intervals.join(', ') : 'closed'}`;
}

/** The open stretches that touch [from, to): each day's intervals, adjacent ones joined. */
export function openSpans(hours: readonly BookableHours[], from: Date, to: Date): Span[] {
  const spans: Span[] = [];
  const last = localDate(to);
  for (let date = addDays(localDate(from), -1); date <= last; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    const today = hours
      .filter((h) => h.weekday === weekday)
      .map((h) => ({ start: instantAt(date, minutesOf(h.opens)), end: instantAt(date, minutesOf(h.closes)) }))
      .sort((a, b) => a.start.getTime() - b.start.getTime());
    for (const span of today) {
      const previous = spans.at(-1);
      if (previous && previous.end.getTime() >= span.start.getTime()) {
        if (span.end > previous.end) previous.end = span.end;
      } else {
        spans.push(span);
      }
    }
  }
  return spans.filter((span) => span.end > from && span.start < to);
}

/** The parts of `spans` not covered by any of `busy`. */
export function subtract(spans: readonly Span[], busy: readonly Span[]): Span[] {
  const sorted = [...busy].sort((a, b) => a.start.getTime() - b.start.getTime());
  const free: Span[] = [];
  for (const span of spans) {
    let cursor = span.start;
    for (const taken of sorted) {
      if (taken.end <= cursor || taken.start >= span.end) continue;
      if (taken.start > cursor) free.push({ start: cursor, end: taken.start });
      if (taken.end > cursor) cursor = taken.end;
    }
    if (cursor < span.end) free.push({ start: cursor, end: span.end });
  }
  return free;
}

export function clip(spans: readonly Span[], from: Date, to: Date): Span[] {
  return spans
    .map((span) => ({ start: span.start > from ? span.start : from, end: span.end < to ? span.end : to }))
    .filter((span) => span.end > span.start);
}

export function spanMinutes(span: Span): number {
  return Math.floor((span.end.getTime() - span.start.getTime()) / MINUTE_MS);
}

/** Instrument states in which it can take bookings. */
export const BOOKABLE_STATUSES = ['NORMAL', 'STANDBY', 'REMOTE_SERVICE', 'OCCASIONAL_FAULT'];

/** "Free between T1 and T2 for at least D", checked: ISO times (UTC) and minutes. */
export interface FreeWindow {
  from: string;
  to: string;
  minutes: number;
  /** The enterprise asking: INTERNAL instruments are bookable by their own unit only. */
  forEnterpriseId: string | null;
  /** The database schema holding the rules and the calendar. */
  schema: string;
}

/** Longest window availability and the free-time filter look at. */
export const MAX_WINDOW_DAYS = 31;

/**
 * The free-time filter as SQL over `instrument` rows, the same reckoning as `openSpans` and
 * `subtract`: the rules' open hours of each local date in the window (adjacent ones merged by
 * range_agg), clipped to the notice and advance limits, less the calendar's closures and held
 * bookings, must leave one stretch of at least the minutes asked for.
 */
export function freeWindowSql(window: FreeWindow): { sql: string; bindings: (string | number | string[])[] } {
  return {
    sql: `status = any(?::text[]) and ((sharing_mode = 'EXTERNAL' and review_status = 'PUBLISHED') or owner_id = ?) and exists (
      select 1 from "${window.schema}".booking_rule r
      cross join lateral (
        select range_agg(tstzrange((day.d + (h ->> 'opens')::time) at time zone 'Asia/Shanghai',
                                   (day.d + (h ->> 'closes')::time) at time zone 'Asia/Shanghai')) as spans
          from (select (?::timestamptz at time zone 'Asia/Shanghai')::date + n as d
                  from generate_series(-1, (?::timestamptz at time zone 'Asia/Shanghai')::date
                                           - (?::timestamptz at time zone 'Asia/Shanghai')::date) as n) as day,
               jsonb_array_elements(r.bookable_hours) as h
         where (h ->> 'weekday')::int = extract(isodow from day.d)
      ) as open
      cross join lateral (
        select greatest(?::timestamptz, now() + make_interval(hours => r.min_notice_hours)) as earliest,
               least(?::timestamptz, now() + make_interval(days => r.max_advance_days)) as latest
      ) as bounds
      cross join lateral unnest(
        (open.spans * tstzmultirange(case when bounds.earliest < bounds.latest
                                          then tstzrange(bounds.earliest, bounds.latest) else 'empty' end))
        - coalesce((select range_agg(c.during) from "${window.schema}".instrument_calendar c
                     where c.instrument_id = r.id and c.during && tstzrange(?::timestamptz, ?::timestamptz)), '{}')
      ) as free
      where r.id = instrument.id and r.max_minutes >= ?
        and upper(free) - lower(free) >= make_interval(mins => greatest(?, r.min_minutes)))`,
    bindings: [
      BOOKABLE_STATUSES,
      window.forEnterpriseId ?? '',
      window.from,
      window.to,
      window.from,
      window.from,
      window.to,
      window.from,
      window.to,
      window.minutes,
      window.minutes,
    ],
  };
}
