/**
 * Instruments by the hundred thousand, for searching and benchmarking at the scale of a real
 * catalogue: the kinds, makers and text of the seed's instruments (instruments.ts) spread over
 * the same regions, owners and platforms, with what real records vary in — names as units file
 * them, models, asset numbers, values, dates, status, sharing, industries — and the review states
 * of a working registry: mostly published, some drafts, submissions and rejections (with a
 * reason), a few retired, a handful classified.
 *
 * Deterministic: one PRNG stream of its own (the seed files never see its draws), and row k the
 * same whatever the count, so 1,000 rows are the first 1,000 of 100,000. Ids are `ins-g000001`…,
 * apart from the seed's `ins-001`…; asset numbers take forms the seed's `GZ005-3000` never does.
 */
import type { Enterprise } from './enterprises.ts';
import {
  BUILDINGS,
  CATALOGUE_PUBLISHED,
  CUSTOMS_YEARS,
  EXTERNAL_RULES,
  feeText,
  fits,
  INSTRUMENT_KINDS,
  INTERNAL_RULE,
  type InstrumentKind,
  type InstrumentStatus,
  makeAndYear,
  NOT_SHARED_RULE,
  type SharingMode,
  SOURCE_WEIGHTS,
  STATUS_WEIGHTS,
} from './instruments.ts';
import { INSTRUMENT_HOSTS, type PlatformRow } from './platforms.ts';
import {
  AS,
  AV,
  chance,
  dateIn,
  type EnterpriseType,
  type Industry,
  industries,
  int,
  pad,
  personName,
  phone,
  pick,
  REGIONS,
  type Region,
  sample,
  shared,
  stream,
  THIS_YEAR,
  weighted,
} from './world.ts';

/** Every generated id starts so; the seed's never do. */
export const GENERATED_ID_PREFIX = 'ins-g';

export function generatedInstrumentId(index: number): string {
  return `${GENERATED_ID_PREFIX}${pad(index, 6)}`;
}

export type ReviewStatus = 'DRAFT' | 'SUBMITTED' | 'PUBLISHED' | 'REJECTED' | 'RETIRED';

/** A row of `instruments.instrument`, keyed by its column names as the seed file is. */
export interface InstrumentRecordRow {
  id: string;
  asset_number: string;
  name: string;
  name_en: string | null;
  class_code: string;
  source: string;
  customs_supervised: boolean;
  original_value: number;
  country: string;
  manufacturer: string;
  model: string;
  start_of_use: string;
  purpose: 'GENERAL' | 'SPECIAL';
  technical_indicators: string;
  main_functions: string;
  disciplines: string[];
  service_content: string;
  sharing_rules: string;
  fee_text: string | null;
  service_url: string | null;
  sharing_mode: SharingMode;
  address: string;
  contact_name: string;
  contact_phone: string;
  status: InstrumentStatus;
  region_code: string;
  industries: Industry[];
  owner_id: string;
  owner_type: EnterpriseType | null;
  owner_credit_code: string;
  platform_id: string | null;
  review_status: ReviewStatus;
  rejection_reason: string | null;
  published_at: string | null;
  classified: boolean;
  /**
   * When the record was filed: before it was published, in the years the provincial catalogue was
   * collected. The table's trigger stamps the time of writing instead, unless the loader lets it.
   */
  created_at: string;
}

/**
 * The names units file besides the kind's own (which about half keep), with an English name where
 * it differs. Searches meet them as on real data: 扫描电镜 and 场发射扫描电子显微镜, 盐雾试验箱.
 */
