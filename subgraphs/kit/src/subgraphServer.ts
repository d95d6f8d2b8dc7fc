import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { type GraphQLSchema, getOperationAST, parse } from 'graphql';
import { maskUnexpectedErrors } from './errorMasking.ts';
import { ErrorCode } from './errors.ts';
import {
  assignRequestId,
  closeServer,
  currentRequestId,
  Drain,
  graphqlErrorHandler,
  graphqlNotFound,
  jsonBody,
  listen,
  requireJsonBody,
  sendGraphQLError,
  withRequestScope,
} from './http.ts';
import {
  bodyDigest,
  type Claims,
  IDENTITY_HEADER,
  MemoryReplayStore,
  type ReplayStore,
  verifyIdentity,
} from './identity.ts';
import { invalidStringsPlugin } from './inputStrings.ts';
import type { Logger } from './logger.ts';

export interface SubgraphServerOptions<TContext extends object> {
  name: string;
  schema: GraphQLSchema;
  /** Builds the per-request context (its DataLoaders) for the verified caller. */
  context: (claims: Claims) => TContext;
  /** The context for a query (it only reads), when reads go elsewhere: a read replica's. */
  readContext?: (claims: Claims) => TContext;
  /** Shared with the gateway; requests without its signature are refused. */
  signingSecret: string;
  /**
   * Where the ids of accepted identity headers are kept: this process's memory by default;
   * a store shared by every replica (RedisReplayStore) where the subgraph runs more than once.
   */
  replays?: ReplayStore;
  port: number;
  host?: string;
  logger: Logger;
  /** Throws when the subgraph cannot serve (its database is unreachable). */
  healthCheck: () => Promise<void>;
  /** Endpoints besides GraphQL a subgraph serves itself (a payment provider's callbacks). */
  routes?: (app: express.Express) => void;
  /** Apollo Server plugins besides the kit's own (a read-only source's guard). */
  plugins?: ApolloServerPlugin<TContext>[];
  /** How long the subgraph reports not-ready before it closes at shutdown (see Drain); 0 by default. */
  drainMs?: number;
}

/**
 * Whether a request's operation is a query. Anything else, a body that does not parse included,
 * goes to the primary database (and Apollo reports what is wrong with it).
 */
function onlyReads(body: unknown): boolean {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  try {
    const operation = getOperationAST(parse(query), typeof operationName === 'string' ? operationName : undefined);
    return operation?.operation === 'query';
  } catch {
    return false;
  }
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Large enough for `_entities` with thousands of representations; the gateway bounds what it sends. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** How long requests in flight may take to finish when the subgraph stops. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Serves a subgraph over HTTP: `POST /graphql` for the gateway, `GET /health` (liveness) and
 * `GET /ready` (readiness) for probes.
 */
export async function startSubgraphServer<TContext extends object>(
  options: SubgraphServerOptions<TContext>,
): Promise<RunningServer> {
  const { name, schema, logger, signingSecret, host = '127.0.0.1' } = options;
  const apollo = new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    // The host process owns shutdown (closing servers, then databases); Apollo would re-raise the signal.
    stopOnTerminationSignals: false,
    formatError: maskUnexpectedErrors(logger),
    // Federated traces would tell resolver timings to whoever reads the response; not needed.
    plugins: [ApolloServerPluginInlineTraceDisabled(), invalidStringsPlugin<TContext>(), ...(options.plugins ?? [])],
  });
  await apollo.start();

  // The identity header is bound to the exact bytes of the body it came with.
  const digests = new WeakMap<IncomingMessage, string>();
  const replays = options.replays ?? new MemoryReplayStore();

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const drain = new Drain();
  app.use(assignRequestId, drain.middleware);
  // Liveness: the process answers. A database outage is not cured by restarting the subgraph.
  app.get('/health', (_req, res) => {
    res.json({ status: drain.draining ? 'draining' : 'ok', subgraph: name });
  });
  // Readiness: send traffic here only while the database answers and no shutdown has begun.
  app.get('/ready', async (_req, res) => {
    if (drain.draining) {
      res.status(503).json({ status: 'draining', subgraph: name });
      return;
    }
    try {
      await options.healthCheck();
      res.json({ status: 'ready', subgraph: name });
    } catch (error) {
      logger.error({ err: error }, 'readiness check failed: the database does not answer');
      res.status(503).json({ status: 'unavailable', subgraph: name });
    }
  });
  app.post(
    '/graphql',
    requireJsonBody,
    jsonBody(MAX_BODY_BYTES, (req, body) => digests.set(req, bodyDigest(body))),
    withRequestScope,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const claims = await verifyIdentity(req.header(IDENTITY_HEADER), signingSecret, {
            bodyDigest: digests.get(req) ?? bodyDigest(''),
            replays,
          });
          const build = options.readContext && onlyReads(req.body) ? options.readContext : options.context;
          return build(claims);
        } catch (error) {
          const { extensions, originalError } = error as { extensions?: { code?: unknown }; originalError?: unknown };
          if (extensions?.code === ErrorCode.SUBGRAPH_UNAVAILABLE) {
            // The replay store (Redis) did not answer: an outage, not an attack.
            logger.error(
              { err: originalError, requestId: currentRequestId() },
              'request refused: replay store unavailable',
            );
            throw error;
          }
          // Someone other than the gateway, a replay, or a gateway with another secret: worth a look.
          logger.warn(
            {
              reason: (error as Error).message,
              remoteAddress: req.socket.remoteAddress,
              requestId: currentRequestId(),
            },
            'request refused: no valid gateway signature',
          );
          throw error;
        }
      },
    }),
  );
  options.routes?.(app);
  app.all('/graphql', (req, res) => {
    res.setHeader('allow', 'POST');
    sendGraphQLError(res, 405, `The ${name} subgraph answers POST only, not ${req.method}`, ErrorCode.BAD_REQUEST);
  });
  app.use(graphqlNotFound);
  app.use(graphqlErrorHandler(logger));

  const server = await listen(app, options.port, host);
  const { port } = server.address() as AddressInfo;
  logger.info({ port }, `${name} subgraph ready`);
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    close: async () => {
      await drain.start(options.drainMs ?? 0);
      await closeServer(server, SHUTDOWN_GRACE_MS);
      await apollo.stop();
    },
  };
}
