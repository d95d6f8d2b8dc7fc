import { type Claims, type Database, envName, GraphClient } from '@gzequip/kit';
import { IntegritySource } from './dataSources/integrity.ts';

export interface Context {
  claims: Claims;
  integrity: IntegritySource;
}

/**
 * Built for every request, so DataLoader caches never outlive it or leak between callers. The
 * checks read the graph through the gateway (GRAPH_URL) with the service token the operator gives
 * this source (QUALITY_GRAPH_TOKEN, an administrator's: drafts and unpublished records count too).
 */
export function createContext(db: Database, claims: Claims, env: NodeJS.ProcessEnv): Context {
  const graph = new GraphClient({
    url: () => env.GRAPH_URL,
    token: () => env[envName('quality', 'GRAPH_TOKEN')],
    timeoutMs: 60_000,
  });
  return { claims, integrity: new IntegritySource(db, claims, graph) };
}
