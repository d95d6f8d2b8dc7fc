/**
 * Every year's sharing figures of a platform or region, as the assessment will read them through
 * `@requires`: the published, unclassified instruments in service each year and their completed
 * services, the same whoever asks, a year an entry from the first year in service to this one. A
 * completed booking shows in its year; a page of platforms costs the instruments subgraph one
 * statement, however long.
 */
import { Role, todayInGuizhou } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countStatements,
  gatewayQuery,
  removeScratchInstrument,
  scratchInstrument,
  token,
} from '../support/federation.ts';
import {
  bookableInstrument,
  completedBooking as completeBooking,
  type InstrumentWorkers,
  removeFiledInstruments,
} from '../support/instrumentWork.ts';

const PLATFORM = 'plt-01'; // eight published instruments of Guiyang units, two of them INTERNAL
const EMPTY_PLATFORM = 'plt-02'; // hosts no instruments in the demo data
const OWNER = 'ent-005'; // owns two of plt-01's instruments
const SME = 'ent-029'; // an in-province manufacturer: its hours are external
const REGION = '520100'; // Guiyang, which administers Gui'an New Area
const ELSEWHERE = '522600'; // where this file's own instruments are recorded, away from REGION
const ASSET_PREFIX = 'T-SHARE-';
const SCRATCH_PREFIX = 'zz-share-';
const THIS_YEAR = Number(todayInGuizhou().slice(0, 4));

const FIGURES = 'year instruments openInstruments effectiveHours externalHours services unitsServed meanRating';
const UTILISATION = 'year instruments effectiveHours externalHours services unitsServed meanRating';

interface SharingYear {
  year: number;
  instruments: number;
  openInstruments: number;
  effectiveHours: number;
  externalHours: number;
  services: number;
  unitsServed: number;
  meanRating: number | null;
}

type Utilisation = Omit<SharingYear, 'openInstruments'>;

let admin: string;
let ownerUser: string;
let smeUser: string;
let operator: string;
let assetCounter = 0;
const scratch: string[] = [];

