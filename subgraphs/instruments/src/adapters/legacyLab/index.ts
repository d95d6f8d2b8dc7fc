import type { SubgraphAdapter } from '@gzequip/kit';
import { LEGACY_SCHEMA } from './legacyTables.ts';
import { installLegacyLab } from './views.ts';

/**
 * `INSTRUMENTS_ADAPTER=legacy-lab`: the instruments of an older instrument-sharing system, read
 * through views (see views.ts); only how an instrument is run and shared can be changed.
 */
export const legacyLab: SubgraphAdapter = {
  description:
    `An existing instrument-sharing database (大型科研仪器共享管理系统, schema ${LEGACY_SCHEMA}) read through views: ` +
    'its instruments, owners and platforms as the legacy system keeps them; no bookings, closures or booking rules',
  writableOperations: ['updateInstrumentOperations'],
  install: installLegacyLab,
};
