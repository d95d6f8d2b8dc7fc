/**
 * `pnpm bench:booking [--instruments 100000] [--requests 2000] [--concurrency 20] [--rounds 200]
 * [--search-rounds 30] [--postgres URL] [--reload]`: how fast booking answers on PostgreSQL with a
 * catalogue of real size and a year of bookings. It builds a PostgreSQL instruments database —
 * migrated, seeded, loaded with the generated instruments (scripts/demo-data/manyInstruments.ts),
 * their booking rules and a year of their bookings (scripts/lib/generatedBookings.ts), vacuumed
 * and analyzed — serves the instruments subgraph over it, and sends it, signed as the gateway
 * signs them for users of the demo enterprises (ent-001…ent-064, one drawn per request):
 *   requestBooking       R requests, C at a time, each for a random bookable instrument and a
 *                        2-hour window on a random weekday of the next 1–8 weeks, in its bookable
 *                        hours: requests per second, p50/p95, and how many were booked and how
 *                        many refused because the time was taken (CONFLICT); any other answer
 *                        is printed and fails the run;
 *   availability         `instrument(id) { availability(from, to) }` over 7 days, for random
 *                        bookable instruments, one at a time after a warm-up: p50/p95, the first
 *                        answers checked against the calendar read directly;
 *   search               `searchInstruments` with `freeBetween` (a 2-hour stretch on one weekday)
 *                        and a region, first page and total, one at a time: p50/p95, the first
 *                        page checked against the instruments' availability.
 *
 * "A year of bookings" is described in scripts/lib/generatedBookings.ts: at 100,000 instruments
 * (67,000 bookable), one bookable instrument in ten booked about 25% of its hours over the past
 * 12 months (some 1.2 million completed bookings), and the coming 8 weeks' requested and approved
 * bookings of all of them (some 0.3 million). The load takes minutes, so the database is kept as a
 * cache: a run on the same day, with the same number of instruments, finding the bookings it
 * loaded, reuses it (removing the bookings earlier runs requested); --reload loads it again.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { instruments } from '@gzequip/instruments';
import {
  type Claims,
  createLogger,
  Database,
  IDENTITY_HEADER,
  Role,
  type RunningServer,
  serveSubgraph,
  signIdentity,
} from '@gzequip/kit';
import { buildEnterprises } from './demo-data/enterprises.ts';
import { GENERATED_ID_PREFIX } from './demo-data/manyInstruments.ts';
import { buildPlatforms } from './demo-data/platforms.ts';
import { REGIONS } from './demo-data/world.ts';
import { benchDatabaseUrl, DEFAULT_SERVER, ensureDatabase, shown } from './lib/benchDatabase.ts';
import { percentile, printTable } from './lib/benchReport.ts';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import {
  GENERATED_BOOKING_PREFIX,
  GENERATED_BOOKINGS_VERSION,
  loadGeneratedBookings,
  shanghaiToday,
  vacuumBookings,
} from './lib/generatedBookings.ts';
import { analyzeInstruments, loadGeneratedInstruments } from './lib/generatedInstruments.ts';

/** Not bench:search's database: that one is rebuilt on every run, this one is kept as a cache. */
const BENCH_DATABASE = 'gzequip_bench_bookings';

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} bench:booking [--instruments 100000] [--requests 2000] [--concurrency 20]
       [--rounds 200] [--search-rounds 30] [--postgres URL] [--reload]

