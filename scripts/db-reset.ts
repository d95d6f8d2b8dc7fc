/**
 * `pnpm db:reset`: deletes the embedded database (.data/pglite), so the next `pnpm start`
 * migrates and seeds afresh. With `--postgres`, also drops each subgraph's schema in the
 * PostgreSQL database its `<NAME>_DATABASE_URL` names.
 */
import { rmSync } from 'node:fs';
import { Database, databaseUrlFor, embeddedDataDirHolder } from '@gzequip/kit';
import { embeddedDataDir, subgraphs } from './lib/devEnvironment.ts';

const holder = embeddedDataDirHolder(embeddedDataDir);
if (holder) {
  console.error(`${embeddedDataDir} is in use by process ${holder} (a running pnpm start?): stop it first`);
  process.exit(1);
}
rmSync(embeddedDataDir, { recursive: true, force: true });
console.log(`deleted ${embeddedDataDir}`);

if (process.argv.includes('--postgres')) {
  for (const { name } of subgraphs) {
    const url = databaseUrlFor(name);
    if (!url) continue;
    const db = await Database.open({ schema: name, url });
    await db.dropSchema();
    await db.close();
    console.log(`dropped schema ${name} in ${name.toUpperCase()}_DATABASE_URL`);
  }
}
