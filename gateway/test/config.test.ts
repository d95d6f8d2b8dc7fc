import { describe, expect, it } from 'vitest';
import { gatewayConfigFromEnv } from '../src/config.ts';

const secrets = { JWT_SECRET: 'j'.repeat(32), SUBGRAPH_SIGNING_SECRET: 's'.repeat(32) };

describe('gateway settings from the environment', () => {
  it('has sensible defaults: port 4000, the committed supergraph, no Redis', () => {
    const config = gatewayConfigFromEnv(secrets);
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      subgraphUrls: {},
      subgraphTimeoutMs: 3_000,
      requestTimeoutMs: 10_000,
    });
    expect(config.supergraphPath).toMatch(/schema\/supergraph\.graphql$/);
    expect(config.redisUrl).toBeUndefined();
  });

  it('overrides a subgraph URL with <NAME>_URL, and ignores database and other URLs', () => {
    const config = gatewayConfigFromEnv({
      ...secrets,
      INSTRUMENTS_URL: 'http://instruments.internal:4001/graphql',
      INSTRUMENTS_DATABASE_URL: 'postgres://db/instruments',
      REDIS_URL: 'redis://cache:6379',
      JWT_JWKS_URL: '',
    });
    expect(config.subgraphUrls).toEqual({ instruments: 'http://instruments.internal:4001/graphql' });
    expect(config.redisUrl).toBe('redis://cache:6379');
  });

  it('uses a JWKS URL instead of a shared secret when one is given', () => {
    const config = gatewayConfigFromEnv({
      SUBGRAPH_SIGNING_SECRET: secrets.SUBGRAPH_SIGNING_SECRET,
      JWT_JWKS_URL: 'https://id.example/jwks',
    });
    expect(config.jwt).toEqual({ jwksUrl: 'https://id.example/jwks', issuer: 'gzequip', audience: 'gzequip-graph' });
  });

  it('refuses to start without usable secrets or with a bad number', () => {
    expect(() => gatewayConfigFromEnv({ SUBGRAPH_SIGNING_SECRET: secrets.SUBGRAPH_SIGNING_SECRET })).toThrow(
      /JWT_SECRET must be set/,
    );
    expect(() => gatewayConfigFromEnv({ ...secrets, SUBGRAPH_SIGNING_SECRET: 'short' })).toThrow(
      /SUBGRAPH_SIGNING_SECRET must be set to a secret of at least 32 characters/,
    );
    expect(() => gatewayConfigFromEnv({ ...secrets, PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
  });
});
