/**
 * Facet counts for a search: how many matches fall in each value of each facet, each facet counted
 * under every condition but its own (so a facet shows what choosing another value would give), and
 * the total — all in one statement over the matching rows, found once.
 */
import type { Knex } from 'knex';
import type { Database } from './database.ts';

export interface Facet {
  name: string;
  /** The column (or SQL) whose values are counted. */
  column: string;
  /** The column holds an array: each element counts. */
  unnest?: boolean;
  /** The facet's own condition from the caller's filter, as SQL; null when the filter leaves it open. */
  condition: [sql: string, bindings: Knex.RawBinding[]] | null;
}

export interface FacetCount {
  value: string | null;
  count: number;
}

/**
 * `matching` is the matching rows with every condition but the facets' own. Answers the total
 * under all conditions and each facet's counts, largest first.
 */
export async function facetSummary(
  db: Database,
  matching: Knex.QueryBuilder,
  facets: readonly Facet[],
): Promise<{ total: number; counts: Record<string, FacetCount[]> }> {
  const base = matching
    .select(facets.map((facet, i) => db.knex.raw(`${facet.column} as f${i}`)))
    .select(
      db.knex.raw(
        facets.map((facet, i) => `(${facet.condition?.[0] ?? 'true'}) as m${i}`).join(', '),
        facets.flatMap((facet) => facet.condition?.[1] ?? []),
      ),
    )
    .toSQL();
  const others = (skip: number) =>
    facets
      .map((_, i) => i)
      .filter((i) => i !== skip)
      .map((i) => `m${i}`)
      .join(' and ') || 'true';
  const parts = facets.map((facet, i) =>
    facet.unnest
      ? `select ${i} as facet, v.value::text as value, count(*)::int as count
           from base, unnest(base.f${i}) as v(value) where ${others(i)} group by v.value`
      : `select ${i} as facet, f${i}::text as value, count(*)::int as count from base where ${others(i)} group by f${i}`,
  );
  const rows = await db.raw<{ facet: number; value: string | null; count: number }>(
    `with base as (${base.sql})
     ${[...parts, `select -1 as facet, null as value, count(*)::int as count from base where ${others(-1)}`].join('\n union all ')}
     order by 1, 3 desc, 2`,
    base.bindings as Knex.RawBinding[],
  );
  const counts = Object.fromEntries(
    facets.map((facet, i) => [
      facet.name,
      rows.filter((row) => Number(row.facet) === i).map((row) => ({ value: row.value, count: Number(row.count) })),
    ]),
  );
  return { total: Number(rows.find((row) => Number(row.facet) === -1)?.count ?? 0), counts };
}
