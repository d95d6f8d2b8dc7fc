import type { Claims, Database } from '@gzequip/kit';
import { CoverageSource } from './dataSources/coverage.ts';
import { MoneySource } from './dataSources/money.ts';
import { OfferSource } from './dataSources/offers.ts';
import { OrderSource } from './dataSources/orders.ts';
import { PlatformSource } from './dataSources/platforms.ts';
import { ThreadSource } from './dataSources/threads.ts';

export interface Context {
  claims: Claims;
  platforms: PlatformSource;
  offers: OfferSource;
  threads: ThreadSource;
  orders: OrderSource;
  money: MoneySource;
  coverage: CoverageSource;
}

/** Built for every request, so DataLoader caches never outlive it or leak between callers. */
export function createContext(db: Database, claims: Claims): Context {
  return {
    claims,
    platforms: new PlatformSource(db),
    offers: new OfferSource(db, claims),
    threads: new ThreadSource(db, claims),
    orders: new OrderSource(db, claims),
    money: new MoneySource(db, claims),
    coverage: new CoverageSource(db),
  };
}
