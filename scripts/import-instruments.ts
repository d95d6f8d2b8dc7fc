/**
 * `pnpm import:instruments FILE [--dry-run] [--token T] [--url URL] [--batch N]`: files an
 * owner's or a partner's spreadsheet of instruments (the national record's Chinese columns, see
 * lib/instrumentSheet.ts) through the gateway's `pushInstruments`, in batches. Rows whose cells do
 * not convert are refused here, before anything is sent; the others are stored, updated, left as
 * they are, or refused by the server, each on its own. Every refused row goes to
 * `<name>.rejects.csv` beside the file, with its reasons. The server keys records by owner and
 * asset number, so running the same file again changes nothing, and an import cut short resumes
 * where it stopped.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import {
  cellText,
  columnOfField,
  type HeaderMatch,
  INSTRUMENT_COLUMNS,
  type InstrumentPushInput,
  isEmptyCell,
  matchHeaders,
  pushInputOf,
  REASONS_HEADER,
  type SheetColumn,
} from './lib/instrumentSheet.ts';

// pushInstruments takes at most 100 records, so that a push answers inside the subgraph timeout.
const MAX_BATCH = 100;
/** Requests stay well under the gateway's body limit (1 MiB by default), whatever the rows hold. */
const MAX_BATCH_BYTES = 512 * 1024;
const RETRIES = 5;

/** Words on lines of at most `width` columns (a Chinese character takes two). */
function wrap(words: string[], width = 96): string {
  const lines: string[] = [];
  let line = '';
  const columns = (text: string) => [...text].reduce((sum, char) => sum + (char.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  for (const word of words) {
    if (line && columns(`${line} ${word}`) > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

const HELP = `Usage: ${pnpmCommand()} import:instruments FILE [options]

Files the instruments of a spreadsheet through the gateway (pushInstruments, role PARTNER).
FILE is .csv (UTF-8, with or without a byte-order mark), .xlsx (the first worksheet) or .json
(what export:instruments writes). Its header row names the national record's columns:
${wrap(INSTRUMENT_COLUMNS.map((column) => `${column.header}${column.required ? '*' : ''}`))}
(* required). Enum cells take the Chinese words (购置, 对外开放, 正常, …) or the API's values
(PURCHASED, …); 是/否 for yes and no; dates YYYY-MM-DD or date cells; lists separated by ；, ; or 、.

Each row is stored (ADDED), updated (UPDATED), left as it is (UNCHANGED) or rejected, on its own,
keyed by owner credit code and asset number: running the same file again changes nothing.
Rejected rows, with their reasons in a ${REASONS_HEADER} column, go to <FILE's name>.rejects.csv.

Options:
  --dry-run     convert and check the rows here, send nothing
  --token T     a PARTNER bearer token (default: $GZEQUIP_TOKEN, else a development token
                signed with this checkout's secret, as ${pnpmCommand()} dev-token --role PARTNER makes)
  --url URL     the gateway (default: http://127.0.0.1:$PORT/graphql, PORT 4000)
  --batch N     records per request, 1 to ${MAX_BATCH} (default 100)
`;

const PUSH = `mutation Push($records: [InstrumentPushInput!]!) {
  pushInstruments(records: $records) {
    added updated unchanged rejected
    results { index outcome errors { field message code } }
  }
}`;

const name = 'pnpm import:instruments';
function fail(message: string): never {
  return stop(`${name}: ${message}`);
}

/** A sheet as read from its file: the header row and the rows under it, cells aligned to the headers. */
interface Sheet {
  headers: string[];
  rows: { number: number; cells: unknown[] }[];
}

/** The header row: the first of the first ten that names a column we read (a title row may sit above it). */
function headerRowIndex(rows: readonly unknown[][]): number {
  const found = rows.slice(0, 10).findIndex((cells) => matchHeaders(cells.map(cellText)).columns.some(Boolean));
  return Math.max(found, 0);
}

function sheetOf(rows: unknown[][], rowNumber: (index: number) => number): Sheet {
  const at = headerRowIndex(rows);
  const headers = (rows[at] ?? []).map(cellText);
  return {
    headers,
    rows: rows
      .slice(at + 1)
      .map((cells, i) => ({ number: rowNumber(at + 1 + i), cells }))
      .filter(({ cells }) => cells.some((cell) => !isEmptyCell(cell))),
  };
}

/** UTF-8 (with or without BOM); Excel's plain "CSV" on Chinese Windows is GB18030, which is read too. */
function decodeText(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      process.stderr.write(`${file} is not UTF-8; read it as GB18030 (Excel's "CSV" on Chinese Windows)\n`);
      return text;
    } catch {
      return fail(`${file} is neither UTF-8 nor GB18030 text; save it as "CSV UTF-8" or as .xlsx`);
    }
  }
}

function readCsv(file: string): Sheet {
  const text = decodeText(readFileSync(file), file);
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true });
  } catch (error) {
    return fail(`${file} is not a readable CSV: ${(error as Error).message}`);
  }
  // Blank lines are kept (and skipped later) so that a record's index is its row in a spreadsheet.
  return sheetOf(rows, (index) => index + 1);
}

