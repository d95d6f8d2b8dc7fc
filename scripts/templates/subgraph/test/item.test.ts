import { describe, expect, it } from 'vitest';
import { ITEM_LIMITS } from '../src/domain.ts';
import { itemColumns, toItem } from '../src/models/item.ts';

describe('an item input', () => {
  it('becomes the row columns, trimmed', () => {
    const { columns, problems } = itemColumns(
      { name: '  Example  ', status: 'ACTIVE', regionCode: 'GUIAN', quantity: 3, note: ' ' },
      'input',
    );
    expect(problems).toEqual([]);
    expect(columns).toEqual({ name: 'Example', status: 'ACTIVE', region_code: 'GUIAN', quantity: 3, note: null });
  });

  it('is refused with every problem at once, each naming its field', () => {
    const { problems } = itemColumns(
      { name: ' ', regionCode: '999999', quantity: 1.5, note: 'x'.repeat(ITEM_LIMITS.note + 1) },
      'input',
    );
    expect(problems.map((p) => p.field)).toEqual(['input.name', 'input.regionCode', 'input.quantity', 'input.note']);
    expect(problems[1]?.reason).toBe('is not a region code: "999999"');
  });

  it('takes quantities from 0 to the limit, no more, no less', () => {
    const quantityProblems = (quantity: number) =>
      itemColumns({ name: 'a', regionCode: '520100', quantity }, 'input').problems.length;
    expect(quantityProblems(0)).toBe(0);
    expect(quantityProblems(ITEM_LIMITS.quantity)).toBe(0);
    expect(quantityProblems(-1)).toBe(1);
    expect(quantityProblems(ITEM_LIMITS.quantity + 1)).toBe(1);
  });

  it('as changes, sets only the fields given; a null note clears it, a null name is refused', () => {
    expect(itemColumns({ quantity: 9 }, 'changes')).toEqual({ columns: { quantity: 9 }, problems: [] });
    expect(itemColumns({ note: null }, 'changes').columns).toEqual({ note: null });
    expect(itemColumns({ name: null }, 'changes').problems).toEqual([
      { field: 'changes.name', reason: 'must not be empty' },
    ]);
  });
});

describe('an item row', () => {
  it('reads as the API gives it: camelCase, times in ISO 8601 UTC', () => {
    const created = new Date('2026-01-02T03:04:05.678Z');
    expect(
      toItem({
        id: '__name__-01',
        name: 'Example',
        status: 'RETIRED',
        region_code: '520300',
        quantity: 4,
        note: null,
        version: 2,
        created_at: created,
        updated_at: '2026-01-03T03:04:05.678Z',
      }),
    ).toEqual({
      id: '__name__-01',
      name: 'Example',
      status: 'RETIRED',
      regionCode: '520300',
      quantity: 4,
      note: null,
      version: 2,
      createdAt: '2026-01-02T03:04:05.678Z',
      updatedAt: '2026-01-03T03:04:05.678Z',
    });
  });
});
