/**
 * Booking rules and a year of bookings for the generated instruments (`ins-g…`, see
 * generatedInstruments.ts), written in SQL for speed, for `pnpm bench:booking`.
 *
 * Every generated instrument that can be booked from outside its unit — shared EXTERNAL,
 * PUBLISHED, not classified, in a working state (NORMAL, STANDBY, REMOTE_SERVICE,
 * OCCASIONAL_FAULT) — gets booking rules: Monday to Friday 08:30–12:00 and 14:00–17:30
 * Asia/Shanghai, 60 to 480 minutes, no minimum notice, up to 365 days ahead, owner's approval
 * required, and an hourly price per group (OTHER from the instrument's value, ¥50–3,000 an hour;
 * in-province SMEs 80% of it, the owner's own unit half).
 *
 * "A year of bookings" means here, on weekdays only, in the rules' hours:
 *  - the past 12 months up to yesterday (Asia/Shanghai): one bookable instrument in ten is in
 *    regular use through the platform, each of its half-days booked with a probability of 20–50%
 *    (its own), for 2 to 3½ hours — about 25% of its bookable hours, some 180 bookings a year —
 *    all COMPLETED with their service record (used as booked, on site, charged at the OTHER rate
 *    by the minute); the other instruments have no past bookings;
 *  - the coming 8 weeks from tomorrow: bookings that hold time, REQUESTED or APPROVED, on 20% of
 *    the half-days of the instruments in regular use and 4% of the others'.
 * At 100,000 generated instruments: about 1.2 million past and 0.3 million coming bookings.
 * Requesters are the demo enterprises ent-001…ent-064 other than the owner; the price group is
 * OTHER for all.
 *
 * Deterministic for a given day: which half-days are booked, for how long, by whom, follows a
 * hash of the instrument and the date, not a random stream. Ids are `bkg-g<instrument>-<yymmdd><half>`,
 * apart from the seed's `bkg-000001`… and the write path's `bkg-<12 hex>`.
 *
 * What the booking table's triggers would write is written by the same statements instead — the
 * price snapshot (HOUR, the OTHER rate, no minimum), the calendar row of every booking, the
 * filing time (some days before the booked window) and the load's time as `updated_at` — with the
 * triggers off for the load's sessions: through the triggers, row by row, a load is several times
 * slower. The calendar's exclusion constraint stays on and checks every row, and keeping its GiST
 * index is most of the load's cost; the booking table's other indexes are dropped for the load
 * and built again at its end from their own definitions. No change history, no removal records:
 * for bench databases, not for one that partners mirror.
 */
import type { Database } from '@gzequip/kit';
import { SingleBar } from 'cli-progress';
import { GENERATED_ID_PREFIX, generatedInstrumentId } from '../demo-data/manyInstruments.ts';

/** Changes whenever what is loaded changes: a bench database loaded by another version is loaded again. */
export const GENERATED_BOOKINGS_VERSION = 1;

/** Every generated booking id starts so; the seed's and the write path's never do. */
export const GENERATED_BOOKING_PREFIX = 'bkg-g';

/** Instruments a chunk of the load covers (by generated instrument number), in one transaction. */
const INSTRUMENTS_PER_CHUNK = 2000;
/** Sessions loading chunks side by side: the calendar's GiST index is CPU-bound. */
const DEFAULT_WORKERS = 2;

/** The instrument states in which it takes bookings (the subgraph's BOOKABLE_STATUSES). */
const BOOKABLE_STATUSES = ['NORMAL', 'STANDBY', 'REMOTE_SERVICE', 'OCCASIONAL_FAULT'];

/** The bookable intervals of each weekday, local time: each 210 minutes long. */
const HALF_DAYS = [
  { opens: '08:30', closes: '12:00' },
  { opens: '14:00', closes: '17:30' },
];
/** A booking's place in its 210-minute half-day: minutes after opening, and length (2 to 3½ hours). */
const SHAPES = [
  [0, 120],
  [0, 180],
  [0, 210],
  [30, 120],
  [60, 150],
  [90, 120],
  [0, 150],
  [30, 180],
] as const;

