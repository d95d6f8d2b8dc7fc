/**
 * `pnpm query FILE.graphql [--var name=value …] [--token T] [--format csv|json|xlsx] [--all-pages]
 *  [--out FILE|-] [--url URL]`: runs an operation through the gateway and writes its rows for a
 * spreadsheet. The rows are the nodes of the first connection in the answer (or the items of its
 * first list, such as statistics rows); nested objects become dotted columns (`owner.name`),
 * lists are joined with "; ". `--all-pages` follows the connection's cursors: the operation takes
 * an `$after: String` variable, passes it as the connection's `after`, and selects
 * `pageInfo { hasNextPage endCursor }`. CSV is UTF-8 with a byte-order mark, as Excel wants it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { parseCommandLine } from './lib/cli.ts';

const HELP = `Usage: pnpm query FILE.graphql [options]

Runs a GraphQL operation through the gateway and writes its rows.

Options:
  --var name=value   a variable (JSON values such as 500 or ["NORMAL"] are parsed; repeatable)
  --token T          bearer token (default: $GZEQUIP_TOKEN; none means public access)
  --format F         csv (default), json or xlsx
  --all-pages        follow cursors to the end (the operation needs $after and pageInfo)
  --out FILE         where to write (default: FILE's name with the format's extension; - for stdout)
  --url URL          the gateway (default: http://127.0.0.1:$PORT/graphql, PORT 4000)
`;

type Row = Record<string, string | number | boolean | null>;

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

function fail(message: string): never {
  process.stderr.write(`pnpm query: ${message}\n`);
  process.exit(1);
}

function parseVariable(text: string): [string, unknown] {
  const at = text.indexOf('=');
  if (at < 1) fail(`--var ${text}: write it as name=value`);
  const name = text.slice(0, at);
  const raw = text.slice(at + 1);
  try {
    return [name, JSON.parse(raw)];
  } catch {
    return [name, raw];
  }
}

interface ListFound {
  items: unknown[];
  connection: { pageInfo?: { hasNextPage?: boolean; endCursor?: string | null }; totalCount?: number } | null;
}

/** The first connection (its nodes) or list (its items) in an answer, depth first in selection order. */
function findList(value: unknown): ListFound | null {
  if (Array.isArray(value)) return { items: value, connection: null };
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.edges)) {
    return {
      items: record.edges.map((edge) => (edge as { node?: unknown }).node ?? edge),
      connection: record as ListFound['connection'],
    };
  }
  for (const child of Object.values(record)) {
    const found = findList(child);
    if (found) return found;
  }
  return null;
}

/** `{ owner: { name } }` → `{ "owner.name": … }`; lists joined with "; ". */
function flatten(value: unknown, prefix = '', row: Row = {}): Row {
  if (value === null || value === undefined) {
    if (prefix) row[prefix] = null;
  } else if (Array.isArray(value)) {
    row[prefix] = value
      .map((item) =>
        item && typeof item === 'object'
          ? Object.values(flatten(item))
              .filter((part) => part !== null)
              .join(' ')
          : String(item),
      )
      .join('; ');
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      flatten(child, prefix ? `${prefix}.${key}` : key, row);
    }
  } else {
    row[prefix || 'value'] = value as string | number | boolean;
  }
  return row;
}

/** Every column of any row; an object that was null in some rows gives its fields' columns, not its own. */
function columnsOf(rows: readonly Row[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const column of Object.keys(row)) columns.add(column);
  return [...columns].filter((column) => ![...columns].some((other) => other.startsWith(`${column}.`)));
}

async function run(): Promise<void> {
  const { values, positionals } = parseCommandLine(
    HELP,
    {
      var: { type: 'string', multiple: true, default: [] },
      token: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      'all-pages': { type: 'boolean', default: false },
      out: { type: 'string' },
      url: { type: 'string' },
    },
    true,
  );
  const [file] = positionals;
  if (!file) fail(`name a .graphql file\n\n${HELP}`);
  const format = values.format;
  if (!['csv', 'json', 'xlsx'].includes(format)) fail(`--format ${format}: use csv, json or xlsx`);
  let query: string;
  try {
    query = readFileSync(file, 'utf8');
  } catch {
    fail(`cannot read ${file}`);
  }
  const variables = Object.fromEntries(values.var.map(parseVariable));
  const url = values.url ?? `http://127.0.0.1:${process.env.PORT ?? 4000}/graphql`;
  const token = values.token ?? process.env.GZEQUIP_TOKEN;
  if (values['all-pages'] && !/\$after\s*:\s*String\b/.test(query)) {
    fail("--all-pages needs the operation to declare $after: String and pass it as the connection's after");
  }

  const ask = async (after: string | null): Promise<Answer> => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables: { ...variables, ...(values['all-pages'] ? { after } : {}) } }),
      });
    } catch {
      fail(`no gateway answers at ${url} (is pnpm start running? --url names another)`);
    }
    const answer = (await response.json()) as Answer;
    if (answer.errors?.length) {
      for (const error of answer.errors) {
        process.stderr.write(`error${error.path ? ` at ${error.path.join('.')}` : ''}: ${error.message}\n`);
      }
      if (!answer.data) process.exit(1);
    }
    return answer;
  };

  const items: unknown[] = [];
  let after: string | null = null;
  let bar: SingleBar | undefined;
  for (;;) {
    const answer = await ask(after);
    const found = findList(answer.data);
    if (!found) fail('the answer holds no list or connection to write as rows');
    items.push(...found.items);
    if (!values['all-pages']) break;
    const pageInfo = found.connection?.pageInfo;
    if (!pageInfo || pageInfo.hasNextPage === undefined || pageInfo.endCursor === undefined) {
      fail('--all-pages needs pageInfo { hasNextPage endCursor } selected on the connection');
    }
    if (process.stderr.isTTY || process.env.GZEQUIP_PROGRESS) {
      bar ??= new SingleBar({ format: 'rows {value}/{total} [{bar}] {percentage}%', stream: process.stderr });
      if (!bar.isActive) bar.start(found.connection?.totalCount ?? items.length, 0);
      bar.setTotal(Math.max(found.connection?.totalCount ?? 0, items.length));
      bar.update(items.length);
    }
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) break;
    after = pageInfo.endCursor;
  }
  bar?.stop();

  const out = values.out ?? `${basename(file, extname(file))}.${format}`;
  const rows = items.map((item) => flatten(item));
  const columns = columnsOf(rows);
  let output: string | Buffer;
  if (format === 'json') {
    output = `${JSON.stringify(items, null, 2)}\n`;
  } else if (format === 'csv') {
    output = `\ufeff${stringify(rows, { header: true, columns, cast: { boolean: (value) => String(value) } })}`;
  } else {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('rows');
    sheet.columns = columns.map((column) => ({ header: column, key: column, width: Math.min(60, column.length + 12) }));
    for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((column) => [column, row[column] ?? null])));
    sheet.getRow(1).font = { bold: true };
    output = Buffer.from(await workbook.xlsx.writeBuffer());
  }
  if (out === '-') process.stdout.write(output);
  else {
    writeFileSync(out, output);
    process.stderr.write(`${rows.length} rows, ${columns.length} columns → ${out}\n`);
  }
}

await run();
