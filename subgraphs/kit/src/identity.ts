import { createHash, createHmac, createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { type JWTPayload, jwtVerify } from 'jose';
import { ErrorCode, unauthenticated } from './errors.ts';

/** Who is asking. The gateway derives it from the caller's bearer token; subgraphs only read it. */
export const Role = {
  PUBLIC: 'PUBLIC',
  ENTERPRISE_USER: 'ENTERPRISE_USER',
  PLATFORM_OPERATOR: 'PLATFORM_OPERATOR',
  ASSESSOR: 'ASSESSOR',
  ADMIN: 'ADMIN',
  PARTNER: 'PARTNER',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
const roles = new Set<string>(Object.values(Role));

export interface Claims {
  userId: string | null;
  role: Role;
  /** The enterprise an enterprise user or platform operator acts for. */
  enterpriseId: string | null;
  /** The platforms a platform operator runs. */
  platformIds: string[];
  scopes: string[];
}

export const PUBLIC_CLAIMS: Readonly<Claims> = Object.freeze({
  userId: null,
  role: Role.PUBLIC,
  enterpriseId: null,
  platformIds: [],
  scopes: [],
});

/** The header in which the gateway passes claims to subgraphs. */
export const IDENTITY_HEADER = 'x-gateway-identity';
const ISSUER = 'gzequip-gateway';
const AUDIENCE = 'gzequip-subgraphs';
/**
 * Seconds a header lives. It is also bound to one request body and usable once, so a captured
 * header buys nothing: this only bounds how long a subgraph must remember the ids it has seen.
 */
export const IDENTITY_TTL_SECONDS = 10;

const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');
const keys = new Map<string, KeyObject>();

/** The HMAC key for a secret, imported once rather than on every signature. */
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    if (secret.length < 32) throw new Error('The subgraph signing secret must be at least 32 characters');
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/** Reads a secret from the environment, refusing to run without a usable one. */
export function requireSecret(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value || value.length < 32) {
    throw new Error(
      `${name} must be set to a secret of at least 32 characters (pnpm start generates one for development)`,
    );
  }
  return value;
}

/** The digest a header is bound to: SHA-256 of the exact bytes of the request body, base64url. */
export function bodyDigest(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

/**
 * Turns a verified token payload into claims; throws UNAUTHENTICATED when the token's shape
 * is not one this graph issues rights for (unknown role, wrong types).
 */
export function claimsFromPayload(payload: JWTPayload): Claims {
  const role = payload.role;
  if (typeof role !== 'string' || !roles.has(role)) {
    throw unauthenticated(`The token's role ${JSON.stringify(role)} is not one of ${[...roles].join(', ')}`);
  }
  const enterpriseId = payload.enterpriseId ?? null;
  const platformIds = payload.platformIds ?? [];
  const scope = payload.scope ?? '';
  if (enterpriseId !== null && typeof enterpriseId !== 'string') throw unauthenticated('enterpriseId must be a string');
  if (!Array.isArray(platformIds) || platformIds.some((id) => typeof id !== 'string')) {
    throw unauthenticated('platformIds must be a list of strings');
  }
  if (typeof scope !== 'string') throw unauthenticated('scope must be a space-separated string');
  return {
    userId: payload.sub ?? null,
    role: role as Role,
    enterpriseId,
    platformIds: platformIds as string[],
    scopes: scope.split(' ').filter(Boolean),
  };
}

/**
 * The gateway's side: claims → a signed header value for one subgraph request. It carries the
 * digest of that request's body and a unique id, so it is good for that body, once, for seconds.
 */
export function signIdentity(claims: Claims, secret: string, body: string | Uint8Array): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const payload = {
    role: claims.role,
    enterpriseId: claims.enterpriseId,
    platformIds: claims.platformIds,
    scope: claims.scopes.join(' '),
    bodyDigest: bodyDigest(body),
    sub: claims.userId ?? '',
    iss: ISSUER,
    aud: AUDIENCE,
    jti: randomUUID(),
    iat: issuedAt,
    exp: issuedAt + IDENTITY_TTL_SECONDS,
  };
  // An HS256 JWT, signed here with node:crypto: jose signs through WebCrypto, which cost ~9% of
  // the gateway's CPU at one signature per subgraph call. Subgraphs verify with jose.
  const signingInput = `${JWT_HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signingInput}.${createHmac('sha256', keyOf(secret)).update(signingInput).digest('base64url')}`;
}

/**
 * Where a subgraph remembers the ids of the headers it has accepted, so that each is accepted
 * once. Replicas of a subgraph that share a store (Redis, see redis.ts) refuse a header that any
 * of them has already accepted; each with its own memory only one it has seen itself.
 */
export interface ReplayStore {
  /**
   * Resolves true the first time an id is offered, false on every later offer within its
   * lifetime; rejects when the store cannot tell (then the request is refused: see verifyIdentity).
   */
  firstUse(id: string): Promise<boolean>;
}

/**
 * One process's memory. Two generations of ids: an id is kept between one and two lifetimes.
 * Replicas of one subgraph each keep their own, so a header one replica accepted is still good
 * at another: use a shared store where a subgraph runs more than once.
 */
export class MemoryReplayStore implements ReplayStore {
  private current = new Set<string>();
  private previous = new Set<string>();
  private rotatedAt = Date.now();

  constructor(private readonly lifetimeMs = IDENTITY_TTL_SECONDS * 1000) {}

  async firstUse(id: string): Promise<boolean> {
    const now = Date.now();
    if (now - this.rotatedAt >= this.lifetimeMs) {
      this.previous = now - this.rotatedAt >= 2 * this.lifetimeMs ? new Set() : this.current;
      this.current = new Set();
      this.rotatedAt = now;
    }
    if (this.current.has(id) || this.previous.has(id)) return false;
    this.current.add(id);
    return true;
  }
}

export interface IdentityCheck {
  /** `bodyDigest` of the body the request arrived with. */
  bodyDigest: string;
  replays: ReplayStore;
}

/**
 * A subgraph's side: refuses, with UNAUTHENTICATED, a header that is missing, forged, stale,
 * signed for another body, or already used.
 */
export async function verifyIdentity(
  header: string | undefined,
  secret: string,
  check: IdentityCheck,
): Promise<Claims> {
  if (!header) {
    throw unauthenticated('This subgraph answers only requests signed by the gateway; send the query to the gateway');
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(header, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['jti', 'exp', 'bodyDigest'],
    }));
  } catch {
    throw unauthenticated("The gateway's signature on this request is invalid or expired");
  }
  if (payload.bodyDigest !== check.bodyDigest) {
    throw unauthenticated("The gateway's signature was made for another request body");
  }
  let firstUse: boolean;
  try {
    firstUse = await check.replays.firstUse(payload.jti as string);
  } catch (error) {
    // Fail closed: a header whose first use cannot be checked could be a replay, so it is not
    // served. But the caller did nothing wrong, and a 401 would read as an attack (or a wrong
    // secret) to whoever looks: a 503 says that this source cannot serve now, and the gateway
    // answers its fields as a source that is down (SUBGRAPH_UNAVAILABLE), as it would anyway.
    throw new GraphQLError(
      'This subgraph cannot check its replay store now, so it serves no request; try again shortly',
      {
        originalError: error as Error,
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, reason: 'replay_store_unavailable', http: { status: 503 } },
      },
    );
  }
  if (!firstUse) {
    throw unauthenticated("The gateway's signature on this request has already been used");
  }
  const claims = claimsFromPayload(payload);
  return { ...claims, userId: claims.userId || null };
}

/** Contact details and similar are for callers who signed in, whatever their role. */
export function isSignedIn(claims: Claims): boolean {
  return claims.role !== Role.PUBLIC;
}
