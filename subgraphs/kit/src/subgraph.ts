import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Express } from 'express';
import { type GraphQLSchema, parse } from 'graphql';
import type { Knex } from 'knex';
import {
  chooseAdapter,
  installAdapter,
  readOnlySourcePlugin,
  refuseAdapterSchema,
  type SubgraphAdapter,
} from './adapters.ts';
import { Database, IN_MEMORY } from './database.ts';
import { type Claims, type ReplayStore, requireSecret } from './identity.ts';
import { createLogger, type Logger } from './logger.ts';
import { parseRedisUrl, replayStoreFromEnv } from './redis.ts';
import { readSeedFile, seedIfEmpty } from './seed.ts';
import { flagSetting, wholeNumberSetting } from './settings.ts';
import { type RunningServer, startSubgraphServer } from './subgraphServer.ts';

/** Everything a host needs to run one subgraph; each subgraph package exports one. */
export interface SubgraphDefinition<TContext extends object = object> {
  /** Also the name of the subgraph's database schema. */
  name: string;
  defaultPort: number;
  schema: GraphQLSchema;
  migrations: Record<string, Knex.Migration>;
  /** Loads the demo data into an empty database; leaves a database that has data alone. */
  seed(db: Database): Promise<void>;
  /** `env` is where the subgraph reads its settings (the process's, unless the host gives its own). */
  createContext(db: Database, claims: Claims, env: NodeJS.ProcessEnv): TContext;
  /** Endpoints besides GraphQL, configured from the environment. */
  routes?: SubgraphRoutes;
  /** Ways to serve an existing database through views instead of owned tables, by name (`<NAME>_ADAPTER`). */
  adapters?: Readonly<Record<string, SubgraphAdapter>>;
}

/** Mounts a subgraph's own endpoints (not GraphQL: the gateway does not pass through them). */
export type SubgraphRoutes = (app: Express, services: { db: Database; logger: Logger; env: NodeJS.ProcessEnv }) => void;

/** Apollo's resolver map type, which @apollo/subgraph does not export by name. */
type SubgraphResolverMap = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers'];

export interface SubgraphSources<TContext extends object> {
  name: string;
  defaultPort: number;
  /** The subgraph's SDL file. */
  sdl: URL;
  /** The generated `Resolvers` object (typed by the subgraph's codegen). */
  resolvers: object;
  migrations: Record<string, Knex.Migration>;
  /** `{ table: rows[] }` inserted into an empty database. */
  demoData: URL;
  createContext(db: Database, claims: Claims, env: NodeJS.ProcessEnv): TContext;
  routes?: SubgraphRoutes;
  adapters?: Readonly<Record<string, SubgraphAdapter>>;
}

/** Builds a definition from a subgraph's files: schema first, resolvers from codegen. */
export function defineSubgraph<TContext extends object>(
  sources: SubgraphSources<TContext>,
): SubgraphDefinition<TContext> {
  const typeDefs = parse(readFileSync(sources.sdl, 'utf8'));
  return {
    name: sources.name,
    defaultPort: sources.defaultPort,
    schema: buildSubgraphSchema({ typeDefs, resolvers: sources.resolvers as SubgraphResolverMap }),
    migrations: sources.migrations,
    seed: async (db) => {
      await seedIfEmpty(db, readSeedFile(sources.demoData));
    },
    createContext: sources.createContext,
    ...(sources.routes ? { routes: sources.routes } : {}),
    ...(sources.adapters ? { adapters: sources.adapters } : {}),
  };
}

/** `INSTRUMENTS_DATABASE_URL`, `INSTRUMENTS_PORT`, ... */
export function envName(subgraph: string, suffix: string): string {
  return `${subgraph.toUpperCase()}_${suffix}`;
}

export function databaseUrlFor(subgraph: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[envName(subgraph, 'DATABASE_URL')] || undefined;
}

/** `INSTRUMENTS_DATABASE_READ_URL`: a read replica that queries (not mutations) are served from. */
export function readReplicaUrlFor(subgraph: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[envName(subgraph, 'DATABASE_READ_URL')] || undefined;
}