Loads N generated instruments, their booking rules and a year of their bookings into a PostgreSQL
bench database, serves the instruments subgraph over it, and times requestBooking (requests per
second, p50/p95, booked vs refused), a week's availability and a free-time search (p50/p95).

  --instruments N     catalogue size (default 100000), besides the 132 of the demo data; about
                      two in three can be booked, and get rules and bookings
  --requests R        requestBooking requests measured after a warm-up (default 2000)
  --concurrency C     requests in flight at once (default 20)
  --rounds A          availability queries measured after a warm-up, one at a time (default 200)
  --search-rounds S   free-time searches measured after a warm-up, one at a time (default 30;
                      0 leaves them out)
  --postgres URL      the PostgreSQL database to use (its "instruments" schema is dropped and
                      rebuilt unless it holds today's load). Default: database ${BENCH_DATABASE},
                      created if missing, on the server INSTRUMENTS_DATABASE_URL names, else on
                      ${DEFAULT_SERVER}
  --reload            load the instruments and bookings again even if the database holds them`,
  {
    instruments: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '200' },
    'search-rounds': { type: 'string', default: '30' },
    postgres: { type: 'string' },
    reload: { type: 'boolean', default: false },
  },
);
const count = Number(values.instruments);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
const searchRounds = Number(values['search-rounds']);
if (!Number.isSafeInteger(count) || count < 1 || count > 999_999) {
  stop(`--instruments takes a whole number from 1 to 999,999, not ${values.instruments}`);
}
for (const [name, value, min] of [
  ['requests', requests, 1],
  ['concurrency', concurrency, 1],
  ['rounds', rounds, 1],
  ['search-rounds', searchRounds, 0],
] as const) {
  if (!Number.isSafeInteger(value) || value < min) {
    stop(`--${name} takes a whole number from ${min} up, not ${values[name]}`);
  }
}

// Requests are logged only when something goes wrong.
process.env.LOG_LEVEL ??= 'warn';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** Asia/Shanghai is UTC+8 all year. */
const SHANGHAI_MS = 8 * HOUR_MS;
/** The generated rules' bookable hours, Monday to Friday, local time (see generatedBookings.ts). */
const OPEN_HOURS = [
  ['08:30', '12:00'],
  ['14:00', '17:30'],
] as const;
/** Where a requested 2-hour window starts, local time: all inside the bookable hours. */
const REQUEST_STARTS = ['08:30', '09:00', '10:00', '14:00', '15:00'];
const REQUEST_MINUTES = 120;
/** Every booking this bench requests is made by a user so named: the next run removes them. */
const BENCH_USER_PREFIX = 'bench-booking-';
const ENTERPRISES = 64;
const PAGE = 20;
/** Availability answers and search pages checked against the database after the measurement. */
const CHECKED = 20;

// ---------------------------------------------------------------------------------------------- the database

const signingSecret = randomBytes(32).toString('base64url');
/** Servers first, then databases: run at the end whatever happened. */
const closers: (() => Promise<void>)[] = [];

/** What a complete load leaves on the booking table, to know it again. */
interface LoadMark {
  version: number;
  instruments: number;
  bookings: number;
  /** The Asia/Shanghai date the year of bookings ends on. */
  loadedOn: string;
}

async function readMark(db: Database): Promise<LoadMark | null> {
  const [row] = await db.raw<{ comment: string | null }>(
    "select obj_description(to_regclass(?), 'pg_class') as comment",
    [`${db.schema}.booking`],
  );
  const match = /^bench:booking (.*)$/s.exec(row?.comment ?? '');
  try {
    return match?.[1] ? (JSON.parse(match[1]) as LoadMark) : null;
  } catch {
    return null;
  }
}

async function writeMark(db: Database, mark: LoadMark): Promise<void> {
  // COMMENT takes no parameters: the literal is written out (digits and a date only).
  const text = `bench:booking ${JSON.stringify(mark)}`.replaceAll("'", "''");
  await db.raw(`comment on table ${db.schema}.booking is '${text}'`);
}

/** Whether the database holds a complete load of today for this many instruments, all migrations applied. */
async function loadedToday(db: Database, today: string): Promise<LoadMark | null> {
  const mark = await readMark(db);
  if (!mark || mark.version !== GENERATED_BOOKINGS_VERSION || mark.instruments !== count || mark.loadedOn !== today) {
    return null;
  }
  const s = db.schema;
  const applied = new Set(
    (await db.raw<{ name: string }>(`select name from ${s}.knex_migrations`)).map((row) => row.name),
  );
  if (Object.keys(instruments.migrations).some((name) => !applied.has(name))) return null;
  const [found] = await db.raw<{ instruments: number; bookings: number }>(
    `select (select count(*) from ${s}.instrument where id like ?)::int as instruments,
            (select count(*) from ${s}.booking where id like ?)::int as bookings`,
    [`${GENERATED_ID_PREFIX}%`, `${GENERATED_BOOKING_PREFIX}%`],
  );
  return found?.instruments === count && found.bookings === mark.bookings ? mark : null;
}

/** The bookings earlier runs requested, gone with their history, calendar rows and removal records. */
async function removeBenchBookings(db: Database): Promise<number> {
  const s = db.schema;
  return db.transaction(async (tx) => {
    const [gone] = await tx.raw<{ count: number }>(
      `with gone as (delete from ${s}.booking where requester_user_id like ? returning id),
            history as (delete from ${s}.change_history where entity = 'Booking' and record_id in (select id from gone))
       select count(*)::int as count from gone`,
      [`${BENCH_USER_PREFIX}%`],
    );
    await tx.raw(
      `delete from ${s}.removal where entity = 'Booking' and removed_at >= date_trunc('milliseconds', now())`,
    );
    return gone?.count ?? 0;
  });
}

const enterprises = buildEnterprises();
const world = { enterprises, platforms: buildPlatforms(enterprises) };

/** Drops the schema and builds it again: migrated, seeded, instruments, rules and bookings loaded, vacuumed. */
async function loadAll(db: Database, today: string): Promise<LoadMark> {
  await db.dropSchema();
  await db.migrate(instruments.migrations);
  await instruments.seed(db);
  const loaded = await loadGeneratedInstruments(db, count, world, { label: 'instruments' });
  await analyzeInstruments(db);
  console.log(`${count.toLocaleString('en')} instruments loaded in ${loaded.seconds.toFixed(1)} s`);
  const result = await loadGeneratedBookings(db, { today });
  const bookings = result.completed + result.coming;
  console.log(
    `booking rules for ${result.rules.toLocaleString('en')} bookable instruments and ` +
      `${bookings.toLocaleString('en')} bookings loaded in ${result.seconds.toFixed(1)} s ` +
      `(${Math.round(bookings / result.seconds).toLocaleString('en')} a second): ` +
      `${result.completed.toLocaleString('en')} completed in the 12 months to ${today} on ` +
      `${result.inUse.toLocaleString('en')} instruments in regular use (${(result.utilisation * 100).toFixed(1)}% ` +
      `of their bookable hours), ${result.coming.toLocaleString('en')} requested or approved in the coming 8 weeks`,
  );
  const began = performance.now();
  await vacuumBookings(db);
  console.log(`vacuumed and analyzed in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  const mark = { version: GENERATED_BOOKINGS_VERSION, instruments: count, bookings, loadedOn: today };
  await writeMark(db, mark);
  return mark;
}

