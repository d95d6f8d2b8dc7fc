/**
 * Cross-source integrity: references one source holds to records another source keeps, resolved
 * through the graph by the quality source. Three dangling references are seeded in three sources'
 * databases; the check (and `pnpm integrity`) must list exactly those three.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { IDENTITY_HEADER, type RunningServer, serveSubgraph, signIdentity } from '@gzequip/kit';
import { quality } from '@gzequip/quality';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/devEnvironment.ts';
import {
  database,
  federation,
  gatewayQuery,
  post,
  type Row,
  removeScratchInstrument,
  SIGNING_SECRET,
  scratchInstrument,
  token,
} from '../support/federation.ts';

const run = promisify(execFile);

const START = `mutation Start($staleAfterDays: Int) {
  runIntegrityCheck(staleAfterDays: $staleAfterDays) { id status finishedAt danglingCount sources { source } }
}`;

const FOLLOW = `query Follow($id: ID!) {
  integrityCheck(id: $id) {
    id status failure finishedAt danglingCount staleAfterDays checkedBy
    progress { recordsRead pagesRead updatedAt }
    sources { source entity records references dangling staleRecords missingFields { field records } }
    dangling(first: 50) {
      totalCount
      edges { node { source entity recordId field targetType targetKey } }
    }
  }
}`;

interface Check {
  id: string;
  status: 'RUNNING' | 'FINISHED' | 'FAILED';
  failure: string | null;
  finishedAt: string | null;
  danglingCount: number | null;
  checkedBy: string | null;
  progress: { recordsRead: number; pagesRead: number; updatedAt: string };
  sources: {
    source: string;
    entity: string;
    records: number;
    references: number;
    dangling: number;
    staleRecords: number;
    missingFields: { field: string; records: number }[];
  }[];
  dangling: { totalCount: number; edges: { node: Record<string, string> }[] };
}

/** Polls a check until it has ended. */
async function ended(id: string, bearer: string, url?: string): Promise<Check> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { data, errors } = url
      ? await post<{ integrityCheck: Check }>(
          url,
          { query: FOLLOW, variables: { id } },
          { authorization: `Bearer ${bearer}` },
        )
      : await gatewayQuery<{ integrityCheck: Check }>(FOLLOW, { id }, { bearer });
    expect(errors).toBeUndefined();
    const check = data?.integrityCheck as Check;
    if (check.status !== 'RUNNING') return check;
    if (Date.now() > deadline) throw new Error(`check ${id} still running after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts a check through the gateway and waits for its end. */
async function runCheck(bearer: string, staleAfterDays?: number): Promise<Check> {
  const { data, errors } = await gatewayQuery<{ runIntegrityCheck: Check }>(START, { staleAfterDays }, { bearer });
  expect(errors).toBeUndefined();
  const started = data?.runIntegrityCheck as Check;
  expect(started).toMatchObject({ status: 'RUNNING', finishedAt: null, danglingCount: null, sources: [] });
  return ended(started.id, bearer);
}

/** A copy of a stored row under a new id, without the columns the database generates. */
async function copyRow(subgraph: string, table: string, overrides: Row): Promise<Row> {
  const db = await database(subgraph);
  const generated = (
    await db.raw<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = ? and table_name = ? and is_generated = 'ALWAYS'`,
      [db.schema, table],
    )
  ).map((row) => row.column_name);
  const original = (await db.table(table).orderBy('id').first()) as Row;
  const copy: Row = { ...original, ...overrides };
  for (const column of generated) delete copy[column];
  await db.table(table).insert(copy);
  return copy;
}

async function checkCount(): Promise<number> {
  return Number(
    ((await (await database('quality')).table('integrity_check').count({ n: '*' })) as { n: string }[])[0]?.n,
  );
}

const DANGLING = [
  {
    source: 'instruments',
    entity: 'Instrument',
    recordId: 'ins-integrity-owner',
    field: 'owner',
    targetType: 'Enterprise',
    targetKey: 'ent-nobody-knows',
  },
  {
    source: 'platforms',
    entity: 'Platform',
    recordId: 'plt-integrity-region',
    field: 'region',
    targetType: 'Region',
    targetKey: '529999',
  },
  {
    source: 'assessments',
    entity: 'Assessment',
    recordId: 'asm-integrity-platform',
    field: 'platform',
    targetType: 'Platform',
    targetKey: 'plt-never-was',
  },
];

