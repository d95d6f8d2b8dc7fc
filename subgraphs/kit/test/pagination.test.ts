import { describe, expect, it } from 'vitest';
import {
  afterCursorSql,
  cursorOf,
  encodeCursor,
  MAX_PAGE_SIZE,
  type OrderFields,
  orderSql,
  parsePage,
  toConnection,
} from '../src/pagination.ts';

interface Row {
  id: string;
  value: number;
}

const ORDERS: OrderFields<Row> = { VALUE: { column: 'original_value', value: (row) => row.value } };

describe('cursor pagination', () => {
  it('defaults to 20 in id order, and round-trips a cursor of any order', () => {
    expect(parsePage<Row>({})).toMatchObject({ limit: 20, order: { field: 'ID', direction: 'ASC' }, after: null });
    const page = parsePage<Row>({ first: MAX_PAGE_SIZE, orderBy: { field: 'VALUE', direction: 'DESC' } }, '', ORDERS);
    const cursor = cursorOf({ id: 'ins-042', value: 123.45 }, page);
    const next = parsePage<Row>({ after: cursor, orderBy: { field: 'VALUE', direction: 'DESC' } }, '', ORDERS);
    expect(next.after).toEqual({ value: 123.45, id: 'ins-042' });
  });

  it.each([0, -1, MAX_PAGE_SIZE + 1, 2.5])('refuses first = %s', (first) => {
    expect(() => parsePage({ first }, 'instruments')).toThrow(/Invalid instruments.first: must be between 1 and 500/);
  });

  it('refuses a cursor it did not issue, or one issued for another order', () => {
    expect(() => parsePage({ after: 'bm90LWEtY3Vyc29y' })).toThrow(/Invalid after: is not a cursor/);
    expect(() => parsePage({ after: encodeCursor(['ID', 'ASC', 'x', '']) })).toThrow(/Invalid after/);
    const byValue = encodeCursor(['VALUE', 'DESC', 10, 'ins-001']);
    expect(() => parsePage<Row>({ after: byValue }, '', ORDERS)).toThrow(
      /is a cursor of this list ordered by VALUE DESC, not ID ASC/,
    );
    expect(() => parsePage<Row>({ orderBy: { field: 'COLOUR' } }, 'instruments', ORDERS)).toThrow(
      /Invalid instruments.orderBy.field: cannot order by COLOUR/,
    );
  });

  it('orders by the field, then id, and starts strictly after the cursor row', () => {
    const asc = parsePage<Row>(
      { orderBy: { field: 'VALUE' }, after: encodeCursor(['VALUE', 'ASC', 5, 'b']) },
      '',
      ORDERS,
    );
    expect(orderSql(asc)).toBe('"original_value" asc, id asc');
    expect(afterCursorSql(asc)).toEqual({
      sql: '("original_value" > ? or ("original_value" = ? and id > ?))',
      bindings: [5, 5, 'b'],
    });
    const desc = parsePage<Row>(
      { orderBy: { field: 'VALUE', direction: 'DESC' }, after: encodeCursor(['VALUE', 'DESC', 5, 'b']) },
      '',
      ORDERS,
    );
    expect(afterCursorSql(desc)?.sql).toBe('("original_value" < ? or ("original_value" = ? and id > ?))');
    expect(afterCursorSql(parsePage({}))).toBeNull();
  });

  it('uses the extra row only to tell that another page follows', () => {
    const page = parsePage<Row>({ first: 2 });
    const rows = ['a', 'b', 'c'].map((id, value) => ({ id, value }));
    const more = toConnection(rows, page, 9);
    expect(more.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(more.pageInfo).toEqual({ hasNextPage: true, endCursor: cursorOf(rows[1] as Row, page) });
    const last = toConnection(rows.slice(0, 1), page, 1);
    expect(last.pageInfo).toEqual({ hasNextPage: false, endCursor: cursorOf(rows[0] as Row, page) });
    expect(toConnection([], page, 0).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
