/**
 * Runs the gateway alone, configured from the environment (see the README). Under `pnpm start`
 * it is a child process of the subgraphs' host: it tells the host its address when it is ready,
 * and ends when the host does.
 */
import { createLogger } from '@gzequip/kit/edge';
import { gatewayConfigFromEnv } from './config.ts';
import { startGateway } from './server.ts';

const logger = createLogger('gateway');
let gateway: Awaited<ReturnType<typeof startGateway>>;
try {
  gateway = await startGateway(gatewayConfigFromEnv(), logger);
} catch (error) {
  // A setting that cannot work, a port in use: one line a person can act on, the details in the log.
  logger.debug({ err: error }, 'the gateway did not start');
  process.stderr.write(`The gateway did not start: ${(error as Error).message}\n`);
  process.exit(1);
}
process.send?.({ ready: gateway.url });

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Requests in flight finish (up to SHUTDOWN_GRACE_MS); new ones go to another replica.
  await gateway.close();
  process.exit(0);
}
// Every signal is handled (a second Ctrl-C relayed by pnpm must not kill a shutdown half-way).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());
process.once('disconnect', () => void stop());
