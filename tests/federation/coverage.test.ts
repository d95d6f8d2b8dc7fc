/**
 * The coverage map through the gateway: one cell for every region × key industry, its platforms
 * counted by the platforms subgraph and its instruments by the instruments subgraph (through
 * federation, with the visibility the instrument lists apply), in a constant number of
 * statements; a gap where the layout plans more platforms than there are; a year out of range
 * refused.
 */
import { readFileSync } from 'node:fs';
import { INDUSTRIES, PUBLIC_CLAIMS, REGIONS, Role } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countStatements,
  database,
  gatewayQuery,
  removeScratchInstrument,
  scratchInstrument,
  statementsIn,
  subgraphQuery,
  token,
} from '../support/federation.ts';

interface Cell {
  regionCode: string;
  industry: string;
  year: number;
  region: { code: string };
  platforms: {
    id: string;
    region: { code: string } | null;
    industriesServed: string[];
    establishedYear: number | null;
  }[];
  platformCount: number;
  accreditedPlatformCount: number;
  serviceCount: number;
  platformsExpected: number;
  basis: string | null;
  gap: boolean;
  instrumentCount: number;
  instrumentValue: number;
}

const COVERAGE = `query ($year: Int) { coverage(year: $year) {
  regionCode industry year region { code }
  platforms { id region { code } industriesServed establishedYear }
  platformCount accreditedPlatformCount serviceCount platformsExpected basis gap
  instrumentCount instrumentValue } }`;

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const currentYear = () => Number(today().slice(0, 4));
const YEAR = 2024;

const SCRATCH_INSTRUMENTS = ['zz-coverage-hidden', 'zz-coverage-next-year'];
const SCRATCH_CREDENTIALS = ['zz-coverage-in-force', 'zz-coverage-expired'];
const SCRATCH_SERVICE = 'zz-coverage-service';

let admin: string;

async function coverage(year: number | null, bearer?: string): Promise<Cell[]> {
  const answer = await gatewayQuery<{ coverage: Cell[] }>(COVERAGE, { year }, bearer ? { bearer } : {});
  expect(answer.errors).toBeUndefined();
  return answer.data?.coverage ?? [];
}

function cellOf(cells: Cell[], regionCode: string, industry: string): Cell {
  const cell = cells.find((c) => c.regionCode === regionCode && c.industry === industry);
  if (!cell) throw new Error(`no cell ${regionCode} × ${industry}`);
  return cell;
}

/** The platforms of a cell as the platforms database holds them, counted here independently. */
async function platformsInDatabase(regionCode: string, industry: string, year: number) {
  const db = await database('platforms');
  const serving = () =>
    db
      .table('platform as p')
      .where('p.region_code', regionCode)
      .whereRaw('? = any(p.industries)', [industry])
      .where((q) => q.whereNull('p.established_year').orWhere('p.established_year', '<=', year));
  const count = async (query: ReturnType<typeof serving>) =>
    Number(((await query.count({ n: '*' })) as { n: string | number }[])[0]?.n);
  return {
    platforms: await count(serving()),
    accredited: await count(
      serving().whereExists((q) =>
        q
          .select(db.knex.raw('1'))
          .from(`${db.schema}.credential as c`)
          .whereRaw('c.platform_id = p.id')
          .where('c.valid_from', '<=', today())
          .where('c.valid_until', '>=', today()),
      ),
    ),
    services: await count(serving().join('service as s', 's.platform_id', 'p.id')),
  };
}

/** The instruments of a cell as the instruments database holds them: all unclassified, or the public's. */
async function instrumentsInDatabase(regionCode: string, industry: string, year: number, publicOnly: boolean) {
  const db = await database('instruments');
  const query = db
    .table('instrument')
    .where({ region_code: regionCode, classified: false })
    .whereRaw('? = any(industries)', [industry])
    .where((q) => q.whereNull('start_of_use').orWhere('start_of_use', '<=', `${year}-12-31`));
  if (publicOnly) query.where('review_status', 'PUBLISHED').whereNot('sharing_mode', 'NOT_SHARED');
  const [row] = (await query.select(
    db.knex.raw('count(*)::int as count, coalesce(sum(original_value), 0)::float8 as value'),
  )) as { count: number; value: number }[];
  return { count: row?.count ?? 0, value: row?.value ?? 0 };
}