async function readXlsx(file: string): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    return fail(`${file} is not a readable .xlsx workbook: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fail(`${file} has no worksheet`);
  const rows: unknown[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    // row.values is 1-based: its first item is always empty.
    rows.push((row.values as unknown[]).slice(1));
    numbers.push(number);
  });
  return sheetOf(rows, (index) => numbers[index] ?? index + 1);
}

/** An array of objects keyed by the API's field names (what export:instruments writes) or by the headers. */
function readJson(file: string): Sheet {
  let items: unknown;
  try {
    items = JSON.parse(decodeText(readFileSync(file), file).replace(/^\ufeff/, ''));
  } catch (error) {
    return fail(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(items) || items.some((item) => !item || typeof item !== 'object' || Array.isArray(item))) {
    return fail(`${file} must hold an array of objects, one per instrument`);
  }
  const headers = [...new Set(items.flatMap((item) => Object.keys(item as object)))];
  return {
    headers,
    rows: items.map((item, i) => ({
      number: i + 1,
      cells: headers.map((header) => (item as Record<string, unknown>)[header]),
    })),
  };
}

async function readSheet(file: string): Promise<Sheet> {
  if (!existsSync(file)) return fail(`cannot read ${file}: no such file`);
  const extension = extname(file).toLowerCase();
  if (extension === '.csv') return readCsv(file);
  if (extension === '.xlsx') return readXlsx(file);
  if (extension === '.json') return readJson(file);
  if (extension === '.xls') return fail(`${file}: save it as .xlsx (Excel 2007 or later) or as "CSV UTF-8"`);
  return fail(`${file}: give a .csv, .xlsx or .json file`);
}

/** A row on its way: its place in the file, its cells, and the record it became (or why it could not). */
interface Row {
  number: number;
  cells: unknown[];
  input?: InstrumentPushInput;
  reasons: string[];
}

/** A column as the file names it (its header there), for reasons a person reads beside the file. */
type Label = (column: SheetColumn) => string;

function convertRows(sheet: Sheet, match: HeaderMatch, label: Label): Row[] {
  const position = new Map(match.columns.flatMap((column, i) => (column ? [[column, i] as const] : [])));
  const firstOfKey = new Map<string, number>();
  return sheet.rows.map(({ number, cells }) => {
    const converted = pushInputOf((column) => {
      const at = position.get(column);
      return at === undefined ? undefined : cells[at];
    }, label);
    if (!converted.input) return { number, cells, reasons: converted.problems };
    // The same key twice would store the first row and overwrite it with the second, every run.
    const key = `${converted.input.ownerCreditCode}\u0000${String(converted.input.record.assetNumber)}`;
    const first = firstOfKey.get(key);
    if (first !== undefined) {
      const [owner, asset] = INSTRUMENT_COLUMNS.slice(0, 2).map(label);
      return {
        number,
        cells,
        reasons: [`${asset}: row ${first} has the same ${owner} and ${asset}; list each instrument once`],
      };
    }
    firstOfKey.set(key, number);
    return { number, cells, input: converted.input, reasons: [] };
  });
}

/** Consecutive rows to send together: at most `size`, and at most MAX_BATCH_BYTES of JSON. */
function batchesOf(rows: Row[], size: number): Row[][] {
  const batches: Row[][] = [];
  let batch: Row[] = [];
  let bytes = 0;
  for (const row of rows) {
    const rowBytes = Buffer.byteLength(JSON.stringify(row.input));
    if (batch.length > 0 && (batch.length >= size || bytes + rowBytes > MAX_BATCH_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(row);
    bytes += rowBytes;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Writes the rejected rows, as they were, with their reasons; removes a reject file an earlier run left. */
function writeRejects(path: string, headers: string[], rejected: Row[]): void {
  if (rejected.length === 0) {
    rmSync(path, { force: true });
    return;
  }
  const reasonsAt = headers.findIndex((header) => header.trim() === REASONS_HEADER);
  const kept = headers.filter((_, i) => i !== reasonsAt);
  const records = [...rejected]
    .sort((a, b) => a.number - b.number)
    .map((row) => [
      ...headers.flatMap((_, i) => (i === reasonsAt ? [] : [cellText(row.cells[i])])),
      row.reasons.join('；'),
    ]);
  try {
    writeFileSync(path, `\ufeff${stringify([[...kept, REASONS_HEADER], ...records])}`);
  } catch (error) {
    fail(`cannot write the rejected rows to ${path}: ${(error as Error).message}`);
  }
}

interface Totals {
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

interface PushSummary extends Totals {
  results: { index: number; outcome: string; errors: { field: string; message: string; code: string }[] }[];
}

interface Answer {
  data?: { pushInstruments?: PushSummary | null } | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string; retryAfterSeconds?: number } }[];
}

class Fatal extends Error {}

/** One batch through the gateway; waits and tries again when the gateway is busy or the caller over its rate. */
async function send(
  url: string,
  token: string,
  records: InstrumentPushInput[],
  devToken: boolean,
): Promise<PushSummary> {
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: PUSH, variables: { records } }),
        signal: AbortSignal.timeout(120_000),
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw new Fatal(`the gateway at ${url} did not answer in 120 s`);
      throw new Fatal(`no gateway answers at ${url} (is ${pnpmCommand()} start running? --url names another)`);
    }
    let answer: Answer;
    try {
      answer = (await response.json()) as Answer;
    } catch {
      throw new Fatal(`the gateway at ${url} answered HTTP ${response.status} without a GraphQL answer`);
    }
    const error = answer.errors?.[0];
    const code = error?.extensions?.code;
    if ((code === 'RATE_LIMITED' || code === 'SERVER_BUSY') && attempt < RETRIES) {
      const seconds = error?.extensions?.retryAfterSeconds ?? Number(response.headers.get('retry-after') ?? 0);
      await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(seconds, 1), 60) * 1000));
      continue;
    }
    if (code === 'UNAUTHENTICATED' || response.status === 401) {
      const hint = devToken ? ' (pass a PARTNER token with --token or GZEQUIP_TOKEN)' : '';
      throw new Fatal(`the gateway refused the token: ${error?.message ?? `HTTP ${response.status}`}${hint}`);
    }
    if (code === 'FORBIDDEN' || response.status === 403) {
      throw new Fatal(`the token may not push instruments (role PARTNER needed): ${error?.message ?? 'forbidden'}`);
    }
    if (code === 'SUBGRAPH_UNAVAILABLE') {
      // "The instruments source did not answer within 3000 ms; the fields it provides are null, …"
      const what = (error?.message ?? '').split(';')[0];
      throw new Fatal(
        error?.extensions?.reason === 'timeout'
          ? `${what}, and the gateway stopped waiting: rows of this batch may have been stored all the same. Run the import again, with a smaller --batch if this repeats (rows already stored report UNCHANGED)`
          : `${what}: run the import again when it is back (rows already stored report UNCHANGED)`,
      );
    }
    const summary = answer.data?.pushInstruments;
    if (!summary || summary.results.length !== records.length) {
      throw new Fatal(`the gateway did not take the batch: ${error?.message ?? `HTTP ${response.status}`}`);
    }
    return summary;
  }
}

async function run(): Promise<void> {
  const { values, positionals } = parseCommandLine(
    HELP,
    {
      'dry-run': { type: 'boolean', default: false },
      token: { type: 'string' },
      url: { type: 'string' },
      batch: { type: 'string', default: '100' },
    },
    true,
  );
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) stop(`${name}: name one file to import\n\n${HELP}`, 2);
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) {
    stop(`${name}: --batch ${values.batch}: give a whole number from 1 to ${MAX_BATCH}`, 2);
  }
  const url = values.url ?? `http://127.0.0.1:${process.env.PORT ?? 4000}/graphql`;

  const sheet = await readSheet(file);
  const match = matchHeaders(sheet.headers);
  if (match.missing.length > 0) {
    fail(
      `${file} has no column ${match.missing.map((column) => column.header).join(', ')}: its header row must use the national record's column names (see --help)`,
    );
  }
  if (match.repeated.length > 0) {
    fail(`${file} names the column ${match.repeated.map((column) => column.header).join(', ')} more than once`);
  }
  if (match.unknown.length > 0) {
    process.stderr.write(`Ignoring columns this import does not read: ${match.unknown.join(', ')}\n`);
  }
  const label: Label = (column) => sheet.headers[match.columns.indexOf(column)]?.trim() || column.header;
  const rows = convertRows(sheet, match, label);
  const toSend = rows.filter((row) => row.input);
  const rejectsFile = join(dirname(file), `${basename(file, extname(file))}.rejects.csv`);
  const batches = batchesOf(toSend, batchSize);

  if (values['dry-run']) {
    const refused = rows.filter((row) => !row.input);
    writeRejects(rejectsFile, sheet.headers, refused);
    process.stdout.write(
      `Dry run, nothing sent: ${toSend.length} of ${rows.length} rows convert and would be sent to ${url} in ${batches.length} batch${batches.length === 1 ? '' : 'es'}; ${refused.length} rejected${refused.length > 0 ? ` (rows with reasons → ${rejectsFile})` : ''}\n`,
    );
    return;
  }

  const explicit = values.token ?? (process.env.GZEQUIP_TOKEN || undefined);
  // Loaded only when needed: the development set-up loads every subgraph (seconds).
  const token =
    explicit ?? (await (await import('./lib/devToken.ts')).mintDevToken({ role: 'PARTNER', sub: 'dev-partner' }));
  const totals: Totals = { added: 0, updated: 0, unchanged: 0, rejected: 0 };
  const local = rows.length - toSend.length;
  const counts = () =>
    `${totals.added} added, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.rejected + local} rejected`;
  const showBar = batches.length > 1 && process.stderr.isTTY;
  const bar = showBar
    ? new SingleBar({ format: 'rows {value}/{total} [{bar}] {percentage}% | {counts}', stream: process.stderr })
    : undefined;
  bar?.start(toSend.length, 0, { counts: counts() });
  let sent = 0;
  for (const [i, batch] of batches.entries()) {
    let summary: PushSummary;
    try {
      summary = await send(
        url,
        token,
        batch.map((row) => row.input as InstrumentPushInput),
        !explicit,
      );
    } catch (error) {
      bar?.stop();
      if (!(error instanceof Fatal)) throw error;
      if (sent === 0) fail(error.message);
      fail(
        `${error.message}; stopped at rows ${batch[0]?.number}–${batch.at(-1)?.number}, after ${sent} rows (${counts()}): a re-run goes on from there`,
      );
    }
    for (const result of summary.results) {
      const row = batch[result.index];
      if (!row) continue;
      if (result.outcome === 'ADDED') totals.added++;
      else if (result.outcome === 'UPDATED') totals.updated++;
      else if (result.outcome === 'UNCHANGED') totals.unchanged++;
      else {
        totals.rejected++;
        row.reasons = result.errors.length
          ? result.errors.map(({ field, message }) => {
              const column = columnOfField(field);
              return `${column ? label(column) : field}: ${message}`;
            })
          : ['rejected by the server without a reason'];
        delete row.input;
      }
    }
    sent += batch.length;
    if (bar) bar.update(sent, { counts: counts() });
    else if (batches.length > 1) {
      process.stderr.write(`batch ${i + 1}/${batches.length}: ${sent} of ${toSend.length} rows sent; ${counts()}\n`);
    }
  }
  bar?.stop();

  const rejected = rows.filter((row) => !row.input);
  writeRejects(rejectsFile, sheet.headers, rejected);
  process.stdout.write(
    `Done: ${counts()}${rejected.length > 0 ? `; rejected rows with reasons → ${rejectsFile}` : ''}\n`,
  );
}

await run();
