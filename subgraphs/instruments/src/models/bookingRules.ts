import { randomUUID } from 'node:crypto';
import {
  appError,
  badUserInputs,
  type Claims,
  type ConstraintFields,
  type Database,
  deleteVersioned,
  ErrorCode,
  type InputProblem,
  insertVersioned,
  notFound,
  Role,
  runWrite,
  timestamp,
  updateVersioned,
} from '@gzequip/kit';
import type { BookingRulesInput, ClosureInput } from '../__generated__/resolvers-types.ts';
import { BOOKING_LIMITS, PRICE_GROUPS } from '../migrations/20261203000000_bookings.ts';
import { type BookableHours, formatLocalWindow, minutesOf, type Span } from './calendar.ts';
import type { Price } from './charge.ts';
import { type InstrumentRow, restrictToVisible, toInstrument } from './instrument.ts';

export interface BookingRuleRow {
  id: string;
  bookable_hours: BookableHours[];
  min_minutes: number;
  max_minutes: number;
  min_notice_hours: number;
  max_advance_days: number;
  requires_approval: boolean;
  cancellation_window_hours: number;
  cancellation_fee_fen: number;
  prices: Price[];
  version: number;
  updated_at: Date;
}

export interface BookingRules {
  instrumentId: string;
  bookableHours: BookableHours[];
  minMinutes: number;
  maxMinutes: number;
  minNoticeHours: number;
  maxAdvanceDays: number;
  requiresApproval: boolean;
  cancellationWindowHours: number;
  cancellationFeeFen: number;
  prices: Price[];
  version: number;
  updatedAt: string;
}

/** A closure as read: its range's ends selected as `start` and `end` (see CLOSURE_COLUMNS). */
export interface ClosureRow {
  id: string;
  instrument_id: string;
  start: Date;
  end: Date;
  reason: string;
}

const CLOSURE_COLUMNS = ['id', 'instrument_id', 'reason', 'lower(during) as start', 'upper(during) as "end"'];

export interface Closure {
  id: string;
  instrumentId: string;
  start: string;
  end: string;
  reason: string;
}

const CLOSURES = { table: 'closure', typename: 'Closure' };
const RULES = { table: 'booking_rule', typename: 'BookingRules', jsonColumns: ['bookable_hours', 'prices'] };

const byDayAndTime = (a: BookableHours, b: BookableHours) => a.weekday - b.weekday || a.opens.localeCompare(b.opens);
const byGroup = (a: Price, b: Price) => PRICE_GROUPS.indexOf(a.group) - PRICE_GROUPS.indexOf(b.group);

