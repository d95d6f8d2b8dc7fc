/**
 * The portal on its own, for production: serves the built portal (PORTAL_PORT, HOST) and points
 * browsers at the gateway's public address (GRAPH_PUBLIC_URL). No development sign-in here:
 * users come with tokens from the identity provider. At SIGTERM it reports not-ready for
 * SHUTDOWN_DRAIN_MS (0 by default), then lets requests in flight finish (SHUTDOWN_GRACE_MS, 10 s
 * by default) and exits 0.
 */
import { createLogger, wholeNumberSetting } from '@gzequip/kit/edge';
import { startPortal } from './portalServer.ts';

const logger = createLogger('portal');
const graphUrl = process.env.GRAPH_PUBLIC_URL;
if (!graphUrl) {
  logger.fatal('GRAPH_PUBLIC_URL is not set: the gateway address browsers use, e.g. https://graph.example/graphql');
  process.exit(1);
}
const portal = await startPortal({
  distDir: new URL('../dist', import.meta.url).pathname,
  graphUrl,
  port: Number(process.env.PORTAL_PORT || 4100),
  ...(process.env.HOST ? { host: process.env.HOST } : {}),
  logger,
  drainMs: wholeNumberSetting(process.env, 'SHUTDOWN_DRAIN_MS', 0),
  graceMs: wholeNumberSetting(process.env, 'SHUTDOWN_GRACE_MS', 10_000),
});
// Every signal is handled (a second one must not kill a shutdown half-way).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    await portal.close();
    process.exit(0);
  });
}
