import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { closeServer, createLogger, type Logger, listen } from '@gzequip/kit';
import express from 'express';
import { createAuthenticator } from './authentication.ts';
import type { GatewayConfig } from './config.ts';
import { formatGatewayError } from './errors.ts';
import { RedisCache } from './redisCache.ts';
import { type GatewayContext, SignedSubgraphDataSource } from './subgraphDataSource.ts';

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 2_000;

async function subgraphHealth(graphqlUrl: string): Promise<'ok' | 'unavailable'> {
  try {
    const response = await fetch(new URL('/health', graphqlUrl), { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    return response.ok ? 'ok' : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

/** Serves the supergraph: `POST /graphql` for queries, `GET /health` for probes. */
export async function startGateway(
  config: GatewayConfig,
  logger: Logger = createLogger('gateway'),
): Promise<RunningGateway> {
  // @apollo/gateway reports usage to Apollo unless told not to; this graph calls no one.
  process.env.APOLLO_TELEMETRY_DISABLED = '1';

  const subgraphUrls = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    logger,
    buildService: ({ name, url }) => {
      const target = config.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`No URL for subgraph ${name}: set ${name.toUpperCase()}_URL`);
      subgraphUrls.set(name, target);
      return new SignedSubgraphDataSource(target, config.subgraphSigningSecret, config.subgraphTimeoutMs);
    },
  });

  const cache = config.redisUrl ? new RedisCache(config.redisUrl) : undefined;
  const authenticate = createAuthenticator(config.jwt);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...(cache ? { cache } : {}),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // The host process owns shutdown (closing servers, then databases); Apollo would re-raise the signal.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    formatError: formatGatewayError(logger),
    // The default landing page loads from a CDN and stays blank offline.
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_req, res) => {
    const names = [...subgraphUrls.keys()];
    const states = await Promise.all(names.map((name) => subgraphHealth(subgraphUrls.get(name) as string)));
    const subgraphs = Object.fromEntries(names.map((name, i) => [name, states[i]]));
    const healthy = states.every((state) => state === 'ok');
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', subgraphs });
  });
  app.use(
    '/graphql',
    express.json({ limit: '256kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({ claims: await authenticate(req.header('authorization')) }),
    }),
  );

  const server = await listen(app, config.port, config.host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  return {
    url,
    port,
    close: async () => {
      await closeServer(server);
      await apollo.stop();
      await cache?.close();
    },
  };
}
