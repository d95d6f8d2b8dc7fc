/**
 * The federation under test: the four real subgraphs, each over its own database (the
 * PostgreSQL URL in `<NAME>_DATABASE_URL` when set, else one in-memory PGlite shared with
 * schemas, as `pnpm start` does on disk), each on its own HTTP port, and the real gateway over
 * the committed supergraph. Started once per test run and shared by every test file.
 */
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_JWT_AUDIENCE,
  DEFAULT_JWT_ISSUER,
  type GatewayConfig,
  gatewayConfigFromEnv,
  type RunningGateway,
  startGateway,
} from '@gzequip/gateway';
import {
  type Claims,
  Database,
  databaseUrlFor,
  IDENTITY_HEADER,
  PUBLIC_CLAIMS,
  prepareDatabase,
  type RunningServer,
  serveSubgraph,
  signIdentity,
} from '@gzequip/kit';
import { SignJWT } from 'jose';
import { subgraphs } from '../../scripts/lib/devEnvironment.ts';

export const JWT_SECRET = 'test-jwt-secret-0123456789abcdefghijklmnop';
export const SIGNING_SECRET = 'test-subgraph-signing-secret-0123456789abcdef';
/** What the simulated payment provider signs callbacks with in tests. */
export const PAYMENT_CALLBACK_SECRET = 'test-payment-callback-secret-0123456789abcdef';
const ISSUER = DEFAULT_JWT_ISSUER;
const AUDIENCE = DEFAULT_JWT_AUDIENCE;
export const SUPERGRAPH_PATH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

export interface Federation {
  gateway: RunningGateway;
  subgraphs: Record<string, { server: RunningServer; db: Database }>;
}

let starting: Promise<Federation> | undefined;

/** Fresh schemas, migrated and seeded, on first use; the same federation afterwards. */
export function federation(): Promise<Federation> {
  starting ??= (async () => {
    const running: Federation['subgraphs'] = {};
    // One environment for every subgraph; GRAPH_URL (the gateway, for assessment rounds) once it runs.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PAYMENT_CALLBACK_SECRET,
      // The quality source's service account: integrity checks read the graph as an administrator.
      QUALITY_GRAPH_TOKEN: await token({ role: 'ADMIN', sub: 'service:quality' }),
    };
    for (const subgraph of subgraphs) {
      const url = databaseUrlFor(subgraph.name);
      if (url) {
        // Start clean on PostgreSQL: drop whatever an earlier run left in this subgraph's schema.
        const fresh = await Database.open({ schema: subgraph.name, url });
        await fresh.dropSchema();
        await fresh.close();
      }
      const db = await prepareDatabase(subgraph, { url });
      const server = await serveSubgraph(subgraph, {
        db,
        signingSecret: SIGNING_SECRET,
        port: 0,
        env,
      });
      running[subgraph.name] = { server, db };
    }
    const gateway = await startGateway(gatewayConfig(running));
    env.GRAPH_URL = gateway.url;
    return { gateway, subgraphs: running };
  })();
  return starting;
}

/** A unique Redis namespace per test run, so runs sharing one Redis never see each other's keys. */
export const REDIS_PREFIX = `gzequip-test:${process.pid}:${Date.now()}:`;

/**
 * The gateway's settings as the environment would give them (the defaults operators get), with
 * the test secrets, free ports, rate limits out of the tests' way, and `settings` on top.
 */
export function gatewayConfig(
  running: Federation['subgraphs'],
  subgraphUrls: Record<string, string> = {},
  settings: Partial<GatewayConfig> = {},
): GatewayConfig {
  const defaults = gatewayConfigFromEnv({ JWT_SECRET, SUBGRAPH_SIGNING_SECRET: SIGNING_SECRET });
  return {
    ...defaults,
    port: 0,
    supergraphPath: SUPERGRAPH_PATH,
    subgraphUrls: {
      ...Object.fromEntries(Object.entries(running).map(([name, { server }]) => [name, server.url])),
      ...subgraphUrls,
    },
    rateLimits: { anonymous: 100_000, user: 100_000, partner: 100_000 },
    redisPrefix: REDIS_PREFIX,
    ...settings,
  };
}

