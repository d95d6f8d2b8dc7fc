/**
 * The spreadsheet path, as owners and open-data users take it: `pnpm import:instruments` files a
 * CSV or XLSX with the national record's Chinese headers through the real gateway
 * (pushInstruments, as a PARTNER), and `pnpm export:instruments` writes the public catalogue back
 * out as CSV, XLSX or JSON. Files are written the way a person fills in the template, with the
 * test's own words for every column, and what the database holds is compared with them.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkCharacter } from '@gzequip/enterprises';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/devEnvironment.ts';
import { closeTestGateways, testGateway } from '../support/edge.ts';
import { database, federation, token } from '../support/federation.ts';

const run = promisify(execFile);
const PREFIX = 'ZZSHEET';
const SLOW = 300_000;

/** The national record's columns, as the template heads them. */
const HEADERS = [
  '所属单位统一社会信用代码',
  '资产编号',
  '仪器名称',
  '英文名称',
  '分类代码',
  '仪器来源',
  '是否海关监管',
  '原值（万元）',
  '产地国别',
  '生产制造商',
  '规格型号',
  '启用日期',
  '用途',
  '主要技术指标',
  '主要功能',
  '学科领域',
  '服务内容',
  '共享规则',
  '收费标准',
  '服务网址',
  '图片地址',
  '共享模式',
  '运行状态',
  '所在地区代码',
  '重点产业',
  '安放地址',
  '联系人',
  '联系电话',
  '所属平台编号',
  '是否涉密',
];
const REASONS = '错误原因';

const SOURCE: Record<string, string> = { PURCHASED: '购置', SELF_BUILT: '自研', DONATED: '捐赠', OTHER: '其他' };
const PURPOSE: Record<string, string> = { GENERAL: '通用', SPECIAL: '专用' };
const SHARING: Record<string, string> = { INTERNAL: '内部共享', EXTERNAL: '对外开放', NOT_SHARED: '不共享' };
const STATUS: Record<string, string> = {
  NORMAL: '正常',
  STANDBY: '待机',
  REMOTE_SERVICE: '远程服务',
  OCCASIONAL_FAULT: '偶有故障',
  FREQUENT_FAULTS: '故障频繁',
  AWAITING_REPAIR: '待修',
  AWAITING_SCRAPPING: '待报废',
};
const INDUSTRY: Record<string, string> = {
  AVIATION: '航空',
  AEROSPACE: '航天',
  AUTOMOTIVE: '汽车',
  ENGINEERING_MINING_MACHINERY: '工程及矿山机械',
  POWER_EQUIPMENT: '电力装备',
  INDUSTRIAL_ROBOTS: '工业机器人',
};
const REGIONS = ['520100', '520200', '520300', '520400', '520500', '520600', '522300', '522600', '522700', 'GUIAN'];
const DISCIPLINES = ['材料科学', '机械工程', '电气工程', '物理学', '化学', '航空宇航科学与技术'];
const NAMES = ['扫描电子显微镜', '红外热像仪', 'X射线衍射仪', '三坐标测量机', '电磁兼容测试系统', '疲劳试验机'];

/** An instrument as the API names its fields: what the file says and the database must then hold. */
interface Instrument {
  ownerCreditCode: string;
  assetNumber: string;
  name: string;
  nameEn: string | null;
  classCode: string;
  source: string;
  customsSupervised: boolean;
  originalValue: number;
  country: string;
  manufacturer: string;
  model: string;
  startOfUse: string;
  purpose: string;
  technicalIndicators: string;
  mainFunctions: string;
  disciplines: string[];
  serviceContent: string | null;
  sharingRules: string | null;
  feeText: string | null;
  serviceUrl: string | null;
  imageUrl: string | null;
  sharingMode: string;
  status: string;
  regionCode: string;
  industries: string[];
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  platformId: string | null;
  classified: boolean;
}