// biome-ignore format: data table
const NAME_VARIANTS: Record<string, readonly (readonly [string, string?])[]> = {
  扫描电子显微镜: [['场发射扫描电子显微镜', 'Field emission scanning electron microscope'], ['钨灯丝扫描电子显微镜', 'Tungsten filament scanning electron microscope'], ['扫描电镜'], ['热场发射扫描电镜', 'Thermal field emission SEM']],
  透射电子显微镜: [['场发射透射电子显微镜', 'Field emission transmission electron microscope'], ['球差校正透射电子显微镜', 'Aberration-corrected transmission electron microscope'], ['透射电镜']],
  电感耦合等离子体质谱仪: [['ICP-MS质谱仪', 'ICP-MS'], ['电感耦合等离子体质谱联用仪']],
  X射线衍射仪: [['多晶X射线衍射仪', 'Polycrystalline X-ray diffractometer'], ['高分辨X射线衍射仪', 'High-resolution X-ray diffractometer'], ['粉末X射线衍射仪', 'Powder X-ray diffractometer']],
  X射线残余应力分析仪: [['便携式X射线残余应力分析仪', 'Portable X-ray residual stress analyzer'], ['X射线应力测定仪', 'X-ray stress analyzer']],
  工业CT: [['工业CT检测系统'], ['微焦点工业CT', 'Micro-focus industrial CT'], ['高能工业CT', 'High-energy industrial CT']],
  直读光谱仪: [['火花直读光谱仪', 'Spark optical emission spectrometer'], ['全谱直读光谱仪'], ['光电直读光谱仪']],
  傅里叶变换红外光谱仪: [['红外光谱仪', 'Infrared spectrometer'], ['显微红外光谱仪', 'FTIR microscope']],
  同步热分析仪: [['热重-差热同步分析仪'], ['同步热分析仪（TG-DSC）']],
  激光粒度仪: [['激光粒度分析仪'], ['激光粒度分布仪']],
  万能材料试验机: [['电子万能试验机', 'Electromechanical universal testing machine'], ['微机控制电液伺服万能试验机', 'Servo-hydraulic universal testing machine'], ['高温拉伸试验机', 'High-temperature tensile testing machine']],
  电液伺服疲劳试验机: [['电液伺服动静万能试验机'], ['疲劳试验机', 'Fatigue testing machine']],
  金相显微镜: [['倒置金相显微镜', 'Inverted metallographic microscope'], ['正置金相显微镜', 'Upright metallographic microscope'], ['研究级金相显微镜']],
  三坐标测量机: [['桥式三坐标测量机', 'Bridge coordinate measuring machine'], ['龙门式三坐标测量机', 'Gantry coordinate measuring machine'], ['三坐标测量仪']],
  激光跟踪仪: [['激光跟踪测量系统', 'Laser tracker measuring system']],
  光学三维扫描仪: [['三维扫描仪', '3D scanner'], ['蓝光三维扫描仪', 'Blue light 3D scanner'], ['拍照式三维扫描仪']],
  扭矩测试台: [['扭矩试验台'], ['动态扭矩测试台', 'Dynamic torque test bench']],
  电磁兼容测试系统: [['EMC测试系统', 'EMC test system'], ['电磁兼容试验系统'], ['辐射抗扰度测试系统', 'Radiated immunity test system']],
  动态信号测试分析系统: [['动态信号采集分析系统'], ['振动噪声测试系统', 'Noise and vibration test system']],
  局部放电检测仪: [['局部放电测试仪'], ['数字式局部放电检测系统', 'Digital partial discharge measuring system']],
  高压开关试验系统: [['高压开关机械特性测试系统', 'Circuit breaker mechanical characteristics test system'], ['开关设备型式试验系统']],
  变压器综合测试系统: [['变压器综合试验台', 'Transformer test bench'], ['变压器特性测试系统']],
  电池充放电测试系统: [['动力电池充放电测试系统', 'Traction battery charge-discharge test system'], ['电池测试系统', 'Battery test system']],
  电动振动试验系统: [['电动振动台', 'Electrodynamic shaker'], ['电磁振动试验台'], ['振动试验系统', 'Vibration test system']],
  高低温湿热试验箱: [['高低温试验箱', 'Temperature test chamber'], ['恒温恒湿试验箱', 'Constant temperature and humidity chamber'], ['高低温交变湿热试验箱']],
  复合盐雾腐蚀试验系统: [['盐雾试验箱', 'Salt spray test chamber'], ['复合盐雾试验箱', 'Cyclic salt spray chamber'], ['盐雾腐蚀试验机']],
  相控阵超声检测系统: [['相控阵超声探伤仪', 'Phased array ultrasonic flaw detector'], ['超声相控阵检测仪']],
  红外热像仪: [['红外热成像仪', 'Infrared thermal camera'], ['锁相红外热像检测系统', 'Lock-in thermography system']],
  矿用设备防爆检测系统: [['防爆电气检测系统'], ['隔爆外壳试验装置', 'Flameproof enclosure test rig']],
  液压综合试验台: [['液压试验台', 'Hydraulic test bench'], ['液压元件综合试验台']],
  五轴联动加工中心: [['五轴加工中心', 'Five-axis machining centre'], ['立式五轴联动加工中心', 'Vertical five-axis machining centre']],
  金属3D打印机: [['金属增材制造设备'], ['激光选区熔化设备', 'Selective laser melting system'], ['金属3D打印设备']],
  六自由度工业机器人测试平台: [['工业机器人性能测试系统', 'Industrial robot performance test system'], ['机器人检测平台']],
  发动机试验台架: [['发动机测试台架'], ['发动机性能试验台', 'Engine performance test bench']],
  整车转鼓试验台: [['底盘测功机', 'Chassis dynamometer'], ['四驱转鼓试验台', 'Four-wheel-drive chassis dynamometer']],
};

