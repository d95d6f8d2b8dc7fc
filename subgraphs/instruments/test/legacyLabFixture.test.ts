/**
 * The legacy-lab fixture `pnpm legacy-fixture` loads: the instruments demo data in the legacy
 * system's shape — its own numbers beside the province's identifiers, Chinese words, yuan,
 * YYYYMMDD text, Beijing local times — with nothing lost that the adapter's views read back.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { beijingTime, demoLegacyLabFixture, legacyLabFixture, yuanOf } from '../src/adapters/legacyLab/fixture.ts';
import { STATUS_WORDS } from '../src/adapters/legacyLab/words.ts';

const demo = JSON.parse(readFileSync(new URL('../src/seed/demo-data.json', import.meta.url), 'utf8')) as {
  instrument: Record<string, unknown>[];
  owner: { id: string; credit_code: string }[];
};

describe('the demo data as the legacy system keeps it', () => {
  const fixture = demoLegacyLabFixture();
  const byId = new Map(fixture.instruments.map((row) => [row.sjdjbm, row]));

  it('holds every instrument, owner and hosting platform, numbered the legacy way', () => {
    expect(fixture.instruments).toHaveLength(demo.instrument.length);
    expect(fixture.units).toHaveLength(demo.owner.length);
    expect(fixture.platforms.map((row) => row.sjdjbm)).toEqual(
      [...new Set(demo.instrument.map((row) => row.platform_id).filter(Boolean))].sort(),
    );
    expect(fixture.instruments[0]).toMatchObject({ yqbh: 'YQ000001', sjdjbm: 'ins-001' });
    expect(fixture.units.every((unit) => /^DW\d{4}$/.test(String(unit.dwbh)))).toBe(true);
    expect(fixture.units.find((unit) => unit.sjdjbm === 'ent-001')?.tyshxydm).toBe(demo.owner[0]?.credit_code);
  });

  it('writes the first instrument in words, yuan, YYYYMMDD text and Beijing time', () => {
    expect(byId.get('ins-001')).toMatchObject({
      zcbh: 'GZ005-3000',
      yqmc: '红外热像仪',
      yqly: '购置',
      sfhgjg: '否',
      yz: '572300',
      qyrq: '20190509',
      yqyt: '通用',
      xkly: '电气工程',
      cyly: '航空；汽车',
      gxms: '对外共享',
      zt: '偶有故障',
      dwxz: '科研院所',
      shzt: '已发布',
      fbsj: '2025-03-01 08:00:00.000',
      sfsm: '否',
      bbh: 0,
    });
  });

  it('keeps every state as a word the adapter reads back to its code', () => {
    for (const row of demo.instrument) {
      const legacy = byId.get(row.id as string);
      expect(STATUS_WORDS[legacy?.zt as string]).toBe(row.status);
      expect(Number(legacy?.yz) / 10000).toBe(row.original_value);
    }
  });

  it('converts amounts and times exactly', () => {
    expect(yuanOf('1812.71')).toBe('18127100');
    expect(yuanOf(0.01)).toBe('100');
    expect(beijingTime('2026-12-01T16:30:00.123Z')).toBe('2026-12-02 00:30:00.123');
  });

  it('refuses a record it cannot keep in the legacy shape rather than change it', () => {
    const [first] = demo.instrument as never[];
    const oddOwnerCode = { ...(first as object), owner_credit_code: '91520100MA6DKXY70A' } as never;
    expect(() => legacyLabFixture([oddOwnerCode], demo.owner)).toThrow(/the legacy shape keeps one code per unit/);
    const oddDiscipline = { ...(first as object), disciplines: ['机械、电气'] } as never;
    expect(() => legacyLabFixture([oddDiscipline], demo.owner)).toThrow(/holds the legacy separator 、/);
  });
});
