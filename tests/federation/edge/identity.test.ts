/**
 * The identity header a subgraph trusts, captured on the wire from an administrator's request,
 * buys an attacker nothing: it is good for that one body, once, for seconds.
 */
import { randomUUID } from 'node:crypto';
import {
  createRedis,
  IDENTITY_HEADER,
  PUBLIC_CLAIMS,
  type RedisClient,
  RedisReplayStore,
  type ReplayStore,
  type RunningServer,
  serveSubgraph,
  signIdentity,
} from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphs } from '../../../scripts/lib/devEnvironment.ts';
import { closeTestGateways, proxy, type Started, send, testGateway, type WireProxy } from '../../support/edge.ts';
import { database, instrumentRow, REDIS_PREFIX, SIGNING_SECRET, subgraphUrl, token } from '../../support/federation.ts';

const STEAL = '{ instruments(first: 500, filter: { sharingMode: NOT_SHARED }) { edges { node { id contactPhone } } } }';

describe('a captured identity header', () => {
  let wire: WireProxy;
  let started: Started;
  let captured: { header: string; body: string };

  beforeAll(async () => {
    wire = await proxy(await subgraphUrl('instruments'));
    started = await testGateway({}, { instruments: wire.url });
    const hidden = await instrumentRow<{ id: string }>({ sharing_mode: 'NOT_SHARED' });
    const admin = await send(
      started.gateway.url,
      { query: 'query ($id: ID!) { instrument(id: $id) { id contactPhone } }', variables: { id: hidden.id } },
      { authorization: `Bearer ${await token({ role: 'ADMIN' })}` },
    );
    expect(admin.json.data?.instrument).toMatchObject({ id: hidden.id });
    const request = wire.recorded.at(-1);
    captured = { header: String(request?.headers[IDENTITY_HEADER]), body: String(request?.body) };
    expect(captured.header.split('.')).toHaveLength(3);
  });

  afterAll(async () => {
    await closeTestGateways();
    await wire.close();
  });

  it('is refused with another query', async () => {
    const replay = await send(
      await subgraphUrl('instruments'),
      { query: STEAL },
      { [IDENTITY_HEADER]: captured.header },
    );
    expect(replay.status).toBe(401);
    expect(replay.json.errors?.[0]).toMatchObject({
      message: "The gateway's signature was made for another request body",
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(replay.json.data ?? null).toBeNull();
    expect(replay.text).not.toContain('contactPhone":"');
  });

  it('is refused when sent a second time, even with the very same body', async () => {
    const replay = await send(await subgraphUrl('instruments'), captured.body, { [IDENTITY_HEADER]: captured.header });
    expect(replay.status).toBe(401);
    expect(replay.json.errors?.[0]?.message).toBe("The gateway's signature on this request has already been used");
  });

  it('lives seconds: it expires ten seconds after it was signed', () => {
    const payload = JSON.parse(Buffer.from(captured.header.split('.')[1] as string, 'base64url').toString()) as {
      iat: number;
      exp: number;
      jti: string;
      bodyDigest: string;
    };
    expect(payload.exp - payload.iat).toBe(10);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.bodyDigest).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('carries nothing of the client: no client header is forwarded to the subgraph', async () => {
    await send(
      started.gateway.url,
      { query: '{ instruments(first: 1) { totalCount } }' },
      {
        cookie: 'session=secret',
        'x-forwarded-for': '10.0.0.1',
        [IDENTITY_HEADER]: 'forged',
      },
    );
    const forwarded = wire.recorded.at(-1)?.headers ?? {};
    expect(forwarded.cookie).toBeUndefined();
    expect(forwarded['x-forwarded-for']).toBeUndefined();
    expect(forwarded[IDENTITY_HEADER]).not.toBe('forged');
    expect(forwarded['x-request-id']).toEqual(expect.any(String));
  });
});

/**
 * A subgraph run as two replicas (two servers here, as two processes would be, each with its
 * own store or its own Redis client): a header one has accepted must not be good at the other.
 */
describe('a header sent to two replicas of one subgraph', () => {
  const servers: RunningServer[] = [];
  const clients: RedisClient[] = [];

  afterAll(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(clients.splice(0).map((client) => client.quit().catch(() => {})));
  });

  async function replica(replays?: ReplayStore): Promise<string> {
    const enterprises = subgraphs.find(({ name }) => name === 'enterprises');
    if (!enterprises) throw new Error('no enterprises subgraph');
    const server = await serveSubgraph(enterprises, {
      db: await database('enterprises'),
      signingSecret: SIGNING_SECRET,
      port: 0,
      ...(replays ? { replays } : {}),
    });
    servers.push(server);
    return server.url;
  }

  function redisStore(url: string): RedisReplayStore {
    const client = createRedis(url, { maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    clients.push(client);
    return new RedisReplayStore(client, { prefix: REDIS_PREFIX });
  }

  const signed = () => {
    const body = JSON.stringify({ query: `{ regions { code } } # ${randomUUID()}` });
    return { body, headers: { [IDENTITY_HEADER]: signIdentity(PUBLIC_CLAIMS, SIGNING_SECRET, body) } };
  };

  it('is served by both when each keeps its own ids in memory: why replicas share a store', async () => {
    const [one, two] = [await replica(), await replica()];
    const { body, headers } = signed();
    expect((await send(one, body, headers)).status).toBe(200);
    const elsewhere = await send(two, body, headers);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.json.data?.regions).toHaveLength(10);
    // Each still refuses its own second use.
    expect((await send(one, body, headers)).status).toBe(401);
  });

  it.skipIf(!process.env.REDIS_URL)('is refused by the second when both share Redis', async () => {
    const url = process.env.REDIS_URL as string;
    const [one, two] = [await replica(redisStore(url)), await replica(redisStore(url))];
    const { body, headers } = signed();
    const served = await send(one, body, headers);
    expect(served.status).toBe(200);
    expect(served.json.data?.regions).toHaveLength(10);
    const replayed = await send(two, body, headers);
    expect(replayed.status).toBe(401);
    expect(replayed.json.errors?.[0]).toMatchObject({
      message: "The gateway's signature on this request has already been used",
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(replayed.json.data ?? null).toBeNull();
  });

  it('is refused, as a source that cannot serve, when the shared store does not answer', async () => {
    // Nothing listens on port 9 here (the discard port): Redis is down.
    const down = await replica(redisStore('redis://127.0.0.1:9'));
    const { body, headers } = signed();
    const refused = await send(down, body, headers);
    expect(refused.status).toBe(503);
    expect(refused.json.errors?.[0]?.extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      reason: 'replay_store_unavailable',
    });
    expect(refused.json.data ?? null).toBeNull();
  });
});
