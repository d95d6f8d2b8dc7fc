/**
 * This project's gateway as production runs it (NODE_ENV=production: introspection and
 * suggestions off, every edge plugin on), over SUPERGRAPH_PATH, with the cost budget, the heavy
 * operations' queue and the rate limits opened for the benchmark's one caller and its one query,
 * and no response cache.
 */
import { randomBytes } from 'node:crypto';
import { gatewayConfigFromEnv, startGateway } from '@gzequip/gateway';

const secret = randomBytes(32).toString('base64url');
const defaults = gatewayConfigFromEnv({
  JWT_SECRET: secret,
  SUBGRAPH_SIGNING_SECRET: secret,
  NODE_ENV: 'production',
  SUBGRAPH_DEDUPLICATION: process.env.SUBGRAPH_DEDUPLICATION,
});
const gateway = await startGateway({
  ...defaults,
  port: Number(process.env.PORT),
  supergraphPath: process.env.SUPERGRAPH_PATH as string,
  costBudgets: Object.fromEntries(
    Object.keys(defaults.costBudgets).map((role) => [role, 10_000_000]),
  ) as typeof defaults.costBudgets,
  // The queue of heavy operations is for a graph whose costly queries are rare; this one is the workload.
  heavyOperations: { ...defaults.heavyOperations, cost: 10_000_000 },
  rateLimits: { anonymous: 100_000_000, user: 100_000_000, partner: 100_000_000 },
  responseCacheTtlSeconds: 0,
});
console.log(`ready ${gateway.url}`);
process.once('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
