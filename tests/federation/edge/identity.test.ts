/**
 * The identity header a subgraph trusts, captured on the wire from an administrator's request,
 * buys an attacker nothing: it is good for that one body, once, for seconds.
 */
import { IDENTITY_HEADER } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestGateways, proxy, type Started, send, testGateway, type WireProxy } from '../../support/edge.ts';
import { instrumentRow, subgraphUrl, token } from '../../support/federation.ts';

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
