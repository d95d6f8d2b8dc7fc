/**
 * The booking demo data: a booking rule for every instrument that is shared (externally or within
 * its unit) and in working order, and a year and a half of its bookings — 2024-07-01 to
 * 2025-12-31, Asia/Shanghai time — each completed one with its service record, so that the
 * utilisation figures built on them mean something.
 *
 * Believable for the province: an instrument runs some 100 to 1,200 effective hours a year (the
 * national average is 1,599; Guizhou's complaint is utilisation under 25%), as many as
 * MAX_BOOKINGS rows allow (see scaleToBudget); fewer in 2024 before the provincial catalogue went
 * public, fewer around the Spring Festival and the October holiday. 40–85% of a shared
 * instrument's hours serve other units, mostly from its own region and industries, a few regular
 * customers each; an internal one serves only its own. Chambers, battery cyclers, fatigue and
 * endurance benches and metal printers run for days on end; big machines book by the shift;
 * microscopes and analysers by the day or half day. Prices follow the instrument's fee text;
 * charges follow charge.ts, as the write path's do.
 *
 * Deterministic, and apart from the other seed data: its own PRNG stream, so that adding bookings
 * changed no row of the other tables.
 */
import {
  type ChargeUnit,
  chargeFen,
  type Price,
  type PriceGroup,
  priceGroupOf,
} from '../../subgraphs/instruments/src/models/charge.ts';
import type { Enterprise } from './enterprises.ts';
import { INSTRUMENT_KINDS, type InstrumentKind, type InstrumentStatus, type SharingMode } from './instruments.ts';
import { chance, type EnterpriseType, type Industry, int, must, pad, pick, shared, stream, weighted } from './world.ts';

/** What the booking generator reads of an instrument row of the seed. */
export interface BookableInstrument {
  id: string;
  name: string;
  owner_id: string;
  sharing_mode: SharingMode;
  status: InstrumentStatus;
  fee_text: string;
  start_of_use: string;
  region_code: string;
  industries: Industry[];
}

export interface BookableInterval {
  /** ISO weekday: Monday 1 … Sunday 7. */
  weekday: number;
  opens: string;
  closes: string;
}

export interface BookingRuleRow {
  id: string;
  /** JSON text of the intervals (a jsonb column: PostgreSQL's driver would send an array as an SQL array). */
  bookable_hours: string;
  min_minutes: number;
  max_minutes: number;
  min_notice_hours: number;
  max_advance_days: number;
  requires_approval: boolean;
  cancellation_window_hours: number;
  cancellation_fee_fen: number;
  /** JSON text of one `Price` per price group. */
  prices: string;
}

export type BookingStatus = 'COMPLETED' | 'CANCELLED' | 'REJECTED' | 'NO_SHOW';
export type ServiceWay = 'ON_SITE' | 'SAMPLE_SENT' | 'REMOTE';

export interface BookingRow {
  id: string;
  instrument_id: string;
  requester_enterprise_id: string;
  requester_user_id: string;
  external: boolean;
  price_group: PriceGroup;
  /** `["YYYY-MM-DD HH:MM:SS+08","YYYY-MM-DD HH:MM:SS+08")` */
  during: string;
  samples: number | null;
  purpose: string;
  status: BookingStatus;
  decision_reason: string | null;
  estimated_charge_fen: number;
  cancellation_fee_fen: number;
  actual_start: string | null;
  actual_end: string | null;
  used_minutes: number | null;
  service_way: ServiceWay | null;
  user_unit: string | null;
  rating: number | null;
  rating_comment: string | null;
  charge_fen: number | null;
}

/** The first and last day bookings fall on, Asia/Shanghai time. */
export const BOOKINGS_FROM = '2024-07-01';
export const BOOKINGS_UNTIL = '2025-12-31';
/** The states of an instrument in which it takes bookings. */
export const BOOKABLE_STATUSES: readonly InstrumentStatus[] = [
  'NORMAL',
  'STANDBY',
  'REMOTE_SERVICE',
  'OCCASIONAL_FAULT',
];

export function isBookable(row: Pick<BookableInstrument, 'sharing_mode' | 'status'>): boolean {
  return row.sharing_mode !== 'NOT_SHARED' && BOOKABLE_STATUSES.includes(row.status);
}

// ---------------------------------------------------------------------------------------------- time

/**
 * Times are minutes of Asia/Shanghai wall-clock time since 1970-01-01 00:00 (China keeps no
 * daylight saving, so +08:00 always), computed as if they were UTC.
 */
