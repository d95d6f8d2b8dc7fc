/**
 * `pnpm bench:search [--instruments 100000] [--rounds 30] [--postgres URL] [--explain]`: how fast
 * `searchInstruments` answers over a catalogue of real size. It builds two instruments databases
 * — PostgreSQL and an in-memory PGlite — migrated, seeded and loaded with the generated
 * instruments (scripts/demo-data/manyInstruments.ts), then analyzed; serves the instruments
 * subgraph over each; and sends it the searches an SME's portal sends, signed as the gateway
 * signs them for an anonymous (PUBLIC) caller. After a warm-up, each round sends every search to
 * both databases, the database going first alternating from round to round. It prints p50/p95
 * and the rows matched of each search on each database, and whether PostgreSQL's p95 for a
 * keyword with two filters and every facet stays under the target.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { instruments } from '@gzequip/instruments';
import {
  createLogger,
  Database,
  IDENTITY_HEADER,
  IN_MEMORY,
  PUBLIC_CLAIMS,
  type RunningServer,
  serveSubgraph,
  signIdentity,
} from '@gzequip/kit';
import { buildEnterprises } from './demo-data/enterprises.ts';
import { buildPlatforms } from './demo-data/platforms.ts';
import { benchDatabaseUrl, DEFAULT_SERVER, ensureDatabase, shown } from './lib/benchDatabase.ts';
import { percentile } from './lib/benchReport.ts';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import { analyzeInstruments, loadGeneratedInstruments } from './lib/generatedInstruments.ts';

const BENCH_DATABASE = 'gzequip_bench_instruments';
/** The target: a portal's faceted search answers well inside a page's budget. */
const TARGET_MS = 50;

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} bench:search [--instruments 100000] [--rounds 30] [--postgres URL] [--explain]

Loads N generated instruments into two bench databases — PostgreSQL and an in-memory PGlite —
serves the instruments subgraph over each, and times typical searches (p50/p95, rows matched).

  --instruments N   catalogue size (default 100000), besides the 132 of the demo data
  --rounds R        measured rounds after the warm-up (default 30); each sends every search once
                    to each database
  --postgres URL    the PostgreSQL database to use (its "instruments" schema is dropped and
                    rebuilt). Default: database ${BENCH_DATABASE}, created if missing,
                    on the server INSTRUMENTS_DATABASE_URL names, else on
                    ${DEFAULT_SERVER}
  --explain         then print EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL of every statement the
                    subgraph sends for the target's searches and for the slowest search`,
  {
    instruments: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '30' },
    postgres: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
);
const count = Number(values.instruments);
const rounds = Number(values.rounds);
if (!Number.isSafeInteger(count) || count < 1 || count > 999_999) {
  stop(`--instruments takes a whole number from 1 to 999,999, not ${values.instruments}`);
}
if (!Number.isSafeInteger(rounds) || rounds < 1) stop(`--rounds takes a whole number above 0, not ${values.rounds}`);

// Requests are logged only when something goes wrong.
process.env.LOG_LEVEL ??= 'warn';

// ---------------------------------------------------------------------------------------------- the searches

const SEARCH = `query Search($text: String, $filter: InstrumentFilter, $orderBy: InstrumentSearchOrder, $first: Int,
  $after: String, $facets: Boolean!) {
  searchInstruments(text: $text, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      relevance
      node {
        __typename id name nameEn model manufacturer originalValue startOfUse status sharingMode feeText classCode
        region { __typename code }
        owner { __typename id }
      }
    }
    facets @include(if: $facets) {
      classMajor { instrumentClass { code name } count }
      industry { industry count }
      region { region { __typename code } count }
      sharingMode { sharingMode count }
      ownerType { ownerType count }
    }
  }
}`;

interface SearchCase {
  label: string;
  variables: Record<string, unknown>;
  /** Counts towards the target line. */
  target?: boolean;
  /** Sent after the cursor that ends page 50 of this search's order (found per database). */
  deep?: boolean;
}

const PAGE = 20;
const DEEP_PAGE = 50;

const CASES: SearchCase[] = [
  { label: 'keyword 扫描电镜', variables: { text: '扫描电镜' } },
  { label: 'keyword 盐雾试验', variables: { text: '盐雾试验' } },
  { label: 'keyword 光谱', variables: { text: '光谱' } },
  {
    label: '扫描电镜 + 贵阳 + 航空, 5 facets',
    variables: { text: '扫描电镜', filter: { regionCode: '520100', industry: 'AVIATION' }, facets: true },
    target: true,
  },
  {
    label: '盐雾试验 + 遵义 + 汽车, 5 facets',
    variables: { text: '盐雾试验', filter: { regionCode: '520300', industry: 'AUTOMOTIVE' }, facets: true },
    target: true,
  },
  {
    label: 'no text: 贵阳 + 电力装备, 5 facets',
    variables: { filter: { regionCode: '520100', industry: 'POWER_EQUIPMENT' }, facets: true },
  },
  { label: 'no text, no filter, 5 facets', variables: { facets: true } },
  {
    label: `page ${DEEP_PAGE} by value (desc)`,
    variables: { orderBy: { field: 'ORIGINAL_VALUE', direction: 'DESC' } },
    deep: true,
  },
  { label: 'keyword 电镜 (2 characters)', variables: { text: '电镜' } },
  { label: 'keyword microscope', variables: { text: 'microscope' } },
];

