/**
 * `pnpm bench:integrity [--instruments 100000] [--runs 3] [--postgres URL]`: the cross-source
 * integrity check at province scale. The five sources and the quality subgraph, each over its own
 * schema of one PostgreSQL database, behind the real gateway; a known set of dangling references
 * is written straight into the sources' tables (owners, operators, platforms and regions that no
 * source keeps); then `runIntegrityCheck` goes through the gateway as an administrator, `--runs`
 * times. Prints the records read per source, each check's wall time and the median, records a
 * second, the pages the check read through the gateway, the gateway's calls to each subgraph and
 * their time, and the SQL statements per subgraph. Every answer is checked first: the dangling
 * references found must be exactly the seeded ones, and the records read each source's row count —
 * a fast wrong answer fails the run. At demo size and with N generated instruments added. The
 * database (`gzequip_bench_integrity` on the local server unless --postgres names one) is rebuilt.
 */
import { randomBytes } from 'node:crypto';
import { gatewayConfigFromEnv, type RunningGateway, startGateway } from '@gzequip/gateway';
import { Database, type RunningServer } from '@gzequip/kit';
import { SignJWT } from 'jose';
import { buildEnterprises } from './demo-data/enterprises.ts';
import { buildPlatforms } from './demo-data/platforms.ts';
import { benchDatabaseUrl, ensureDatabase, serveFreshSubgraphs, shown } from './lib/benchDatabase.ts';
import { percentile, printTable } from './lib/benchReport.ts';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import { analyzeInstruments, loadGeneratedInstruments } from './lib/generatedInstruments.ts';
import {
  type DanglingReference,
  type IntegrityCheck,
  runIntegrityCheck,
  type SourceQuality,
} from './lib/integrityClient.ts';

process.env.LOG_LEVEL ??= 'warn';

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} bench:integrity [--instruments 100000] [--runs 3] [--postgres URL]

