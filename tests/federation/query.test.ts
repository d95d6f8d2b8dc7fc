/**
 * `pnpm query` as an analyst runs it: an operation file through the real gateway, every page
 * followed, written as a CSV (and as XLSX) that is read back here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/devEnvironment.ts';
import { database, federation, insertable, token } from '../support/federation.ts';

const run = promisify(execFile);
const PREFIX = 'zz-query-';
const EXTRA = 420;

describe('pnpm query', () => {
  const folder = mkdtempSync(join(tmpdir(), 'gzequip-query-'));
  // The operation the README offers analysts.
  const file = join(repoRoot, 'scripts', 'queries', 'instrument-catalogue.graphql');
  let url: string;
  let bearer: string;

  beforeAll(async () => {
    url = (await federation()).gateway.url;
    bearer = await token({ role: 'PARTNER', sub: 'analyst' });
    const db = await database('instruments');
    const template = insertable(
      await db.table<Record<string, unknown>>('instrument').whereNotNull('platform_id').first(),
    );
    const rows = Array.from({ length: EXTRA }, (_, i) => ({
      ...template,
      id: `${PREFIX}${String(i).padStart(4, '0')}`,
      asset_number: `QUERY-${i}`,
      sharing_mode: 'EXTERNAL',
      name: `${template.name as string}（${i}）`,
    }));
    for (let i = 0; i < rows.length; i += 100) await db.table('instrument').insert(rows.slice(i, i + 100));
  });

  afterAll(async () => {
    await (await database('instruments')).table('instrument').whereLike('id', `${PREFIX}%`).del();
    rmSync(folder, { recursive: true, force: true });
  });

  const query = (...args: string[]) =>
    run('pnpm', ['--silent', 'query', file, '--url', url, '--token', bearer, ...args], {
      cwd: repoRoot,
      maxBuffer: 1 << 26,
    });

  it('writes every page of the instruments as one CSV, one row per instrument, that a spreadsheet can read', async () => {
    const out = join(folder, 'catalogue.csv');
    const { stderr } = await query('--all-pages', '--var', 'first=100', '--out', out);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    const expected = await (await database('instruments')).table('instrument').whereNot('sharing_mode', 'NOT_SHARED');
    expect(rows.length).toBeGreaterThanOrEqual(500);
    expect(rows).toHaveLength(expected.length);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'name',
      'industries',
      'originalValue',
      'owner.name',
      'platform.name',
      'platform.latestAssessment.grade',
    ]);
    const sample = rows.find((row) => row.id === `${PREFIX}0007`);
    expect(sample?.name).toMatch(/（7）$/);
    expect(sample?.industries).toMatch(/^[A-Z_]+(; [A-Z_]+)*$/);
    expect(sample?.['owner.name']).toMatch(/\p{Script=Han}/u);
    expect(stderr).toContain(`${rows.length} rows, 7 columns`);
  });

  it('writes XLSX too', async () => {
    const out = join(folder, 'first-page.xlsx');
    await query('--format', 'xlsx', '--var', 'first=50', '--out', out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('rows');
    expect(sheet?.rowCount).toBe(51);
    expect(sheet?.getRow(1).getCell(5).value).toBe('owner.name');
    expect(typeof sheet?.getRow(2).getCell(4).value).toBe('number');
  });

  it('writes statistics rows, one per group, with a filter given as JSON', async () => {
    const stats = join(repoRoot, 'scripts', 'queries', 'value-by-prefecture-and-industry.graphql');
    const { stdout } = await run(
      'pnpm',
      ['--silent', 'query', stats, '--url', url, '--var', 'filter={"regionCodeIn":["520300"]}', '--out', '-'],
      { cwd: repoRoot },
    );
    const rows = parse(stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'region.code',
      'region.name',
      'industry',
      'count',
      'totalOriginalValue',
    ]);
    expect(new Set(rows.map((row) => row['region.name']))).toEqual(new Set(['遵义市']));
    const zunyi = await (await database('instruments'))
      .table('instrument')
      .where({ region_code: '520300' })
      .whereNot('sharing_mode', 'NOT_SHARED');
    const perIndustry = zunyi.reduce((sum, row) => sum + (row.industries as string[]).length, 0);
    expect(rows.reduce((sum, row) => sum + Number(row.count), 0)).toBe(perIndustry);
  });

  it('explains what it needs, and stops on errors', async () => {
    const noCursor = join(folder, 'no-cursor.graphql');
    writeFileSync(noCursor, '{ instruments(first: 5) { edges { node { id } } } }');
    await expect(
      run('pnpm', ['--silent', 'query', noCursor, '--url', url, '--all-pages'], { cwd: repoRoot }),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--all-pages needs the operation to declare $after: String'),
    });
    await expect(query('--var', 'first=9999', '--out', '-')).rejects.toMatchObject({
      stderr: expect.stringContaining('a page holds at most 500'),
    });
    const help = await run('pnpm', ['--silent', 'query', '--help'], { cwd: repoRoot });
    expect(help.stdout).toContain('Usage: pnpm query FILE.graphql');
  });
});
