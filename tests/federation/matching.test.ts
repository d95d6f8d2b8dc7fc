/**
 * Supply and demand through the gateway, as a buyer lives it: post a demand for a five-axis
 * machining centre delivered to Guiyang, read the in-province suppliers ranked with every part of
 * the score, shortlist one, record the contract — and the department's in-province share moves.
 * Bad demands are refused naming the field; another buyer's draft and outcomes stay the buyer's.
 */
import { type Claims, Role } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, gatewayQuery, subgraphQuery, token } from '../support/federation.ts';

const BUYER = 'ent-008'; // 贵州筑星航空锻造有限公司, Guiyang
const OTHER_BUYER = 'ent-026';

let buyer: string;
let otherBuyer: string;
const created: string[] = [];
const products: string[] = [];

const POST = `mutation ($input: DemandInput!) { postDemand(input: $input) { id version status surveyedOn } }`;
const MATCHES = `query ($id: ID!) { demand(id: $id) {
  matches(first: 5, inProvinceOnly: true) {
    score inProvince
    product { id name maker { name inProvince region { name } } }
    factors { factor weight value points explanation } } } }`;
const SHORTLIST = `mutation ($demandId: ID!, $productId: ID!) {
  shortlistProduct(demandId: $demandId, productId: $productId) { id version status product { id } } }`;
const OUTCOME = `mutation ($candidateId: ID!, $version: Int!, $input: OutcomeInput!) {
  recordOutcome(candidateId: $candidateId, version: $version, input: $input) { id version status contractAmountFen contractDate } }`;
const SHARE = `{ demandStats(groupBy: [INDUSTRY, YEAR]) { industry year demands surveyedAmountFen contractedAmountFen inProvinceAmountFen inProvinceShare } }`;

interface ShareRow {
  industry: string;
  year: number;
  demands: number;
  surveyedAmountFen: number;
  contractedAmountFen: number;
  inProvinceAmountFen: number;
  inProvinceShare: number | null;
}

const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

function fiveAxisCentre(overrides: Record<string, unknown> = {}) {
  return {
    classCode: 'MT01',
    specification:
      '五轴联动加工中心，工作台直径不小于800 mm，主轴转速不低于18000 r/min，定位精度0.005 mm，用于航空结构件和锻件精加工',
    quantity: 2,
    budgetMinFen: 300_000_000,
    budgetMaxFen: 700_000_000,
    deadline: `${thisYear() + 1}-06-30`,
    deliveryRegionCode: '520100',
    procurementType: 'PUBLIC_TENDER',
    ...overrides,
  };
}

async function post(input: Record<string, unknown>, bearer = buyer) {
  const answer = await gatewayQuery<{ postDemand: { id: string; version: number; status: string } }>(
    POST,
    { input },
    { bearer },
  );
  if (answer.data?.postDemand) created.push(answer.data.postDemand.id);
  return answer;
}

async function share(): Promise<ShareRow | undefined> {
  const answer = await gatewayQuery<{ demandStats: ShareRow[] }>(SHARE);
  expect(answer.errors).toBeUndefined();
  return answer.data?.demandStats.find((row) => row.industry === 'AVIATION' && row.year === thisYear());
}

async function demandsOf(buyerId: string): Promise<number> {
  const [row] = (await (
    await database('enterprises')
  )
    .table('demand')
    .where({ buyer_id: buyerId })
    .count({ count: '*' })) as {
    count: string | number;
  }[];
  return Number(row?.count ?? 0);
}

const userOf = (enterpriseId: string): Claims => ({
  userId: `user-of-${enterpriseId}`,
  role: Role.ENTERPRISE_USER,
  enterpriseId,
  platformIds: [],
  scopes: [],
});

beforeAll(async () => {
  buyer = await token({ role: Role.ENTERPRISE_USER, sub: 'zhuxing-buyer', enterpriseId: BUYER });
  otherBuyer = await token({ role: Role.ENTERPRISE_USER, sub: 'other-buyer', enterpriseId: OTHER_BUYER });
});