describe('integrity across sources', () => {
  let admin: string;
  let baseline: Check;

  beforeAll(async () => {
    admin = await token({ role: 'ADMIN', sub: 'integrity-admin' });
    baseline = await runCheck(admin);
    // The seeded dangling references: one per source, each written straight to its own database.
    await scratchInstrument('ins-integrity-owner', { owner_id: 'ent-nobody-knows', fee_text: null });
    // Last changed years ago: the trigger stamps every write with its own time, so it is held off.
    await (await database('instruments')).transaction(async (tx) => {
      await tx.raw('set local session_replication_role = replica');
      await tx.table('instrument').where({ id: 'ins-integrity-owner' }).update({ updated_at: '2020-01-01T00:00:00Z' });
    });
    await copyRow('platforms', 'platform', {
      id: 'plt-integrity-region',
      name: '完整性检查平台',
      region_code: '529999',
    });
    await copyRow('assessments', 'assessment', { id: 'asm-integrity-platform', platform_id: 'plt-never-was' });
  });

  afterAll(async () => {
    await removeScratchInstrument('ins-integrity-owner');
    await (await database('platforms')).table('platform').where({ id: 'plt-integrity-region' }).del();
    await (await database('assessments')).table('assessment').where({ id: 'asm-integrity-platform' }).del();
  });

  it('finds every reference of the demo data resolving, and counts each source', () => {
    expect(baseline).toMatchObject({
      status: 'FINISHED',
      failure: null,
      danglingCount: 0,
      checkedBy: 'integrity-admin',
    });
    const records = baseline.sources.reduce((sum, source) => sum + source.records, 0);
    expect(baseline.progress.recordsRead).toBe(records);
    expect(baseline.progress.pagesRead).toBeGreaterThanOrEqual(baseline.sources.length);
    expect(baseline.sources.map((s) => `${s.source}/${s.entity}`)).toEqual([
      'instruments/Instrument',
      'platforms/Platform',
      'assessments/Assessment',
      'planning/Zone',
      'planning/Plant',
      'enterprises/Enterprise',
    ]);
    for (const source of baseline.sources) expect(source.records).toBeGreaterThan(0);
    const instruments = baseline.sources[0];
    // Every instrument names an owner and a region; some a platform.
    expect(instruments?.references).toBeGreaterThanOrEqual(2 * (instruments?.records ?? 0));
    expect(instruments?.missingFields.map((m) => m.field)).toContain('feeText');
  });

  it('lists exactly the three seeded dangling references, in the sources that hold them', async () => {
    const check = await runCheck(admin);
    expect(check.danglingCount).toBe(3);
    expect(check.dangling.totalCount).toBe(3);
    expect(check.dangling.edges.map((edge) => edge.node)).toEqual(expect.arrayContaining(DANGLING));
    const bySource = Object.fromEntries(check.sources.map((s) => [`${s.source}/${s.entity}`, s]));
    expect(bySource['instruments/Instrument']?.dangling).toBe(1);
    expect(bySource['platforms/Platform']?.dangling).toBe(1);
    expect(bySource['assessments/Assessment']?.dangling).toBe(1);
    expect(bySource['enterprises/Enterprise']?.dangling).toBe(0);
    // The scratch instrument: one more record, one more without a fee, one more stale.
    const before = baseline.sources[0];
    const after = bySource['instruments/Instrument'];
    expect(after?.records).toBe((before?.records ?? 0) + 1);
    expect(after?.staleRecords).toBe((before?.staleRecords ?? 0) + 1);
    const feeless = (s: typeof after) => s?.missingFields.find((m) => m.field === 'feeText')?.records;
    expect(feeless(after)).toBe((feeless(before) ?? 0) + 1);
  });

  it('keeps each check, listed latest first, its findings paged and filtered by source', async () => {
    const { data } = await gatewayQuery<{
      integrityChecks: {
        totalCount: number;
        edges: { node: { id: string; danglingCount: number; dangling: { edges: { node: { recordId: string } }[] } } }[];
      };
    }>(
      `{ integrityChecks(first: 2) { totalCount edges { node { id danglingCount dangling(source: "platforms") { edges { node { recordId } } } } } } }`,
      {},
      { bearer: admin },
    );
    const [latest, earlier] = data?.integrityChecks.edges ?? [];
    expect(data?.integrityChecks.totalCount).toBeGreaterThanOrEqual(2);
    expect(latest?.node.danglingCount).toBe(3);
    expect(latest?.node.dangling.edges.map((e) => e.node.recordId)).toEqual(['plt-integrity-region']);
    expect(earlier?.node.id < (latest?.node.id ?? '')).toBe(true);
  });

  it('`pnpm integrity` prints exactly the three and exits 1', async () => {
    const { gateway } = await federation();
    const failed = await run(
      'node',
      ['--import', 'tsx', 'scripts/integrity.ts', '--url', gateway.url, '--token', admin],
      {
        cwd: repoRoot,
      },
    ).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    const lines = (failed?.stdout ?? '').split('\n').filter((line) => line.includes('which no source keeps'));
    expect(lines).toHaveLength(3);
    for (const reference of DANGLING) {
      expect(
        lines.some((line) =>
          line.includes(
            `${reference.entity} ${reference.recordId} ${reference.field} → ${reference.targetType} ${reference.targetKey}`,
          ),
        ),
      ).toBe(true);
    }
  });

  it('is for administrators only', async () => {
    const before = await checkCount();
    for (const bearer of [undefined, await token({ role: 'ASSESSOR' })]) {
      const { errors } = await gatewayQuery(START, {}, bearer ? { bearer } : {});
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const list = await gatewayQuery('{ integrityChecks { totalCount } }', {}, bearer ? { bearer } : {});
      expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await checkCount()).toBe(before);
  });

  it('refuses a staleness outside 1–3650 days, keeping nothing', async () => {
    const before = await checkCount();
    for (const staleAfterDays of [0, -5, 3651]) {
      const { errors } = await gatewayQuery(START, { staleAfterDays }, { bearer: admin });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'staleAfterDays' });
    }
    expect(await checkCount()).toBe(before);
  });

  it('runs one check at a time: a second start while one runs is a CONFLICT naming it', async () => {
    const answers = await Promise.all(
      [1, 2].map(() => gatewayQuery<{ runIntegrityCheck: Check }>(START, {}, { bearer: admin })),
    );
    const started = answers.filter((answer) => answer.data?.runIntegrityCheck);
    const refused = answers.filter((answer) => answer.errors);
    expect(started).toHaveLength(1);
    const running = started[0]?.data?.runIntegrityCheck as Check;
    expect(refused[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', runningCheckId: running.id });
    expect((await ended(running.id, admin)).status).toBe('FINISHED');
  });

  it('fails a check abandoned mid-way (its process stopped) when the next one starts', async () => {
    const db = await database('quality');
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await db.table('integrity_check').insert({
      id: 'chk-abandoned',
      started_at: longAgo,
      progressed_at: longAgo,
      stale_after_days: 365,
      records_read: 500,
      pages_read: 1,
    });
    expect((await runCheck(admin)).status).toBe('FINISHED');
    const abandoned = await ended('chk-abandoned', admin);
    expect(abandoned).toMatchObject({ status: 'FAILED', danglingCount: null, sources: [] });
    expect(abandoned.failure).toMatch(/abandoned: it made no progress for 5 minutes/);
  });

  describe('when the graph cannot be read', () => {
    let server: RunningServer;
    beforeAll(async () => {
      // A second quality server over the same database, pointed at a gateway that is not there.
      server = await serveSubgraph(quality, {
        db: await database('quality'),
        signingSecret: SIGNING_SECRET,
        port: 0,
        env: { GRAPH_URL: 'http://127.0.0.1:9/graphql', QUALITY_GRAPH_TOKEN: admin },
      });
    });
    afterAll(() => server.close());

    it('fails the check, saying why, and keeps nothing it read', async () => {
      const body = JSON.stringify({ query: START });
      const answer = await post<{ runIntegrityCheck: Check }>(server.url, body, {
        [IDENTITY_HEADER]: signIdentity(
          { userId: 'integrity-admin', role: 'ADMIN', enterpriseId: null, platformIds: [], scopes: [] },
          SIGNING_SECRET,
          body,
        ),
      });
      const id = answer.data?.runIntegrityCheck.id as string;
      const check = await ended(id, admin);
      expect(check).toMatchObject({ status: 'FAILED', danglingCount: null, sources: [] });
      expect(check.failure).toMatch(/could not be read through the gateway/);
      const db = await database('quality');
      expect(await db.table('source_quality').where({ check_id: id })).toEqual([]);
      expect(await db.table('dangling_reference').where({ check_id: id })).toEqual([]);
    });
  });
});
