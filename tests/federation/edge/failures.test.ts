/**
 * When a source is down or slow, the gateway answers with everything the other sources have,
 * and one error whose path names the field that is missing — never the source's address. Every
 * request has a deadline and a response-size cap; `/ready` says which sources answer; shutting
 * down lets requests in flight finish.
 */
import { type RunningServer, serveSubgraph } from '@gzequip/kit';
import { afterAll, describe, expect, it } from 'vitest';
import { subgraphs as definitions } from '../../../scripts/lib/devEnvironment.ts';
import {
  closeTestGateways,
  metric,
  proxy,
  SHOWCASE,
  send,
  showcaseRows,
  testGateway,
  type WireProxy,
} from '../../support/edge.ts';
import { database, SIGNING_SECRET, subgraphUrl } from '../../support/federation.ts';

/** A second server of a real subgraph over the same database, for a test to stop. */
async function stoppableSubgraph(name: string): Promise<RunningServer> {
  const definition = definitions.find((subgraph) => subgraph.name === name);
  if (!definition) throw new Error(`No subgraph ${name}`);
  return serveSubgraph(definition, { db: await database(name), signingSecret: SIGNING_SECRET, port: 0 });
}

const proxies: WireProxy[] = [];
afterAll(async () => {
  await closeTestGateways();
  for (const wire of proxies) await wire.close();
});

describe('a source that is down', () => {
  it('with assessments stopped, the showcase query still returns instruments, owners and platforms, and one error naming the assessment field', async () => {
    const assessments = await stoppableSubgraph('assessments');
    const { gateway, logs } = await testGateway({}, { assessments: assessments.url });
    expect(showcaseRows(await send(gateway.url, { query: SHOWCASE }))[0]?.platform?.latestAssessment).toBeTruthy();
    await assessments.close();

    const response = await send(gateway.url, { query: SHOWCASE });
    expect(response.status).toBe(200);
    const rows = showcaseRows(response);
    expect(rows).toHaveLength(50);
    expect(rows.every((row) => row.name && row.owner?.name && row.owner.creditCode)).toBe(true);
    expect(rows.filter((row) => row.platform?.name).length).toBeGreaterThan(25);
    expect(rows.every((row) => (row.platform?.latestAssessment ?? null) === null)).toBe(true);

    expect(response.json.errors).toHaveLength(1);
    const [error] = response.json.errors ?? [];
    expect(error?.path?.[0]).toBe('instruments');
    expect(error?.path?.at(-1)).toBe('latestAssessment');
    expect(error?.path?.slice(0, 5)).toEqual(['instruments', 'edges', expect.any(Number), 'node', 'platform']);
    expect(error?.extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      subgraph: 'assessments',
      reason: 'unreachable',
    });
    expect(error?.message).toMatch(/The assessments source is unavailable \(connection refused\)/);
    expect(response.text).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\/|ECONNREFUSED|serviceName|stacktrace/);

    const ready = await (await fetch(gateway.url.replace(/graphql$/, 'ready'))).json();
    expect(ready).toEqual({
      status: 'degraded',
      subgraphs: Object.fromEntries(
        definitions.map(({ name }) => [name, name === 'assessments' ? 'unavailable' : 'ok']),
      ),
    });
    expect(logs.some((line) => line.msg === 'subgraph unreachable' && line.subgraph === 'assessments')).toBe(true);
  });

  it.each(['instruments', 'enterprises', 'platforms', 'assessments', 'planning'])(
    'with %s down, every other source still answers its part of one query',
    async (down) => {
      const { gateway } = await testGateway({}, { [down]: 'http://127.0.0.1:9/graphql' });
      const response = await send(gateway.url, {
        query: `{
          instruments(first: 3) { edges { node { name region { name } owner { name } platform { name assessments { year } } } } }
          enterprises(first: 3) { edges { node { name instruments(first: 2) { totalCount } platforms { totalCount } } } }
          platforms(first: 3) { edges { node { name operator { name } latestAssessment { grade } } } }
          assessments(first: 3) { edges { node { year platform { name } } } }
          zones(first: 3) { edges { node { name region { name } quota(metal: CADMIUM) { remaining } } } }
          regions { name zones { totalCount } }
        }`,
      });
      expect(response.status).toBe(200);
      const data = response.json.data as Record<string, unknown>;
      expect(data).toBeTruthy();
      const roots: Record<string, string[]> = {
        instruments: ['instruments'],
        enterprises: ['enterprises', 'regions'],
        platforms: ['platforms'],
        assessments: ['assessments'],
        planning: ['zones'],
      };
      for (const [source, fields] of Object.entries(roots)) {
        for (const field of fields) {
          if (source === down) expect(data[field]).toBeNull();
          else expect(data[field]).not.toBeNull();
        }
      }
      expect(response.json.errors?.length).toBeGreaterThan(0);
      for (const error of response.json.errors ?? []) {
        expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: down });
        expect(error.path?.length).toBeGreaterThan(0);
      }
    },
  );
});

