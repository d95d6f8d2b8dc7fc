/**
 * What the registry records of a unit beyond its identity: its scale (规模以上 or not) and the
 * certifications it holds. Drawn from a stream of its own, so that adding them changed no other
 * value of any seed file.
 *
 * Scale applies to enterprises (credit codes beginning 9), not to universities and institutes:
 * about half of the manufacturers — the older, heavier, joint-stock ones — are above designated
 * size (annual revenue of ¥20 million or more), makers under eight years old never; testing
 * companies of fourteen years or more are; platform operators' service companies mostly not.
 * Certifications fit the unit: every manufacturer runs ISO 9001, aviation and aerospace makers
 * AS9100D, automotive makers IATF 16949; testing companies hold their CMA and mostly a CNAS
 * laboratory accreditation, which otherwise only universities and institutes hold.
 */
import type { Enterprise } from './enterprises.ts';
import { AS, AU, AV, chance, type Industry, int, pad, stream, THIS_YEAR } from './world.ts';

export type Scale = 'ABOVE_DESIGNATED_SIZE' | 'BELOW_DESIGNATED_SIZE';

/** The registry's columns, as the enterprises subgraph stores them. */
export interface RegistryFields {
  scale: Scale | null;
  certifications: string[];
}

export const ISO_9001 = 'ISO 9001:2015';
export const AS_9100 = 'AS9100D';
export const IATF_16949 = 'IATF 16949:2016';
export const ISO_14001 = 'ISO 14001:2015';
export const ISO_45001 = 'ISO 45001:2018';
export const ISO_10012 = 'ISO 10012:2003';
export const ISO_27001 = 'ISO/IEC 27001:2022';
/** The military quality system the province's third-front aviation and aerospace plants keep. */
export const GJB_9001 = 'GJB 9001C-2017';
/** The safety mark coal-mine equipment must carry. */
export const MA_MARK = '煤矿矿用产品安全标志（MA）';
export const IP_MANAGEMENT = 'GB/T 29490-2013 知识产权管理体系';
export const HIGH_TECH = '国家高新技术企业';
export const LITTLE_GIANT = '专精特新“小巨人”企业';
export const PROVINCIAL_SPECIALISED = '省级专精特新中小企业';
/** A laboratory accredited by CNAS: `CNAS L` and its number. */
export const CNAS_LAB = /^CNAS L\d{4,5}$/;
/** Inspection and testing body qualification (CMA): the year issued, the province (52), a serial. */
export const CMA = /^CMA \d{12}$/;

/** The chance a maker of a line holds AS9100D (its aviation or aerospace share of the business). */
// biome-ignore format: data table
const AEROSPACE_QUALITY: Record<string, number> = {
  精密制造: 0.9, 航空零部件: 1, 航空锻造: 1, 航天精密电子: 0.9, 微特电机: 0.5, 数控机床: 0.3, 紧固件: 0.7,
};
/** The chance a maker of a line holds IATF 16949 (how much of it goes into cars). */
// biome-ignore format: data table
const AUTOMOTIVE_QUALITY: Record<string, number> = {
  汽车零部件: 1, 新能源汽车: 0.9, 专用汽车: 0.6, 液压科技: 0.5, 轴承: 0.7, 紧固件: 0.6,
};
/** Lines of heavy plant and long series, whose makers reach ¥20 million sooner. */
const HEAVY_LINES = new Set([
  '航空锻造',
  '精密制造',
  '矿山机械',
  '工程机械',
  '电力设备',
  '输变电装备',
  '专用汽车',
  '汽车零部件',
]);
/** Lines the high-tech enterprise recognition favours. */
const TECH_LINES = new Set(['航天精密电子', '微特电机', '新能源汽车', '智能装备', '机器人科技', '数控机床', '电气']);

/** A uniform draw in [0, 1) from the current stream. */
const unit = () => int(0, 999_999) / 1_000_000;

const age = (e: Enterprise) => THIS_YEAR - e.founded_year;
const serves = (e: Enterprise, ...list: Industry[]) => e.industries.some((industry) => list.includes(industry));

/** Manufacturers above designated size: the top half by age, line, legal form and luck; none under eight years old. */
function makersAbove(makers: readonly Enterprise[]): Set<string> {
  const scored = makers.map((e) => ({
    e,
    score:
      Math.min(1, age(e) / 45) +
      (HEAVY_LINES.has(e.line ?? '') ? 0.25 : 0) +
      (e.name.endsWith('股份有限公司') ? 0.2 : 0) +
      unit() * 0.4,
  }));
  const eligible = scored.filter(({ e }) => age(e) >= 8).sort((a, b) => b.score - a.score);
  return new Set(eligible.slice(0, Math.round(makers.length / 2)).map(({ e }) => e.id));
}

