/**
 * The demo data must stay believable to a reader who knows the province: these are the
 * invariants a domain expert checked by hand, run against the seed files every subgraph loads.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAKER_LINES, TRADE_NAMES } from '../scripts/demo-data/enterprises.ts';
import { INSTRUMENT_KINDS } from '../scripts/demo-data/instruments.ts';
import { INSTRUMENT_HOSTS } from '../scripts/demo-data/platforms.ts';
import { cityOf, REGIONS, THIS_YEAR } from '../scripts/demo-data/world.ts';

interface Enterprise {
  id: string;
  credit_code: string;
  name: string;
  type: string;
  region_code: string;
  industries: string[];
  address: string;
  founded_year: number;
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
  sharing_mode: string;
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

const { enterprise: enterprises } = seed<{ enterprise: Enterprise[] }>('enterprises');
const { platform: platforms } = seed<{ platform: Platform[] }>('platforms');
const { instrument: instruments } = seed<{ instrument: Instrument[] }>('instruments');
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

  it('places every enterprise in a county of its region, which its credit code names too', () => {
    const broken = offenders(enterprises, (e) => {
      const { region, county } = placeOf(e);
      if (!region || !county) return `${e.id}: ${e.address} is not in ${e.region_code}`;
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

  it('links only to reserved .example domains', () => {
    const urls = [
      ...platforms.map((p) => p.website),
      ...instruments.flatMap((row) => (row.service_url ? [row.service_url] : [])),
    ];
    expect(urls.length).toBeGreaterThan(platforms.length);
    expect(urls.filter((url) => !new URL(url).hostname.endsWith('.example'))).toEqual([]);
  });
});
