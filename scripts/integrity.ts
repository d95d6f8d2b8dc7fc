/**
 * `pnpm integrity [--url URL] [--token T] [--stale-after-days N] [--json]`: runs an integrity
 * check through the gateway (the quality source's `runIntegrityCheck`, which reads every source
 * through the graph) and prints, per source, its records, references, dangling references, stale
 * records and missing fields, then every dangling reference. Exits 1 when any reference leads
 * nowhere, so a pipeline can stop on it; 2 when the check could not run.
 */
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import { runIntegrityCheck } from './lib/integrityClient.ts';

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
// The check runs in the quality subgraph; its progress is shown while it does.
const check = await runIntegrityCheck((query, variables) => ask(token, query, variables), {
  staleAfterDays,
  pollMs: 500,
  onProgress: ({ recordsRead, pagesRead }) => {
    if (process.stderr.isTTY) process.stderr.write(`\r  ${recordsRead} records read, ${pagesRead} pages…`);
  },
});
if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
if (check.status === 'FAILED') stop(`Integrity check ${check.id} failed: ${check.failure}`, 2);
const { dangling } = check;

if (values.json) {
  console.log(JSON.stringify(check, null, 2));
} else {
  const seconds = ((Date.parse(check.finishedAt as string) - Date.parse(check.startedAt)) / 1000).toFixed(1);
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
