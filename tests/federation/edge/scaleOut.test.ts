/**
 * Scale-out: two gateway processes behind a TCP load balancer, and two processes of the
 * instruments subgraph behind another, all sharing Redis and the instruments database. Persisted
 * queries, rate limits and the response cache hold across the gateways; and while one replica of
 * each is stopped (SIGTERM, as Kubernetes does) and started again under load, no request fails.
 *
 * Needs PostgreSQL and Redis: two processes cannot share one embedded database, and without
 * Redis each gateway keeps its own state. CI runs it on both.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/lib/federationProcess.ts';
import { type RawResponse, send } from '../../support/edge.ts';
import { federation, JWT_SECRET, REDIS_PREFIX, SIGNING_SECRET, token } from '../../support/federation.ts';
import { type TcpBalancer, tcpBalancer } from '../../support/tcpBalancer.ts';

const GATEWAY_MAIN = fileURLToPath(new URL('../../../gateway/src/main.ts', import.meta.url));
const INSTRUMENTS_MAIN = fileURLToPath(new URL('../../../subgraphs/instruments/src/main.ts', import.meta.url));
/** Longer than Node's 5 s keep-alive: every connection is either used (and closed) or expired by its client. */
const DRAIN_MS = 5_500;
const ANONYMOUS_LIMIT = 5;
const databaseUrl = process.env.INSTRUMENTS_DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const prefix = `${REDIS_PREFIX}scale-out:`;

/** Instruments with their owners: every request crosses the balanced subgraph and another one. */
const LOAD_QUERY = '{ instruments(first: 5) { edges { node { id name owner { name } } } } }';

interface Service {
  port: number;
  child: ChildProcess;
  start(): Promise<void>;
  /** SIGTERM, then waits for the process to end: it drains, finishes what it has, and exits. */
  stop(): Promise<number | null>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not so after ${timeoutMs} ms`);
    await wait(50);
  }
}

function service(port: number, launch: () => ChildProcess): Service {
  const entry: Service = {
    port,
    child: undefined as unknown as ChildProcess,
    async start() {
      const child = launch();
      entry.child = child;
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      let exited = false;
      child.once('exit', () => {
        exited = true;
      });
      await until(async () => {
        if (exited) throw new Error(`process on port ${port} exited while starting: ${stderr}`);
        try {
          return (await fetch(`http://127.0.0.1:${port}/ready`)).ok;
        } catch {
          return false;
        }
      });
    },
    stop() {
      const { child } = entry;
      if (child.exitCode !== null) return Promise.resolve(child.exitCode);
      return new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      });
    },
  };
  return entry;
}

