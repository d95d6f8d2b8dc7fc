/**
 * Prometheus metrics at `/metrics` (prom-client): requests and their latency, errors by code,
 * subgraph calls and their latency by outcome, response-cache events, operations refused by a
 * limit, rate-limited callers, and the process's own figures. One registry per gateway, so that
 * several gateways in one process (tests) keep their counts apart.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@gzequip/kit/edge';
import type express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { FetchRecord } from '../subgraphClient.ts';
import type { CallerClass } from './rateLimit.ts';
import type { CacheEvent } from './responseCache.ts';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class GatewayMetrics {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'gateway_http_requests_total',
    help: 'HTTP requests answered, by route and status',
    labelNames: ['route', 'status'],
    registers: [this.registry],
  });

  private readonly latency = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'Time from request to response, by route',
    labelNames: ['route'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly errors = new Counter({
    name: 'gateway_errors_total',
    help: 'Errors in answers, by code',
    labelNames: ['code'],
    registers: [this.registry],
  });

  private readonly subgraphFetches = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Gateway to subgraph calls, by subgraph and outcome',
    labelNames: ['subgraph', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly cache = new Counter({
    name: 'gateway_response_cache_events_total',
    help: 'Response cache events: hit, miss, shared (one execution answered several callers), store, invalidate, error',
    labelNames: ['event'],
    registers: [this.registry],
  });

  private readonly rejected = new Counter({
    name: 'gateway_rejected_operations_total',
    help: 'Operations refused or cut short by a limit, by limit',
    labelNames: ['limit'],
    registers: [this.registry],
  });

  private readonly rateLimited = new Counter({
    name: 'gateway_rate_limited_requests_total',
    help: 'Requests refused with 429, by kind of caller',
    labelNames: ['caller'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts every error of an answer by code, and limit refusals by limit. */
  countErrors(errors: readonly GraphQLFormattedError[] | undefined): void {
    for (const error of errors ?? []) {
      const code = String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
      this.errors.inc({ code });
      const limit = error.extensions?.limit;
      if (typeof limit === 'string') this.rejected.inc({ limit });
      if (code === ErrorCode.PERSISTED_QUERY_NOT_IN_LIST) this.rejected.inc({ limit: 'safelist' });
    }
  }

  subgraphFetch(record: FetchRecord): void {
    this.subgraphFetches.observe({ subgraph: record.subgraph, outcome: record.outcome }, record.ms / 1000);
  }

  cacheEvent(event: CacheEvent): void {
    this.cache.inc({ event });
  }

  limited(caller: CallerClass): void {
    this.rateLimited.inc({ caller });
  }

  /**
   * Times every request and counts its status; errors the HTTP layer answers with (bad JSON, 413,
   * 429…) are counted from the JSON body, GraphQL's own by `useErrorMetrics`.
   */
  middleware(): express.RequestHandler {
    return (req, res, next) => {
      const stop = this.latency.startTimer();
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        this.countErrors((body as { errors?: GraphQLFormattedError[] } | undefined)?.errors);
        return json(body);
      };
      res.on('finish', () => {
        // originalUrl: inside a mounted router, Express makes `path` relative to the mount.
        const path = req.originalUrl.split('?')[0] ?? '';
        const route = path.replace(/^\//, '') || 'root';
        const known = ['graphql', 'health', 'ready', 'metrics'].includes(route) ? route : 'other';
        stop({ route: known });
        this.requests.inc({ route: known, status: String(res.statusCode) });
      });
      next();
    };
  }

  /** Counts the errors of every GraphQL answer. */
  plugin<TContext extends object>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ response }) => {
          if (response.body.kind === 'single') this.countErrors(response.body.singleResult.errors);
        },
      }),
    };
  }
}
