import { createHash } from 'node:crypto';
import { type RunningGateway, startGateway } from '@gzequip/gateway';
import { afterAll, describe, expect, it } from 'vitest';
import { federation, gatewayConfig } from '../support/federation.ts';

const QUERY = `{ regions { code name } } # apq ${Date.now()}`;
const HASH = createHash('sha256').update(QUERY).digest('hex');
const extensions = { persistedQuery: { version: 1, sha256Hash: HASH } };

async function send(gateway: RunningGateway, body: object) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { data?: { regions: unknown[] }; errors?: { extensions?: { code?: string } }[] };
}

describe('automatic persisted queries', () => {
  const replicas: RunningGateway[] = [];
  afterAll(async () => {
    for (const replica of replicas) await replica.close();
  });

  async function replica(redisUrl?: string) {
    const { subgraphs } = await federation();
    const gateway = await startGateway({ ...gatewayConfig(subgraphs), ...(redisUrl ? { redisUrl } : {}) });
    replicas.push(gateway);
    return gateway;
  }

  it('answers a registered query by its hash alone', async () => {
    const gateway = await replica(process.env.REDIS_URL);
    expect((await send(gateway, { extensions })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await send(gateway, { query: QUERY, extensions })).data?.regions).toHaveLength(10);
    expect((await send(gateway, { extensions })).data?.regions).toHaveLength(10);
  });

  it.skipIf(!process.env.REDIS_URL)('shares registered queries between gateway replicas through Redis', async () => {
    const first = await replica(process.env.REDIS_URL);
    const second = await replica(process.env.REDIS_URL);
    const query = `{ regions { code } } # shared ${Date.now()}`;
    const shared = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    expect((await send(second, { extensions: shared })).errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    await send(first, { query, extensions: shared });
    expect((await send(second, { extensions: shared })).data?.regions).toHaveLength(10);
  });
});
