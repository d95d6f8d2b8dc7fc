import {
  type Claims,
  claimsFromPayload,
  ErrorCode,
  PUBLIC_CLAIMS,
  sendGraphQLError,
  unauthenticated,
} from '@gzequip/kit/edge';
import type express from 'express';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { GatewayConfig } from './config.ts';

export type Authenticate = (authorization: string | undefined) => Promise<Claims>;

/**
 * Bearer JWT → claims. No token means the public role; a token that is malformed, forged,
 * expired or for another audience is refused with 401 rather than silently treated as public.
 */
export function createAuthenticator(jwt: GatewayConfig['jwt'], development = false): Authenticate {
  const key: Uint8Array | JWTVerifyGetKey = jwt.jwksUrl
    ? createRemoteJWKSet(new URL(jwt.jwksUrl))
    : new TextEncoder().encode(jwt.secret);
  const algorithms = jwt.jwksUrl ? ['RS256', 'ES256', 'EdDSA'] : ['HS256'];

  return async (authorization) => {
    if (!authorization) return PUBLIC_CLAIMS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(match[1] as string, key as Uint8Array, {
        issuer: jwt.issuer,
        audience: jwt.audience,
        algorithms,
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      const reason = code === 'ERR_JWT_EXPIRED' ? 'has expired' : 'is not valid';
      // The usual cause in development: a token from `dev-token` run against another data folder.
      const hint =
        development && !jwt.jwksUrl && code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
          ? ' (it was signed with another secret: dev-token signs with the secret of the data folder it runs in, DATA_DIR — mint one with the same DATA_DIR as this start)'
          : '';
      throw unauthenticated(`The bearer token ${reason}; sign in again or send no token for public access${hint}`);
    }
    return claimsFromPayload(payload);
  };
}

/** The caller's claims, established before anything else looks at the request. */
export function claimsOf(res: express.Response): Claims {
  return (res.locals.claims as Claims | undefined) ?? PUBLIC_CLAIMS;
}

/** Verifies the bearer token once per request, before rate limits and GraphQL; 401 when it is bad. */
export function useAuthentication(authenticate: Authenticate): express.RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.claims = await authenticate(req.header('authorization'));
      next();
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === ErrorCode.UNAUTHENTICATED) {
        res.setHeader('www-authenticate', 'Bearer');
        sendGraphQLError(res, 401, error.message, ErrorCode.UNAUTHENTICATED);
        return;
      }
      next(error);
    }
  };
}
