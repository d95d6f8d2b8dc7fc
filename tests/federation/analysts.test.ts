/**
 * The analysts' questions, each one query with no client-side work, checked against the
 * databases themselves; statements per question do not grow with the data; orders and cursors;
 * filters that refuse what cannot be meant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, database, gatewayQuery, instrumentRow } from '../support/federation.ts';

const EXTRA = 300;
const PREFIX = 'zz-analyst-';

interface InstrumentRow {
  id: string;
  region_code: string;
  industries: string[];
  original_value: string;
  sharing_mode: string;
  status: string;
  owner_id: string;
}

async function instrumentRows(): Promise<InstrumentRow[]> {
  return (await database('instruments')).table('instrument') as unknown as InstrumentRow[];
}

/** Instruments every anonymous caller sees: all but the unshared. */
async function visibleRows(): Promise<InstrumentRow[]> {
  return (await instrumentRows()).filter((row) => row.sharing_mode !== 'NOT_SHARED');
}

const QUESTIONS = {
  valueByPrefectureAndIndustry: `{ instrumentStats(groupBy: [REGION, INDUSTRY]) {
    region { code name } industry count totalOriginalValue } }`,
  workingExternalInZunyiOverHalfAMillion: `{ instruments(first: 500,
    filter: { sharingMode: EXTERNAL, status: NORMAL, regionCode: "520300", originalValue: { min: 50 } },
    orderBy: { field: ORIGINAL_VALUE, direction: DESC }) { totalCount edges { node { id name originalValue owner { name } } } } }`,
  platformsByRegionAndKind: '{ platformStats(groupBy: [REGION, KIND]) { region { name } kind count } }',
  gradesByYearAndRegion:
    '{ assessmentStats(groupBy: [YEAR, REGION, GRADE]) { year region { name } grade count meanTotal } }',
};

