/**
 * Browsers: the portal's origin (CORS_ORIGINS) may call the graph from its pages, preflight
 * included, with GraphiQL on; any other origin's page gets no permission to read the answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestGateways, type Started, testGateway } from '../../support/edge.ts';

const PORTAL = 'http://127.0.0.1:4100';
let started: Started;

beforeAll(async () => {
  started = await testGateway({ corsOrigins: [PORTAL], graphiql: true });
});

afterAll(closeTestGateways);

const preflight = (origin: string, headers = 'authorization,content-type') =>
  fetch(started.gateway.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });

describe('calls from a browser', () => {
  it('lets the portal send its requests with a token, preflight first', async () => {
    const response = await preflight(PORTAL);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-request-id');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');

    const answer = await fetch(started.gateway.url, {
      method: 'POST',
      headers: { origin: PORTAL, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ regions { code } }' }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(answer.headers.get('access-control-expose-headers')).toBe('x-request-id,x-cache');
  });

  it('gives another origin no permission, preflight or not', async () => {
    const response = await preflight('https://elsewhere.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await fetch(started.gateway.url, {
      method: 'POST',
      headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ regions { code } }' }),
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});
