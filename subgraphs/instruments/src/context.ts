import type { Claims, Database } from '@gzequip/kit';
import { InstrumentSource } from './dataSources/instruments.ts';

export interface Context {
  claims: Claims;
  instruments: InstrumentSource;
}

/** Built for every request, so DataLoader caches never outlive it or leak between callers. */
export function createContext(db: Database, claims: Claims): Context {
  return { claims, instruments: new InstrumentSource(db, claims) };
}
