/**
 * `pnpm integrity [--url URL] [--token T] [--stale-after-days N] [--json]`: runs an integrity
 * check through the gateway (the quality source's `runIntegrityCheck`, which reads every source
 * through the graph) and prints, per source, its records, references, dangling references, stale
 * records and missing fields, then every dangling reference. Exits 1 when any reference leads
 * nowhere, so a pipeline can stop on it; 2 when the check could not run.
 */
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';

const pnpm = pnpmCommand();
const { values } = parseCommandLine(
  `Usage: ${pnpm} integrity [options]

Checks every reference a source holds to a record another source keeps (an instrument's owner,
a platform's region, an assessment's platform …), resolved through the graph, and each source's
data quality. The check runs in the quality subgraph; this follows its progress to the end.
Exits 0 when every reference resolves, 1 when some lead nowhere, 2 when the check could not run.

Options:
  --url URL              the gateway (default: $GRAPH_URL, else http://127.0.0.1:$PORT/graphql, PORT 4000)
  --token T              an administrator's bearer token (default: $GZEQUIP_TOKEN, else a
                         development token for this checkout's ${pnpm} start)
  --stale-after-days N   records unchanged for longer are stale (default 365)
  --json                 print the check as JSON instead of tables`,
  {
    url: { type: 'string' },
    token: { type: 'string' },
    'stale-after-days': { type: 'string', default: '365' },
    json: { type: 'boolean', default: false },
  },
);

const url = values.url || process.env.GRAPH_URL || `http://127.0.0.1:${process.env.PORT || 4000}/graphql`;
const staleAfterDays = Number(values['stale-after-days']);
if (!Number.isInteger(staleAfterDays)) stop('--stale-after-days must be a whole number of days', 2);

interface DanglingReference {
  source: string;
  entity: string;
  recordId: string;
  field: string;
  targetType: string;
  targetKey: string;
}

interface DanglingPage {
  edges: { node: DanglingReference }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface IntegrityCheck {
  id: string;
  status: 'RUNNING' | 'FINISHED' | 'FAILED';
  failure: string | null;
  startedAt: string;
  finishedAt: string;
  staleAfterDays: number;
  danglingCount: number;
  sources: {
    source: string;
    entity: string;
    records: number;
    references: number;
    dangling: number;
    staleRecords: number;
    missingFields: { field: string; records: number }[];
  }[];
  dangling: DanglingPage;
}

const DANGLING = `dangling(first: 500, after: $after) {
  edges { node { source entity recordId field targetType targetKey } }
  pageInfo { hasNextPage endCursor }
}`;

const START = `mutation StartIntegrityCheck($staleAfterDays: Int!) {
  check: runIntegrityCheck(staleAfterDays: $staleAfterDays) { id }
}`;

const PROGRESS = `query IntegrityCheckProgress($id: ID!) {
  check: integrityCheck(id: $id) { status progress { recordsRead pagesRead } }
}`;

const FOLLOW = `query FollowIntegrityCheck($id: ID!, $after: String) {
  check: integrityCheck(id: $id) {
    id status failure startedAt finishedAt staleAfterDays danglingCount
    sources { source entity records references dangling staleRecords missingFields { field records } }
    ${DANGLING}
  }
}`;

const MORE = `query MoreDangling($id: ID!, $after: String) { check: integrityCheck(id: $id) { ${DANGLING} } }`;

async function ask<TData>(token: string, query: string, variables: Record<string, unknown>): Promise<TData> {
  let answer: { data?: TData | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    answer = (await response.json()) as typeof answer;
  } catch (error) {
    stop(`The gateway at ${url} did not answer (${(error as Error).message}). Is ${pnpm} start running?`, 2);
  }
  const [first] = answer.errors ?? [];
  if (first || !answer.data) {
    stop(`The check failed: ${first ? `${first.message} (${first.extensions?.code ?? 'no code'})` : 'no data'}`, 2);
  }
  return answer.data;
}

async function bearerToken(): Promise<string> {
  const given = values.token || process.env.GZEQUIP_TOKEN;
  if (given) return given;
  // Loaded only when needed: it reads this checkout's development secrets.
  const { mintDevToken } = await import('./lib/devToken.ts');
  return mintDevToken({ role: 'ADMIN', sub: 'dev-integrity' }, '10m');
}

/** Columns padded to their widest cell; numbers (all columns but the names and the last) to the right. */
function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = (column: number) => column >= 2 && column < header.length - 1;
  for (const row of [header, ...rows]) {
    const cells = row.map((cell, column) =>
      numeric(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
    );
    console.log(`  ${cells.join('  ').trimEnd()}`);
  }
}

const token = await bearerToken();
const { check: started } = await ask<{ check: { id: string } }>(token, START, { staleAfterDays });
// The check runs in the quality subgraph; its progress is followed until it ends.
for (;;) {
  const { check: now } = await ask<{ check: { status: string; progress: { recordsRead: number; pagesRead: number } } }>(
    token,
    PROGRESS,
    {
      id: started.id,
    },
  );
  if (now.status !== 'RUNNING') break;
  if (process.stderr.isTTY) {
    process.stderr.write(`\r  ${now.progress.recordsRead} records read, ${now.progress.pagesRead} pages…`);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
const { check } = await ask<{ check: IntegrityCheck }>(token, FOLLOW, { id: started.id, after: null });
if (check.status === 'FAILED') stop(`Integrity check ${check.id} failed: ${check.failure}`, 2);
const dangling = check.dangling.edges.map(({ node }) => node);
let { pageInfo } = check.dangling;
while (pageInfo.hasNextPage) {
  const more = await ask<{ check: { dangling: DanglingPage } }>(token, MORE, {
    id: check.id,
    after: pageInfo.endCursor,
  });
  dangling.push(...more.check.dangling.edges.map(({ node }) => node));
  pageInfo = more.check.dangling.pageInfo;
}

if (values.json) {
  console.log(JSON.stringify({ ...check, dangling }, null, 2));
} else {
  const seconds = ((Date.parse(check.finishedAt) - Date.parse(check.startedAt)) / 1000).toFixed(1);
  console.log(`Integrity check ${check.id} (${seconds} s, stale after ${check.staleAfterDays} days)\n`);
  const rows = check.sources.map((source) => [
    source.source,
    source.entity,
    String(source.records),
    String(source.references),
    String(source.dangling),
    String(source.staleRecords),
    source.missingFields
      .filter(({ records }) => records > 0)
      .map(({ field, records }) => `${field} ${records}`)
      .join(', ') || '—',
  ]);
  printTable(['source', 'entity', 'records', 'references', 'dangling', 'stale', 'missing fields'], rows);
  if (dangling.length === 0) {
    console.log('\nEvery reference resolves.');
  } else {
    console.log(`\n${dangling.length} dangling reference${dangling.length === 1 ? '' : 's'}:`);
    for (const reference of dangling) {
      console.log(
        `  ${reference.source}: ${reference.entity} ${reference.recordId} ${reference.field} → ${reference.targetType} ${reference.targetKey}, which no source keeps`,
      );
    }
  }
}
process.exit(dangling.length === 0 ? 0 : 1);