afterAll(async () => {
  const db = await database('enterprises');
  await db.table('change_history').whereIn('record_id', products).del();
  await db.table('demand_candidate').whereIn('product_id', products).del();
  await db.table('product').whereIn('id', products).del();
  const candidates = (await db.table('demand_candidate').whereIn('demand_id', created).select('id')).map(
    (row) => (row as { id: string }).id,
  );
  await db
    .table('change_history')
    .whereIn('record_id', [...created, ...candidates])
    .del();
  await db.table('demand_candidate').whereIn('id', candidates).del();
  await db.table('demand').whereIn('id', created).del();
});

describe('a buyer finds in-province suppliers for a five-axis machining centre', () => {
  it('posts the demand, reads the ranked suppliers with each score explained, shortlists one, records the contract, and the share moves', async () => {
    const posted = await post(fiveAxisCentre());
    expect(posted.errors).toBeUndefined();
    const demand = posted.data?.postDemand as { id: string };
    expect(posted.data?.postDemand).toMatchObject({ status: 'PUBLISHED', version: 1, surveyedOn: today() });

    const ranked = await gatewayQuery<{
      demand: {
        matches: {
          score: number;
          inProvince: boolean;
          product: { id: string; maker: { inProvince: boolean } };
          factors: { factor: string; weight: number; value: number; points: number; explanation: string }[];
        }[];
      };
    }>(MATCHES, { id: demand.id }, { bearer: buyer });
    expect(ranked.errors).toBeUndefined();
    const matches = ranked.data?.demand.matches ?? [];
    expect(matches.length).toBeGreaterThan(0);
    for (const [i, match] of matches.entries()) {
      expect(match.inProvince).toBe(true);
      expect(match.product.maker.inProvince).toBe(true);
      expect(match.factors.map((f) => f.factor)).toEqual([
        'CLASS',
        'SPECIFICATION',
        'INDUSTRY',
        'LOCATION',
        'CAPACITY',
        'PRICE',
        'CERTIFICATIONS',
        'PAST_DEALS',
      ]);
      expect(match.factors.reduce((total, f) => total + f.weight, 0)).toBe(100);
      expect(match.score).toBeCloseTo(
        match.factors.reduce((total, f) => total + f.points, 0),
        1,
      );
      for (const factor of match.factors) {
        expect(factor.value).toBeGreaterThanOrEqual(0);
        expect(factor.value).toBeLessThanOrEqual(1);
        expect(factor.points).toBeCloseTo(factor.weight * factor.value, 2);
        expect(factor.explanation).not.toBe('');
      }
      if (i > 0) expect(match.score).toBeLessThanOrEqual(matches[i - 1]?.score ?? 100);
    }
    // The stored trigram sets score the specification as pg_trgm's similarity() of the texts does.
    const db = await database('enterprises');
    const similarities = await db.raw<{ id: string; similarity: number }>(
      `select id, similarity(lower(?), lower(name || ' ' || specification)) as similarity
         from "${db.schema}".product where id = any(?)`,
      [fiveAxisCentre().specification, matches.map((match) => match.product.id)],
    );
    expect(similarities).toHaveLength(matches.length);
    for (const { id, similarity } of similarities) {
      const factor = matches
        .find((match) => match.product.id === id)
        ?.factors.find((f) => f.factor === 'SPECIFICATION');
      expect(factor?.value).toBeCloseTo(similarity, 3);
    }
    expect(Math.max(...similarities.map((row) => row.similarity))).toBeGreaterThan(0.1);

    const best = matches[0];
    expect(best?.factors.find((f) => f.factor === 'CLASS')).toMatchObject({
      value: 1,
      explanation: 'the class asked for',
    });

    const before = await share();
    const shortlisted = await gatewayQuery<{ shortlistProduct: { id: string; version: number; status: string } }>(
      SHORTLIST,
      { demandId: demand.id, productId: best?.product.id },
      { bearer: buyer },
    );
    expect(shortlisted.data?.shortlistProduct).toMatchObject({ status: 'SHORTLISTED', version: 1 });
    const candidate = shortlisted.data?.shortlistProduct as { id: string; version: number };

    // Another buyer can neither record the outcome nor read it.
    const meddling = await gatewayQuery(
      OUTCOME,
      { candidateId: candidate.id, version: 1, input: { status: 'NO_DEAL', reason: '干扰' } },
      { bearer: otherBuyer },
    );
    expect(meddling.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const peek = await gatewayQuery<{ demand: { candidates: unknown } }>(
      `{ demand(id: "${demand.id}") { candidates { id } } }`,
      {},
      { bearer: otherBuyer },
    );
    expect(peek.data?.demand.candidates).toBeNull();

    const amount = 520_000_000;
    const contract = await gatewayQuery<{ recordOutcome: Record<string, unknown> }>(
      OUTCOME,
      {
        candidateId: candidate.id,
        version: candidate.version,
        input: { status: 'CONTRACT', contractAmountFen: amount, contractDate: today() },
      },
      { bearer: buyer },
    );
    expect(contract.errors).toBeUndefined();
    expect(contract.data?.recordOutcome).toMatchObject({
      status: 'CONTRACT',
      version: 2,
      contractAmountFen: amount,
      contractDate: today(),
    });

    const after = await share();
    expect((after?.demands ?? 0) - (before?.demands ?? 0)).toBe(0); // counted once it was posted
    expect((after?.inProvinceAmountFen ?? 0) - (before?.inProvinceAmountFen ?? 0)).toBe(amount);
    expect((after?.contractedAmountFen ?? 0) - (before?.contractedAmountFen ?? 0)).toBe(amount);
    expect(after?.inProvinceShare).toBeGreaterThan(before?.inProvinceShare ?? 0);

    const closed = await gatewayQuery<{ demand: { status: string; candidates: { status: string }[] } }>(
      `{ demand(id: "${demand.id}") { status candidates { status } } }`,
      {},
      { bearer: buyer },
    );
    expect(closed.data?.demand).toEqual({ status: 'CLOSED', candidates: [{ status: 'CONTRACT' }] });
  });
});

describe("a maker's products", () => {
  const SAVE = `mutation ($id: ID, $version: Int, $input: ProductInput!) {
    saveProduct(id: $id, version: $version, input: $input) { id version name priceMinFen maker { id } productClass { code } industry } }`;
  const centre = (overrides: Record<string, unknown> = {}) => ({
    name: '红枫 HF-5AX1000 五轴联动加工中心',
    classCode: 'MT01',
    specification:
      '五轴联动加工中心，工作台直径1000 mm，主轴转速20000 r/min，定位精度0.004 mm，适用于航空结构件和锻件精加工',
    priceMinFen: 260_000_000,
    priceMaxFen: 320_000_000,
    annualCapacity: 24,
    leadTimeDays: 150,
    certifications: ['ISO 9001:2015'],
    ...overrides,
  });

  it('are filed and edited by the maker’s users, and matched at once', async () => {
    const maker = await token({ role: Role.ENTERPRISE_USER, sub: 'hongfeng-sales', enterpriseId: 'ent-011' });
    const filed = await gatewayQuery<{ saveProduct: { id: string; version: number } }>(
      SAVE,
      { input: centre() },
      { bearer: maker },
    );
    expect(filed.errors).toBeUndefined();
    const product = filed.data?.saveProduct as { id: string; version: number };
    products.push(product.id);
    expect(filed.data?.saveProduct).toMatchObject({
      version: 1,
      maker: { id: 'ent-011' },
      productClass: { code: 'MT01' },
      industry: 'AVIATION',
    });

    const refusals: [Record<string, unknown>, string, string, string | undefined][] = [
      [{ id: product.id, version: 1, input: centre({ name: '改名' }) }, otherBuyer, 'FORBIDDEN', undefined],
      [
        { id: product.id, version: 1, input: centre({ priceMinFen: 400_000_000 }) },
        maker,
        'BAD_USER_INPUT',
        'input.priceMinFen',
      ],
      [
        { id: product.id, version: 1, input: centre({ annualCapacity: 0 }) },
        maker,
        'BAD_USER_INPUT',
        'input.annualCapacity',
      ],
      [{ id: product.id, version: 1, input: centre({ classCode: 'MT' }) }, maker, 'BAD_USER_INPUT', 'input.classCode'],
      [{ id: product.id, version: 9, input: centre() }, maker, 'CONFLICT', 'version'],
    ];
    for (const [variables, bearer, code, field] of refusals) {
      const answer = await gatewayQuery(SAVE, variables, { bearer });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    }
    const edited = await gatewayQuery<{ saveProduct: { version: number; priceMinFen: number } }>(
      SAVE,
      { id: product.id, version: 1, input: centre({ priceMinFen: 250_000_000 }) },
      { bearer: maker },
    );
    expect(edited.data?.saveProduct).toMatchObject({ version: 2, priceMinFen: 250_000_000 });

    const posted = await post(fiveAxisCentre({ specification: centre().specification }));
    const ranked = await gatewayQuery<{ demand: { matches: { product: { id: string } }[] } }>(
      MATCHES,
      { id: posted.data?.postDemand.id },
      { bearer: buyer },
    );
    expect(ranked.data?.demand.matches[0]?.product.id).toBe(product.id);
  });
});

describe('demand statistics for the department', () => {
  it('group by class, delivery region and quarter, and add up to the whole', async () => {
    const answer = await gatewayQuery<{
      all: { demands: number; surveyedAmountFen: number }[];
      grouped: {
        productClass: { code: string } | null;
        region: { code: string } | null;
        quarter: string | null;
        demands: number;
        surveyedAmountFen: number;
      }[];
    }>(`{ all: demandStats { demands surveyedAmountFen }
          grouped: demandStats(groupBy: [CLASS, REGION, QUARTER]) { productClass { code } region { code } quarter demands surveyedAmountFen } }`);
    expect(answer.errors).toBeUndefined();
    const [all] = answer.data?.all ?? [];
    const grouped = answer.data?.grouped ?? [];
    expect(grouped.length).toBeGreaterThan(10);
    expect(grouped.reduce((total, row) => total + row.demands, 0)).toBe(all?.demands);
    expect(grouped.reduce((total, row) => total + row.surveyedAmountFen, 0)).toBe(all?.surveyedAmountFen);
    for (const row of grouped) {
      expect(row.productClass?.code).toMatch(/^[A-Z]{2}\d{2}$/);
      expect(row.region?.code).toBeTruthy();
      expect(row.quarter).toMatch(/^20\d\d-Q[1-4]$/);
    }
    const tooMany = await gatewayQuery('{ demandStats(groupBy: [CLASS, REGION, QUARTER, YEAR]) { demands } }');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
  });
});

describe('bad demands and other buyers', () => {
  it('refuses a budget upside down, a deadline past, a quantity of zero, naming each field, and stores nothing', async () => {
    const before = await demandsOf(BUYER);
    const cases: [Record<string, unknown>, string][] = [
      [{ budgetMinFen: 800_000_000, budgetMaxFen: 700_000_000 }, 'input.budgetMinFen'],
      [{ deadline: '2025-01-31' }, 'input.deadline'],
      [{ quantity: 0 }, 'input.quantity'],
      [{ classCode: 'MT' }, 'input.classCode'],
      [{ classCode: 'ZZ99' }, 'input.classCode'],
      [{ deliveryRegionCode: '110000' }, 'input.deliveryRegionCode'],
      [{ buyerKind: 'MAJOR_PROJECT' }, 'input.projectName'],
      [{ deadline: '2027-02-30' }, 'input.deadline'],
    ];
    for (const [overrides, field] of cases) {
      const answer = await post(fiveAxisCentre(overrides));
      expect(answer.data?.postDemand ?? null).toBeNull();
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const negative = await post(fiveAxisCentre({ budgetMinFen: -1 }));
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await demandsOf(BUYER)).toBe(before);
  });

  it("keeps a buyer's draft and its outcomes from other buyers, by every path", async () => {
    const draft = await post(fiveAxisCentre({ publish: false }));
    const id = draft.data?.postDemand.id as string;
    expect(draft.data?.postDemand.status).toBe('DRAFT');
    const read = `{ demand(id: "${id}") { id status } }`;
    expect((await gatewayQuery(read, {}, { bearer: otherBuyer })).data).toEqual({ demand: null });
    expect((await gatewayQuery(read)).data).toEqual({ demand: null });
    expect((await gatewayQuery(read, {}, { bearer: buyer })).data).toEqual({ demand: { id, status: 'DRAFT' } });
    const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Demand { id } } }';
    const representations = [{ __typename: 'Demand', id }];
    expect(
      (await subgraphQuery('enterprises', entities, { r: representations }, { claims: userOf(OTHER_BUYER) })).data,
    ).toEqual({
      _entities: [null],
    });
    const shortlisting = await gatewayQuery(SHORTLIST, { demandId: id, productId: 'prd-0001' }, { bearer: otherBuyer });
    expect(shortlisting.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const ownDraft = await gatewayQuery(SHORTLIST, { demandId: id, productId: 'prd-0001' }, { bearer: buyer });
    expect(ownDraft.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('posts for your own unit only', async () => {
    const answer = await post(fiveAxisCentre({ buyerId: OTHER_BUYER }));
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gatewayQuery(POST, { input: fiveAxisCentre() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('matching events', () => {
  const RECORD = `mutation ($input: MatchingEventInput!) {
    recordMatchingEvent(input: $input) { id name heldOn region { code } industries participants { id } products { id }
      demands { id } deals { demand { id } product { id } contractAmountFen contractDate } dealAmountFen } }`;

  it('are recorded by administrators, with the deals that came of what was brought', async () => {
    const admin = await token({ role: Role.ADMIN, sub: 'department' });
    const db = await database('enterprises');
    // A contract of the demo data: its demand and product brought to an event held before it was signed.
    const contract = (await db
      .table('demand_candidate as c')
      .join('product as p', 'p.id', 'c.product_id')
      .where('c.status', 'CONTRACT')
      .orderBy('c.id')
      .first('c.demand_id', 'c.product_id', 'c.contract_amount_fen', 'c.contract_date', 'p.enterprise_id')) as {
      demand_id: string;
      product_id: string;
      contract_amount_fen: string | number;
      contract_date: Date | string;
      enterprise_id: string;
    };
    const input = {
      name: '2025年贵州省先进装备制造业产销对接会（测试）',
      heldOn: '2025-01-10',
      place: '贵阳国际生态会议中心',
      regionCode: '520100',
      industries: ['AVIATION', 'AUTOMOTIVE'],
      participantIds: [contract.enterprise_id, BUYER],
      demandIds: [contract.demand_id],
      productIds: [contract.product_id],
    };
    const recorded = await gatewayQuery<{ recordMatchingEvent: Record<string, unknown> & { id: string } }>(
      RECORD,
      { input },
      { bearer: admin },
    );
    expect(recorded.errors).toBeUndefined();
    const event = recorded.data?.recordMatchingEvent;
    try {
      expect(event).toMatchObject({
        heldOn: '2025-01-10',
        region: { code: '520100' },
        demands: [{ id: contract.demand_id }],
        products: [{ id: contract.product_id }],
        deals: [
          {
            demand: { id: contract.demand_id },
            product: { id: contract.product_id },
            contractAmountFen: Number(contract.contract_amount_fen),
          },
        ],
        dealAmountFen: Number(contract.contract_amount_fen),
      });
      const listed = await gatewayQuery<{ matchingEvents: { edges: { node: { id: string } }[] } }>(
        '{ matchingEvents(filter: { year: 2025, industry: AVIATION }) { totalCount edges { node { id } } } }',
      );
      expect(listed.data?.matchingEvents.edges.map((edge) => edge.node.id)).toContain(event?.id);

      const refusals: [Record<string, unknown>, string, string | undefined, string][] = [
        [input, buyer, undefined, 'FORBIDDEN'],
        [{ ...input, name: ' ' }, admin, 'input.name', 'BAD_USER_INPUT'],
        [{ ...input, heldOn: '2025-02-30' }, admin, 'input.heldOn', 'BAD_USER_INPUT'],
        [{ ...input, regionCode: '110000' }, admin, 'input.regionCode', 'BAD_USER_INPUT'],
        [{ ...input, participantIds: ['ent-nobody'] }, admin, 'input.participantIds', 'BAD_USER_INPUT'],
      ];
      const before = await db.table('matching_event').count({ count: '*' });
      for (const [variables, bearer, field, code] of refusals) {
        const answer = await gatewayQuery(RECORD, { input: variables }, { bearer });
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
      }
      expect(await db.table('matching_event').count({ count: '*' })).toEqual(before);
    } finally {
      await db.table('change_history').where({ record_id: event?.id }).del();
      await db.table('matching_event').where({ id: event?.id }).del();
    }
  });
});
