/**
 * The gateway: Apollo Gateway over the committed supergraph, behind an HTTP edge that refuses
 * what must not reach GraphQL, with one plugin per concern. This file only assembles them.
 *
 *   request id → request log → metrics
 *   /graphql: JSON only → caller's token → rate limit → body (size-limited) → persisted queries
 *             → Apollo: parse (token limit) → validate (depth, aliases, root fields, directives)
 *             → resolve operation (unknown name, missing root, bad strings, page size, cost)
 *             → response cache → query plan over the subgraphs (signed, timed, size-capped calls)
 */

import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  assignRequestId,
  closeServer,
  createLogger,
  createRedis,
  Drain,
  ErrorCode,
  graphqlErrorHandler,
  graphqlNotFound,
  invalidStringsPlugin,
  jsonBody,
  type Logger,
  listen,
  requireJsonBody,
  sendGraphQLError,
  withRequestScope,
} from '@gzequip/kit/edge';
import cors from 'cors';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { claimsOf, createAuthenticator, useAuthentication } from './authentication.ts';
import type { GatewayConfig } from './config.ts';
import { formatGatewayError } from './errors.ts';
import { useGraphiQL } from './graphiql/page.ts';
import { PlannerCorrections } from './plannerCorrections.ts';
import { useCostLimit } from './plugins/costLimit.ts';
import { operationLimitRules, useDocumentLimits } from './plugins/documentLimits.ts';
import { GatewayMetrics } from './plugins/metrics.ts';
import { useOperationResolution } from './plugins/operationResolution.ts';
import { loadManifests, usePersistedQueries } from './plugins/persistedQueries.ts';
import { useRateLimit } from './plugins/rateLimit.ts';
import { type RequestSummary, useRequestLog, useRequestSummary } from './plugins/requestLog.ts';
import { MemoryCacheStore, RedisCacheStore, useResponseCache } from './plugins/responseCache.ts';
import { useSignInNotice } from './plugins/signInNotice.ts';
import { Readiness } from './readiness.ts';
import { RedisCache } from './redisCache.ts';
import { ClientGone, DeadlineExceeded, type GatewayContext, SubgraphClient } from './subgraphClient.ts';
import { LiveSupergraph } from './supergraph.ts';
import { supergraphFromFile } from './supergraphRollout.ts';

export interface RunningGateway {
  url: string;
  port: number;
  metrics: GatewayMetrics;
  /** Stops taking requests, lets those in flight finish (up to the grace period), then closes. */
  close(): Promise<void>;
}

