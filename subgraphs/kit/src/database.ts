import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { intarray } from '@electric-sql/pglite/contrib/intarray';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import knex, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import type { AdapterInUse } from './adapters.ts';

const DATE_OID = 1082;
// A calendar date has no time zone: keep it the 'YYYY-MM-DD' text PostgreSQL sends.
pg.types.setTypeParser(DATE_OID, (value: string) => value);

/**
 * Where the embedded database lives unless told otherwise; `memory://` keeps nothing on disk.
 * `memory://<name>` is another in-memory instance, apart from the first (a second database).
 */
export const IN_MEMORY = 'memory://';

export type DatabaseKind = 'postgres' | 'embedded';

export interface DatabaseOptions {
  /** The subgraph's own schema: its tables never share one with another subgraph's. */
  schema: string;
  /** A PostgreSQL URL; without one the subgraph uses the embedded database. */
  url?: string | undefined;
  /** The embedded database's folder, or `memory://` (`memory://<name>` for another in-memory one). */
  dataDir?: string | undefined;
  /** The adapter the subgraph reads through, when it serves an existing database (see adapters.ts). */
  adapter?: AdapterInUse | null;
}

interface Embedded {
  knex: Knex;
  users: number;
  unlock: () => void;
}

/**
 * PGlite has no server to arbitrate between processes: two opening one folder would corrupt
 * it. A lock file beside the folder names the process holding it; a stale one is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = lockFileOf(dataDir);
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = embeddedDataDirHolder(dataDir);
    if (holder && holder !== process.pid) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder}; stop it, or set PGLITE_DATA_DIR to another folder`,
      );
    }
    rmSync(lockFile, { force: true });
  }
}

function lockFileOf(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, '')}.lock`;
}

/** The live process holding an embedded database folder, if any. */
export function embeddedDataDirHolder(dataDir: string): number | null {
  let holder: number;
  try {
    holder = Number(readFileSync(lockFileOf(dataDir), 'utf8'));
  } catch {
    return null;
  }
  return holder && isRunning(holder) ? holder : null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // A zombie (ended, not yet reaped) still answers kill(0) on Linux.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return true;
  }
}

/**
 * One knex over one PGlite per folder and process. PGlite is a single session: a second knex on
 * the same instance would run its statements inside the first one's open transaction and lose
 * them on rollback. One knex (whose pool holds the one connection) makes the others wait instead.
 */
const embeddedByDir = new Map<string, Promise<Embedded>>();

async function openEmbedded(dataDir: string): Promise<Embedded> {
  let opening = embeddedByDir.get(dataDir);
  if (!opening) {
    opening = (async () => {
      const onDisk = !dataDir.startsWith(IN_MEMORY);
      const unlock = onDisk ? lockDataDir(dataDir) : () => {};
      try {
        if (onDisk) mkdirSync(dataDir, { recursive: true });
        const pglite = await PGlite.create(onDisk ? dataDir : undefined, {
          parsers: { [DATE_OID]: (value: string) => value },
          // Loaded so migrations can `create extension` them, as on PostgreSQL: trigram search,
          // exclusion constraints, integer-set intersections.
          extensions: { pg_trgm, btree_gist, intarray },
        });
        const instance = knex({ client: ClientPgLite, dialect: 'postgres', connection: { pglite } } as Knex.Config);
        return { knex: instance, users: 0, unlock };
      } catch (error) {
        unlock();
        throw error;
      }
    })();
    embeddedByDir.set(dataDir, opening);
    // A failed open is not remembered: the next attempt tries again.
    opening.catch(() => embeddedByDir.delete(dataDir));
  }
  const embedded = await opening;
  embedded.users += 1;
  return embedded;
}

async function releaseEmbedded(dataDir: string): Promise<void> {
  const opening = embeddedByDir.get(dataDir);
  if (!opening) return;
  const embedded = await opening;
  embedded.users -= 1;
  if (embedded.users === 0) {
    embeddedByDir.delete(dataDir);
    await embedded.knex.destroy();
    embedded.unlock();
  }
}

/** Counts the statements a subgraph sends; the N+1 tests and the statement benchmark read it. */
export class StatementCounter {
  count = 0;
  readonly record = (): void => {
    this.count += 1;
  };
}

