import type { Claims, Database } from '@gzequip/kit';
import { EnterpriseSource } from './dataSources/enterprises.ts';
import { RegionSource } from './dataSources/regions.ts';
import { SupplyDemandSource } from './dataSources/supplyDemand.ts';

export interface Context {
  claims: Claims;
  enterprises: EnterpriseSource;
  regions: RegionSource;
  supplyDemand: SupplyDemandSource;
}

/** Built for every request, so DataLoader caches never outlive it or leak between callers. */
export function createContext(db: Database, claims: Claims): Context {
  return {
    claims,
    enterprises: new EnterpriseSource(db, claims),
    regions: new RegionSource(db),
    supplyDemand: new SupplyDemandSource(db, claims),
  };
}