/** The same model as configured or revised for a later order. */
const MODEL_SUFFIXES = [' Plus', '-II', ' Pro', 'A', 'E'];

// biome-ignore format: data table
const SHARING_WEIGHTS: readonly (readonly [SharingMode, number])[] = [['EXTERNAL', 85], ['INTERNAL', 10], ['NOT_SHARED', 5]];
// biome-ignore format: data table
const REVIEW_WEIGHTS: readonly (readonly [ReviewStatus, number])[] = [
  ['PUBLISHED', 860], ['DRAFT', 50], ['SUBMITTED', 40], ['REJECTED', 30], ['RETIRED', 20],
];
/** Who keeps most large instruments: universities and institutes far more than a factory does. */
const OWNER_WEIGHTS: Record<EnterpriseType, number> = {
  UNIVERSITY: 5,
  RESEARCH_INSTITUTE: 4,
  TESTING_INSTITUTION: 4,
  MANUFACTURER: 2,
  PLATFORM_OPERATOR: 0,
};

const REJECTION_REASONS = [
  '技术指标描述不完整，请补充分辨率、量程等主要技术参数后重新提交。',
  '仪器原值与资产账面价值不符，请核对固定资产卡片后重新提交。',
  '对外服务收费标准缺少依据，请补充物价备案或收费说明。',
  '分类编码与仪器名称不一致，请按NRII仪器分类重新选择。',
  '联系人电话无法接通，请更正联系方式。',
  '启用日期早于该型号上市时间，请核实启用日期或型号。',
  '主要功能描述与仪器类别不符，请按仪器实际用途填写。',
];

/** How common a kind is: a salt-spray chamber is far more usual than a transmission microscope. */
const kindWeight = (kind: InstrumentKind) => Math.round(1000 / Math.sqrt((kind.value[0] + kind.value[1]) / 2));

/** A publication time after the catalogue opened, in working hours (Beijing time), ISO 8601 UTC. */
function publishedAt(): string {
  if (chance(0.35)) return CATALOGUE_PUBLISHED;
  const month = int(3, 12);
  const day = int(month === 3 ? 2 : 1, 28);
  return `${THIS_YEAR}-${pad(month, 2)}-${pad(day, 2)}T${pad(int(1, 9), 2)}:${pad(int(0, 59), 2)}:${pad(int(0, 59), 2)}.000Z`;
}

const DAY_MS = 86_400_000;
/** When the provincial catalogue began collecting records. */
const COLLECTION_BEGAN = Date.UTC(2021, 0, 4);

/** A moment in working hours (Beijing time) on a day from `from` to `to` (UTC milliseconds), ISO 8601. */
function momentBetween(from: number, to: number): string {
  const day = Math.floor(from / DAY_MS) + int(0, Math.max(0, Math.floor((to - from) / DAY_MS)));
  return new Date(day * DAY_MS + int(3600, 32_399) * 1000 + int(0, 999)).toISOString();
}