/**
 * A subgraph's handle on its database: every table reached through it is qualified with the
 * subgraph's schema, so the same code runs on a dedicated PostgreSQL database, a shared one, or
 * the embedded one that all subgraphs of one process share.
 */
export class Database {
  private constructor(
    readonly knex: Knex,
    readonly schema: string,
    readonly kind: DatabaseKind,
    readonly statements: StatementCounter,
    private readonly onClose: () => Promise<void>,
    /** Null when the subgraph owns its tables; else the adapter whose views it reads through. */
    readonly adapter: AdapterInUse | null = null,
  ) {}

  static async open({ schema, url, dataDir = IN_MEMORY, adapter = null }: DatabaseOptions): Promise<Database> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name ${schema}`);
    if (url) {
      const instance = knex({
        client: 'pg',
        connection: url,
        pool: { min: 0, max: Number(process.env.DATABASE_POOL_MAX ?? 10) },
      });
      return new Database(instance, schema, 'postgres', new StatementCounter(), () => instance.destroy(), adapter);
    }
    const embedded = await openEmbedded(dataDir);
    return new Database(
      embedded.knex,
      schema,
      'embedded',
      new StatementCounter(),
      () => releaseEmbedded(dataDir),
      adapter,
    );
  }

  /** A query builder on one of this subgraph's tables. */
  table<TRow extends object = Record<string, unknown>>(name: string): Knex.QueryBuilder<TRow, TRow[]> {
    const builder = this.knex.withSchema(this.schema).table<TRow>(name);
    builder.on('query', this.statements.record);
    return builder as unknown as Knex.QueryBuilder<TRow, TRow[]>;
  }

  /** A query builder with no table yet (selecting from a subquery); counted like the others. */
  query(): Knex.QueryBuilder {
    const builder = this.knex.queryBuilder();
    builder.on('query', this.statements.record);
    return builder;
  }

  /** Raw SQL with bindings, for statements that touch no table (locks, health checks). */
  raw<TResult = unknown>(sql: string, bindings: readonly Knex.RawBinding[] = []): Promise<TResult[]> {
    const query = this.knex.raw(sql, bindings as Knex.RawBinding[]);
    query.on('query', this.statements.record);
    return query.then((result: { rows: TResult[] }) => result.rows);
  }

  /** Runs `work` in one transaction, committed if it resolves and rolled back if it throws. */
  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T> {
    return this.knex.transaction((trx) =>
      work(new Database(trx, this.schema, this.kind, this.statements, async () => {}, this.adapter)),
    );
  }

  /** Brings the schema up to the newest migration; safe to run on every start. */
  async migrate(migrations: Record<string, Knex.Migration>): Promise<void> {
    await this.knex.raw('create schema if not exists ??', [this.schema]);
    await this.knex.migrate.latest({
      migrationSource: new StaticMigrationSource(migrations),
      schemaName: this.schema,
      tableName: 'knex_migrations',
    });
  }

  /** The migrations not yet applied here, in the order they would run; reads only. */
  async pendingMigrations(migrations: Record<string, Knex.Migration>): Promise<string[]> {
    const applied = new Set<string>();
    if (await this.knex.schema.withSchema(this.schema).hasTable('knex_migrations')) {
      const rows: { name: string }[] = await this.knex.withSchema(this.schema).select('name').from('knex_migrations');
      for (const row of rows) applied.add(row.name);
    }
    return Object.keys(migrations)
      .sort()
      .filter((name) => !applied.has(name));
  }

  /** Drops everything the subgraph owns (tests and `pnpm db:reset` on PostgreSQL). */
  async dropSchema(): Promise<void> {
    await this.knex.raw('drop schema if exists ?? cascade', [this.schema]);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

/** Migrations imported statically, so they run the same under tsx, Vitest and a bundle. */
class StaticMigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly migrations: Record<string, Knex.Migration>) {}
  async getMigrations(): Promise<string[]> {
    return Object.keys(this.migrations).sort();
  }
  getMigrationName(name: string): string {
    return name;
  }
  async getMigration(name: string): Promise<Knex.Migration> {
    const migration = this.migrations[name];
    if (!migration) throw new Error(`Unknown migration ${name}`);
    return migration;
  }
}
