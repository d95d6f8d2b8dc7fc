/**
 * `pnpm start`: the whole federation in one command. Each subgraph runs its own server on its
 * own port over its own database: PostgreSQL when `<NAME>_DATABASE_URL` is set, else the
 * embedded PGlite under .data/pglite (each subgraph in its own schema). A subgraph whose
 * `<NAME>_URL` is set is taken to run elsewhere and is not started here. Then the gateway.
 */
import { gatewayConfigFromEnv, startGateway } from '@gzequip/gateway';
import { createLogger, envName, prepareDatabase, type RunningServer, serveSubgraph } from '@gzequip/kit';
import { type DevSecrets, devSecrets, embeddedDataDir, subgraphs } from './lib/devEnvironment.ts';

// The banner below says what a person needs; per-request logs are for when they ask (LOG_LEVEL=info).
process.env.LOG_LEVEL ??= 'warn';
const started = performance.now();
const logger = createLogger('start');
const env: NodeJS.ProcessEnv & DevSecrets = { ...process.env, ...devSecrets() };
const closers: (() => Promise<void>)[] = [];
const localUrls: Record<string, string> = {};

for (const subgraph of subgraphs) {
  if (env[envName(subgraph.name, 'URL')]) continue;
  const db = await prepareDatabase(subgraph, { dataDir: embeddedDataDir });
  const portSetting = env[envName(subgraph.name, 'PORT')];
  const server: RunningServer = await serveSubgraph(subgraph, {
    db,
    signingSecret: env.SUBGRAPH_SIGNING_SECRET,
    ...(portSetting ? { port: Number(portSetting) } : {}),
  });
  localUrls[subgraph.name] = server.url;
  closers.unshift(async () => {
    await server.close();
    await db.close();
  });
}

const config = gatewayConfigFromEnv(env);
const gateway = await startGateway({ ...config, subgraphUrls: { ...localUrls, ...config.subgraphUrls } });
closers.unshift(() => gateway.close());

const seconds = ((performance.now() - started) / 1000).toFixed(1);
logger.info({ seconds }, 'federation ready');
console.log(`
  Guizhou equipment graph is up (${seconds} s).
  GraphQL:  POST ${gateway.url}
  Health:   GET  ${gateway.url.replace(/\/graphql$/, '/health')}
  Try:      curl -s ${gateway.url} -H 'content-type: application/json' \\
              -d '{"query":"{ instruments(first: 3) { edges { node { name owner { name } platform { name latestAssessment { year grade } } } } } }"}'
  Token:    pnpm dev-token --role ASSESSOR   (then send "Authorization: Bearer <token>")
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    if (stopping) return;
    stopping = true;
    for (const close of closers) await close().catch((error: unknown) => logger.error({ err: error }, 'close failed'));
    process.exit(0);
  });
}
