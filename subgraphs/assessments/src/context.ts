import type { Claims, Database } from '@gzequip/kit';
import { AssessmentSource } from './dataSources/assessments.ts';

export interface Context {
  claims: Claims;
  assessments: AssessmentSource;
}

/** Built for every request, so DataLoader caches never outlive it or leak between callers. */
export function createContext(db: Database, claims: Claims): Context {
  return { claims, assessments: new AssessmentSource(db) };
}
