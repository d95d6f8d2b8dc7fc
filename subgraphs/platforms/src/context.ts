import type { Claims, Database } from '@gzequip/kit';
import { PlatformSource } from './dataSources/platforms.ts';

export interface Context {
  claims: Claims;
  platforms: PlatformSource;
}

/** Built for every request, so DataLoader caches never outlive it or leak between callers. */
export function createContext(db: Database, claims: Claims): Context {
  return { claims, platforms: new PlatformSource(db) };
}