/** When a record was filed: before it was published, or lately for one never published. */
function filedAt(publishedAt: string | null, review: ReviewStatus, startOfUse: string): string {
  const inService = Date.parse(`${startOfUse}T00:00:00Z`);
  if (publishedAt) {
    const published = Date.parse(publishedAt);
    return momentBetween(Math.max(COLLECTION_BEGAN, inService, published - 400 * DAY_MS), published - DAY_MS);
  }
  const recent = review === 'RETIRED' ? COLLECTION_BEGAN : Date.UTC(THIS_YEAR, 0, 2);
  return momentBetween(Math.max(recent, inService), Date.UTC(THIS_YEAR, 11, 30));
}

/** How each kind of unit numbers its assets; each number carries the owner's own running sequence. */
function assetNumber(owner: Enterprise, year: number, seq: number): string {
  switch (owner.type) {
    case 'UNIVERSITY':
      return `${year}${pad(seq, 6)}`;
    case 'RESEARCH_INSTITUTE':
      return `YQ${year}-${pad(seq, 5)}`;
    case 'TESTING_INSTITUTION':
      return `JC-SB-${pad(seq, 6)}`;
    default:
      return `SB-${year}-${pad(seq, 5)}`;
  }
}

interface Place {
  region: Region;
  owners: readonly (readonly [Enterprise, number])[];
  hosts: PlatformRow[];
}

/**
 * `count` instruments over the given enterprises and platforms (those of the seed files), in
 * chunks of `chunkSize` rows: the caller may store each before the next is drawn.
 */
