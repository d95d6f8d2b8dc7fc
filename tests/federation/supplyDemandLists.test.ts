/**
 * The survey as lists, through the gateway: makers' products and buyers' demands with the filters,
 * orders, pages and change polling every list of the graph has; a maker's products and a buyer's
 * demands under a page of enterprises in one statement; drafts listed to their buyer only; and a
 * buyer editing, publishing and closing a demand on the write path.
 */
import { Role } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, database, type GraphQLResponse, gatewayQuery, token } from '../support/federation.ts';

const BUYER = 'ent-008';
const OTHER_BUYER = 'ent-026';

let buyer: string;
let otherBuyer: string;
const created: string[] = [];

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const nextYear = () => Number(today().slice(0, 4)) + 1;

function demandInput(overrides: Record<string, unknown> = {}) {
  return {
    classCode: 'MT01',
    specification: '立式加工中心，工作台1000×500 mm，主轴转速12000 r/min，用于汽车零部件加工',
    quantity: 3,
    budgetMinFen: 90_000_000,
    budgetMaxFen: 150_000_000,
    deadline: `${nextYear()}-03-31`,
    deliveryRegionCode: '520300',
    procurementType: 'COMPETITIVE_NEGOTIATION',
    ...overrides,
  };
}

interface DemandNode {
  id: string;
  version: number;
  status: string;
  quantity: number;
  surveyedOn: string;
  updatedAt: string;
}

async function postDemand(overrides: Record<string, unknown> = {}): Promise<DemandNode> {
  const answer = await gatewayQuery<{ postDemand: DemandNode }>(
    'mutation ($input: DemandInput!) { postDemand(input: $input) { id version status quantity surveyedOn updatedAt } }',
    { input: demandInput(overrides) },
    { bearer: buyer },
  );
  expect(answer.errors).toBeUndefined();
  const demand = answer.data?.postDemand as DemandNode;
  created.push(demand.id);
  return demand;
}

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

beforeAll(async () => {
  buyer = await token({ role: Role.ENTERPRISE_USER, sub: 'lists-buyer', enterpriseId: BUYER });
  otherBuyer = await token({ role: Role.ENTERPRISE_USER, sub: 'lists-other-buyer', enterpriseId: OTHER_BUYER });
});

afterAll(async () => {
  const db = await database('enterprises');
  await db.table('change_history').whereIn('record_id', created).del();
  await db.table('demand').whereIn('id', created).del();
});