export const BOOKING_WINDOWS = {
  /** Days before today the completed bookings go back. */
  pastDays: 365,
  /** Days after today the coming bookings reach. */
  comingDays: 56,
  /** One instrument in this many is in regular use. */
  inUseOneIn: 10,
  /** Per mille of half-days booked, past: the instrument's own, between these. */
  pastPermille: [200, 500],
  /** Per mille of half-days booked, coming: in regular use, and the others. */
  comingPermille: { inUse: 200, other: 40 },
} as const;

export interface BookingLoadResult {
  rules: number;
  completed: number;
  coming: number;
  /** Instruments with completed bookings, and the share of their bookable hours those fill. */
  inUse: number;
  utilisation: number;
  seconds: number;
}

/** Today's date in Asia/Shanghai (UTC+8 all year), YYYY-MM-DD. */
export function shanghaiToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A non-negative hash of an expression and a seed, as SQL. */
const hash = (expression: string, seed: number) =>
  `(hashint8extended((${expression})::bigint, ${seed}) & 9223372036854775807)`;

/**
 * Replaces the booking rules and bookings of the generated instruments of a migrated, seeded and
 * loaded instruments database (see the file's comment). `today` is the Asia/Shanghai date the year
 * ends on. A progress bar goes to stderr.
 */
