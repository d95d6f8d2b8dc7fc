/**
 * The PostgreSQL database a benchmark builds its catalogue in: named by `--postgres`, else a
 * database of its own on the server the instruments subgraph is configured for, created when
 * missing. The federation's own database is never the one rebuilt.
 */
import { connect } from 'node:net';
import { instruments } from '@gzequip/instruments';
import {
  createLogger,
  Database,
  databaseUrlFor,
  prepareDatabase,
  type RunningServer,
  serveSubgraph,
} from '@gzequip/kit';
import { stop } from './cli.ts';
import { subgraphs } from './devEnvironment.ts';

export const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432';

/** A URL fit to print: no password. */
export function shown(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** `--postgres` as given, or the database `name` on the instruments subgraph's server (else the local one). */
export function benchDatabaseUrl(given: string | undefined, name: string): string {
  const url = new URL(given ?? databaseUrlFor(instruments.name) ?? DEFAULT_SERVER);
  // A URL of ours names only the server; the federation's own database is never the one rebuilt.
  if (!given || url.pathname === '' || url.pathname === '/') url.pathname = `/${name}`;
  return url.toString();
}

/** Resolves once the server accepts a connection; refuses in one line (rather than knex's stack) if not. */
function reachable(url: URL): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname || '127.0.0.1', port: Number(url.port || 5432) });
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer in 5 s')));
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('error', (error) => stop(`PostgreSQL at ${shown(url.toString())} is not reachable: ${error.message}`));
  });
}

/** Creates the bench database when missing, through the server's maintenance database. */
export async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  await reachable(maintenance);
  const admin = await Database.open({ schema: instruments.name, url: maintenance.toString() });
  try {
    const found = await admin.raw('select 1 from pg_database where datname = ?', [name]);
    if (found.length === 0) {
      await admin.raw('create database ??', [name]);
      console.log(`created database ${name}`);
    }
  } catch (error) {
    stop(`PostgreSQL at ${shown(maintenance.toString())} did not answer: ${(error as Error).message}`);
  } finally {
    await admin.close();
  }
}

/**
 * Every subgraph over a schema of its own in the bench database, dropped and built again
 * (migrated, demo data), each serving on a free port. Handles go into `dbs` and `servers` as they
 * open, so the caller's clean-up closes them even when one fails half-way.
 */
export async function serveFreshSubgraphs(
  url: string,
  signingSecret: string,
  dbs: Record<string, Database>,
  servers: Record<string, RunningServer>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  for (const subgraph of subgraphs) {
    const fresh = await Database.open({ schema: subgraph.name, url });
    await fresh.dropSchema();
    await fresh.close();
    const db = await prepareDatabase(subgraph, { url });
    dbs[subgraph.name] = db;
    servers[subgraph.name] = await serveSubgraph(subgraph, {
      db,
      signingSecret,
      port: 0,
      logger: createLogger(subgraph.name),
      env,
    });
  }
}
