import { type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { unauthenticated } from './errors.ts';

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
/** Short-lived: a captured header is useless soon after. */
const IDENTITY_TTL_SECONDS = 60;

function keyOf(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('The subgraph signing secret must be at least 32 characters');
  return new TextEncoder().encode(secret);
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

/** The gateway's side: claims → a signed, short-lived header value. */
export async function signIdentity(claims: Claims, secret: string): Promise<string> {
  return new SignJWT({
    role: claims.role,
    enterpriseId: claims.enterpriseId,
    platformIds: claims.platformIds,
    scope: claims.scopes.join(' '),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId ?? '')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${IDENTITY_TTL_SECONDS}s`)
    .sign(keyOf(secret));
}

/** A subgraph's side: refuses a missing, forged or stale header with UNAUTHENTICATED. */
export async function verifyIdentity(header: string | undefined, secret: string): Promise<Claims> {
  if (!header) {
    throw unauthenticated('This subgraph answers only requests signed by the gateway; send the query to the gateway');
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(header, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    }));
  } catch {
    throw unauthenticated("The gateway's signature on this request is invalid or expired");
  }
  const claims = claimsFromPayload(payload);
  return { ...claims, userId: claims.userId || null };
}

/** Contact details and similar are for callers who signed in, whatever their role. */
export function isSignedIn(claims: Claims): boolean {
  return claims.role !== Role.PUBLIC;
}
