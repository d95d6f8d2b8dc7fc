/**
 * Migrations in a deployment: a one-off job (`src/main.ts migrate`) brings a subgraph's database
 * up to date, and the replicas, started with MIGRATE_ON_START=false, never migrate: each refuses
 * a database whose migrations are behind, naming the next one, rather than serve on a schema its
 * code does not expect. Embedded databases in temporary folders, whatever database the
 * environment names, so it runs the same everywhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enterprises } from '@gzequip/enterprises';
import { prepareDatabase, runSubgraph } from '@gzequip/kit';
import { afterAll, describe, expect, it } from 'vitest';

const folders: string[] = [];

function dataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'gzequip-migrations-'));
  folders.push(folder);
  return folder;
}

/** The environment of the migration job for an embedded database in `folder`. */
const jobEnv = (folder: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PGLITE_DATA_DIR: folder,
  LOG_LEVEL: 'silent',
  ...extra,
});

/** What a replica finds: `enterprise` rows, or the refusal. */
async function replicaStart(folder: string): Promise<number> {
  const db = await prepareDatabase(enterprises, { env: {}, dataDir: folder, migrate: false });
  try {
    const [row] = (await db.table('enterprise').count({ count: '*' })) as { count: string | number }[];
    return Number(row?.count);
  } finally {
    await db.close();
  }
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('the migration job and the replicas', () => {
  it('a replica refuses a database that was never migrated, and says what to run', async () => {
    const folder = dataDir();
    const migrations = Object.keys(enterprises.migrations).sort();
    await expect(replicaStart(folder)).rejects.toThrow(
      `The enterprises database is ${migrations.length} migration(s) behind (next: ${migrations[0]}); ` +
        'run the migration job (`node --import tsx src/main.ts migrate`) first, or set MIGRATE_ON_START=true',
    );
  });

  it('the job migrates without the demo data, and replicas then start on the empty database', async () => {
    const folder = dataDir();
    await runSubgraph(enterprises, jobEnv(folder), ['migrate']);
    expect(await replicaStart(folder)).toBe(0);
    // Run again, it has nothing to do.
    await runSubgraph(enterprises, jobEnv(folder), ['migrate']);
    expect(await replicaStart(folder)).toBe(0);
  });

  it('with SEED_DEMO_DATA=true the job also loads the demo data into the empty database', async () => {
    const folder = dataDir();
    await runSubgraph(enterprises, jobEnv(folder, { SEED_DEMO_DATA: 'true' }), ['migrate']);
    expect(await replicaStart(folder)).toBeGreaterThan(10);
  });

  it('a replica refuses a database one migration behind, naming it', async () => {
    const folder = dataDir();
    await runSubgraph(enterprises, jobEnv(folder), ['migrate']);
    const last = Object.keys(enterprises.migrations).sort().at(-1) as string;
    const db = await prepareDatabase(enterprises, { env: {}, dataDir: folder, migrate: false });
    await db.knex.withSchema('enterprises').table('knex_migrations').where('name', last).del();
    await db.close();
    await expect(replicaStart(folder)).rejects.toThrow(`1 migration(s) behind (next: ${last})`);
  });

  it('refuses an unknown command and a yes/no setting that is neither, before touching a database', async () => {
    const folder = dataDir();
    await expect(runSubgraph(enterprises, jobEnv(folder), ['migrat'])).rejects.toThrow(
      'Unknown command migrat; the only one is migrate',
    );
    await expect(runSubgraph(enterprises, jobEnv(folder, { SEED_DEMO_DATA: 'yes' }), ['migrate'])).rejects.toThrow(
      'SEED_DEMO_DATA must be true or false, got yes',
    );
    await expect(
      runSubgraph(
        enterprises,
        jobEnv(folder, { SUBGRAPH_SIGNING_SECRET: 'a'.repeat(40), SHUTDOWN_DRAIN_MS: 'soon' }),
        [],
      ),
    ).rejects.toThrow('SHUTDOWN_DRAIN_MS must be a whole number, got soon');
    await expect(replicaStart(folder)).rejects.toThrow('migration(s) behind');
  });
});