const seed = JSON.parse(
  readFileSync(join(repoRoot, 'subgraphs', 'instruments', 'src', 'seed', 'demo-data.json'), 'utf8'),
) as { owner: { credit_code: string }[] };
const OWNERS = seed.owner.map((owner) => owner.credit_code);
const classification = JSON.parse(
  readFileSync(join(repoRoot, 'subgraphs', 'instruments', 'src', 'migrations', 'classification.json'), 'utf8'),
) as { minors: { code: string }[] };
const CLASS_CODES = classification.minors.map((minor) => minor.code);
/** A well-formed credit code (right check character) of no owner the registry knows. */
const UNKNOWN_OWNER = `91520100MA6HXY123${checkCharacter('91520100MA6HXY123')}`;

const pad = (n: number) => String(n).padStart(2, '0');
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** The i-th instrument of a file: every column filled in some rows and empty in others. */
function instrument(prefix: string, i: number): Instrument {
  const withContacts = i % 3 !== 0;
  return {
    ownerCreditCode: pick(OWNERS, i * 7),
    assetNumber: `${PREFIX}-${prefix}-${String(i).padStart(4, '0')}`,
    name: `${pick(NAMES, i)}（${i}）`,
    nameEn: i % 4 === 0 ? null : `Instrument ${i}`,
    classCode: pick(CLASS_CODES, i * 13),
    source: pick(Object.keys(SOURCE), i),
    customsSupervised: i % 5 === 0,
    originalValue: Number((((i * 37.31) % 900) + 10).toFixed(2)),
    country: pick(['中国', '美国', '德国', '日本'], i),
    manufacturer: pick(['蔡司', 'FLIR Systems', '岛津', '贵州测试仪器厂'], i),
    model: `M-${i}`,
    startOfUse: `${2005 + (i % 20)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
    purpose: i % 3 === 0 ? 'SPECIAL' : 'GENERAL',
    // Commas, quotes and line breaks inside a cell, as people write them.
    technicalIndicators: i % 10 === 0 ? `分辨率${i} nm，"高真空"模式\n加速电压0.1–30 kV` : `分辨率${i} nm`,
    mainFunctions: `用于材料微观形貌观察（${i}）`,
    disciplines: DISCIPLINES.slice(i % 3, (i % 3) + (i % 5)),
    serviceContent: i % 2 === 0 ? '对外提供检测服务' : null,
    sharingRules: i % 2 === 0 ? '预约使用' : null,
    feeText: i % 3 === 1 ? `${100 + i}元/小时` : null,
    serviceUrl: i % 2 === 1 ? `https://lab${i}.example/instruments/${i}` : null,
    imageUrl: i % 3 === 2 ? `https://lab${i}.example/images/${i}.jpg` : null,
    sharingMode: pick(['EXTERNAL', 'INTERNAL', 'EXTERNAL', 'NOT_SHARED'], i),
    status: pick(Object.keys(STATUS), i),
    regionCode: pick(REGIONS, i),
    industries: Object.keys(INDUSTRY).slice(i % 6, (i % 6) + (i % 3)),
    address: i % 4 === 1 ? null : `贵阳市观山湖区长岭北路${i}号`,
    contactName: withContacts ? '张工' : null,
    contactPhone: withContacts ? `0851-8${String(1_000_000 + i).slice(1)}` : null,
    platformId: i % 4 === 0 ? `plt-0${1 + (i % 9)}` : null,
    classified: false,
  };
}

/** A row of the template, as a person fills it in (some with the API's English values or other separators). */
function cells(item: Instrument, i: number): string[] {
  const separator = pick(['；', ';', '、'], i);
  const word = (words: Record<string, string>, value: string) => (i % 11 === 5 ? value : (words[value] as string));
  const [year, month, day] = item.startOfUse.split('-');
  return [
    item.ownerCreditCode,
    item.assetNumber,
    item.name,
    item.nameEn ?? '',
    item.classCode,
    word(SOURCE, item.source),
    item.customsSupervised ? '是' : '否',
    String(item.originalValue),
    item.country,
    item.manufacturer,
    item.model,
    i % 13 === 0 ? `${year}/${Number(month)}/${Number(day)}` : item.startOfUse,
    word(PURPOSE, item.purpose),
    item.technicalIndicators,
    item.mainFunctions,
    item.disciplines.join(separator),
    item.serviceContent ?? '',
    item.sharingRules ?? '',
    item.feeText ?? '',
    item.serviceUrl ?? '',
    item.imageUrl ?? '',
    word(SHARING, item.sharingMode),
    i % 17 === 0 && item.status === 'NORMAL' ? '' : word(STATUS, item.status),
    item.regionCode,
    item.industries.map((industry) => word(INDUSTRY, industry)).join(separator),
    item.address ?? '',
    item.contactName ?? '',
    item.contactPhone ?? '',
    item.platformId ?? '',
    i % 2 === 0 ? '否' : '',
  ];
}

