/**
 * The list conventions every subgraph follows: `first` (at most 500) and `after`, an `orderBy`
 * on the fields people sort by, and cursors that stay correct under any order — a cursor holds
 * the order it was issued for, the sort value of its row and the row's id (the tie-breaker), and
 * the next page starts strictly after that pair.
 */
import type { Knex } from 'knex';
import { badUserInput } from './errors.ts';

export const DEFAULT_PAGE_SIZE = 20;
/** Large enough for an analyst's export page, small enough to bound one request's work. */
export const MAX_PAGE_SIZE = 500;

export type OrderDirection = 'ASC' | 'DESC';

/** A field a list can be ordered by: its column and how to read its value from a node. */
export interface OrderField<T> {
  column: string;
  value: (node: T) => string | number;
}

export type OrderFields<T> = Record<string, OrderField<T>>;

/** Every list can be ordered by id; the default order. */
export function idOrder<T extends { id: string }>(): OrderFields<T> {
  return { ID: { column: 'id', value: (node) => node.id } };
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  orderBy?: { field: string; direction?: OrderDirection | null } | null;
}

/** A validated page request: at most `limit` rows, in `order`, strictly after the row `after`. */
export interface Page<T = unknown> {
  limit: number;
  order: { field: string; direction: OrderDirection } & OrderField<T>;
  after: { value: string | number; id: string } | null;
}

type CursorData = [field: string, direction: OrderDirection, value: string | number, id: string];

const CURSOR_VERSION = 'c1';

export function encodeCursor(data: CursorData): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, ...data]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, field: string): CursorData {
  const notOurs = () => badUserInput(field, 'is not a cursor issued by this list; pass an endCursor from pageInfo');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notOurs();
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 5 ||
    decoded[0] !== CURSOR_VERSION ||
    typeof decoded[1] !== 'string' ||
    (decoded[2] !== 'ASC' && decoded[2] !== 'DESC') ||
    (typeof decoded[3] !== 'string' && typeof decoded[3] !== 'number') ||
    typeof decoded[4] !== 'string' ||
    decoded[4] === ''
  ) {
    throw notOurs();
  }
  return decoded.slice(1) as CursorData;
}

/**
 * Validates `first`, `after` and `orderBy` against the fields a list can be ordered by (`ID`
 * always). `fieldPrefix` names the list in errors (e.g. `instruments`).
 */
export function parsePage<T extends { id: string }>(
  args: PageArgs,
  fieldPrefix = '',
  orders: OrderFields<T> = idOrder<T>(),
): Page<T> {
  const name = (arg: string) => (fieldPrefix ? `${fieldPrefix}.${arg}` : arg);
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(name('first'), `must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`);
  }
  const field = args.orderBy?.field ?? 'ID';
  const direction = args.orderBy?.direction ?? 'ASC';
  const orderField = { ...idOrder<T>(), ...orders }[field];
  if (!orderField) throw badUserInput(name('orderBy.field'), `cannot order by ${field}`);
  let after: Page<T>['after'] = null;
  if (args.after) {
    const [cursorField, cursorDirection, value, id] = decodeCursor(args.after, name('after'));
    if (cursorField !== field || cursorDirection !== direction) {
      throw badUserInput(
        name('after'),
        `is a cursor of this list ordered by ${cursorField} ${cursorDirection}, not ${field} ${direction}`,
      );
    }
    after = { value, id };
  }
  return { limit, order: { field, direction, ...orderField }, after };
}

/** What placing a page in SQL needs of it, whatever its node type. */
export interface PagePosition {
  limit: number;
  order: { field: string; direction: OrderDirection; column: string };
  after: { value: string | number; id: string } | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** A number, or a function GraphQL calls only when the field is selected. */
  totalCount: number | (() => Promise<number>);
}

export function cursorOf<T extends { id: string }>(node: T, page: Page<T>): string {
  return encodeCursor([page.order.field, page.order.direction, page.order.value(node), node.id]);
}

/**
 * Builds a connection from rows fetched with `limit + 1` (the extra row only tells whether a
 * next page exists).
 */
export function toConnection<T extends { id: string }>(
  rows: readonly T[],
  page: Page<T>,
  totalCount: Connection<T>['totalCount'],
): Connection<T> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node, page), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** The SQL order of a page: its column, then id as the tie-breaker (ascending, whatever the direction). */
export function orderSql(page: PagePosition): string {
  const { column, direction } = page.order;
  return column === 'id' ? `id ${direction.toLowerCase()}` : `"${column}" ${direction.toLowerCase()}, id asc`;
}

/** The rows strictly after the page's cursor, in its order, as SQL with bindings; null without a cursor. */
export function afterCursorSql(page: PagePosition): { sql: string; bindings: Knex.RawBinding[] } | null {
  if (!page.after) return null;
  const { column, direction } = page.order;
  const beyond = direction === 'ASC' ? '>' : '<';
  if (column === 'id') return { sql: `id ${beyond} ?`, bindings: [page.after.id] };
  return {
    sql: `("${column}" ${beyond} ? or ("${column}" = ? and id > ?))`,
    bindings: [page.after.value, page.after.value, page.after.id],
  };
}

/** Narrows a query to one page in the page's order, with the extra row that tells whether more follow. */
export function keysetPage<TQuery extends Knex.QueryBuilder>(query: TQuery, page: PagePosition): TQuery {
  query.orderByRaw(orderSql(page)).limit(page.limit + 1);
  const after = afterCursorSql(page);
  if (after) query.whereRaw(after.sql, after.bindings);
  return query;
}

/** How many rows a (filtered) query matches; the query becomes the count. */
export async function countRows(query: Knex.QueryBuilder): Promise<number> {
  const [row] = (await query.count({ count: '*' })) as { count: string | number }[];
  return Number(row?.count ?? 0);
}
