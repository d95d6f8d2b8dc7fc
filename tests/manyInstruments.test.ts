/**
 * The generated bulk instruments (`pnpm demo-data --instruments N`, `pnpm bench:search`): the same
 * for a given count, apart from the seed's, and believable in the ways searches and facets notice.
 */
import { describe, expect, it } from 'vitest';
import { buildEnterprises } from '../scripts/demo-data/enterprises.ts';
import { fits, INSTRUMENT_KINDS } from '../scripts/demo-data/instruments.ts';
import { buildManyInstruments, generateInstruments } from '../scripts/demo-data/manyInstruments.ts';
import { buildPlatforms, INSTRUMENT_HOSTS } from '../scripts/demo-data/platforms.ts';
import { THIS_YEAR } from '../scripts/demo-data/world.ts';

const enterprises = buildEnterprises();
const platforms = buildPlatforms(enterprises);
const rows = buildManyInstruments(5000, enterprises, platforms);
const enterpriseById = new Map(enterprises.map((e) => [e.id, e]));
const platformById = new Map(platforms.map((p) => [p.id, p]));

/** Lists what breaks a rule, so that a failure names every offending record at once. */
function offenders<T>(items: readonly T[], broken: (item: T) => string | false): string[] {
  return items.map(broken).filter((message): message is string => message !== false);
}

const share = (rule: (row: (typeof rows)[number]) => boolean) => rows.filter(rule).length / rows.length;

describe('the generated instruments', () => {
  it('are the same for a count, row k the same whatever the count or the chunk size', () => {
    expect(buildManyInstruments(5000, enterprises, platforms)).toEqual(rows);
    expect(buildManyInstruments(1200, enterprises, platforms)).toEqual(rows.slice(0, 1200));
    expect([...generateInstruments(1200, enterprises, platforms, 7)].flat()).toEqual(rows.slice(0, 1200));
  });

  it("never share an id or an owner's asset number with each other or with the seed", () => {
    expect(rows[0]?.id).toBe('ins-g000001');
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    expect(rows.every((row) => /^ins-g\d{6}$/.test(row.id))).toBe(true);
    expect(new Set(rows.map((row) => `${row.owner_id} ${row.asset_number}`)).size).toBe(rows.length);
    // The seed numbers assets GZ005-3000.
    expect(rows.filter((row) => /^GZ\d{3}-\d{4}$/.test(row.asset_number))).toEqual([]);
  });

  it('keep the review rules the database enforces', () => {
    const broken = offenders(rows, (row) => {
      if ((row.review_status === 'REJECTED') !== (row.rejection_reason !== null)) return `${row.id}: rejection reason`;
      if (row.classified && ['SUBMITTED', 'PUBLISHED'].includes(row.review_status))
        return `${row.id}: classified, public`;
      if (row.classified && (row.sharing_mode !== 'NOT_SHARED' || row.platform_id !== null))
        return `${row.id}: classified, shared`;
      if (row.review_status === 'PUBLISHED' && row.published_at === null) return `${row.id}: published, no date`;
      if (['DRAFT', 'REJECTED'].includes(row.review_status) && row.published_at !== null)
        return `${row.id}: never published, yet a date`;
      if (row.published_at !== null && !(row.created_at < row.published_at)) return `${row.id}: published before filed`;
      if (row.created_at.slice(0, 4) > String(THIS_YEAR)) return `${row.id}: filed after ${THIS_YEAR}`;
      return row.owner_credit_code === enterpriseById.get(row.owner_id)?.credit_code
        ? false
        : `${row.id}: owner's credit code`;
    });
    expect(broken).toEqual([]);
  });

  it('are mostly published, with some drafts, submissions and rejections, a few retired and a handful classified', () => {
    expect(share((row) => row.review_status === 'PUBLISHED')).toBeGreaterThan(0.8);
    for (const status of ['DRAFT', 'SUBMITTED', 'REJECTED', 'RETIRED'] as const) {
      expect(share((row) => row.review_status === status)).toBeGreaterThan(0.01);
      expect(share((row) => row.review_status === status)).toBeLessThan(0.08);
    }
    expect(share((row) => row.classified)).toBeGreaterThan(0);
    expect(share((row) => row.classified)).toBeLessThan(0.01);
  });

  it('give each instrument to an owner of its region who would have one, listed on a fitting platform', () => {
    const models = new Map(INSTRUMENT_KINDS.flatMap((kind) => kind.makers.map(([, model, , since]) => [model, since])));
    const broken = offenders(rows, (row) => {
      const owner = enterpriseById.get(row.owner_id);
      const kind = INSTRUMENT_KINDS.find((candidate) => candidate.classCode === row.class_code);
      if (!owner || !kind) return `${row.id}: unknown owner or class`;
      if (!fits(kind, owner)) return `${row.id}: ${owner.name} would not own a ${kind.name}`;
      if (owner.region_code !== row.region_code) return `${row.id}: owner in another region`;
      if (!row.industries.every((i) => owner.industries.includes(i) && kind.industries.includes(i)))
        return `${row.id}: industries ${row.industries}`;
      const started = Number(row.start_of_use.slice(0, 4));
      if (started < owner.founded_year || started >= THIS_YEAR) return `${row.id}: in service ${started}`;
      const base = [...models.keys()].find((model) => row.model.startsWith(model));
      if (row.source !== 'SELF_BUILT' && (base === undefined || started < (models.get(base) ?? 0)))
        return `${row.id}: ${row.model} in service ${started}`;
      if (row.platform_id === null) return row.service_url === null ? false : `${row.id}: a service URL, no platform`;
      const platform = platformById.get(row.platform_id);
      if (!platform || row.sharing_mode === 'NOT_SHARED') return `${row.id}: listed, yet not shared`;
      if (platform.region_code !== row.region_code || !INSTRUMENT_HOSTS.includes(platform.kind))
        return `${row.id}: listed on ${platform.id}`;
      return row.industries.some((i) => platform.industries.includes(i)) ? false : `${row.id}: platform of others`;
    });
    expect(broken).toEqual([]);
  });

  it('vary what searches and facets see: names, models, regions, industries, owners', () => {
    expect(new Set(rows.map((row) => row.name)).size).toBeGreaterThan(INSTRUMENT_KINDS.length * 2);
    expect(new Set(rows.map((row) => row.model)).size).toBeGreaterThan(100);
    expect(new Set(rows.map((row) => row.region_code)).size).toBe(10);
    expect(new Set(rows.flatMap((row) => row.industries)).size).toBe(6);
    expect(new Set(rows.map((row) => row.owner_type))).toEqual(
      new Set(['MANUFACTURER', 'TESTING_INSTITUTION', 'UNIVERSITY', 'RESEARCH_INSTITUTE', null]),
    );
    expect(rows.filter((row) => row.name.includes('盐雾试验')).length).toBeGreaterThan(0);
  });
});
