/**
 * A safelisted deployment (the portal's, a partner's) runs only the operations in its
 * persisted-query manifests, sent by id or as their exact text; anything else is refused
 * before it is parsed, and no new operation can be registered.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestGateways, metric, type Started, send, testGateway } from '../../support/edge.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const LISTED = 'query PortalRegions { regions { code name } }';
const PARTNER = 'query PartnerInstruments($first: Int!) { instruments(first: $first) { totalCount } }';

function manifest(...bodies: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gzequip-manifest-')), 'manifest.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: bodies.map((body) => ({
        id: sha256(body),
        name: /(query|mutation) (\w+)/.exec(body)?.[2],
        type: 'query',
        body,
      })),
    }),
  );
  return file;
}

describe('a safelisted deployment', () => {
  let started: Started;
  beforeAll(async () => {
    started = await testGateway({ safelistManifests: [manifest(LISTED), manifest(PARTNER)] });
  });
  afterAll(closeTestGateways);

  it('runs a listed operation sent by id, from any of its manifests', async () => {
    const byId = await send(started.gateway.url, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(LISTED) } },
    });
    expect(byId.status).toBe(200);
    expect(byId.json.data?.regions).toHaveLength(10);
    const byDocumentId = await send(started.gateway.url, {
      documentId: `sha256:${sha256(PARTNER)}`,
      variables: { first: 1 },
    });
    expect(byDocumentId.json.data?.instruments).toMatchObject({ totalCount: expect.any(Number) });
  });

  it('runs a listed operation sent as its exact text', async () => {
    const byText = await send(started.gateway.url, { query: LISTED });
    expect(byText.json.data?.regions).toHaveLength(10);
  });

  it('refuses an operation that is not listed, by text or by id, and registers nothing', async () => {
    const unknown = '{ instruments(first: 500) { edges { node { id contactPhone } } } }';
    const byText = await send(started.gateway.url, { query: unknown });
    expect(byText.status).toBe(400);
    expect(byText.json.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(byText.json.data ?? null).toBeNull();

    const register = await send(started.gateway.url, {
      query: unknown,
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(unknown) } },
    });
    expect(register.json.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    const byId = await send(started.gateway.url, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(unknown) } },
    });
    expect(byId.status).toBe(400);
    expect(byId.json.errors?.[0]?.message).toMatch(/is not in this deployment's persisted-query manifests/);
    // A listed query with a whitespace change is another operation.
    expect((await send(started.gateway.url, { query: `${LISTED} ` })).json.errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_IN_LIST',
    );
    expect(
      await metric(started.gateway, 'gateway_rejected_operations_total', { limit: 'safelist' }),
    ).toBeGreaterThanOrEqual(4);
  });

  it('refuses GET, which would carry operations in the address', async () => {
    const response = await fetch(`${started.gateway.url}?query=${encodeURIComponent(LISTED)}`);
    expect(response.status).toBe(405);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'BAD_REQUEST',
    );
  });

  it('refuses to start on a manifest whose ids are not the hashes of their bodies', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gzequip-manifest-')), 'tampered.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [
          { id: sha256(LISTED), name: 'PortalRegions', type: 'query', body: '{ instruments { totalCount } }' },
        ],
      }),
    );
    await expect(testGateway({ safelistManifests: [file] })).rejects.toThrow(/hashes to/);
  });
});