export interface TokenClaims {
  role: string;
  sub?: string;
  enterpriseId?: string;
  platformIds?: string[];
  scope?: string;
}

export function token(claims: TokenClaims, { secret = JWT_SECRET, expiresIn = '1h' } = {}): Promise<string> {
  const { sub = 'test-user', ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A GraphQL request to `url`, its status and body. */
export async function post<TData>(
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<TData>, 'status'>) };
}

/** A query through the gateway, as a client sends it. */
export async function gatewayQuery<TData = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  { bearer }: { bearer?: string } = {},
): Promise<GraphQLResponse<TData>> {
  const { gateway } = await federation();
  return post<TData>(gateway.url, { query, variables }, bearer ? { authorization: `Bearer ${bearer}` } : {});
}

/** The URL a running subgraph serves GraphQL at. */
export async function subgraphUrl(subgraph: string): Promise<string> {
  const target = (await federation()).subgraphs[subgraph];
  if (!target) throw new Error(`No subgraph ${subgraph}`);
  return target.server.url;
}

/**
 * A query straight to a subgraph, signed as the gateway would sign it for exactly this body
 * (or with the given header, or none).
 */
export async function subgraphQuery<TData = Record<string, unknown>>(
  subgraph: string,
  query: string,
  variables: Record<string, unknown> = {},
  { claims = PUBLIC_CLAIMS, identity }: { claims?: Claims; identity?: string | null } = {},
): Promise<GraphQLResponse<TData>> {
  const body = JSON.stringify({ query, variables });
  const header = identity === undefined ? signIdentity(claims, SIGNING_SECRET, body) : identity;
  return post<TData>(await subgraphUrl(subgraph), body, header === null ? {} : { [IDENTITY_HEADER]: header });
}

/** Statement counts for every subgraph: those given, 0 for the rest (a source added later included). */
export function statementsIn(counts: Record<string, number> = {}): Record<string, number> {
  return Object.fromEntries(subgraphs.map(({ name }) => [name, counts[name] ?? 0]));
}

/** The statements each subgraph sent to its database while `work` ran. */
export async function countStatements(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const { subgraphs: running } = await federation();
  const before = Object.fromEntries(Object.entries(running).map(([name, { db }]) => [name, db.statements.count]));
  await work();
  return Object.fromEntries(
    Object.entries(running).map(([name, { db }]) => [name, db.statements.count - (before[name] ?? 0)]),
  );
}

/** The database handle a running subgraph uses (the same one its server queries through). */
export async function database(subgraph: string): Promise<Database> {
  const running = (await federation()).subgraphs[subgraph];
  if (!running) throw new Error(`No subgraph ${subgraph}`);
  return running.db;
}

export type Row = Record<string, unknown>;

/** The first instrument (in id order) whose columns match `where`, as the database holds it. */
/** A stored instrument row without the columns the database generates, so a copy of it can be inserted. */
export function insertable(row: Row | undefined): Row {
  const { search_document: _document, search_title: _title, search_title_pairs: _pairs, ...rest } = row ?? {};
  return rest;
}

/** The first stored instrument matching `where`, ready to be copied (see `insertable`). */
export async function instrumentRow<T extends Row = Row>(where: Row = {}): Promise<T> {
  return insertable(
    (await (await database('instruments')).table('instrument').where(where).orderBy('id').first()) as Row,
  ) as T;
}

/** Adds an instrument of the test's own, a copy of a shared one with `columns` on top; returns it. */
export async function scratchInstrument(id: string, columns: Row = {}): Promise<Row> {
  const row = { ...(await instrumentRow({ sharing_mode: 'EXTERNAL' })), id, asset_number: id, version: 1, ...columns };
  await (await database('instruments')).table('instrument').insert(row);
  return row;
}

/** Removes a scratch instrument and the history of its edits. */
export async function removeScratchInstrument(id: string): Promise<void> {
  const db = await database('instruments');
  await db.table('change_history').where({ entity: 'Instrument', record_id: id }).del();
  await db.table('instrument').where({ id }).del();
}
