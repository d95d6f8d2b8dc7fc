import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, database, gatewayQuery, insertable, statementsIn, token } from '../support/federation.ts';

const EXTRA_PREFIX = 'zz-load-';
const EXTRA = 420;

const INSTRUMENT_PAGE = `query ($first: Int!) {
  instruments(first: $first) {
    totalCount
    edges { node { name owner { name creditCode } platform { name latestAssessment { year grade } } } }
  }
}`;

const ENTERPRISE_PAGE = `query ($first: Int!) {
  enterprises(first: $first) {
    edges { node { name region { name }
      instruments(first: 3) { totalCount edges { node { name platform { name } } } }
      platforms { totalCount edges { node { name assessments { year grade } } } } } }
  }
}`;

const LIVE_ASSESSMENT_PAGE = `query ($first: Int!) {
  platforms(first: $first) {
    edges { node { name liveAssessment(year: 2025) { total grade indicators { indicator { code } value score } } } }
  }
}`;

async function pageSize(
  query: string,
  first: number,
  root: 'instruments' | 'enterprises' | 'platforms',
): Promise<number> {
  // A page of 500 enterprises with their lists is an analyst's export: over the public cost budget.
  const bearer = await token({ role: 'PARTNER' });
  const result = await gatewayQuery<Record<string, { edges: unknown[] }>>(query, { first }, { bearer });
  expect(result.errors).toBeUndefined();
  return result.data?.[root]?.edges.length ?? 0;
}

describe('statements per request do not grow with the page', () => {
  beforeAll(async () => {
    // The demo data has ~130 instruments: add enough to fill a page of 500.
    const db = await database('instruments');
    const template = insertable(
      await db?.table<Record<string, unknown>>('instrument').whereNotNull('platform_id').first(),
    );
    const owners = (await (await database('enterprises')).table<{ id: string }>('enterprise').select('id')) ?? [];
    const platforms = (await (await database('platforms')).table<{ id: string }>('platform').select('id')) ?? [];
    const rows = Array.from({ length: EXTRA }, (_, i) => ({
      ...template,
      id: `${EXTRA_PREFIX}${String(i).padStart(4, '0')}`,
      asset_number: `LOAD-${i}`,
      sharing_mode: 'EXTERNAL',
      owner_id: owners[i % owners.length]?.id,
      platform_id: platforms[i % platforms.length]?.id,
    }));
    for (let i = 0; i < rows.length; i += 100) await db?.table('instrument').insert(rows.slice(i, i + 100));
  });

  afterAll(async () => {
    await (await database('instruments')).table('instrument').whereLike('id', `${EXTRA_PREFIX}%`).del();
  });

  it('costs each subgraph the same for 500 instruments with owner, platform and grade as for 5', async () => {
    let small = 0;
    let large = 0;
    const forFive = await countStatements(async () => {
      small = await pageSize(INSTRUMENT_PAGE, 5, 'instruments');
    });
    const forFiveHundred = await countStatements(async () => {
      large = await pageSize(INSTRUMENT_PAGE, 500, 'instruments');
    });
    expect([small, large]).toEqual([5, 500]);
    expect(forFiveHundred).toEqual(forFive);
    // The page and its count in instruments, then one batched lookup in each other subgraph.
    expect(forFive).toEqual(statementsIn({ enterprises: 1, platforms: 1, instruments: 2, assessments: 1 }));
  });

  it('batches list fields under a page of parents (child pages, totals, nested entities)', async () => {
    let large = 0;
    const forTwo = await countStatements(() => pageSize(ENTERPRISE_PAGE, 2, 'enterprises'));
    const forAll = await countStatements(async () => {
      large = await pageSize(ENTERPRISE_PAGE, 500, 'enterprises');
    });
    expect(large).toBeGreaterThanOrEqual(60);
    expect(forAll).toEqual(forTwo);
  });

  it('scores a page of platforms live with the same statements as two, through @requires', async () => {
    let large = 0;
    const forTwo = await countStatements(() => pageSize(LIVE_ASSESSMENT_PAGE, 2, 'platforms'));
    const forTwenty = await countStatements(async () => {
      large = await pageSize(LIVE_ASSESSMENT_PAGE, 20, 'platforms');
    });
    expect(large).toBe(20);
    expect(forTwenty).toEqual(forTwo);
    // The figures come from the subgraphs that own them; the assessments subgraph reads only its scheme.
    expect(forTwo.instruments).toBeGreaterThan(0);
    expect(forTwo.assessments).toBeGreaterThan(0);
  });
});
