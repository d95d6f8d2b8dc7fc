import type { AdapterInUse, Claims, Database } from '@gzequip/kit';
import { BookingSource } from './dataSources/bookings.ts';
import { CoverageSource } from './dataSources/coverage.ts';
import { InstrumentSource } from './dataSources/instruments.ts';

export interface Context {
  claims: Claims;
  instruments: InstrumentSource;
  bookings: BookingSource;
  coverage: CoverageSource;
  /** The adapter the subgraph reads through, null when it owns its tables (what `instrumentsSource` tells). */
  adapter: AdapterInUse | null;
}

/** Built for every request, so DataLoader caches never outlive it or leak between callers. */
export function createContext(db: Database, claims: Claims): Context {
  return {
    claims,
    instruments: new InstrumentSource(db, claims),
    bookings: new BookingSource(db, claims),
    coverage: new CoverageSource(db, claims),
    adapter: db.adapter,
  };
}
