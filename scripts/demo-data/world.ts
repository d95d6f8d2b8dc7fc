/**
 * What every demo-data generator shares: the vocabulary, the ten regions with their counties and
 * streets, and one seeded PRNG, so that the same run always writes the same data. Everything is
 * fictional but shaped like Guizhou: names fit their places, dates follow one another, and
 * websites use the reserved `.example` domain so that none can belong to a real third party.
 */

export type Industry =
  | 'AVIATION'
  | 'AEROSPACE'
  | 'AUTOMOTIVE'
  | 'ENGINEERING_MINING_MACHINERY'
  | 'POWER_EQUIPMENT'
  | 'INDUSTRIAL_ROBOTS';
export type EnterpriseType =
  | 'MANUFACTURER'
  | 'TESTING_INSTITUTION'
  | 'UNIVERSITY'
  | 'RESEARCH_INSTITUTE'
  | 'PLATFORM_OPERATOR';

export const AV: Industry = 'AVIATION';
export const AS: Industry = 'AEROSPACE';
export const AU: Industry = 'AUTOMOTIVE';
export const EM: Industry = 'ENGINEERING_MINING_MACHINERY';
export const PE: Industry = 'POWER_EQUIPMENT';
export const IR: Industry = 'INDUSTRIAL_ROBOTS';
export const INDUSTRIES: readonly Industry[] = [AV, AS, AU, EM, PE, IR];
/** The action plan's six key industries by their Chinese names (DOMAIN.md); the spreadsheets use them too. */
export const INDUSTRY_LABEL: Record<Industry, string> = {
  AVIATION: '航空',
  AEROSPACE: '航天',
  AUTOMOTIVE: '汽车',
  ENGINEERING_MINING_MACHINERY: '工程及矿山机械',
  POWER_EQUIPMENT: '电力装备',
  INDUSTRIAL_ROBOTS: '工业机器人',
};

/** The year the data describes: nothing starts after it. */
export const THIS_YEAR = 2025;

/** A county-level division: its GB/T 2260 code (used in credit codes), its name, and streets in it. */
export interface County {
  code: string;
  name: string;
  streets: readonly string[];
}

export interface Region {
  code: string;
  name: string;
  nameEn: string;
  areaCode: string;
  /** The short place name companies put before their trade name. */
  brand: readonly [string, string];
  counties: readonly County[];
  /** The industries the region's enterprises lean towards. */
  focus: readonly Industry[];
  makers: number;
  operators: number;
  instruments: number;
}

const county = (code: string, name: string, streets: string[]): County => ({ code, name, streets });

// biome-ignore format: data table
export const REGIONS: readonly Region[] = [
  { code: '520100', name: '贵阳市', nameEn: 'Guiyang', areaCode: '0851', brand: ['贵阳', 'Guiyang'],
    counties: [
      county('520102', '南明区', ['花果园大街', '解放路', '新华路']),
      county('520103', '云岩区', ['中华北路', '北京路', '宝山北路']),
      county('520111', '花溪区', ['花溪大道', '溪北路', '明珠大道']),
      county('520113', '白云区', ['白云大道', '云峰大道', '沙文园区创新路']),
      county('520115', '观山湖区', ['林城西路', '长岭北路', '金阳南路']),
    ],
    focus: [AV, AU, EM, PE, IR], makers: 6, operators: 3, instruments: 32 },
  { code: '520200', name: '六盘水市', nameEn: 'Liupanshui', areaCode: '0858', brand: ['六盘水', 'Liupanshui'],
    counties: [
      county('520201', '钟山区', ['钟山大道', '人民中路', '凉都大道']),
      county('520204', '水城区', ['水城大道', '双水大道']),
      county('520281', '盘州市', ['红果开发区胜境大道', '盘州大道']),
    ],
    focus: [EM, PE], makers: 3, operators: 1, instruments: 10 },
  { code: '520300', name: '遵义市', nameEn: 'Zunyi', areaCode: '0851', brand: ['遵义', 'Zunyi'],
    counties: [
      county('520302', '红花岗区', ['中华南路', '丁字口大街', '老城红军街']),
      county('520303', '汇川区', ['上海路', '大连路', '珠海路']),
      county('520304', '播州区', ['南白大道', '播州大道']),
    ],
    focus: [AS, AU, PE], makers: 5, operators: 1, instruments: 18 },
  { code: '520400', name: '安顺市', nameEn: 'Anshun', areaCode: '0851', brand: ['安顺', 'Anshun'],
    counties: [
      county('520402', '西秀区', ['黄果树大街', '塔山东路', '中华东路']),
      county('520403', '平坝区', ['安平大道', '夏云工业园航空路']),
    ],
    focus: [AV, AU], makers: 4, operators: 1, instruments: 16 },
  { code: '520500', name: '毕节市', nameEn: 'Bijie', areaCode: '0857', brand: ['毕节', 'Bijie'],
    counties: [
      county('520502', '七星关区', ['洪山路', '清毕路', '招商大道']),
      county('520521', '大方县', ['慕俄格大道', '大方经开区顺德路']),
    ],
    focus: [EM, PE], makers: 2, operators: 1, instruments: 8 },
  { code: '520600', name: '铜仁市', nameEn: 'Tongren', areaCode: '0856', brand: ['铜仁', 'Tongren'],
    counties: [
      county('520602', '碧江区', ['锦江大道', '清水大道', '川硐教育园区大道']),
      county('520603', '万山区', ['万山大道', '丹都大道']),
    ],
    focus: [PE, AU], makers: 2, operators: 1, instruments: 8 },
  { code: '522300', name: '黔西南布依族苗族自治州', nameEn: 'Qianxinan', areaCode: '0859', brand: ['黔西南', 'Qianxinan'],
    counties: [
      county('522301', '兴义市', ['桔山大道', '瑞金南路', '富康路']),
      county('522302', '兴仁市', ['东湖大道', '城南大道']),
    ],
    focus: [PE, EM], makers: 2, operators: 1, instruments: 8 },
  { code: '522600', name: '黔东南苗族侗族自治州', nameEn: 'Qiandongnan', areaCode: '0855', brand: ['黔东南', 'Qiandongnan'],
    counties: [county('522601', '凯里市', ['韶山南路', '清江路', '开发区鸭塘大道'])],
    focus: [AS, AU, EM], makers: 2, operators: 1, instruments: 8 },
  { code: '522700', name: '黔南布依族苗族自治州', nameEn: 'Qiannan', areaCode: '0854', brand: ['黔南', 'Qiannan'],
    counties: [
      county('522701', '都匀市', ['剑江中路', '斗篷山路', '经开区匀东大道']),
      county('522702', '福泉市', ['金山大道', '马场坪工业园福兴路']),
    ],
    focus: [IR, EM, PE], makers: 2, operators: 1, instruments: 8 },
  // Gui'an has no GB/T 2260 code: a project code under Guiyang; its credit codes use the counties it was carved from.
  { code: 'GUIAN', name: '贵安新区', nameEn: "Gui'an New Area", areaCode: '0851', brand: ['贵安', "Gui'an"],
    counties: [
      county('520181', '湖潮乡', ['百马大道', '贵安大道']),
      county('520111', '党武镇', ['大学城思雅路', '兴安大道']),
    ],
    focus: [IR, AV, PE], makers: 2, operators: 1, instruments: 16 },
];