const MINUTE_MS = 60_000;
const DAY = 24 * 60;

function minutesOf(date: string, time = '00:00'): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, hours, minutes) / MINUTE_MS;
}

function clockOf(hhmm: string): number {
  return minutesOf('1970-01-01', hhmm);
}

/** `YYYY-MM-DD HH:MM:SS` */
function wallClock(at: number): string {
  return new Date(at * MINUTE_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** A booking's window as PostgreSQL reads a tstzrange, with the province's offset. */
function rangeText(start: number, end: number): string {
  return `["${wallClock(start)}+08","${wallClock(end)}+08")`;
}

function isoText(at: number): string {
  return `${wallClock(at).replace(' ', 'T')}+08:00`;
}

/** ISO weekday (Monday 1) of a day counted from 1970-01-01 (a Thursday). */
function weekdayOf(day: number): number {
  return ((day + 3) % 7) + 1;
}

/** Public holidays of the period (State Council notices), when offices and labs close; chambers run on. */
// biome-ignore format: data table
const HOLIDAYS: readonly (readonly [string, string])[] = [
  ['2024-09-15', '2024-09-17'], ['2024-10-01', '2024-10-07'], ['2025-01-01', '2025-01-01'],
  ['2025-01-28', '2025-02-04'], ['2025-04-04', '2025-04-06'], ['2025-05-01', '2025-05-05'],
  ['2025-05-31', '2025-06-02'], ['2025-10-01', '2025-10-08'],
];
const HOLIDAY_DAYS = new Set(
  HOLIDAYS.flatMap(([from, to]) => {
    const days: number[] = [];
    for (let day = minutesOf(from) / DAY; day <= minutesOf(to) / DAY; day++) days.push(day);
    return days;
  }),
);

/** How busy a month is, January first: the Spring Festival, summer and the October holiday are quiet. */
const MONTH_LOAD = [0.9, 0.55, 1.05, 1.05, 1.0, 1.1, 0.95, 0.85, 1.05, 0.85, 1.1, 1.1];
const YEAR_LOAD = MONTH_LOAD.reduce((sum, load) => sum + load, 0);
/** 2024, before the provincial catalogue went public: units booked their instruments more quietly. */
const LOAD_2024 = 0.4;

// ---------------------------------------------------------------------------------------------- rules

/** How an instrument is run, which decides its bookable hours and how long a booking lasts. */
type Profile = 'CONTINUOUS' | 'SHIFTS' | 'OFFICE_DAY' | 'OFFICE_SPLIT';

/**
 * Kinds that run unattended for days — chambers, cyclers, fatigue and endurance benches, metal
 * printers — with their usual test lengths in hours.
 */
const RUNS: Record<string, readonly number[]> = {
  复合盐雾腐蚀试验系统: [24, 48, 72, 96, 168],
  高低温湿热试验箱: [24, 48, 72, 96, 120, 168],
  电池充放电测试系统: [24, 48, 72, 120, 168],
  电液伺服疲劳试验机: [8, 12, 24, 48, 72],
  金属3D打印机: [8, 12, 16, 24, 36, 48],
  液压综合试验台: [8, 12, 24, 48, 96],
  发动机试验台架: [8, 24, 48, 96, 168],
  扭矩测试台: [8, 12, 24, 48],
  电动振动试验系统: [4, 8, 12, 24],
};
/** Big machines and benches that need their crew, booked by the shift. */
const SHIFT_KINDS = new Set([
  '五轴联动加工中心',
  '工业CT',
  '电磁兼容测试系统',
  '整车转鼓试验台',
  '六自由度工业机器人测试平台',
  '高压开关试验系统',
  '矿用设备防爆检测系统',
]);
/** How long a booking of the other profiles lasts, in minutes, by weight: mostly a shift, a day or a half day. */
// biome-ignore format: data table
const LENGTHS: Record<Exclude<Profile, 'CONTINUOUS'>, readonly (readonly [number, number])[]> = {
  SHIFTS: [[240, 1], [360, 1], [480, 4], [600, 2], [720, 3], [840, 2]],
  OFFICE_DAY: [[120, 1], [180, 1], [240, 4], [360, 1], [480, 8]],
  OFFICE_SPLIT: [[60, 1], [90, 1], [120, 2], [180, 2], [210, 6]],
};

/**
 * The effective hours a full year an instrument of each profile would typically run (about 450
 * overall), before its own luck and state. Attended instruments are then scaled down together to
 * what BOOKING_BUDGET rows allow (see scaleToBudget); unattended runs are cheap in rows and keep theirs.
 */
const MEDIAN_HOURS: Record<Profile, number> = { CONTINUOUS: 800, SHIFTS: 600, OFFICE_DAY: 420, OFFICE_SPLIT: 300 };
const STATUS_LOAD: Partial<Record<InstrumentStatus, number>> = { STANDBY: 0.55, OCCASIONAL_FAULT: 0.7 };
/** No instrument that takes bookings runs fewer or more effective hours a full year. */
const HOURS_RANGE = [100, 1200] as const;
/** Most booking rows the seed may hold: it stays small, and the first start quick. */
export const MAX_BOOKINGS = 6000;
/** The rows the hours are planned for, below MAX_BOOKINGS by the estimate's error. */
const BOOKING_BUDGET = 5600;

function profileOf(kind: InstrumentKind): Profile {
  if (RUNS[kind.name]) return 'CONTINUOUS';
  if (SHIFT_KINDS.has(kind.name)) return 'SHIFTS';
  return chance(0.15) ? 'OFFICE_SPLIT' : 'OFFICE_DAY';
}

const WORKDAYS = [1, 2, 3, 4, 5];
const interval = (weekday: number, opens: string, closes: string): BookableInterval => ({ weekday, opens, closes });

function bookableHours(profile: Profile): BookableInterval[] {
  switch (profile) {
    case 'CONTINUOUS':
      return [1, 2, 3, 4, 5, 6, 7].map((weekday) => interval(weekday, '00:00', '24:00'));
    case 'SHIFTS': {
      const closes = pick(['20:00', '20:00', '22:00']);
      const hours = WORKDAYS.map((weekday) => interval(weekday, '08:00', closes));
      return chance(0.5) ? [...hours, interval(6, '08:00', '18:00')] : hours;
    }
    case 'OFFICE_DAY': {
      const [opens, closes] = pick([
        ['09:00', '17:00'],
        ['08:30', '17:30'],
      ] as const);
      const hours = WORKDAYS.map((weekday) => interval(weekday, opens, closes));
      return chance(0.3) ? [...hours, interval(6, '09:00', '12:00')] : hours;
    }
    case 'OFFICE_SPLIT': {
      const hours = WORKDAYS.flatMap((weekday) => [
        interval(weekday, '08:30', '12:00'),
        interval(weekday, '14:00', '17:30'),
      ]);
      return chance(0.4) ? [...hours, interval(6, '08:30', '12:00')] : hours;
    }
  }
}

/**
 * The yuan the instrument's fee text states: to other units, and to its own (the university's
 * on-campus rate, the internal accounting rate; where the text gives none, half, as instruments.ts
 * computes it). An internal instrument's text gives only the internal rate: twice it stands for
 * the external one.
 */
export function statedFees(kind: InstrumentKind, feeText: string): { external: number; internal: number } {
  const per = { hour: '元/小时', sample: '元/样', day: '元/24小时' }[kind.fee[0]];
  const amounts = [...feeText.matchAll(/(\d+)元/g)].map((match) => Number(match[1]));
  if (!feeText.includes(per) || amounts.length === 0) throw new Error(`fee text "${feeText}" states no ${per}`);
  const [first, second] = amounts as [number, number?];
  if (feeText.startsWith('内部核算')) return { external: first * 2, internal: first };
  if (second !== undefined) return { external: second, internal: first };
  return { external: first, internal: Math.round(first / 20) * 10 };
}

function pricesOf(kind: InstrumentKind, feeText: string, minMinutes: number): Price[] {
  const { external, internal } = statedFees(kind, feeText);
  const unit: ChargeUnit = kind.fee[0] === 'sample' ? 'SAMPLE' : 'HOUR';
  // A day's fee is charged by the hour.
  const rate = (yuan: number) => (kind.fee[0] === 'day' ? Math.round((yuan * 100) / 24) : yuan * 100);
  const other = rate(external);
  const price = (group: PriceGroup, rateFen: number): Price => ({
    group,
    unit,
    rateFen,
    // An hour started is an hour charged; a day-rate chamber charges its shortest run; a sample is a sample.
    minimumChargeFen: kind.fee[0] === 'day' ? Math.round((rateFen * minMinutes) / 60) : rateFen,
  });
  return [price('OWN_UNIT', rate(internal)), price('IN_PROVINCE_SME', Math.round(other * 0.8)), price('OTHER', other)];
}

interface Rule {
  row: BookingRuleRow;
  profile: Profile;
  hours: BookableInterval[];
  prices: Price[];
}

function ruleFor(instrument: BookableInstrument, kind: InstrumentKind): Rule {
  const profile = profileOf(kind);
  const hours = bookableHours(profile);
  const runs = RUNS[kind.name];
  const longest = Math.max(...hours.map((h) => clockOf(h.closes) - clockOf(h.opens)));
  const minMinutes = runs
    ? 240
    : profile === 'SHIFTS'
      ? pick([60, 120, 120])
      : profile === 'OFFICE_DAY'
        ? pick([60, 60, 120])
        : pick([30, 60, 60]);
  // A run of days; else the longest interval, which an office-hours instrument may cap at half a day.
  const maxMinutes = runs
    ? Math.max(...runs) * 60
    : profile === 'OFFICE_DAY'
      ? Math.min(longest, pick([240, 480, 480, 480, 480, 480]))
      : longest;
  const prices = pricesOf(kind, instrument.fee_text, minMinutes);
  const other = must(
    prices.find((p) => p.group === 'OTHER'),
    'OTHER price',
  );
  // An hour (or a sample) at the full price, 10–30% of it kept when a booking is dropped late.
  const cancellationFee = chance(0.4) ? 0 : Math.round((other.rateFen * int(10, 30)) / 100 / 100) * 100;
  return {
    profile,
    hours,
    prices,
    row: {
      id: instrument.id,
      bookable_hours: JSON.stringify(hours),
      min_minutes: minMinutes,
      max_minutes: maxMinutes,
      min_notice_hours: runs ? pick([24, 48]) : pick([0, 4, 12, 24, 24, 48]),
      max_advance_days: pick([30, 60, 90, 90, 180]),
      requires_approval: instrument.sharing_mode === 'INTERNAL' ? chance(0.6) : chance(0.9),
      cancellation_window_hours: runs ? 48 : pick([24, 24, 48]),
      cancellation_fee_fen: cancellationFee,
      prices: JSON.stringify(prices),
    },
  };
}

// ---------------------------------------------------------------------------------------------- who books

interface Customer {
  unit: Enterprise;
  weight: number;
  users: number;
}

const TYPE_WEIGHT: Record<EnterpriseType, number> = {
  MANUFACTURER: 6,
  UNIVERSITY: 4,
  RESEARCH_INSTITUTE: 4,
  TESTING_INSTITUTION: 2,
  PLATFORM_OPERATOR: 0,
};

/** An instrument's regular outside customers: mostly of its region and industries, the first the most frequent. */
function customersOf(instrument: BookableInstrument, enterprises: readonly Enterprise[]): Customer[] {
  const candidates = enterprises
    .filter((e) => e.id !== instrument.owner_id && TYPE_WEIGHT[e.type] > 0)
    .map((e) => {
      const sameRegion = e.region_code === instrument.region_code;
      const sameIndustry = shared(e.industries, instrument.industries).length > 0;
      const affinity = sameRegion && sameIndustry ? 10 : sameIndustry ? 3 : sameRegion ? 2 : 0;
      return [e, affinity * TYPE_WEIGHT[e.type]] as const;
    })
    .filter(([, weight]) => weight > 0);
  const count = Math.min(candidates.length, int(3, 9));
  const customers: Customer[] = [];
  while (customers.length < count) {
    const unit = weighted(candidates.filter(([e]) => !customers.some((c) => c.unit.id === e.id)));
    customers.push({ unit, weight: Math.round(60 / (customers.length + 1)), users: int(1, 3) });
  }
  return customers;
}

// ---------------------------------------------------------------------------------------------- what they book for

// biome-ignore format: data table
const PURPOSES: Record<'OWN' | EnterpriseType, readonly string[]> = {
  OWN: ['本单位科研项目试验', '本单位产品出厂检验', '设备期间核查与比对', '新进人员上机培训考核', '本单位工艺改进验证'],
  MANUFACTURER: ['新产品研发试制验证', '原材料入厂检验', '客户投诉件失效分析', '工艺改进效果验证', '批产质量一致性抽检', '型式试验前预测试', '供应商来料质量复核'],
  UNIVERSITY: ['国家自然科学基金项目实验', '研究生学位论文实验', '省科技计划项目测试', '校企合作项目联合试验'],
  RESEARCH_INSTITUTE: ['省重点研发计划课题试验', '共性技术攻关项目测试', '横向委托课题测试', '中试样件性能验证'],
  TESTING_INSTITUTION: ['委托检验项目分包测试', '实验室间比对试验', '能力验证样品测试'],
  PLATFORM_OPERATOR: ['平台撮合委托测试'],
};

// biome-ignore format: data table
const REJECTIONS = [
  '该时段设备需进行计量校准，请改约其他时段。',
  '样品尺寸超出设备测试范围，请与设备管理员沟通后重新预约。',
  '申请人尚未通过上机培训考核，建议改为委托测试。',
  '该时段已安排本单位重点型号任务，暂无法对外提供机时。',
  '预约信息不完整，请补充样品材质与测试标准后重新提交。',
  '所需测试项目超出本设备服务范围，建议预约其他平台相应设备。',
];

// biome-ignore format: data table
const COMMENTS: Record<number, readonly string[]> = {
  5: ['设备状态良好，技术人员指导专业，报告出具及时。', '预约审核很快，测试数据准确，下次还会再来。', '服务周到，收费透明，与预约机时一致。', '管理员耐心讲解操作要点，帮助很大。'],
  4: ['整体满意，报告比预期晚了一天。', '数据质量不错，希望能开放更多周末机时。', '服务规范，样品交接流程可再简化。'],
  3: ['测试完成，但开机调试占用时间较长。', '结果可用，沟通响应偏慢。'],
  2: ['设备中途报警停机，延误了试验进度。', '实际收费与预估差异较大，需解释清楚。'],
  1: ['到场后设备未准备好，等待两个多小时。'],
};

// biome-ignore format: data table
const RATING_WEIGHTS: readonly (readonly [number, number])[] = [[5, 55], [4, 30], [3, 10], [2, 3], [1, 2]];

// ---------------------------------------------------------------------------------------------- bookings

/** A uniform draw in [0, 1) from the current stream. */
const unit = () => int(0, 999_999) / 1_000_000;

/** The effective hours a full year the instrument would run if rows cost nothing, around its profile's median. */
function desiredHours(instrument: BookableInstrument, profile: Profile): number {
  const normal = Math.sqrt(-2 * Math.log(1 - unit())) * Math.cos(2 * Math.PI * unit());
  const load = (STATUS_LOAD[instrument.status] ?? 1) * (instrument.sharing_mode === 'INTERNAL' ? 0.75 : 1);
  return MEDIAN_HOURS[profile] * Math.exp(0.45 * normal) * load;
}

/** The share of a booked span a completed booking uses on average (see rowsOf). */
const USED_SHARE: Record<Profile, number> = { CONTINUOUS: 0.96, SHIFTS: 0.8, OFFICE_DAY: 0.8, OFFICE_SPLIT: 0.8 };

interface Slot {
  start: number;
  end: number;
}

/** Minutes kept free between two bookings of an instrument, for changeover. */
const CHANGEOVER = 30;

/** A booking's length in minutes, as the instrument is run and its rule allows. */
function lengthOf(rule: Rule, kindName: string): number {
  const runs = RUNS[kindName];
  if (runs) return pick(runs) * 60;
  if (rule.profile === 'CONTINUOUS') throw new Error(`no runs for ${kindName}`);
  const { min_minutes: shortest, max_minutes: longest } = rule.row;
  return Math.min(longest, Math.max(shortest, weighted(LENGTHS[rule.profile])));
}

/** A free window of about `length` minutes on a day of the month, within one bookable interval. */
function place(rule: Rule, taken: Slot[], firstDay: number, lastDay: number, wanted: number): Slot | null {
  const limit = minutesOf(BOOKINGS_UNTIL) + DAY;
  for (let attempt = 0; attempt < 40; attempt++) {
    const day = int(firstDay, lastDay);
    let slot: Slot;
    if (rule.profile === 'CONTINUOUS') {
      // Loaded in working hours, run through the nights.
      const start = day * DAY + 8 * 60 + 30 * int(0, 20);
      slot = { start, end: start + wanted };
    } else {
      if (HOLIDAY_DAYS.has(day)) continue;
      const open = rule.hours.filter((h) => h.weekday === weekdayOf(day));
      if (open.length === 0) continue;
      const { opens, closes } = pick(open);
      const span = clockOf(closes) - clockOf(opens);
      if (span < rule.row.min_minutes) continue;
      const length = Math.min(wanted, span);
      const start = day * DAY + clockOf(opens) + 30 * int(0, (span - length) / 30);
      slot = { start, end: start + length };
    }
    if (slot.end > limit) continue;
    if (taken.some((t) => t.start < slot.end + CHANGEOVER && slot.start < t.end + CHANGEOVER)) continue;
    return slot;
  }
  return null;
}

interface Draft extends Slot {
  instrument: BookableInstrument;
  kind: InstrumentKind;
  rule: Rule;
  requester: Enterprise;
  user: number;
  status: BookingStatus;
}

// biome-ignore format: data table
const STATUS_WEIGHTS: readonly (readonly [BookingStatus, number])[] = [['COMPLETED', 85], ['CANCELLED', 8], ['REJECTED', 4], ['NO_SHOW', 3]];
const COMPLETED_SHARE = 0.85;

function statusOf(rule: Rule): BookingStatus {
  const status = weighted(STATUS_WEIGHTS);
  // Without approval nobody rejects: the requester withdrew instead.
  return status === 'REJECTED' && !rule.row.requires_approval ? 'CANCELLED' : status;
}

/** A month of the period in which an instrument is in service, and its share of a full year's hours. */
interface Month {
  firstDay: number;
  lastDay: number;
  share: number;
}

/** Days are counted from 1970-01-01, like weekdayOf's. */
function monthsOf(instrument: BookableInstrument): Month[] {
  const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  const dayOf = (index: number) => Date.UTC(Math.floor(index / 12), index % 12, 1) / MINUTE_MS / DAY;
  // Commissioned in its first weeks of service: bookings from a month after it entered use.
  const firstDay = Math.max(minutesOf(BOOKINGS_FROM), minutesOf(instrument.start_of_use) + 30 * DAY) / DAY;
  const out: Month[] = [];
  for (let i = monthIndex(BOOKINGS_FROM); i <= monthIndex(BOOKINGS_UNTIL); i++) {
    const [start, lastDay] = [dayOf(i), dayOf(i + 1) - 1];
    if (lastDay < firstDay) continue;
    const inService = (lastDay - Math.max(start, firstDay) + 1) / (lastDay - start + 1);
    const load = must(MONTH_LOAD[i % 12], 'month') / YEAR_LOAD;
    const year = Math.floor(i / 12);
    out.push({
      firstDay: Math.max(start, firstDay),
      lastDay,
      share: load * inService * (year === 2024 ? LOAD_2024 : 1),
    });
  }
  return out;
}

/** The effective hours a completed booking gives on average, under the rule. */
function hoursPerBooking(rule: Rule, kind: InstrumentKind): number {
  const runs = RUNS[kind.name];
  if (runs) return (runs.reduce((sum, hours) => sum + hours, 0) / runs.length) * USED_SHARE.CONTINUOUS;
  if (rule.profile === 'CONTINUOUS') throw new Error(`no runs for ${kind.name}`);
  const lengths = LENGTHS[rule.profile];
  const totalWeight = lengths.reduce((sum, [, weight]) => sum + weight, 0);
  const { min_minutes: shortest, max_minutes: longest } = rule.row;
  // As place() draws: a bookable day, an interval of it, a length cut to the interval.
  const days = [...new Set(rule.hours.map((h) => h.weekday))];
  let minutes = 0;
  for (const weekday of days) {
    const intervals = rule.hours.filter((h) => h.weekday === weekday);
    for (const { opens, closes } of intervals) {
      const span = clockOf(closes) - clockOf(opens);
      for (const [length, weight] of lengths) {
        const cut = Math.min(span, longest, Math.max(shortest, length));
        minutes += (cut * weight) / totalWeight / intervals.length / days.length;
      }
    }
  }
  return (minutes / 60) * USED_SHARE[rule.profile];
}

interface Plan {
  instrument: BookableInstrument;
  kind: InstrumentKind;
  owner: Enterprise;
  rule: Rule;
  months: Month[];
  desired: number;
  perBooking: number;
}

function hoursOf(plan: Plan, scale: number): number {
  const hours = plan.rule.profile === 'CONTINUOUS' ? plan.desired : plan.desired * scale;
  return Math.min(HOURS_RANGE[1], Math.max(HOURS_RANGE[0], hours));
}

/** The rows a plan is expected to write: its completed bookings, and the others beside them. */
function expectedRows(plan: Plan, scale: number): number {
  const yearShares = plan.months.reduce((sum, month) => sum + month.share, 0);
  return (hoursOf(plan, scale) * yearShares) / plan.perBooking / COMPLETED_SHARE;
}

/** The scale of the attended instruments' hours (at most 1) whose expected rows fit BOOKING_BUDGET. */
function scaleToBudget(plans: readonly Plan[]): number {
  const rows = (scale: number) => plans.reduce((sum, plan) => sum + expectedRows(plan, scale), 0);
  if (rows(1) <= BOOKING_BUDGET) return 1;
  let [low, high] = [0, 1];
  for (let step = 0; step < 40; step++) {
    const middle = (low + high) / 2;
    if (rows(middle) <= BOOKING_BUDGET) low = middle;
    else high = middle;
  }
  return low;
}

function draftsFor(plan: Plan, yearly: number, enterprises: readonly Enterprise[]): Draft[] {
  const { instrument, kind, rule, owner } = plan;
  const externalShare = instrument.sharing_mode === 'EXTERNAL' ? int(45, 82) / 100 : 0;
  const customers = externalShare > 0 ? customersOf(instrument, enterprises) : [];
  const ownUsers = int(2, 5);
  const taken: Draft[] = [];
  let [owed, allHours, externalHours] = [0, 0, 0];
  for (const month of plan.months) {
    owed += yearly * month.share;
    for (let misses = 0; owed > 0 && misses < 10; ) {
      const slot = place(rule, taken, month.firstDay, month.lastDay, lengthOf(rule, kind.name));
      if (!slot) {
        misses++;
        continue;
      }
      // Mostly whoever brings the outside units' share of the hours closer to the instrument's.
      const hours = ((slot.end - slot.start) / 60) * USED_SHARE[rule.profile];
      const aim = externalShare * (allHours + hours);
      const outsideCloser = Math.abs(externalHours + hours - aim) < Math.abs(externalHours - aim);
      const external = externalShare > 0 && chance(outsideCloser ? 0.85 : 0.15);
      const customer = external ? weighted(customers.map((c) => [c, c.weight] as const)) : null;
      const status = statusOf(rule);
      if (status === 'COMPLETED') {
        owed -= hours;
        allHours += hours;
        if (external) externalHours += hours;
      }
      taken.push({
        ...slot,
        instrument,
        kind,
        rule,
        requester: customer ? customer.unit : owner,
        user: int(1, customer ? customer.users : ownUsers),
        status,
      });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

function samplesOf(draft: Draft, price: Price): number | null {
  if (price.unit !== 'SAMPLE') return null;
  // Type tests (switchgear, transformers, explosion-proof housings) take a few samples a day; analyses, a batch.
  const typeTest = draft.kind.fee[1] >= 1000;
  const most = typeTest ? 3 : Math.min(20, Math.max(1, Math.floor((draft.end - draft.start) / 20)));
  return int(1, most);
}

function serviceWayOf(draft: Draft, price: Price): ServiceWay {
  const outside = draft.requester.id !== draft.instrument.owner_id;
  if (draft.instrument.status === 'REMOTE_SERVICE' && chance(0.6)) return 'REMOTE';
  if (outside && price.unit === 'SAMPLE') return chance(0.85) ? 'SAMPLE_SENT' : 'ON_SITE';
  if (outside && draft.rule.profile === 'CONTINUOUS') return chance(0.5) ? 'SAMPLE_SENT' : 'ON_SITE';
  return chance(0.08) ? 'SAMPLE_SENT' : 'ON_SITE';
}

/** The drafts of one instrument, in time order, made rows (ids come later). */
function rowsOf(drafts: Draft[]): Omit<BookingRow, 'id'>[] {
  const rows: Omit<BookingRow, 'id'>[] = [];
  let freeFrom = Number.NEGATIVE_INFINITY; // when the previous use actually ended
  drafts.forEach((draft, i) => {
    const { instrument, rule, requester } = draft;
    const group = priceGroupOf(requester.id, instrument.owner_id, requester.credit_code);
    const price = must(
      rule.prices.find((p) => p.group === group),
      `price ${group}`,
    );
    const booked = draft.end - draft.start;
    const samples = samplesOf(draft, price);
    const outside = requester.id !== instrument.owner_id;
    const purpose = `${pick(PURPOSES[outside ? requester.type : 'OWN'])}：${draft.kind.service}`;
    const late = draft.status === 'NO_SHOW' || (draft.status === 'CANCELLED' && chance(0.3));
    const row: Omit<BookingRow, 'id'> = {
      instrument_id: instrument.id,
      requester_enterprise_id: requester.id,
      requester_user_id: `user-${requester.id}-${draft.user}`,
      external: outside,
      price_group: group,
      during: rangeText(draft.start, draft.end),
      samples,
      purpose,
      status: draft.status,
      decision_reason: draft.status === 'REJECTED' ? pick(REJECTIONS) : null,
      estimated_charge_fen: chargeFen(price, booked, samples),
      cancellation_fee_fen: late ? rule.row.cancellation_fee_fen : 0,
      actual_start: null,
      actual_end: null,
      used_minutes: null,
      service_way: null,
      user_unit: null,
      rating: null,
      rating_comment: null,
      charge_fen: null,
    };
    if (draft.status === 'COMPLETED') {
      const next = drafts[i + 1]?.start ?? Number.POSITIVE_INFINITY;
      const continuous = rule.profile === 'CONTINUOUS';
      // Started within half an hour of the booked time, never before the previous use ended.
      const lateBy = weighted([
        [int(-3, -1) * 5, 2],
        [int(0, 3) * 5, 6],
        [int(4, 6) * 5, 2],
      ]);
      const start = Math.max(draft.start + lateBy, freeFrom);
      // Ran about as long as booked: a little short, or a little over, never into the next booking.
      const span = Math.round((booked * (continuous ? int(97, 102) : int(80, 110))) / 100 / 5) * 5;
      const end = Math.min(start + Math.max(span, 15), draft.end + 45, next);
      // Setup and post-processing count, idle running does not.
      const used = Math.max(1, Math.floor(((end - start) * (continuous ? int(94, 100) : int(70, 100))) / 100));
      const rating = chance(outside ? 0.8 : 0.5) ? weighted(RATING_WEIGHTS) : null;
      freeFrom = end;
      Object.assign(row, {
        actual_start: isoText(start),
        actual_end: isoText(end),
        used_minutes: used,
        service_way: serviceWayOf(draft, price),
        user_unit: requester.name,
        rating,
        rating_comment: rating !== null && chance(0.3) ? pick(must(COMMENTS[rating], 'comments')) : null,
        charge_fen: chargeFen(price, used, samples),
      });
    }
    rows.push(row);
  });
  return rows;
}

/**
 * The booking rules and bookings of the instruments that take bookings, in the order they must be
 * inserted. Bookings get ids `bkg-000001`… in the order of their booked start.
 */
export function buildBookings(
  instruments: readonly BookableInstrument[],
  enterprises: readonly Enterprise[],
): { booking_rule: BookingRuleRow[]; booking: BookingRow[] } {
  // 2024-07-01, the first day of the bookings: a stream of its own, so the other tables keep theirs.
  return stream(20240701).draw(() => {
    const enterpriseById = new Map(enterprises.map((e) => [e.id, e]));
    const plans = instruments.filter(isBookable).map((instrument): Plan => {
      const kind = must(
        INSTRUMENT_KINDS.find((candidate) => candidate.name === instrument.name),
        `kind ${instrument.name}`,
      );
      const rule = ruleFor(instrument, kind);
      return {
        instrument,
        kind,
        owner: must(enterpriseById.get(instrument.owner_id), `owner ${instrument.owner_id}`),
        rule,
        months: monthsOf(instrument),
        desired: desiredHours(instrument, rule.profile),
        perBooking: hoursPerBooking(rule, kind),
      };
    });
    const scale = scaleToBudget(plans);
    const unnumbered: { start: number; row: Omit<BookingRow, 'id'> }[] = [];
    for (const plan of plans) {
      const drafts = draftsFor(plan, hoursOf(plan, scale), enterprises);
      for (const [i, row] of rowsOf(drafts).entries()) unnumbered.push({ start: must(drafts[i], 'draft').start, row });
    }
    unnumbered.sort((a, b) => a.start - b.start || (a.row.instrument_id < b.row.instrument_id ? -1 : 1));
    if (unnumbered.length > MAX_BOOKINGS) {
      throw new Error(`${unnumbered.length} bookings, more than ${MAX_BOOKINGS}: lower BOOKING_BUDGET`);
    }
    const bookings = unnumbered.map(({ row }, i) => ({ id: `bkg-${pad(i + 1, 6)}`, ...row }));
    return { booking_rule: plans.map((plan) => plan.rule.row), booking: bookings };
  });
}