beforeAll(async () => {
  admin = await token({ role: Role.ADMIN, sub: 'coverage-admin' });
});

afterAll(async () => {
  for (const id of SCRATCH_INSTRUMENTS) await removeScratchInstrument(id);
  const platforms = await database('platforms');
  await platforms.table('credential').whereIn('id', SCRATCH_CREDENTIALS).del();
  await platforms.table('service').where('id', SCRATCH_SERVICE).del();
  await platforms
    .table('removal')
    .whereIn('record_id', [...SCRATCH_CREDENTIALS, SCRATCH_SERVICE])
    .del();
});

describe('the coverage map', () => {
  it('has one cell for every region × key industry, ordered by region code then industry', async () => {
    const cells = await coverage(YEAR);
    const expected = Object.keys(REGIONS)
      .sort()
      .flatMap((regionCode) => [...INDUSTRIES].sort().map((industry) => `${regionCode} ${industry}`));
    expect(expected).toHaveLength(60);
    expect(cells.map((cell) => `${cell.regionCode} ${cell.industry}`)).toEqual(expected);
    for (const cell of cells) {
      expect(cell.year).toBe(YEAR);
      expect(cell.region).toEqual({ code: cell.regionCode });
      expect(cell.platforms).toHaveLength(cell.platformCount);
      for (const platform of cell.platforms) {
        expect(platform.region?.code).toBe(cell.regionCode);
        expect(platform.industriesServed).toContain(cell.industry);
        expect(platform.establishedYear ?? YEAR).toBeLessThanOrEqual(YEAR);
      }
      expect(cell.accreditedPlatformCount).toBeLessThanOrEqual(cell.platformCount);
      expect(cell.gap).toBe(cell.platformsExpected > cell.platformCount);
    }
    expect(cells.some((cell) => cell.platformCount > 0)).toBe(true);
    expect(cells.some((cell) => cell.instrumentCount > 0)).toBe(true);
  });

  it('is for the current year in Asia/Shanghai unless a year is given; a year outside 2000–2100 is refused', async () => {
    const cells = await coverage(null);
    expect(cells).toHaveLength(60);
    expect(new Set(cells.map((cell) => cell.year))).toEqual(new Set([currentYear()]));

    for (const year of [1900, 2101]) {
      const refused = await gatewayQuery(COVERAGE, { year });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
      expect(refused.data?.coverage ?? null).toBeNull();
    }
  });

  it('counts platforms, accredited platforms and services as the platforms database holds them', async () => {
    const before = await coverage(currentYear());
    // A platform with no credential in force, to see what an expired and an in-force one count for.
    let chosen: { cell: Cell; platformId: string } | undefined;
    for (const cell of before.filter((c) => c.platformCount > 0)) {
      const id = cell.platforms[0]?.id as string;
      const inForce = await (await database('platforms'))
        .table('credential')
        .where('platform_id', id)
        .where('valid_from', '<=', today())
        .where('valid_until', '>=', today())
        .first();
      if (!inForce) {
        chosen = { cell, platformId: id };
        break;
      }
    }
    if (!chosen) throw new Error('every platform holds a credential in force: the test needs one that does not');
    const { cell, platformId } = chosen;
    const db = await database('platforms');
    await db.table('credential').insert({
      id: 'zz-coverage-expired',
      platform_id: platformId,
      kind: 'OTHER',
      number: 'ZZ-COVERAGE-EXPIRED',
      scope: 'coverage test: expired',
      valid_from: '2015-01-01',
      valid_until: '2019-12-31',
    });
    await db.table('service').insert({
      id: SCRATCH_SERVICE,
      platform_id: platformId,
      name: 'coverage test service',
      unit: 'SAMPLE',
      price_min_fen: 10_000,
      price_max_fen: 20_000,
      lead_time_days: 5,
    });
    const expired = cellOf(await coverage(currentYear()), cell.regionCode, cell.industry);
    expect(expired.accreditedPlatformCount).toBe(cell.accreditedPlatformCount);
    expect(expired.serviceCount).toBe(cell.serviceCount + 1);

    await db.table('credential').insert({
      id: 'zz-coverage-in-force',
      platform_id: platformId,
      kind: 'OTHER',
      number: 'ZZ-COVERAGE-IN-FORCE',
      scope: 'coverage test: in force',
      valid_from: '2020-01-01',
      valid_until: today(),
    });
    const after = await coverage(currentYear());
    expect(cellOf(after, cell.regionCode, cell.industry).accreditedPlatformCount).toBe(
      cell.accreditedPlatformCount + 1,
    );

    // Every cell against an independent count, this year and in an earlier one.
    for (const [year, cells] of [
      [currentYear(), after],
      [2015, await coverage(2015)],
    ] as const) {
      for (const c of cells) {
        const direct = await platformsInDatabase(c.regionCode, c.industry, year);
        expect({ cell: `${c.regionCode} ${c.industry} ${year}`, ...direct }).toEqual({
          cell: `${c.regionCode} ${c.industry} ${year}`,
          platforms: c.platformCount,
          accredited: c.accreditedPlatformCount,
          services: c.serviceCount,
        });
      }
    }
  });

  it('counts the instruments of a cell with the visibility the lists apply to the caller', async () => {
    // A NOT_SHARED instrument in a cell, in use from the middle of the year, and one from the next.
    const [regionCode, industry] = ['520400', 'POWER_EQUIPMENT'];
    await scratchInstrument('zz-coverage-hidden', {
      region_code: regionCode,
      industries: [industry],
      sharing_mode: 'NOT_SHARED',
      start_of_use: `${YEAR}-06-30`,
      original_value: 12.5,
      platform_id: null,
    });
    await scratchInstrument('zz-coverage-next-year', {
      region_code: regionCode,
      industries: [industry],
      sharing_mode: 'EXTERNAL',
      start_of_use: `${YEAR + 1}-01-01`,
      original_value: 7.25,
      platform_id: null,
    });

    const asAdmin = await coverage(YEAR, admin);
    const asPublic = await coverage(YEAR);
    for (const [region, ind] of [
      [regionCode, industry],
      ['520100', 'AVIATION'],
      ['520300', 'POWER_EQUIPMENT'],
      ['GUIAN', 'AUTOMOTIVE'],
    ] as const) {
      const all = await instrumentsInDatabase(region, ind, YEAR, false);
      const shared = await instrumentsInDatabase(region, ind, YEAR, true);
      const seenByAdmin = cellOf(asAdmin, region, ind);
      const seenByPublic = cellOf(asPublic, region, ind);
      expect([seenByAdmin.instrumentCount, seenByPublic.instrumentCount]).toEqual([all.count, shared.count]);
      expect(seenByAdmin.instrumentValue).toBeCloseTo(all.value, 2);
      expect(seenByPublic.instrumentValue).toBeCloseTo(shared.value, 2);
    }
    const adminCell = cellOf(asAdmin, regionCode, industry);
    const publicCell = cellOf(asPublic, regionCode, industry);
    // The NOT_SHARED instrument is the administrator's and not the public's; next year's is no one's yet.
    expect(adminCell.instrumentCount).toBeGreaterThan(publicCell.instrumentCount);
    expect(adminCell.instrumentValue - publicCell.instrumentValue).toBeGreaterThanOrEqual(12.5 - 0.005);
    const nextYear = cellOf(await coverage(YEAR + 1, admin), regionCode, industry);
    expect(nextYear.instrumentCount).toBe(adminCell.instrumentCount + 1);
    expect(nextYear.instrumentValue).toBeCloseTo(adminCell.instrumentValue + 7.25, 2);
  });

  it('costs a constant number of statements: one batch per subgraph for all 60 cells', async () => {
    const statements = await countStatements(() => coverage(YEAR, admin));
    // The cells, then their platforms in one lookup; every cell's instruments in one statement.
    expect(statements).toEqual(statementsIn({ instruments: 1, platforms: 2 }));
    const withoutPlatforms = await countStatements(async () => {
      const answer = await gatewayQuery('{ coverage { regionCode platformCount instrumentCount } }');
      expect(answer.errors).toBeUndefined();
    });
    expect(withoutPlatforms).toEqual(statementsIn({ instruments: 1, platforms: 1 }));
  });

  it('shows a gap where the layout plans more platforms than there are, and not once the plan is gone', async () => {
    const before = await coverage(currentYear());
    const empty = before.find((cell) => cell.platformCount === 0 && cell.platformsExpected === 0);
    const served = before.find((cell) => cell.platformCount > 0 && cell.platformsExpected === 0);
    if (!empty || !served) throw new Error('the test needs a cell with no platform and one with some, neither planned');
    const db = await database('platforms');
    const planned = [
      {
        region_code: empty.regionCode,
        industry: empty.industry,
        platforms_expected: 2,
        basis: 'coverage test: planned',
      },
      // As many as there are is no gap.
      {
        region_code: served.regionCode,
        industry: served.industry,
        platforms_expected: served.platformCount,
        basis: null,
      },
    ];
    await db.table('layout_target').insert(planned);
    try {
      const during = await coverage(currentYear());
      expect(cellOf(during, empty.regionCode, empty.industry)).toMatchObject({
        platformCount: 0,
        platformsExpected: 2,
        basis: 'coverage test: planned',
        gap: true,
      });
      expect(cellOf(during, served.regionCode, served.industry)).toMatchObject({
        platformsExpected: served.platformCount,
        basis: null,
        gap: false,
      });
    } finally {
      for (const row of planned) {
        await db.table('layout_target').where({ region_code: row.region_code, industry: row.industry }).del();
      }
    }
    const after = cellOf(await coverage(currentYear()), empty.regionCode, empty.industry);
    expect(after).toMatchObject({ platformsExpected: 0, basis: null, gap: false });
  });

  it('shows at least one gap in the demo data’s layout', async () => {
    const demo = JSON.parse(
      readFileSync(new URL('../../subgraphs/platforms/src/seed/demo-data.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown[]>;
    expect(demo.layout_target?.length ?? 0, 'the demo data plans no layout targets').toBeGreaterThan(0);
    expect((await coverage(currentYear())).some((cell) => cell.gap)).toBe(true);
  });
});

describe('CoverageCell resolves through _entities', () => {
  const representation = (regionCode: string, industry: string, year: number) => ({
    __typename: 'CoverageCell',
    regionCode,
    industry,
    year,
  });

  it('platforms: a cell by its key, null for a key that names no cell', async () => {
    const answer = await subgraphQuery<{ _entities: (Record<string, unknown> | null)[] }>(
      'platforms',
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on CoverageCell { regionCode industry year platformCount platformsExpected gap } } }`,
      {
        representations: [
          representation('520100', 'AVIATION', YEAR),
          representation('520999', 'AVIATION', YEAR),
          representation('520100', 'AVIATION', 1900),
        ],
      },
    );
    expect(answer.errors).toBeUndefined();
    const [cell, unknownRegion, outOfRange] = answer.data?._entities ?? [];
    const direct = await platformsInDatabase('520100', 'AVIATION', YEAR);
    expect(cell).toMatchObject({
      regionCode: '520100',
      industry: 'AVIATION',
      year: YEAR,
      platformCount: direct.platforms,
    });
    expect([unknownRegion, outOfRange]).toEqual([null, null]);
  });

  it("instruments: the cells' counts in one statement, with the caller's visibility", async () => {
    const representations = Object.keys(REGIONS).map((code) => representation(code, 'AUTOMOTIVE', YEAR));
    let counts: { instrumentCount: number }[] = [];
    const statements = await countStatements(async () => {
      const answer = await subgraphQuery<{ _entities: { instrumentCount: number }[] }>(
        'instruments',
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on CoverageCell { instrumentCount instrumentValue } } }`,
        { representations },
        { claims: PUBLIC_CLAIMS },
      );
      expect(answer.errors).toBeUndefined();
      counts = answer.data?._entities ?? [];
    });
    expect(statements.instruments).toBe(1);
    expect(counts).toHaveLength(Object.keys(REGIONS).length);
    for (const [i, code] of Object.keys(REGIONS).entries()) {
      expect(counts[i]?.instrumentCount).toBe((await instrumentsInDatabase(code, 'AUTOMOTIVE', YEAR, true)).count);
    }
  });
});
