/**
 * Requests per minute per caller: a partner system by its key, a signed-in user by their id, an
 * anonymous caller by IP address. Counted in Redis when configured, so every gateway replica
 * draws on the same allowance; if Redis stops answering, each replica falls back to counting in
 * its own memory rather than refusing or waving everyone through. Over the limit: 429 with
 * Retry-After and a GraphQL error saying when to come back.
 */
import { type Claims, ErrorCode, type RedisClient, Role, sendGraphQLError } from '@gzequip/kit/edge';
import type express from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export type CallerClass = 'anonymous' | 'user' | 'partner';

export type RateLimits = Record<CallerClass, number>;

export const DEFAULT_RATE_LIMITS: RateLimits = { anonymous: 300, user: 1_200, partner: 6_000 };

const WINDOW_SECONDS = 60;

export interface RateLimitOptions {
  limits: RateLimits;
  redis?: RedisClient;
  /** Namespaces the counters (deployments or test runs sharing one Redis). */
  keyPrefix: string;
  claimsOf: (res: express.Response) => Claims;
  onLimited?: (caller: CallerClass) => void;
}

function callerOf(claims: Claims, req: express.Request): { kind: CallerClass; key: string } {
  if (claims.role === Role.PUBLIC) return { kind: 'anonymous', key: `ip:${req.ip}` };
  const who = claims.userId ?? `${claims.role}:${claims.enterpriseId ?? ''}`;
  return claims.role === Role.PARTNER
    ? { kind: 'partner', key: `partner:${who}` }
    : { kind: 'user', key: `user:${who}` };
}

export function useRateLimit({
  limits,
  redis,
  keyPrefix,
  claimsOf,
  onLimited,
}: RateLimitOptions): express.RequestHandler {
  const limiters = Object.fromEntries(
    (Object.keys(limits) as CallerClass[]).map((kind) => {
      const options = { keyPrefix: `${keyPrefix}rl:${kind}`, points: limits[kind], duration: WINDOW_SECONDS };
      const memory = new RateLimiterMemory(options);
      return [
        kind,
        redis
          ? new RateLimiterRedis({
              ...options,
              storeClient: redis,
              insuranceLimiter: memory,
              rejectIfRedisNotReady: true,
            })
          : memory,
      ];
    }),
  ) as Record<CallerClass, RateLimiterMemory | RateLimiterRedis>;

  return async (req, res, next) => {
    const { kind, key } = callerOf(claimsOf(res), req);
    const limit = limits[kind];
    res.setHeader('ratelimit-limit', String(limit));
    try {
      const state = await limiters[kind].consume(key);
      res.setHeader('ratelimit-remaining', String(state.remainingPoints));
      res.setHeader('ratelimit-reset', String(Math.ceil(state.msBeforeNext / 1000)));
      next();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        next(rejection);
        return;
      }
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      onLimited?.(kind);
      res.setHeader('retry-after', String(retryAfter));
      res.setHeader('ratelimit-remaining', '0');
      res.setHeader('ratelimit-reset', String(retryAfter));
      sendGraphQLError(
        res,
        429,
        `Too many requests: ${limit} a minute are allowed for ${kind} callers; try again in ${retryAfter} s`,
        ErrorCode.RATE_LIMITED,
        { retryAfterSeconds: retryAfter },
      );
    }
  };
}