runIntegrityCheck through the gateway over every source, with known dangling references seeded,
at demo size and with --instruments generated instruments added (0: demo only).`,
  {
    instruments: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    postgres: { type: 'string' },
  },
);
const generated = Number(values.instruments);
const runs = Number(values.runs);
if (!Number.isSafeInteger(generated) || generated < 0 || generated > 999_999) stop('--instruments takes 0 to 999999');
if (!Number.isSafeInteger(runs) || runs < 1 || runs > 100) stop('--runs takes 1 to 100');

/** A reference written into a source's table that names a record no source keeps. */
interface DanglingSeed {
  source: string;
  entity: string;
  field: string;
  targetType: 'Enterprise' | 'Platform' | 'Region';
  table: string;
  column: string;
  /** Rows that may take it: records the check reads, already holding a reference of this kind. */
  among: string;
  count: number;
  /** The nth missing key, in the format the table's checks accept. */
  missingKey: (n: number) => string;
}

const goneEnterprise = (n: number) => `ent-gone${n}`;
const gonePlatform = (n: number) => `plt-gone${n}`;
// Guizhou's codes are 52xx00 (and GUIAN): 5299xx is well formed and names no region.
const unknownRegion = (n: number) => `5299${String(n).padStart(2, '0')}`;

/** Every reference the check follows, each seeded at least once; most among the instruments' owners. */
const SEEDS: readonly DanglingSeed[] = [
  {
    source: 'instruments',
    entity: 'Instrument',
    field: 'owner',
    targetType: 'Enterprise',
    table: 'instruments.instrument',
    column: 'owner_id',
    // Classified instruments are their owners' alone: the check never reads them.
    among: 'not classified',
    count: 20,
    missingKey: goneEnterprise,
  },
  {
    source: 'instruments',
    entity: 'Instrument',
    field: 'platform',
    targetType: 'Platform',
    table: 'instruments.instrument',
    column: 'platform_id',
    among: 'not classified and platform_id is not null',
    count: 5,
    missingKey: gonePlatform,
  },
  {
    source: 'instruments',
    entity: 'Instrument',
    field: 'region',
    targetType: 'Region',
    table: 'instruments.instrument',
    column: 'region_code',
    among: 'not classified',
    count: 3,
    missingKey: unknownRegion,
  },
  {
    source: 'platforms',
    entity: 'Platform',
    field: 'operator',
    targetType: 'Enterprise',
    table: 'platforms.platform',
    column: 'operator_id',
    among: 'true',
    count: 1,
    missingKey: (n) => goneEnterprise(100 + n),
  },
  {
    source: 'platforms',
    entity: 'Platform',
    field: 'region',
    targetType: 'Region',
    table: 'platforms.platform',
    column: 'region_code',
    among: 'true',
    count: 1,
    missingKey: (n) => unknownRegion(10 + n),
  },
  {
    source: 'assessments',
    entity: 'Assessment',
    field: 'platform',
    targetType: 'Platform',
    table: 'assessments.assessment',
    column: 'platform_id',
    among: 'true',
    count: 2,
    missingKey: (n) => gonePlatform(100 + n),
  },
  {
    source: 'assessments',
    entity: 'Assessment',
    field: 'region',
    targetType: 'Region',
    table: 'assessments.assessment',
    column: 'region_code',
    among: 'region_code is not null',
    count: 1,
    missingKey: (n) => unknownRegion(20 + n),
  },
  {
    source: 'planning',
    entity: 'Zone',
    field: 'region',
    targetType: 'Region',
    table: 'planning.zone',
    column: 'region_code',
    among: 'true',
    count: 1,
    missingKey: (n) => unknownRegion(30 + n),
  },
  {
    source: 'planning',
    entity: 'Plant',
    field: 'enterprise',
    targetType: 'Enterprise',
    table: 'planning.plant',
    column: 'enterprise_id',
    among: 'true',
    count: 1,
    missingKey: (n) => goneEnterprise(200 + n),
  },
];

/** What an administrator may see of each entity the check reads, counted in its source's table. */
const RECORD_COUNTS: Record<string, string> = {
  Instrument: 'select count(*)::int as count from instruments.instrument where not classified',
  Platform: 'select count(*)::int as count from platforms.platform',
  Assessment: 'select count(*)::int as count from assessments.assessment',
  Zone: 'select count(*)::int as count from planning.zone',
  Plant: 'select count(*)::int as count from planning.plant',
  Enterprise: 'select count(*)::int as count from enterprises.enterprise',
};

const referenceKey = (r: DanglingReference) =>
  `${r.source} ${r.entity} ${r.recordId} ${r.field} → ${r.targetType} ${r.targetKey}`;

/**
 * Writes the seeds into the sources' tables, each on rows no other seed of that table took, picked
 * by a hash of the id so that they spread over the whole list (and its pages). Returns what the
 * check must find.
 */
async function seedDangling(plain: Database): Promise<DanglingReference[]> {
  const taken = new Map<string, string[]>();
  const seeded: DanglingReference[] = [];
  for (const seed of SEEDS) {
    const excluded = taken.get(seed.table) ?? [];
    const rows = await plain.raw<{ id: string }>(
      `select id from ?? where ${seed.among} and not (id = any(?)) order by md5(id || ?) limit ?`,
      [seed.table, excluded, seed.column, seed.count],
    );
    if (rows.length < seed.count) stop(`${seed.table} has only ${rows.length} rows to take a dangling ${seed.column}`);
    for (const [i, { id }] of rows.entries()) {
      const key = seed.missingKey(i + 1);
      await plain.raw('update ?? set ?? = ? where id = ?', [seed.table, seed.column, key, id]);
      const { source, entity, field, targetType } = seed;
      seeded.push({ source, entity, recordId: id, field, targetType, targetKey: key });
    }
    taken.set(seed.table, [...excluded, ...rows.map(({ id }) => id)]);
  }
  return seeded;
}

/** An HS256 bearer token the gateway accepts (signed with its JWT secret), for an administrator. */
function adminToken(secret: string, sub: string, jwt: { issuer: string; audience: string }): Promise<string> {
  return new SignJWT({ role: 'ADMIN', platformIds: [], scope: '' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(jwt.issuer)
    .setAudience(jwt.audience)
    .setIssuedAt()
    .setExpirationTime('4h')
    .sign(new TextEncoder().encode(secret));
}

async function ask<TData>(url: string, token: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as { data?: TData | null; errors?: unknown[] };
  if (answer.errors || !answer.data) stop(`the gateway answered an error: ${JSON.stringify(answer).slice(0, 500)}`);
  return answer.data;
}

/** The gateway's own counts: its calls to each subgraph, with their time. */
interface GatewayCounts {
  calls: Record<string, { count: number; seconds: number }>;
}

async function gatewayCounts(gateway: RunningGateway): Promise<GatewayCounts> {
  const counts: GatewayCounts = { calls: {} };
  for (const metric of await gateway.metrics.registry.getMetricsAsJSON()) {
    // A histogram's values carry their series' name (…_count, …_sum), which prom-client's type leaves out.
    for (const { labels, value, metricName } of metric.values as {
      labels: Record<string, unknown>;
      value: number;
      metricName?: string;
    }[]) {
      if (metric.name !== 'gateway_subgraph_fetch_duration_seconds') continue;
      const subgraph = String(labels.subgraph);
      const calls = counts.calls[subgraph] ?? { count: 0, seconds: 0 };
      counts.calls[subgraph] = calls;
      if (metricName?.endsWith('_count')) calls.count += value;
      if (metricName?.endsWith('_sum')) calls.seconds += value;
    }
  }
  return counts;
}

interface Run {
  ms: number;
  /** Pages of records the check read through the gateway. */
  pages: number;
  calls: GatewayCounts['calls'];
  statements: Record<string, number>;
}

interface Measured {
  size: string;
  sources: SourceQuality[];
  seeded: number;
  runs: Run[];
}

const secret = randomBytes(32).toString('base64url');
/** The gateway's settings as production has them by default: the check must run within its timeouts. */
const defaults = gatewayConfigFromEnv({ JWT_SECRET: secret, SUBGRAPH_SIGNING_SECRET: secret, NODE_ENV: 'production' });
const url = benchDatabaseUrl(values.postgres, 'gzequip_bench_integrity');
await ensureDatabase(url);
const enterprises = buildEnterprises();
const world = { enterprises, platforms: buildPlatforms(enterprises) };

/** Fails the run unless the check read every record and found exactly the seeded references. */
function verify(
  check: IntegrityCheck,
  seeded: readonly DanglingReference[],
  expectedRecords: Record<string, number>,
): void {
  if (check.sources.length !== Object.keys(expectedRecords).length) {
    stop(
      `the check read ${check.sources.map(({ entity }) => entity).join(', ')}; this benchmark counts ${Object.keys(expectedRecords).join(', ')}`,
    );
  }
  for (const { entity, records } of check.sources) {
    if (records !== expectedRecords[entity]) {
      stop(`the check read ${records} ${entity} records; the source's table holds ${expectedRecords[entity]}`);
    }
  }
  const found = check.dangling;
  const expected = new Set(seeded.map(referenceKey));
  const actual = new Set(found.map(referenceKey));
  const missed = [...expected].filter((key) => !actual.has(key));
  const extra = [...actual].filter((key) => !expected.has(key));
  if (
    missed.length > 0 ||
    extra.length > 0 ||
    found.length !== seeded.length ||
    check.danglingCount !== seeded.length
  ) {
    stop(
      `the check's dangling references are not the seeded ones (found ${found.length}, count ${check.danglingCount}, seeded ${seeded.length}):\n` +
        `  missed: ${missed.slice(0, 10).join('; ') || 'none'}\n  not seeded: ${extra.slice(0, 10).join('; ') || 'none'}`,
    );
  }
}