const column = (header: string) => HEADERS.indexOf(header);

type Problem = 'classCode' | 'negative' | 'future' | 'tooLong' | 'owner' | 'value' | 'source' | 'date' | 'sharing';

/** How a problem spoils a row: the column at fault (which its reason must name) and what is written there. */
const PROBLEMS: Record<Problem, { header: string; value: string }> = {
  classCode: { header: '分类代码', value: '159999' },
  negative: { header: '原值（万元）', value: '-12.5' },
  future: { header: '启用日期', value: '2099-01-01' },
  tooLong: { header: '主要技术指标', value: '指'.repeat(501) },
  owner: { header: '所属单位统一社会信用代码', value: UNKNOWN_OWNER },
  value: { header: '原值（万元）', value: '十二万' },
  source: { header: '仪器来源', value: '租赁' },
  date: { header: '启用日期', value: '2021-02-30' },
  sharing: { header: '共享模式', value: '看情况' },
};

/** Twenty bad rows of mixed reasons: the server's (the first five kinds) and cells that do not convert. */
const BAD: Problem[] = [
  ...(['classCode', 'negative', 'future', 'tooLong', 'owner'] as const).flatMap((problem) => [
    problem,
    problem,
    problem,
  ]),
  'value',
  'source',
  'date',
  'sharing',
  'classCode',
];

interface TestFile {
  path: string;
  items: Instrument[];
  /** The rows that should be stored (all but the spoiled ones). */
  good: Instrument[];
  /** Spoiled rows by asset number: what is wrong with them. */
  bad: Map<string, Problem>;
  rows: string[][];
}

function csvFile(
  folder: string,
  fileName: string,
  prefix: string,
  count: number,
  spoiled: readonly Problem[] = [],
  bom = true,
): TestFile {
  const items = Array.from({ length: count }, (_, i) => instrument(prefix, i));
  const rows = items.map((item, i) => cells(item, i));
  const bad = new Map<string, Problem>();
  spoiled.forEach((problem, k) => {
    // Spread through the file, so that most batches hold one.
    const at = Math.floor(((k + 0.5) * count) / spoiled.length);
    (rows[at] as string[])[column(PROBLEMS[problem].header)] = PROBLEMS[problem].value;
    bad.set((items[at] as Instrument).assetNumber, problem);
  });
  const path = join(folder, fileName);
  writeFileSync(path, `${bom ? '\ufeff' : ''}${stringify([HEADERS, ...rows])}`);
  return { path, items, good: items.filter((item) => !bad.has(item.assetNumber)), bad, rows };
}

/** An instrument row of the database in the API's terms. */
function fromDatabase(row: Record<string, unknown>): Instrument {
  const date = row.start_of_use;
  return {
    ownerCreditCode: row.owner_credit_code as string,
    assetNumber: row.asset_number as string,
    name: row.name as string,
    nameEn: row.name_en as string | null,
    classCode: row.class_code as string,
    source: row.source as string,
    customsSupervised: row.customs_supervised as boolean,
    originalValue: Number(row.original_value),
    country: row.country as string,
    manufacturer: row.manufacturer as string,
    model: row.model as string,
    startOfUse: date instanceof Date ? date.toISOString().slice(0, 10) : String(date),
    purpose: row.purpose as string,
    technicalIndicators: row.technical_indicators as string,
    mainFunctions: row.main_functions as string,
    disciplines: row.disciplines as string[],
    serviceContent: row.service_content as string | null,
    sharingRules: row.sharing_rules as string | null,
    feeText: row.fee_text as string | null,
    serviceUrl: row.service_url as string | null,
    imageUrl: row.image_url as string | null,
    sharingMode: row.sharing_mode as string,
    status: row.status as string,
    regionCode: row.region_code as string,
    industries: row.industries as string[],
    address: row.address as string | null,
    contactName: row.contact_name as string | null,
    contactPhone: row.contact_phone as string | null,
    platformId: row.platform_id as string | null,
    classified: row.classified as boolean,
  };
}

