import { describe, expect, it } from 'vitest';
import { encodeCursor, MAX_PAGE_SIZE, parsePage, toConnection } from '../src/pagination.ts';

describe('cursor pagination', () => {
  it('round-trips a cursor and defaults the page size', () => {
    expect(parsePage({ after: encodeCursor('ins-042') })).toEqual({ limit: 20, afterKey: 'ins-042' });
    expect(parsePage({ first: MAX_PAGE_SIZE })).toEqual({ limit: MAX_PAGE_SIZE, afterKey: null });
  });

  it.each([0, -1, MAX_PAGE_SIZE + 1, 2.5])('refuses first = %s', (first) => {
    expect(() => parsePage({ first }, 'instruments')).toThrow(/Invalid instruments.first: must be between 1 and 500/);
  });

  it('refuses a cursor it did not issue', () => {
    expect(() => parsePage({ after: 'bm90LWEtY3Vyc29y' })).toThrow(/Invalid after: is not a cursor/);
    expect(() => parsePage({ after: encodeCursor('') })).toThrow(/Invalid after/);
  });

  it('uses the extra row only to tell that another page follows', () => {
    const page = parsePage({ first: 2 });
    const more = toConnection(['a', 'b', 'c'], page, (s) => s, 9);
    expect(more.edges.map((e) => e.node)).toEqual(['a', 'b']);
    expect(more.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor('b') });
    const last = toConnection(['a'], page, (s) => s, 1);
    expect(last.pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor('a') });
    expect(toConnection([], page, (s: string) => s, 0).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
