import { describe, expect, it } from 'vitest';
import { pageQuery, SOURCE_CHECKS, type SourceCheck, SourceTally } from '../src/models/sourceChecks.ts';

const instruments = SOURCE_CHECKS.find((check) => check.entity === 'Instrument') as SourceCheck;
const staleBefore = new Date('2025-01-01T00:00:00Z');

function node(fields: Record<string, unknown>) {
  return {
    id: 'ins-1',
    updatedAt: '2026-01-01T00:00:00.000Z',
    serviceContent: 'x',
    sharingRules: 'x',
    feeText: 'x',
    address: 'x',
    contactName: 'x',
    contactPhone: 'x',
    owner: { id: 'ent-1', exists: true },
    platform: null,
    region: { code: '520100', exists: true },
    ...fields,
  };
}

describe('a source tally', () => {
  it('counts a reference that resolved as sound, and one whose source answered null as dangling', () => {
    const tally = new SourceTally(instruments, staleBefore);
    tally.add(node({}));
    tally.add(node({ id: 'ins-2', owner: { id: 'ent-gone', exists: null } }));
    expect(tally.records).toBe(2);
    // No platform is no reference: two references each.
    expect(tally.references).toBe(4);
    expect(tally.dangling).toEqual([
      {
        source: 'instruments',
        entity: 'Instrument',
        recordId: 'ins-2',
        field: 'owner',
        targetType: 'Enterprise',
        targetKey: 'ent-gone',
      },
    ]);
  });

  it('counts missing fields (blank text is missing) and records last changed before the cut-off', () => {
    const tally = new SourceTally(instruments, staleBefore);
    tally.add(node({ feeText: null, address: '  ', updatedAt: '2024-12-31T23:59:59.999Z' }));
    tally.add(node({ id: 'ins-2', feeText: null }));
    expect(tally.missing).toMatchObject({ feeText: 2, address: 1, contactPhone: 0 });
    expect(tally.stale).toBe(1);
  });

  it('asks for each reference with its key and the probe, and nothing of the target besides', () => {
    const query = pageQuery(instruments);
    expect(query).toContain('page: instruments(first: $first, after: $after)');
    expect(query).toContain('owner { id exists }');
    expect(query).toContain('region { code exists }');
    expect(query).toContain('pageInfo { hasNextPage endCursor }');
  });
});
