/**
 * What operators see: one JSON log line per request (request id, operation, caller, status,
 * duration, each subgraph call), Prometheus figures at /metrics for every edge event, and an
 * unexpected error masked for the client but traceable by its request id to the one log line
 * that has its cause.
 */
import { Database, databaseUrlFor, serveSubgraph } from '@gzequip/kit';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphs as definitions } from '../../../scripts/lib/devEnvironment.ts';
import { closeTestGateways, metric, proxy, SHOWCASE, type Started, send, testGateway } from '../../support/edge.ts';
import { database, SIGNING_SECRET, token } from '../../support/federation.ts';

describe('logs and metrics of the edge events', () => {
  let started: Started;
  beforeAll(async () => {
    started = await testGateway(
      { rateLimits: { anonymous: 1_000, user: 2, partner: 1_000 }, responseCacheTtlSeconds: 60 },
      { assessments: 'http://127.0.0.1:9/graphql' },
    );
  });
  afterAll(closeTestGateways);

  it('logs one line per request, with what an operator needs to follow it', async () => {
    const response = await send(
      started.gateway.url,
      { query: `query Showcase ${SHOWCASE}` },
      { 'x-request-id': 'trace-me-001', authorization: `Bearer ${await token({ role: 'PARTNER', sub: 'partner-7' })}` },
    );
    expect(response.headers.get('x-request-id')).toBe('trace-me-001');
    const line = started.logs.find((entry) => entry.requestId === 'trace-me-001' && entry.msg === 'request');
    expect(line).toMatchObject({
      level: 30,
      operation: 'Showcase',
      operationType: 'query',
      caller: { role: 'PARTNER', userId: 'partner-7' },
      req: { method: 'POST', url: '/graphql' },
      res: { status: 200 },
      errors: ['SUBGRAPH_UNAVAILABLE'],
      ms: expect.any(Number),
    });
    const calls = line?.subgraphs as { subgraph: string; ms: number; outcome: string }[];
    expect(calls.map((call) => call.subgraph).sort()).toEqual([
      'assessments',
      'enterprises',
      'instruments',
      'platforms',
    ]);
    expect(calls.find((call) => call.subgraph === 'assessments')?.outcome).toBe('unreachable');
    expect(calls.every((call) => call.ms >= 0)).toBe(true);
    // An invented request id is replaced, so logs cannot be forged with one.
    const invented = await send(
      started.gateway.url,
      { query: '{ regions { code } }' },
      { 'x-request-id': 'not <a> sane id' },
    );
    expect(invented.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts every edge event at /metrics', async () => {
    const { gateway } = started;
    await send(gateway.url, {
      query: `{ regions { ${Array.from({ length: 40 }, (_, i) => `c${i}: code`).join(' ')} } }`,
    });
    await send(gateway.url, JSON.stringify({ query: '{ regions { code } }', pad: 'x'.repeat(1_100_000) }));
    await send(gateway.url, '{ not json');
    const user = {
      authorization: `Bearer ${await token({ role: 'ENTERPRISE_USER', enterpriseId: 'ent-001', sub: 'u-1' })}`,
    };
    for (let i = 0; i < 3; i++) await send(gateway.url, { query: '{ regions { code } }' }, user);
    await send(gateway.url, { query: '{ enterprises(first: 2) { totalCount } }' });
    await send(gateway.url, { query: '{ enterprises(first: 2) { totalCount } }' });

    expect(await metric(gateway, 'gateway_rejected_operations_total', { limit: 'aliases' })).toBe(1);
    expect(await metric(gateway, 'gateway_rejected_operations_total', { limit: 'requestBytes' })).toBe(1);
    expect(await metric(gateway, 'gateway_errors_total', { code: 'OPERATION_LIMIT_EXCEEDED' })).toBe(1);
    expect(await metric(gateway, 'gateway_errors_total', { code: 'BAD_REQUEST' })).toBe(2);
    expect(await metric(gateway, 'gateway_errors_total', { code: 'SUBGRAPH_UNAVAILABLE' })).toBeGreaterThanOrEqual(1);
    expect(await metric(gateway, 'gateway_rate_limited_requests_total', { caller: 'user' })).toBe(1);
    expect(await metric(gateway, 'gateway_http_requests_total', { route: 'graphql', status: '429' })).toBe(1);
    expect(await metric(gateway, 'gateway_http_requests_total', { route: 'graphql', status: '413' })).toBe(1);
    expect(await metric(gateway, 'gateway_response_cache_events_total', { event: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(
      await metric(gateway, 'gateway_subgraph_fetch_duration_seconds_count', {
        subgraph: 'assessments',
        outcome: 'unreachable',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(await metric(gateway, 'gateway_http_request_duration_seconds_count', { route: 'graphql' })).toBeGreaterThan(
      5,
    );
    expect(await metric(gateway, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('keeps /metrics behind a token when one is configured', async () => {
    const { gateway } = await testGateway({ metricsToken: 'metrics-secret-0123456789' });
    const metricsUrl = gateway.url.replace(/graphql$/, 'metrics');
    expect((await fetch(metricsUrl)).status).toBe(401);
    const allowed = await fetch(metricsUrl, { headers: { authorization: 'Bearer metrics-secret-0123456789' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('gateway_http_requests_total');
  });
});

describe('an unexpected error', () => {
  it('reaches the client masked, with a request id that leads to the one log line holding its cause', async () => {
    // The instruments subgraph over a database where its tables were never created.
    const instruments = definitions.find((definition) => definition.name === 'instruments');
    if (!instruments) throw new Error('no instruments subgraph');
    const broken = await Database.open({ schema: 'instruments_never_migrated', url: databaseUrlFor('instruments') });
    const subgraphLogs: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => subgraphLogs.push(JSON.parse(line)) });
    const server = await serveSubgraph(instruments, { db: broken, signingSecret: SIGNING_SECRET, port: 0, logger });
    try {
      const { gateway, logs } = await testGateway({}, { instruments: server.url });
      const response = await send(gateway.url, { query: '{ instruments(first: 3) { totalCount } regions { code } }' });
      const requestId = response.headers.get('x-request-id');
      expect(response.status).toBe(200);
      expect(response.json.data?.regions).toHaveLength(10);
      const [error] = response.json.errors ?? [];
      expect(error).toMatchObject({
        message: `Internal server error (request id ${requestId})`,
        path: ['instruments'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
      });
      expect(response.text).not.toMatch(/relation|instruments_never_migrated|select/i);

      const withCause = subgraphLogs.filter((line) => line.requestId === requestId && line.msg === 'unexpected error');
      expect(withCause).toHaveLength(1);
      expect(JSON.stringify(withCause[0]?.err)).toMatch(/instruments_never_migrated/);
      // The gateway names it in its request line, and does not log it a second time.
      expect(logs.filter((line) => line.msg === 'unexpected error')).toHaveLength(0);
      expect(logs.find((line) => line.requestId === requestId && line.msg === 'request')).toMatchObject({
        errors: ['INTERNAL_SERVER_ERROR'],
      });
    } finally {
      await server.close();
      await broken.close();
    }
  });

  it('a replayed or forged identity header is logged by the subgraph that refused it', async () => {
    const instruments = definitions.find((definition) => definition.name === 'instruments');
    if (!instruments) throw new Error('no instruments subgraph');
    const subgraphLogs: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => subgraphLogs.push(JSON.parse(line)) });
    const server = await serveSubgraph(instruments, {
      db: await database('instruments'),
      signingSecret: SIGNING_SECRET,
      port: 0,
      logger,
    });
    const wire = await proxy(server.url);
    try {
      const { gateway } = await testGateway({}, { instruments: wire.url });
      await send(gateway.url, { query: '{ instruments(first: 1) { totalCount } }' });
      const captured = wire.recorded.at(-1);
      await send(server.url, String(captured?.body), {
        'x-gateway-identity': String(captured?.headers['x-gateway-identity']),
      });
      expect(subgraphLogs.find((line) => line.msg === 'request refused: no valid gateway signature')).toMatchObject({
        level: 40,
        reason: "The gateway's signature on this request has already been used",
      });
    } finally {
      await wire.close();
      await server.close();
    }
  });
});
