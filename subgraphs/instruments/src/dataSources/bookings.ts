import {
  alignByKey,
  badUserInput,
  type Change,
  type ChildPageKey,
  type Claims,
  type Connection,
  changedWindow,
  childConnectionLoader,
  type Database,
  loadChangePages,
  type Page,
  parseListPage,
  Role,
  timestamp,
  toConnection,
  valuesIn,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type {
  BookingFilter,
  BookingOrder,
  BookingRequestInput,
  BookingRulesInput,
  ClosureInput,
  FreeWindowInput,
  ServiceRecordInput,
} from '../__generated__/resolvers-types.ts';
import {
  BOOKING_ORDERS,
  type Booking,
  type BookingConnection,
  type BookingCriteria,
  BookingModel,
} from '../models/booking.ts';
import { type BookingRules, BookingRulesModel, type Closure } from '../models/bookingRules.ts';
import {
  BOOKABLE_STATUSES,
  clip,
  type FreeWindow,
  MAX_WINDOW_DAYS,
  openSpans,
  type Span,
  spanMinutes,
  subtract,
} from '../models/calendar.ts';
import type { Instrument } from '../models/instrument.ts';
import {
  emptyUtilisation,
  FIRST_YEAR,
  type SharingYear,
  type SharingYearScope,
  sharingYearsOf,
  type Utilisation,
  type UtilisationScope,
  utilisationOf,
} from '../models/utilisation.ts';

export interface BookingListArgs {
  filter?: BookingFilter | null;
  first?: number | null;
  after?: string | null;
  orderBy?: BookingOrder | null;
}

export interface TimeSlot {
  start: string;
  end: string;
  minutes: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const MAX_CLOSURES = 100;

/** A window of at most MAX_WINDOW_DAYS, checked; `field` names it in errors. */
function parseWindow(from: string, to: string, field: string): { from: string; to: string } {
  const start = timestamp(from, `${field}from`) as string;
  const end = timestamp(to, `${field}to`) as string;
  if (end <= start) throw badUserInput(`${field}to`, 'must be after from');
  if (Date.parse(end) - Date.parse(start) > MAX_WINDOW_DAYS * DAY_MS) {
    throw badUserInput(`${field}to`, `must be at most ${MAX_WINDOW_DAYS} days after from`);
  }
  return { from: start, to: end };
}

/** An instrument list's free-time filter, checked, for the caller's unit. */
export function freeWindowOf(
  input: FreeWindowInput | null | undefined,
  field: string,
  viewer: Claims,
  schema: string,
): FreeWindow | null {
  if (!input) return null;
  const { from, to } = parseWindow(input.from, input.to, `${field}.`);
  if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > MAX_WINDOW_DAYS * 24 * 60) {
    throw badUserInput(`${field}.minutes`, `must be 1 to ${MAX_WINDOW_DAYS * 24 * 60}`);
  }
  return { from, to, minutes: input.minutes, forEnterpriseId: viewer.enterpriseId, schema };
}

/** Who may see what instruments earned: administrators, assessors, and the units concerned. */
function seesIncome(viewer: Claims, scope: UtilisationScope, key: string, ownerId: string | null): boolean {
  if (viewer.role === Role.ADMIN || viewer.role === Role.ASSESSOR) return true;
  switch (scope) {
    case 'id':
      return viewer.enterpriseId !== null && viewer.enterpriseId === ownerId;
    case 'owner_id':
      return viewer.enterpriseId === key;
    case 'platform_id':
      return viewer.role === Role.PLATFORM_OPERATOR && viewer.platformIds.includes(key);
    default:
      return false;
  }
}

/** Whether the caller's unit could book this instrument (the same test as the free-time filter). */
function bookableBy(viewer: Claims, instrument: Instrument): boolean {
  if (!BOOKABLE_STATUSES.includes(instrument.status)) return false;
  if (viewer.enterpriseId === instrument.ownerId) return true;
  return instrument.sharingMode === 'EXTERNAL' && instrument.reviewStatus === 'PUBLISHED';
}

/**
 * A DataLoader for keys that share a part (a window, a year): one load for each distinct shared
 * part, whatever the number of keys; `load` answers by each key's `item`.
 */
function batchedBy<K, V>(
  group: (key: K) => string,
  item: (key: K) => string,
  load: (sameGroup: K[]) => Promise<Map<string, V>>,
  missing: (key: K) => V,
): DataLoader<K, V, string> {
  const cacheKey = (key: K) => `${group(key)}\u0000${item(key)}`;
  return new DataLoader(
    async (keys) => {
      const groups = new Map<string, K[]>();
      for (const key of keys) groups.set(group(key), [...(groups.get(group(key)) ?? []), key]);
      const found = new Map<string, V>();
      for (const [name, members] of groups) {
        for (const [id, value] of await load(members)) found.set(`${name}\u0000${id}`, value);
      }
      return keys.map((key) => found.get(cacheKey(key)) ?? missing(key));
    },
    { cacheKeyFn: cacheKey },
  );
}

/** Per request and per caller: bookings, booking rules, availability, utilisation and sharing years, batched. */
export class BookingSource {
  private readonly model: BookingModel;
  private readonly rulesModel: BookingRulesModel;
  readonly byId: DataLoader<string, Booking | null>;
  readonly rulesByInstrument: DataLoader<string, BookingRules | null>;
  private readonly busy: DataLoader<{ instrumentId: string; from: string; to: string }, Span[], string>;
  private readonly closures: DataLoader<{ instrumentId: string; from: string; first: number }, Closure[], string>;
  private readonly historyPages: DataLoader<ChildPageKey<unknown, Change>, Connection<Change>, string>;
  private readonly utilisation: DataLoader<{ scope: UtilisationScope; key: string; year: number }, Utilisation, string>;
  private readonly sharingYears: DataLoader<{ scope: SharingYearScope; key: string }, SharingYear[], string>;

  constructor(
    private readonly db: Database,
    private readonly viewer: Claims,
  ) {
    const model = new BookingModel(db);
    this.model = model;
    const rulesModel = new BookingRulesModel(db);
    this.rulesModel = rulesModel;
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids, viewer), (b) => b.id));
    this.rulesByInstrument = new DataLoader(async (ids) =>
      alignByKey(ids, await rulesModel.findByInstrumentIds(ids), (r) => r.instrumentId),
    );
    this.historyPages = childConnectionLoader((keys) => loadChangePages(db, 'Booking', keys));
    this.busy = batchedBy(
      ({ from, to }) => `${from}/${to}`,
      ({ instrumentId }) => instrumentId,
      (keys) =>
        rulesModel.busyBetween(
          keys.map((key) => key.instrumentId),
          keys[0]?.from ?? '',
          keys[0]?.to ?? '',
        ),
      () => [],
    );
    this.closures = batchedBy(
      ({ from, first }) => `${from}/${first}`,
      ({ instrumentId }) => instrumentId,
      (keys) =>
        rulesModel.closuresOf(
          keys.map((key) => key.instrumentId),
          keys[0]?.from ?? '',
          keys[0]?.first ?? 0,
        ),
      () => [],
    );
    this.utilisation = batchedBy(
      ({ scope, year }) => `${scope}/${year}`,
      ({ key }) => key,
      (keys) => {
        const { scope, year } = keys[0] as { scope: UtilisationScope; year: number };
        return utilisationOf(
          db,
          scope,
          keys.map((key) => key.key),
          year,
          viewer,
        );
      },
      ({ year }) => emptyUtilisation(year),
    );
    this.sharingYears = batchedBy(
      ({ scope }) => scope,
      ({ key }) => key,
      (keys) =>
        sharingYearsOf(
          db,
          (keys[0] as { scope: SharingYearScope }).scope,
          keys.map((key) => key.key),
        ),
      () => [],
    );
  }

  /** The free stretches of an instrument between `from` and `to`, under its rules, as of now. */
  async availability(instrument: Instrument, fromInput: string, toInput: string): Promise<TimeSlot[]> {
    const { from, to } = parseWindow(fromInput, toInput, '');
    const rules = await this.rulesByInstrument.load(instrument.id);
    if (!rules || !bookableBy(this.viewer, instrument)) return [];
    const busy = await this.busy.load({ instrumentId: instrument.id, from, to });
    const now = Date.now();
    const earliest = new Date(Math.max(Date.parse(from), now + rules.minNoticeHours * HOUR_MS));
    const latest = new Date(Math.min(Date.parse(to), now + rules.maxAdvanceDays * DAY_MS));
    if (latest <= earliest) return [];
    const open = clip(openSpans(rules.bookableHours, earliest, latest), earliest, latest);
    return subtract(open, busy)
      .filter((span) => spanMinutes(span) >= rules.minMinutes)
      .map((span) => ({ start: span.start.toISOString(), end: span.end.toISOString(), minutes: spanMinutes(span) }));
  }

  closuresOf(
    instrumentId: string,
    from: string | null | undefined,
    first: number | null | undefined,
  ): Promise<Closure[]> {
    const since = from ? (timestamp(from, 'from') as string) : new Date().toISOString();
    const count = first ?? 20;
    if (!Number.isInteger(count) || count < 1 || count > MAX_CLOSURES) {
      throw badUserInput('first', `must be between 1 and ${MAX_CLOSURES}, got ${count}`);
    }
    return this.closures.load({ instrumentId, from: since, first: count });
  }

  /** `ownerId`: the instrument's owner, when the scope is one instrument. */
  async utilisationOf(
    scope: UtilisationScope,
    key: string,
    year: number,
    ownerId: string | null = null,
  ): Promise<Utilisation> {
    const lastYear = new Date().getUTCFullYear() + 1;
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > lastYear) {
      throw badUserInput('year', `must be a year from ${FIRST_YEAR} to ${lastYear}`);
    }
    const figures = await this.utilisation.load({ scope, key, year });
    return seesIncome(this.viewer, scope, key, ownerId) ? figures : { ...figures, serviceIncomeFen: null };
  }

  /** Every year's sharing of a platform or region, oldest first: the same whoever asks. */
  sharingYearsOf(scope: SharingYearScope, key: string): Promise<SharingYear[]> {
    return this.sharingYears.load({ scope, key });
  }

  history(bookingId: string, page: Page<Change>): Promise<Connection<Change>> {
    return this.historyPages.load({ parentId: bookingId, page });
  }

  booking(id: string): Promise<Booking> {
    return this.model.findOne(id, this.viewer);
  }

  private async criteria(filter: BookingFilter | null | undefined, defaults: Partial<BookingCriteria> = {}) {
    const f = filter ?? {};
    const starts = f.startsBetween ?? {};
    const criteria: BookingCriteria = {
      instrumentId: f.instrumentId ?? null,
      statuses: valuesIn(f.statusIn, 'filter.statusIn') ?? defaults.statuses ?? null,
      startsFrom: timestamp(starts.from, 'filter.startsBetween.from'),
      startsTo: timestamp(starts.to, 'filter.startsBetween.to'),
      changed: await changedWindow(this.db, f.updatedSince, 'filter.updatedSince'),
    };
    if (criteria.startsFrom && criteria.startsTo && criteria.startsFrom > criteria.startsTo) {
      throw badUserInput('filter.startsBetween', `from ${criteria.startsFrom} is after to ${criteria.startsTo}`);
    }
    return criteria;
  }

  /** `myBookings` and `bookingQueue`: soonest start first unless asked otherwise. */
  async list(side: 'REQUESTER' | 'OWNER', args: BookingListArgs): Promise<BookingConnection> {
    if (!this.viewer.enterpriseId && !(side === 'OWNER' && this.viewer.role === Role.ADMIN)) {
      return toConnection([], parseListPage<Booking>({ first: args.first }, null, '', BOOKING_ORDERS), 0);
    }
    const criteria = await this.criteria(args.filter, side === 'OWNER' ? { statuses: ['REQUESTED'] } : {});
    const orderBy = args.orderBy ?? (criteria.changed ? null : { field: 'START' as const });
    const page = parseListPage<Booking>({ ...args, orderBy }, criteria.changed, '', BOOKING_ORDERS);
    const { rows, count } = await this.model.list(side, criteria, page, this.viewer);
    return toConnection(rows, page, count);
  }

  /** Every move returns the booking as stored; the request's cache learns it. */
  private remember(booking: Booking): Booking {
    this.byId.clear(booking.id).prime(booking.id, booking);
    return booking;
  }

  async request(input: BookingRequestInput) {
    return this.remember(await this.model.request(input, this.viewer));
  }
  async approve(id: string, version: number) {
    return this.remember(await this.model.approve(id, version, this.viewer));
  }
  async reject(id: string, version: number, reason: string) {
    return this.remember(await this.model.reject(id, version, reason, this.viewer));
  }
  async cancel(id: string, version: number, reason: string | null | undefined) {
    return this.remember(await this.model.cancel(id, version, reason, this.viewer));
  }
  async start(id: string, version: number) {
    return this.remember(await this.model.start(id, version, this.viewer));
  }
  async complete(id: string, version: number, record: ServiceRecordInput) {
    return this.remember(await this.model.complete(id, version, record, this.viewer));
  }
  async noShow(id: string, version: number) {
    return this.remember(await this.model.noShow(id, version, this.viewer));
  }

  async setRules(instrumentId: string, version: number | null | undefined, input: BookingRulesInput) {
    const rules = await this.rulesModel.set(instrumentId, version ?? null, input, this.viewer);
    this.rulesByInstrument.clear(instrumentId).prime(instrumentId, rules);
    return rules;
  }
  addClosure(instrumentId: string, input: ClosureInput) {
    return this.rulesModel.addClosure(instrumentId, input, this.viewer);
  }
  removeClosure(id: string) {
    return this.rulesModel.removeClosure(id, this.viewer);
  }
}
