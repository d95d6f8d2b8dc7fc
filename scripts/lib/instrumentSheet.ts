/**
 * The national (NRII) record of an instrument as a spreadsheet row: the Chinese column headers
 * units fill in, and how each cell becomes a field of `pushInstruments` and back again. Shared by
 * `pnpm import:instruments` and `pnpm export:instruments`, so that what one writes the other reads.
 */
import { INDUSTRY_LABEL } from '../demo-data/world.ts';

/** How a cell is read and written. */
export type ColumnKind = 'text' | 'number' | 'date' | 'boolean' | 'enum' | 'list' | 'enumList';

export interface SheetColumn {
  /** The header the national record's template uses. */
  header: string;
  /** The API's name: a field of InstrumentRecordInput, or InstrumentPushInput's ownerCreditCode. */
  field: string;
  kind: ColumnKind;
  /** An empty cell rejects the row. Optional columns left empty send null, or nothing where the API has a default. */
  required: boolean;
  /** Left out of the record when empty, so the API's default applies (false, NORMAL, no items). */
  defaulted?: boolean;
  /** enum and enumList: the Chinese word for each API value (the API value itself is accepted too). */
  words?: Readonly<Record<string, string>>;
  /** Text put into its usual form before it is checked (a lost leading zero, lower-case letters). */
  normalize?: (text: string) => string;
  /** Null for the public (contacts): an export, made without a token, leaves it empty. */
  signedInOnly?: boolean;
}

/** The column a reject file adds: why the row was not stored. */
export const REASONS_HEADER = '错误原因';
/** How list cells (disciplines, industries) are written; ； ; and 、 are all read. */
export const LIST_SEPARATOR = '；';
const LIST_SEPARATORS = /[；;、]/;

const SOURCE_WORDS = { PURCHASED: '购置', SELF_BUILT: '自研', DONATED: '捐赠', OTHER: '其他' };
const YES_NO = { true: '是', false: '否' };
const PURPOSE_WORDS = { GENERAL: '通用', SPECIAL: '专用' };
const SHARING_MODE_WORDS = { INTERNAL: '内部共享', EXTERNAL: '对外开放', NOT_SHARED: '不共享' };
const STATUS_WORDS = {
  NORMAL: '正常',
  STANDBY: '待机',
  REMOTE_SERVICE: '远程服务',
  OCCASIONAL_FAULT: '偶有故障',
  FREQUENT_FAULTS: '故障频繁',
  AWAITING_REPAIR: '待修',
  AWAITING_SCRAPPING: '待报废',
};

const upperCase = (text: string) => text.toUpperCase();

/** The columns, in the order an export writes them. */
export const INSTRUMENT_COLUMNS: readonly SheetColumn[] = [
  { header: '所属单位统一社会信用代码', field: 'ownerCreditCode', kind: 'text', required: true, normalize: upperCase },
  { header: '资产编号', field: 'assetNumber', kind: 'text', required: true },
  { header: '仪器名称', field: 'name', kind: 'text', required: true },
  { header: '英文名称', field: 'nameEn', kind: 'text', required: false },
  {
    header: '分类代码',
    field: 'classCode',
    kind: 'text',
    required: true,
    // Excel shows 010101 as the number 10101 unless the cell is text.
    normalize: (text) => (/^\d{5}$/.test(text) ? `0${text}` : text),
  },
  { header: '仪器来源', field: 'source', kind: 'enum', required: true, words: SOURCE_WORDS },
  { header: '是否海关监管', field: 'customsSupervised', kind: 'boolean', required: false, defaulted: true },
  { header: '原值（万元）', field: 'originalValue', kind: 'number', required: true },
  { header: '产地国别', field: 'country', kind: 'text', required: true },
  { header: '生产制造商', field: 'manufacturer', kind: 'text', required: true },
  { header: '规格型号', field: 'model', kind: 'text', required: true },
  { header: '启用日期', field: 'startOfUse', kind: 'date', required: true },
  { header: '用途', field: 'purpose', kind: 'enum', required: true, words: PURPOSE_WORDS },
  { header: '主要技术指标', field: 'technicalIndicators', kind: 'text', required: true },
  { header: '主要功能', field: 'mainFunctions', kind: 'text', required: true },
  { header: '学科领域', field: 'disciplines', kind: 'list', required: false, defaulted: true },
  { header: '服务内容', field: 'serviceContent', kind: 'text', required: false },
  { header: '共享规则', field: 'sharingRules', kind: 'text', required: false },
  { header: '收费标准', field: 'feeText', kind: 'text', required: false },
  { header: '服务网址', field: 'serviceUrl', kind: 'text', required: false },
  { header: '图片地址', field: 'imageUrl', kind: 'text', required: false },
  { header: '共享模式', field: 'sharingMode', kind: 'enum', required: true, words: SHARING_MODE_WORDS },
  { header: '运行状态', field: 'status', kind: 'enum', required: false, defaulted: true, words: STATUS_WORDS },
  { header: '所在地区代码', field: 'regionCode', kind: 'text', required: true, normalize: upperCase },
  {
    header: '重点产业',
    field: 'industries',
    kind: 'enumList',
    required: false,
    defaulted: true,
    words: INDUSTRY_LABEL,
  },
  { header: '安放地址', field: 'address', kind: 'text', required: false },
  { header: '联系人', field: 'contactName', kind: 'text', required: false, signedInOnly: true },
  { header: '联系电话', field: 'contactPhone', kind: 'text', required: false, signedInOnly: true },
  { header: '所属平台编号', field: 'platformId', kind: 'text', required: false },
  { header: '是否涉密', field: 'classified', kind: 'boolean', required: false, defaulted: true },
];

