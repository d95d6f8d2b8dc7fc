/**
 * The portal's persisted-query manifest, as its build writes it, run by a gateway in safelist
 * mode (production's): every operation the portal sends is valid against the graph, a query sent
 * by its hash alone is answered, and an operation the portal never sends is refused.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortalIfStale, portalDist } from '../../scripts/lib/portalBuild.ts';
import { closeTestGateways, type Started, send, testGateway } from '../support/edge.ts';

interface Manifest {
  format: string;
  version: number;
  operations: { id: string; name: string; type: string; body: string }[];
}

const MANIFEST = join(portalDist, 'persisted-query-manifest.json');
let manifest: Manifest;
let started: Started;

beforeAll(async () => {
  await buildPortalIfStale();
  manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  started = await testGateway({ safelistManifests: [MANIFEST] });
});

afterAll(closeTestGateways);

describe("the portal's operations under the safelist", () => {
  it('lists every operation the portal sends, named, in Apollo’s manifest format', () => {
    expect(manifest).toMatchObject({ format: 'apollo-persisted-query-manifest', version: 1 });
    expect(manifest.operations.map((operation) => operation.name)).toEqual(
      expect.arrayContaining(['SearchInstruments', 'InstrumentPage', 'RequestBooking', 'ApproveBooking', 'MyBookings']),
    );
  });

  it('are all valid against the graph: none is refused as invalid, only for the variables left out', async () => {
    const refusals: Record<string, string | undefined> = {};
    for (const operation of manifest.operations) {
      const response = await send(started.gateway.url, {
        extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } },
      });
      const errors = (response.json.errors ?? []) as { extensions?: { code?: string } }[];
      refusals[operation.name] = errors[0]?.extensions?.code;
    }
    expect(Object.keys(refusals)).toHaveLength(manifest.operations.length);
    for (const [name, code] of Object.entries(refusals)) {
      expect([undefined, 'BAD_USER_INPUT', 'UNAUTHENTICATED'], name).toContain(code);
    }
  });

  it('answers the search sent by its hash alone', async () => {
    const search = manifest.operations.find((operation) => operation.name === 'SearchInstruments');
    const response = await send(started.gateway.url, {
      variables: { text: '盐雾', first: 3 },
      extensions: { persistedQuery: { version: 1, sha256Hash: search?.id } },
    });
    expect(response.json.errors).toBeUndefined();
    const result = (response.json.data as { searchInstruments: { totalCount: number } }).searchInstruments;
    expect(result.totalCount).toBeGreaterThan(0);
  });

  it('refuses an operation the portal does not send', async () => {
    const response = await send(started.gateway.url, { query: '{ instruments(first: 1) { edges { node { id } } } }' });
    expect(response.status).toBe(400);
    const [error] = (response.json.errors ?? []) as { extensions?: { code?: string } }[];
    expect(error?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });
});
