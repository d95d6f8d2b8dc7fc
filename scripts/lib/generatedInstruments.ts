/**
 * Loads generated instruments (scripts/demo-data/manyInstruments.ts) into an instruments
 * database, for `pnpm demo-data --instruments N` and `pnpm bench:search`.
 */
import { instruments } from '@gzequip/instruments';
import { type Database, databaseUrlFor, embeddedDataDirHolder, prepareDatabase } from '@gzequip/kit';
import { SingleBar } from 'cli-progress';
import type { Enterprise } from '../demo-data/enterprises.ts';
import { GENERATED_ID_PREFIX, generateInstruments, type InstrumentRecordRow } from '../demo-data/manyInstruments.ts';
import type { PlatformRow } from '../demo-data/platforms.ts';
import { pnpmCommand, stop } from './cli.ts';
import { embeddedDataDir } from './devEnvironment.ts';

/** Rows generated at a time, and a progress step. */
const ROWS_PER_CHUNK = 5000;
/** Rows per INSERT statement: 37 columns × 500 stays far below PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 500;

export interface LoadResult {
  /** Generated rows that were there before and were deleted. */
  removed: number;
  inserted: number;
  seconds: number;
}

/**
 * Replaces the generated instruments (ids `ins-g…`) of a migrated and seeded instruments
 * database with `count` new ones, over the seed's enterprises and platforms, in one transaction:
 * a load that fails leaves the catalogue as it was, and no reader ever sees half of one (on
 * PostgreSQL, other sessions' queries of the table wait for it instead). Deleting leaves a
 * removal record for each row, as any delete does, so that partners' mirrors follow.
 *
 * Rows keep the filing time (`created_at`) they were generated with; `updated_at` is the time of
 * the load, as for any write.
 *
 * Keeping the trigram search index up to date row by row is most of the cost of inserting (about
 * two thirds of the database's work, on PostgreSQL and on PGlite): the table's GIN indexes are
 * dropped for the load and built again at its end from their own definitions, which makes a load
 * of 100,000 rows about 40% shorter on both. A progress bar goes to stderr when it is a terminal.
 */
export async function loadGeneratedInstruments(
  db: Database,
  count: number,
  world: { enterprises: readonly Enterprise[]; platforms: readonly PlatformRow[] },
  { label = 'instruments' }: { label?: string } = {},
): Promise<LoadResult> {
  const started = performance.now();
  const table = `${db.schema}.instrument`;
  const bar = new SingleBar({
    format: `${label} {value}/{total} [{bar}] {percentage}% {duration_formatted} {phase}`,
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(count, 0, { phase: '' });
  try {
    const removed = await db.transaction(async (tx) => {
      const [gone] = await tx.raw<{ count: number }>(
        'with gone as (delete from ?? where id like ? returning 1) select count(*)::int as count from gone',
        [table, `${GENERATED_ID_PREFIX}%`],
      );
      const gin = await tx.raw<{ name: string; definition: string }>(
        `select indexname as name, indexdef as definition from pg_indexes
          where schemaname = ? and tablename = 'instrument' and indexdef like '% USING gin %'`,
        [db.schema],
      );
      for (const { name } of gin) await tx.raw('drop index ??', [`${db.schema}.${name}`]);
      // The rows keep the filing times they were generated with (NEWEST orders by them); their
      // updated_at is still this transaction's time, the column's default, so partners' mirrors see them.
      const stamping = await tx.raw<{ name: string }>(
        `select tgname as name from pg_trigger
          where tgrelid = ?::regclass and not tgisinternal
            and tgfoid in (select oid from pg_proc where proname = 'touch_updated_at' and pronamespace = ?::regnamespace)`,
        [table, db.schema],
      );
      for (const { name } of stamping) await tx.raw('alter table ?? disable trigger ??', [table, name]);
      let inserted = 0;
      for (const rows of generateInstruments(count, world.enterprises, world.platforms, ROWS_PER_CHUNK)) {
        for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
          await tx.table<InstrumentRecordRow>('instrument').insert(rows.slice(i, i + ROWS_PER_STATEMENT));
        }
        inserted += rows.length;
        bar.update(inserted);
      }
      for (const { name } of stamping) await tx.raw('alter table ?? enable trigger ??', [table, name]);
      bar.update(inserted, { phase: `building ${gin.map(({ name }) => name).join(', ')}` });
      for (const { definition } of gin) await tx.raw(definition);
      return gone?.count ?? 0;
    });
    bar.update(count, { phase: '' });
    return { removed, inserted: count, seconds: (performance.now() - started) / 1000 };
  } finally {
    bar.stop();
  }
}

/** Fresh planner statistics for the instrument table, after a bulk load. */
export async function analyzeInstruments(db: Database): Promise<void> {
  await db.raw('analyze ??', [`${db.schema}.instrument`]);
}

/**
 * `pnpm demo-data --instruments N`: the load into the instruments database the federation uses —
 * INSTRUMENTS_DATABASE_URL's, else the embedded folder `pnpm start` opens — migrated and seeded
 * first as `pnpm start` would. Refuses, before opening anything, a folder a running start holds.
 */
export async function loadIntoFederationDatabase(
  count: number,
  world: { enterprises: readonly Enterprise[]; platforms: readonly PlatformRow[] },
): Promise<void> {
  const url = databaseUrlFor(instruments.name);
  const where = url ? 'INSTRUMENTS_DATABASE_URL' : embeddedDataDir;
  if (!url) {
    const holder = embeddedDataDirHolder(embeddedDataDir);
    if (holder) {
      stop(`${embeddedDataDir} is in use by process ${holder} (a running ${pnpmCommand()} start?): stop it first`);
    }
  }
  const started = performance.now();
  let db: Database;
  try {
    db = await prepareDatabase(instruments, { url, dataDir: embeddedDataDir });
  } catch (error) {
    stop(`Could not open the instruments database in ${where}: ${(error as Error).message}`);
  }
  let result: LoadResult;
  try {
    result = await loadGeneratedInstruments(db, count, world);
  } catch (error) {
    await db.close();
    stop(`Loading into ${where} failed, nothing was changed: ${(error as Error).message}`);
  }
  await analyzeInstruments(db);
  await db.close();
  const { removed, inserted, seconds } = result;
  const replaced = removed > 0 ? `, replacing ${removed.toLocaleString('en')} loaded before,` : '';
  const total = (performance.now() - started) / 1000;
  console.log(
    `Loaded ${inserted.toLocaleString('en')} generated instruments into ${where}${replaced} in ${seconds.toFixed(1)} s ` +
      `(${total.toFixed(1)} s with opening, migrating and analyzing).`,
  );
}