async function measure(extra: number): Promise<Measured> {
  const size = extra > 0 ? `demo + ${extra.toLocaleString('en')}` : 'demo';
  const dbs: Record<string, Database> = {};
  const servers: Record<string, RunningServer> = {};
  let gateway: RunningGateway | undefined;
  const plain = await Database.open({ schema: 'public', url });
  try {
    // The quality source reads the graph as an administrator's service account; GRAPH_URL once the gateway runs.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      QUALITY_GRAPH_TOKEN: await adminToken(secret, 'service:quality', defaults.jwt),
    };
    await serveFreshSubgraphs(url, secret, dbs, servers, env);
    if (extra > 0) {
      await loadGeneratedInstruments(dbs.instruments as Database, extra, world);
      await analyzeInstruments(dbs.instruments as Database);
    }
    const seeded = await seedDangling(plain);
    const expectedRecords: Record<string, number> = {};
    for (const [entity, sql] of Object.entries(RECORD_COUNTS)) {
      const [row] = await plain.raw<{ count: number }>(sql);
      expectedRecords[entity] = row?.count ?? 0;
    }

    gateway = await startGateway({
      ...defaults,
      port: 0,
      subgraphUrls: Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, server.url])),
      rateLimits: { anonymous: 100_000_000, user: 100_000_000, partner: 100_000_000 },
      responseCacheTtlSeconds: 0,
    });
    env.GRAPH_URL = gateway.url;
    const gatewayUrl = gateway.url;
    const token = await adminToken(secret, 'bench:integrity', defaults.jwt);

    const measured: Run[] = [];
    let sources: SourceQuality[] = [];
    for (let run = 0; run < runs; run++) {
      const statementsBefore = Object.fromEntries(Object.entries(dbs).map(([name, db]) => [name, db.statements.count]));
      const countsBefore = await gatewayCounts(gateway);
      // The check runs in the background; its time is the quality subgraph's own, start to finish.
      const check = await runIntegrityCheck((query, variables) => ask(gatewayUrl, token, query, variables), {
        staleAfterDays: 365,
        pollMs: 200,
      });
      if (check.status === 'FAILED') stop(`the check failed: ${check.failure}`);
      const ms = Date.parse(check.finishedAt as string) - Date.parse(check.startedAt);
      const countsAfter = await gatewayCounts(gateway);
      const statements = Object.fromEntries(
        Object.entries(dbs).map(([name, db]) => [name, db.statements.count - (statementsBefore[name] ?? 0)]),
      );
      verify(check, seeded, expectedRecords);
      const calls = Object.fromEntries(
        Object.entries(countsAfter.calls).map(([name, after]) => {
          const before = countsBefore.calls[name] ?? { count: 0, seconds: 0 };
          return [name, { count: after.count - before.count, seconds: after.seconds - before.seconds }];
        }),
      );
      measured.push({ ms, pages: check.progress.pagesRead, calls, statements });
      sources = check.sources;
      console.log(
        `  ${extra > 0 ? `demo + ${extra}` : 'demo'}, run ${run + 1}: ${(ms / 1000).toFixed(2)} s, answer checked`,
      );
    }
    return {
      size,
      sources,
      seeded: seeded.length,
      runs: measured,
    };
  } finally {
    await gateway?.close();
    for (const server of Object.values(servers)) await server.close();
    for (const db of Object.values(dbs)) await db.close();
    await plain.close();
  }
}