/** The push's input for one record. */
export interface InstrumentPushInput {
  ownerCreditCode: string;
  record: Record<string, unknown>;
}

/** The column of a field the API names in an error (`record.disciplines[2]` → 学科领域), if any. */
export function columnOfField(path: string): SheetColumn | undefined {
  const field = path
    .replace(/^records\[\d+\]\./, '')
    .replace(/^record\./, '')
    .replace(/\[\d+\]$/, '');
  return INSTRUMENT_COLUMNS.find((column) => column.field === field);
}

// --- Reading cells ------------------------------------------------------------------------------

/** Full-width letters, digits and brackets (what Chinese input methods type) as ASCII, spaces dropped. */
function canonical(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

function headerKey(text: string): string {
  return canonical(text).toLowerCase();
}

const COLUMN_BY_HEADER = new Map<string, SheetColumn>(
  INSTRUMENT_COLUMNS.flatMap((column) => [
    [headerKey(column.header), column],
    [headerKey(column.field), column],
  ]),
);

export interface HeaderMatch {
  /** The column each header names, position by position; undefined for headers this sheet does not read. */
  columns: (SheetColumn | undefined)[];
  /** Required columns no header names. */
  missing: SheetColumn[];
  /** Columns named by more than one header. */
  repeated: SheetColumn[];
  /** Headers that name no column (kept in a reject file, otherwise ignored); the reasons column is not one. */
  unknown: string[];
}

/**
 * Which column each header names: the national template's Chinese header (full- or half-width
 * brackets, any spacing) or the API's field name (what a JSON export is keyed by).
 */
export function matchHeaders(headers: readonly string[]): HeaderMatch {
  const columns = headers.map((header) => COLUMN_BY_HEADER.get(headerKey(header)));
  const seen = new Set<SheetColumn>();
  const repeated = new Set<SheetColumn>();
  for (const column of columns) {
    if (column && seen.has(column)) repeated.add(column);
    if (column) seen.add(column);
  }
  return {
    columns,
    missing: INSTRUMENT_COLUMNS.filter((column) => column.required && !seen.has(column)),
    repeated: [...repeated],
    unknown: headers.filter(
      (header, i) => !columns[i] && header.trim() !== '' && headerKey(header) !== headerKey(REASONS_HEADER),
    ),
  };
}

/** The value of a spreadsheet cell as ExcelJS or a JSON file gives it, without rich text, links or formulas. */
function plainValue(raw: unknown): unknown {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'string') return raw.trim() === '' ? undefined : raw;
  if (raw instanceof Date || Array.isArray(raw) || typeof raw !== 'object') return raw;
  const cell = raw as Record<string, unknown>;
  if (Array.isArray(cell.richText)) {
    return plainValue((cell.richText as { text?: string }[]).map((run) => run.text ?? '').join(''));
  }
  if ('hyperlink' in cell) return plainValue(cell.text ?? cell.hyperlink);
  if ('formula' in cell || 'sharedFormula' in cell) return plainValue(cell.result);
  if ('error' in cell) return { excelError: String(cell.error) };
  return raw;
}