export function toBookingRules(row: BookingRuleRow): BookingRules {
  return {
    instrumentId: row.id,
    bookableHours: [...row.bookable_hours].sort(byDayAndTime),
    minMinutes: row.min_minutes,
    maxMinutes: row.max_minutes,
    minNoticeHours: row.min_notice_hours,
    maxAdvanceDays: row.max_advance_days,
    requiresApproval: row.requires_approval,
    cancellationWindowHours: row.cancellation_window_hours,
    cancellationFeeFen: row.cancellation_fee_fen,
    prices: [...row.prices].sort(byGroup),
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** A time range as PostgreSQL reads it: start included, end excluded. */
export function rangeOf(start: string | Date, end: string | Date): string {
  const iso = (value: string | Date) => (value instanceof Date ? value.toISOString() : value);
  return `[${iso(start)},${iso(end)})`;
}

function toClosure(row: ClosureRow): Closure {
  return {
    id: row.id,
    instrumentId: row.instrument_id,
    start: new Date(row.start).toISOString(),
    end: new Date(row.end).toISOString(),
    reason: row.reason,
  };
}

/** An ISO time from an input, or a problem recorded against its field. */
export function parseTime(value: string, field: string, problems: InputProblem[]): Date | null {
  try {
    return new Date(timestamp(value, field) as string);
  } catch (error) {
    problems.push({ field, reason: String((error as { extensions?: { reason?: string } }).extensions?.reason) });
    return null;
  }
}

/** Who runs an instrument's bookings: its owner's users, and administrators. */
export function managesBookings(viewer: Claims, ownerId: string): boolean {
  return viewer.role === Role.ADMIN || (viewer.enterpriseId !== null && viewer.enterpriseId === ownerId);
}

export function forbidden(message: string) {
  return appError(ErrorCode.FORBIDDEN, message);
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const RULE_CONSTRAINTS: ConstraintFields = {
  booking_rule_bookable_hours_valid: {
    field: 'input.bookableHours',
    reason: 'must be weekdays 1–7 with HH:MM times, opens before closes, no overlaps within a day',
  },
  booking_rule_prices_valid: { field: 'input.prices', reason: 'must give one price for each price group' },
  booking_rule_min_minutes_range: { field: 'input.minMinutes', reason: `must be 1 to ${BOOKING_LIMITS.maxMinutes}` },
  booking_rule_max_minutes_range: {
    field: 'input.maxMinutes',
    reason: `must be minMinutes to ${BOOKING_LIMITS.maxMinutes}`,
  },
  booking_rule_min_notice_hours_range: {
    field: 'input.minNoticeHours',
    reason: `must be 0 to ${BOOKING_LIMITS.maxNoticeHours}`,
  },
  booking_rule_max_advance_days_range: {
    field: 'input.maxAdvanceDays',
    reason: `must be 1 to ${BOOKING_LIMITS.maxAdvanceDays}`,
  },
  booking_rule_cancellation_window_hours_range: {
    field: 'input.cancellationWindowHours',
    reason: `must be 0 to ${BOOKING_LIMITS.maxCancellationWindowHours}`,
  },
  booking_rule_cancellation_fee_fen_range: {
    field: 'input.cancellationFeeFen',
    reason: `must be 0 to ${BOOKING_LIMITS.maxRateFen}`,
  },
};

/** The rules as columns, or every problem with them (the database checks the same again). */
function ruleColumns(input: BookingRulesInput): { columns: Record<string, unknown>; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field: `input.${field}`, reason });
  const between = (field: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max)
      problem(field, `must be ${min} to ${max}, got ${value}`);
  };
  const hours = input.bookableHours.map(({ weekday, opens, closes }) => ({ weekday, opens, closes }));
  if (hours.length > 28) problem('bookableHours', `may hold at most 28 intervals, got ${hours.length}`);
  hours.forEach((h, i) => {
    if (!Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7) {
      problem(`bookableHours[${i}].weekday`, 'must be 1 (Monday) to 7 (Sunday)');
    }
    if (!HHMM.test(h.opens)) problem(`bookableHours[${i}].opens`, `must be HH:MM, got ${JSON.stringify(h.opens)}`);
    if (!HHMM.test(h.closes) && h.closes !== '24:00') {
      problem(`bookableHours[${i}].closes`, `must be HH:MM or 24:00, got ${JSON.stringify(h.closes)}`);
    } else if (HHMM.test(h.opens) && minutesOf(h.closes) <= minutesOf(h.opens)) {
      problem(`bookableHours[${i}].closes`, `must be after opens (${h.opens})`);
    }
    hours.slice(0, i).forEach((other, j) => {
      if (other.weekday === h.weekday && other.opens < h.closes && h.opens < other.closes) {
        problem(`bookableHours[${i}]`, `overlaps bookableHours[${j}] (${other.opens}–${other.closes})`);
      }
    });
  });
  between('minMinutes', input.minMinutes, 1, BOOKING_LIMITS.maxMinutes);
  between('maxMinutes', input.maxMinutes, Math.max(1, input.minMinutes), BOOKING_LIMITS.maxMinutes);
  const minNoticeHours = input.minNoticeHours ?? 24;
  const maxAdvanceDays = input.maxAdvanceDays ?? 90;
  const cancellationWindowHours = input.cancellationWindowHours ?? 24;
  const cancellationFeeFen = input.cancellationFeeFen ?? 0;
  between('minNoticeHours', minNoticeHours, 0, BOOKING_LIMITS.maxNoticeHours);
  between('maxAdvanceDays', maxAdvanceDays, 1, BOOKING_LIMITS.maxAdvanceDays);
  between('cancellationWindowHours', cancellationWindowHours, 0, BOOKING_LIMITS.maxCancellationWindowHours);
  between('cancellationFeeFen', cancellationFeeFen, 0, BOOKING_LIMITS.maxRateFen);
  const prices: Price[] = input.prices.map((p) => ({
    group: p.group,
    unit: p.unit,
    rateFen: p.rateFen,
    minimumChargeFen: p.minimumChargeFen ?? 0,
  }));
  prices.forEach((p, i) => {
    between(`prices[${i}].rateFen`, p.rateFen, 0, BOOKING_LIMITS.maxRateFen);
    between(`prices[${i}].minimumChargeFen`, p.minimumChargeFen, 0, BOOKING_LIMITS.maxRateFen);
  });
  const missing = PRICE_GROUPS.filter((group) => !prices.some((p) => p.group === group));
  if (missing.length > 0 || prices.length !== PRICE_GROUPS.length) {
    problem('prices', `must give exactly one price for each of ${PRICE_GROUPS.join(', ')}`);
  }
  return {
    columns: {
      // Stored in one order, so that the same rules sent in another order change nothing.
      bookable_hours: [...hours].sort(byDayAndTime),
      min_minutes: input.minMinutes,
      max_minutes: input.maxMinutes,
      min_notice_hours: minNoticeHours,
      max_advance_days: maxAdvanceDays,
      requires_approval: input.requiresApproval ?? true,
      cancellation_window_hours: cancellationWindowHours,
      cancellation_fee_fen: cancellationFeeFen,
      prices: [...prices].sort(byGroup),
    },
    problems,
  };
}