console.log(
  `bench:integrity — runIntegrityCheck through the gateway as an administrator, ${runs} run${runs === 1 ? '' : 's'} a size; PostgreSQL ${shown(url)}`,
);
const results = [await measure(0), ...(generated > 0 ? [await measure(generated)] : [])];

const figure = (n: number) => Math.round(n).toLocaleString('en');
const totalRecords = (r: Measured) => r.sources.reduce((sum, source) => sum + source.records, 0);
const medianMs = (r: Measured) =>
  percentile(
    r.runs.map(({ ms }) => ms),
    0.5,
  );
/** The run whose time is the median: its calls and statements are the ones shown. */
const medianRun = (r: Measured) => r.runs.find(({ ms }) => ms === medianMs(r)) as Run;
const nonZero = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name} ${figure(n)}`)
    .join(', ');

console.log('\nRecords read and references followed, per source (the last run):');
printTable(
  [
    ['data', 'source', 'entity', 'records', 'references', 'dangling'],
    ...results.flatMap((r) =>
      r.sources.map((s) => [r.size, s.source, s.entity, figure(s.records), figure(s.references), String(s.dangling)]),
    ),
  ],
  3,
);

console.log('\nEach check (the dangling references found were exactly the seeded ones, every record was read):');
printTable([
  ['data', 'records', 'dangling = seeded', 'wall time per run', 'median', 'records/s', 'pages', 'statements per check'],
  ...results.map((r) => [
    r.size,
    figure(totalRecords(r)),
    String(r.seeded),
    `${r.runs.map(({ ms }) => (ms / 1000).toFixed(2)).join(', ')} s`,
    `${(medianMs(r) / 1000).toFixed(2)} s`,
    figure(totalRecords(r) / (medianMs(r) / 1000)),
    String(medianRun(r).pages),
    nonZero(medianRun(r).statements),
  ]),
]);

console.log(
  "\nThe gateway's calls to each subgraph during the median check (quality: starting the check and following it):",
);
printTable(
  [
    ['data', 'subgraph', 'calls', 'time in calls', 'per call'],
    ...results.flatMap((r) =>
      Object.entries(medianRun(r).calls)
        .filter(([, calls]) => calls.count > 0)
        .map(([name, { count, seconds }]) => [
          r.size,
          name,
          figure(count),
          `${seconds.toFixed(2)} s`,
          `${((seconds * 1000) / count).toFixed(1)} ms`,
        ]),
    ),
  ],
  2,
);

process.exit(0);