/** Is this cell empty (nothing, or only blanks)? */
export function isEmptyCell(raw: unknown): boolean {
  const value = plainValue(raw);
  return value === undefined || (Array.isArray(value) && value.length === 0);
}

/** A number as a person writes it: no exponent for whole numbers, no float noise. */
function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(Number(value.toPrecision(15)));
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A cell as text, for a reject file: what the person typed, as near as the file lets us tell. */
export function cellText(raw: unknown): string {
  const value = plainValue(raw);
  if (value === undefined) return '';
  if (typeof value === 'number') return numberText(value);
  // ExcelJS reads a date cell as midnight UTC of that day.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : isoDate(value);
  if (Array.isArray(value)) return value.map(cellText).join(LIST_SEPARATOR);
  if (typeof value === 'object') {
    const error = (value as { excelError?: string }).excelError;
    return error ?? JSON.stringify(value);
  }
  return String(value);
}

type Read = { value: unknown } | { problem: string };

const quoted = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** What PostgreSQL text cannot hold: the gateway would refuse the whole batch for it. */
function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (/\p{Surrogate}/u.test(text)) return 'is not valid Unicode (an unpaired surrogate)';
  return null;
}

function readText(column: SheetColumn, value: unknown): Read {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number') text = numberText(value);
  else if (value instanceof Date) text = cellText(value);
  else return { problem: `${quoted(cellText(value))} is not text` };
  if (column.normalize) text = column.normalize(canonical(text));
  const problem = textProblem(text);
  return problem ? { problem } : { value: text };
}

function readNumber(value: unknown): Read {
  if (typeof value === 'number') return Number.isFinite(value) ? { value } : { problem: 'is not a number' };
  if (typeof value !== 'string') return { problem: `${quoted(cellText(value))} is not a number` };
  let text = canonical(value);
  // Thousands separators, as Excel shows large numbers: 1,234.50
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return { problem: `${quoted(value)} is not a number` };
  return { value: Number(text) };
}

/** Days from Excel's day 0 (1899-12-30, which absorbs its 1900 leap-year bug) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;
const DAY_MS = 86_400_000;

function calendarDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid && year >= 1000 ? isoDate(date) : null;
}

function readDate(value: unknown): Read {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { problem: 'is not a date' } : { value: isoDate(value) };
  }
  // A date cell that lost its date format shows Excel's serial day number.
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 2_958_466) {
    return { value: isoDate(new Date((value - EXCEL_EPOCH_DAYS) * DAY_MS)) };
  }
  const text = typeof value === 'string' ? canonical(value) : cellText(value);
  const match =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:T?00:00(?::00(?:\.0+)?)?Z?)?$/.exec(text) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text);
  const date = match ? calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  return date ? { value: date } : { problem: `${quoted(text)} is not a date (write YYYY-MM-DD)` };
}

const TRUE_WORDS = new Set(['是', 'true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['否', 'false', 'no', 'n', '0']);

function readBoolean(value: unknown): Read {
  if (typeof value === 'boolean') return { value };
  const text = canonical(cellText(value)).toLowerCase();
  if (TRUE_WORDS.has(text)) return { value: true };
  if (FALSE_WORDS.has(text)) return { value: false };
  return { problem: `${quoted(cellText(value))} is not ${YES_NO.true} or ${YES_NO.false}` };
}

function readWord(words: Readonly<Record<string, string>>, value: unknown): Read {
  const text = canonical(cellText(value));
  const byWord = Object.entries(words).find(([, word]) => word === text);
  if (byWord) return { value: byWord[0] };
  const asValue = text.toUpperCase().replace(/[-\s]/g, '_');
  if (asValue in words) return { value: asValue };
  return { problem: `${quoted(cellText(value))} is not one of ${Object.values(words).join(', ')}` };
}

function listItems(value: unknown): unknown[] {
  const items = Array.isArray(value) ? value : String(cellText(value)).split(LIST_SEPARATORS);
  return items.filter((item) => !isEmptyCell(item)).map((item) => (typeof item === 'string' ? item.trim() : item));
}

function readList(column: SheetColumn, value: unknown, words?: Readonly<Record<string, string>>): Read {
  const values: unknown[] = [];
  for (const item of listItems(value)) {
    const read = words ? readWord(words, item) : readText(column, item);
    if ('problem' in read) return read;
    values.push(read.value);
  }
  return { value: values };
}

/** One cell as the API value of its column; `value: undefined` when the cell is empty. */
export function readCell(column: SheetColumn, raw: unknown): Read {
  const value = plainValue(raw);
  if (value === undefined) return { value: undefined };
  if (typeof value === 'object' && value !== null && 'excelError' in value) {
    return { problem: `holds the Excel error ${(value as { excelError: string }).excelError}` };
  }
  switch (column.kind) {
    case 'text':
      return readText(column, value);
    case 'number':
      return readNumber(value);
    case 'date':
      return readDate(value);
    case 'boolean':
      return readBoolean(value);
    case 'enum':
      return readWord(column.words ?? {}, value);
    case 'list':
      return readList(column, value);
    case 'enumList':
      return readList(column, value, column.words ?? {});
  }
}

