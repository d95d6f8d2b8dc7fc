/**
 * `pnpm export:instruments [--format csv|xlsx|json] [--out FILE|-] [--url URL]`: the published
 * catalogue of instruments as open data, as the public sees it (no token), every page of
 * `instruments` followed to the end. CSV and XLSX use the national record's Chinese headers and
 * words (lib/instrumentSheet.ts), so a file written here imports again with import:instruments;
 * JSON is an array of objects keyed by the API's field names. Contacts, which only signed-in
 * callers see, are left empty.
 */
import { writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import { cellOf, EXPORT_SELECTION, fieldsOfNode, INSTRUMENT_COLUMNS } from './lib/instrumentSheet.ts';

const PAGE = 500;

const HELP = `Usage: ${pnpmCommand()} export:instruments [options]

Writes the published catalogue of instruments, as the public sees it, one row per instrument:
CSV (UTF-8 with a byte-order mark, for Excel) or XLSX with the national record's Chinese
headers, or JSON keyed by the API's field names. The file imports again with
${pnpmCommand()} import:instruments; contacts, which the public does not see, are left empty.

Options:
  --format F   csv (default), xlsx or json
  --out FILE   where to write (default: instruments.<format> here; - for stdout)
  --url URL    the gateway (default: http://127.0.0.1:$PORT/graphql, PORT 4000)
`;

const QUERY = `query Catalogue($after: String) {
  instruments(first: ${PAGE}, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${EXPORT_SELECTION} } }
  }
}`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Record<string, unknown> }[];
}

interface Answer {
  data?: { instruments?: Page | null } | null;
  errors?: { message: string }[];
}

function fail(message: string): never {
  return stop(`pnpm export:instruments: ${message}`);
}

async function page(url: string, after: string | null): Promise<Page> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY, variables: { after } }),
      signal: AbortSignal.timeout(120_000),
    });
  } catch {
    return fail(`no gateway answers at ${url} (is ${pnpmCommand()} start running? --url names another)`);
  }
  let answer: Answer;
  try {
    answer = (await response.json()) as Answer;
  } catch {
    return fail(`the gateway at ${url} answered HTTP ${response.status} without a GraphQL answer`);
  }
  // A partial answer (a source down) would write rows that are wrong: nothing is written instead.
  if (answer.errors?.length || !answer.data?.instruments) {
    return fail(`the gateway did not give the catalogue: ${answer.errors?.[0]?.message ?? `HTTP ${response.status}`}`);
  }
  return answer.data.instruments;
}

async function xlsxOf(instruments: Record<string, unknown>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('大型科研仪器', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = INSTRUMENT_COLUMNS.map((column) => ({
    header: column.header,
    key: column.field,
    width: column.kind === 'text' && !column.normalize ? 24 : Math.max(12, column.header.length * 2 + 2),
    // Codes stay text, so Excel keeps their leading zeros; dates show as dates.
    style:
      column.kind === 'date'
        ? { numFmt: 'yyyy-mm-dd' }
        : column.kind === 'number'
          ? { numFmt: '0.00' }
          : { numFmt: '@' },
  }));
  for (const instrument of instruments) {
    sheet.addRow(INSTRUMENT_COLUMNS.map((column) => cellOf(column, instrument[column.field], 'xlsx')));
  }
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function run(): Promise<void> {
  const { values } = parseCommandLine(HELP, {
    format: { type: 'string', default: 'csv' },
    out: { type: 'string' },
    url: { type: 'string' },
  });
  const format = values.format;
  if (format !== 'csv' && format !== 'xlsx' && format !== 'json') {
    stop(`pnpm export:instruments: --format ${format}: use csv, xlsx or json`, 2);
  }
  const url = values.url ?? `http://127.0.0.1:${process.env.PORT ?? 4000}/graphql`;
  const out = values.out ?? `instruments.${format}`;

  const instruments: Record<string, unknown>[] = [];
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: 'instruments {value}/{total} [{bar}] {percentage}%', stream: process.stderr })
    : undefined;
  let after: string | null = null;
  for (;;) {
    const { totalCount, pageInfo, edges } = await page(url, after);
    instruments.push(...edges.map(({ node }) => fieldsOfNode(node)));
    if (bar && !bar.isActive) bar.start(totalCount, 0);
    bar?.setTotal(Math.max(totalCount, instruments.length));
    bar?.update(instruments.length);
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) break;
    after = pageInfo.endCursor;
  }
  bar?.stop();

  let output: string | Buffer;
  if (format === 'json') output = `${JSON.stringify(instruments, null, 2)}\n`;
  else if (format === 'csv') {
    const rows = instruments.map((instrument) =>
      INSTRUMENT_COLUMNS.map((column) => cellOf(column, instrument[column.field], 'csv')),
    );
    output = `\ufeff${stringify([INSTRUMENT_COLUMNS.map((column) => column.header), ...rows])}`;
  } else output = await xlsxOf(instruments);

  if (out === '-') process.stdout.write(output);
  else {
    try {
      writeFileSync(out, output);
    } catch (error) {
      fail(`cannot write ${out}: ${(error as Error).message}`);
    }
    process.stderr.write(`${instruments.length} instruments → ${out}\n`);
  }
}

await run();
