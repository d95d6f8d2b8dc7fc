import type { Knex } from 'knex';
import { badUserInput } from './errors.ts';

export const DEFAULT_PAGE_SIZE = 20;
/** Large enough for an analyst's export page, small enough to bound one request's work. */
export const MAX_PAGE_SIZE = 500;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A validated page request: at most `limit` rows whose sort key is greater than `afterKey`. */
export interface Page {
  limit: number;
  afterKey: string | null;
}

const CURSOR_PREFIX = 'k:';

export function encodeCursor(key: string): string {
  return Buffer.from(CURSOR_PREFIX + key, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, field: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(CURSOR_PREFIX) || decoded.length === CURSOR_PREFIX.length) {
    throw badUserInput(field, 'is not a cursor issued by this list; pass an endCursor from pageInfo');
  }
  return decoded.slice(CURSOR_PREFIX.length);
}

/** Validates `first` and `after`; `fieldPrefix` names the list in errors (e.g. `instruments`). */
export function parsePage(args: PageArgs, fieldPrefix = ''): Page {
  const name = (arg: string) => (fieldPrefix ? `${fieldPrefix}.${arg}` : arg);
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(name('first'), `must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`);
  }
  return { limit, afterKey: args.after ? decodeCursor(args.after, name('after')) : null };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** A number, or a function GraphQL calls only when the field is selected. */
  totalCount: number | (() => Promise<number>);
}

/**
 * Builds a connection from rows fetched with `limit + 1` (the extra row only tells whether a
 * next page exists).
 */
export function toConnection<T>(
  rows: readonly T[],
  page: Page,
  keyOf: (node: T) => string,
  totalCount: Connection<T>['totalCount'],
): Connection<T> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** Narrows a query to one page in `id` order, with the extra row that tells whether more follow. */
export function keysetPage<TQuery extends Knex.QueryBuilder>(query: TQuery, page: Page): TQuery {
  query.orderBy('id').limit(page.limit + 1);
  if (page.afterKey) query.where('id', '>', page.afterKey);
  return query;
}

/** How many rows a (filtered) query matches; the query becomes the count. */
export async function countRows(query: Knex.QueryBuilder): Promise<number> {
  const [row] = (await query.count({ count: '*' })) as { count: string | number }[];
  return Number(row?.count ?? 0);
}
