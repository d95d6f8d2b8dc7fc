import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { maskUnexpectedErrors } from './errorMasking.ts';
import { type Claims, IDENTITY_HEADER, verifyIdentity } from './identity.ts';
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
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on `port` (0 picks a free one) and resolves once it accepts connections. */
export function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

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
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_req, res) => {
    try {
      await options.healthCheck();
      res.json({ status: 'ok', subgraph: name });
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable', subgraph: name });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => options.context(await verifyIdentity(req.header(IDENTITY_HEADER), signingSecret)),
    }),
  );

  const server = await listen(app, options.port, host);
  const { port } = server.address() as AddressInfo;
  logger.info({ port }, `${name} subgraph ready`);
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    close: async () => {
      await closeServer(server);
      await apollo.stop();
    },
  };
}
