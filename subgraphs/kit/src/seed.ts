import { readFileSync } from 'node:fs';
import type { Database } from './database.ts';

type Rows = Record<string, unknown>[];

/** Reads a subgraph's demo data: `{ table: rows[] }`, tables in the order they must be inserted. */
export function readSeedFile(url: URL): Record<string, Rows> {
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, Rows>;
}

const CHUNK = 200;

/**
 * Inserts the demo data in one transaction when the first table is empty, and otherwise leaves
 * the database alone: a subgraph pointed at a database that has real data never gets demo rows.
 * An advisory lock makes concurrent starts seed once.
 */
export async function seedIfEmpty(db: Database, tables: Record<string, Rows>): Promise<boolean> {
  const entries = Object.entries(tables);
  const [first] = entries;
  if (!first) return false;
  return db.transaction(async (tx) => {
    await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`seed:${tx.schema}`]);
    if (await tx.table(first[0]).first()) return false;
    for (const [table, rows] of entries) {
      for (let i = 0; i < rows.length; i += CHUNK) await tx.table(table).insert(rows.slice(i, i + CHUNK));
    }
    return true;
  });
}