type Context = GatewayContext & RequestSummary;

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Serves the supergraph: `POST /graphql`, `GET /health`, `GET /ready`, `GET /metrics`. */
export async function startGateway(
  config: GatewayConfig,
  logger: Logger = createLogger('gateway'),
): Promise<RunningGateway> {
  // @apollo/gateway reports usage to Apollo unless told not to; this graph calls no one.
  process.env.APOLLO_TELEMETRY_DISABLED = '1';

  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const facts = new LiveSupergraph(supergraphSdl);
  const metrics = new GatewayMetrics();
  const safelist = config.safelistManifests.length ? loadManifests(config.safelistManifests) : undefined;
  // Any topology REDIS_URL names (one server, Sentinel, Cluster); a URL naming none is refused here.
  const redis = config.redisUrl ? createRedis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (error) => logger.warn({ err: error }, 'redis unavailable'));

  const clients = new Map<string, SubgraphClient>();
  const corrections = new PlannerCorrections(facts);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile({
      path: config.supergraphPath,
      pollMs: config.supergraphPollMs,
      live: facts,
      initialSdl: supergraphSdl,
      logger,
    }),
    logger,
    experimental_didResolveQueryPlan: corrections.didResolveQueryPlan,
    buildService: ({ name, url }) => {
      const target = config.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`No URL for subgraph ${name}: set ${name.toUpperCase()}_URL`);
      const client = new SubgraphClient(name, target, {
        signingSecret: config.subgraphSigningSecret,
        timeoutMs: config.subgraphTimeoutMs,
        deduplicate: config.deduplicateSubgraphFetches,
        logger,
        onFetch: (record) => metrics.subgraphFetch(record),
      });
      clients.set(name, client);
      return client;
    },
  });

  const cacheStore =
    config.responseCacheTtlSeconds > 0
      ? redis
        ? new RedisCacheStore(redis, config.redisPrefix)
        : new MemoryCacheStore()
      : undefined;
  const apollo = new ApolloServer<Context>({
    gateway: corrections.wrap(gateway),
    ...(redis ? { cache: new RedisCache(redis, `${config.redisPrefix}apq:`, logger) } : {}),
    // A safelisted deployment registers no new operations.
    ...(safelist ? { persistedQueries: false } : {}),
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    // The host process owns shutdown (closing servers, then databases); Apollo would re-raise the signal.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    // The document limits are checked at the edge (useDocumentLimits); here again for a document
    // Apollo takes from its persisted-query cache, which the edge never saw as text.
    parseOptions: { maxTokens: config.operationLimits.tokens },
    maxRecursiveSelections: true,
    validationRules: operationLimitRules(config.operationLimits),
    formatError: formatGatewayError(logger),
    plugins: [
      // The default landing page loads from a CDN and stays blank offline.
      ApolloServerPluginLandingPageDisabled(),
      useRequestSummary<Context>(),
      metrics.plugin<Context>(),
      invalidStringsPlugin<Context>(),
      useOperationResolution<Context>(),
      useCostLimit<Context>({ facts, budgets: config.costBudgets, heavy: config.heavyOperations }),
      useSignInNotice<Context>(facts),
      ...(cacheStore
        ? [
            useResponseCache<Context>({
              store: cacheStore,
              ttlSeconds: config.responseCacheTtlSeconds,
              facts,
              onEvent: (event, error) => {
                metrics.cacheEvent(event);
                if (error) logger.warn({ err: error }, 'response cache unavailable');
              },
            }),
          ]
        : []),
    ],
  });
  await apollo.start();

  const subgraphUrls = new Map([...clients].map(([name, client]) => [name, client.url]));
  const drain = new Drain();
  const readiness = new Readiness(subgraphUrls, drain);

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('trust proxy', config.trustProxy);
  app.use(assignRequestId, drain.middleware, useRequestLog(logger), metrics.middleware());
  // Browsers on the listed origins (the portal) may call the graph; any other origin's page may not.
  // Preflights are answered here, before anything else (GraphiQL's GET route would answer OPTIONS).
  if (config.corsOrigins.length) {
    app.use(
      '/graphql',
      cors({
        origin: config.corsOrigins,
        methods: ['GET', 'POST'],
        allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
        exposedHeaders: ['x-request-id', 'x-cache'],
        maxAge: 600,
      }),
    );
  }
  app.use(useGraphiQL(config.graphiql));
  app.get('/health', readiness.health);
  app.get('/ready', readiness.ready);
  app.get('/metrics', async (req, res) => {
    if (config.metricsToken && !sameSecret(req.header('authorization'), `Bearer ${config.metricsToken}`)) {
      sendGraphQLError(res, 401, 'Metrics need "Authorization: Bearer <METRICS_TOKEN>"', ErrorCode.UNAUTHENTICATED);
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(
    '/graphql',
    requireJsonBody,
    useAuthentication(createAuthenticator(config.jwt, !config.production)),
    useRateLimit({
      limits: config.rateLimits,
      ...(redis ? { redis } : {}),
      keyPrefix: config.redisPrefix,
      claimsOf,
      onLimited: (caller) => metrics.limited(caller),
    }),
    jsonBody(config.maxRequestBytes),
    usePersistedQueries({ ...(safelist ? { safelist } : {}) }),
    useDocumentLimits(config.operationLimits, () => gateway.schema as GraphQLSchema),
    withRequestScope,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const deadline = new AbortController();
        const timer = setTimeout(
          () => deadline.abort(new DeadlineExceeded(config.requestTimeoutMs)),
          config.requestTimeoutMs,
        );
        res.on('close', () => {
          clearTimeout(timer);
          // The client went away before its answer: stop the subgraph calls made for it.
          if (!res.writableFinished) deadline.abort(new ClientGone());
        });
        const context: Context = {
          claims: claimsOf(res),
          requestId: String(res.getHeader('x-request-id') ?? req.header('x-request-id')),
          deadline: deadline.signal,
          responseBudget: { limit: config.maxResponseBytes, remaining: config.maxResponseBytes },
          fetches: [],
          mutated: new Set(),
          summary: {},
        };
        res.locals.gateway = context;
        return context;
      },
    }),
  );
  app.use(graphqlNotFound);
  app.use(graphqlErrorHandler(logger));

  const server = await listen(app, config.port, config.host, {
    maxHeaderBytes: config.maxHeaderBytes,
    requestTimeoutMs: config.requestTimeoutMs + 5_000,
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    metrics,
    close: () => {
      closing ??= (async () => {
        await drain.start(config.shutdownDrainMs);
        await closeServer(server, config.shutdownGraceMs);
        await apollo.stop();
        await Promise.all([...clients.values()].map((client) => client.close()));
        await redis?.quit().catch(() => {});
      })();
      return closing;
    },
  };
}
