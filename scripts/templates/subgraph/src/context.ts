import type { Claims, Database } from '@gzequip/kit';
import { ItemSource } from './dataSources/items.ts';

export interface Context {
  claims: Claims;
  items: ItemSource;
}

/** Built for every request, so DataLoader caches never outlive it or leak between callers. */
export function createContext(db: Database, claims: Claims): Context {
  return { claims, items: new ItemSource(db) };
}
