import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import type { Database } from './database.ts';
import { type Connection, type Page, toConnection } from './pagination.ts';

export interface ChildPageKey {
  parentId: string;
  page: Page;
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

/**
 * One page of children for each of many parents (an enterprise's instruments, a platform's
 * assessments) in one statement per distinct page size and cursor, so that a list field under a
 * page of parents costs the same however many parents there are. Children are ordered by `id`.
 */
export async function loadChildPages<TRow extends { id: string }>(
  db: Database,
  table: string,
  parentColumn: string,
  keys: readonly ChildPageKey[],
  narrow: (query: Knex.QueryBuilder) => void = () => {},
): Promise<ChildPage<TRow>[]> {
  const groups = new Map<string, { page: Page; parentIds: Set<string> }>();
  for (const { parentId, page } of keys) {
    const group = groups.get(groupKeyOf(page)) ?? { page, parentIds: new Set<string>() };
    group.parentIds.add(parentId);
    groups.set(groupKeyOf(page), group);
  }

  const results = new Map<string, ChildPage<TRow>>();
  for (const { page, parentIds } of groups.values()) {
    const after = page.afterKey;
    const { knex } = db;
    // Ids are compared only when there is a cursor, so that any id type (text, bigint) works.
    const rank = after
      ? knex.raw('count(*) filter (where id > ?) over (partition by ?? order by id) as __rank', [after, parentColumn])
      : knex.raw('row_number() over (partition by ?? order by id) as __rank', [parentColumn]);
    const windowed = db
      .table(table)
      .select('*')
      .select(knex.raw('(count(*) over (partition by ??))::int as __total', [parentColumn]))
      .select(rank)
      // One row per parent survives the page filter, so the total is known even past the end.
      .select(knex.raw('(row_number() over (partition by ?? order by id) = 1) as __first', [parentColumn]))
      .whereIn(parentColumn, [...parentIds]);
    narrow(windowed);
    const inPage = after
      ? knex.raw('(id > ? and __rank <= ?)', [after, page.limit + 1])
      : knex.raw('(__rank <= ?)', [page.limit + 1]);
    const rows = (await db
      .query()
      .select('*', knex.raw('? as __in_page', [inPage]))
      .from(windowed.as('windowed'))
      .where(inPage)
      .orWhere('__first', true)
      .orderBy([parentColumn, 'id'])) as (TRow & WindowedRow & Record<string, unknown>)[];

    for (const parentId of parentIds) results.set(resultKey(parentId, page), { rows: [], total: 0 });
    for (const row of rows) {
      const { __total, __rank, __first, __in_page, ...child } = row;
      const result = results.get(resultKey(String(row[parentColumn]), page));
      if (!result) continue;
      result.total = __total;
      if (__in_page) result.rows.push(child as unknown as TRow);
    }
  }
  return keys.map(({ parentId, page }) => results.get(resultKey(parentId, page)) ?? { rows: [], total: 0 });
}

function resultKey(parentId: string, page: Page): string {
  return `${parentId}\u0000${groupKeyOf(page)}`;
}

function groupKeyOf(page: Page): string {
  return `${page.limit}\u0000${page.afterKey ?? ''}`;
}

/**
 * A DataLoader answering "page P of parent X's children" for a request: keys with the same
 * parent and page are loaded once, all others in one batch.
 */
export function childConnectionLoader<T>(
  loadPages: (keys: readonly ChildPageKey[]) => Promise<ChildPage<T>[]>,
  keyOf: (node: T) => string,
): DataLoader<ChildPageKey, Connection<T>, string> {
  return new DataLoader(
    async (keys) =>
      (await loadPages(keys)).map(({ rows, total }, i) =>
        toConnection(rows, (keys[i] as ChildPageKey).page, keyOf, total),
      ),
    { cacheKeyFn: ({ parentId, page }) => resultKey(parentId, page) },
  );
}
