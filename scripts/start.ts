/**
 * `pnpm start`: the whole federation in one command, in two processes so that the public edge
 * can never take the data down with it:
 * - this process hosts the subgraphs, each on its own port over its own database: PostgreSQL
 *   when `<NAME>_DATABASE_URL` is set, else the embedded PGlite under .data/pglite (one
 *   instance per process, each subgraph in its own schema). A subgraph whose `<NAME>_URL` is set
 *   is taken to run elsewhere and is not started here;
 * - the gateway runs in a child process with its own, bounded heap (GATEWAY_HEAP_MB). Should it
 *   ever die, this process starts it again and the subgraphs never notice.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  adapterNameFor,
  createLogger,
  embeddedDataDirHolder,
  envName,
  openReadReplica,
  parseRedisUrl,
  prepareDatabase,
  Role,
  type RunningServer,
  readReplicaUrlFor,
  replayStoreFromEnv,
  serveSubgraph,
} from '@gzequip/kit';
import { type DevIdentity, startPortal } from '@gzequip/portal/server';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import { type DevSecrets, devSecrets, embeddedDataDir, subgraphs } from './lib/devEnvironment.ts';
import { mintDevToken } from './lib/devToken.ts';
import { buildPortalIfStale, portalDist } from './lib/portalBuild.ts';

const pnpm = pnpmCommand();
parseCommandLine(
  `Usage: ${pnpm} start

Runs the whole federation: the subgraphs over the embedded database (.data/pglite) or the
PostgreSQL databases <NAME>_DATABASE_URL names, the gateway at http://127.0.0.1:4000/graphql, and
the portal at http://127.0.0.1:4100/ (built first when its sources changed).
Settings come from the environment (PORT, <NAME>_PORT, <NAME>_URL, LOG_LEVEL, …): see the README.`,
  {},
);

// The banner below says what a person needs; per-request logs are for when they ask (LOG_LEVEL=info).
process.env.LOG_LEVEL ??= 'warn';
const started = performance.now();
const logger = createLogger('start');
const closers: (() => Promise<void>)[] = [];

/** Resolves false when something already listens on the port. */
function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** The subgraphs this process hosts, and where they will listen (known before they start). */
const local = subgraphs
  .filter((subgraph) => !process.env[envName(subgraph.name, 'URL')])
  .map((subgraph) => ({ subgraph, port: Number(process.env[envName(subgraph.name, 'PORT')] || subgraph.defaultPort) }));

// Checked before anything is written: a refused start leaves no data folder behind.
const holder =
  local.length > 0 && !local.every(({ subgraph }) => process.env[envName(subgraph.name, 'DATABASE_URL')])
    ? embeddedDataDirHolder(embeddedDataDir)
    : null;
if (holder) {
  stop(
    `The embedded database in ${embeddedDataDir} is in use by process ${holder} (another ${pnpm} start?). ` +
      'Stop that one, or set PGLITE_DATA_DIR to another folder.',
  );
}
// A REDIS_URL that names no usable Redis is refused before anything is written.
try {
  if (process.env.REDIS_URL) parseRedisUrl(process.env.REDIS_URL);
} catch (error) {
  stop((error as Error).message);
}
const gatewayPort = Number(process.env.PORT || 4000);
const portalPort = Number(process.env.PORTAL_PORT || 4100);
for (const [setting, port] of [
  ['PORT', gatewayPort],
  ['PORTAL_PORT', portalPort],
  ...local.map(({ subgraph, port }) => [envName(subgraph.name, 'PORT'), port] as const),
] as const) {
  if (!(await portFree(port, process.env.HOST || '127.0.0.1'))) {
    stop(
      `Port ${port} is in use (another ${pnpm} start?). Stop that process, or choose free ports: ` +
        `${setting}=<port> ${pnpm} start (the ports are PORT, PORTAL_PORT and ${local.map(({ subgraph }) => envName(subgraph.name, 'PORT')).join(', ')}).`,
    );
  }
}

const env: NodeJS.ProcessEnv & DevSecrets = { ...process.env, ...devSecrets() };
// The assessments subgraph reads the graph through the gateway when a round takes its figures.
env.GRAPH_URL ||= `http://127.0.0.1:${gatewayPort}/graphql`;
// The quality source's integrity checks read every source as an administrator would. Production
// gives it a service account's token from the identity provider; a development run mints one.
env.QUALITY_GRAPH_TOKEN ||= await mintDevToken({ role: Role.ADMIN, sub: 'service:quality' }, '30d');

// With REDIS_URL the subgraphs here share one replay store (one client) with every other replica.
const shared = replayStoreFromEnv(env, logger);
// Closed last, after every subgraph (those are put in front of it).
if (shared) closers.push(shared.close);

/** Subgraphs serving an existing database through an adapter (<NAME>_ADAPTER), for the banner. */
const adapted: string[] = [];

