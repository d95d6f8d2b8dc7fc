/**
 * The response cache: a repeated query is served from the cache (Redis when REDIS_URL is set,
 * else the gateway's memory) without touching a subgraph; callers who see different data never
 * share an answer; a mutation through the gateway makes what it changed stale at once; identical
 * queries in flight together run once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestGateways, metric, proxy, type Started, send, testGateway } from '../../support/edge.ts';
import {
  countStatements,
  instrumentRow,
  removeScratchInstrument,
  scratchInstrument,
  statementsIn,
  subgraphUrl,
  token,
} from '../../support/federation.ts';

const ID = 'zz-cache-instrument';
const QUERY = 'query ($id: ID!) { instrument(id: $id) { id feeText version owner { name } } }';
const UPDATE = `mutation ($id: ID!, $version: Int!, $feeText: String) {
  updateInstrumentOperations(id: $id, version: $version, input: { feeText: $feeText }) { version }
}`;
const NONE = statementsIn();

describe(`the response cache (${process.env.REDIS_URL ? 'Redis' : 'in memory'})`, () => {
  let started: Started;
  let ownerToken: string;

  beforeAll(async () => {
    const row = await scratchInstrument(ID, { fee_text: '原价' });
    ownerToken = await token({ role: 'ENTERPRISE_USER', enterpriseId: row.owner_id as string });
    started = await testGateway({
      responseCacheTtlSeconds: 60,
      ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
    });
  });

  afterAll(async () => {
    await closeTestGateways();
    await removeScratchInstrument(ID);
  });

  const ask = (headers: Record<string, string> = {}) =>
    send(started.gateway.url, { query: QUERY, variables: { id: ID } }, headers);

  it('serves a repeated public query from the cache, without calling a subgraph', async () => {
    const first = await ask();
    expect(first.headers.get('x-cache')).toBe('MISS');
    let second: Awaited<ReturnType<typeof ask>> | undefined;
    const statements = await countStatements(async () => {
      second = await ask();
    });
    expect(second?.headers.get('x-cache')).toBe('HIT');
    expect(second?.json).toEqual(first.json);
    expect(statements).toEqual(NONE);
    expect(await metric(started.gateway, 'gateway_response_cache_events_total', { event: 'hit' })).toBeGreaterThan(0);
  });

  it('keys answers by what the caller may see: a signed-in caller does not get the public answer', async () => {
    const partner = { authorization: `Bearer ${await token({ role: 'PARTNER', sub: 'partner-1' })}` };
    expect((await ask(partner)).headers.get('x-cache')).toBe('MISS');
    expect((await ask(partner)).headers.get('x-cache')).toBe('HIT');
    const other = { authorization: `Bearer ${await token({ role: 'PARTNER', sub: 'partner-2' })}` };
    expect((await ask(other)).headers.get('x-cache')).toBe('MISS');
  });

  it('treats a mutation through the gateway as the end of every cached answer that read from its source', async () => {
    await ask();
    expect((await ask()).headers.get('x-cache')).toBe('HIT');
    const regions = () => send(started.gateway.url, { query: '{ regions { code name } }' });
    await regions();
    expect((await regions()).headers.get('x-cache')).toBe('HIT');

    const { version } = await instrumentRow<{ version: number }>({ id: ID });
    const update = await send(
      started.gateway.url,
      { query: UPDATE, variables: { id: ID, version, feeText: '新价：每小时300元' } },
      { authorization: `Bearer ${ownerToken}` },
    );
    expect(update.json.errors).toBeUndefined();

    const after = await ask();
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.json.data?.instrument).toMatchObject({ feeText: '新价：每小时300元', version: version + 1 });
    // An answer from the enterprises source alone is still good.
    expect((await regions()).headers.get('x-cache')).toBe('HIT');
    expect(
      await metric(started.gateway, 'gateway_response_cache_events_total', { event: 'invalidate' }),
    ).toBeGreaterThan(0);
  });

  it('never keeps a partial answer', async () => {
    const { gateway } = await testGateway(
      { responseCacheTtlSeconds: 60 },
      { assessments: 'http://127.0.0.1:9/graphql' },
    );
    const query = { query: '{ platforms(first: 3) { edges { node { name latestAssessment { grade } } } } }' };
    expect((await send(gateway.url, query)).json.errors).toHaveLength(1);
    expect((await send(gateway.url, query)).headers.get('x-cache')).toBe('MISS');
  });

  it.skipIf(!process.env.REDIS_URL)(
    'is shared by replicas through Redis: one serves what another stored, a mutation on either ends it on both',
    async () => {
      const replica = await testGateway({ responseCacheTtlSeconds: 60, redisUrl: process.env.REDIS_URL as string });
      await ask();
      const fromReplica = await send(replica.gateway.url, { query: QUERY, variables: { id: ID } });
      expect(fromReplica.headers.get('x-cache')).toBe('HIT');

      const { version } = (fromReplica.json.data?.instrument ?? {}) as { version: number };
      const update = await send(
        replica.gateway.url,
        { query: UPDATE, variables: { id: ID, version, feeText: '经由另一副本修改' } },
        { authorization: `Bearer ${ownerToken}` },
      );
      expect(update.json.errors).toBeUndefined();
      const after = await ask();
      expect(after.headers.get('x-cache')).toBe('MISS');
      expect(after.json.data?.instrument).toMatchObject({ feeText: '经由另一副本修改' });
    },
  );

  it('runs identical queries that arrive together once, among callers with the same claims', async () => {
    // A source slow enough that all ten arrive while the first is still running.
    const slow = await proxy(await subgraphUrl('instruments'), 300);
    const { gateway } = await testGateway({ responseCacheTtlSeconds: 60 }, { instruments: slow.url });
    const query = {
      query: '{ instruments(first: 20, filter: { nameContains: "仪" }) { totalCount edges { node { name } } } }',
    };
    try {
      let answers: Awaited<ReturnType<typeof send>>[] = [];
      const statements = await countStatements(async () => {
        answers = await Promise.all(Array.from({ length: 10 }, () => send(gateway.url, query)));
      });
      expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
      expect(answers.map((answer) => answer.headers.get('x-cache')).sort()).toEqual([
        'MISS',
        ...Array.from({ length: 9 }, () => 'SHARED'),
      ]);
      // The page and its count, once.
      expect(statements.instruments).toBe(2);
      expect(slow.recorded).toHaveLength(1);

      // A caller with other claims runs the query for itself.
      const partner = await send(gateway.url, query, { authorization: `Bearer ${await token({ role: 'PARTNER' })}` });
      expect(partner.headers.get('x-cache')).toBe('MISS');
    } finally {
      await slow.close();
    }
  });
});
