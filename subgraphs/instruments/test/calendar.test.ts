/**
 * The calendar reckoning that availability, the booking checks and (in SQL) the free-time filter
 * share: local Asia/Shanghai days, stretches joined across midnight, busy time taken out, and
 * charges in whole fen.
 */
import { describe, expect, it } from 'vitest';
import { windowProblems } from '../src/models/booking.ts';
import type { BookingRules } from '../src/models/bookingRules.ts';
import { clip, describeHours, openSpans, subtract } from '../src/models/calendar.ts';
import { chargeFen, priceGroupOf } from '../src/models/charge.ts';

const at = (local: string) => new Date(`${local}:00+08:00`);
const span = (from: string, to: string) => ({ start: at(from), end: at(to) });
const iso = (spans: { start: Date; end: Date }[]) => spans.map((s) => [s.start.toISOString(), s.end.toISOString()]);

const OFFICE = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opens: '08:30', closes: '12:00' },
  { weekday, opens: '14:00', closes: '17:30' },
]);
const ROUND_THE_CLOCK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));

function rules(overrides: Partial<BookingRules> = {}): BookingRules {
  return {
    instrumentId: 'ins-x',
    bookableHours: OFFICE,
    minMinutes: 60,
    maxMinutes: 480,
    minNoticeHours: 24,
    maxAdvanceDays: 30,
    requiresApproval: true,
    cancellationWindowHours: 24,
    cancellationFeeFen: 0,
    prices: [],
    version: 1,
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('open stretches', () => {
  it('are each local day’s intervals, in UTC', () => {
    // 2026-12-08 is a Tuesday; 08:30 in Guizhou is 00:30 UTC.
    expect(iso(openSpans(OFFICE, at('2026-12-08T00:00'), at('2026-12-08T23:59')))).toEqual([
      ['2026-12-08T00:30:00.000Z', '2026-12-08T04:00:00.000Z'],
      ['2026-12-08T06:00:00.000Z', '2026-12-08T09:30:00.000Z'],
    ]);
    expect(openSpans(OFFICE, at('2026-12-12T00:00'), at('2026-12-13T23:59'))).toEqual([]); // a weekend
  });

  it('join across midnight when one day closes at 24:00 and the next opens at 00:00', () => {
    const joined = openSpans(ROUND_THE_CLOCK, at('2026-12-08T10:00'), at('2026-12-10T10:00'));
    expect(joined).toHaveLength(1);
    expect(clip(joined, at('2026-12-08T10:00'), at('2026-12-10T10:00'))).toEqual([
      span('2026-12-08T10:00', '2026-12-10T10:00'),
    ]);
  });

  it('lose what bookings and closures hold', () => {
    const open = [span('2026-12-08T08:30', '2026-12-08T12:00')];
    const busy = [span('2026-12-08T09:00', '2026-12-08T10:00'), span('2026-12-08T09:30', '2026-12-08T10:30')];
    expect(subtract(open, busy)).toEqual([
      span('2026-12-08T08:30', '2026-12-08T09:00'),
      span('2026-12-08T10:30', '2026-12-08T12:00'),
    ]);
    expect(subtract(open, [span('2026-12-08T00:00', '2026-12-09T00:00')])).toEqual([]);
  });

  it('read as people say them', () => {
    expect(describeHours(OFFICE, 2)).toBe('Tuesday 08:30–12:00, 14:00–17:30');
    expect(describeHours(OFFICE, 7)).toBe('Sunday closed');
  });
});

describe('a requested window', () => {
  const now = at('2026-12-01T10:00');

  it('passes inside one stretch, after the notice, within the horizon, of an allowed length', () => {
    expect(windowProblems(rules(), at('2026-12-08T09:00'), at('2026-12-08T12:00'), now)).toEqual([]);
  });

  it('is refused across the lunch break, with the day’s hours named', () => {
    const problems = windowProblems(rules(), at('2026-12-08T11:00'), at('2026-12-08T15:00'), now);
    expect(problems).toEqual([
      {
        field: 'input.start',
        reason:
          '2026-12-08 11:00–15:00 (Asia/Shanghai) is outside the bookable hours: Tuesday 08:30–12:00, 14:00–17:30',
      },
    ]);
  });

  it('may run across midnight where the hours do', () => {
    const chamber = rules({ bookableHours: ROUND_THE_CLOCK, maxMinutes: 7 * 24 * 60 });
    expect(windowProblems(chamber, at('2026-12-11T20:00'), at('2026-12-12T08:00'), now)).toEqual([]);
  });

  it('is refused when too soon, too far ahead, too short or too long', () => {
    const fields = (start: string, end: string) =>
      windowProblems(rules(), at(start), at(end), now).map((p) => [p.field, p.reason.slice(0, 24)]);
    expect(fields('2026-12-02T09:00', '2026-12-02T10:00')).toEqual([['input.start', 'must be at least 24 hour']]);
    expect(fields('2027-01-05T09:00', '2027-01-05T10:00')).toEqual([['input.start', 'must be within 30 days f']]);
    expect(fields('2026-12-08T09:00', '2026-12-08T09:30')).toEqual([['input.end', 'the booking lasts 30 min']]);
    expect(windowProblems(rules(), at('2026-12-08T10:00'), at('2026-12-08T09:00'), now)).toEqual([
      { field: 'input.end', reason: 'must be after start' },
    ]);
    expect(windowProblems(rules(), at('2026-11-30T09:00'), at('2026-11-30T10:00'), now)[0]?.reason).toContain(
      'in the past',
    );
  });
});

describe('charges', () => {
  const hourly = { unit: 'HOUR' as const, rateFen: 6400, minimumChargeFen: 0 };

  it('follow the minutes used at the hourly rate, rounded to the fen', () => {
    expect(chargeFen(hourly, 210, null)).toBe(22_400);
    expect(chargeFen({ ...hourly, rateFen: 1000 }, 1, null)).toBe(17); // 16.67 fen
  });

  it('count samples for per-sample prices, and never fall under the minimum', () => {
    expect(chargeFen({ unit: 'SAMPLE', rateFen: 30_000, minimumChargeFen: 0 }, 600, 4)).toBe(120_000);
    expect(chargeFen({ ...hourly, minimumChargeFen: 10_000 }, 30, null)).toBe(10_000);
  });

  it('use the owner’s own price for its unit, the SME price for Guizhou enterprises, the full price otherwise', () => {
    expect(priceGroupOf('ent-025', 'ent-025', '91520304MEH6F7PXRF')).toBe('OWN_UNIT');
    expect(priceGroupOf('ent-029', 'ent-025', '9152030371WHG5KENH')).toBe('IN_PROVINCE_SME');
    expect(priceGroupOf('ent-001', 'ent-025', '12520111UB87AN1T4U')).toBe('OTHER'); // a university
    expect(priceGroupOf('ent-x', 'ent-025', '91440300MA5EXAMPLE')).toBe('OTHER'); // Shenzhen
    expect(priceGroupOf('ent-y', 'ent-025', null)).toBe('OTHER');
  });
});
