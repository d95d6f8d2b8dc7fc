import { requireSecret, wholeNumberSetting } from '@gzequip/kit/edge';
import {
  type CostBudgets,
  DEFAULT_COST_BUDGETS,
  DEFAULT_HEAVY_OPERATIONS,
  type HeavyOperations,
} from './plugins/costLimit.ts';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './plugins/documentLimits.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './plugins/rateLimit.ts';

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** How often the supergraph file is looked at for a new one to serve; 0: never (restart to roll out). */
  supergraphPollMs: number;
  /** Signs the identity header the subgraphs check. */
  subgraphSigningSecret: string;
  jwt: { secret?: string; jwksUrl?: string; issuer: string; audience: string };
  /** `INSTRUMENTS_URL=...` overrides the URL composed into the supergraph. */
  subgraphUrls: Record<string, string>;
  /** Each gateway → subgraph call. */
  subgraphTimeoutMs: number;
  /** Identical subgraph reads in flight for the same caller identity share one call. */
  deduplicateSubgraphFetches: boolean;
  /** A whole request, all its subgraph calls included. */
  requestTimeoutMs: number;
  maxRequestBytes: number;
  maxHeaderBytes: number;
  /** Subgraph answer bytes one request may receive in all. */
  maxResponseBytes: number;
  operationLimits: OperationLimits;
  costBudgets: CostBudgets;
  /** Operations above a cost run a few at a time. */
  heavyOperations: HeavyOperations;
  /** Requests a minute per caller. */
  rateLimits: RateLimits;
  /** 0 turns the response cache off. */
  responseCacheTtlSeconds: number;
  /** Persisted-query manifests; when any is given, only their operations may run. */
  safelistManifests: string[];
  /** Web origins whose pages may call the graph from a browser (the portal's); none by default. */
  corsOrigins: string[];
  redisUrl?: string;
  /** Namespaces every key the gateway keeps in Redis. */
  redisPrefix: string;
  /** Production hides schema details (introspection, field suggestions) from clients. */
  production: boolean;
  introspection: boolean;
  /** GraphiQL at `GET /`: on in development, off in production unless GRAPHIQL=true. */
  graphiql: boolean;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the caller's address. */
  trustProxy: boolean | number | string;
  /** When set, `/metrics` asks for `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** How long the gateway reports not-ready, still serving, before it stops taking connections at shutdown. */
  shutdownDrainMs: number;
  /** How long requests in flight may take to finish at shutdown. */
  shutdownGraceMs: number;
}

/** Who issues callers' tokens, and for whom, unless JWT_ISSUER and JWT_AUDIENCE say otherwise. */
export const DEFAULT_JWT_ISSUER = 'gzequip';
export const DEFAULT_JWT_AUDIENCE = 'gzequip-graph';

const DEFAULT_SUPERGRAPH = new URL('../../schema/supergraph.graphql', import.meta.url).pathname;
const MiB = 1024 * 1024;

/** `https://portal.example,http://127.0.0.1:4100`: each an origin (scheme, host, port), nothing more. */
function corsOriginsOf(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => {
      let parsed: URL;
      try {
        parsed = new URL(origin);
      } catch {
        throw new Error(`CORS_ORIGINS: ${origin} is not an origin such as https://portal.example`);
      }
      if (parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
        throw new Error(
          `CORS_ORIGINS: ${origin} is not an origin such as https://portal.example (no path, no slash at the end)`,
        );
      }
      return origin;
    });
}

/** `NAME=key=value,key=value` over defaults, refusing unknown keys and values that are not whole numbers. */
function numbersByKey<T extends object>(env: NodeJS.ProcessEnv, name: string, defaults: T): T {
  const raw = env[name];
  const result = { ...defaults };
  if (!raw) return result;
  for (const pair of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [key, value] = pair.split('=').map((part) => part.trim());
    if (!key || !(key in defaults)) {
      throw new Error(`${name}: unknown key ${JSON.stringify(key)}; known are ${Object.keys(defaults).join(', ')}`);
    }
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0)
      throw new Error(`${name}: ${key} must be a positive whole number, got ${value}`);
    (result as Record<string, number>)[key] = number;
  }
  return result;
}

function trustProxyOf(raw: string | undefined): boolean | number | string {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** Reads the gateway's settings from the environment; refuses to start on unusable ones. */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const jwksUrl = env.JWT_JWKS_URL || undefined;
  const secret = jwksUrl ? undefined : requireSecret('JWT_SECRET', env);
  const subgraphUrls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^([A-Z][A-Z0-9]*)_URL$/.exec(name);
    if (match && value && !name.endsWith('_DATABASE_URL') && name !== 'REDIS_URL' && name !== 'JWT_JWKS_URL') {
      subgraphUrls[(match[1] as string).toLowerCase()] = value;
    }
  }
  const production = env.NODE_ENV === 'production';
  return {
    port: wholeNumberSetting(env, 'PORT', 4000),
    host: env.HOST || '127.0.0.1',
    supergraphPath: env.SUPERGRAPH_PATH || DEFAULT_SUPERGRAPH,
    supergraphPollMs: wholeNumberSetting(env, 'SUPERGRAPH_POLL_MS', 2_000),
    subgraphSigningSecret: requireSecret('SUBGRAPH_SIGNING_SECRET', env),
    jwt: {
      ...(secret ? { secret } : {}),
      ...(jwksUrl ? { jwksUrl } : {}),
      issuer: env.JWT_ISSUER || DEFAULT_JWT_ISSUER,
      audience: env.JWT_AUDIENCE || DEFAULT_JWT_AUDIENCE,
    },
    subgraphUrls,
    subgraphTimeoutMs: wholeNumberSetting(env, 'SUBGRAPH_TIMEOUT_MS', 3_000),
    deduplicateSubgraphFetches: env.SUBGRAPH_DEDUPLICATION !== 'false',
    requestTimeoutMs: wholeNumberSetting(env, 'REQUEST_TIMEOUT_MS', 10_000),
    maxRequestBytes: wholeNumberSetting(env, 'MAX_REQUEST_BYTES', MiB),
    maxHeaderBytes: wholeNumberSetting(env, 'MAX_HEADER_BYTES', 16 * 1024),
    maxResponseBytes: wholeNumberSetting(env, 'MAX_RESPONSE_BYTES', 8 * MiB),
    operationLimits: numbersByKey(env, 'OPERATION_LIMITS', DEFAULT_OPERATION_LIMITS),
    costBudgets: numbersByKey(env, 'COST_BUDGETS', DEFAULT_COST_BUDGETS),
    heavyOperations: numbersByKey(env, 'HEAVY_OPERATIONS', DEFAULT_HEAVY_OPERATIONS),
    rateLimits: numbersByKey(env, 'RATE_LIMITS', DEFAULT_RATE_LIMITS),
    responseCacheTtlSeconds: wholeNumberSetting(env, 'RESPONSE_CACHE_TTL_SECONDS', 0),
    safelistManifests: (env.PERSISTED_QUERY_SAFELIST ?? '')
      .split(',')
      .map((path) => path.trim())
      .filter(Boolean),
    corsOrigins: corsOriginsOf(env.CORS_ORIGINS),
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    redisPrefix: env.REDIS_PREFIX || 'gzequip:',
    production,
    introspection: !production || env.INTROSPECTION === 'true',
    graphiql: !production || env.GRAPHIQL === 'true',
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
    shutdownDrainMs: wholeNumberSetting(env, 'SHUTDOWN_DRAIN_MS', 0),
    shutdownGraceMs: wholeNumberSetting(env, 'SHUTDOWN_GRACE_MS', 10_000),
  };
}