/**
 * A row as the push's input, or every reason it cannot be one, each naming its column: cells
 * that do not convert (an unknown word, not a number, not a date) and required cells left empty.
 * `label` names a column as the file does (its header there).
 */
export function pushInputOf(
  cell: (column: SheetColumn) => unknown,
  label: (column: SheetColumn) => string = (column) => column.header,
): { input: InstrumentPushInput; problems?: undefined } | { input?: undefined; problems: string[] } {
  const problems: string[] = [];
  const record: Record<string, unknown> = {};
  let ownerCreditCode = '';
  for (const column of INSTRUMENT_COLUMNS) {
    const read = readCell(column, cell(column));
    if ('problem' in read) {
      problems.push(`${label(column)}: ${read.problem}`);
      continue;
    }
    const empty = read.value === undefined || (Array.isArray(read.value) && read.value.length === 0);
    if (empty && column.required) problems.push(`${label(column)}: is required`);
    else if (column.field === 'ownerCreditCode') ownerCreditCode = read.value as string;
    else if (!empty) record[column.field] = read.value;
    else if (!column.defaulted) record[column.field] = null;
  }
  return problems.length > 0 ? { problems } : { input: { ownerCreditCode, record } };
}

// --- Writing cells ------------------------------------------------------------------------------

/** What an export selects of each instrument, in the Instrument type's terms. */
export const EXPORT_SELECTION = INSTRUMENT_COLUMNS.filter((column) => !column.signedInOnly)
  .map(({ field }) => (field === 'regionCode' ? 'region { code }' : field === 'platformId' ? 'platform { id }' : field))
  .join(' ');

/** An instrument of the API flattened to the columns' fields (`region.code` → regionCode); hidden ones null. */
export function fieldsOfNode(node: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    INSTRUMENT_COLUMNS.map(({ field }) => {
      if (field === 'regionCode') return [field, (node.region as { code?: string } | null)?.code ?? null];
      if (field === 'platformId') return [field, (node.platform as { id?: string } | null)?.id ?? null];
      return [field, node[field] ?? null];
    }),
  );
}

/**
 * One column of an instrument (API values) as a cell: Chinese words, 是/否, lists joined with ；.
 * `xlsx` keeps numbers as numbers and dates as date cells; CSV gets text.
 */
export function cellOf(column: SheetColumn, value: unknown, format: 'csv' | 'xlsx'): string | number | Date {
  if (value === null || value === undefined) return '';
  switch (column.kind) {
    case 'number':
      return format === 'xlsx' ? Number(value) : numberText(Number(value));
    case 'date': {
      const [year, month, day] = String(value).split('-').map(Number);
      return format === 'xlsx' && year && month && day ? new Date(Date.UTC(year, month - 1, day)) : String(value);
    }
    case 'boolean':
      return value ? YES_NO.true : YES_NO.false;
    case 'enum':
      return column.words?.[String(value)] ?? String(value);
    case 'list':
    case 'enumList':
      return (value as unknown[]).map((item) => column.words?.[String(item)] ?? String(item)).join(LIST_SEPARATOR);
    case 'text':
      return String(value);
  }
}
