/**
 * The demo data must stay believable to a reader who knows the province: these are the
 * invariants a domain expert checked by hand, run against the seed files every subgraph loads.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { MAX_FEN } from '@gzequip/kit';
import { describe, expect, it } from 'vitest';
import {
  BOOKINGS_FROM,
  BOOKINGS_UNTIL,
  type BookableInterval,
  type BookingRow,
  type BookingRuleRow,
  isBookable,
  MAX_BOOKINGS,
  statedFees,
} from '../scripts/demo-data/bookings.ts';
import { MAKER_LINES, TRADE_NAMES } from '../scripts/demo-data/enterprises.ts';
import { INSTRUMENT_KINDS, type InstrumentStatus, type SharingMode } from '../scripts/demo-data/instruments.ts';
import { INSTRUMENT_HOSTS } from '../scripts/demo-data/platforms.ts';
import { AS_9100, CMA, CNAS_LAB, IATF_16949, ISO_9001 } from '../scripts/demo-data/registry.ts';
import {
  type CandidateRow,
  type DemandRow,
  GROUP_INDUSTRY,
  LINE_CLASSES,
  type ProductRow,
} from '../scripts/demo-data/supplyDemand.ts';
import { cityOf, REGIONS, THIS_YEAR } from '../scripts/demo-data/world.ts';
import { creditCodeProblem } from '../subgraphs/enterprises/src/creditCode.ts';
import {
  ENTERPRISE_TEXT_LIMITS,
  FIRST_FOUNDED_YEAR,
  MAX_CERTIFICATION_LENGTH,
  MAX_CERTIFICATIONS,
  SCALES,
} from '../subgraphs/enterprises/src/migrations/20261204000000_registry.ts';
import { SUPPLY_LIMITS } from '../subgraphs/enterprises/src/migrations/20261205000000_supply_and_demand.ts';
import { PRODUCT_CLASSES } from '../subgraphs/enterprises/src/migrations/productClasses.ts';
import { chargeFen, type Price, priceGroupOf } from '../subgraphs/instruments/src/models/charge.ts';

interface Enterprise {
  id: string;
  credit_code: string;
  name: string;
  type: string;
  region_code: string;
  industries: string[];
  address: string;
  founded_year: number;
  scale: string | null;
  certifications: string[];
}
interface Platform {
  id: string;
  name: string;
  kind: string;
  region_code: string;
  operator_id: string;
  industries: string[];
  website: string;
  established_year: number;
}
interface Instrument {
  id: string;
  name: string;
  manufacturer: string;
  model: string;
  start_of_use: string;
  region_code: string;
  industries: string[];
  owner_id: string;
  owner_type: string;
  platform_id: string | null;
  service_url: string | null;
  sharing_mode: SharingMode;
  status: InstrumentStatus;
  fee_text: string;
  source: string;
  customs_supervised: boolean;
  country: string;
}
interface Assessment {
  platform_id: string;
  year: number;
  total: number;
  grade: string;
  assessed_on: string;
  region_code: string;
}

const seed = <T>(subgraph: string): T =>
  JSON.parse(readFileSync(new URL(`../subgraphs/${subgraph}/src/seed/demo-data.json`, import.meta.url), 'utf8')) as T;

const {
  enterprise: enterprises,
  product: products,
  demand: demands,
  demand_candidate: candidates,
} = seed<{ enterprise: Enterprise[]; product: ProductRow[]; demand: DemandRow[]; demand_candidate: CandidateRow[] }>(
  'enterprises',
);
const { platform: platforms } = seed<{ platform: Platform[] }>('platforms');
const {
  instrument: instruments,
  booking_rule: rules,
  booking: bookings,
} = seed<{ instrument: Instrument[]; booking_rule: BookingRuleRow[]; booking: BookingRow[] }>('instruments');
const { assessment: assessments } = seed<{ assessment: Assessment[] }>('assessments');

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
const enterpriseById = byId(enterprises);
const platformById = byId(platforms);
const owner = (row: Instrument) => enterpriseById.get(row.owner_id) as Enterprise;
const year = (date: string) => Number(date.slice(0, 4));
const overlaps = (a: string[], b: readonly string[]) => a.some((value) => b.includes(value));

/** Lists what breaks a rule, so that a failure names every offending record at once. */
function offenders<T>(rows: T[], broken: (row: T) => string | false): string[] {
  return rows.map(broken).filter((message): message is string => message !== false);
}

/** The county an enterprise's address puts it in: 贵州省 + city + county + street + number. */
function placeOf(e: Enterprise) {
  const region = REGIONS.find((r) => r.code === e.region_code);
  const prefix = `贵州省${region ? cityOf(region) : '?'}`;
  const county = region?.counties.find((c) => e.address.startsWith(`${prefix}${c.name}`));
  const street = county ? e.address.slice(prefix.length + county.name.length).replace(/\d+号$/, '') : '';
  return { region, county, street };
}