async function stored(prefix: string): Promise<Record<string, unknown>[]> {
  return (await database('instruments'))
    .table('instrument')
    .whereLike('asset_number', `${PREFIX}-${prefix}-%`)
    .orderBy('asset_number');
}

/** Every stored row of the prefix, in the API's terms, by asset number. */
async function storedInstruments(prefix: string): Promise<Map<string, Instrument>> {
  return new Map((await stored(prefix)).map((row) => [row.asset_number as string, fromDatabase(row)]));
}

function readCsv(path: string): string[][] {
  return parse(readFileSync(path), { bom: true }) as string[][];
}

/** The numbers of the summary line: `Done: 980 added, 0 updated, 0 unchanged, 20 rejected…`. */
function summaryOf(stdout: string) {
  const match = /Done: (\d+) added, (\d+) updated, (\d+) unchanged, (\d+) rejected/.exec(stdout);
  if (!match) throw new Error(`no summary line in ${JSON.stringify(stdout)}`);
  const [added, updated, unchanged, rejected] = match.slice(1).map(Number);
  return { added, updated, unchanged, rejected };
}

describe('importing and exporting instruments as spreadsheets', () => {
  const folder = mkdtempSync(join(tmpdir(), 'gzequip-sheets-'));
  let url: string;
  let bearer: string;
  let main: TestFile;

  const importing = (...args: string[]) =>
    run('pnpm', ['--silent', 'import:instruments', ...args, '--url', url, '--token', bearer], {
      cwd: repoRoot,
      maxBuffer: 1 << 26,
    });
  const exporting = (...args: string[]) =>
    run('pnpm', ['--silent', 'export:instruments', ...args, '--url', url], { cwd: repoRoot, maxBuffer: 1 << 26 });

  beforeAll(async () => {
    url = (await federation()).gateway.url;
    bearer = await token({ role: 'PARTNER', sub: 'spreadsheet-partner' });
    main = csvFile(folder, 'instruments.csv', 'MAIN', 1000, BAD);
  });

  afterAll(async () => {
    const db = await database('instruments');
    const ids = (await db.table('instrument').whereLike('asset_number', `${PREFIX}-%`).select('id')).map(
      (row) => row.id as string,
    );
    await db.table('change_history').where({ entity: 'Instrument' }).whereIn('record_id', ids).del();
    await db.table('instrument').whereIn('id', ids).del();
    rmSync(folder, { recursive: true, force: true });
  });

  it(
    'stores the 980 good rows of a 1,000-row CSV and writes the 20 bad ones, with their reasons, beside it',
    async () => {
      const { stdout } = await importing(main.path);
      expect(summaryOf(stdout)).toEqual({ added: 980, updated: 0, unchanged: 0, rejected: 20 });
      const rejectsPath = join(folder, 'instruments.rejects.csv');
      expect(stdout).toContain(rejectsPath);

      const held = await storedInstruments('MAIN');
      expect(held.size).toBe(980);
      for (const item of main.good) expect(held.get(item.assetNumber)).toEqual(item);
      const reviewStates = new Set((await stored('MAIN')).map((row) => row.review_status));
      expect(reviewStates).toEqual(new Set(['SUBMITTED']));

      const bytes = readFileSync(rejectsPath);
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const [headers, ...rejects] = readCsv(rejectsPath);
      expect(headers).toEqual([...HEADERS, REASONS]);
      expect(rejects).toHaveLength(20);
      for (const reject of rejects) {
        const assetNumber = reject[column('资产编号')] as string;
        const problem = main.bad.get(assetNumber);
        expect(problem, assetNumber).toBeDefined();
        // Every original column as it was, and a reason naming the column at fault.
        const original = main.rows.find((row) => row[column('资产编号')] === assetNumber);
        expect(reject.slice(0, HEADERS.length)).toEqual(original);
        expect(reject[HEADERS.length]).toContain(`${PROBLEMS[problem as Problem].header}:`);
      }
    },
    SLOW,
  );

  it(
    'changes nothing when the same file is imported again',
    async () => {
      const before = await stored('MAIN');
      const { stdout } = await importing(main.path);
      expect(summaryOf(stdout)).toEqual({ added: 0, updated: 0, unchanged: 980, rejected: 20 });
      const after = await stored('MAIN');
      expect(after.map((row) => [row.id, row.version, String(row.updated_at)])).toEqual(
        before.map((row) => [row.id, row.version, String(row.updated_at)]),
      );
      expect(readCsv(join(folder, 'instruments.rejects.csv'))).toHaveLength(21);
    },
    SLOW,
  );

  it(
    'reads an XLSX workbook: a title row above the headers, date and number cells, codes that lost their zeros',
    async () => {
      const items = Array.from({ length: 40 }, (_, i) => instrument('XLSX', i));
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('仪器');
      sheet.addRow(['贵州省大型科研仪器设备信息表']);
      sheet.addRow(HEADERS);
      items.forEach((item, i) => {
        const row: (string | number | Date)[] = cells(item, i);
        const [year, month, day] = item.startOfUse.split('-').map(Number) as [number, number, number];
        row[column('启用日期')] = new Date(Date.UTC(year, month - 1, day));
        row[column('原值（万元）')] = item.originalValue;
        // What Excel does to a code typed into a number cell.
        row[column('分类代码')] = Number(item.classCode);
        if (item.regionCode !== 'GUIAN') row[column('所在地区代码')] = Number(item.regionCode);
        sheet.addRow(row);
      });
      // Two rows the import cannot store: a date no one can read, and a classified instrument.
      sheet.getRow(3 + 7).getCell(column('启用日期') + 1).value = '去年';
      sheet.getRow(3 + 21).getCell(column('是否涉密') + 1).value = '是';
      const path = join(folder, 'owner.xlsx');
      await workbook.xlsx.writeFile(path);

      const { stdout } = await importing(path);
      expect(summaryOf(stdout)).toEqual({ added: 38, updated: 0, unchanged: 0, rejected: 2 });
      const held = await storedInstruments('XLSX');
      expect(held.size).toBe(38);
      for (const [i, item] of items.entries()) {
        if (i === 7 || i === 21) expect(held.has(item.assetNumber)).toBe(false);
        else expect(held.get(item.assetNumber)).toEqual(item);
      }
      const [headers, ...rejects] = readCsv(join(folder, 'owner.rejects.csv'));
      expect(headers).toEqual([...HEADERS, REASONS]);
      expect(rejects.map((row) => [row[column('资产编号')], row[column('启用日期')]])).toEqual([
        [items[7]?.assetNumber, '去年'],
        [items[21]?.assetNumber, (items[21] as Instrument).startOfUse],
      ]);
      expect(rejects[0]?.[HEADERS.length]).toMatch(/^启用日期: "去年" is not a date/);
      expect(rejects[1]?.[HEADERS.length]).toMatch(/^是否涉密: /);
    },
    SLOW,
  );

  it(
    '--dry-run converts and checks the rows, writes the rejects, and sends nothing',
    async () => {
      const file = csvFile(folder, 'dry.csv', 'DRY', 30, ['value', 'sharing'], false);
      const { stdout } = await importing(file.path, '--dry-run');
      expect(stdout).toMatch(
        /^Dry run, nothing sent: 28 of 30 rows convert and would be sent to .* in 1 batch; 2 rejected/,
      );
      expect(await stored('DRY')).toHaveLength(0);
      const [, ...rejects] = readCsv(join(folder, 'dry.rejects.csv'));
      expect(rejects.map((row) => row[HEADERS.length])).toEqual([
        '原值（万元）: "十二万" is not a number',
        '共享模式: "看情况" is not one of 内部共享, 对外开放, 不共享',
      ]);

      // Fixed, the file goes through, and the reject file of the earlier run goes away.
      writeFileSync(file.path, `\ufeff${stringify([HEADERS, ...file.items.map(cells)])}`);
      const { stdout: real } = await importing(file.path);
      expect(summaryOf(real)).toEqual({ added: 30, updated: 0, unchanged: 0, rejected: 0 });
      expect(existsSync(join(folder, 'dry.rejects.csv'))).toBe(false);
    },
    SLOW,
  );

  it(
    'updates the rows that changed since, keyed by owner and asset number, and leaves the rest',
    async () => {
      const changed = Array.from({ length: 30 }, (_, i) => instrument('DRY', i)).map((item, i) =>
        i % 10 === 3
          ? { ...item, feeText: '按样品收费，每个样品200元', status: 'AWAITING_REPAIR', disciplines: [] }
          : item,
      );
      const path = join(folder, 'dry.csv');
      writeFileSync(path, `\ufeff${stringify([HEADERS, ...changed.map(cells)])}`);
      const before = new Map((await stored('DRY')).map((row) => [row.asset_number, row]));
      const { stdout } = await importing(path);
      expect(summaryOf(stdout)).toEqual({ added: 0, updated: 3, unchanged: 27, rejected: 0 });
      const after = await stored('DRY');
      expect(after.map(fromDatabase)).toEqual(changed);
      for (const row of after) {
        const earlier = before.get(row.asset_number) as Record<string, unknown>;
        expect(row.id).toBe(earlier.id);
        expect(row.version).toBe((earlier.version as number) + (row.fee_text === '按样品收费，每个样品200元' ? 1 : 0));
      }
    },
    SLOW,
  );

  it(
    'leaves only whole rows when the import is killed half-way, and a re-run completes it',
    async () => {
      const file = csvFile(folder, 'killed.csv', 'KILL', 500);
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/import-instruments.ts',
          file.path,
          '--url',
          url,
          '--token',
          bearer,
          '--batch',
          '20',
        ],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.on('exit', (code, signal) => resolve(signal ?? code)),
      );
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          // Some batches have gone through: kill it as `kill -9` would, mid-way through the next.
          if (/batch 5\/25:/.test(stderr)) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('exit', () => reject(new Error(`the import ended before it was killed: ${stderr}`)));
      });
      expect(await exited).toBe('SIGKILL');

      // The batch in flight may still be finishing on the server: wait until the count settles.
      let count = -1;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const now = (await stored('KILL')).length;
        if (now === count) break;
        count = now;
      }
      // The batches reported done are stored; of the one in flight, what went through went through whole.
      const reported = Math.max(...[...stderr.matchAll(/batch (\d+)\/25:/g)].map((match) => Number(match[1])));
      expect(reported).toBeGreaterThanOrEqual(5);
      expect(count).toBeGreaterThanOrEqual(reported * 20);
      expect(count).toBeLessThanOrEqual((reported + 1) * 20);
      const held = await storedInstruments('KILL');
      // Rows go in file order, each whole: what is stored is the file's first rows, column for column.
      expect([...held.values()]).toEqual(file.items.slice(0, count));

      const { stdout } = await importing(file.path);
      expect(summaryOf(stdout)).toEqual({ added: 500 - count, updated: 0, unchanged: count, rejected: 0 });
      expect([...(await storedInstruments('KILL')).values()]).toEqual(file.items);
    },
    SLOW,
  );

  describe('export', () => {
    /** What the public sees of the rows imported above, once published: shared, and without contacts. */
    let published: Instrument[];

    beforeAll(async () => {
      // An administrator's review, done behind the graph's back: the imported rows are published.
      const db = await database('instruments');
      await db
        .table('instrument')
        .whereLike('asset_number', `${PREFIX}-MAIN-%`)
        .update({ review_status: 'PUBLISHED', published_at: new Date().toISOString() });
      published = main.good
        .filter((item) => item.sharingMode !== 'NOT_SHARED')
        .map((item) => ({ ...item, contactName: null, contactPhone: null }));
    });

    /** The public catalogue as the database holds it, in the API's terms, contacts hidden. */
    async function catalogue(): Promise<Instrument[]> {
      const rows = await (await database('instruments'))
        .table('instrument')
        .where({ review_status: 'PUBLISHED', classified: false })
        .whereNot('sharing_mode', 'NOT_SHARED')
        .orderBy('id');
      return rows.map((row) => ({ ...fromDatabase(row), contactName: null, contactPhone: null }));
    }

    /** Imports a file written by export, keeping only the imported rows whose contacts were empty anyway. */
    async function reimportUntouched(path: string, keep: (assetNumber: string) => boolean): Promise<void> {
      const dry = await importing(path, '--dry-run');
      expect(dry.stdout).toMatch(/^Dry run, nothing sent: (\d+) of \1 rows convert .* 0 rejected/);
      const noContacts = new Set(main.good.filter((item) => !item.contactName).map((item) => item.assetNumber));
      const subset = join(folder, `subset-${path.split('.').pop()}`);
      let expected = 0;
      if (path.endsWith('.json')) {
        const items = (JSON.parse(readFileSync(path, 'utf8')) as Instrument[]).filter(
          (item) => keep(item.assetNumber) && noContacts.has(item.assetNumber),
        );
        expected = items.length;
        writeFileSync(`${subset}.json`, JSON.stringify(items));
      } else if (path.endsWith('.csv')) {
        const [headers, ...rows] = readCsv(path);
        const kept = rows.filter((row) => keep(row[1] as string) && noContacts.has(row[1] as string));
        expected = kept.length;
        writeFileSync(`${subset}.csv`, `\ufeff${stringify([headers as string[], ...kept])}`);
      } else {
        // The export's own cells (numbers, dates, text), copied row by row into a workbook of the rows kept.
        const source = new ExcelJS.Workbook();
        await source.xlsx.readFile(path);
        const sheet = source.worksheets[0] as ExcelJS.Worksheet;
        const workbook = new ExcelJS.Workbook();
        const kept = workbook.addWorksheet('kept');
        sheet.eachRow((row, number) => {
          const assetNumber = String(row.getCell(2).value);
          if (number > 1 && !(keep(assetNumber) && noContacts.has(assetNumber))) return;
          if (number > 1) expected++;
          kept.addRow((row.values as ExcelJS.CellValue[]).slice(1));
        });
        await workbook.xlsx.writeFile(`${subset}.xlsx`);
      }
      expect(expected).toBeGreaterThan(100);
      const { stdout } = await importing(`${subset}.${path.split('.').pop()}`);
      expect(summaryOf(stdout)).toEqual({ added: 0, updated: 0, unchanged: expected, rejected: 0 });
    }

    const mine = (assetNumber: string) => assetNumber.startsWith(`${PREFIX}-MAIN-`);

    it(
      'writes the published catalogue as JSON keyed by the API field names, as the public sees it',
      async () => {
        const out = join(folder, 'catalogue.json');
        const { stderr } = await exporting('--format', 'json', '--out', out);
        const exported = JSON.parse(readFileSync(out, 'utf8')) as Instrument[];
        const expected = await catalogue();
        expect(stderr).toContain(`${expected.length} instruments → ${out}`);
        expect(exported).toEqual(expected);
        expect(
          exported.filter((item) => mine(item.assetNumber)).sort((a, b) => (a.assetNumber < b.assetNumber ? -1 : 1)),
        ).toEqual(published);
        await reimportUntouched(out, mine);
      },
      SLOW,
    );

    it(
      'writes CSV with the Chinese headers and words, which imports again unchanged',
      async () => {
        const out = join(folder, 'catalogue.csv');
        await exporting('--out', out);
        expect(readFileSync(out).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        const [headers, ...rows] = readCsv(out);
        expect(headers).toEqual(HEADERS);
        const expected = await catalogue();
        expect(rows).toHaveLength(expected.length);
        const byAsset = new Map(published.map((item) => [item.assetNumber, item]));
        const sample = rows.find((row) => byAsset.get(row[1] as string)?.industries.length === 2) as string[];
        const item = byAsset.get(sample[1] as string) as Instrument;
        expect(sample[column('仪器来源')]).toBe(SOURCE[item.source]);
        expect(sample[column('共享模式')]).toBe(SHARING[item.sharingMode]);
        expect(sample[column('重点产业')]).toBe(item.industries.map((industry) => INDUSTRY[industry]).join('；'));
        expect(sample[column('启用日期')]).toBe(item.startOfUse);
        expect(sample[column('联系人')]).toBe('');
        await reimportUntouched(out, mine);
      },
      SLOW,
    );

    it(
      'writes XLSX with numbers, dates and codes as Excel keeps them, which imports again unchanged',
      async () => {
        const out = join(folder, 'catalogue.xlsx');
        await exporting('--format', 'xlsx', '--out', out);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(out);
        const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
        expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
        expect(sheet.rowCount).toBe((await catalogue()).length + 1);
        const row = sheet.getRow(2);
        expect(typeof row.getCell(column('原值（万元）') + 1).value).toBe('number');
        expect(row.getCell(column('启用日期') + 1).value).toBeInstanceOf(Date);
        expect(row.getCell(column('分类代码') + 1).value).toMatch(/^\d{6}$/);
        await reimportUntouched(out, mine);
      },
      SLOW,
    );
  });

  /** How a command that had to fail ended: its exit code, and the lines it wrote (less pnpm's own ELIFECYCLE line). */
  async function failure(command: Promise<unknown>): Promise<{ code: number; lines: string[] }> {
    const error = (await command.then(
      () => ({ code: 0, stderr: '' }),
      (reason: unknown) => reason,
    )) as { code: number; stderr: string };
    return { code: error.code, lines: error.stderr.split('\n').filter((line) => line && !/ELIFECYCLE/.test(line)) };
  }

  it('stops with one line and exit code 1 when the gateway is not there, refuses the token or gives up waiting', async () => {
    const file = csvFile(folder, 'refused.csv', 'REFUSED', 3);
    const pnpm = (...args: string[]) =>
      run('pnpm', ['--silent', ...args], { cwd: repoRoot, env: { ...process.env, GZEQUIP_TOKEN: bearer } });

    const down = await failure(pnpm('import:instruments', file.path, '--url', 'http://127.0.0.1:9/graphql'));
    expect(down.code).toBe(1);
    expect(down.lines).toHaveLength(1);
    expect(down.lines[0]).toMatch(
      /^pnpm import:instruments: no gateway answers at http:\/\/127\.0\.0\.1:9\/graphql \(is .*start running\? --url names another\)$/,
    );

    const foreign = await token({ role: 'PARTNER' }, { secret: 'the-secret-of-another-data-folder-0123456789' });
    const refused = await failure(pnpm('import:instruments', file.path, '--url', url, '--token', foreign));
    expect(refused.code).toBe(1);
    expect(refused.lines).toHaveLength(1);
    expect(refused.lines[0]).toMatch(/^pnpm import:instruments: the gateway refused the token: /);

    const owner = await token({ role: 'ENTERPRISE_USER', enterpriseId: 'ent-001' });
    const forbidden = await failure(pnpm('import:instruments', file.path, '--url', url, '--token', owner));
    expect(forbidden.code).toBe(1);
    expect(forbidden.lines).toHaveLength(1);
    expect(forbidden.lines[0]).toMatch(
      /^pnpm import:instruments: the token may not push instruments \(role PARTNER needed\)/,
    );
    expect(await stored('REFUSED')).toHaveLength(0);

    // A gateway that gives up on its sources sooner than a batch takes: the rows may be stored all the same.
    const { gateway: impatient } = await testGateway({ subgraphTimeoutMs: 1 });
    const late = await failure(pnpm('import:instruments', file.path, '--url', impatient.url));
    await closeTestGateways();
    expect(late.code).toBe(1);
    expect(late.lines).toHaveLength(1);
    expect(late.lines[0]).toMatch(
      /: The instruments source did not answer within 1 ms, and the gateway stopped waiting: rows of this batch may have been stored all the same\. Run the import again, with a smaller --batch/,
    );
    // Whatever the source stored meanwhile is whole, and the next run (here through the usual gateway) completes it.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const [assetNumber, item] of await storedInstruments('REFUSED')) {
      expect(item).toEqual(file.items.find((row) => row.assetNumber === assetNumber));
    }
    const { stdout } = await importing(file.path);
    const summary = summaryOf(stdout);
    expect(summary.added + summary.unchanged).toBe(3);
    expect([...(await storedInstruments('REFUSED')).values()]).toEqual(file.items);

    const exportDown = await failure(pnpm('export:instruments', '--url', 'http://127.0.0.1:9/graphql', '--out', '-'));
    expect(exportDown.code).toBe(1);
    expect(exportDown.lines).toHaveLength(1);
    expect(exportDown.lines[0]).toMatch(
      /^pnpm export:instruments: no gateway answers at http:\/\/127\.0\.0\.1:9\/graphql \(is .*start running\? --url names another\)$/,
    );
  });
});