/** `INSTRUMENTS_ADAPTER=legacy-lab`: serve an existing database through that adapter's views. */
export function adapterNameFor(subgraph: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[envName(subgraph, 'ADAPTER')] || undefined;
}

export interface PrepareOptions {
  /** Where `<NAME>_DATABASE_URL` and `<NAME>_ADAPTER` are read when not given; the process's by default. */
  env?: NodeJS.ProcessEnv;
  /** Overrides `<NAME>_DATABASE_URL`. */
  url?: string | undefined;
  /** The embedded database's folder when there is no URL. */
  dataDir?: string | undefined;
  /** Overrides `<NAME>_ADAPTER`: the adapter to serve an existing database through (see adapters.ts). */
  adapter?: string | undefined;
  /**
   * Bring the schema up to date here (the default, for one process and for the migration job);
   * false only checks that it is, and refuses a database whose migrations are behind: replicas
   * of a deployment never migrate at their start.
   */
  migrate?: boolean;
  /** Load the demo data into an empty database (the default; the migration job asks for it). */
  seed?: boolean;
}

/**
 * Opens the subgraph's database, migrates it, and seeds it when empty. With an adapter, it
 * neither migrates nor seeds: it installs the adapter's views over the database's own tables.
 */
export async function prepareDatabase(
  definition: SubgraphDefinition,
  {
    env = process.env,
    url = databaseUrlFor(definition.name, env),
    dataDir = IN_MEMORY,
    adapter = adapterNameFor(definition.name, env),
    migrate = true,
    seed = true,
  }: PrepareOptions = {},
): Promise<Database> {
  const setting = envName(definition.name, 'ADAPTER');
  const chosen = adapter
    ? chooseAdapter(definition.name, definition.adapters, adapter, definition.schema, setting)
    : null;
  const db = await Database.open({
    schema: definition.name,
    url,
    dataDir,
    adapter: chosen && {
      name: chosen.name,
      description: chosen.description,
      writableOperations: chosen.writableOperations,
    },
  });
  try {
    if (chosen) {
      await installAdapter(db, chosen);
      return db;
    }
    await refuseAdapterSchema(db, setting);
    if (migrate) {
      await db.migrate(definition.migrations);
      if (seed) await definition.seed(db);
      return db;
    }
    const pending = await db.pendingMigrations(definition.migrations);
    if (pending.length > 0) {
      throw new Error(
        `The ${definition.name} database is ${pending.length} migration(s) behind (next: ${pending[0]}); ` +
          'run the migration job (`node --import tsx src/main.ts migrate`) first, or set MIGRATE_ON_START=true',
      );
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * The read replica of a subgraph's database, on the same schema as the primary (`db`, to take
 * its adapter from). Nothing is migrated there: the replica follows the primary.
 */
export function openReadReplica(definition: SubgraphDefinition, url: string, db: Database): Promise<Database> {
  return Database.open({ schema: definition.name, url, adapter: db.adapter });
}

export interface ServeOptions {
  db: Database;
  /** A read replica of `db`: queries are served from it, mutations from `db`. */
  replica?: Database | undefined;
  /** How long the subgraph reports not-ready before it closes at shutdown (SHUTDOWN_DRAIN_MS). */
  drainMs?: number;
  signingSecret: string;
  port?: number;
  host?: string;
  logger?: Logger;
  /** Where the subgraph's own endpoints read their settings (secrets); the process's by default. */
  env?: NodeJS.ProcessEnv;
  /**
   * Where accepted identity headers are remembered: this process's memory unless given; a store
   * shared with the other replicas (replayStoreFromEnv) where the subgraph runs more than once.
   */
  replays?: ReplayStore | undefined;
}

export function serveSubgraph<TContext extends object>(
  definition: SubgraphDefinition<TContext>,
  {
    db,
    replica,
    drainMs,
    signingSecret,
    port = definition.defaultPort,
    host,
    logger = createLogger(definition.name),
    env = process.env,
    replays,
  }: ServeOptions,
): Promise<RunningServer> {
  const { routes } = definition;
  return startSubgraphServer({
    name: definition.name,
    schema: definition.schema,
    context: (claims) => definition.createContext(db, claims, env),
    ...(replica ? { readContext: (claims: Claims) => definition.createContext(replica, claims, env) } : {}),
    ...(drainMs ? { drainMs } : {}),
    signingSecret,
    ...(replays ? { replays } : {}),
    port,
    ...(host ? { host } : {}),
    logger,
    healthCheck: async () => {
      await Promise.all([db.raw('select 1'), replica?.raw('select 1')]);
    },
    // Over an existing database, mutations the adapter cannot store are refused before they run.
    ...(db.adapter ? { plugins: [readOnlySourcePlugin<TContext>(definition.name, db.adapter)] } : {}),
    ...(routes ? { routes: (app: Express) => routes(app, { db, logger, env }) } : {}),
  });
}

/**
 * Runs one subgraph on its own, configured from the environment: `<NAME>_DATABASE_URL`
 * (else an embedded database in `PGLITE_DATA_DIR`, default `.data/pglite-<name>`),
 * `<NAME>_DATABASE_READ_URL`, `<NAME>_ADAPTER`, `<NAME>_PORT`, `HOST`, `SUBGRAPH_SIGNING_SECRET`,
 * `MIGRATE_ON_START`, `SHUTDOWN_DRAIN_MS`, `REDIS_URL` and `REDIS_PREFIX` (the replay store the
 * replicas share).
 *
 * `migrate` as the command (`node --import tsx src/main.ts migrate`) brings the database up to
 * date and ends: the one-off migration job of a deployment. It loads the demo data into an empty
 * database only with `SEED_DEMO_DATA=true`.
 */
export async function runSubgraph(
  definition: SubgraphDefinition,
  env: NodeJS.ProcessEnv = process.env,
  args: readonly string[] = process.argv.slice(2),
): Promise<void> {
  const [command] = args;
  const logger = createLogger(definition.name);
  const databaseOptions = { env, dataDir: env.PGLITE_DATA_DIR || `.data/pglite-${definition.name}` };
  if (command === 'migrate') {
    const db = await prepareDatabase(definition, {
      ...databaseOptions,
      seed: flagSetting(env, 'SEED_DEMO_DATA', false),
    });
    await db.close();
    logger.info(`${definition.name} database migrated`);
    return;
  }
  if (command !== undefined) throw new Error(`Unknown command ${command}; the only one is migrate`);

  const signingSecret = requireSecret('SUBGRAPH_SIGNING_SECRET', env);
  const drainMs = wholeNumberSetting(env, 'SHUTDOWN_DRAIN_MS', 0);
  // A REDIS_URL that names no usable Redis is refused before the database is opened.
  if (env.REDIS_URL) parseRedisUrl(env.REDIS_URL);
  const db = await prepareDatabase(definition, {
    ...databaseOptions,
    migrate: flagSetting(env, 'MIGRATE_ON_START', true),
  });
  const replicaUrl = readReplicaUrlFor(definition.name, env);
  const replica = replicaUrl ? await openReadReplica(definition, replicaUrl, db) : undefined;
  const port = env[envName(definition.name, 'PORT')];
  // With REDIS_URL, every replica refuses a header any of them has accepted.
  const shared = replayStoreFromEnv(env, logger);
  const server = await serveSubgraph(definition, {
    db,
    replica,
    drainMs,
    signingSecret,
    ...(shared ? { replays: shared.replays } : {}),
    ...(port ? { port: Number(port) } : {}),
    ...(env.HOST ? { host: env.HOST } : {}),
    logger,
    env,
  });
  let stopping = false;
  // Every signal is handled (a second Ctrl-C relayed by pnpm must not kill a shutdown half-way).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      await server.close();
      await Promise.all([db.close(), replica?.close(), shared?.close()]);
      process.exit(0);
    });
  }
}