describe('the demo data', () => {
  it('is what the generator writes now', () => {
    expect(() =>
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-demo-data.ts', '--check'], {
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it('has every instrument enter service after its owner was founded and its model came out, and not in the future', () => {
    const models = new Map(INSTRUMENT_KINDS.flatMap((kind) => kind.makers.map(([, model, , since]) => [model, since])));
    const broken = offenders(instruments, (row) => {
      const started = year(row.start_of_use);
      if (started < owner(row).founded_year)
        return `${row.id}: ${started} before its owner (${owner(row).founded_year})`;
      if (started > THIS_YEAR || new Date(row.start_of_use) > new Date()) return `${row.id}: in service ${started}`;
      if (row.source === 'SELF_BUILT')
        return row.manufacturer === owner(row).name ? false : `${row.id}: built by another`;
      const since = models.get(row.model);
      if (since === undefined) return `${row.id}: unknown model ${row.model}`;
      return started < since ? `${row.id}: ${row.model} in service ${started}, on the market ${since}` : false;
    });
    expect(broken).toEqual([]);
  });

  it('keeps duty-free imports under customs supervision only for their first five years', () => {
    const broken = offenders(instruments, (row) =>
      row.customs_supervised && (row.country === '中国' || year(row.start_of_use) <= THIS_YEAR - 5) ? row.id : false,
    );
    expect(broken).toEqual([]);
  });

  it('gives instruments to owners whose industries and line of business use them', () => {
    const broken = offenders(instruments, (row) => {
      const o = owner(row);
      const kind = INSTRUMENT_KINDS.find((candidate) => candidate.name === row.name);
      if (!kind) return `${row.id}: unknown kind ${row.name}`;
      if (row.industries.length === 0) return `${row.id}: no industry`;
      if (
        !row.industries.every(
          (industry) => o.industries.includes(industry) && (kind.industries as readonly string[]).includes(industry),
        )
      )
        return `${row.id}: ${row.industries} not all of ${o.name} (${o.industries}) and of ${row.name}`;
      if (o.type === 'PLATFORM_OPERATOR') return `${row.id}: owned by a platform operator`;
      if (o.type === 'MANUFACTURER') {
        const line = MAKER_LINES.find(([name]) => o.name.includes(name))?.[0];
        if (!line || !kind.owners.includes(line)) return `${row.id}: ${o.name} would not own a ${row.name}`;
      }
      return row.owner_type === o.type ? false : `${row.id}: owner type ${row.owner_type}, owner is ${o.type}`;
    });
    expect(broken).toEqual([]);
    // The first reader found a new-energy-vehicle maker owning switchgear test gear.
    const switchgear = instruments.filter((row) => row.name === '高压开关试验系统').map(owner);
    expect(switchgear.filter((o) => o.name.includes('新能源汽车'))).toEqual([]);
  });

  it('names makers of the instrument, not of a component inside it', () => {
    const robotBenches = instruments.filter((row) => row.name === '六自由度工业机器人测试平台');
    expect(robotBenches.filter((row) => /tracker|AT9\d\d/i.test(`${row.manufacturer} ${row.model}`))).toEqual([]);
  });

  it('keeps an instrument, its owner and its platform in one region, the platform serving its industry', () => {
    const broken = offenders(instruments, (row) => {
      if (row.region_code !== owner(row).region_code) return `${row.id}: region ${row.region_code}, owner elsewhere`;
      if (row.platform_id === null) return row.service_url === null ? false : `${row.id}: a service URL, no platform`;
      const platform = platformById.get(row.platform_id);
      if (!platform) return `${row.id}: unknown platform`;
      if (row.sharing_mode === 'NOT_SHARED') return `${row.id}: not shared, yet listed on ${platform.id}`;
      if (platform.region_code !== row.region_code) return `${row.id}: listed on ${platform.id} of another region`;
      if (!INSTRUMENT_HOSTS.includes(platform.kind as never)) return `${row.id}: listed on a ${platform.kind} platform`;
      if (!overlaps(row.industries, platform.industries))
        return `${row.id}: ${platform.id} serves none of its industries`;
      return row.service_url?.startsWith(`${platform.website}/`) ? false : `${row.id}: service URL off its platform`;
    });
    expect(broken).toEqual([]);
  });

  it('has each platform run by an enterprise of its region, of its industries, founded before it', () => {
    const broken = offenders(platforms, (p) => {
      const operator = enterpriseById.get(p.operator_id);
      if (!operator) return `${p.id}: unknown operator`;
      if (operator.region_code !== p.region_code) return `${p.id}: operator in another region`;
      if (!overlaps(operator.industries, p.industries))
        return `${p.id}: ${operator.name} serves none of its industries`;
      return p.established_year > operator.founded_year ? false : `${p.id}: set up before its operator`;
    });
    expect(broken).toEqual([]);
  });

  it('assesses a platform only for years after it was set up, in its region, graded by its total', () => {
    const gradeOf = (total: number) =>
      total >= 90 ? 'EXCELLENT' : total >= 85 ? 'GOOD' : total >= 60 ? 'PASS' : 'POOR';
    const broken = offenders(assessments, (a) => {
      const platform = platformById.get(a.platform_id);
      if (!platform) return `${a.platform_id}: unknown platform`;
      if (a.year <= platform.established_year) return `${a.platform_id} ${a.year}: before it was set up`;
      if (a.region_code !== platform.region_code)
        return `${a.platform_id} ${a.year}: region differs from the platform's`;
      if (year(a.assessed_on) <= a.year) return `${a.platform_id} ${a.year}: assessed before the year ended`;
      return a.grade === gradeOf(a.total) ? false : `${a.platform_id} ${a.year}: ${a.total} graded ${a.grade}`;
    });
    expect(broken).toEqual([]);
  });

  it('places every enterprise in a county of its region, which its credit code names too (unless registered outside Guizhou)', () => {
    const broken = offenders(enterprises, (e) => {
      const { region, county } = placeOf(e);
      if (!region || !county) return `${e.id}: ${e.address} is not in ${e.region_code}`;
      // A maker registered in another province is listed by its Guizhou office: its code names its home division.
      if (!e.credit_code.slice(2, 8).startsWith('52')) return false;
      return e.credit_code.slice(2, 8) === county.code ? false : `${e.id}: credit code of another county`;
    });
    expect(broken).toEqual([]);
  });

  it('gives no enterprise a name that places it elsewhere', () => {
    // Every place name a company might carry, with the regions (and county) it belongs to.
    const places: { token: string; regions: string[]; county?: string }[] = [];
    for (const r of REGIONS) {
      places.push({ token: r.brand[0], regions: [r.code] });
      for (const c of r.counties)
        places.push({ token: c.name.replace(/(区|市|县|乡|镇)$/, ''), regions: [r.code], county: c.name });
    }
    for (const [trade, , regions] of TRADE_NAMES) if (regions) places.push({ token: trade, regions: [...regions] });
    const broken = offenders(enterprises, (e) => {
      const wrong = places.find(
        ({ token, regions, county }) =>
          e.name.includes(token) && (!regions.includes(e.region_code) || (county && !e.address.includes(county))),
      );
      return wrong ? `${e.name} (${e.region_code}) at ${e.address} names ${wrong.token}` : false;
    });
    expect(broken).toEqual([]);
  });

  it('uses streets of each region only in that region', () => {
    const regionsOfStreet = new Map<string, Set<string>>();
    for (const e of enterprises) {
      const { street } = placeOf(e);
      regionsOfStreet.set(street, (regionsOfStreet.get(street) ?? new Set()).add(e.region_code));
    }
    const shared = [...regionsOfStreet].filter(([, regions]) => regions.size > 1).map(([street]) => street);
    expect(shared).toEqual([]);
    expect(regionsOfStreet.size).toBeGreaterThan(REGIONS.length * 2);
  });

  it('keeps within the constraints of the registry: text limits, founding years, scale values, certifications', () => {
    const broken = offenders(enterprises, (e) => {
      const row = e as unknown as Record<string, unknown>;
      for (const [column, limit] of Object.entries(ENTERPRISE_TEXT_LIMITS)) {
        const text = row[column];
        if (typeof text === 'string' && [...text].length > limit) return `${e.id}: ${column} over ${limit} characters`;
      }
      if (e.name.trim() === '') return `${e.id}: blank name`;
      if (e.founded_year < FIRST_FOUNDED_YEAR || e.founded_year > THIS_YEAR)
        return `${e.id}: founded ${e.founded_year}`;
      if (e.scale !== null && !(SCALES as readonly string[]).includes(e.scale)) return `${e.id}: scale ${e.scale}`;
      if (e.certifications.length > MAX_CERTIFICATIONS) return `${e.id}: ${e.certifications.length} certifications`;
      const bad = e.certifications.find((c) => c.trim() === '' || [...c].length > MAX_CERTIFICATION_LENGTH);
      if (bad !== undefined) return `${e.id}: certification ${JSON.stringify(bad)}`;
      return new Set(e.certifications).size === e.certifications.length ? false : `${e.id}: a certification twice`;
    });
    expect(broken).toEqual([]);
  });

  it('gives a scale to enterprises only, about half of the manufacturers above designated size', () => {
    const broken = offenders(enterprises, (e) => {
      const institution = e.credit_code.startsWith('1');
      if (institution !== ['UNIVERSITY', 'RESEARCH_INSTITUTE'].includes(e.type)) return `${e.id}: ${e.type}, code 1…`;
      if (institution) return e.scale === null ? false : `${e.id}: an institution with a scale`;
      return e.scale !== null ? false : `${e.id}: an enterprise without a scale`;
    });
    expect(broken).toEqual([]);
    const share = (type: string) => {
      const units = enterprises.filter((e) => e.type === type);
      return units.filter((e) => e.scale === 'ABOVE_DESIGNATED_SIZE').length / units.length;
    };
    expect(share('MANUFACTURER')).toBeGreaterThanOrEqual(0.4);
    expect(share('MANUFACTURER')).toBeLessThanOrEqual(0.6);
    // Platform operators' service companies are mostly small; young makers never reach ¥20 million.
    expect(share('PLATFORM_OPERATOR')).toBeLessThan(0.5);
    const young = enterprises.filter((e) => e.type === 'MANUFACTURER' && e.founded_year > THIS_YEAR - 8);
    expect(young.filter((e) => e.scale === 'ABOVE_DESIGNATED_SIZE').map((e) => e.id)).toEqual([]);
  });

  it('gives each unit certifications of its kind: ISO 9001 for makers, AS9100D and IATF by industry, labs to testers', () => {
    const laboratories = ['TESTING_INSTITUTION', 'UNIVERSITY', 'RESEARCH_INSTITUTE'];
    const broken = offenders(enterprises, (e) => {
      const has = (certification: string) => e.certifications.includes(certification);
      if (e.type === 'MANUFACTURER' && !has(ISO_9001)) return `${e.id}: a manufacturer without ISO 9001`;
      if (has(AS_9100) && (e.type !== 'MANUFACTURER' || !overlaps(e.industries, ['AVIATION', 'AEROSPACE'])))
        return `${e.id}: AS9100D outside aviation and aerospace makers`;
      if (has(IATF_16949) && (e.type !== 'MANUFACTURER' || !e.industries.includes('AUTOMOTIVE')))
        return `${e.id}: IATF 16949 outside automotive makers`;
      const lab = e.certifications.find((c) => c.startsWith('CNAS') || c.startsWith('CMA'));
      if (lab === undefined)
        return e.type === 'TESTING_INSTITUTION' ? `${e.id}: a testing body without its CMA` : false;
      if (!laboratories.includes(e.type)) return `${e.id}: ${lab} held by a ${e.type}`;
      return e.certifications.every((c) => !/^(CNAS|CMA)/.test(c) || CNAS_LAB.test(c) || CMA.test(c))
        ? false
        : `${e.id}: a malformed accreditation number`;
    });
    expect(broken).toEqual([]);
    const labs = enterprises.flatMap((e) => e.certifications.filter((c) => CNAS_LAB.test(c)));
    expect(new Set(labs).size).toBe(labs.length);
    expect(enterprises.filter((e) => e.certifications.includes(AS_9100)).length).toBeGreaterThan(0);
    expect(enterprises.filter((e) => e.certifications.includes(IATF_16949)).length).toBeGreaterThan(0);
  });

  it('links only to reserved .example domains', () => {
    const urls = [
      ...platforms.map((p) => p.website),
      ...instruments.flatMap((row) => (row.service_url ? [row.service_url] : [])),
    ];
    expect(urls.length).toBeGreaterThan(platforms.length);
    expect(urls.filter((url) => !new URL(url).hostname.endsWith('.example'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------- bookings

const ruleById = byId(rules);
const instrumentById = byId(instruments);
const MINUTE = 60_000;

/** Wall-clock time in the province, whatever the machine's zone: the date, ISO weekday and minute of the day. */
const shanghaiParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
function shanghai(ms: number) {
  const parts = shanghaiParts.formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    weekday: WEEKDAYS.indexOf(part('weekday')) + 1,
    minute: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

/** A tstzrange's bounds in epoch milliseconds: `["2025-03-04 09:00:00+08","2025-03-04 12:00:00+08")`. */
function window(during: string): [number, number] {
  const match = /^\["([^"]+)","([^"]+)"\)$/.exec(during);
  if (!match) throw new Error(`not a [start,end) range: ${during}`);
  const instant = (text: string) => Date.parse(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return [instant(match[1] as string), instant(match[2] as string)];
}

const clock = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const hoursOf = (rule: BookingRuleRow) => JSON.parse(rule.bookable_hours) as BookableInterval[];
const pricesOf = (rule: BookingRuleRow) => JSON.parse(rule.prices) as Price[];

/** Whether bookable intervals, one after another if they meet at midnight, cover the whole window. */
function withinBookableHours(hours: BookableInterval[], start: number, end: number): boolean {
  let at = start;
  while (at < end) {
    const { weekday, minute } = shanghai(at);
    const open = hours.find((h) => h.weekday === weekday && clock(h.opens) <= minute && minute < clock(h.closes));
    if (!open) return false;
    at += (clock(open.closes) - minute) * MINUTE;
  }
  return true;
}

/** Effective hours (used time of completed bookings) by instrument, in the year the service started. */
function effectiveHours(year: number, external?: boolean): Map<string, number> {
  const hours = new Map<string, number>();
  for (const b of bookings) {
    if (b.status !== 'COMPLETED' || b.actual_start === null || b.used_minutes === null) continue;
    if (shanghai(Date.parse(b.actual_start)).date.slice(0, 4) !== String(year)) continue;
    if (external !== undefined && b.external !== external) continue;
    hours.set(b.instrument_id, (hours.get(b.instrument_id) ?? 0) + b.used_minutes / 60);
  }
  return hours;
}

describe('the demo bookings', () => {
  it('give a booking rule to every shared instrument in working order, and bookings only to those', () => {
    expect(rules.map((r) => r.id)).toEqual(instruments.filter(isBookable).map((row) => row.id));
    expect(bookings.filter((b) => !ruleById.has(b.instrument_id)).map((b) => b.id)).toEqual([]);
    expect(rules.filter((r) => !bookings.some((b) => b.instrument_id === r.id)).map((r) => r.id)).toEqual([]);
    expect(bookings.length).toBeLessThanOrEqual(MAX_BOOKINGS);
  });

  it('keeps rules the database accepts: hours that do not overlap, durations in range, one price per group', () => {
    const broken = offenders(rules, (r) => {
      const hours = hoursOf(r);
      for (const [i, a] of hours.entries()) {
        if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(a.opens) || !/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(a.closes))
          return `${r.id}: ${a.opens}–${a.closes}`;
        if (a.weekday < 1 || a.weekday > 7 || a.opens >= a.closes) return `${r.id}: interval ${JSON.stringify(a)}`;
        const overlapping = hours
          .slice(i + 1)
          .find((b) => b.weekday === a.weekday && a.opens < b.closes && b.opens < a.closes);
        if (overlapping) return `${r.id}: ${a.opens}–${a.closes} overlaps ${overlapping.opens}–${overlapping.closes}`;
      }
      if (r.min_minutes < 1 || r.max_minutes < r.min_minutes || r.max_minutes > 7 * 24 * 60)
        return `${r.id}: ${r.min_minutes}–${r.max_minutes} minutes`;
      const prices = pricesOf(r);
      const groups = prices.map((p) => p.group).sort();
      if (groups.join() !== 'IN_PROVINCE_SME,OTHER,OWN_UNIT') return `${r.id}: price groups ${groups}`;
      if (new Set(prices.map((p) => p.unit)).size !== 1) return `${r.id}: prices in different units`;
      if (!prices.every((p) => Number.isInteger(p.rateFen) && Number.isInteger(p.minimumChargeFen) && p.rateFen > 0))
        return `${r.id}: a rate that is not a positive number of fen`;
      return false;
    });
    expect(broken).toEqual([]);
  });

  it('prices bookings as the fee text states: the full rate for others, less for SMEs, half for the own unit', () => {
    const broken = offenders(rules, (r) => {
      const instrument = instrumentById.get(r.id) as Instrument;
      const kind = INSTRUMENT_KINDS.find((candidate) => candidate.name === instrument.name);
      if (!kind) return `${r.id}: unknown kind`;
      const rate = Object.fromEntries(pricesOf(r).map((p) => [p.group, p]));
      const unit = kind.fee[0] === 'sample' ? 'SAMPLE' : 'HOUR';
      if (rate.OTHER?.unit !== unit) return `${r.id}: charged per ${rate.OTHER?.unit}, the fee is per ${kind.fee[0]}`;
      const { external } = statedFees(kind, instrument.fee_text);
      const expected = kind.fee[0] === 'day' ? Math.round((external * 100) / 24) : external * 100;
      if (rate.OTHER.rateFen !== expected)
        return `${r.id}: ${rate.OTHER.rateFen} fen, the fee text says ${external} yuan`;
      const [own, sme, other] = [rate.OWN_UNIT?.rateFen ?? 0, rate.IN_PROVINCE_SME?.rateFen ?? 0, rate.OTHER.rateFen];
      return own < sme && sme < other ? false : `${r.id}: own ${own}, SME ${sme}, other ${other}`;
    });
    expect(broken).toEqual([]);
  });

  it(`books within each rule's hours (Asia/Shanghai), its durations, and ${BOOKINGS_FROM} to ${BOOKINGS_UNTIL}`, () => {
    const broken = offenders(bookings, (b) => {
      const rule = ruleById.get(b.instrument_id) as BookingRuleRow;
      const [start, end] = window(b.during);
      const minutes = (end - start) / MINUTE;
      if (shanghai(start).date < BOOKINGS_FROM || shanghai(end - 1).date > BOOKINGS_UNTIL)
        return `${b.id}: ${b.during}`;
      const inService = (instrumentById.get(b.instrument_id) as Instrument).start_of_use;
      if (shanghai(start).date <= inService) return `${b.id}: booked before the instrument entered service`;
      if (minutes < rule.min_minutes || minutes > rule.max_minutes)
        return `${b.id}: ${minutes} minutes, the rule allows ${rule.min_minutes}–${rule.max_minutes}`;
      return withinBookableHours(hoursOf(rule), start, end) ? false : `${b.id}: ${b.during} outside bookable hours`;
    });
    expect(broken).toEqual([]);
    // Numbered in the order they start.
    const starts = bookings.map((b) => window(b.during)[0]);
    expect(starts.every((start, i) => i === 0 || (starts[i - 1] as number) <= start)).toBe(true);
    expect(bookings.map((b) => b.id)).toEqual(bookings.map((_, i) => `bkg-${String(i + 1).padStart(6, '0')}`));
  });

  it('never has two completed bookings of one instrument overlap', () => {
    const completed = bookings.filter((b) => b.status === 'COMPLETED');
    const byInstrument = new Map<string, BookingRow[]>();
    for (const b of completed) byInstrument.set(b.instrument_id, [...(byInstrument.get(b.instrument_id) ?? []), b]);
    const broken: string[] = [];
    for (const list of byInstrument.values()) {
      const sorted = list.map((b) => [b.id, ...window(b.during)] as const).sort((a, b) => a[1] - b[1]);
      for (let i = 1; i < sorted.length; i++) {
        const [previous, current] = [sorted[i - 1], sorted[i]] as [(typeof sorted)[0], (typeof sorted)[0]];
        if (current[1] < previous[2]) broken.push(`${previous[0]} and ${current[0]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("charges by the requester's price group, for the time used, as charge.ts does", () => {
    const broken = offenders(bookings, (b) => {
      const instrument = instrumentById.get(b.instrument_id) as Instrument;
      const requester = enterpriseById.get(b.requester_enterprise_id);
      if (!requester) return `${b.id}: requester ${b.requester_enterprise_id} is no enterprise`;
      const group = priceGroupOf(requester.id, instrument.owner_id, requester.credit_code);
      if (b.price_group !== group) return `${b.id}: price group ${b.price_group}, priceGroupOf says ${group}`;
      if (b.external !== (requester.id !== instrument.owner_id)) return `${b.id}: external ${b.external}`;
      const price = pricesOf(ruleById.get(b.instrument_id) as BookingRuleRow).find((p) => p.group === group) as Price;
      if ((price.unit === 'SAMPLE') !== (b.samples !== null))
        return `${b.id}: samples ${b.samples} at a ${price.unit} rate`;
      if (b.samples !== null && (!Number.isInteger(b.samples) || b.samples < 1 || b.samples > 20))
        return `${b.id}: ${b.samples} samples`;
      const [start, end] = window(b.during);
      if (b.estimated_charge_fen !== chargeFen(price, (end - start) / MINUTE, b.samples))
        return `${b.id}: estimated ${b.estimated_charge_fen}`;
      if (b.status !== 'COMPLETED') return false;
      if (b.used_minutes === null || b.charge_fen !== chargeFen(price, b.used_minutes, b.samples))
        return `${b.id}: charged ${b.charge_fen} for ${b.used_minutes} minutes`;
      return b.user_unit === requester.name ? false : `${b.id}: user unit ${b.user_unit}`;
    });
    expect(broken).toEqual([]);
  });

  it('keeps a service record for completed bookings only: started near the booked time, used no longer than it ran', () => {
    const broken = offenders(bookings, (b) => {
      const record = [b.actual_start, b.actual_end, b.used_minutes, b.service_way, b.user_unit, b.charge_fen];
      if (b.status !== 'COMPLETED') {
        if (record.some((value) => value !== null) || b.rating !== null) return `${b.id}: ${b.status} with a record`;
        if (b.status === 'REJECTED' && !b.decision_reason) return `${b.id}: rejected without a reason`;
        return false;
      }
      if (record.some((value) => value === null)) return `${b.id}: incomplete service record`;
      if (![b.actual_start, b.actual_end].every((t) => t?.endsWith('+08:00'))) return `${b.id}: times not in +08:00`;
      const [start] = window(b.during);
      const [actualStart, actualEnd] = [Date.parse(b.actual_start as string), Date.parse(b.actual_end as string)];
      if (Math.abs(actualStart - start) > 30 * MINUTE) return `${b.id}: started ${b.actual_start}, booked ${b.during}`;
      const ran = (actualEnd - actualStart) / MINUTE;
      if (!(ran > 0) || (b.used_minutes as number) < 1 || (b.used_minutes as number) > ran)
        return `${b.id}: used ${b.used_minutes} of ${ran} minutes`;
      if (b.service_way === 'REMOTE' && (instrumentById.get(b.instrument_id) as Instrument).status !== 'REMOTE_SERVICE')
        return `${b.id}: remote service on an instrument that offers none`;
      return b.rating === null || (Number.isInteger(b.rating) && b.rating >= 1 && b.rating <= 5)
        ? false
        : `${b.id}: rating`;
    });
    expect(broken).toEqual([]);
    const count = (status: string) => bookings.filter((b) => b.status === status).length;
    expect(count('COMPLETED') / bookings.length).toBeGreaterThan(0.8);
    for (const status of ['CANCELLED', 'REJECTED', 'NO_SHOW']) expect(count(status)).toBeGreaterThan(0);
  });

  it('keeps 2025 utilisation believable for Guizhou: 80–1,400 effective hours an instrument, most well under 25%', () => {
    const hours = effectiveHours(2025);
    const broken = offenders(rules, (r) => {
      const h = hours.get(r.id) ?? 0;
      return h >= 80 && h <= 1400 ? false : `${r.id}: ${Math.round(h)} hours in 2025`;
    });
    expect(broken).toEqual([]);
    const sorted = [...hours.values()].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    expect(median).toBeGreaterThan(120);
    expect(median).toBeLessThan(400); // a quarter of the assessment's 1,600 hours
    // Shared instruments serve other units for 40–85% of their hours; internal ones only their own.
    const external = effectiveHours(2025, true);
    const shared = rules.filter((r) => (instrumentById.get(r.id) as Instrument).sharing_mode === 'EXTERNAL');
    const share = (ids: BookingRuleRow[]) =>
      ids.reduce((sum, r) => sum + (external.get(r.id) ?? 0), 0) /
      ids.reduce((sum, r) => sum + (hours.get(r.id) ?? 0), 0);
    expect(share(shared)).toBeGreaterThan(0.4);
    expect(share(shared)).toBeLessThan(0.85);
    expect(share(rules.filter((r) => !shared.includes(r)))).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------- supply and demand

const productById = byId(products);
const demandById = byId(demands);
const classByCode = new Map(PRODUCT_CLASSES.map((c) => [c.code, c]));
const inProvince = (e: Enterprise) => e.credit_code.slice(2, 4) === '52';
const makerOf = (row: ProductRow) => enterpriseById.get(row.enterprise_id) as Enterprise;
const lineOf = (e: Enterprise) => MAKER_LINES.find(([name]) => e.name.includes(name))?.[0];
const numbered = (rows: { id: string }[], prefix: string) =>
  rows.map((_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const isFen = (value: number) => Number.isSafeInteger(value) && value >= 0 && value <= MAX_FEN;

/** The in-province share of what 2025's contracts were worth, of those `which` selects. */
function inProvinceShare(which: (demand: DemandRow) => boolean): number {
  let all = 0;
  let local = 0;
  for (const c of candidates) {
    if (c.status !== 'CONTRACT' || !c.contract_date?.startsWith('2025')) continue;
    if (!which(demandById.get(c.demand_id) as DemandRow)) continue;
    all += c.contract_amount_fen as number;
    if (inProvince(makerOf(productById.get(c.product_id) as ProductRow))) local += c.contract_amount_fen as number;
  }
  return local / all;
}

describe('the demo supply and demand', () => {
  it('has makers from outside Guizhou too: valid codes of their home division, selling in a Guizhou region', () => {
    const outside = enterprises.filter((e) => !inProvince(e));
    expect(outside.length).toBeGreaterThanOrEqual(6);
    const broken = offenders(outside, (e) => {
      const problem = creditCodeProblem(e.credit_code);
      if (problem) return `${e.id}: ${problem}`;
      if (!e.credit_code.startsWith('91') || e.type !== 'MANUFACTURER') return `${e.id}: not a manufacturing company`;
      if (!REGIONS.some((r) => r.code === e.region_code)) return `${e.id}: region ${e.region_code}`;
      if (!products.some((row) => row.enterprise_id === e.id)) return `${e.id}: sells nothing`;
      return e.scale === 'ABOVE_DESIGNATED_SIZE' ? false : `${e.id}: scale ${e.scale}`;
    });
    expect(broken).toEqual([]);
    // Appended after the province's own units.
    expect(enterprises.findIndex((e) => !inProvince(e))).toBe(enterprises.length - outside.length);
  });

  it('lists 3–7 products for every manufacturer, of the classes its line makes, in an industry of its own', () => {
    expect(products.map((row) => row.id)).toEqual(numbered(products, 'prd'));
    const broken = offenders(products, (row) => {
      const maker = enterpriseById.get(row.enterprise_id);
      if (maker?.type !== 'MANUFACTURER') return `${row.id}: listed by ${maker?.type ?? 'no enterprise'}`;
      const line = lineOf(maker);
      if (!line) return `${row.id}: ${maker.name} has no line of business`;
      if (!(LINE_CLASSES[line] ?? []).some(([code]) => code === row.class_code))
        return `${row.id}: a ${line} maker listing ${row.class_code}`;
      const group = GROUP_INDUSTRY[row.class_code.slice(0, 2)];
      if (!classByCode.has(row.class_code)) return `${row.id}: ${row.class_code} is no leaf class`;
      if (!maker.industries.includes(row.industry) || (group !== undefined && group !== row.industry))
        return `${row.id}: ${row.industry} for ${row.class_code} by ${maker.name} (${maker.industries})`;
      const bad = row.certifications.find((c) => !maker.certifications.includes(c));
      return bad === undefined ? false : `${row.id}: ${bad}, which its maker does not hold`;
    });
    expect(broken).toEqual([]);
    const makers = enterprises.filter((e) => e.type === 'MANUFACTURER');
    const counts = makers.map((e) => products.filter((row) => row.enterprise_id === e.id).length);
    expect(counts.filter((n) => n < 3 || n > 7)).toEqual([]);
  });

  it('prices products sanely and keeps them within the constraints of the migration', () => {
    const broken = offenders(products, (row) => {
      if (![row.price_min_fen, row.price_max_fen].every(isFen) || row.price_min_fen > row.price_max_fen)
        return `${row.id}: price ${row.price_min_fen}–${row.price_max_fen}`;
      if (row.price_min_fen < 100_000 || row.price_max_fen > row.price_min_fen * 2)
        return `${row.id}: price range ${row.price_min_fen}–${row.price_max_fen} fen`;
      if (!Number.isInteger(row.annual_capacity) || row.annual_capacity < 1) return `${row.id}: capacity`;
      if (!Number.isInteger(row.lead_time_days) || row.lead_time_days < 0 || row.lead_time_days > 3650)
        return `${row.id}: lead time ${row.lead_time_days}`;
      if ([...row.name].length > SUPPLY_LIMITS.name || [...row.specification].length > SUPPLY_LIMITS.specification)
        return `${row.id}: text over its limit`;
      return false;
    });
    expect(broken).toEqual([]);
    // A five-axis machining centre costs millions, a lot of fasteners tens of thousands.
    const fiveAxis = products.filter((row) => row.class_code === 'MT01');
    expect(fiveAxis.length).toBeGreaterThan(0);
    expect(fiveAxis.every((row) => row.price_min_fen >= 150_000_000)).toBe(true);
    expect(products.filter((row) => row.class_code === 'AV02').every((row) => row.price_max_fen <= 30_000_000)).toBe(
      true,
    );
  });

  it('surveys demand as the migration requires: budgets, dates, projects named for procurement and projects only', () => {
    expect(demands.map((d) => d.id)).toEqual(numbered(demands, 'dmd'));
    const broken = offenders(demands, (d) => {
      const buyer = enterpriseById.get(d.buyer_id);
      if (!buyer || !inProvince(buyer)) return `${d.id}: buyer ${d.buyer_id}`;
      if ((d.buyer_kind === 'ENTERPRISE') !== (d.project_name === null))
        return `${d.id}: ${d.buyer_kind}, project ${d.project_name}`;
      if (d.project_name !== null && [...d.project_name].length > SUPPLY_LIMITS.projectName)
        return `${d.id}: project name`;
      const productClass = classByCode.get(d.class_code);
      if (!productClass) return `${d.id}: ${d.class_code} is no leaf class`;
      const group = GROUP_INDUSTRY[d.class_code.slice(0, 2)];
      if (
        group !== undefined
          ? d.industry !== group
          : d.industry !== productClass.industry && !buyer.industries.includes(d.industry)
      )
        return `${d.id}: ${d.industry} for ${d.class_code}`;
      if (!Number.isInteger(d.quantity) || d.quantity < 1) return `${d.id}: quantity ${d.quantity}`;
      if (![d.budget_min_fen, d.budget_max_fen].every(isFen) || d.budget_min_fen > d.budget_max_fen)
        return `${d.id}: budget ${d.budget_min_fen}–${d.budget_max_fen}`;
      const days = daysBetween(d.surveyed_on, d.deadline);
      if (days < 28 || days > 275) return `${d.id}: deadline ${d.deadline}, surveyed ${d.surveyed_on}`;
      if (!REGIONS.some((r) => r.code === d.delivery_region_code))
        return `${d.id}: delivered to ${d.delivery_region_code}`;
      if ([...d.specification].length > SUPPLY_LIMITS.specification) return `${d.id}: specification too long`;
      if (year(d.surveyed_on) === 2026)
        return d.status === 'PUBLISHED' && d.deadline > '2026-12-31'
          ? false
          : `${d.id}: 2026, ${d.status} until ${d.deadline}`;
      return year(d.surveyed_on) === 2025 ? false : `${d.id}: surveyed ${d.surveyed_on}`;
    });
    expect(broken).toEqual([]);
    // Budgets fit what such equipment sells for: within the span of the class's listed prices.
    const unreal = offenders(demands, (d) => {
      const listed = products.filter((row) => row.class_code === d.class_code);
      const [low, high] = [
        Math.min(...listed.map((row) => row.price_min_fen)),
        Math.max(...listed.map((row) => row.price_max_fen)),
      ];
      return d.budget_max_fen >= d.quantity * low * 0.8 && d.budget_min_fen <= d.quantity * high * 1.2
        ? false
        : `${d.id}: ${d.quantity} × ${d.class_code} for ${d.budget_min_fen}–${d.budget_max_fen}`;
    });
    expect(unreal).toEqual([]);
    // Government procurement goes mostly by public tender; the survey spans every quarter of 2025.
    const government = demands.filter((d) => d.buyer_kind === 'GOVERNMENT_PROCUREMENT');
    expect(government.filter((d) => d.procurement_type === 'PUBLIC_TENDER').length / government.length).toBeGreaterThan(
      0.5,
    );
    const quarters = new Set(
      demands.filter((d) => year(d.surveyed_on) === 2025).map((d) => Math.ceil(Number(d.surveyed_on.slice(5, 7)) / 3)),
    );
    expect([...quarters].sort()).toEqual([1, 2, 3, 4]);
    // An open demand for a five-axis machining centre in Guiyang, for matching to be tried on.
    expect(
      demands.some(
        (d) =>
          d.class_code === 'MT01' &&
          d.delivery_region_code === '520100' &&
          d.status === 'PUBLISHED' &&
          d.deadline > '2026-12-31',
      ),
    ).toBe(true);
  });

  it("shortlists products of the demand's class, contracts at most one, within the dates and near the budget", () => {
    expect(candidates.map((c) => c.id)).toEqual(numbered(candidates, 'dc'));
    const pairs = candidates.map((c) => `${c.demand_id} ${c.product_id}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    const broken = offenders(candidates, (c) => {
      const d = demandById.get(c.demand_id);
      const row = productById.get(c.product_id);
      if (!d || !row) return `${c.id}: unknown demand or product`;
      if (row.class_code !== d.class_code) return `${c.id}: a ${row.class_code} for a ${d.class_code} demand`;
      if (row.enterprise_id === d.buyer_id) return `${c.id}: the buyer's own product`;
      if (d.status === 'DRAFT') return `${c.id}: a candidate for a draft`;
      if ((c.status === 'NO_DEAL') !== (c.reason !== null)) return `${c.id}: ${c.status}, reason ${c.reason}`;
      if (c.reason !== null && (c.reason.trim() === '' || [...c.reason].length > SUPPLY_LIMITS.reason))
        return `${c.id}: reason`;
      if ((c.status === 'CONTRACT') !== (c.contract_amount_fen !== null && c.contract_date !== null))
        return `${c.id}: contract fields`;
      if (c.status !== 'CONTRACT')
        return d.status === 'PUBLISHED' && !['SHORTLISTED', 'INTENTION'].includes(c.status)
          ? `${c.id}: ${c.status} on an open demand`
          : false;
      if (d.status !== 'CLOSED') return `${c.id}: a contract on a ${d.status} demand`;
      const [amount, date] = [c.contract_amount_fen as number, c.contract_date as string];
      if (!isFen(amount) || amount < 1) return `${c.id}: amount ${amount}`;
      if (amount < d.budget_min_fen * 0.8 || amount > d.budget_max_fen * 1.1)
        return `${c.id}: ${amount} against a budget of ${d.budget_min_fen}–${d.budget_max_fen}`;
      if (date <= d.surveyed_on || daysBetween(d.deadline, date) > 30 || year(date) !== 2025)
        return `${c.id}: contracted ${date}, surveyed ${d.surveyed_on}, due ${d.deadline}`;
      return false;
    });
    expect(broken).toEqual([]);
    const contracts = new Map<string, number>();
    for (const c of candidates.filter((c) => c.status === 'CONTRACT'))
      contracts.set(c.demand_id, (contracts.get(c.demand_id) ?? 0) + 1);
    expect([...contracts].filter(([, n]) => n > 1)).toEqual([]);
    const closed = demands.filter((d) => d.status === 'CLOSED');
    expect(closed.filter((d) => contracts.has(d.id)).length / closed.length).toBeGreaterThan(0.5);
    for (const status of ['SHORTLISTED', 'INTENTION', 'NO_DEAL'])
      expect(candidates.some((c) => c.status === status)).toBe(true);
  });

  it("gives local makers most of 2025's contracted amount, less of machine tools and robots", () => {
    const overall = inProvinceShare(() => true);
    expect(overall).toBeGreaterThanOrEqual(0.45);
    expect(overall).toBeLessThanOrEqual(0.8);
    expect(inProvinceShare((d) => /^(MT|IR)/.test(d.class_code))).toBeLessThan(overall);
    expect(inProvinceShare((d) => d.class_code.startsWith('AU'))).toBeGreaterThan(overall);
  });
});
