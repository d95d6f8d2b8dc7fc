/**
 * `pnpm legacy-fixture`: loads the legacy-lab fixture — the instruments demo data as an older
 * instrument-sharing system keeps it (schema yqgx) — into a database, for the instruments subgraph
 * to serve through the legacy-lab adapter's views: `INSTRUMENTS_ADAPTER=legacy-lab pnpm start`.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Database, embeddedDataDirHolder } from '@gzequip/kit';
import {
  demoLegacyLabFixture,
  hasLegacyTables,
  loadLegacyLabFixture,
} from '../subgraphs/instruments/src/adapters/legacyLab/fixture.ts';
import { LEGACY_SCHEMA } from '../subgraphs/instruments/src/adapters/legacyLab/legacyTables.ts';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';

const pnpm = pnpmCommand();
const { values } = parseCommandLine(
  `Usage: ${pnpm} legacy-fixture [--url URL] [--replace]

Loads the legacy-lab fixture: the instruments demo data as an older instrument-sharing system
keeps it (schema ${LEGACY_SCHEMA}: t_yq_jbxx, t_dw_jbxx, t_pt_jbxx), for the instruments subgraph
to serve through views (adapter mode). Into the PostgreSQL database --url names, else the
embedded database ${pnpm} start uses (.data/pglite, or PGLITE_DATA_DIR). Then:

  INSTRUMENTS_ADAPTER=legacy-lab ${pnpm} start
  (with INSTRUMENTS_DATABASE_URL=URL when the fixture is in PostgreSQL)

  --url URL    a PostgreSQL database to load it into
  --replace    drop an earlier copy of the ${LEGACY_SCHEMA} schema first`,
  { url: { type: 'string' }, replace: { type: 'boolean', default: false } },
);

const url = values.url || undefined;
// Loaded after --help: the development set-up imports every subgraph.
const { embeddedDataDir } = await import('./lib/devEnvironment.ts');
if (!url) {
  const holder = embeddedDataDirHolder(embeddedDataDir);
  if (holder) stop(`${embeddedDataDir} is in use by process ${holder} (a running ${pnpm} start?): stop it first`);
  // The lock file goes beside the folder: its parent must be there on a first run.
  mkdirSync(dirname(embeddedDataDir), { recursive: true });
}
const where = url
  ? `the PostgreSQL database ${new URL(url).host}${new URL(url).pathname}`
  : `the embedded database in ${embeddedDataDir}`;

const db = await Database.open({ schema: 'instruments', url, dataDir: embeddedDataDir });
if (!values.replace && (await hasLegacyTables(db.knex))) {
  await db.close();
  stop(`${where} already holds the legacy schema ${LEGACY_SCHEMA}: add --replace to load it afresh`);
}
try {
  const fixture = demoLegacyLabFixture();
  await loadLegacyLabFixture(db.knex, fixture, { replace: values.replace });
  console.log(
    `Loaded the legacy-lab fixture into ${where}: ${fixture.instruments.length} instruments ` +
      `(${LEGACY_SCHEMA}.t_yq_jbxx), ${fixture.units.length} units (${LEGACY_SCHEMA}.t_dw_jbxx), ` +
      `${fixture.platforms.length} platforms (${LEGACY_SCHEMA}.t_pt_jbxx).`,
  );
  const [owned] = await db.raw<{ found: string | null }>(`select to_regclass('instruments.knex_migrations') as found`);
  if (owned?.found) {
    console.log(
      `\nIts instruments schema holds the subgraph's own tables (from a start without an adapter), which adapter\n` +
        `mode will not start over. ${
          url
            ? 'Drop that schema (drop schema instruments cascade) once its data is no longer needed.'
            : `Start afresh: ${pnpm} db:reset && ${pnpm} legacy-fixture.`
        }`,
    );
  }
  const database = url ? `INSTRUMENTS_DATABASE_URL=${url} ` : '';
  console.log(`\nServe it through views: ${database}INSTRUMENTS_ADAPTER=legacy-lab ${pnpm} start`);
} finally {
  await db.close();
}
