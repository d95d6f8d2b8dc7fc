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
import { type Claims, requireSecret } from './identity.ts';
import { createLogger, type Logger } from './logger.ts';
import { readSeedFile, seedIfEmpty } from './seed.ts';
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

/** `INSTRUMENTS_ADAPTER=legacy-lab`: serve an existing database through that adapter's views. */
export function adapterNameFor(subgraph: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[envName(subgraph, 'ADAPTER')] || undefined;
}

export interface PrepareOptions {
  /** Overrides `<NAME>_DATABASE_URL`. */
  url?: string | undefined;
  /** The embedded database's folder when there is no URL. */
  dataDir?: string | undefined;
  /** Overrides `<NAME>_ADAPTER`: the adapter to serve an existing database through (see adapters.ts). */
  adapter?: string | undefined;
}

/**
 * Opens the subgraph's database, migrates it, and seeds it when empty. With an adapter, it
 * neither migrates nor seeds: it installs the adapter's views over the database's own tables.
 */
export async function prepareDatabase(
  definition: SubgraphDefinition,
  {
    url = databaseUrlFor(definition.name),
    dataDir = IN_MEMORY,
    adapter = adapterNameFor(definition.name),
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
    await db.migrate(definition.migrations);
    await definition.seed(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

export interface ServeOptions {
  db: Database;
  signingSecret: string;
  port?: number;
  host?: string;
  logger?: Logger;
  /** Where the subgraph's own endpoints read their settings (secrets); the process's by default. */
  env?: NodeJS.ProcessEnv;
}

export function serveSubgraph<TContext extends object>(
  definition: SubgraphDefinition<TContext>,
  {
    db,
    signingSecret,
    port = definition.defaultPort,
    host,
    logger = createLogger(definition.name),
    env = process.env,
  }: ServeOptions,
): Promise<RunningServer> {
  const { routes } = definition;
  return startSubgraphServer({
    name: definition.name,
    schema: definition.schema,
    context: (claims) => definition.createContext(db, claims, env),
    signingSecret,
    port,
    ...(host ? { host } : {}),
    logger,
    healthCheck: async () => {
      await db.raw('select 1');
    },
    // Over an existing database, mutations the adapter cannot store are refused before they run.
    ...(db.adapter ? { plugins: [readOnlySourcePlugin<TContext>(definition.name, db.adapter)] } : {}),
    ...(routes ? { routes: (app: Express) => routes(app, { db, logger, env }) } : {}),
  });
}

/**
 * Runs one subgraph on its own, configured from the environment: `<NAME>_DATABASE_URL`
 * (else an embedded database in `PGLITE_DATA_DIR`, default `.data/pglite-<name>`),
 * `<NAME>_ADAPTER`, `<NAME>_PORT`, `HOST`, `SUBGRAPH_SIGNING_SECRET`.
 */
export async function runSubgraph(definition: SubgraphDefinition, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const logger = createLogger(definition.name);
  const signingSecret = requireSecret('SUBGRAPH_SIGNING_SECRET', env);
  const db = await prepareDatabase(definition, {
    url: databaseUrlFor(definition.name, env),
    dataDir: env.PGLITE_DATA_DIR || `.data/pglite-${definition.name}`,
    adapter: adapterNameFor(definition.name, env),
  });
  const port = env[envName(definition.name, 'PORT')];
  const server = await serveSubgraph(definition, {
    db,
    signingSecret,
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
      await db.close();
      process.exit(0);
    });
  }
}