describe("the analysts' questions", () => {
  it('instrument count and value by prefecture and industry: one row per pair, an instrument counted once per industry', async () => {
    const result = await gatewayQuery<{
      instrumentStats: {
        region: { code: string; name: string };
        industry: string;
        count: number;
        totalOriginalValue: number;
      }[];
    }>(QUESTIONS.valueByPrefectureAndIndustry);
    expect(result.errors).toBeUndefined();
    const expected = new Map<string, { count: number; value: number }>();
    for (const row of await visibleRows()) {
      for (const industry of row.industries) {
        const key = `${row.region_code}/${industry}`;
        const entry = expected.get(key) ?? { count: 0, value: 0 };
        entry.count += 1;
        entry.value += Number(row.original_value);
        expected.set(key, entry);
      }
    }
    const rows = result.data?.instrumentStats ?? [];
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const entry = expected.get(`${row.region.code}/${row.industry}`);
      expect(row.count).toBe(entry?.count);
      expect(row.totalOriginalValue).toBeCloseTo(entry?.value ?? -1, 2);
      expect(row.region.name).toMatch(/\p{Script=Han}/u);
    }
  });

  it('external, working instruments over ¥500,000 in Zunyi, sorted by value', async () => {
    const result = await gatewayQuery<{
      instruments: {
        totalCount: number;
        edges: { node: { id: string; originalValue: number; owner: { name: string } } }[];
      };
    }>(QUESTIONS.workingExternalInZunyiOverHalfAMillion);
    expect(result.errors).toBeUndefined();
    const expected = (await instrumentRows())
      .filter(
        (row) =>
          row.sharing_mode === 'EXTERNAL' &&
          row.status === 'NORMAL' &&
          row.region_code === '520300' &&
          Number(row.original_value) >= 50,
      )
      .sort((a, b) => Number(b.original_value) - Number(a.original_value) || (a.id < b.id ? -1 : 1));
    expect(expected.length).toBeGreaterThan(0);
    const nodes = result.data?.instruments.edges.map((edge) => edge.node) ?? [];
    expect(nodes.map((node) => node.id)).toEqual(expected.map((row) => row.id));
    expect(result.data?.instruments.totalCount).toBe(expected.length);
    expect(nodes.every((node) => node.owner.name)).toBe(true);
  });

  it('platforms by region and kind', async () => {
    const result = await gatewayQuery<{ platformStats: { region: { name: string }; kind: string; count: number }[] }>(
      QUESTIONS.platformsByRegionAndKind,
    );
    expect(result.errors).toBeUndefined();
    const platforms = (await (await database('platforms')).table('platform')) as {
      region_code: string;
      kind: string;
    }[];
    const rows = result.data?.platformStats ?? [];
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(platforms.length);
    expect(new Set(rows.map((row) => `${row.region.name}/${row.kind}`)).size).toBe(rows.length);
  });

  it('grade counts by year and region, with the mean total', async () => {
    const result = await gatewayQuery<{
      assessmentStats: {
        year: number;
        region: { name: string } | null;
        grade: string;
        count: number;
        meanTotal: number;
      }[];
    }>(QUESTIONS.gradesByYearAndRegion);
    expect(result.errors).toBeUndefined();
    const assessments = (await (await database('assessments')).table('assessment')) as {
      year: number;
      region_code: string;
      grade: string;
    }[];
    const rows = result.data?.assessmentStats ?? [];
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(assessments.length);
    for (const row of rows) {
      expect(row.region?.name).toBeTruthy();
      expect(row.meanTotal).toBeGreaterThan(0);
    }
    const excellent2025 = rows.filter((row) => row.year === 2025 && row.grade === 'EXCELLENT');
    expect(excellent2025.reduce((sum, row) => sum + row.count, 0)).toBe(
      assessments.filter((a) => a.year === 2025 && a.grade === 'EXCELLENT').length,
    );
  });

  describe('with three hundred more instruments', () => {
    let before: Record<string, Record<string, number>> = {};

    beforeAll(async () => {
      for (const [name, query] of Object.entries(QUESTIONS))
        before[name] = await countStatements(() => gatewayQuery(query));
      const db = await database('instruments');
      const template = await instrumentRow({ region_code: '520300' });
      const rows = Array.from({ length: EXTRA }, (_, i) => ({
        ...template,
        id: `${PREFIX}${String(i).padStart(4, '0')}`,
        asset_number: `ANALYST-${i}`,
        sharing_mode: 'EXTERNAL',
        status: 'NORMAL',
        original_value: 50 + (i % 7),
      }));
      for (let i = 0; i < rows.length; i += 100) await db.table('instrument').insert(rows.slice(i, i + 100));
    });

    afterAll(async () => {
      await (await database('instruments')).table('instrument').whereLike('id', `${PREFIX}%`).del();
      before = {};
    });

    it('each question costs the same statements', async () => {
      for (const [name, query] of Object.entries(QUESTIONS)) {
        expect(await countStatements(() => gatewayQuery(query)), name).toEqual(before[name]);
      }
    });

    it('walks a value-ordered list with many ties exactly once, page by page, in order', async () => {
      const seen: { id: string; value: number }[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const result: {
          data?: {
            instruments: {
              edges: { node: { id: string; originalValue: number } }[];
              pageInfo: { hasNextPage: boolean; endCursor: string };
            };
          } | null;
        } = await gatewayQuery(
          `query ($after: String) { instruments(first: 37, after: $after, filter: { regionCode: "520300" },
              orderBy: { field: ORIGINAL_VALUE, direction: DESC }) { edges { node { id originalValue } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        const page = result.data?.instruments;
        if (!page) throw new Error('no page');
        seen.push(...page.edges.map((edge) => ({ id: edge.node.id, value: edge.node.originalValue })));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const expected = (await visibleRows()).filter((row) => row.region_code === '520300');
      expect(seen).toHaveLength(expected.length);
      expect(new Set(seen.map((row) => row.id)).size).toBe(expected.length);
      for (let i = 1; i < seen.length; i++) {
        const [previous, current] = [seen[i - 1], seen[i]] as [
          { id: string; value: number },
          { id: string; value: number },
        ];
        expect(previous.value > current.value || (previous.value === current.value && previous.id < current.id)).toBe(
          true,
        );
      }
    });
  });
});

describe('filters', () => {
  it("include Gui'an New Area with Guiyang only when asked", async () => {
    const count = async (filter: string) =>
      (await gatewayQuery<{ instruments: { totalCount: number } }>(`{ instruments(filter: ${filter}) { totalCount } }`))
        .data?.instruments.totalCount ?? -1;
    const guiyang = await count('{ regionCode: "520100" }');
    const guian = await count('{ regionCode: "GUIAN" }');
    expect(guian).toBeGreaterThan(0);
    expect(await count('{ regionCode: "520100", includeAdministered: true }')).toBe(guiyang + guian);
    expect(await count('{ regionCodeIn: ["520100", "520300"], includeAdministered: true }')).toBe(
      guiyang + guian + (await count('{ regionCode: "520300" }')),
    );
  });

  it('combine one value and several (status and statusIn must both hold)', async () => {
    const result = await gatewayQuery<{ instruments: { edges: { node: { status: string; industries: string[] } }[] } }>(
      '{ instruments(first: 500, filter: { statusIn: [NORMAL, STANDBY], industryIn: [AVIATION, AEROSPACE] }) { edges { node { status industries } } } }',
    );
    const nodes = result.data?.instruments.edges.map((edge) => edge.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(['NORMAL', 'STANDBY']).toContain(node.status);
      expect(node.industries.some((industry) => industry === 'AVIATION' || industry === 'AEROSPACE')).toBe(true);
    }
  });

  it.each([
    [
      '{ instruments(filter: { regionCode: "520900" }) { totalCount } }',
      'filter.regionCode',
      /unknown region code "520900"/,
    ],
    [
      '{ platforms(filter: { regionCodeIn: ["GUIAN", "Zunyi"] }) { totalCount } }',
      'filter.regionCodeIn',
      /unknown region code "Zunyi"/,
    ],
    [
      '{ instruments(filter: { originalValue: { min: 100, max: 50 } }) { totalCount } }',
      'filter.originalValue',
      /min 100 is above max 50/,
    ],
    [
      '{ instruments(filter: { startOfUse: { from: "2020-02-30" } }) { totalCount } }',
      'filter.startOfUse.from',
      /must be a date/,
    ],
    [
      '{ instruments(filter: { startOfUse: { from: "2024-01-01", to: "2020-01-01" } }) { totalCount } }',
      'filter.startOfUse',
      /is after/,
    ],
    ['{ instruments(filter: { statusIn: [] }) { totalCount } }', 'filter.statusIn', /is empty/],
    ['{ instruments(filter: { classCode: "12345" }) { totalCount } }', 'filter.classCode', /2, 4 or 6 digits/],
    ['{ enterprises(filter: { updatedSince: "yesterday" }) { totalCount } }', 'filter.updatedSince', /ISO 8601/],
    ['{ assessments(filter: { years: { min: 1990 } }) { totalCount } }', 'filter.years', /between 2000 and 2100/],
    ['{ assessments(filter: { total: { max: 120 } }) { totalCount } }', 'filter.total.max', /at most 100/],
    [
      '{ instruments(filter: { updatedSince: "2026-01-01T00:00:00Z" }, orderBy: { field: NAME }) { totalCount } }',
      'orderBy',
      /ordered by UPDATED_AT/,
    ],
    ['{ platformRemovals(since: "last week") { totalCount } }', 'since', /ISO 8601/],
    ['{ assessmentRemovals(since: "2026-01-01T00:00:00Z", after: "page-2") { totalCount } }', 'after', /cursor/],
    [
      '{ instrumentStats(groupBy: [REGION, INDUSTRY, STATUS, OWNER_TYPE]) { count } }',
      'groupBy',
      /at most 3 dimensions/,
    ],
  ])('refuse %s naming %s', async (query, field, reason) => {
    const result = await gatewayQuery(query);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).toMatch(reason);
  });

  it('refuse a cursor from the same list in another order', async () => {
    const first = await gatewayQuery<{ instruments: { pageInfo: { endCursor: string } } }>(
      '{ instruments(first: 2, orderBy: { field: NAME }) { pageInfo { endCursor } } }',
    );
    const result = await gatewayQuery('query ($after: String) { instruments(after: $after) { totalCount } }', {
      after: first.data?.instruments.pageInfo.endCursor,
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('a region', () => {
  it('has its instruments, platforms, enterprises and assessment statistics, batched for every region', async () => {
    const query = `{ regions { code name administers { code }
      instruments(first: 1) { totalCount } platforms(first: 1) { totalCount } enterprises(first: 1) { totalCount }
      assessmentStats(filter: { year: 2025 }) { count meanTotal } } }`;
    let result: Awaited<ReturnType<typeof gatewayQuery>> | undefined;
    const statements = await countStatements(async () => {
      result = await gatewayQuery(query);
    });
    expect(result?.errors).toBeUndefined();
    const { regions } = (result?.data ?? { regions: [] }) as {
      regions: {
        code: string;
        administers: { code: string }[];
        instruments: { totalCount: number };
        platforms: { totalCount: number };
        assessmentStats: { count: number }[];
      }[];
    };
    const guiyang = regions.find((region) => region.code === '520100');
    expect(guiyang?.administers).toEqual([{ code: 'GUIAN' }]);
    const instruments = (await visibleRows()).filter((row) => row.region_code === '520100').length;
    expect(guiyang?.instruments.totalCount).toBe(instruments);
    expect(regions.reduce((sum, region) => sum + (region.assessmentStats[0]?.count ?? 0), 0)).toBe(
      (await (await database('assessments')).table('assessment').where({ year: 2025 })).length,
    );
    // One statement a subgraph for ten regions (instruments: the page; platforms: the page; enterprises: regions and the page).
    expect(statements.instruments).toBe(1);
    expect(statements.platforms).toBe(1);
    expect(statements.assessments).toBe(1);
    expect(statements.enterprises).toBeLessThanOrEqual(2);
  });
});