export function* generateInstruments(
  count: number,
  enterprises: readonly Enterprise[],
  platforms: readonly PlatformRow[],
  chunkSize = 1000,
): Generator<InstrumentRecordRow[]> {
  const own = stream(20201216 + 2025); // the plan's day, and the year the data describes
  const places: Place[] = REGIONS.map((region) => ({
    region,
    owners: enterprises
      .filter((e) => e.region_code === region.code && INSTRUMENT_KINDS.some((kind) => fits(kind, e)))
      .map((e) => [e, OWNER_WEIGHTS[e.type]] as const),
    hosts: platforms.filter((p) => p.region_code === region.code && INSTRUMENT_HOSTS.includes(p.kind)),
  }));
  for (const place of places) if (place.owners.length === 0) throw new Error(`no owner in ${place.region.code}`);
  // Regions as many instruments as the seed gives them, relatively.
  const regionWeights = places.map((place) => [place, place.region.instruments] as const);
  const kindsOf = new Map<string, (readonly [InstrumentKind, number])[]>();
  const nextSeq = new Map<string, number>();

  function row(index: number): InstrumentRecordRow {
    const id = generatedInstrumentId(index);
    const place = weighted(regionWeights);
    const owner = weighted(place.owners);
    let kinds = kindsOf.get(owner.id);
    if (!kinds) {
      kinds = INSTRUMENT_KINDS.filter((kind) => fits(kind, owner)).map((kind) => [kind, kindWeight(kind)] as const);
      kindsOf.set(owner.id, kinds);
    }
    const kind = weighted(kinds);
    const overlap = shared(kind.industries, owner.industries);
    const tags = industries(sample(overlap, int(1, Math.min(3, overlap.length))));

    // Classified work is aviation and aerospace: kept from everyone, never submitted.
    const classified =
      owner.type !== 'TESTING_INSTITUTION' && shared(owner.industries, [AV, AS]).length > 0 && chance(0.005);
    const review: ReviewStatus = classified ? 'DRAFT' : weighted(REVIEW_WEIGHTS);
    const mode: SharingMode = classified ? 'NOT_SHARED' : weighted(SHARING_WEIGHTS);
    const serving = place.hosts.filter((p) => shared(p.industries, tags).length > 0);
    const platform = mode !== 'NOT_SHARED' && serving.length > 0 && chance(0.8) ? pick(serving) : null;

    const { maker, selfBuilt, year } = makeAndYear(kind, owner);
    const [manufacturer, baseModel, country] = maker;
    const model = !selfBuilt && chance(0.3) ? `${baseModel}${pick(MODEL_SUFFIXES)}` : baseModel;
    const variants = NAME_VARIANTS[kind.name] ?? [];
    const [name, variantEn] = variants.length > 0 && chance(0.45) ? pick(variants) : [kind.name];
    const nameEn = chance(0.1) ? null : (variantEn ?? kind.nameEn);
    const publicBody = owner.type === 'UNIVERSITY' || owner.type === 'RESEARCH_INSTITUTE';
    const seq = (nextSeq.get(owner.id) ?? int(1, 300)) + int(1, 3);
    nextSeq.set(owner.id, seq);
    const [low, high] = kind.value;
    // Now and then a unit buys the fully equipped configuration.
    const value = chance(0.04) ? int(high * 100, Math.round(high * 160)) / 100 : int(low * 100, high * 100) / 100;
    const wasPublished =
      review === 'PUBLISHED' || (review === 'RETIRED' && chance(0.8)) || (review === 'SUBMITTED' && chance(0.4));
    const fee = mode === 'EXTERNAL' && chance(0.05) ? null : feeText(kind, owner, mode);
    const startOfUse = dateIn(year);
    const published = wasPublished ? publishedAt() : null;

    return {
      id,
      asset_number: assetNumber(owner, year, seq),
      name,
      name_en: nameEn,
      class_code: kind.classCode,
      source: selfBuilt ? 'SELF_BUILT' : weighted(SOURCE_WEIGHTS),
      customs_supervised: country !== '中国' && publicBody && year > THIS_YEAR - CUSTOMS_YEARS && chance(0.6),
      original_value: value,
      country,
      manufacturer,
      model,
      start_of_use: startOfUse,
      purpose: kind.bench || chance(0.1) ? 'SPECIAL' : 'GENERAL',
      technical_indicators: kind.indicators,
      main_functions: kind.functions,
      disciplines: sample(kind.disciplines, int(1, Math.min(4, kind.disciplines.length))),
      service_content:
        mode === 'NOT_SHARED'
          ? `主要用于本单位${kind.service}。`
          : `面向省内装备制造企业、高校和科研院所提供${kind.service}服务，可出具检测数据或报告。`,
      sharing_rules: mode === 'EXTERNAL' ? pick(EXTERNAL_RULES) : mode === 'INTERNAL' ? INTERNAL_RULE : NOT_SHARED_RULE,
      fee_text: fee,
      service_url: platform ? `${platform.website}/instruments/${id}` : null,
      sharing_mode: mode,
      address: `${owner.address}${pick(BUILDINGS[owner.type])}${int(1, 5)}楼`,
      contact_name: personName(),
      contact_phone: phone(place.region),
      status: review === 'RETIRED' && chance(0.5) ? 'AWAITING_SCRAPPING' : weighted(STATUS_WEIGHTS),
      region_code: place.region.code,
      industries: tags,
      owner_id: owner.id,
      // Records carried over from the old catalogue did not record the owner's type.
      owner_type: chance(0.02) ? null : owner.type,
      owner_credit_code: owner.credit_code,
      platform_id: platform ? platform.id : null,
      review_status: review,
      rejection_reason: review === 'REJECTED' ? pick(REJECTION_REASONS) : null,
      published_at: published,
      classified,
      created_at: filedAt(published, review, startOfUse),
    };
  }

  for (let start = 1; start <= count; start += chunkSize) {
    const end = Math.min(count, start + chunkSize - 1);
    yield own.draw(() => Array.from({ length: end - start + 1 }, (_, k) => row(start + k)));
  }
}

/** All `count` rows at once (tests and small counts). */
export function buildManyInstruments(
  count: number,
  enterprises: readonly Enterprise[],
  platforms: readonly PlatformRow[],
): InstrumentRecordRow[] {
  return [...generateInstruments(count, enterprises, platforms)].flat();
}