// ---------------------------------------------------------------------------------------------- the databases

interface Target {
  name: string;
  db: Database;
  server: RunningServer;
  /** Per case: the `after` cursor of a deep page. */
  cursors: Map<SearchCase, string>;
  samples: Map<SearchCase, number[]>;
  matched: Map<SearchCase, number>;
}

const signingSecret = randomBytes(32).toString('base64url');
/** Servers first, then databases: run at the end whatever happened. */
const closers: (() => Promise<void>)[] = [];

const enterprises = buildEnterprises();
const world = { enterprises, platforms: buildPlatforms(enterprises) };

/** Migrates and seeds as `pnpm start` does, loads the generated rows, analyzes, and serves. */
async function buildTarget(name: string, db: Database): Promise<Target> {
  await db.migrate(instruments.migrations);
  await instruments.seed(db);
  const { seconds } = await loadGeneratedInstruments(db, count, world, { label: name });
  await analyzeInstruments(db);
  console.log(`${name}: ${count.toLocaleString('en')} instruments loaded in ${seconds.toFixed(1)} s`);
  const server = await serveSubgraph(instruments, {
    db,
    signingSecret,
    port: 0,
    logger: createLogger('bench-search'),
  });
  closers.unshift(() => server.close());
  return { name, db, server, cursors: new Map(), samples: new Map(), matched: new Map() };
}

// ---------------------------------------------------------------------------------------------- the requests

interface SearchAnswer {
  data?: {
    searchInstruments: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null;
  };
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One search as the gateway sends it: the body signed for the caller, timed from send to last byte. */
async function search(
  target: Target,
  variables: Record<string, unknown>,
): Promise<{ ms: number; totalCount: number; endCursor: string | null; hasNextPage: boolean }> {
  const body = JSON.stringify({ query: SEARCH, variables: { first: PAGE, facets: false, ...variables } });
  const headers = {
    'content-type': 'application/json',
    [IDENTITY_HEADER]: signIdentity(PUBLIC_CLAIMS, signingSecret, body),
  };
  const began = performance.now();
  const response = await fetch(target.server.url, { method: 'POST', headers, body });
  const text = await response.text();
  const ms = performance.now() - began;
  const answer = JSON.parse(text) as SearchAnswer;
  const found = answer.data?.searchInstruments;
  if (answer.errors?.length || !found) {
    const [first] = answer.errors ?? [];
    throw new Error(
      `${target.name}: ${first ? `${first.message} (${first.extensions?.code ?? 'no code'})` : `HTTP ${response.status}`} for ${JSON.stringify(variables)}`,
    );
  }
  return { ms, totalCount: found.totalCount, ...found.pageInfo };
}

function variablesOf(target: Target, item: SearchCase): Record<string, unknown> {
  return item.deep ? { ...item.variables, after: target.cursors.get(item) } : item.variables;
}

/**
 * The cursor that ends the page before DEEP_PAGE, found by paging as a client would (in a small
 * catalogue, the one before the last page; the case is labelled with the page it asks for).
 */
async function findDeepCursors(target: Target): Promise<void> {
  for (const item of CASES.filter((c) => c.deep)) {
    let after: string | null = null;
    let page = 1;
    for (; page < DEEP_PAGE; page++) {
      const { endCursor, hasNextPage } = await search(target, { ...item.variables, ...(after ? { after } : {}) });
      if (!hasNextPage || !endCursor) break;
      after = endCursor;
    }
    if (!after) throw new Error(`${target.name}: ${item.label}: a single page, no deep one`);
    target.cursors.set(item, after);
    item.label = item.label.replace(/^page \d+/, `page ${page}`);
  }
}

async function measure(target: Target, item: SearchCase): Promise<void> {
  const { ms, totalCount } = await search(target, variablesOf(target, item));
  const samples = target.samples.get(item) ?? [];
  samples.push(ms);
  target.samples.set(item, samples);
  const before = target.matched.get(item);
  if (before !== undefined && before !== totalCount) {
    throw new Error(`${target.name}: ${item.label} matched ${before}, then ${totalCount}`);
  }
  target.matched.set(item, totalCount);
}

// ---------------------------------------------------------------------------------------------- the report

/** Columns a string takes in a terminal: CJK characters take two. */
function columns(text: string): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/u.test(char) ? 2 : 1;
  return width;
}
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - columns(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - columns(text))) + text;

