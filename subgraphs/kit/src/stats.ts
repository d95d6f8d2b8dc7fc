/**
 * Grouped statistics, one shape for every subgraph: rows of the dimensions grouped by and the
 * measures, computed by the database in one statement over the same filtered (and
 * visibility-restricted) rows the list would show. A dimension over an array column (industries)
 * counts a record once per value.
 */
import type { Knex } from 'knex';
import type { Database } from './database.ts';
import { badUserInput } from './errors.ts';

export interface Dimension {
  /** SQL over the filtered rows (aliased `r`), e.g. `r.region_code` or `substr(r.class_code, 1, 2)`. */
  sql: string;
  /** An array column: each record counts once per value. */
  unnest?: boolean;
}

export type StatsRow = Record<string, string | number | null>;

/**
 * Groups `filtered` by the `groupBy` dimensions and computes `measures` (name → SQL aggregate
 * over `r`). Rows come back keyed by dimension and measure names, ordered by the dimensions.
 */
export async function groupedStats(
  db: Database,
  filtered: Knex.QueryBuilder,
  dimensions: Record<string, Dimension>,
  groupBy: readonly string[],
  measures: Record<string, string>,
  field = 'groupBy',
  maxDimensions = 3,
): Promise<StatsRow[]> {
  const chosen = [...new Set(groupBy)];
  if (chosen.length > maxDimensions) throw badUserInput(field, `groups by at most ${maxDimensions} dimensions at once`);
  const lateral: string[] = [];
  const keys = chosen.map((name, i) => {
    const dimension = dimensions[name];
    if (!dimension) throw badUserInput(field, `cannot group by ${name}`);
    if (!dimension.unnest) return `${dimension.sql} as "${name}"`;
    lateral.push(`cross join lateral unnest(${dimension.sql}) as u${i}(value)`);
    return `u${i}.value as "${name}"`;
  });
  const aggregates = Object.entries(measures).map(([name, sql]) => `${sql} as "${name}"`);
  const grouping = chosen.map((_, i) => i + 1).join(', ');
  const inner = filtered.toSQL();
  const sql = `select ${[...keys, ...aggregates].join(', ')} from (${inner.sql}) as r ${lateral.join(' ')}${
    chosen.length ? ` group by ${grouping} order by ${grouping}` : ''
  }`;
  return db.raw<StatsRow>(sql, inner.bindings);
}
