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

const CHECK = `mutation Run($staleAfterDays: Int) {
  runIntegrityCheck(staleAfterDays: $staleAfterDays) {
    id danglingCount staleAfterDays checkedBy
    sources { source entity records references dangling staleRecords missingFields { field records } }
    dangling(first: 50) {
      totalCount
      edges { node { source entity recordId field targetType targetKey } }
    }
  }
}`;

interface CheckAnswer {
  runIntegrityCheck: {
    id: string;
    danglingCount: number;
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
  };
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
  let baseline: CheckAnswer['runIntegrityCheck'];

  beforeAll(async () => {
    admin = await token({ role: 'ADMIN', sub: 'integrity-admin' });
    const { data, errors } = await gatewayQuery<CheckAnswer>(CHECK, {}, { bearer: admin });
    expect(errors).toBeUndefined();
    baseline = (data as CheckAnswer).runIntegrityCheck;
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
    expect(baseline.danglingCount).toBe(0);
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
    const { data, errors } = await gatewayQuery<CheckAnswer>(CHECK, {}, { bearer: admin });
    expect(errors).toBeUndefined();
    const check = (data as CheckAnswer).runIntegrityCheck;
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
      const { errors } = await gatewayQuery(CHECK, {}, bearer ? { bearer } : {});
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const list = await gatewayQuery('{ integrityChecks { totalCount } }', {}, bearer ? { bearer } : {});
      expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await checkCount()).toBe(before);
  });

  it('refuses a staleness outside 1–3650 days, keeping nothing', async () => {
    const before = await checkCount();
    for (const staleAfterDays of [0, -5, 3651]) {
      const { errors } = await gatewayQuery(CHECK, { staleAfterDays }, { bearer: admin });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'staleAfterDays' });
    }
    expect(await checkCount()).toBe(before);
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

    it('fails the check as SUBGRAPH_UNAVAILABLE and keeps nothing', async () => {
      const before = await checkCount();
      const body = JSON.stringify({ query: CHECK });
      const answer = await post<CheckAnswer>(server.url, body, {
        [IDENTITY_HEADER]: signIdentity(
          { userId: 'integrity-admin', role: 'ADMIN', enterpriseId: null, platformIds: [], scopes: [] },
          SIGNING_SECRET,
          body,
        ),
      });
      expect(answer.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(answer.errors?.[0]?.message).toMatch(/could not be read through the gateway/);
      expect(await checkCount()).toBe(before);
    });
  });
});