function printTable(targets: Target[]): void {
  const header = ['search', ...targets.flatMap((t) => [`${t.name} p50`, 'p95', 'rows'])];
  const rows = CASES.map((item) => [
    item.label,
    ...targets.flatMap((t) => {
      const samples = t.samples.get(item) ?? [];
      return [
        `${percentile(samples, 0.5).toFixed(1)} ms`,
        `${percentile(samples, 0.95).toFixed(1)} ms`,
        (t.matched.get(item) ?? 0).toLocaleString('en'),
      ];
    }),
  ]);
  const widths = header.map((title, i) => Math.max(columns(title), ...rows.map((row) => columns(row[i] ?? ''))));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? padEnd(cell, widths[i] ?? 0) : padStart(cell, widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** EXPLAIN (ANALYZE, BUFFERS) of every statement one search sends, on the target's database. */
async function explain(target: Target, item: SearchCase): Promise<void> {
  const statements: { sql: string; bindings: unknown[] }[] = [];
  const record = (query: { sql: string; bindings?: unknown[] }) => {
    statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  };
  target.db.knex.on('query', record);
  try {
    await search(target, variablesOf(target, item));
  } finally {
    target.db.knex.off('query', record);
  }
  console.log(`\n=== ${target.name}: ${item.label}: ${statements.length} statements`);
  // The statements come as the driver runs them ($1, $2, …): explained over a connection of the pool.
  const client = target.db.knex.client as {
    acquireConnection(): Promise<{
      query(text: string, values: unknown[]): Promise<{ rows: Record<string, string>[] }>;
    }>;
    releaseConnection(connection: unknown): Promise<void>;
  };
  const connection = await client.acquireConnection();
  try {
    for (const { sql, bindings } of statements) {
      const plan = await connection.query(`explain (analyze, buffers) ${sql}`, bindings);
      const lines = plan.rows.map((row) => row['QUERY PLAN']);
      console.log(`\n${sql}\n-- bindings: ${JSON.stringify(bindings)}\n${lines.join('\n')}`);
    }
  } finally {
    await client.releaseConnection(connection);
  }
}

// ---------------------------------------------------------------------------------------------- the run

const postgresUrl = benchDatabaseUrl(values.postgres, BENCH_DATABASE);
const targets: Target[] = [];

/** Opens a bench database, closed at the end whatever happens. */
async function open(options: { url: string } | { dataDir: string }): Promise<Database> {
  const db = await Database.open({ schema: instruments.name, ...options });
  closers.unshift(() => db.close());
  return db;
}

try {
  console.log(
    `bench:search — ${count.toLocaleString('en')} generated instruments; PostgreSQL at ${shown(postgresUrl)}`,
  );
  await ensureDatabase(postgresUrl);
  const postgres = await open({ url: postgresUrl });
  await postgres.dropSchema();
  targets.push(await buildTarget('PostgreSQL', postgres));
  targets.push(await buildTarget('PGlite', await open({ dataDir: IN_MEMORY })));

  for (const target of targets) await findDeepCursors(target);
  // Warm-up: plans, caches, PGlite's WebAssembly and the HTTP connections.
  for (let pass = 0; pass < 3; pass++) {
    for (const target of targets) for (const item of CASES) await search(target, variablesOf(target, item));
  }
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) for (const item of CASES) await measure(target, item);
  }

  const [cpu] = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\n${rounds} rounds after a warm-up, ${PAGE} rows a page, as PUBLIC; Node ${process.version}, ` +
      `${cpus().length} × ${cpu?.model.trim() ?? 'CPU'}, load average ${load}\n`,
  );
  printTable(targets);

  const [pg] = targets as [Target];
  const targetCases = CASES.filter((item) => item.target);
  const worst = Math.max(...targetCases.map((item) => percentile(pg.samples.get(item) ?? [], 0.95)));
  console.log(
    `\nTarget: PostgreSQL p95 of a keyword + two filters + all five facets under ${TARGET_MS} ms: ` +
      `${worst.toFixed(1)} ms — ${worst < TARGET_MS ? 'PASS' : 'MISS'}`,
  );
  if (values.explain) {
    const p95 = (item: SearchCase) => percentile(pg.samples.get(item) ?? [], 0.95);
    const slowest = CASES.reduce((a, b) => (p95(b) > p95(a) ? b : a));
    for (const item of new Set([...targetCases, slowest])) await explain(pg, item);
  }
} catch (error) {
  process.exitCode = 1;
  process.stderr.write(`bench:search failed: ${(error as Error).message}\n`);
} finally {
  for (const close of closers) await close().catch(() => {});
}
