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

describe('browser origins (CORS_ORIGINS)', () => {
  it('reads a list of origins', () => {
    expect(
      gatewayConfigFromEnv({ ...secrets, CORS_ORIGINS: 'https://portal.example, http://127.0.0.1:4100' }).corsOrigins,
    ).toEqual(['https://portal.example', 'http://127.0.0.1:4100']);
  });

  it.each(['portal.example', 'https://portal.example/', 'https://portal.example/app', 'ftp://portal.example', '*'])(
    'refuses %s, naming the setting',
    (origin) => {
      expect(() => gatewayConfigFromEnv({ ...secrets, CORS_ORIGINS: origin })).toThrow(/^CORS_ORIGINS: /);
    },
  );
});

describe('edge settings from the environment', () => {
  it('defaults to limits suited to a public portal', () => {
    const config = gatewayConfigFromEnv(secrets);
    expect(config).toMatchObject({
      maxRequestBytes: 1024 * 1024,
      maxResponseBytes: 8 * 1024 * 1024,
      operationLimits: { depth: 12, aliases: 30, rootFields: 20, directives: 50, tokens: 5000 },
      costBudgets: { PUBLIC: 10_000, ADMIN: 250_000 },
      rateLimits: { anonymous: 300, user: 1200, partner: 6000 },
      responseCacheTtlSeconds: 0,
      safelistManifests: [],
      corsOrigins: [],
      production: false,
      introspection: true,
      graphiql: true,
      trustProxy: false,
    });
  });

  it('overrides single limits, budgets and rates by key, and reads the safelist and production mode', () => {
    const config = gatewayConfigFromEnv({
      ...secrets,
      OPERATION_LIMITS: 'depth=8, aliases=10',
      COST_BUDGETS: 'PUBLIC=2000',
      RATE_LIMITS: 'anonymous=60',
      PERSISTED_QUERY_SAFELIST: 'portal.json, partners.json',
      NODE_ENV: 'production',
      TRUST_PROXY: '1',
    });
    expect(config.operationLimits).toMatchObject({ depth: 8, aliases: 10, rootFields: 20 });
    expect(config.costBudgets).toMatchObject({ PUBLIC: 2000, PARTNER: 250_000 });
    expect(config.rateLimits).toEqual({ anonymous: 60, user: 1200, partner: 6000 });
    expect(config.safelistManifests).toEqual(['portal.json', 'partners.json']);
    expect(config).toMatchObject({ production: true, introspection: false, graphiql: false, trustProxy: 1 });
    expect(gatewayConfigFromEnv({ ...secrets, NODE_ENV: 'production', GRAPHIQL: 'true' }).graphiql).toBe(true);
  });

  it('refuses unknown keys and values that are not positive whole numbers, naming the setting', () => {
    expect(() => gatewayConfigFromEnv({ ...secrets, OPERATION_LIMITS: 'height=3' })).toThrow(
      /OPERATION_LIMITS: unknown key "height"; known are depth, aliases/,
    );
    expect(() => gatewayConfigFromEnv({ ...secrets, COST_BUDGETS: 'PUBLIC=lots' })).toThrow(
      /COST_BUDGETS: PUBLIC must be a positive whole number, got lots/,
    );
    expect(() => gatewayConfigFromEnv({ ...secrets, RATE_LIMITS: 'anonymous=0' })).toThrow(/RATE_LIMITS: anonymous/);
  });
});
