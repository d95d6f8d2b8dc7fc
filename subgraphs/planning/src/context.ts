import type { Claims, Database } from '@gzequip/kit';
import { LayoutSource } from './dataSources/layout.ts';
import { PlantSource } from './dataSources/plants.ts';
import { ZoneSource } from './dataSources/zones.ts';

export interface Context {
  claims: Claims;
  zones: ZoneSource;
  plants: PlantSource;
  layout: LayoutSource;
}

/** Built for every request, so DataLoader caches never outlive it or leak between callers. */
export function createContext(db: Database, claims: Claims): Context {
  return { claims, zones: new ZoneSource(db), plants: new PlantSource(db), layout: new LayoutSource(db) };
}
