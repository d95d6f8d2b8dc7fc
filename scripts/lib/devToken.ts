/** Development bearer tokens, signed with this checkout's dev secret: what `pnpm dev-token` prints. */
import { SignJWT } from 'jose';
import { devSecrets, JWT_AUDIENCE, JWT_ISSUER } from './devEnvironment.ts';

export interface DevTokenClaims {
  /** One of the kit's roles (ENTERPRISE_USER, PARTNER, …). */
  role: string;
  /** The user id. */
  sub: string;
  /** The enterprise the user acts for. */
  enterpriseId?: string;
  /** Platforms an operator runs. */
  platformIds?: string[];
  /** Scopes, space-separated. */
  scope?: string;
}

/**
 * A token good for the `pnpm start` that uses the same data folder (DATA_DIR) or JWT_SECRET,
 * valid for `ttl` (e.g. 30m, 8h).
 */
export function mintDevToken(claims: DevTokenClaims, ttl = '8h'): Promise<string> {
  return new SignJWT({
    role: claims.role,
    ...(claims.enterpriseId ? { enterpriseId: claims.enterpriseId } : {}),
    platformIds: claims.platformIds ?? [],
    scope: claims.scope ?? '',
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(devSecrets().JWT_SECRET));
}
