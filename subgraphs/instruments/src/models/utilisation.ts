import { type Claims, type Database, todayInGuizhou } from '@gzequip/kit';
import { restrictToVisible } from './instrument.ts';

/** The first year figures are kept for: utilisation is asked for no earlier year, sharing years start no earlier. */
export const FIRST_YEAR = 2000;

/** The national norm of effective machine hours per instrument a year. */
export const NORM_HOURS_PER_YEAR = 1600;

export interface Utilisation {
  year: number;
  instruments: number;
  effectiveHours: number;
  externalHours: number;
  shareRate: number | null;
  utilisation: number | null;
  services: number;
  unitsServed: number;
  meanRating: number | null;
  /** Null for callers who may not see income (see BookingSource.utilisationOf). */
  serviceIncomeFen: number | null;
}

/** What utilisation can be summed over: one instrument, an owner, a platform, a region. */
export type UtilisationScope = 'id' | 'owner_id' | 'platform_id' | 'region_code';

interface UtilisationRow {
  key: string;
  instruments: number;
  minutes: string | number;
  external_minutes: string | number;
  services: number;
  units: number;
  mean_rating: number | null;
  income: string | number;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
/** Minutes as hours, to two decimals: every figure of hours is given so. */
const hoursOf = (minutes: string | number) => round(Number(minutes) / 60, 2);
/** A mean rating to two decimals; null without ratings. */
const meanRatingOf = (mean: number | null) => (mean === null ? null : round(Number(mean), 2));

/**
 * What a completed service adds, over `b` (bookings, joined COMPLETED in the year counted): the
 * same sums for utilisation and for sharing years.
 */
const SERVICE_FIGURES = `coalesce(sum(b.used_minutes), 0)::bigint as minutes,
        coalesce(sum(b.used_minutes) filter (where b.external), 0)::bigint as external_minutes,
        count(b.id)::int as services,
        (count(distinct b.requester_enterprise_id) filter (where b.external))::int as units,
        avg(b.rating)::float8 as mean_rating`;

export function emptyUtilisation(year: number): Utilisation {
  return toUtilisation(year, {
    key: '',
    instruments: 0,
    minutes: 0,
    external_minutes: 0,
    services: 0,
    units: 0,
    mean_rating: null,
    income: 0,
  });
}

function toUtilisation(year: number, row: UtilisationRow): Utilisation {
  const effectiveHours = Number(row.minutes) / 60;
  const externalHours = Number(row.external_minutes) / 60;
  return {
    year,
    instruments: row.instruments,
    effectiveHours: hoursOf(row.minutes),
    externalHours: hoursOf(row.external_minutes),
    shareRate: effectiveHours > 0 ? round(externalHours / effectiveHours, 4) : null,
    utilisation: row.instruments > 0 ? round(effectiveHours / (NORM_HOURS_PER_YEAR * row.instruments), 4) : null,
    services: row.services,
    unitsServed: row.units,
    meanRating: meanRatingOf(row.mean_rating),
    serviceIncomeFen: Number(row.income),
  };
}

/**
 * Utilisation for many instruments, owners, platforms or regions in one year, in one statement:
 * the visible, unclassified instruments in service that year, and their completed services.
 */
export async function utilisationOf(
  db: Database,
  scope: UtilisationScope,
  keys: readonly string[],
  year: number,
  viewer: Claims,
): Promise<Map<string, Utilisation>> {
  const instruments = db
    .table('instrument')
    .select('id', db.knex.raw('?? as key', [scope]))
    .whereIn(scope, [...keys])
    .where('classified', false)
    .where('start_of_use', '<=', `${year}-12-31`);
  restrictToVisible(instruments, viewer);
  const rows = (await db
    .query()
    .from(instruments.as('i'))
    .leftJoin(`${db.schema}.booking as b`, (join) =>
      join.on('b.instrument_id', 'i.id').andOnVal('b.status', 'COMPLETED').andOnVal('b.service_year', year),
    )
    .groupBy('i.key')
    .select('i.key')
    .select(
      db.knex.raw(`count(distinct i.id)::int as instruments,
        ${SERVICE_FIGURES},
        coalesce(sum(b.charge_fen), 0)::bigint as income`),
    )) as UtilisationRow[];
  return new Map(rows.map((row) => [row.key, toUtilisation(year, row)]));
}

/**
 * One calendar year of a platform's or region's sharing, the same for every caller (see the
 * SharingYear type): over the published, unclassified instruments in service that year.
 */
export interface SharingYear {
  year: number;
  instruments: number;
  openInstruments: number;
  effectiveHours: number;
  externalHours: number;
  services: number;
  unitsServed: number;
  meanRating: number | null;
}

/** What sharing years are kept for: the platform hosting the instruments, or their own region. */
export type SharingYearScope = 'platform_id' | 'region_code';

interface SharingYearRow {
  key: string;
  year: number;
  instruments: number;
  open_instruments: number;
  minutes: string | number;
  external_minutes: string | number;
  services: number;
  units: number;
  mean_rating: number | null;
}

/**
 * Every year's sharing of many platforms or regions, in one statement: for each key, a year from
 * the first in which one of its instruments was in service (not before 2000) to the current year
 * in Asia/Shanghai, each over the instruments in service that year as utilisationOf counts them
 * (entered service by 31 December, unclassified) but whoever asks: only published ones, which
 * also leaves out retired ones (retirement is the review status RETIRED, with no date of its own).
 * Keys without such instruments are missing from the map.
 */
export async function sharingYearsOf(
  db: Database,
  scope: SharingYearScope,
  keys: readonly string[],
  today = todayInGuizhou(),
): Promise<Map<string, SharingYear[]>> {
  const instruments = db
    .table('instrument')
    .select('id', db.knex.raw('?? as key', [scope]), 'sharing_mode', 'start_of_use')
    .whereIn(scope, [...keys])
    .where('review_status', 'PUBLISHED')
    .where('classified', false)
    .toSQL();
  const rows = await db.raw<SharingYearRow>(
    `with i as (${instruments.sql}),
     y as (
       select f.key, g.year
         from (select key, min(start_of_use) as start_of_use from i group by key) as f
        cross join lateral generate_series(greatest(extract(year from f.start_of_use)::int, ?::int), ?::int) as g(year)
     )
     select y.key, y.year,
            count(distinct i.id)::int as instruments,
            (count(distinct i.id) filter (where i.sharing_mode = 'EXTERNAL'))::int as open_instruments,
            ${SERVICE_FIGURES}
       from y
       join i on i.key = y.key and i.start_of_use <= make_date(y.year, 12, 31)
       left join ${db.schema}.booking as b
         on b.instrument_id = i.id and b.status = 'COMPLETED' and b.service_year = y.year
      group by y.key, y.year
      order by y.key, y.year`,
    [...instruments.bindings, FIRST_YEAR, Number(today.slice(0, 4))],
  );
  const years = new Map<string, SharingYear[]>();
  for (const row of rows) {
    const list = years.get(row.key) ?? [];
    list.push({
      year: row.year,
      instruments: row.instruments,
      openInstruments: row.open_instruments,
      effectiveHours: hoursOf(row.minutes),
      externalHours: hoursOf(row.external_minutes),
      services: row.services,
      unitsServed: row.units,
      meanRating: meanRatingOf(row.mean_rating),
    });
    years.set(row.key, list);
  }
  return years;
}
