import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import type { Database } from './database.ts';
import { afterCursorSql, type Connection, orderSql, type Page, type PagePosition, toConnection } from './pagination.ts';

/** Page P of parent X's children, narrowed by `filter` (compared by value, so equal filters batch together). */
export interface ChildPageKey<TFilter = unknown, TNode = unknown> {
  parentId: string;
  page: Page<TNode>;
  filter?: TFilter | undefined;
}

export interface ChildPage<TRow> {
  /** Up to `limit + 1` rows: the extra one tells that a next page exists. */
  rows: TRow[];
  total: number;
}

interface WindowedRow {
  __total: number;
  __rank: number | string;
  __first: boolean;
  __in_page: boolean;
}

function groupKeyOf(page: PagePosition, filter: unknown): string {
  return JSON.stringify([page.limit, page.order.field, page.order.direction, page.after, filter ?? null]);
}

function resultKey(parentId: string, page: PagePosition, filter: unknown): string {
  return `${parentId}\u0000${groupKeyOf(page, filter)}`;
}

/**
 * One page of children for each of many parents (an enterprise's instruments, a platform's
 * assessments) in one statement per distinct page and filter, so that a list field under a page
 * of parents costs the same however many parents there are. The rows after the cursor are a
 * suffix of each parent's order, so a running count of them ranks the page, and the first row of
 * each parent is kept to carry its total even past the end.
 */
export async function loadChildPages<TRow extends { id: string }, TFilter = unknown>(
  db: Database,
  table: string,
  parentColumn: string,
  keys: readonly { parentId: string; page: PagePosition; filter?: TFilter | undefined }[],
  narrow: (query: Knex.QueryBuilder, filter: TFilter | undefined) => void = () => {},
  /** The children's columns to read (those the order uses among them); all by default. */
  columns: readonly string[] = ['*'],
): Promise<ChildPage<TRow>[]> {
  const groups = new Map<string, { page: PagePosition; filter: TFilter | undefined; parentIds: Set<string> }>();
  for (const { parentId, page, filter } of keys) {
    const key = groupKeyOf(page, filter);
    const group = groups.get(key) ?? { page, filter, parentIds: new Set<string>() };
    group.parentIds.add(parentId);
    groups.set(key, group);
  }

  const results = new Map<string, ChildPage<TRow>>();
  for (const { page, filter, parentIds } of groups.values()) {
    const { knex } = db;
    const order = orderSql(page);
    const after = afterCursorSql(page);
    const rank = after
      ? knex.raw(`count(*) filter (where ${after.sql}) over (partition by ?? order by ${order}) as __rank`, [
          ...after.bindings,
          parentColumn,
        ])
      : knex.raw(`row_number() over (partition by ?? order by ${order}) as __rank`, [parentColumn]);
    const windowed = db
      .table(table)
      .select([...columns])
      .select(knex.raw('(count(*) over (partition by ??))::int as __total', [parentColumn]))
      .select(rank)
      .select(knex.raw(`(row_number() over (partition by ?? order by ${order}) = 1) as __first`, [parentColumn]))
      .whereIn(parentColumn, [...parentIds]);
    narrow(windowed, filter);
    const inPage = after
      ? knex.raw(`(${after.sql} and __rank <= ?)`, [...after.bindings, page.limit + 1])
      : knex.raw('(__rank <= ?)', [page.limit + 1]);
    const rows = (await db
      .query()
      .select('*', knex.raw('? as __in_page', [inPage]))
      .from(windowed.as('windowed'))
      .where(inPage)
      .orWhere('__first', true)
      .orderByRaw(`?? , ${order}`, [parentColumn])) as (TRow & WindowedRow & Record<string, unknown>)[];

    for (const parentId of parentIds) results.set(resultKey(parentId, page, filter), { rows: [], total: 0 });
    for (const row of rows) {
      const { __total, __rank, __first, __in_page, ...child } = row;
      const result = results.get(resultKey(String(row[parentColumn]), page, filter));
      if (!result) continue;
      result.total = __total;
      if (__in_page) result.rows.push(child as unknown as TRow);
    }
  }
  return keys.map(
    ({ parentId, page, filter }) => results.get(resultKey(parentId, page, filter)) ?? { rows: [], total: 0 },
  );
}

/**
 * A DataLoader answering "page P of parent X's children" for a request: keys with the same
 * parent, page and filter are loaded once, all others in one batch.
 */
export function childConnectionLoader<T extends { id: string }, TFilter = unknown>(
  loadPages: (keys: readonly ChildPageKey<TFilter, T>[]) => Promise<ChildPage<T>[]>,
): DataLoader<ChildPageKey<TFilter, T>, Connection<T>, string> {
  return new DataLoader(
    async (keys) =>
      (await loadPages(keys)).map(({ rows, total }, i) =>
        toConnection(rows, (keys[i] as ChildPageKey<TFilter, T>).page, total),
      ),
    { cacheKeyFn: ({ parentId, page, filter }) => resultKey(parentId, page, filter) },
  );
}
