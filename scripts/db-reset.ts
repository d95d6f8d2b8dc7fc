/**
 * `pnpm db:reset`: deletes the embedded database (.data/pglite), so the next `pnpm start`
 * migrates and seeds afresh. With `--postgres`, also drops each subgraph's schema in the
 * PostgreSQL database its `<NAME>_DATABASE_URL` names.
 */
import { rmSync } from 'node:fs';
import { Database, databaseUrlFor, embeddedDataDirHolder } from '@gzequip/kit';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import { embeddedDataDir, subgraphs } from './lib/devEnvironment.ts';

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} db:reset [--postgres]

Deletes the embedded database (${embeddedDataDir}); the next start migrates and loads the demo
data afresh. With --postgres, also drops each subgraph's schema in the PostgreSQL database its
<NAME>_DATABASE_URL names.`,
  { postgres: { type: 'boolean', default: false } },
);

const holder = embeddedDataDirHolder(embeddedDataDir);
if (holder)
  stop(`${embeddedDataDir} is in use by process ${holder} (a running ${pnpmCommand()} start?): stop it first`);
rmSync(embeddedDataDir, { recursive: true, force: true });
console.log(`deleted ${embeddedDataDir}`);

if (values.postgres) {
  for (const { name } of subgraphs) {
    const url = databaseUrlFor(name);
    if (!url) continue;
    const db = await Database.open({ schema: name, url });
    await db.dropSchema();
    await db.close();
    console.log(`dropped schema ${name} in ${name.toUpperCase()}_DATABASE_URL`);
  }
}
