import { type Claims, type Database, GraphClient } from '@gzequip/kit';
import { AssessmentSource } from './dataSources/assessments.ts';
import { RoundSource } from './dataSources/rounds.ts';

export interface Context {
  claims: Claims;
  assessments: AssessmentSource;
  rounds: RoundSource;
}

/** Built for every request, so DataLoader caches never outlive it or leak between callers. */
export function createContext(db: Database, claims: Claims, env: NodeJS.ProcessEnv): Context {
  const assessments = new AssessmentSource(db);
  // GRAPH_URL is read when a round takes its figures: a host may learn the gateway's address late.
  const graph = new GraphClient({ url: () => env.GRAPH_URL });
  return { claims, assessments, rounds: new RoundSource(db, claims, assessments, graph) };
}