export function regionOf(code: string): Region {
  const region = REGIONS.find((candidate) => candidate.code === code);
  if (!region) throw new Error(`no region ${code}`);
  return region;
}

/** Where a unit of a region is: its county, by code or by a place name its own name mentions. */
export function countyOf(region: Region, code?: string): County {
  if (code) {
    const found = region.counties.find((candidate) => candidate.code === code);
    if (!found) throw new Error(`no county ${code} in ${region.code}`);
    return found;
  }
  return pick(region.counties);
}

/** The city part of an address: Gui'an New Area is not a prefecture-level city. */
export function cityOf(region: Region): string {
  return region.code === 'GUIAN' ? '贵安新区' : region.name;
}

/** A website on the reserved `.example` top-level domain. */
export function website(host: string): string {
  return `https://${host}.example`;
}

// ---------------------------------------------------------------------------------------------- PRNG

/** mulberry32: a small, fast PRNG; the same seed always gives the same data. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The stream every draw below takes from: the main one, unless a `Stream` has lent its own. */
let random = mulberry32(20201216); // the day the provincial action plan was signed

/**
 * A PRNG stream of its own, for data drawn apart from the seed files (the generated bulk
 * instruments): what `draw` runs takes from this stream through the helpers below, and the main
 * stream, so the committed seeds, never sees those draws. The stream carries on between calls.
 */
export interface Stream {
  draw<T>(work: () => T): T;
}

export function stream(seed: number): Stream {
  const own = mulberry32(seed);
  return {
    draw(work) {
      const main = random;
      random = own;
      try {
        return work();
      } finally {
        random = main;
      }
    },
  };
}

export function int(min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function chance(probability: number): boolean {
  return random() < probability;
}

export function pick<T>(items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from nothing');
  return items[int(0, items.length - 1)] as T;
}

export function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function sample<T>(items: readonly T[], count: number): T[] {
  return shuffle(items).slice(0, count);
}

export function weighted<T>(options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = int(1, total);
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  throw new Error('unreachable: weights exhausted');
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

/** Industries in their canonical order, without duplicates. */
export function industries(list: readonly Industry[]): Industry[] {
  return INDUSTRIES.filter((industry) => list.includes(industry));
}

export function shared(a: readonly Industry[], b: readonly Industry[]): Industry[] {
  return industries(a.filter((industry) => b.includes(industry)));
}

/** A date in a year, YYYY-MM-DD. */
export function dateIn(year: number): string {
  return `${year}-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`;
}

// ---------------------------------------------------------------------------------------------- people and codes

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任龙',
];
const GIVEN_CHARS = [...'建国明华伟芳敏静丽强磊军洋勇艳杰涛超霞平刚桂英文斌波宇浩凯鹏婷雪琳晨俊红云飞黔筑兰松'];

export function personName(): string {
  return pick(SURNAMES) + (chance(0.25) ? pick(GIVEN_CHARS) : pick(GIVEN_CHARS) + pick(GIVEN_CHARS));
}

export function phone(region: Region): string {
  return `${region.areaCode}-8${pad(int(0, 9999999), 7)}`;
}

/** GB 32100-2015 unified social credit code: 17 characters plus a check character. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usedCreditCodes = new Set<string>();

export function creditCode(authorityAndKind: string, countyCode: string): string {
  let body = '';
  for (let i = 0; i < 9; i++) body += CODE_ALPHABET.charAt(int(0, 30));
  const first17 = authorityAndKind + countyCode + body;
  let sum = 0;
  let weight = 1; // 3^(i-1) mod 31
  for (const char of first17) {
    sum += CODE_ALPHABET.indexOf(char) * weight;
    weight = (weight * 3) % 31;
  }
  const check = 31 - (sum % 31);
  const code = first17 + CODE_ALPHABET.charAt(check === 31 ? 0 : check);
  if (usedCreditCodes.has(code)) return creditCode(authorityAndKind, countyCode);
  usedCreditCodes.add(code);
  return code;
}