describe('makers’ products as a list', () => {
  interface ProductNode {
    id: string;
    name: string;
    specification: string;
    priceMinFen: number;
    priceMaxFen: number;
    productClass: { code: string };
    maker: { id: string; inProvince: boolean; region: { code: string } };
  }
  const PRODUCTS = `query ($filter: ProductFilter, $orderBy: ProductOrder, $first: Int, $after: String) {
    products(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id name specification priceMinFen priceMaxFen productClass { code } maker { id inProvince region { code } } } } } }`;

  it('filters by class group, the maker’s province and price, orders by price, and pages without gaps', async () => {
    const filter = { classCode: 'MT', inProvince: true, priceFen: { max: 500_000_000 } };
    const seen: ProductNode[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const answer: GraphQLResponse<{ products: Page<ProductNode> }> = await gatewayQuery<{
        products: Page<ProductNode>;
      }>(PRODUCTS, { filter, orderBy: { field: 'PRICE' }, first: 4, after });
      expect(answer.errors).toBeUndefined();
      const page = answer.data?.products as Page<ProductNode>;
      total = page.totalCount;
      seen.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length).toBe(total);
    expect(total).toBeGreaterThan(4);
    expect(new Set(seen.map((p) => p.id)).size).toBe(total);
    for (const [i, product] of seen.entries()) {
      expect(product.productClass.code.slice(0, 2)).toBe('MT');
      expect(product.maker.inProvince).toBe(true);
      expect(product.priceMinFen).toBeLessThanOrEqual(500_000_000);
      if (i > 0) expect(product.priceMinFen).toBeGreaterThanOrEqual(seen[i - 1]?.priceMinFen ?? 0);
    }
    const db = await database('enterprises');
    const [row] = (await db
      .table('product as p')
      .join('enterprise as e', 'e.id', 'p.enterprise_id')
      .whereLike('p.class_code', 'MT%')
      .where('e.in_province', true)
      .where('p.price_min_fen', '<=', 500_000_000)
      .count({ count: '*' })) as { count: string | number }[];
    expect(total).toBe(Number(row?.count));
  });

  it('finds text in the name or the specification, and the maker’s region with the areas it administers', async () => {
    const text = await gatewayQuery<{ products: Page<ProductNode> }>(PRODUCTS, {
      filter: { textContains: '五轴' },
      first: 50,
    });
    expect(text.errors).toBeUndefined();
    expect(text.data?.products.totalCount).toBeGreaterThan(0);
    for (const { node } of text.data?.products.edges ?? [])
      expect(`${node.name} ${node.specification}`).toContain('五轴');

    const guiyang = await gatewayQuery<{ products: Page<ProductNode> }>(PRODUCTS, {
      filter: { regionCode: '520100', includeAdministered: true },
      first: 500,
    });
    expect(guiyang.errors).toBeUndefined();
    const regions = new Set(guiyang.data?.products.edges.map((edge) => edge.node.maker.region.code));
    expect([...regions].every((code) => code === '520100' || code === 'GUIAN')).toBe(true);
  });

  it('lists each maker’s products under a page of enterprises in one statement', async () => {
    const QUERY = `{ enterprises(first: 100, filter: { inProvince: true }) { edges { node { id
      products(first: 2, orderBy: { field: NAME }, filter: { classCode: "MT" }) {
        totalCount edges { node { id maker { id } productClass { code } } } } } } } }`;
    type Makers = {
      enterprises: {
        edges: {
          node: { id: string; products: Page<{ id: string; maker: { id: string }; productClass: { code: string } }> };
        }[];
      };
    };
    let answer: GraphQLResponse<Makers> | undefined;
    const statements = await countStatements(async () => {
      answer = await gatewayQuery<Makers>(QUERY);
    });
    expect(answer?.errors).toBeUndefined();
    const nodes = answer?.data?.enterprises.edges.map((edge) => edge.node) ?? [];
    const makers = nodes.filter((node) => node.products.totalCount > 0);
    expect(makers.length).toBeGreaterThan(1);
    for (const node of nodes) {
      expect(node.products.edges.length).toBe(Math.min(2, node.products.totalCount));
      for (const { node: product } of node.products.edges) {
        expect(product.maker.id).toBe(node.id);
        expect(product.productClass.code).toMatch(/^MT/);
      }
    }
    // The page of enterprises, the class filter checked once, one statement for every maker's
    // products, then their classes and their makers: five, however many makers the page holds.
    expect(statements.enterprises).toBeLessThanOrEqual(5);
  });

  it('refuses an unknown class, an unknown region, a price range upside down, and a sync in another order', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ filter: { classCode: 'ZZ' } }, 'filter.classCode'],
      [{ filter: { regionCode: '110000' } }, 'filter.regionCode'],
      [{ filter: { priceFen: { min: 10, max: 5 } } }, 'filter.priceFen'],
      [{ filter: { updatedSince: '2025-01-01T00:00:00Z' }, orderBy: { field: 'NAME' } }, 'orderBy'],
    ];
    for (const [variables, field] of cases) {
      const answer = await gatewayQuery(PRODUCTS, variables);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('buyers’ demands as a list', () => {
  const DEMANDS = `query ($filter: DemandFilter, $orderBy: DemandOrder, $first: Int, $after: String) {
    demands(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id status deadline surveyedOn budgetMaxFen buyer { id } deliveryRegion { code } productClass { code } } } } }`;
  interface DemandRow {
    id: string;
    status: string;
    deadline: string;
    surveyedOn: string;
    budgetMaxFen: number;
    buyer: { id: string };
    deliveryRegion: { code: string };
  }

  it('lists drafts to their buyer only, by the list and under the buyer', async () => {
    const draft = await postDemand({ publish: false });
    const drafts = (bearer?: string) =>
      gatewayQuery<{ demands: Page<DemandRow> }>(
        DEMANDS,
        { filter: { status: 'DRAFT' }, first: 500 },
        bearer ? { bearer } : {},
      );
    const own = await drafts(buyer);
    expect(own.errors).toBeUndefined();
    expect(own.data?.demands.edges.map((edge) => edge.node.id)).toContain(draft.id);
    for (const edge of own.data?.demands.edges ?? []) expect(edge.node.buyer.id).toBe(BUYER);
    expect((await drafts(otherBuyer)).data?.demands.edges.map((edge) => edge.node.id)).not.toContain(draft.id);
    expect((await drafts()).data?.demands).toMatchObject({ totalCount: 0, edges: [] });

    const UNDER = `{ enterprise(id: "${BUYER}") { demands(filter: { status: DRAFT }, first: 50) { totalCount edges { node { id } } } } }`;
    const underOwn = await gatewayQuery<{ enterprise: { demands: Page<{ id: string }> } }>(
      UNDER,
      {},
      { bearer: buyer },
    );
    expect(underOwn.data?.enterprise.demands.edges.map((edge) => edge.node.id)).toContain(draft.id);
    const underOther = await gatewayQuery<{ enterprise: { demands: Page<{ id: string }> } }>(
      UNDER,
      {},
      { bearer: otherBuyer },
    );
    expect(underOther.data?.enterprise.demands).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('lists the open demands of a delivery prefecture with Gui’an, nearest deadline first', async () => {
    const answer = await gatewayQuery<{ demands: Page<DemandRow> }>(DEMANDS, {
      filter: { open: true, deliveryRegionCode: '520100', includeAdministered: true },
      orderBy: { field: 'DEADLINE' },
      first: 500,
    });
    expect(answer.errors).toBeUndefined();
    const rows = answer.data?.demands.edges.map((edge) => edge.node) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    for (const [i, row] of rows.entries()) {
      expect(row.status).toBe('PUBLISHED');
      expect(row.deadline >= today()).toBe(true);
      expect(['520100', 'GUIAN']).toContain(row.deliveryRegion.code);
      if (i > 0) expect(row.deadline >= (rows[i - 1]?.deadline ?? '')).toBe(true);
    }
  });

  it('filters by surveyed dates and budget, and tells a poller what changed', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const posted = await postDemand();
    const changed = await gatewayQuery<{ demands: Page<DemandRow> }>(DEMANDS, {
      filter: { updatedSince: since, surveyedOn: { from: today(), to: today() }, budgetFen: { min: 100_000_000 } },
      first: 100,
    });
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.demands.edges.map((edge) => edge.node.id)).toContain(posted.id);
    const beyond = await gatewayQuery<{ demands: Page<DemandRow> }>(DEMANDS, {
      filter: { updatedSince: since, budgetFen: { max: 80_000_000 } },
      first: 100,
    });
    expect(beyond.data?.demands.edges.map((edge) => edge.node.id)).not.toContain(posted.id);
  });

  it('refuses an unknown delivery region, class, impossible dates and an empty list, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ deliveryRegionCode: '110000' }, 'filter.deliveryRegionCode'],
      [{ deliveryRegionCodeIn: ['520100', 'XX'] }, 'filter.deliveryRegionCodeIn'],
      [{ classCode: 'MT99' }, 'filter.classCode'],
      [{ deadline: { from: '2026-05-01', to: '2026-04-01' } }, 'filter.deadline'],
      [{ surveyedOn: { from: '2026-13-01' } }, 'filter.surveyedOn.from'],
      [{ statusIn: [] }, 'filter.statusIn'],
      [{ budgetFen: { min: 5, max: 1 } }, 'filter.budgetFen'],
    ];
    for (const [filter, field] of cases) {
      const answer = await gatewayQuery(DEMANDS, { filter });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('a buyer edits, publishes and closes a demand', () => {
  const UPDATE = `mutation ($id: ID!, $version: Int!, $input: DemandInput!) {
    updateDemand(id: $id, version: $version, input: $input) { id version status quantity surveyedOn updatedAt } }`;
  const CLOSE = 'mutation ($id: ID!, $version: Int!) { closeDemand(id: $id, version: $version) { id version status } }';
  const HISTORY = (id: string) =>
    `{ demand(id: "${id}") { history { totalCount edges { node { version fields { field from to } } } } } }`;

  it('keeps a draft, then publishes it, with every change in its history', async () => {
    const draft = await postDemand({ publish: false });
    const edited = await gatewayQuery<{ updateDemand: DemandNode }>(
      UPDATE,
      { id: draft.id, version: 1, input: demandInput({ quantity: 5, publish: false }) },
      { bearer: buyer },
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data?.updateDemand).toMatchObject({ version: 2, status: 'DRAFT', quantity: 5 });
    const published = await gatewayQuery<{ updateDemand: DemandNode }>(
      UPDATE,
      { id: draft.id, version: 2, input: demandInput({ quantity: 5 }) },
      { bearer: buyer },
    );
    expect(published.data?.updateDemand).toMatchObject({ version: 3, status: 'PUBLISHED', surveyedOn: today() });

    const history = await gatewayQuery<{
      demand: { history: Page<{ version: number; fields: { field: string; from: string; to: string }[] }> };
    }>(HISTORY(draft.id), {}, { bearer: buyer });
    const versions = history.data?.demand.history.edges.map((edge) => edge.node) ?? [];
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(versions[1]?.fields).toEqual([{ field: 'quantity', from: '3', to: '5' }]);
    expect(versions[2]?.fields.map((f) => f.field)).toContain('status');
    const peek = await gatewayQuery<{ demand: { history: unknown } }>(HISTORY(draft.id), {}, { bearer: otherBuyer });
    expect(peek.data?.demand.history).toBeNull();
  });

  it('refuses a stale version, a bad field, unpublishing and another buyer, and stores nothing', async () => {
    const demand = await postDemand();
    const attempts: [Record<string, unknown>, string | undefined, string, string?][] = [
      [{ version: 2, input: demandInput() }, buyer, 'CONFLICT'],
      [{ version: 1, input: demandInput({ quantity: 0 }) }, buyer, 'BAD_USER_INPUT', 'input.quantity'],
      [{ version: 1, input: demandInput({ deadline: '2025-01-01' }) }, buyer, 'BAD_USER_INPUT', 'input.deadline'],
      [{ version: 1, input: demandInput({ publish: false }) }, buyer, 'BAD_USER_INPUT', 'input.publish'],
      [{ version: 1, input: demandInput({ buyerId: OTHER_BUYER }) }, buyer, 'BAD_USER_INPUT', 'input.buyerId'],
      [{ version: 1, input: demandInput() }, otherBuyer, 'FORBIDDEN'],
      [{ version: 1, input: demandInput() }, undefined, 'FORBIDDEN'],
    ];
    for (const [variables, bearer, code, field] of attempts) {
      const answer = await gatewayQuery(UPDATE, { id: demand.id, ...variables }, bearer ? { bearer } : {});
      expect(answer.errors?.[0]?.extensions?.code).toBe(code);
      if (field) expect(answer.errors?.[0]?.extensions?.field).toBe(field);
    }
    const db = await database('enterprises');
    expect(await db.table('demand').where({ id: demand.id }).first('version', 'quantity')).toEqual({
      version: 1,
      quantity: 3,
    });
    // Another buyer's draft is not even there for them.
    const draft = await postDemand({ publish: false });
    const hidden = await gatewayQuery(
      UPDATE,
      { id: draft.id, version: 1, input: demandInput() },
      { bearer: otherBuyer },
    );
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('closes a demand, which then takes no edit', async () => {
    const demand = await postDemand();
    const closed = await gatewayQuery<{ closeDemand: DemandNode }>(
      CLOSE,
      { id: demand.id, version: 1 },
      { bearer: buyer },
    );
    expect(closed.data?.closeDemand).toMatchObject({ status: 'CLOSED', version: 2 });
    const again = await gatewayQuery(CLOSE, { id: demand.id, version: 2 }, { bearer: buyer });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const edit = await gatewayQuery(UPDATE, { id: demand.id, version: 2, input: demandInput() }, { bearer: buyer });
    expect(edit.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