export async function loadGeneratedBookings(
  db: Database,
  {
    today = shanghaiToday(),
    workers = DEFAULT_WORKERS,
    label = 'bookings',
  }: {
    today?: string;
    workers?: number;
    label?: string;
  } = {},
): Promise<BookingLoadResult> {
  const started = performance.now();
  const s = db.schema;
  const [{ superuser } = { superuser: false }] = await db.raw<{ superuser: boolean }>(
    'select rolsuper as superuser from pg_roles where rolname = current_user',
  );
  const [{ top } = { top: 0 }] = await db.raw<{ top: number }>(
    `select coalesce(max(substr(id, ?)::int), 0) as top from ${s}.instrument where id like ?`,
    [GENERATED_ID_PREFIX.length + 1, `${GENERATED_ID_PREFIX}%`],
  );

  // The rules: one statement; the checks of their hours and prices run on every row.
  const rules = await db.transaction(async (tx) => {
    await removeGenerated(tx, superuser);
    const hours = [1, 2, 3, 4, 5].flatMap((weekday) => HALF_DAYS.map((h) => ({ weekday, ...h })));
    const [row] = await tx.raw<{ count: number }>(
      `with inserted as (
         insert into ${s}.booking_rule (id, bookable_hours, min_minutes, max_minutes, min_notice_hours, max_advance_days,
                                        requires_approval, cancellation_window_hours, cancellation_fee_fen, prices)
         select i.id, ?::jsonb, 60, 480, 0, 365, true, 24, 0,
                jsonb_build_array(
                  jsonb_build_object('group', 'OWN_UNIT', 'unit', 'HOUR', 'rateFen', p.rate / 2, 'minimumChargeFen', 0),
                  jsonb_build_object('group', 'IN_PROVINCE_SME', 'unit', 'HOUR', 'rateFen', p.rate * 4 / 5, 'minimumChargeFen', 0),
                  jsonb_build_object('group', 'OTHER', 'unit', 'HOUR', 'rateFen', p.rate, 'minimumChargeFen', 0))
           from ${s}.instrument i
          cross join lateral (select greatest(50, least(3000, round(i.original_value * 2)::int)) * 100 as rate) as p
          where i.id like ? and i.sharing_mode = 'EXTERNAL' and i.review_status = 'PUBLISHED' and not i.classified
            and i.status = any(?::text[])
         returning 1)
       select count(*)::int as count from inserted`,
      [JSON.stringify(hours), `${GENERATED_ID_PREFIX}%`, BOOKABLE_STATUSES],
    );
    return row?.count ?? 0;
  });

  // The booking table's indexes other than its key, dropped for the load and built again after it.
  const indexes = await db.raw<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_indexes
      where schemaname = ? and tablename = 'booking'
        and indexname not in (select conname from pg_constraint where conrelid = ?::regclass)`,
    [s, `${s}.booking`],
  );
  for (const { name } of indexes) await db.raw('drop index ??', [`${s}.${name}`]);
  // Without the right to turn triggers off for a session, they are turned off for the load.
  if (!superuser) await db.raw(`alter table ${s}.booking disable trigger user`);

  const chunks: [number, number][] = [];
  for (let lo = 1; lo <= top; lo += INSTRUMENTS_PER_CHUNK)
    chunks.push([lo, Math.min(top, lo + INSTRUMENTS_PER_CHUNK - 1)]);
  const bar = new SingleBar({
    format: `${label} {value}/{total} instruments [{bar}] {percentage}% {duration_formatted} {phase}`,
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(top, 0, { phase: '' });
  let done = 0;
  try {
    const next = () => chunks.shift();
    const worker = async () => {
      for (let chunk = next(); chunk; chunk = next()) {
        const [lo, hi] = chunk;
        await db.transaction(async (tx) => {
          if (superuser) await tx.raw('set local session_replication_role = replica');
          await tx.raw('set local synchronous_commit = off');
          await tx.raw(bookingsSql(s), [today, generatedInstrumentId(lo), generatedInstrumentId(hi)]);
        });
        done += hi - lo + 1;
        bar.update(done);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
    bar.update(top, { phase: `building ${indexes.map(({ name }) => name).join(', ')}` });
    if (!superuser) await db.raw(`alter table ${s}.booking enable trigger user`);
    await db.transaction(async (tx) => {
      await tx.raw("set local maintenance_work_mem = '256MB'");
      for (const { definition } of indexes) await tx.raw(definition);
    });
  } finally {
    bar.stop();
  }

  const [figures] = await db.raw<{ completed: number; coming: number; in_use: number; minutes: number }>(
    `select count(*) filter (where status = 'COMPLETED')::int as completed,
            count(*) filter (where status <> 'COMPLETED')::int as coming,
            count(distinct instrument_id) filter (where status = 'COMPLETED')::int as in_use,
            coalesce(sum(used_minutes), 0)::float8 as minutes
       from ${s}.booking where id like ?`,
    [`${GENERATED_BOOKING_PREFIX}%`],
  );
  const [{ weekdays } = { weekdays: 0 }] = await db.raw<{ weekdays: number }>(
    `select count(*)::int as weekdays from generate_series(-?::int, -1) as k where extract(isodow from ?::date + k) < 6`,
    [BOOKING_WINDOWS.pastDays, today],
  );
  const { completed = 0, coming = 0, in_use: inUse = 0, minutes = 0 } = figures ?? {};
  const bookableMinutes = inUse * weekdays * HALF_DAYS.length * 210;
  return {
    rules,
    completed,
    coming,
    inUse,
    utilisation: bookableMinutes > 0 ? minutes / bookableMinutes : 0,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The generated bookings, their calendar rows and the generated instruments' rules, gone. */
async function removeGenerated(tx: Database, superuser: boolean): Promise<void> {
  const s = tx.schema;
  if (superuser) await tx.raw('set local session_replication_role = replica');
  await tx.raw(`delete from ${s}.instrument_calendar where booking_id like ?`, [`${GENERATED_BOOKING_PREFIX}%`]);
  await tx.raw(`delete from ${s}.booking where id like ?`, [`${GENERATED_BOOKING_PREFIX}%`]);
  await tx.raw(`delete from ${s}.booking_rule where id like ?`, [`${GENERATED_ID_PREFIX}%`]);
  if (superuser) await tx.raw('set local session_replication_role = origin');
}

/**
 * One chunk of instruments (bindings: today, the first and the last instrument's id): their
 * past year's completed bookings and their coming weeks' held ones, each with its calendar row.
 */
function bookingsSql(s: string): string {
  const w = BOOKING_WINDOWS;
  const [pastLow, pastHigh] = w.pastPermille;
  const offsets = `array[${SHAPES.map(([offset]) => offset).join(', ')}]`;
  const lengths = `array[${SHAPES.map(([, length]) => length).join(', ')}]`;
  return `
    with params as (select ?::date as today),
    target as (
      select r.id, substr(r.id, ${GENERATED_ID_PREFIX.length + 1})::int as n, i.owner_id,
             (select (p ->> 'rateFen')::int from jsonb_array_elements(r.prices) as p where p ->> 'group' = 'OTHER') as rate
        from ${s}.booking_rule r join ${s}.instrument i on i.id = r.id
       where r.id between ? and ?
    ),
    chosen as (
      select target.*,
             ${hash('n', 1)} % ${w.inUseOneIn} = 0 as in_use,
             ${pastLow} + ${hash('n', 2)} % ${pastHigh - pastLow + 1} as past_permille
        from target
    ),
    day as (
      select today + k as d, k < 0 as past
        from params, generate_series(-${w.pastDays}, ${w.comingDays}) as k
       where k <> 0 and extract(isodow from today + k) < 6
    ),
    slot as (
      select c.id, c.n, c.owner_id, c.rate, day.d, day.past, half.h, hx.x
        from chosen c
        join day on not day.past or c.in_use
       cross join (values (0), (1)) as half(h)
       cross join lateral (select ${hash("c.n::bigint * 20000 + (day.d - date '2000-01-01') * 2 + half.h", 3)} as x) as hx
       where hx.x % 1000 < case when day.past then c.past_permille
                               when c.in_use then ${w.comingPermille.inUse} else ${w.comingPermille.other} end
    ),
    shaped as (
      select slot.*,
             ((d + case when h = 0 then time '${HALF_DAYS[0]?.opens}' else time '${HALF_DAYS[1]?.opens}' end)
               at time zone 'Asia/Shanghai')
               + make_interval(mins => (${offsets})[1 + (x / 1000 % ${SHAPES.length})::int]) as start,
             (${lengths})[1 + (x / 1000 % ${SHAPES.length})::int] as minutes,
             1 + (x / 10000 % 64)::int as e
        from slot
    ),
    inserted as (
      insert into ${s}.booking (id, instrument_id, requester_enterprise_id, external, price_group, during, status,
                                charge_unit, rate_fen, minimum_charge_fen, estimated_charge_fen,
                                actual_start, actual_end, used_minutes, service_way, charge_fen, created_at, updated_at)
      select '${GENERATED_BOOKING_PREFIX}' || lpad(n::text, 6, '0') || '-' || to_char(d, 'YYMMDD') || h,
             id,
             'ent-' || lpad((case when 'ent-' || lpad(e::text, 3, '0') = owner_id then e % 64 + 1 else e end)::text, 3, '0'),
             true, 'OTHER', tstzrange(start, start + make_interval(mins => minutes)),
             case when past then 'COMPLETED' when x / 640000 % 10 < 6 then 'REQUESTED' else 'APPROVED' end,
             'HOUR', rate, 0, rate * minutes / 60,
             case when past then start end,
             case when past then start + make_interval(mins => minutes) end,
             case when past then minutes end,
             case when past then 'ON_SITE' end,
             case when past then rate * minutes / 60 end,
             least(start - make_interval(days => 1 + (x / 6400000 % 14)::int, mins => (x / 89600000 % 600)::int), now()),
             now()
        from shaped
      returning instrument_id, during, id
    ),
    calendar as (
      insert into ${s}.instrument_calendar (instrument_id, during, booking_id)
      select instrument_id, during, id from inserted
      returning 1
    )
    select count(*)::int as count from calendar`;
}

/** Fresh statistics and visibility maps for the booking tables (and the instruments'), after a bulk load. */
export async function vacuumBookings(db: Database): Promise<void> {
  const s = db.schema;
  await db.raw(
    `vacuum (analyze) ${s}.instrument, ${s}.booking_rule, ${s}.booking, ${s}.instrument_calendar, ${s}.closure`,
  );
}