describe('a source that is slow', () => {
  it('is cut off at the subgraph timeout; the rest of the answer comes in time', async () => {
    const slow = await proxy(await subgraphUrl('assessments'), 2_000);
    proxies.push(slow);
    const { gateway } = await testGateway({ subgraphTimeoutMs: 300 }, { assessments: slow.url });
    const began = performance.now();
    const response = await send(gateway.url, { query: SHOWCASE });
    expect(performance.now() - began).toBeLessThan(1_500);
    expect(showcaseRows(response).filter((row) => row.owner?.name)).toHaveLength(50);
    expect(response.json.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'timeout' });
    expect(response.json.errors?.[0]?.message).toMatch(/did not answer within 300 ms/);
    expect(await metric(gateway, 'gateway_subgraph_fetch_duration_seconds_count', { outcome: 'timeout' })).toBe(1);
  });

  it('cannot hold a request past its execution limit', async () => {
    const slow = await proxy(await subgraphUrl('platforms'), 2_000);
    proxies.push(slow);
    const { gateway } = await testGateway({ subgraphTimeoutMs: 5_000, requestTimeoutMs: 400 }, { platforms: slow.url });
    const began = performance.now();
    const response = await send(gateway.url, { query: SHOWCASE });
    expect(performance.now() - began).toBeLessThan(1_500);
    expect(showcaseRows(response)).toHaveLength(50);
    expect(response.json.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'executionMs',
      max: 400,
    });
  });
});

describe('response size', () => {
  it('is capped per request: an answer over the cap is cut off with the limit named', async () => {
    const { gateway } = await testGateway({ maxResponseBytes: 20_000 });
    const small = await send(gateway.url, { query: '{ instruments(first: 5) { edges { node { name } } } }' });
    expect(small.json.errors).toBeUndefined();
    const large = await send(gateway.url, {
      query: '{ instruments(first: 500) { edges { node { name technicalIndicators mainFunctions serviceContent } } } }',
    });
    expect(large.json.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'responseBytes',
      max: 20_000,
    });
    expect(large.json.data?.instruments ?? null).toBeNull();
  });
});

describe('shutting down', () => {
  it('lets a request in flight finish, then stops taking new ones', async () => {
    const slow = await proxy(await subgraphUrl('enterprises'), 600);
    proxies.push(slow);
    const { gateway } = await testGateway({}, { enterprises: slow.url });
    const inFlight = send(gateway.url, { query: SHOWCASE });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const closing = gateway.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.json.errors).toBeUndefined();
    expect(showcaseRows(response).every((row) => row.owner?.name)).toBe(true);
    const began = performance.now();
    await closing;
    // Idle keep-alive connections do not hold the shutdown up.
    expect(performance.now() - began).toBeLessThan(1_000);
    await expect(send(gateway.url, { query: SHOWCASE })).rejects.toThrow();
  });
});
