/**
 * Rate limits per caller — anonymous by address, users by id, partners by key — answered with
 * 429, Retry-After and a GraphQL error; shared by gateway processes through Redis.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/lib/federationProcess.ts';
import { closeTestGateways, metric, send, testGateway } from '../../support/edge.ts';
import { federation, JWT_SECRET, REDIS_PREFIX, SIGNING_SECRET, token } from '../../support/federation.ts';

const QUERY = { query: '{ regions { code } }' };

function expectLimited(response: Awaited<ReturnType<typeof send>>, limit: number): void {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(response.json.errors?.[0]).toMatchObject({
    message: expect.stringContaining(`${limit} a minute are allowed for anonymous callers`),
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
  });
}

describe('rate limits in one gateway', () => {
  afterAll(closeTestGateways);

  it('refuses the anonymous caller over its allowance with 429, and not a signed-in user', async () => {
    const { gateway } = await testGateway({
      rateLimits: { anonymous: 3, user: 100, partner: 100 },
      redisPrefix: `${REDIS_PREFIX}one:`,
    });
    for (let i = 0; i < 3; i++) {
      const allowed = await send(gateway.url, QUERY);
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('ratelimit-remaining')).toBe(String(2 - i));
    }
    expectLimited(await send(gateway.url, QUERY), 3);
    const user = await send(gateway.url, QUERY, {
      authorization: `Bearer ${await token({ role: 'ENTERPRISE_USER', enterpriseId: 'ent-001' })}`,
    });
    expect(user.status).toBe(200);
    expect(await metric(gateway, 'gateway_rate_limited_requests_total', { caller: 'anonymous' })).toBe(1);
  });
});

/** The gateway as its own process, as an operator runs replicas (`gateway/src/main.ts`). */
async function gatewayProcess(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(fileURLToPath(new URL('../../../gateway/src/main.ts', import.meta.url)), [], {
    env,
    execArgv: ['--import', 'tsx'],
    stdio: 'ignore',
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { ready?: string }) => (message.ready ? resolve(message.ready) : undefined));
    child.once('exit', (code) => reject(new Error(`gateway process exited with ${code}`)));
  });
  return { url, child };
}

describe.skipIf(!process.env.REDIS_URL)('rate limits shared by two gateway processes through Redis', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
  });

  it('counts requests to either process against one allowance', async () => {
    const { subgraphs } = await federation();
    const env = async (): Promise<NodeJS.ProcessEnv> => ({
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      PORT: String(await freePort()),
      JWT_SECRET,
      SUBGRAPH_SIGNING_SECRET: SIGNING_SECRET,
      REDIS_URL: process.env.REDIS_URL,
      REDIS_PREFIX: `${REDIS_PREFIX}processes:`,
      RATE_LIMITS: 'anonymous=5',
      ...Object.fromEntries(
        Object.entries(subgraphs).map(([name, { server }]) => [`${name.toUpperCase()}_URL`, server.url]),
      ),
    });
    const [first, second] = await Promise.all([gatewayProcess(await env()), gatewayProcess(await env())]);
    children.push(first.child, second.child);

    for (const url of [first.url, second.url, first.url, second.url, first.url]) {
      expect((await send(url, QUERY)).status).toBe(200);
    }
    expectLimited(await send(second.url, QUERY), 5);
    expectLimited(await send(first.url, QUERY), 5);
  });
});
