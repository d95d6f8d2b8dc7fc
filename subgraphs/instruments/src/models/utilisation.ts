import type { Claims, Database } from '@gzequip/kit';
import { restrictToVisible } from './instrument.ts';

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
    effectiveHours: round(effectiveHours, 2),
    externalHours: round(externalHours, 2),
    shareRate: effectiveHours > 0 ? round(externalHours / effectiveHours, 4) : null,
    utilisation: row.instruments > 0 ? round(effectiveHours / (NORM_HOURS_PER_YEAR * row.instruments), 4) : null,
    services: row.services,
    unitsServed: row.units,
    meanRating: row.mean_rating === null ? null : round(Number(row.mean_rating), 2),
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
        coalesce(sum(b.used_minutes), 0)::bigint as minutes,
        coalesce(sum(b.used_minutes) filter (where b.external), 0)::bigint as external_minutes,
        count(b.id)::int as services,
        (count(distinct b.requester_enterprise_id) filter (where b.external))::int as units,
        avg(b.rating)::float8 as mean_rating,
        coalesce(sum(b.charge_fen), 0)::bigint as income`),
    )) as UtilisationRow[];
  return new Map(rows.map((row) => [row.key, toUtilisation(year, row)]));
}
