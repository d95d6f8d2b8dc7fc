/**
 * What gateway replicas and subgraph replicas share through Redis works on each topology
 * REDIS_URL can name, against real servers: a master behind a Sentinel, and a Cluster of three
 * masters (where keys used together must share a slot). On each, two gateways share persisted
 * queries, a rate limit and the response cache (its invalidation included), and two servers of
 * one subgraph refuse a header either has accepted.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  createRedis,
  IDENTITY_HEADER,
  PUBLIC_CLAIMS,
  type RedisClient,
  RedisReplayStore,
  type RunningServer,
  serveSubgraph,
  signIdentity,
} from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphs } from '../../../scripts/lib/devEnvironment.ts';
import { closeTestGateways, metric, type Started, send, testGateway } from '../../support/edge.ts';
import {
  database,
  instrumentRow,
  REDIS_PREFIX,
  removeScratchInstrument,
  SIGNING_SECRET,
  scratchInstrument,
  token,
} from '../../support/federation.ts';
import {
  type RedisTopologyProcesses,
  redisServerInstalled,
  startCluster,
  startSentinel,
} from '../../support/redisServers.ts';

/** Reads two sources (instruments and, for the owner, enterprises): two version keys read together. */
const ACROSS = 'query ($id: ID!) { instrument(id: $id) { id feeText version owner { name } } }';
const UPDATE = `mutation ($id: ID!, $version: Int!, $feeText: String) {
  updateInstrumentOperations(id: $id, version: $version, input: { feeText: $feeText }) { version }
}`;
const USER_LIMIT = 3;

const topologies = [
  ['Sentinel', startSentinel],
  ['Cluster', startCluster],
] as const;

describe.skipIf(!redisServerInstalled).each(topologies)('shared through Redis behind a %s', (kind, start) => {
  const id = `zz-redis-${kind.toLowerCase()}`;
  let redis: RedisTopologyProcesses;
  let first: Started;
  let second: Started;
  let ownerToken: string;
  const clients: RedisClient[] = [];
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    redis = await start();
    const settings = {
      redisUrl: redis.url,
      redisPrefix: `${REDIS_PREFIX}${kind}:`,
      responseCacheTtlSeconds: 60,
      rateLimits: { anonymous: 100_000, user: USER_LIMIT, partner: 100_000 },
    };
    [first, second] = await Promise.all([testGateway(settings), testGateway(settings)]);
    const row = await scratchInstrument(id, { fee_text: '原价' });
    ownerToken = await token({ role: 'ENTERPRISE_USER', enterpriseId: row.owner_id as string });
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all(clients.map((client) => client.quit().catch(() => {})));
    await closeTestGateways();
    await removeScratchInstrument(id);
    await redis?.stop();
  });

  it('finds on one gateway a persisted query registered on the other', async () => {
    const query = `{ regions { code } } # ${kind} ${randomUUID()}`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    expect((await send(second.gateway.url, { extensions })).json.errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    expect((await send(first.gateway.url, { query, extensions })).json.data?.regions).toHaveLength(10);
    expect((await send(second.gateway.url, { extensions })).json.data?.regions).toHaveLength(10);
  });

  it('counts a caller against one allowance on both gateways', async () => {
    const caller = { authorization: `Bearer ${await token({ role: 'ENTERPRISE_USER', sub: `user-${randomUUID()}` })}` };
    const query = { query: '{ regions { code } }' };
    for (const started of [first, second, first])
      expect((await send(started.gateway.url, query, caller)).status).toBe(200);
    const limited = await send(second.gateway.url, query, caller);
    expect(limited.status).toBe(429);
    expect(limited.json.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await send(first.gateway.url, query, caller)).status).toBe(429);
  });

  it('answers from the second gateway what the first stored, and a mutation on either ends it on both', async () => {
    const ask = (started: Started) => send(started.gateway.url, { query: ACROSS, variables: { id } });
    const stored = await ask(first);
    expect(stored.headers.get('x-cache')).toBe('MISS');
    const cached = await ask(second);
    expect(cached.headers.get('x-cache')).toBe('HIT');
    expect(cached.json).toEqual(stored.json);

    const { version } = await instrumentRow<{ version: number }>({ id });
    const update = await send(
      second.gateway.url,
      { query: UPDATE, variables: { id, version, feeText: `经由${kind}修改` } },
      { authorization: `Bearer ${ownerToken}` },
    );
    expect(update.json.errors).toBeUndefined();
    const after = await ask(first);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.json.data?.instrument).toMatchObject({ feeText: `经由${kind}修改` });
    // Redis answered every time (a CROSSSLOT refusal would count as an error and serve uncached).
    for (const started of [first, second]) {
      expect(await metric(started.gateway, 'gateway_response_cache_events_total', { event: 'error' })).toBe(0);
    }
    expect(await metric(second.gateway, 'gateway_response_cache_events_total', { event: 'invalidate' })).toBe(1);
  });

  it('refuses at one subgraph server a signed request the other has already served', async () => {
    const enterprises = subgraphs.find(({ name }) => name === 'enterprises');
    if (!enterprises) throw new Error('no enterprises subgraph');
    const db = await database('enterprises');
    for (let i = 0; i < 2; i++) {
      // Each server with its own client, as two processes would have.
      const client = createRedis(redis.url, { maxRetriesPerRequest: 1 });
      clients.push(client);
      const replays = new RedisReplayStore(client, { prefix: `${REDIS_PREFIX}${kind}:` });
      servers.push(await serveSubgraph(enterprises, { db, signingSecret: SIGNING_SECRET, port: 0, replays }));
    }
    const body = JSON.stringify({ query: '{ regions { code } }' });
    const headers = { [IDENTITY_HEADER]: signIdentity(PUBLIC_CLAIMS, SIGNING_SECRET, body) };
    const served = await send(servers[0]?.url as string, body, headers);
    expect(served.status).toBe(200);
    expect(served.json.data?.regions).toHaveLength(10);
    const replayed = await send(servers[1]?.url as string, body, headers);
    expect(replayed.status).toBe(401);
    expect(replayed.json.errors?.[0]?.message).toBe("The gateway's signature on this request has already been used");
  });
});
