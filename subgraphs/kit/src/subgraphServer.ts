import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { maskUnexpectedErrors } from './errorMasking.ts';
import { ErrorCode } from './errors.ts';
import {
  assignRequestId,
  closeServer,
  currentRequestId,
  graphqlErrorHandler,
  graphqlNotFound,
  jsonBody,
  listen,
  requireJsonBody,
  sendGraphQLError,
  withRequestScope,
} from './http.ts';
import { bodyDigest, type Claims, IDENTITY_HEADER, ReplayGuard, verifyIdentity } from './identity.ts';
import { invalidStringsPlugin } from './inputStrings.ts';
import type { Logger } from './logger.ts';

export interface SubgraphServerOptions<TContext extends object> {
  name: string;
  schema: GraphQLSchema;
  /** Builds the per-request context (its DataLoaders) for the verified caller. */
  context: (claims: Claims) => TContext;
  /** Shared with the gateway; requests without its signature are refused. */
  signingSecret: string;
  port: number;
  host?: string;
  logger: Logger;
  /** Throws when the subgraph cannot serve (its database is unreachable). */
  healthCheck: () => Promise<void>;
  /** Endpoints besides GraphQL a subgraph serves itself (a payment provider's callbacks). */
  routes?: (app: express.Express) => void;
  /** Apollo Server plugins besides the kit's own (a read-only source's guard). */
  plugins?: ApolloServerPlugin<TContext>[];
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

/** Serves a subgraph over HTTP: `POST /graphql` for the gateway, `GET /health` for probes. */
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
  const replays = new ReplayGuard();

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(assignRequestId);
  app.get('/health', async (_req, res) => {
    try {
      await options.healthCheck();
      res.json({ status: 'ok', subgraph: name });
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
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
          return options.context(claims);
        } catch (error) {
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
      await closeServer(server, SHUTDOWN_GRACE_MS);
      await apollo.stop();
    },
  };
}