// ---------------------------------------------------------------------------------------------- the requests

/** A PRNG of its own, seeded: the same windows and instruments from run to run on the same data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261203);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** A user of a demo enterprise drawn at random, as the gateway passes it on. */
function enterpriseUser(): Claims {
  const enterpriseId = `ent-${String(1 + Math.floor(random() * ENTERPRISES)).padStart(3, '0')}`;
  return {
    userId: `${BENCH_USER_PREFIX}${enterpriseId}`,
    role: Role.ENTERPRISE_USER,
    enterpriseId,
    platformIds: [],
    scopes: [],
  };
}

/** The instant of a local (Asia/Shanghai) date and time. */
const at = (date: string, time: string) => new Date(Date.parse(`${date}T${time}:00Z`) - SHANGHAI_MS);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const isWeekday = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day >= 1 && day <= 5;
};

interface Answer<T> {
  ms: number;
  status: number;
  data: T | null;
  errors: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** One request as the gateway sends it: the body signed for the caller, timed from send to last byte. */
async function send<T>(
  server: RunningServer,
  claims: Claims,
  query: string,
  variables: Record<string, unknown>,
): Promise<Answer<T>> {
  const body = JSON.stringify({ query, variables });
  const headers = {
    'content-type': 'application/json',
    [IDENTITY_HEADER]: signIdentity(claims, signingSecret, body),
  };
  const began = performance.now();
  const response = await fetch(server.url, { method: 'POST', headers, body });
  const text = await response.text();
  const ms = performance.now() - began;
  let answer: { data?: T | null; errors?: Answer<T>['errors'] };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    answer = { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}` }] };
  }
  return { ms, status: response.status, data: answer.data ?? null, errors: answer.errors ?? [] };
}

const describe = (answer: Answer<unknown>) =>
  answer.errors.map((e) => `${e.message} (${e.extensions?.code ?? `HTTP ${answer.status}`})`).join('; ') ||
  `HTTP ${answer.status}, no data`;

const REQUEST = `mutation Request($input: BookingRequestInput!) {
  requestBooking(input: $input) { id status priceGroup start end minutes estimatedChargeFen }
}`;

interface RequestTally {
  samples: number[];
  created: number;
  conflicts: number;
  unexpected: string[];
  seconds: number;
}

/** `total` requests for random instruments and windows, `concurrency` at a time. */
async function requestBookings(
  server: RunningServer,
  bookable: readonly string[],
  days: readonly string[],
  total: number,
): Promise<RequestTally> {
  const tally: RequestTally = { samples: [], created: 0, conflicts: 0, unexpected: [], seconds: 0 };
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next += 1;
      const day = pick(days);
      const start = at(day, pick(REQUEST_STARTS));
      const input = {
        instrumentId: pick(bookable),
        start: start.toISOString(),
        end: new Date(start.getTime() + REQUEST_MINUTES * 60_000).toISOString(),
        purpose: '性能测试',
      };
      const answer = await send<{ requestBooking: { id: string; status: string } | null }>(
        server,
        enterpriseUser(),
        REQUEST,
        { input },
      );
      tally.samples.push(answer.ms);
      const booked = answer.data?.requestBooking;
      if (booked && answer.errors.length === 0 && booked.status === 'REQUESTED') tally.created += 1;
      else if (!booked && answer.errors.length === 1 && answer.errors[0]?.extensions?.code === 'CONFLICT') {
        tally.conflicts += 1;
      } else {
        tally.unexpected.push(`${JSON.stringify(input)}: ${booked ? JSON.stringify(booked) : describe(answer)}`);
      }
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  tally.seconds = (performance.now() - began) / 1000;
  return tally;
}

const AVAILABILITY = `query Availability($id: ID!, $from: String!, $to: String!) {
  instrument(id: $id) { id availability(from: $from, to: $to) { start end minutes } }
}`;

interface Slot {
  start: string;
  end: string;
  minutes: number;
}

interface AvailabilityRun {
  samples: number[];
  freeMinutes: number[];
  /** The first answers, to check against the database. */
  answers: { id: string; from: string; to: string; slots: Slot[] }[];
}

/** A week's availability of random instruments, one query at a time. */
async function availability(
  server: RunningServer,
  bookable: readonly string[],
  days: readonly string[],
  total: number,
  run: AvailabilityRun,
): Promise<void> {
  for (let i = 0; i < total; i++) {
    const id = pick(bookable);
    const first = pick(days);
    const from = at(first, '00:00').toISOString();
    const to = at(addDays(first, 7), '00:00').toISOString();
    const answer = await send<{ instrument: { availability: Slot[] | null } | null }>(
      server,
      enterpriseUser(),
      AVAILABILITY,
      {
        id,
        from,
        to,
      },
    );
    const slots = answer.data?.instrument?.availability;
    if (answer.errors.length > 0 || !slots) throw new Error(`availability of ${id} ${from}–${to}: ${describe(answer)}`);
    run.samples.push(answer.ms);
    run.freeMinutes.push(slots.reduce((sum, slot) => sum + slot.minutes, 0));
    if (run.answers.length < CHECKED) run.answers.push({ id, from, to, slots });
  }
}

/**
 * The free stretches the rules and the calendar leave, worked out here from the calendar's rows
 * (not with the subgraph's code): the bookable hours of each weekday, from now on, less what is
 * held, at least the rules' 60 minutes long.
 */
async function expectedSlots(db: Database, id: string, from: string, to: string): Promise<Slot[]> {
  const busy = (
    await db.raw<{ start: Date; end: Date }>(
      `select lower(during) as start, upper(during) as "end" from ${db.schema}.instrument_calendar
        where instrument_id = ? and during && tstzrange(?, ?) order by lower(during)`,
      [id, from, to],
    )
  ).map((row) => [new Date(row.start).getTime(), new Date(row.end).getTime()] as const);
  const now = Date.now();
  const slots: Slot[] = [];
  const firstDay = new Date(Date.parse(from) + SHANGHAI_MS).toISOString().slice(0, 10);
  for (let day = firstDay; at(day, '00:00').getTime() < Date.parse(to); day = addDays(day, 1)) {
    if (!isWeekday(day)) continue;
    for (const [opens, closes] of OPEN_HOURS) {
      let cursor = Math.max(at(day, opens).getTime(), Date.parse(from), now);
      const end = Math.min(at(day, closes).getTime(), Date.parse(to));
      const free: [number, number][] = [];
      for (const [taken, until] of busy) {
        if (until <= cursor || taken >= end) continue;
        if (taken > cursor) free.push([cursor, taken]);
        cursor = Math.max(cursor, until);
      }
      if (cursor < end) free.push([cursor, end]);
      for (const [a, b] of free) {
        const minutes = Math.floor((b - a) / 60_000);
        if (minutes >= 60) {
          slots.push({ start: new Date(a).toISOString(), end: new Date(b).toISOString(), minutes });
        }
      }
    }
  }
  return slots;
}

const SEARCH = `query FreeSearch($filter: InstrumentFilter, $first: Int, $counted: Boolean!) {
  searchInstruments(filter: $filter, first: $first) {
    totalCount @include(if: $counted)
    pageInfo { hasNextPage endCursor }
    edges { node { id name status sharingMode region { code } } }
  }
}`;
/** The same search, with each instrument's availability in the window, to check the page against. */
const SEARCH_CHECK = `query FreeSearchCheck($filter: InstrumentFilter, $first: Int, $from: String!, $to: String!) {
  searchInstruments(filter: $filter, first: $first) {
    edges { node { id availability(from: $from, to: $to) { start end minutes } } }
  }
}`;

interface SearchRun {
  /** The first page alone, and with its totalCount. */
  page: number[];
  counted: number[];
  totals: number[];
  /** The first searches, to check. */
  asked: { claims: Claims; filter: Record<string, unknown>; from: string; to: string }[];
}

/**
 * Instruments of a region free for 2 hours on a weekday, one search at a time: the first page
 * alone and the first page with the total, in turn (which goes first alternating).
 */
async function searchFree(
  server: RunningServer,
  regions: readonly string[],
  days: readonly string[],
  total: number,
  run: SearchRun,
): Promise<void> {
  for (let i = 0; i < total; i++) {
    const day = pick(days);
    const from = at(day, '08:00').toISOString();
    const to = at(day, '18:00').toISOString();
    const filter = { regionCode: pick(regions), freeBetween: { from, to, minutes: REQUEST_MINUTES } };
    const claims = enterpriseUser();
    for (const counted of i % 2 === 0 ? [false, true] : [true, false]) {
      const answer = await send<{ searchInstruments: { totalCount?: number } | null }>(server, claims, SEARCH, {
        filter,
        first: PAGE,
        counted,
      });
      const found = answer.data?.searchInstruments;
      if (answer.errors.length > 0 || !found) throw new Error(`search ${JSON.stringify(filter)}: ${describe(answer)}`);
      if (counted) {
        run.counted.push(answer.ms);
        run.totals.push(found.totalCount ?? 0);
      } else {
        run.page.push(answer.ms);
      }
    }
    if (run.asked.length < CHECKED) run.asked.push({ claims, filter, from, to });
  }
}

// ---------------------------------------------------------------------------------------------- the report

const ms = (value: number) => `${value.toFixed(1)} ms`;
const n = (value: number) => value.toLocaleString('en');
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

// ---------------------------------------------------------------------------------------------- the run

const postgresUrl = benchDatabaseUrl(values.postgres, BENCH_DATABASE);
const started = performance.now();

try {
  const today = shanghaiToday();
  console.log(
    `bench:booking — ${n(count)} generated instruments and a year of bookings to ${today}; PostgreSQL at ${shown(postgresUrl)}`,
  );
  await ensureDatabase(postgresUrl);
  const db = await Database.open({ schema: instruments.name, url: postgresUrl });
  closers.unshift(() => db.close());

  const cached = values.reload ? null : await loadedToday(db, today);
  let mark: LoadMark;
  if (cached) {
    const removed = await removeBenchBookings(db);
    console.log(
      `reusing today's load: ${n(count)} instruments, ${n(cached.bookings)} bookings (--reload to load again)` +
        (removed > 0 ? `; removed the ${n(removed)} bookings earlier runs requested` : ''),
    );
    // As after a load: no dead rows of earlier runs in the indexes, fresh statistics.
    await db.raw(
      `vacuum (analyze) ${db.schema}.booking, ${db.schema}.instrument_calendar, ${db.schema}.change_history`,
    );
    mark = cached;
  } else {
    mark = await loadAll(db, today);
  }

  const s = db.schema;
  const bookable = (
    await db.raw<{ id: string }>(`select id from ${s}.booking_rule where id like ? order by id`, [
      `${GENERATED_ID_PREFIX}%`,
    ])
  ).map((row) => row.id);
  if (bookable.length === 0) throw new Error('no generated instrument can be booked: load more instruments');
  const [{ version } = { version: '?' }] = await db.raw<{ version: string }>(
    "select split_part(current_setting('server_version'), ' ', 1) as version",
  );
  const [{ calendar } = { calendar: 0 }] = await db.raw<{ calendar: number }>(
    `select count(*)::int as calendar from ${s}.instrument_calendar`,
  );

  const server = await serveSubgraph(instruments, {
    db,
    signingSecret,
    port: 0,
    logger: createLogger('bench-booking'),
  });
  closers.unshift(() => server.close());

  // Weekdays of the next 1–8 weeks (the coming bookings reach 8 weeks), and the regions searched.
  const days = Array.from({ length: 49 }, (_, i) => addDays(today, 7 + i)).filter(isWeekday);
  const weekStarts = days.filter((day) => addDays(day, 7) <= addDays(today, 56));
  const regions = REGIONS.map((region) => region.code);
  const pool = Number(process.env.DATABASE_POOL_MAX ?? 10);

  // (a) requestBooking: a warm-up, then the measured requests.
  const warmUp = await requestBookings(server, bookable, days, Math.min(200, Math.max(20, Math.ceil(requests / 10))));
  const booking = await requestBookings(server, bookable, days, requests);
  const unexpected = [...warmUp.unexpected, ...booking.unexpected];
  const [{ stored } = { stored: 0 }] = await db.raw<{ stored: number }>(
    `select count(*)::int as stored from ${s}.booking where requester_user_id like ? and status = 'REQUESTED'`,
    [`${BENCH_USER_PREFIX}%`],
  );
  if (stored !== warmUp.created + booking.created) {
    unexpected.push(`${n(warmUp.created + booking.created)} bookings answered as created, ${n(stored)} stored`);
  }

  // (b) a week's availability.
  const week: AvailabilityRun = { samples: [], freeMinutes: [], answers: [] };
  await availability(server, bookable, weekStarts, 20, { samples: [], freeMinutes: [], answers: [] });
  await availability(server, bookable, weekStarts, rounds, week);
  let agreed = 0;
  for (const { id, from, to, slots } of week.answers) {
    const expected = await expectedSlots(db, id, from, to);
    if (JSON.stringify(expected) === JSON.stringify(slots)) agreed += 1;
    else
      unexpected.push(
        `availability of ${id} ${from}–${to}: ${JSON.stringify(slots)}, expected ${JSON.stringify(expected)}`,
      );
  }

  // (c) the free-time search of a region.
  const search: SearchRun = { page: [], counted: [], totals: [], asked: [] };
  let pagesChecked = 0;
  if (searchRounds > 0) {
    await searchFree(server, regions, days, 3, { page: [], counted: [], totals: [], asked: [] });
    await searchFree(server, regions, days, searchRounds, search);
    for (const { claims, filter, from, to } of search.asked) {
      const answer = await send<{
        searchInstruments: { edges: { node: { id: string; availability: Slot[] | null } }[] } | null;
      }>(server, claims, SEARCH_CHECK, { filter, first: PAGE, from, to });
      const edges = answer.data?.searchInstruments?.edges;
      if (answer.errors.length > 0 || !edges) {
        unexpected.push(`search check ${JSON.stringify(filter)}: ${describe(answer)}`);
        continue;
      }
      const unfit = edges.filter(
        ({ node }) => !(node.availability ?? []).some((slot) => slot.minutes >= REQUEST_MINUTES),
      );
      if (unfit.length > 0) {
        unexpected.push(
          `search ${JSON.stringify(filter)} found ${unfit.map(({ node }) => node.id).join(', ')}, whose availability ` +
            `has no ${REQUEST_MINUTES} minutes then: ${JSON.stringify(unfit[0]?.node.availability)}`,
        );
      } else {
        pagesChecked += 1;
      }
    }
  }

  const [cpu] = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  const machine = `${cpus().length} × ${cpu?.model.trim() ?? 'CPU'}, load average ${load}`;
  console.log(
    `\nPostgreSQL ${version}: ${n(count)} instruments (${n(bookable.length)} bookable), ${n(mark.bookings)} generated ` +
      `bookings, ${n(calendar)} calendar rows; subgraph pool of ${pool} connections; as ENTERPRISE_USERs of ` +
      `ent-001…ent-${String(ENTERPRISES).padStart(3, '0')}; Node ${process.version}, ${machine}\n`,
  );
  const rate = booking.samples.length / booking.seconds;
  const rows: [string, number, string, number[]][] = [
    [`requestBooking, ${concurrency} at a time`, requests, `${rate.toFixed(0)}/s`, booking.samples],
    ['availability, 7 days', rounds, '', week.samples],
  ];
  if (searchRounds > 0) {
    rows.push(['freeBetween + region: first page', searchRounds, '', search.page]);
    rows.push(['freeBetween + region: page + totalCount', searchRounds, '', search.counted]);
  }
  const table = [
    ['measured', 'requests', 'rate', 'p50', 'p95', 'max'],
    ...rows.map(([label, sent, throughput, samples]) => [
      label,
      n(sent),
      throughput,
      ms(percentile(samples, 0.5)),
      ms(percentile(samples, 0.95)),
      ms(Math.max(...samples)),
    ]),
  ];
  printTable(table);
  console.log(
    `\nrequestBooking: 2-hour windows on weekdays of the next 1–8 weeks, after ${n(warmUp.samples.length)} to warm up: ` +
      `${n(booking.created)} booked (REQUESTED), ${n(booking.conflicts)} refused as CONFLICT (time taken), ` +
      `${n(booking.unexpected.length)} other answers`,
  );
  console.log(
    `availability: one query at a time after 20 to warm up; ${(mean(week.freeMinutes) / 60).toFixed(1)} of 35 bookable ` +
      `hours free on average; ${agreed} of ${week.answers.length} answers agree with the calendar read directly`,
  );
  if (searchRounds > 0) {
    console.log(
      `freeBetween: 2 free hours on a weekday 08:00–18:00 in one of ${regions.length} regions, first ${PAGE}, one search ` +
        `at a time after 3 to warm up; ${n(Math.round(mean(search.totals)))} instruments found on average ` +
        `(${n(Math.min(...search.totals))} to ${n(Math.max(...search.totals))}); ${pagesChecked} of ${search.asked.length} ` +
        `first pages agree with the instruments' availability`,
    );
  }
  for (const message of unexpected.slice(0, 20)) console.log(`UNEXPECTED: ${message}`);
  if (unexpected.length > 20) console.log(`… and ${n(unexpected.length - 20)} more`);

  const total = (performance.now() - started) / 1000;
  const figures = (samples: number[]) => `p50 ${ms(percentile(samples, 0.5))}, p95 ${ms(percentile(samples, 0.95))}`;
  const summary = [
    `requestBooking: ${rate.toFixed(0)} requests/s at concurrency ${concurrency}, ${figures(booking.samples)} ` +
      `(${n(booking.created)} booked, ${n(booking.conflicts)} CONFLICT of ${n(requests)})`,
    `availability, 7 days: ${figures(week.samples)}`,
  ];
  if (searchRounds > 0) {
    summary.push(`searchInstruments freeBetween + region, first page: ${figures(search.page)}`);
    summary.push(`  with totalCount: ${figures(search.counted)}`);
  }
  console.log(
    `\nSummary — PostgreSQL ${version}, ${n(count)} instruments, ${n(mark.bookings)} bookings; ${machine}; ` +
      `run in ${total.toFixed(0)} s:\n${summary.map((l) => `  ${l}`).join('\n')}`,
  );
  if (unexpected.length > 0) {
    process.exitCode = 1;
    process.stderr.write(`bench:booking: ${n(unexpected.length)} unexpected answers (above)\n`);
  }
} catch (error) {
  process.exitCode = 1;
  process.stderr.write(`bench:booking failed: ${(error as Error).message}\n`);
} finally {
  for (const close of closers) await close().catch(() => {});
}