async function startSubgraphs(): Promise<void> {
  for (const { subgraph, port } of local) {
    const db = await prepareDatabase(subgraph, {
      dataDir: embeddedDataDir,
      adapter: adapterNameFor(subgraph.name, env),
    });
    if (db.adapter) {
      const writable = db.adapter.writableOperations.join(', ') || 'nothing';
      adapted.push(`${subgraph.name} read through adapter ${db.adapter.name} (writable: ${writable})`);
    }
    const replicaUrl = readReplicaUrlFor(subgraph.name, env);
    const replica = replicaUrl ? await openReadReplica(subgraph, replicaUrl, db) : undefined;
    const server: RunningServer = await serveSubgraph(subgraph, {
      db,
      replica,
      signingSecret: env.SUBGRAPH_SIGNING_SECRET,
      port,
      env,
      ...(shared ? { replays: shared.replays } : {}),
    });
    closers.unshift(async () => {
      await server.close();
      await Promise.all([db.close(), replica?.close()]);
    });
  }
}

const GATEWAY_MAIN = fileURLToPath(new URL('../gateway/src/main.ts', import.meta.url));
const heapMb = Number(env.GATEWAY_HEAP_MB || 512);
const portalHost = env.HOST && env.HOST !== '0.0.0.0' ? env.HOST : '127.0.0.1';
const gatewayEnv: NodeJS.ProcessEnv = {
  ...env,
  // The portal's pages call the gateway from the browser: its origin may.
  CORS_ORIGINS: env.CORS_ORIGINS || `http://${portalHost}:${portalPort},http://localhost:${portalPort}`,
  ...Object.fromEntries(
    local.map(({ subgraph, port }) => [envName(subgraph.name, 'URL'), `http://127.0.0.1:${port}/graphql`]),
  ),
};

let gateway: ChildProcess | undefined;
let stopping = false;
const restarts: number[] = [];

/** Starts the gateway process and resolves with its URL once it serves. */
function startGatewayProcess(): Promise<string> {
  const child = fork(GATEWAY_MAIN, [], {
    env: gatewayEnv,
    execArgv: ['--import', 'tsx', `--max-old-space-size=${heapMb}`],
  });
  gateway = child;
  return new Promise((resolve, reject) => {
    child.once('message', (message: { ready?: string }) => {
      if (message.ready) resolve(message.ready);
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`The gateway exited before it was ready (${signal ?? `code ${code}`})`));
      if (stopping) return;
      // A crash (say, out of memory) ends that process's requests only; the others are served again.
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && (restarts[0] as number) < now - 60_000) restarts.shift();
      if (restarts.length > 5) {
        logger.error('the gateway keeps failing; stopping');
        void shutdown(1);
        return;
      }
      logger.error({ code, signal }, 'the gateway process ended unexpectedly; starting it again');
      startGatewayProcess().catch((error: unknown) => logger.error({ err: error }, 'gateway restart failed'));
    });
  });
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const child = gateway;
  if (child && child.exitCode === null && child.signalCode === null) {
    // The gateway drains first (requests in flight finish), then the subgraphs close.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  for (const close of closers) await close().catch((error: unknown) => logger.error({ err: error }, 'close failed'));
  process.exit(exitCode);
}
// `on`, not `once`: pnpm passes the terminal's Ctrl-C on to the script a second time, and a
// second SIGINT without a handler would kill the process mid-shutdown (pnpm then reports a failure).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(0));

// The gateway loads (seconds of module loading and planning) while the databases open.
/** Whether HOST (unset: 127.0.0.1) is reachable from this machine only. */
function loopback(host: string | undefined): boolean {
  return !host || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

let gatewayUrl = '';
let portalUrl = '';
try {
  // The portal builds (when its sources changed) while the gateway and the databases start.
  [gatewayUrl] = await Promise.all([startGatewayProcess(), startSubgraphs(), buildPortalIfStale()]);
  const portal = await startPortal({
    distDir: portalDist,
    graphUrl: gatewayUrl,
    port: portalPort,
    ...(env.HOST ? { host: env.HOST } : {}),
    logger: createLogger('portal'),
    // Development: the portal's sign-in page mints tokens, as `pnpm dev-token` does, but only to
    // this machine: on another address anyone who reaches it could become an administrator.
    ...(loopback(env.HOST) ? { mintDevToken: (identity: DevIdentity) => mintDevToken(identity) } : {}),
  });
  portalUrl = portal.url;
  closers.unshift(portal.close);
} catch (error) {
  logger.debug({ err: error }, 'the federation did not start');
  process.stderr.write(`The federation did not start: ${(error as Error).message}\n`);
  await shutdown(1);
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
logger.info({ seconds }, 'federation ready');
const base = gatewayUrl.replace(/\/graphql$/, '');
console.log(`
  Guizhou equipment graph is up (${seconds} s).
  GraphQL:  POST ${gatewayUrl}
  Health:   GET  ${base}/health    Ready: GET ${base}/ready    Metrics: GET ${base}/metrics
  Try:      curl -s ${gatewayUrl} -H 'content-type: application/json' \\
              -d '{"query":"{ instruments(first: 3) { edges { node { name owner { name } platform { name latestAssessment { year grade } } } } } }"}'
  Token:    ${pnpm} dev-token --role ASSESSOR   (then send "Authorization: Bearer <token>")
  GraphiQL: open ${base}/ in a browser
  Portal:   open ${portalUrl} in a browser (${loopback(env.HOST) ? `sign in as any role at ${portalUrl}sign-in` : `no development sign-in on HOST=${env.HOST}: use ${pnpm} dev-token`})
${adapted.map((line) => `  Source:   ${line}\n`).join('')}`);