describe.skipIf(!databaseUrl || !redisUrl)('two gateways and two subgraph replicas behind load balancers', () => {
  const gateways: Service[] = [];
  const replicas: Service[] = [];
  let gatewayBalancer: TcpBalancer;
  let instrumentsBalancer: TcpBalancer;

  beforeAll(async () => {
    const { subgraphs } = await federation();
    const common = { PATH: process.env.PATH, LOG_LEVEL: 'silent', SUBGRAPH_SIGNING_SECRET: SIGNING_SECRET };
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      replicas.push(
        service(port, () =>
          spawn(process.execPath, ['--import', 'tsx', INSTRUMENTS_MAIN], {
            env: {
              ...common,
              HOST: '127.0.0.1',
              INSTRUMENTS_PORT: String(port),
              INSTRUMENTS_DATABASE_URL: databaseUrl,
              // The test federation migrated the database; a replica only checks it is current.
              MIGRATE_ON_START: 'false',
              REDIS_URL: redisUrl,
              REDIS_PREFIX: prefix,
              SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
            },
            stdio: ['ignore', 'ignore', 'pipe'],
          }),
        ),
      );
    }
    await Promise.all(replicas.map((replica) => replica.start()));
    instrumentsBalancer = await tcpBalancer(
      replicas.map((replica) => replica.port),
      '/ready',
    );

    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      gateways.push(
        service(port, () =>
          fork(GATEWAY_MAIN, [], {
            env: {
              ...common,
              NODE_ENV: 'production',
              PORT: String(port),
              JWT_SECRET,
              REDIS_URL: redisUrl,
              REDIS_PREFIX: prefix,
              RATE_LIMITS: `anonymous=${ANONYMOUS_LIMIT}`,
              RESPONSE_CACHE_TTL_SECONDS: '60',
              SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
              ...Object.fromEntries(
                Object.entries(subgraphs).map(([name, { server }]) => [`${name.toUpperCase()}_URL`, server.url]),
              ),
              INSTRUMENTS_URL: instrumentsBalancer.url('/graphql'),
            },
            execArgv: ['--import', 'tsx'],
            stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
          }),
        ),
      );
    }
    await Promise.all(gateways.map((gateway) => gateway.start()));
    gatewayBalancer = await tcpBalancer(
      gateways.map((gateway) => gateway.port),
      '/ready',
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all([...gateways, ...replicas].map((each) => each.child?.kill('SIGKILL')));
    await gatewayBalancer?.close();
    await instrumentsBalancer?.close();
  });

  const gatewayUrl = (index: number) => `http://127.0.0.1:${gateways[index]?.port}/graphql`;
  const userHeaders = async (sub: string) => ({
    authorization: `Bearer ${await token({ role: 'ENTERPRISE_USER', enterpriseId: 'ent-001', sub })}`,
  });

  it('shares persisted queries: a query registered on one gateway runs by its hash on the other', async () => {
    const query = '{ instruments(first: 2) { edges { node { name } } } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const headers = await userHeaders('apq-user');
    const unknown = await send(gatewayUrl(1), { extensions }, headers);
    expect(unknown.json.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    expect((await send(gatewayUrl(0), { query, extensions }, headers)).json.errors).toBeUndefined();
    const byHash = await send(gatewayUrl(1), { extensions }, headers);
    expect(byHash.json.errors).toBeUndefined();
    expect(byHash.json.data?.instruments).toMatchObject({ edges: [{ node: {} }, { node: {} }] });
  });

  it('shares the response cache: what one gateway stored, the other serves', async () => {
    const query = { query: '{ instruments(first: 3) { edges { node { name owner { name } } } } }' };
    const headers = await userHeaders('cache-user');
    expect((await send(gatewayUrl(0), query, headers)).headers.get('x-cache')).toBe('MISS');
    const fromOther = await send(gatewayUrl(1), query, headers);
    expect(fromOther.headers.get('x-cache')).toBe('HIT');
    expect(fromOther.json.errors).toBeUndefined();
  });

  it('shares rate limits: an anonymous caller has one allowance across both gateways', async () => {
    const query = { query: '{ regions { code } }' };
    for (let i = 0; i < ANONYMOUS_LIMIT; i++) {
      expect((await send(gatewayUrl(i % 2), query)).status).toBe(200);
    }
    expect((await send(gatewayUrl(1), query)).status).toBe(429);
    expect((await send(gatewayUrl(0), query)).status).toBe(429);
  });

  it('loses no request while one gateway and one subgraph replica are stopped and started again under load', async () => {
    let stopped = false;
    let sent = 0;
    const failures: string[] = [];
    const worker = async (n: number) => {
      while (!stopped) {
        // A new caller each time: no answer comes from the cache or is rate limited, so every
        // request reaches the instruments replicas.
        const headers = await userHeaders(`load-${n}-${sent++}`);
        let response: RawResponse;
        try {
          response = await send(gatewayBalancer.url('/graphql'), { query: LOAD_QUERY }, headers);
        } catch (error) {
          failures.push(`no answer: ${(error as Error).message} ${(error as { cause?: Error }).cause?.message ?? ''}`);
          continue;
        }
        const edges = (response.json.data?.instruments as { edges: { node: { owner: unknown } }[] } | undefined)?.edges;
        if (
          response.status !== 200 ||
          response.json.errors ||
          edges?.length !== 5 ||
          edges.some((e) => !e.node.owner)
        ) {
          failures.push(`${response.status} ${response.text.slice(0, 300)}`);
        }
      }
    };
    const load = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    await wait(1_000);

    // Each is carrying traffic when it is stopped: the balancers spread the first connections.
    const [gateway, replica] = [gateways[0] as Service, replicas[0] as Service];
    const [gatewayBackend, replicaBackend] = [gatewayBalancer.backends[0], instrumentsBalancer.backends[0]];
    expect(gatewayBackend?.connections).toBeGreaterThan(0);
    expect(await gateway.stop()).toBe(0);
    await gateway.start();
    await until(() => gatewayBackend?.ready === true, 10_000);

    expect(replicaBackend?.connections).toBeGreaterThan(0);
    expect(await replica.stop()).toBe(0);
    await replica.start();
    await until(() => replicaBackend?.ready === true, 10_000);
    await wait(1_000);
    stopped = true;
    await load;

    console.info(`scale-out under load: ${sent} requests, ${failures.length} failed`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(100);
  }, 120_000);
});
