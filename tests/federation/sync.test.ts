/**
 * A partner system mirrors the instrument catalogue by polling the graph: everything changed
 * since the last updatedAt it saw, and everything removed since the last removedAt. Between two
 * polls records are changed (through the graph and behind its back), removed and added: the
 * second poll sees each exactly once, and the mirror ends equal to the source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, gatewayQuery, removeScratchInstrument, scratchInstrument, token } from '../support/federation.ts';

interface Mirrored {
  id: string;
  feeText: string | null;
  status: string;
  updatedAt: string;
}

interface Mirror {
  records: Map<string, Mirrored>;
  lastUpdatedAt: string;
  lastRemovedAt: string;
}

const CHANGES = `query ($since: String!, $after: String) {
  instruments(first: 50, after: $after, filter: { updatedSince: $since }) {
    edges { node { id feeText status updatedAt } } pageInfo { hasNextPage endCursor } } }`;
const REMOVALS = `query ($since: String!, $after: String) {
  instrumentRemovals(since: $since, first: 50, after: $after) {
    edges { node { recordId removedAt } } pageInfo { hasNextPage endCursor } } }`;

interface PollResult {
  changed: string[];
  removed: string[];
}

let bearer: string;

/** One poll, as a partner runs it: follow the cursors to the end of both lists, then apply. */
async function poll(mirror: Mirror): Promise<PollResult> {
  const changed: Mirrored[] = [];
  const removed: { recordId: string; removedAt: string }[] = [];
  for (const [query, since, sink] of [
    [CHANGES, mirror.lastUpdatedAt, changed],
    [REMOVALS, mirror.lastRemovedAt, removed],
  ] as const) {
    let after: string | null = null;
    for (;;) {
      const result: Awaited<ReturnType<typeof gatewayQuery>> = await gatewayQuery(query, { since, after }, { bearer });
      expect(result.errors).toBeUndefined();
      const list = Object.values(result.data ?? {})[0] as {
        edges: { node: never }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
      (sink as unknown[]).push(...list.edges.map((edge) => edge.node));
      if (!list.pageInfo.hasNextPage) break;
      after = list.pageInfo.endCursor;
    }
  }
  for (const record of changed) {
    mirror.records.set(record.id, record);
    if (record.updatedAt > mirror.lastUpdatedAt) mirror.lastUpdatedAt = record.updatedAt;
  }
  for (const removal of removed) {
    mirror.records.delete(removal.recordId);
    if (removal.removedAt > mirror.lastRemovedAt) mirror.lastRemovedAt = removal.removedAt;
  }
  return { changed: changed.map((record) => record.id), removed: removed.map((removal) => removal.recordId) };
}

async function sourceRecords(): Promise<Map<string, Omit<Mirrored, 'updatedAt'>>> {
  const rows = (await (await database('instruments')).table('instrument').whereNot('sharing_mode', 'NOT_SHARED')) as {
    id: string;
    fee_text: string | null;
    status: string;
  }[];
  return new Map(rows.map((row) => [row.id, { id: row.id, feeText: row.fee_text, status: row.status }]));
}

function withoutTimes(records: Map<string, Mirrored>): Map<string, Omit<Mirrored, 'updatedAt'>> {
  return new Map([...records].map(([id, { updatedAt: _updatedAt, ...record }]) => [id, record]));
}

const SCRATCH = ['zz-sync-changed-through-graph', 'zz-sync-changed-behind', 'zz-sync-removed', 'zz-sync-added'];

describe('a partner mirror', () => {
  const mirror: Mirror = {
    records: new Map(),
    lastUpdatedAt: '2000-01-01T00:00:00.000Z',
    lastRemovedAt: '2000-01-01T00:00:00.000Z',
  };

  beforeAll(async () => {
    bearer = await token({ role: 'PARTNER', sub: 'mirror' });
    for (const id of SCRATCH.slice(0, 3)) await scratchInstrument(id, { sharing_mode: 'EXTERNAL' });
  });

  afterAll(async () => {
    for (const id of SCRATCH) await removeScratchInstrument(id);
  });

  it('sees every add, change and removal between two polls exactly once', async () => {
    await poll(mirror);
    expect(withoutTimes(mirror.records)).toEqual(await sourceRecords());

    const [throughGraph, behind, removed, added] = SCRATCH as [string, string, string, string];
    const admin = await token({ role: 'ADMIN' });
    const update = await gatewayQuery(
      'mutation ($id: ID!) { updateInstrumentOperations(id: $id, version: 1, input: { feeText: "改经图谱" }) { version } }',
      { id: throughGraph },
      { bearer: admin },
    );
    expect(update.errors).toBeUndefined();
    const db = await database('instruments');
    await db.table('instrument').where({ id: behind }).update({ status: 'AWAITING_REPAIR' });
    await db.table('instrument').where({ id: removed }).del();
    await scratchInstrument(added, { sharing_mode: 'EXTERNAL' });

    const second = await poll(mirror);
    expect(second.changed.sort()).toEqual([added, behind, throughGraph].sort());
    expect(second.removed).toEqual([removed]);
    expect(withoutTimes(mirror.records)).toEqual(await sourceRecords());

    const third = await poll(mirror);
    expect(third).toEqual({ changed: [], removed: [] });
  });

  it.skipIf(!process.env.INSTRUMENTS_DATABASE_URL)(
    'misses nothing committed late: a change in an open transaction waits, and what came after it waits with it',
    async () => {
      await poll(mirror);
      const db = await database('instruments');
      const [early, late] = SCRATCH.slice(0, 2) as [string, string];
      const open = await db.knex.transaction();
      try {
        // Begun first, committed last: its rows carry a time before the other change's.
        await open.raw('update instruments.instrument set fee_text = ? where id = ?', ['先开始后提交', early]);
        await new Promise((resolve) => setTimeout(resolve, 20));
        await db.table('instrument').where({ id: late }).update({ fee_text: '后开始先提交' });

        const whileOpen = await poll(mirror);
        expect(whileOpen.changed).toEqual([]);
        await open.commit();
      } catch (error) {
        await open.rollback();
        throw error;
      }
      const afterCommit = await poll(mirror);
      expect(afterCommit.changed.sort()).toEqual([early, late].sort());
      expect(withoutTimes(mirror.records)).toEqual(await sourceRecords());
    },
  );
});
