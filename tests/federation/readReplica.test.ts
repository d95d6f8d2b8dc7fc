/**
 * A subgraph with a read replica (`<NAME>_DATABASE_READ_URL`): queries are answered from the
 * replica, mutations from the primary. The "replica" here is the instruments database opened
 * with every transaction read-only, as a PostgreSQL standby is: a statement that writes fails
 * there, so a mutation routed to it would fail, and a query that wrote would too.
 *
 * Needs PostgreSQL (a second connection to one embedded database is not possible); CI runs it.
 */
import { readFileSync } from 'node:fs';
import { type Database, openReadReplica, prepareDatabase, Role, type RunningServer, serveSubgraph } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphs } from '../../scripts/lib/devEnvironment.ts';
import { closeTestGateways, testGateway } from '../support/edge.ts';
import { type GraphQLResponse, post, SIGNING_SECRET, token } from '../support/federation.ts';

const primaryUrl = process.env.INSTRUMENTS_DATABASE_URL;
const instruments = subgraphs.find((subgraph) => subgraph.name === 'instruments');
const ASSET_NUMBER = 'T-REPLICA-1';

/** The same database, every transaction read-only: what a hot standby allows. */
function readOnly(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', '-c default_transaction_read_only=on');
  return parsed.toString();
}

let primary: Database;
let replica: Database;
let server: RunningServer;
let gatewayUrl: string;
let owner: string;

function graph<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  bearer?: string,
): Promise<GraphQLResponse<T>> {
  return post<T>(gatewayUrl, { query, variables }, bearer ? { authorization: `Bearer ${bearer}` } : {});
}

/** The statements the primary and the replica each ran while `work` ran. */
async function statements(work: () => Promise<unknown>): Promise<{ primary: number; replica: number }> {
  const before = { primary: primary.statements.count, replica: replica.statements.count };
  await work();
  return { primary: primary.statements.count - before.primary, replica: replica.statements.count - before.replica };
}

describe.skipIf(!primaryUrl)('a subgraph with a read replica', () => {
  beforeAll(async () => {
    if (!instruments || !primaryUrl) throw new Error('instruments subgraph or its database missing');
    // The test federation has migrated this database; a replica process only checks that.
    await testGateway();
    primary = await prepareDatabase(instruments, { url: primaryUrl, migrate: false });
    replica = await openReadReplica(instruments, readOnly(primaryUrl), primary);
    server = await serveSubgraph(instruments, { db: primary, replica, signingSecret: SIGNING_SECRET, port: 0 });
    ({
      gateway: { url: gatewayUrl },
    } = await testGateway({}, { instruments: server.url }));
    owner = await token({ role: Role.ENTERPRISE_USER, sub: 'replica-lab', enterpriseId: 'ent-025' });
  });

  afterAll(async () => {
    await closeTestGateways();
    await server?.close();
    if (primary) {
      const ids = await primary.table('instrument').where('asset_number', ASSET_NUMBER).pluck('id');
      await primary.table('change_history').where('entity', 'Instrument').whereIn('record_id', ids).del();
      await primary.table('instrument').whereIn('id', ids).del();
    }
    await Promise.all([primary?.close(), replica?.close()]);
  });

  it('the replica refuses writes, as a standby does', async () => {
    await expect(primary.table('instrument').where('id', 'no-such-id').del()).resolves.toBe(0);
    await expect(replica.table('instrument').where('id', 'no-such-id').del()).rejects.toThrow(/read-only transaction/);
  });

  it('answers the catalogue and the search from the replica, none of it from the primary', async () => {
    const catalogue = readFileSync(
      new URL('../../scripts/queries/instrument-catalogue.graphql', import.meta.url),
      'utf8',
    );
    const counts = await statements(async () => {
      const answer = await graph<{ instruments: { totalCount: number; edges: unknown[] } }>(catalogue, { first: 20 });
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.instruments.edges).toHaveLength(20);
      const search = await graph<{ searchInstruments: { totalCount: number } }>(
        '{ searchInstruments(text: "盐雾", first: 5) { totalCount edges { node { id name owner { name } } } } }',
      );
      expect(search.errors).toBeUndefined();
      expect(search.data?.searchInstruments.totalCount).toBeGreaterThan(0);
    });
    expect(counts.replica).toBeGreaterThan(0);
    expect(counts.primary).toBe(0);
  });

  it('stores a mutation on the primary, and the replica serves what was stored', async () => {
    const filed = await statements(async () => {
      const answer = await graph<{ createInstrument: { id: string; reviewStatus: string } }>(
        `mutation ($input: InstrumentRecordInput!) { createInstrument(input: $input) { id reviewStatus } }`,
        {
          input: {
            assetNumber: ASSET_NUMBER,
            name: '中性盐雾试验箱',
            classCode: '100203',
            source: 'PURCHASED',
            originalValue: 36.5,
            country: '中国',
            manufacturer: '上海林频仪器股份有限公司',
            model: 'LRHS-1000-YW',
            startOfUse: '2023-06-01',
            purpose: 'GENERAL',
            technicalIndicators: '试验温度35±1 ℃；工作室容积1000 L。',
            mainFunctions: '金属镀层和涂层的中性盐雾试验。',
            sharingMode: 'EXTERNAL',
            regionCode: '520300',
            industries: ['AUTOMOTIVE'],
          },
        },
        owner,
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.createInstrument.reviewStatus).toBe('DRAFT');
    });
    expect(filed.primary).toBeGreaterThan(0);
    expect(filed.replica).toBe(0);

    const [id] = await primary.table('instrument').where('asset_number', ASSET_NUMBER).pluck('id');
    const read = await statements(async () => {
      const answer = await graph<{ instrument: { id: string; name: string } | null }>(
        'query ($id: ID!) { instrument(id: $id) { id name } }',
        { id },
        owner,
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.instrument).toEqual({ id, name: '中性盐雾试验箱' });
    });
    expect(read).toMatchObject({ primary: 0 });
    expect(read.replica).toBeGreaterThan(0);
  });

  it('is not ready while its replica cannot be reached, and says so', async () => {
    if (!instruments) throw new Error('no instruments subgraph');
    const unreachable = await openReadReplica(instruments, 'postgres://postgres@127.0.0.1:1/nowhere', primary);
    const orphan = await serveSubgraph(instruments, {
      db: primary,
      replica: unreachable,
      signingSecret: SIGNING_SECRET,
      port: 0,
    });
    try {
      const ready = await fetch(new URL('/ready', orphan.url));
      expect(ready.status).toBe(503);
      const live = await fetch(new URL('/health', orphan.url));
      expect(live.status).toBe(200);
    } finally {
      await orphan.close();
      await unreachable.close();
    }
  });
});
