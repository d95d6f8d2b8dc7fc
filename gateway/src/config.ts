import { requireSecret } from '@gzequip/kit';

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** Signs the identity header the subgraphs check. */
  subgraphSigningSecret: string;
  jwt: { secret?: string; jwksUrl?: string; issuer: string; audience: string };
  /** `INSTRUMENTS_URL=...` overrides the URL composed into the supergraph. */
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
  redisUrl?: string;
  introspection: boolean;
}

/** Who issues callers' tokens, and for whom, unless JWT_ISSUER and JWT_AUDIENCE say otherwise. */
export const DEFAULT_JWT_ISSUER = 'gzequip';
export const DEFAULT_JWT_AUDIENCE = 'gzequip-graph';

const DEFAULT_SUPERGRAPH = new URL('../../schema/supergraph.graphql', import.meta.url).pathname;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got ${raw}`);
  return value;
}

/** Reads the gateway's settings from the environment; refuses to start on unusable ones. */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const jwksUrl = env.JWT_JWKS_URL || undefined;
  const secret = jwksUrl ? undefined : requireSecret('JWT_SECRET', env);
  const subgraphUrls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^([A-Z]+)_URL$/.exec(name);
    if (match && value && !name.endsWith('_DATABASE_URL') && name !== 'REDIS_URL' && name !== 'JWT_JWKS_URL') {
      subgraphUrls[(match[1] as string).toLowerCase()] = value;
    }
  }
  return {
    port: integer(env, 'PORT', 4000),
    host: env.HOST || '127.0.0.1',
    supergraphPath: env.SUPERGRAPH_PATH || DEFAULT_SUPERGRAPH,
    subgraphSigningSecret: requireSecret('SUBGRAPH_SIGNING_SECRET', env),
    jwt: {
      ...(secret ? { secret } : {}),
      ...(jwksUrl ? { jwksUrl } : {}),
      issuer: env.JWT_ISSUER || DEFAULT_JWT_ISSUER,
      audience: env.JWT_AUDIENCE || DEFAULT_JWT_AUDIENCE,
    },
    subgraphUrls,
    subgraphTimeoutMs: integer(env, 'SUBGRAPH_TIMEOUT_MS', 10_000),
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    introspection: env.NODE_ENV !== 'production' || env.INTROSPECTION === 'true',
  };
}
