/** Runs the gateway alone, configured from the environment (see the README). */
import { createLogger } from '@gzequip/kit';
import { gatewayConfigFromEnv } from './config.ts';
import { startGateway } from './server.ts';

const logger = createLogger('gateway');
const gateway = await startGateway(gatewayConfigFromEnv(), logger);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void gateway.close().then(() => process.exit(0));
  });
}
