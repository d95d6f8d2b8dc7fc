import { describe, expect, it } from 'vitest';
import { changedColumns } from '../src/writes.ts';

describe('changedColumns', () => {
  it('takes a bigint read as a string (node-postgres) for the number it is', () => {
    const stored = { budget_max_fen: '150000000', quantity: 3 };
    expect(changedColumns(stored, { budget_max_fen: 150_000_000, quantity: 3 })).toEqual({});
    expect(changedColumns(stored, { budget_max_fen: 150_000_001 })).toEqual({ budget_max_fen: 150_000_001 });
  });

  it('still sees text that only looks like a number change', () => {
    expect(changedColumns({ code: '0520' }, { code: '520' })).toEqual({ code: '520' });
    expect(changedColumns({ name: '' }, { name: 0 })).toEqual({ name: 0 });
  });

  it('compares jsonb regardless of key order, and leaves out what is undefined', () => {
    expect(changedColumns({ rule: { a: 1, b: [1, 2] } }, { rule: { b: [1, 2], a: 1 }, other: undefined })).toEqual({});
  });
});