export class BookingRulesModel {
  constructor(private readonly db: Database) {}

  async findByInstrumentIds(ids: readonly string[]): Promise<BookingRules[]> {
    const rows = await this.db.table<BookingRuleRow>('booking_rule').whereIn('id', [...ids]);
    return rows.map(toBookingRules);
  }

  /** Closures of many instruments that end after `from`, earliest first, at most `first` each. */
  async closuresOf(instrumentIds: readonly string[], from: string, first: number): Promise<Map<string, Closure[]>> {
    const rows = (await this.db
      .query()
      .select('*')
      .from(
        this.db
          .table('closure')
          .select(CLOSURE_COLUMNS.map((column) => this.db.knex.raw(column)))
          .select(this.db.knex.raw('row_number() over (partition by instrument_id order by lower(during), id) as n'))
          .whereIn('instrument_id', [...instrumentIds])
          .whereRaw('upper(during) > ?', [from])
          .as('c'),
      )
      .where('n', '<=', first)
      .orderBy(['instrument_id', 'n'])) as ClosureRow[];
    const byInstrument = new Map<string, Closure[]>();
    for (const row of rows) {
      byInstrument.set(row.instrument_id, [...(byInstrument.get(row.instrument_id) ?? []), toClosure(row)]);
    }
    return byInstrument;
  }

  /** What holds the time of many instruments between `from` and `to`: closures and held bookings. */
  async busyBetween(instrumentIds: readonly string[], from: string, to: string): Promise<Map<string, Span[]>> {
    const rows = (await this.db
      .table('instrument_calendar')
      .select('instrument_id', this.db.knex.raw('lower(during) as start, upper(during) as "end"'))
      .whereIn('instrument_id', [...instrumentIds])
      .whereRaw('during && tstzrange(?, ?)', [from, to])) as { instrument_id: string; start: Date; end: Date }[];
    const byInstrument = new Map<string, Span[]>();
    for (const row of rows) {
      const span = { start: new Date(row.start), end: new Date(row.end) };
      byInstrument.set(row.instrument_id, [...(byInstrument.get(row.instrument_id) ?? []), span]);
    }
    return byInstrument;
  }

  /** Replaces the rules of an instrument its owner runs: new ones at version 1, else if `version` is current. */
  set(instrumentId: string, version: number | null, input: BookingRulesInput, viewer: Claims): Promise<BookingRules> {
    const { columns, problems } = ruleColumns(input);
    return runWrite(
      this.db,
      async (tx) => {
        await this.managedInstrument(tx, instrumentId, viewer, 'set the booking rules of');
        if (problems.length > 0) throw badUserInputs(problems);
        const current = (await tx.table('booking_rule').where({ id: instrumentId }).forUpdate().first()) as
          | BookingRuleRow
          | undefined;
        if (!current) {
          if (version !== null && version !== undefined) {
            const message = `Instrument ${instrumentId} has no booking rules yet: leave version out`;
            throw appError(ErrorCode.CONFLICT, message, { field: 'version' });
          }
          return toBookingRules(
            await insertVersioned<BookingRuleRow>(tx, RULES, { id: instrumentId, ...columns }, viewer),
          );
        }
        if (version === null || version === undefined) {
          throw appError(
            ErrorCode.CONFLICT,
            `Instrument ${instrumentId} already has booking rules (version ${current.version}): send the version you read`,
            { field: 'version', currentVersion: current.version },
          );
        }
        return toBookingRules(
          await updateVersioned<BookingRuleRow>(tx, RULES, instrumentId, version, columns, viewer, current),
        );
      },
      RULE_CONSTRAINTS,
    );
  }

