import { randomUUID } from 'node:crypto';
import {
  appError,
  applyChangedWindow,
  badUserInput,
  badUserInputs,
  type ChangedWindow,
  type Claims,
  type Connection,
  type ConstraintFields,
  countRows,
  type Database,
  ErrorCode,
  type InputProblem,
  insertVersioned,
  keysetPage,
  notFound,
  type OrderFields,
  type Page,
  Role,
  runWrite,
  staleVersion,
  updateVersioned,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type {
  BookingRequestInput,
  BookingStatus,
  PriceGroup,
  ServiceRecordInput,
  ServiceWay,
} from '../__generated__/resolvers-types.ts';
import { BOOKING_LIMITS } from '../migrations/20261203000000_bookings.ts';
import {
  type BookingRuleRow,
  calendarClash,
  forbidden,
  managesBookings,
  parseTime,
  rangeOf,
  toBookingRules,
} from './bookingRules.ts';
import { BOOKABLE_STATUSES, describeHours, formatLocal, formatLocalWindow, localDate, openSpans } from './calendar.ts';
import { type ChargeUnit, chargeFen, priceGroupOf } from './charge.ts';
import { type InstrumentRow, restrictToVisible } from './instrument.ts';

/** A booking as read: the booking's columns, its window's ends, and its instrument's owner. */
export interface BookingRow {
  id: string;
  instrument_id: string;
  requester_enterprise_id: string;
  requester_user_id: string | null;
  external: boolean;
  price_group: string;
  start: Date;
  end: Date;
  samples: number | null;
  purpose: string | null;
  status: string;
  decision_reason: string | null;
  charge_unit: string;
  rate_fen: number;
  minimum_charge_fen: number;
  estimated_charge_fen: number;
  cancellation_fee_fen: number;
  actual_start: Date | null;
  actual_end: Date | null;
  used_minutes: number | null;
  service_way: string | null;
  user_unit: string | null;
  rating: number | null;
  rating_comment: string | null;
  charge_fen: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  owner_id: string;
  classified: boolean;
}

export interface ServiceRecord {
  actualStart: string;
  actualEnd: string;
  hours: number;
  samples: number | null;
  way: ServiceWay;
  userUnit: string | null;
  rating: number | null;
  ratingComment: string | null;
  chargeFen: number;
}

export interface Booking {
  id: string;
  instrumentId: string;
  ownerId: string;
  classified: boolean;
  requesterEnterpriseId: string;
  requesterUserId: string | null;
  start: string;
  end: string;
  minutes: number;
  samples: number | null;
  purpose: string | null;
  status: BookingStatus;
  priceGroup: PriceGroup;
  external: boolean;
  estimatedChargeFen: number;
  cancellationFeeFen: number;
  decisionReason: string | null;
  serviceRecord: ServiceRecord | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type BookingConnection = Connection<Booking>;

/** A checked booking filter. */
export interface BookingCriteria {
  instrumentId: string | null;
  statuses: BookingStatus[] | null;
  startsFrom: string | null;
  startsTo: string | null;
  changed: ChangedWindow | null;
}

export const BOOKING_ORDERS: OrderFields<Booking> = {
  START: { column: 'start', value: (b) => b.start },
  CREATED_AT: { column: 'created_at', value: (b) => b.createdAt },
  UPDATED_AT: { column: 'updated_at', value: (b) => b.updatedAt },
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const TYPENAME = 'Booking';
const ENTITY = { table: 'booking', typename: TYPENAME };
const MAX_SAMPLES = 10_000;
/** The longest service a record may span. */
const MAX_SERVICE_DAYS = 7;

export function toBooking(row: BookingRow): Booking {
  const start = new Date(row.start);
  const end = new Date(row.end);
  const completed = row.status === 'COMPLETED' && row.actual_start && row.actual_end && row.used_minutes !== null;
  return {
    id: row.id,
    instrumentId: row.instrument_id,
    ownerId: row.owner_id,
    classified: row.classified,
    requesterEnterpriseId: row.requester_enterprise_id,
    requesterUserId: row.requester_user_id,
    start: start.toISOString(),
    end: end.toISOString(),
    minutes: Math.round((end.getTime() - start.getTime()) / MINUTE_MS),
    samples: row.samples,
    purpose: row.purpose,
    status: row.status as BookingStatus,
    priceGroup: row.price_group as PriceGroup,
    external: row.external,
    estimatedChargeFen: row.estimated_charge_fen,
    cancellationFeeFen: row.cancellation_fee_fen,
    decisionReason: row.decision_reason,
    serviceRecord: completed
      ? {
          actualStart: new Date(row.actual_start as Date).toISOString(),
          actualEnd: new Date(row.actual_end as Date).toISOString(),
          hours: (row.used_minutes as number) / 60,
          samples: row.samples,
          way: row.service_way as ServiceWay,
          userUnit: row.user_unit,
          rating: row.rating,
          ratingComment: row.rating_comment,
          chargeFen: row.charge_fen as number,
        }
      : null,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * Who sees a booking: the requesting enterprise's users, the instrument owner's users and
 * administrators (but a classified instrument's bookings stay with its owner, as the instrument does).
 */
export function canSeeBooking(
  viewer: Claims,
  booking: Pick<Booking, 'requesterEnterpriseId' | 'ownerId' | 'classified'>,
) {
  if (
    viewer.enterpriseId &&
    (viewer.enterpriseId === booking.requesterEnterpriseId || viewer.enterpriseId === booking.ownerId)
  ) {
    return true;
  }
  return viewer.role === Role.ADMIN && !booking.classified;
}

/** The same rule as SQL over `bookings` (see `bookingsQuery`). */
function restrictToVisibleBookings(query: Knex.QueryBuilder, viewer: Claims): void {
  query.where((visible) => {
    if (viewer.enterpriseId) {
      visible.where('requester_enterprise_id', viewer.enterpriseId).orWhere('owner_id', viewer.enterpriseId);
    }
    if (viewer.role === Role.ADMIN) visible.orWhere('classified', false);
    if (!viewer.enterpriseId && viewer.role !== Role.ADMIN) visible.whereRaw('false');
  });
}

function applyBookingCriteria(query: Knex.QueryBuilder, criteria: BookingCriteria): void {
  if (criteria.instrumentId) query.where('instrument_id', criteria.instrumentId);
  if (criteria.statuses) query.whereIn('status', criteria.statuses);
  if (criteria.startsFrom) query.where('start', '>=', criteria.startsFrom);
  if (criteria.startsTo) query.where('start', '<=', criteria.startsTo);
  applyChangedWindow(query, criteria.changed);
}

const BOOKING_CONSTRAINTS: ConstraintFields = {
  booking_purpose_length: { field: 'input.purpose', reason: `must be at most ${BOOKING_LIMITS.purpose} characters` },
  booking_samples_positive: { field: 'input.samples', reason: 'must be 1 or more' },
  booking_decision_reason_length: { field: 'reason', reason: `must be at most ${BOOKING_LIMITS.reason} characters` },
  booking_user_unit_length: {
    field: 'record.userUnit',
    reason: `must be at most ${BOOKING_LIMITS.userUnit} characters`,
  },
  booking_rating_comment_length: {
    field: 'record.ratingComment',
    reason: `must be at most ${BOOKING_LIMITS.ratingComment} characters`,
  },
  booking_rating_range: { field: 'record.rating', reason: 'must be 1 to 5' },
  booking_actual_times: { field: 'record.actualEnd', reason: 'must be after actualStart' },
  booking_used_minutes_range: {
    field: 'record.hours',
    reason: 'must be more than 0 and fit between actualStart and actualEnd',
  },
};

function wrongStatus(booking: Booking, action: string, allowed: readonly string[]) {
  return appError(
    ErrorCode.CONFLICT,
    `Booking ${booking.id} is ${booking.status}; only ${allowed.join(' or ')} bookings can be ${action}`,
    { field: 'status', status: booking.status },
  );
}

function optionalText(value: string | null | undefined, field: string, limit: number, problems: InputProblem[]) {
  const text = value?.trim() || null;
  if (text && text.length > limit) problems.push({ field, reason: `must be at most ${limit} characters` });
  return text;
}

export class BookingModel {
  constructor(private readonly db: Database) {}

  /** Bookings with their window's ends and their instrument's owner, as one relation to filter and page. */
  private bookingsQuery(db: Database = this.db): Knex.QueryBuilder {
    const inner = db
      .table('booking as b')
      .join('instrument as i', 'i.id', 'b.instrument_id')
      .select('b.*', 'i.owner_id', 'i.classified')
      .select(db.knex.raw('lower(b.during) as start, upper(b.during) as "end"'));
    return db.query().from(inner.as('bookings'));
  }

  async findByIds(ids: readonly string[], viewer: Claims): Promise<Booking[]> {
    const query = this.bookingsQuery().whereIn('id', [...ids]);
    restrictToVisibleBookings(query, viewer);
    return ((await query) as BookingRow[]).map(toBooking);
  }

  /** One booking by id for `booking(id)`: NOT_FOUND, or FORBIDDEN when it is another unit's. */
  async findOne(id: string, viewer: Claims): Promise<Booking> {
    const row = (await this.bookingsQuery().where('id', id).first()) as BookingRow | undefined;
    if (!row) throw notFound(TYPENAME, id);
    const booking = toBooking(row);
    if (!canSeeBooking(viewer, booking)) throw seenByOthersOnly(id);
    return booking;
  }

  /** `myBookings` (side REQUESTER) or `bookingQueue` (side OWNER): a page and the total on demand. */
  async list(
    side: 'REQUESTER' | 'OWNER',
    criteria: BookingCriteria,
    page: Page<Booking>,
    viewer: Claims,
  ): Promise<{ rows: Booking[]; count: () => Promise<number> }> {
    const filtered = () => {
      const query = this.bookingsQuery();
      restrictToVisibleBookings(query, viewer);
      if (side === 'REQUESTER') query.where('requester_enterprise_id', viewer.enterpriseId ?? '');
      else if (viewer.role !== Role.ADMIN) query.where('owner_id', viewer.enterpriseId ?? '');
      applyBookingCriteria(query, criteria);
      return query;
    };
    const rows = ((await keysetPage(filtered(), page)) as BookingRow[]).map(toBooking);
    return { rows, count: () => countRows(filtered()) };
  }

  /** A request for an instrument's time, checked against its rules; the calendar refuses overlaps. */
  async request(input: BookingRequestInput, viewer: Claims): Promise<Booking> {
    const requester = viewer.enterpriseId;
    if (!requester || viewer.role === Role.PUBLIC || viewer.role === Role.PARTNER) {
      throw forbidden('Sign in as a user of an enterprise to book instruments: bookings are made for a unit');
    }
    const problems: InputProblem[] = [];
    const start = parseTime(input.start, 'input.start', problems);
    const end = parseTime(input.end, 'input.end', problems);
    const purpose = optionalText(input.purpose, 'input.purpose', BOOKING_LIMITS.purpose, problems);
    if (
      input.samples != null &&
      (!Number.isInteger(input.samples) || input.samples < 1 || input.samples > MAX_SAMPLES)
    ) {
      problems.push({ field: 'input.samples', reason: `must be 1 to ${MAX_SAMPLES}` });
    }
    return runWrite(
      this.db,
      async (tx) => {
        const query = tx.table<InstrumentRow>('instrument').where({ id: input.instrumentId });
        restrictToVisible(query, viewer);
        const instrument = (await query.first()) as InstrumentRow | undefined;
        if (!instrument) throw notFound('Instrument', input.instrumentId);
        const ownUnit = instrument.owner_id === requester;
        if (!ownUnit && (instrument.sharing_mode !== 'EXTERNAL' || instrument.review_status !== 'PUBLISHED')) {
          throw forbidden(
            `Instrument ${instrument.id} is not shared outside its owning unit: only its users may book it`,
          );
        }
        if (!BOOKABLE_STATUSES.includes(instrument.status)) {
          throw appError(
            ErrorCode.CONFLICT,
            `Instrument ${instrument.id} is ${instrument.status}: it takes bookings when ${BOOKABLE_STATUSES.join(', ')}`,
            { field: 'input.instrumentId', status: instrument.status },
          );
        }
        const ruleRow = (await tx.table('booking_rule').where({ id: instrument.id }).first()) as
          | BookingRuleRow
          | undefined;
        if (!ruleRow) {
          throw badUserInput(
            'input.instrumentId',
            `instrument ${instrument.id} is not open for booking: its owner has set no booking rules`,
          );
        }
        const rules = toBookingRules(ruleRow);
        if (start && end) problems.push(...windowProblems(rules, start, end, new Date()));
        if (problems.length > 0 || !start || !end) throw badUserInputs(problems);

        const owner = (await tx.table('owner').where({ id: requester }).first('credit_code')) as
          | { credit_code: string }
          | undefined;
        const priceGroup = priceGroupOf(requester, instrument.owner_id, owner?.credit_code ?? null);
        const price = rules.prices.find((p) => p.group === priceGroup);
        if (!price) throw new Error(`rules of ${instrument.id} have no ${priceGroup} price`);
        const minutes = Math.round((end.getTime() - start.getTime()) / MINUTE_MS);
        const samples = price.unit === 'SAMPLE' ? (input.samples ?? 1) : (input.samples ?? null);
        const id = `bkg-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
        const row = {
          id,
          instrument_id: instrument.id,
          requester_enterprise_id: requester,
          requester_user_id: viewer.userId,
          external: !ownUnit,
          price_group: priceGroup,
          during: rangeOf(start, end),
          samples,
          purpose,
          status: rules.requiresApproval ? 'REQUESTED' : 'APPROVED',
          estimated_charge_fen: chargeFen(price, minutes, samples),
        };
        let inserted: BookingRow;
        try {
          inserted = await tx.transaction((savepoint) => insertVersioned<BookingRow>(savepoint, ENTITY, row, viewer));
        } catch (error) {
          throw (
            (await calendarClash(tx, error, instrument.id, start.toISOString(), end.toISOString(), 'input.start')) ??
            error
          );
        }
        return toBooking({ ...inserted, start, end, owner_id: instrument.owner_id, classified: instrument.classified });
      },
      BOOKING_CONSTRAINTS,
    );
  }

  approve(id: string, version: number, viewer: Claims) {
    return this.transition(id, version, viewer, 'OWNER', (booking) => {
      if (booking.status !== 'REQUESTED') throw wrongStatus(booking, 'approved', ['REQUESTED']);
      if (new Date(booking.start) <= new Date()) {
        throw appError(
          ErrorCode.CONFLICT,
          `Booking ${id} started at ${booking.start}: a request whose time has passed cannot be approved; reject it`,
          {
            field: 'id',
          },
        );
      }
      return { status: 'APPROVED' };
    });
  }

  reject(id: string, version: number, reason: string, viewer: Claims) {
    const text = reason.trim();
    return this.transition(id, version, viewer, 'OWNER', (booking) => {
      if (text === '') throw badUserInput('reason', 'is required: tell the requester why');
      if (text.length > BOOKING_LIMITS.reason)
        throw badUserInput('reason', `must be at most ${BOOKING_LIMITS.reason} characters`);
      if (booking.status !== 'REQUESTED') throw wrongStatus(booking, 'rejected', ['REQUESTED']);
      return { status: 'REJECTED', decision_reason: text };
    });
  }

  cancel(id: string, version: number, reason: string | null | undefined, viewer: Claims) {
    const problems: InputProblem[] = [];
    const text = optionalText(reason, 'reason', BOOKING_LIMITS.reason, problems);
    return this.transition(id, version, viewer, 'REQUESTER', async (booking, tx) => {
      if (problems.length > 0) throw badUserInputs(problems);
      if (booking.status !== 'REQUESTED' && booking.status !== 'APPROVED') {
        throw wrongStatus(booking, 'cancelled', ['REQUESTED', 'APPROVED']);
      }
      const rules = (await tx.table('booking_rule').where({ id: booking.instrumentId }).first()) as
        | BookingRuleRow
        | undefined;
      const late =
        booking.status === 'APPROVED' &&
        rules !== undefined &&
        Date.now() > new Date(booking.start).getTime() - rules.cancellation_window_hours * HOUR_MS;
      return {
        status: 'CANCELLED',
        decision_reason: text,
        cancellation_fee_fen: late ? rules.cancellation_fee_fen : 0,
      };
    });
  }

  start(id: string, version: number, viewer: Claims) {
    return this.transition(id, version, viewer, 'OWNER', (booking) => {
      if (booking.status !== 'APPROVED') throw wrongStatus(booking, 'started', ['APPROVED']);
      return { status: 'IN_USE' };
    });
  }

  /** The service record: the charge follows the time used (or samples) at the booking's price. */
  complete(id: string, version: number, record: ServiceRecordInput, viewer: Claims) {
    const problems: InputProblem[] = [];
    const actualStart = parseTime(record.actualStart, 'record.actualStart', problems);
    const actualEnd = parseTime(record.actualEnd, 'record.actualEnd', problems);
    let usedMinutes: number | null = null;
    if (actualStart && actualEnd) {
      const span = (actualEnd.getTime() - actualStart.getTime()) / MINUTE_MS;
      if (span <= 0) problems.push({ field: 'record.actualEnd', reason: 'must be after actualStart' });
      else if (span > MAX_SERVICE_DAYS * 24 * 60) {
        problems.push({
          field: 'record.actualEnd',
          reason: `must be at most ${MAX_SERVICE_DAYS} days after actualStart`,
        });
      } else if (record.hours == null) {
        usedMinutes = Math.floor(span);
      } else if (!(record.hours > 0) || Math.round(record.hours * 60) > span) {
        problems.push({
          field: 'record.hours',
          reason: `must be more than 0 and at most the ${(span / 60).toFixed(2)} hours from actualStart to actualEnd`,
        });
      } else {
        usedMinutes = Math.round(record.hours * 60);
      }
    }
    if (
      record.samples != null &&
      (!Number.isInteger(record.samples) || record.samples < 1 || record.samples > MAX_SAMPLES)
    ) {
      problems.push({ field: 'record.samples', reason: `must be 1 to ${MAX_SAMPLES}` });
    }
    if (record.rating != null && (!Number.isInteger(record.rating) || record.rating < 1 || record.rating > 5)) {
      problems.push({ field: 'record.rating', reason: 'must be a whole number from 1 to 5' });
    }
    const userUnit = optionalText(record.userUnit, 'record.userUnit', BOOKING_LIMITS.userUnit, problems);
    const ratingComment = optionalText(
      record.ratingComment,
      'record.ratingComment',
      BOOKING_LIMITS.ratingComment,
      problems,
    );
    return this.transition(id, version, viewer, 'OWNER', (booking, _tx, row) => {
      if (booking.status !== 'APPROVED' && booking.status !== 'IN_USE') {
        throw wrongStatus(booking, 'completed', ['APPROVED', 'IN_USE']);
      }
      if (problems.length > 0 || usedMinutes === null || !actualStart || !actualEnd) throw badUserInputs(problems);
      const samples = record.samples ?? booking.samples;
      const price = {
        unit: row.charge_unit as ChargeUnit,
        rateFen: row.rate_fen,
        minimumChargeFen: row.minimum_charge_fen,
      };
      return {
        status: 'COMPLETED',
        actual_start: actualStart,
        actual_end: actualEnd,
        used_minutes: usedMinutes,
        samples,
        service_way: record.way,
        user_unit: userUnit,
        rating: record.rating ?? null,
        rating_comment: ratingComment,
        charge_fen: chargeFen(price, usedMinutes, samples),
      };
    });
  }

  noShow(id: string, version: number, viewer: Claims) {
    return this.transition(id, version, viewer, 'OWNER', async (booking, tx) => {
      if (booking.status !== 'APPROVED') throw wrongStatus(booking, 'marked as a no-show', ['APPROVED']);
      if (new Date(booking.start) > new Date()) {
        throw appError(
          ErrorCode.CONFLICT,
          `Booking ${id} starts at ${booking.start}: it can be marked as a no-show once that has passed`,
          {
            field: 'id',
          },
        );
      }
      const rules = (await tx.table('booking_rule').where({ id: booking.instrumentId }).first()) as
        | BookingRuleRow
        | undefined;
      return { status: 'NO_SHOW', cancellation_fee_fen: rules?.cancellation_fee_fen ?? 0 };
    });
  }

  /**
   * Every move of a booking: the row locked, who may make the move checked (the requester's
   * unit, or the owner's users; administrators may make any), `decide` says which columns
   * change, and the versioned update stores them with their history, in one transaction.
   */
  private transition(
    id: string,
    version: number,
    viewer: Claims,
    actor: 'OWNER' | 'REQUESTER',
    decide: (
      booking: Booking,
      tx: Database,
      row: BookingRow,
    ) => Record<string, unknown> | Promise<Record<string, unknown>>,
  ): Promise<Booking> {
    return runWrite(
      this.db,
      async (tx) => {
        const locked = await tx.table('booking').where({ id }).forUpdate().first('id');
        const row = locked ? ((await this.bookingsQuery(tx).where('id', id).first()) as BookingRow) : undefined;
        if (!row) throw notFound(TYPENAME, id);
        const booking = toBooking(row);
        if (!canSeeBooking(viewer, booking)) throw seenByOthersOnly(id);
        const allowed =
          viewer.role === Role.ADMIN ||
          (actor === 'OWNER'
            ? managesBookings(viewer, booking.ownerId)
            : viewer.enterpriseId === booking.requesterEnterpriseId);
        if (!allowed) {
          throw forbidden(
            actor === 'OWNER'
              ? `Only the users of the instrument's owner (${booking.ownerId}) and administrators may do this to booking ${id}`
              : `Only the requesting unit (${booking.requesterEnterpriseId}) and administrators may do this to booking ${id}`,
          );
        }
        if (row.version !== version) throw staleVersion(TYPENAME, id, row.version, version);
        const changes = await decide(booking, tx, row);
        const updated = await updateVersioned<BookingRow>(tx, ENTITY, id, version, changes, viewer, row);
        return toBooking({ ...row, ...updated, start: row.start, end: row.end });
      },
      BOOKING_CONSTRAINTS,
    );
  }
}

function seenByOthersOnly(id: string) {
  return forbidden(
    `Booking ${id} is another unit's: only the requesting unit, the instrument's owner and administrators see it`,
  );
}

/** What is wrong with a window under an instrument's rules, as of `now`. */
export function windowProblems(
  rules: ReturnType<typeof toBookingRules>,
  start: Date,
  end: Date,
  now: Date,
): InputProblem[] {
  if (end <= start) return [{ field: 'input.end', reason: 'must be after start' }];
  if (start <= now) return [{ field: 'input.start', reason: `${start.toISOString()} is in the past` }];
  const problems: InputProblem[] = [];
  const earliest = new Date(now.getTime() + rules.minNoticeHours * HOUR_MS);
  if (start < earliest) {
    problems.push({
      field: 'input.start',
      reason: `must be at least ${rules.minNoticeHours} hours from now (the owner's minimum notice): ${formatLocal(earliest)} Asia/Shanghai or later`,
    });
  }
  const latest = new Date(now.getTime() + rules.maxAdvanceDays * 24 * HOUR_MS);
  if (start > latest) {
    problems.push({
      field: 'input.start',
      reason: `must be within ${rules.maxAdvanceDays} days from now (the owner's booking horizon)`,
    });
  }
  const minutes = Math.round((end.getTime() - start.getTime()) / MINUTE_MS);
  if (minutes < rules.minMinutes || minutes > rules.maxMinutes) {
    problems.push({
      field: 'input.end',
      reason: `the booking lasts ${minutes} minutes; this instrument takes bookings of ${rules.minMinutes} to ${rules.maxMinutes} minutes`,
    });
  }
  const inside = openSpans(rules.bookableHours, start, end).some((span) => span.start <= start && span.end >= end);
  if (!inside) {
    const weekday = new Date(Date.parse(`${localDate(start)}T00:00:00Z`)).getUTCDay() || 7;
    problems.push({
      field: 'input.start',
      reason: `${formatLocalWindow(start, end)} (Asia/Shanghai) is outside the bookable hours: ${describeHours(rules.bookableHours, weekday)}`,
    });
  }
  return problems;
}