async function data<T>(query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<T> {
  const result = await gatewayQuery<T>(query, variables, bearer ? { bearer } : {});
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

async function platformYears(id: string, bearer?: string): Promise<SharingYear[]> {
  const answer = await data<{ platform: { sharingYears: SharingYear[] } | null }>(
    `query ($id: ID!) { platform(id: $id) { sharingYears { ${FIGURES} } } }`,
    { id },
    bearer,
  );
  if (!answer.platform) throw new Error(`no platform ${id}`);
  return answer.platform.sharingYears;
}

async function regionYears(code: string, bearer?: string): Promise<SharingYear[]> {
  const answer = await data<{ region: { sharingYears: SharingYear[] } | null }>(
    `query ($code: ID!) { region(code: $code) { sharingYears { ${FIGURES} } } }`,
    { code },
    bearer,
  );
  if (!answer.region) throw new Error(`no region ${code}`);
  return answer.region.sharingYears;
}

function yearOf(years: SharingYear[], year: number): SharingYear {
  const entry = years.find((candidate) => candidate.year === year);
  if (!entry) throw new Error(`no entry for ${year} in ${JSON.stringify(years.map((y) => y.year))}`);
  return entry;
}

async function utilisationOf(root: 'platform' | 'region' | 'instrument', key: string, year: number, bearer?: string) {
  const argument = root === 'region' ? 'code' : 'id';
  const answer = await data<Record<string, { utilisation: Utilisation } | null>>(
    `query ($key: ID!) { ${root}(${argument}: $key) { utilisation(year: ${year}) { ${UTILISATION} } } }`,
    { key },
    bearer,
  );
  const parent = answer[root];
  if (!parent) throw new Error(`no ${root} ${key}`);
  return parent.utilisation;
}

/** How many instruments an administrator lists under `filter` (every review state unless it says). */
async function countInstruments(filter: Record<string, unknown>): Promise<number> {
  const answer = await data<{ instruments: { totalCount: number } }>(
    'query ($filter: InstrumentFilter) { instruments(first: 1, filter: $filter) { totalCount } }',
    { filter },
    admin,
  );
  return answer.instruments.totalCount;
}

async function ok<T>(query: string, variables: Record<string, unknown>, bearer: string): Promise<T> {
  const answer = await data<Record<string, T>>(query, variables, bearer);
  return Object.values(answer)[0] as T;
}

/** A published, bookable EXTERNAL instrument of OWNER on PLATFORM, recorded in ELSEWHERE. */
function publishedInstrument(): Promise<string> {
  assetCounter += 1;
  return bookableInstrument(workers(), {
    assetNumber: `${ASSET_PREFIX}${assetCounter}`,
    platformId: PLATFORM,
    regionCode: ELSEWHERE,
  });
}

/** The SME books the instrument, the owner approves and records `hours` worked on `day`. */
function completedBooking(instrumentId: string, day: string, hours: number, rating: number): Promise<void> {
  return completeBooking(workers(), instrumentId, { day, hours, rating });
}

const workers = (): InstrumentWorkers => ({ owner: ownerUser, admin, user: smeUser });

beforeAll(async () => {
  admin = await token({ role: Role.ADMIN, sub: 'reviewer' });
  ownerUser = await token({ role: Role.ENTERPRISE_USER, sub: 'share-owner', enterpriseId: OWNER });
  smeUser = await token({ role: Role.ENTERPRISE_USER, sub: 'share-sme', enterpriseId: SME });
  operator = await token({ role: Role.PLATFORM_OPERATOR, sub: 'share-operator', platformIds: [PLATFORM] });
});

afterAll(async () => {
  await removeFiledInstruments(ASSET_PREFIX);
  for (const id of scratch) await removeScratchInstrument(id);
});

describe("a platform's sharing years", () => {
  it("are an administrator's utilisation of each year, over the published, unclassified instruments only", async () => {
    const before = await platformYears(PLATFORM, admin);
    for (const year of [2024, 2025]) {
      // In the demo data every instrument of the platform is published and unclassified: they agree.
      const { openInstruments, ...figures } = yearOf(before, year);
      expect(figures).toEqual(await utilisationOf('platform', PLATFORM, year, admin));
      expect(figures.services).toBeGreaterThan(0);
      expect(figures.unitsServed).toBeGreaterThan(0);
      expect(openInstruments).toBe(
        await countInstruments({ platformId: PLATFORM, sharingMode: 'EXTERNAL', startOfUse: { to: `${year}-12-31` } }),
      );
      expect(openInstruments).toBeLessThan(figures.instruments);
    }

    // Now the platform also hosts a draft, a classified instrument, and a retired one that served in 2025.
    scratch.push(`${SCRATCH_PREFIX}draft`, `${SCRATCH_PREFIX}classified`);
    await scratchInstrument(`${SCRATCH_PREFIX}draft`, {
      platform_id: PLATFORM,
      region_code: ELSEWHERE,
      review_status: 'DRAFT',
      published_at: null,
      start_of_use: '2015-03-01',
    });
    await scratchInstrument(`${SCRATCH_PREFIX}classified`, {
      platform_id: PLATFORM,
      region_code: ELSEWHERE,
      review_status: 'DRAFT',
      published_at: null,
      classified: true,
      sharing_mode: 'NOT_SHARED',
      start_of_use: '2015-03-01',
    });
    const retired = await publishedInstrument();
    await completedBooking(retired, '2025-06-03', 4, 2);
    const { instrument } = await data<{ instrument: { id: string; version: number } }>(
      `{ instrument(id: "${retired}") { id version } }`,
      {},
      admin,
    );
    await ok(
      'mutation ($id: ID!, $version: Int!) { retireInstrument(id: $id, version: $version) { id } }',
      instrument,
      admin,
    );

    // The administrator's utilisation counts the draft and the retired instrument with its hours…
    const seen = await utilisationOf('platform', PLATFORM, 2025, admin);
    const retiredFigures = await utilisationOf('instrument', retired, 2025, admin);
    expect(retiredFigures).toMatchObject({ instruments: 1, effectiveHours: 4, externalHours: 4, services: 1 });
    // …which the sharing years leave out, as they leave out the classified one.
    const after = await platformYears(PLATFORM, admin);
    expect(after).toEqual(before);
    const shared = yearOf(after, 2025);
    expect(shared.instruments).toBe(seen.instruments - retiredFigures.instruments - 1);
    expect(shared.effectiveHours).toBeCloseTo(seen.effectiveHours - retiredFigures.effectiveHours, 5);
    expect(shared.externalHours).toBeCloseTo(seen.externalHours - retiredFigures.externalHours, 5);
    expect(shared.services).toBe(seen.services - retiredFigures.services);
  });

  it('are the same for an anonymous caller, an operator, an owner and an administrator', async () => {
    const forAdministrator = await platformYears(PLATFORM, admin);
    expect(await platformYears(PLATFORM)).toEqual(forAdministrator);
    expect(await platformYears(PLATFORM, operator)).toEqual(forAdministrator);
    expect(await platformYears(PLATFORM, ownerUser)).toEqual(forAdministrator);
    // Whereas utilisation depends on who asks: the public does not see the draft.
    const publicUtilisation = await utilisationOf('platform', PLATFORM, 2025);
    const adminUtilisation = await utilisationOf('platform', PLATFORM, 2025, admin);
    expect(publicUtilisation.instruments).toBeLessThan(adminUtilisation.instruments);
  });

  it("shows a completed booking in its year: that year's hours rise by exactly the hours recorded", async () => {
    const before = await platformYears(PLATFORM);
    const instrument = await publishedInstrument();
    const published = await platformYears(PLATFORM);
    // Published now, in service since 2023: one more instrument, open to outside users, from 2023 on.
    expect(yearOf(published, THIS_YEAR).instruments).toBe(yearOf(before, THIS_YEAR).instruments + 1);
    expect(yearOf(published, THIS_YEAR).openInstruments).toBe(yearOf(before, THIS_YEAR).openInstruments + 1);
    expect(yearOf(published, 2022)).toEqual(yearOf(before, 2022));

    await completedBooking(instrument, `${THIS_YEAR}-01-06`, 2.75, 5);
    const after = await platformYears(PLATFORM);
    const [was, is] = [yearOf(published, THIS_YEAR), yearOf(after, THIS_YEAR)];
    expect(is.effectiveHours - was.effectiveHours).toBeCloseTo(2.75, 5);
    expect(is.externalHours - was.externalHours).toBeCloseTo(2.75, 5);
    expect(is.services).toBe(was.services + 1);
    expect(is.instruments).toBe(was.instruments);
    expect(after.filter((entry) => entry.year !== THIS_YEAR)).toEqual(
      published.filter((entry) => entry.year !== THIS_YEAR),
    );
  });

  it('run a year an entry, ascending, from the first year in service to the current year', async () => {
    const first = await data<{ instruments: { edges: { node: { startOfUse: string } }[] } }>(
      `{ instruments(first: 1, filter: { platformId: "${PLATFORM}", reviewStatusIn: [PUBLISHED] },
          orderBy: { field: START_OF_USE }) { edges { node { startOfUse } } } }`,
      {},
      admin,
    );
    const firstYear = Number(first.instruments.edges[0]?.node.startOfUse.slice(0, 4));
    const years = (await platformYears(PLATFORM)).map((entry) => entry.year);
    expect(years).toEqual(Array.from({ length: THIS_YEAR - firstYear + 1 }, (_, i) => firstYear + i));
    expect(years.at(-1)).toBe(THIS_YEAR);
  });

  it('are empty without instruments, and start no earlier than 2000', async () => {
    expect(await platformYears(EMPTY_PLATFORM)).toEqual([]);
    scratch.push(`${SCRATCH_PREFIX}old`);
    await scratchInstrument(`${SCRATCH_PREFIX}old`, {
      platform_id: EMPTY_PLATFORM,
      region_code: ELSEWHERE,
      sharing_mode: 'INTERNAL',
      start_of_use: '1995-03-01',
    });
    // Asked as another caller: the row was written behind the graph's back, so the gateway's shared
    // response cache may still hold the anonymous empty answer above.
    const years = await platformYears(EMPTY_PLATFORM, admin);
    expect(years.map((entry) => entry.year)).toEqual(Array.from({ length: THIS_YEAR - 2000 + 1 }, (_, i) => 2000 + i));
    expect(years[0]).toEqual({
      year: 2000,
      instruments: 1,
      openInstruments: 0,
      effectiveHours: 0,
      externalHours: 0,
      services: 0,
      unitsServed: 0,
      meanRating: null,
    });
  });
});

describe("a region's sharing years", () => {
  it('count the instruments recorded in the region itself, not in the areas it administers', async () => {
    const years = await regionYears(REGION);
    expect(await regionYears(REGION, admin)).toEqual(years);
    for (const year of [2024, 2025]) {
      const { openInstruments, ...figures } = yearOf(years, year);
      expect(figures).toEqual(await utilisationOf('region', REGION, year, admin));
      expect(figures.services).toBeGreaterThan(0);
      const inService = { reviewStatusIn: ['PUBLISHED'], startOfUse: { to: `${year}-12-31` } };
      expect(figures.instruments).toBe(await countInstruments({ regionCode: REGION, ...inService }));
      expect(figures.instruments).toBeLessThan(
        await countInstruments({ regionCode: REGION, includeAdministered: true, ...inService }),
      );
      expect(openInstruments).toBe(
        await countInstruments({ regionCode: REGION, sharingMode: 'EXTERNAL', ...inService }),
      );
    }
    expect(years.at(-1)?.year).toBe(THIS_YEAR);
    const guian = await regionYears('GUIAN');
    expect(yearOf(guian, 2025).instruments).toBeGreaterThan(0);
  });
});

describe('statements', () => {
  it('cost the instruments subgraph one statement for a page of platforms, whatever its length', async () => {
    const bearer = await token({ role: 'PARTNER' });
    const page = async (first: number) => {
      const answer = await data<{ platforms: { edges: { node: { sharingYears: SharingYear[] } }[] } }>(
        `query ($first: Int!) { platforms(first: $first) { edges { node { id sharingYears { ${FIGURES} } } } }
          regions { code sharingYears { year instruments } } }`,
        { first },
        bearer,
      );
      return answer.platforms.edges;
    };
    let edges: { node: { sharingYears: SharingYear[] } }[] = [];
    const forTwo = await countStatements(() => page(2));
    const forTwenty = await countStatements(async () => {
      edges = await page(20);
    });
    expect(edges).toHaveLength(20);
    expect(edges.filter((edge) => edge.node.sharingYears.length > 0).length).toBeGreaterThan(10);
    expect(forTwenty).toEqual(forTwo);
    // One for the platforms' years and one for the regions'.
    expect(forTwenty.instruments).toBe(2);
  });
});