  /** Closes an instrument for maintenance; the calendar refuses a closure over a held booking. */
  addClosure(instrumentId: string, input: ClosureInput, viewer: Claims): Promise<Closure> {
    const problems: InputProblem[] = [];
    const start = parseTime(input.start, 'input.start', problems)?.toISOString();
    const end = parseTime(input.end, 'input.end', problems)?.toISOString();
    if (start && end && end <= start) problems.push({ field: 'input.end', reason: 'must be after start' });
    const reason = input.reason.trim();
    if (reason.length < 1 || reason.length > BOOKING_LIMITS.closureReason) {
      problems.push({ field: 'input.reason', reason: `must be 1 to ${BOOKING_LIMITS.closureReason} characters` });
    }
    return runWrite(this.db, async (tx) => {
      await this.managedInstrument(tx, instrumentId, viewer, 'close');
      if (problems.length > 0 || !start || !end) throw badUserInputs(problems);
      const id = `clo-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      try {
        await tx.transaction((savepoint) =>
          insertVersioned(
            savepoint,
            CLOSURES,
            { id, instrument_id: instrumentId, during: rangeOf(start, end), reason },
            viewer,
          ),
        );
      } catch (error) {
        throw (await calendarClash(tx, error, instrumentId, start, end, 'input.start')) ?? error;
      }
      return toClosure({ id, instrument_id: instrumentId, start: new Date(start), end: new Date(end), reason });
    });
  }

  removeClosure(id: string, viewer: Claims): Promise<Closure> {
    return runWrite(this.db, async (tx) => {
      const row = (await tx
        .table('closure')
        .select(CLOSURE_COLUMNS.map((column) => tx.knex.raw(column)))
        .where({ id })
        .first()) as ClosureRow | undefined;
      if (!row) throw notFound('Closure', id);
      await this.managedInstrument(tx, row.instrument_id, viewer, 'reopen');
      await deleteVersioned(tx, CLOSURES, id, viewer);
      return toClosure(row);
    });
  }

  /** The instrument, if the caller may see it (else NOT_FOUND) and runs its bookings (else FORBIDDEN). */
  private async managedInstrument(tx: Database, instrumentId: string, viewer: Claims, action: string) {
    const query = tx.table<InstrumentRow>('instrument').where({ id: instrumentId });
    restrictToVisible(query, viewer);
    const row = (await query.first()) as InstrumentRow | undefined;
    if (!row) throw notFound('Instrument', instrumentId);
    if (!managesBookings(viewer, row.owner_id)) {
      throw forbidden(`Only the owner's users and administrators may ${action} instrument ${instrumentId}`);
    }
    return toInstrument(row);
  }
}

/**
 * A calendar overlap (the exclusion constraint's refusal) as a CONFLICT naming what holds the
 * time, local and UTC; undefined for any other error. Runs after the failed statement's savepoint
 * was rolled back, so the transaction can still read.
 */
export async function calendarClash(
  tx: Database,
  error: unknown,
  instrumentId: string,
  start: string,
  end: string,
  field: string,
) {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (code !== '23P01' || constraint !== 'instrument_calendar_no_overlap') return undefined;
  const clashes = (
    (await tx
      .table('instrument_calendar')
      .select(tx.knex.raw('lower(during) as start, upper(during) as "end"'), 'closure_id')
      .where({ instrument_id: instrumentId })
      .whereRaw('during && ?::tstzrange', [rangeOf(start, end)])
      .orderByRaw('lower(during)')) as { start: Date; end: Date; closure_id: string | null }[]
  ).map((row) => ({
    start: new Date(row.start),
    end: new Date(row.end),
    kind: row.closure_id ? 'CLOSURE' : 'BOOKING',
  }));
  const described = clashes.map(
    (c) => `${c.kind === 'CLOSURE' ? 'a closure' : 'another booking'} holds ${formatLocalWindow(c.start, c.end)}`,
  );
  return appError(
    ErrorCode.CONFLICT,
    `Instrument ${instrumentId} is not free ${formatLocalWindow(new Date(start), new Date(end))} (Asia/Shanghai): ${described.join('; ') || 'another booking holds part of it'}. Choose another time (see Instrument.availability)`,
    {
      field,
      clashes: clashes.map((c) => ({ kind: c.kind, start: c.start.toISOString(), end: c.end.toISOString() })),
    },
  );
}