function scaleOf(e: Enterprise, above: Set<string>): Scale | null {
  const yes = (is: boolean): Scale => (is ? 'ABOVE_DESIGNATED_SIZE' : 'BELOW_DESIGNATED_SIZE');
  switch (e.type) {
    case 'UNIVERSITY':
    case 'RESEARCH_INSTITUTE':
      return null;
    case 'MANUFACTURER':
      return yes(above.has(e.id));
    case 'TESTING_INSTITUTION':
      // Accredited testing grows with its clients: ¥20 million takes a testing company some fourteen years.
      return yes(age(e) >= 14);
    case 'PLATFORM_OPERATOR':
      return yes(age(e) >= 12 && chance(0.2));
  }
}

/** Laboratory accreditation numbers: four digits for labs accredited before 2012, five after; each once. */
function cnasNumber(e: Enterprise, taken: Set<string>): string {
  const accredited = Math.max(e.founded_year + int(2, 6), 2002);
  for (;;) {
    const number = accredited < 2012 ? `CNAS L${int(1200, 9999)}` : `CNAS L${int(10_000, 19_999)}`;
    if (!taken.has(number)) {
      taken.add(number);
      return number;
    }
  }
}

function cmaNumber(e: Enterprise): string {
  const issued = Math.min(THIS_YEAR, Math.max(e.founded_year + 1, 2008) + int(0, 4));
  return `CMA ${issued}52${pad(int(1, 999_999), 6)}`;
}

function certificationsOf(e: Enterprise, scale: Scale | null, cnas: Set<string>): string[] {
  const above = scale === 'ABOVE_DESIGNATED_SIZE';
  const line = e.line ?? '';
  const held: string[] = [];
  const add = (certification: string, when: boolean) => {
    if (when) held.push(certification);
  };
  switch (e.type) {
    case 'MANUFACTURER': {
      add(ISO_9001, true);
      add(AS_9100, serves(e, AV, AS) && chance(AEROSPACE_QUALITY[line] ?? 0));
      add(GJB_9001, serves(e, AV, AS) && age(e) >= 25 && chance(0.5));
      add(IATF_16949, serves(e, AU) && chance(AUTOMOTIVE_QUALITY[line] ?? 0));
      add(ISO_14001, chance(above ? 0.75 : 0.2));
      add(ISO_45001, chance(above ? 0.6 : 0.1));
      add(ISO_10012, above && chance(0.3));
      add(MA_MARK, line === '矿山机械' && chance(0.9));
      const highTech = chance(TECH_LINES.has(line) ? 0.7 : 0.35);
      add(HIGH_TECH, highTech);
      add(IP_MANAGEMENT, highTech && chance(0.3));
      // 专精特新 honours go to small and medium firms: not to the old state plants.
      const sme = e.founded_year >= 1985;
      const giant = sme && highTech && above && chance(0.35);
      add(LITTLE_GIANT, giant);
      add(PROVINCIAL_SPECIALISED, sme && !giant && chance(0.25));
      break;
    }
    case 'TESTING_INSTITUTION':
      add(cnasNumber(e, cnas), chance(0.9));
      add(cmaNumber(e), true);
      add(ISO_9001, chance(0.3));
      add(HIGH_TECH, chance(0.45));
      break;
    case 'PLATFORM_OPERATOR':
      add(ISO_9001, chance(0.4));
      add(ISO_27001, chance(e.name.includes('工业互联网') ? 0.8 : 0.2));
      add(HIGH_TECH, chance(0.3));
      break;
    case 'UNIVERSITY':
      // The engineering universities (several key industries) run accredited labs; the normal colleges seldom.
      add(cnasNumber(e, cnas), chance(e.industries.length >= 3 ? 0.7 : 0.2));
      break;
    case 'RESEARCH_INSTITUTE':
      add(cnasNumber(e, cnas), chance(0.6));
      add(cmaNumber(e), chance(0.3));
      add(ISO_9001, chance(0.25));
      add(IP_MANAGEMENT, chance(0.3));
      break;
  }
  return held;
}

/** Each enterprise's scale and certifications, by id, drawn from a stream of their own. */
export function buildRegistry(enterprises: readonly Enterprise[]): Map<string, RegistryFields> {
  // 2026-12-04, the registry's migration: a stream of its own, so the other columns keep their values.
  return stream(20261204).draw(() => {
    const above = makersAbove(enterprises.filter((e) => e.type === 'MANUFACTURER'));
    const cnas = new Set<string>();
    return new Map(
      enterprises.map((e) => {
        const scale = scaleOf(e, above);
        return [e.id, { scale, certifications: certificationsOf(e, scale, cnas) }];
      }),
    );
  });
}
