/**
 * The instrument record's life through the gateway, as its users live it: an owner files and
 * submits, an administrator publishes or rejects, the public searches; classified records stay
 * with their owner by every path; every bad input is refused naming its field, storing nothing.
 */
import { Role } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, gatewayQuery, subgraphQuery, token } from '../support/federation.ts';

const OWNER = 'ent-025'; // 遵义汽车零部件质量检测有限公司, Zunyi
const OTHER_OWNER = 'ent-024';
const ASSET_PREFIX = 'T-LIFE-';

let ownerUser: string;
let otherUser: string;
let admin: string;
let partner: string;

const FIELDS = 'id version reviewStatus rejectionReason classified publishedAt instrumentClass { code name }';
const CREATE = `mutation ($ownerId: ID, $input: InstrumentRecordInput!) {
  createInstrument(ownerId: $ownerId, input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: InstrumentRecordPatch!) {
  updateInstrument(id: $id, version: $version, input: $input) { ${FIELDS} name } }`;
const SUBMIT = `mutation ($id: ID!, $version: Int!) { submitInstrument(id: $id, version: $version) { ${FIELDS} } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishInstrument(id: $id, version: $version) { ${FIELDS} } }`;
const REJECT = `mutation ($id: ID!, $version: Int!, $reason: String!) {
  rejectInstrument(id: $id, version: $version, reason: $reason) { ${FIELDS} } }`;
const SEARCH = `query ($text: String, $filter: InstrumentFilter, $first: Int, $after: String, $orderBy: InstrumentSearchOrder) {
  searchInstruments(text: $text, filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    edges { cursor relevance node { id name region { code name } } }
    pageInfo { hasNextPage endCursor }
    facets {
      classMajor { instrumentClass { code name } count }
      industry { industry count }
      region { region { code name } count }
      sharingMode { sharingMode count }
      ownerType { ownerType count }
    }
  } }`;

interface Filed {
  id: string;
  version: number;
  reviewStatus: string;
  rejectionReason: string | null;
  classified: boolean;
  publishedAt: string | null;
  instrumentClass: { code: string; name: string };
}

interface SearchAnswer {
  searchInstruments: {
    totalCount: number;
    edges: { cursor: string; relevance: number | null; node: { id: string; name: string; region: { code: string } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    facets: Record<string, { count: number; [key: string]: unknown }[]>;
  };
}

let assetCounter = 0;
function saltSprayChamber(overrides: Record<string, unknown> = {}) {
  assetCounter += 1;
  return {
    assetNumber: `${ASSET_PREFIX}${assetCounter}`,
    name: '中性盐雾试验箱',
    nameEn: 'Neutral salt spray test chamber',
    classCode: '100203',
    source: 'PURCHASED',
    originalValue: 36.5,
    country: '中国',
    manufacturer: '上海林频仪器股份有限公司',
    model: 'LRHS-1000-YW',
    startOfUse: '2023-06-01',
    purpose: 'GENERAL',
    technicalIndicators: '试验温度35±1 ℃；盐雾沉降量1～2 mL/80 cm²·h；工作室容积1000 L。',
    mainFunctions: '用于金属镀层和涂层的中性盐雾试验、醋酸盐雾试验，评价汽车零部件的耐腐蚀性能。',
    disciplines: ['材料科学'],
    feeText: '按小时收费，80元/小时',
    sharingMode: 'EXTERNAL',
    regionCode: '520300',
    industries: ['AUTOMOTIVE'],
    ...overrides,
  };
}

async function mutate<T = Filed>(query: string, variables: Record<string, unknown>, bearer: string) {
  const result = await gatewayQuery<Record<string, T>>(query, variables, { bearer });
  const value = result.data ? Object.values(result.data)[0] : undefined;
  return { value, errors: result.errors };
}

async function file(input: Record<string, unknown>, bearer = ownerUser, ownerId?: string): Promise<Filed> {
  const { value, errors } = await mutate(CREATE, { input, ...(ownerId ? { ownerId } : {}) }, bearer);
  expect(errors).toBeUndefined();
  return value as Filed;
}

async function search(variables: Record<string, unknown>, bearer?: string) {
  const result = await gatewayQuery<SearchAnswer>(SEARCH, variables, bearer ? { bearer } : {});
  expect(result.errors).toBeUndefined();
  return result.data?.searchInstruments as SearchAnswer['searchInstruments'];
}

/** What the database holds for the test's records: rows and history entries. */
async function stored(): Promise<{ rows: number; history: number }> {
  const db = await database('instruments');
  const ids = (await db.table('instrument').whereLike('asset_number', `${ASSET_PREFIX}%`).select('id')).map(
    (row) => (row as { id: string }).id,
  );
  const [history] = (await db
    .table('change_history')
    .where('entity', 'Instrument')
    .whereIn('record_id', ids)
    .count({ count: '*' })) as { count: string | number }[];
  return { rows: ids.length, history: Number(history?.count ?? 0) };
}

beforeAll(async () => {
  ownerUser = await token({ role: Role.ENTERPRISE_USER, sub: 'zunyi-lab', enterpriseId: OWNER });
  otherUser = await token({ role: Role.ENTERPRISE_USER, sub: 'other-lab', enterpriseId: OTHER_OWNER });
  admin = await token({ role: Role.ADMIN, sub: 'reviewer' });
  partner = await token({ role: Role.PARTNER, sub: 'prefecture-platform' });
});

afterAll(async () => {
  const db = await database('instruments');
  const ids = (await db.table('instrument').whereLike('asset_number', `${ASSET_PREFIX}%`).select('id')).map(
    (row) => (row as { id: string }).id,
  );
  await db.table('change_history').where('entity', 'Instrument').whereIn('record_id', ids).del();
  await db.table('instrument').whereIn('id', ids).del();
});

describe('an instrument from filing to the public catalogue', () => {
  it('is filed by its owner, submitted, published by an administrator, then found by an SME', async () => {
    const draft = await file(saltSprayChamber());
    expect(draft).toMatchObject({
      version: 1,
      reviewStatus: 'DRAFT',
      classified: false,
      instrumentClass: { code: '100203', name: '盐雾腐蚀试验箱' },
    });
    const zunyiSaltSpray = { text: '盐雾试验', filter: { regionCode: '520300' } };
    const ids = async () => (await search(zunyiSaltSpray)).edges.map((edge) => edge.node.id);
    expect(await ids()).not.toContain(draft.id);

    const submitted = (await mutate(SUBMIT, { id: draft.id, version: 1 }, ownerUser)).value as Filed;
    expect(submitted).toMatchObject({ version: 2, reviewStatus: 'SUBMITTED' });
    expect(await ids()).not.toContain(draft.id);
    // Only administrators publish.
    const selfPublished = await mutate(PUBLISH, { id: draft.id, version: 2 }, ownerUser);
    expect(selfPublished.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const published = (await mutate(PUBLISH, { id: draft.id, version: 2 }, admin)).value as Filed;
    expect(published).toMatchObject({ version: 3, reviewStatus: 'PUBLISHED' });
    expect(published.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const found = await search(zunyiSaltSpray);
    expect(found.edges[0]?.node).toMatchObject({ id: draft.id, name: '中性盐雾试验箱', region: { code: '520300' } });
    expect(found.edges[0]?.relevance).toBeGreaterThan(0);
    // Facets: each counted under the other conditions, so other regions' salt-spray chambers show.
    expect(found.facets.region).toContainEqual(
      expect.objectContaining({
        region: expect.objectContaining({ code: '520300', name: '遵义市' }),
        count: found.totalCount,
      }),
    );
    expect(found.facets.classMajor).toContainEqual(
      expect.objectContaining({ instrumentClass: expect.objectContaining({ code: '10' }) }),
    );
    expect(found.facets.industry).toContainEqual({ industry: 'AUTOMOTIVE', count: expect.any(Number) });
    expect(found.facets.ownerType.length).toBeGreaterThan(0);
  });

  it('finds the scanning electron microscopes first for 扫描电镜, which is no substring of their name', async () => {
    const db = await database('instruments');
    const microscopes = (await db
      .table('instrument')
      .where({ name: '扫描电子显微镜', review_status: 'PUBLISHED', classified: false })
      .whereNot('sharing_mode', 'NOT_SHARED')
      .select('id')) as { id: string }[];
    expect(microscopes.length).toBeGreaterThan(0);
    const found = await search({ text: '扫描电镜' });
    const top = found.edges.slice(0, microscopes.length).map((edge) => edge.node.id);
    expect(top.sort()).toEqual(microscopes.map((row) => row.id).sort());
    // A typo still finds them.
    const typo = await search({ text: '扫描电子显微境' });
    expect(typo.edges[0]?.node.name).toBe('扫描电子显微镜');
  });

  it('pages through any order with cursors that neither skip nor repeat', async () => {
    const whole = await search({ text: '试验', first: 100, orderBy: { field: 'ORIGINAL_VALUE', direction: 'DESC' } });
    expect(whole.totalCount).toBeGreaterThan(5);
    for (const field of ['RELEVANCE', 'ORIGINAL_VALUE', 'NAME', 'NEWEST']) {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page = await search({ text: '试验', first: 4, after, orderBy: { field, direction: 'DESC' } });
        seen.push(...page.edges.map((edge) => edge.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(new Set(seen).size, field).toBe(seen.length);
      expect(seen.length, field).toBe(whole.totalCount);
    }
    const relevance = (await search({ text: '试验', first: 100 })).edges.map((edge) => edge.relevance as number);
    expect(relevance).toEqual([...relevance].sort((a, b) => b - a));
  });

  it('keeps a rejected instrument hidden, and tells its owner why', async () => {
    const draft = await file(saltSprayChamber({ name: '循环盐雾试验箱' }));
    await mutate(SUBMIT, { id: draft.id, version: 1 }, ownerUser);
    const reason = '原值与资产台账不符，请核对后重新提交';
    const rejected = (await mutate(REJECT, { id: draft.id, version: 2, reason }, admin)).value as Filed;
    expect(rejected).toMatchObject({ reviewStatus: 'REJECTED', rejectionReason: reason });

    const read = `{ instrument(id: "${draft.id}") { reviewStatus rejectionReason } }`;
    expect((await gatewayQuery(read)).data?.instrument).toBeNull();
    expect((await gatewayQuery(read, {}, { bearer: otherUser })).data?.instrument).toBeNull();
    expect((await gatewayQuery(read, {}, { bearer: ownerUser })).data?.instrument).toEqual({
      reviewStatus: 'REJECTED',
      rejectionReason: reason,
    });
    expect((await search({ text: '循环盐雾' })).edges).toHaveLength(0);

    // Edited, it is a draft again and the reason is gone.
    const edited = (await mutate(UPDATE, { id: draft.id, version: 3, input: { originalValue: 38.2 } }, ownerUser))
      .value as Filed;
    expect(edited).toMatchObject({ reviewStatus: 'DRAFT', rejectionReason: null, version: 4 });
  });

  interface RemovalPage {
    edges: { node: { recordId: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  }

  it('sends a published record back to review when its record fields change, and keeps the history', async () => {
    const draft = await file(saltSprayChamber({ name: '交变盐雾试验箱' }));
    await mutate(SUBMIT, { id: draft.id, version: 1 }, ownerUser);
    await mutate(PUBLISH, { id: draft.id, version: 2 }, admin);
    const since = new Date(Date.now() - 1000).toISOString();
    const edited = (await mutate(UPDATE, { id: draft.id, version: 3, input: { model: 'LRHS-1200' } }, ownerUser))
      .value as Filed;
    expect(edited.reviewStatus).toBe('SUBMITTED');
    // To a partner mirroring the public catalogue, it has left: a tombstone says so. Other files'
    // removals may share the window, so the partner reads every page of it, as a mirror would.
    const removed: string[] = [];
    let after: string | null = null;
    do {
      const page: { data?: { instrumentRemovals: RemovalPage } | null } = await gatewayQuery<{
        instrumentRemovals: RemovalPage;
      }>(
        'query ($since: String!, $after: String) { instrumentRemovals(since: $since, first: 500, after: $after) { edges { node { recordId } } pageInfo { hasNextPage endCursor } } }',
        { since, after },
        { bearer: partner },
      );
      const removals = page.data?.instrumentRemovals;
      removed.push(...(removals?.edges.map((edge) => edge.node.recordId) ?? []));
      after = removals?.pageInfo.hasNextPage ? removals.pageInfo.endCursor : null;
    } while (after);
    expect(removed).toContain(draft.id);
    const unchanged = (await mutate(UPDATE, { id: draft.id, version: 4, input: { model: 'LRHS-1200' } }, ownerUser))
      .value as Filed;
    expect(unchanged.version).toBe(4);
    const history = await gatewayQuery<{
      instrument: { history: { edges: { node: { version: number; fields: { field: string }[] } }[] } };
    }>(
      `{ instrument(id: "${draft.id}") { history(first: 10) { edges { node { version fields { field } } } } } }`,
      {},
      { bearer: ownerUser },
    );
    const versions = history.data?.instrument.history.edges.map((edge) => edge.node.version);
    expect(versions).toEqual([1, 2, 3, 4]);
    const last = history.data?.instrument.history.edges.at(-1)?.node.fields.map((f) => f.field);
    expect(last?.sort()).toEqual(['model', 'reviewStatus']);
  });
});

describe('a classified (涉密) instrument', () => {
  let classifiedId: string;
  const platformId = 'plt-01';

  beforeAll(async () => {
    const filed = await file(
      saltSprayChamber({
        name: '涉密盐雾试验箱',
        classified: true,
        sharingMode: 'NOT_SHARED',
        regionCode: '520300',
        platformId,
      }),
    );
    classifiedId = filed.id;
  });

  const viewers = () => ({ public: undefined, admin, otherUser, partner });

  it('is seen by its owner’s users, in lists, search, facets, totals and statistics', async () => {
    expect(
      (await gatewayQuery(`{ instrument(id: "${classifiedId}") { classified } }`, {}, { bearer: ownerUser })).data,
    ).toEqual({ instrument: { classified: true } });
    const found = await search({ text: '涉密盐雾', filter: { regionCode: '520300' } }, ownerUser);
    expect(found.edges.map((edge) => edge.node.id)).toContain(classifiedId);
  });

  it('is seen by no one else: not by id, list, search, facet, total, statistic, child list or _entities', async () => {
    for (const [who, bearer] of Object.entries(viewers())) {
      const options = bearer ? { bearer } : {};
      const byId = await gatewayQuery(`{ instrument(id: "${classifiedId}") { id } }`, {}, options);
      expect(byId.data?.instrument, who).toBeNull();

      const owned = await gatewayQuery<{
        enterprise: { instruments: { totalCount: number; edges: { node: { id: string } }[] } };
        platform: { instruments: { totalCount: number; edges: { node: { id: string } }[] } };
        instruments: { totalCount: number; edges: { node: { id: string } }[] };
        instrumentStats: { count: number }[];
      }>(
        `{ enterprise(id: "${OWNER}") { instruments(first: 500) { totalCount edges { node { id } } } }
           platform(id: "${platformId}") { instruments(first: 500) { totalCount edges { node { id } } } }
           instruments(first: 500, filter: { ownerId: "${OWNER}" }) { totalCount edges { node { id } } }
           instrumentStats(filter: { ownerId: "${OWNER}", classCode: "100203" }) { count } }`,
        {},
        options,
      );
      expect(owned.errors, who).toBeUndefined();
      const data = owned.data as NonNullable<typeof owned.data>;
      for (const list of [data.enterprise.instruments, data.platform.instruments, data.instruments]) {
        expect(
          list.edges.map((edge) => edge.node.id),
          who,
        ).not.toContain(classifiedId);
        expect(list.totalCount, who).toBe(list.edges.length);
      }

      const found = await search({ text: '涉密盐雾', filter: { regionCode: '520300' } }, bearer);
      expect(
        found.edges.map((edge) => edge.node.id),
        who,
      ).not.toContain(classifiedId);
      const everything = await search({ filter: { ownerId: OWNER, classCode: '100203' }, first: 100 }, bearer);
      // The sharing-mode facet is not narrowed by a condition of its own: it adds up to the total.
      const counted = everything.facets.sharingMode.reduce((sum, facet) => sum + facet.count, 0);
      expect(counted, who).toBe(everything.totalCount);
      expect(
        everything.edges.map((edge) => edge.node.id),
        who,
      ).not.toContain(classifiedId);
      expect(
        data.instrumentStats.reduce((sum, row) => sum + row.count, 0),
        who,
      ).toBe(everything.totalCount);
    }

    const entities = await subgraphQuery<{ _entities: unknown[] }>(
      'instruments',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Instrument { id } } }',
      { r: [{ __typename: 'Instrument', id: classifiedId }] },
      { claims: { userId: 'reviewer', role: Role.ADMIN, enterpriseId: null, platformIds: [], scopes: [] } },
    );
    expect(entities.data?._entities).toEqual([null]);
    // Nor by the operators of the platform named in it.
    const operator = await token({ role: Role.PLATFORM_OPERATOR, sub: 'op', platformIds: [platformId] });
    const asOperator = await gatewayQuery(`{ instrument(id: "${classifiedId}") { id } }`, {}, { bearer: operator });
    expect(asOperator.data?.instrument).toBeNull();
  });

  it('cannot be submitted for publication, nor filed as shared', async () => {
    const submit = await mutate(SUBMIT, { id: classifiedId, version: 1 }, ownerUser);
    expect(submit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const shared = await mutate(CREATE, { input: saltSprayChamber({ classified: true }) }, ownerUser);
    expect(shared.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sharingMode' });
  });
});

describe('every bad input is refused, naming its field, and nothing is stored', () => {
  const cases: { case: string; input: Record<string, unknown>; field: string }[] = [
    { case: 'an unknown class code', input: { classCode: '990999' }, field: 'input.classCode' },
    { case: 'a class code that is not six digits', input: { classCode: '1002' }, field: 'input.classCode' },
    { case: 'a negative value', input: { originalValue: -3 }, field: 'input.originalValue' },
    { case: 'a value with three decimals', input: { originalValue: 1.234 }, field: 'input.originalValue' },
    { case: 'a start date in the future', input: { startOfUse: '2999-01-01' }, field: 'input.startOfUse' },
    { case: 'a start date that does not exist', input: { startOfUse: '2023-02-30' }, field: 'input.startOfUse' },
    { case: 'a name over 100 characters', input: { name: '盐'.repeat(101) }, field: 'input.name' },
    {
      case: 'indicators over 500 characters',
      input: { technicalIndicators: 'x'.repeat(501) },
      field: 'input.technicalIndicators',
    },
    { case: 'five disciplines', input: { disciplines: ['a', 'b', 'c', 'd', 'e'] }, field: 'input.disciplines' },
    { case: 'a blank name', input: { name: '   ' }, field: 'input.name' },
    { case: 'a region outside Guizhou', input: { regionCode: '110000' }, field: 'input.regionCode' },
    { case: 'a service URL that is not http(s)', input: { serviceUrl: 'ftp://lab' }, field: 'input.serviceUrl' },
  ];

  it.each(cases)('refuses $case', async ({ input, field }) => {
    const before = await stored();
    const { errors } = await mutate(CREATE, { input: saltSprayChamber(input) }, ownerUser);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errors?.[0]?.message).not.toMatch(/insert into|violates|constraint/i);
    expect(await stored()).toEqual(before);
  });

  it('names every bad field of one input at once', async () => {
    const { errors } = await mutate(
      CREATE,
      { input: saltSprayChamber({ originalValue: 0, startOfUse: '2999-01-01', classCode: 'abc' }) },
      ownerUser,
    );
    const problems = ((errors?.[0]?.extensions?.problems ?? []) as { field: string }[]).map((p) => p.field);
    expect(problems.sort()).toEqual(['input.classCode', 'input.originalValue', 'input.startOfUse']);
  });

  it("refuses another owner's instrument, a stale version, and filing for another unit", async () => {
    const mine = await file(saltSprayChamber());
    const before = await stored();
    const theirs = await mutate(UPDATE, { id: mine.id, version: 1, input: { model: 'X' } }, otherUser);
    // Not published, so to them it does not exist.
    expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await mutate(SUBMIT, { id: mine.id, version: 1 }, ownerUser);
    await mutate(PUBLISH, { id: mine.id, version: 2 }, admin);
    const published = await mutate(UPDATE, { id: mine.id, version: 3, input: { model: 'X' } }, otherUser);
    expect(published.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stale = await mutate(UPDATE, { id: mine.id, version: 2, input: { model: 'X' } }, ownerUser);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 3 });
    const forOthers = await mutate(CREATE, { ownerId: OTHER_OWNER, input: saltSprayChamber() }, ownerUser);
    expect(forOthers.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gatewayQuery(CREATE, { input: saltSprayChamber() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await stored();
    expect(after.rows).toBe(before.rows);
    expect(after.history).toBe(before.history + 2); // the submit and the publish
  });

  it('refuses a second record with the same asset number for one owner as a CONFLICT naming the key', async () => {
    const first = saltSprayChamber();
    await file(first);
    const before = await stored();
    const { errors } = await mutate(CREATE, { input: { ...first, name: '另一台' } }, ownerUser);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.assetNumber' });
    expect(errors?.[0]?.message).toContain(first.assetNumber);
    expect(await stored()).toEqual(before);
  });
});

describe("a partner's push", () => {
  const PUSH = `mutation ($records: [InstrumentPushInput!]!) { pushInstruments(records: $records) {
    added updated unchanged rejected results { index outcome instrumentId errors { field code message } } } }`;
  let creditCode: string;

  beforeAll(async () => {
    const owner = (await (await database('instruments')).table('owner').where({ id: OWNER }).first()) as {
      credit_code: string;
    };
    creditCode = owner.credit_code;
  });

  it('adds, updates, leaves unchanged and rejects, record by record, keyed by credit code and asset number', async () => {
    const record = saltSprayChamber();
    const first = await mutate<Record<string, unknown>>(
      PUSH,
      {
        records: [
          { ownerCreditCode: creditCode, record },
          { ownerCreditCode: creditCode, record: saltSprayChamber({ classCode: '999999' }) },
          { ownerCreditCode: '91520000000000000X', record: saltSprayChamber() },
        ],
      },
      partner,
    );
    expect(first.errors).toBeUndefined();
    expect(first.value).toMatchObject({ added: 1, rejected: 2 });
    const results = first.value?.results as { outcome: string; errors: { field: string }[] }[];
    expect(results[1]?.errors[0]?.field).toBe('record.classCode');
    expect(results[2]?.errors[0]?.field).toBe('ownerCreditCode');

    const again = await mutate<Record<string, unknown>>(
      PUSH,
      { records: [{ ownerCreditCode: creditCode, record }] },
      partner,
    );
    expect(again.value).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
    const changed = await mutate<Record<string, unknown>>(
      PUSH,
      { records: [{ ownerCreditCode: creditCode, record: { ...record, originalValue: 40 } }] },
      partner,
    );
    expect(changed.value).toMatchObject({ updated: 1 });
    const db = await database('instruments');
    const rows = await db.table('instrument').where({ owner_id: OWNER, asset_number: record.assetNumber });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ review_status: 'SUBMITTED', original_value: expect.anything() });
    expect(Number((rows[0] as { original_value: string }).original_value)).toBe(40);
  });

  it('stores one record when two pushes add the same key at once', async () => {
    const record = saltSprayChamber();
    const push = () =>
      mutate<Record<string, unknown>>(PUSH, { records: [{ ownerCreditCode: creditCode, record }] }, partner);
    const outcomes = await Promise.all([push(), push(), push()]);
    for (const outcome of outcomes) expect(outcome.errors).toBeUndefined();
    expect(outcomes.map((o) => o.value?.added).reduce((a, b) => Number(a) + Number(b), 0)).toBe(1);
    const rows = await (await database('instruments'))
      .table('instrument')
      .where({ owner_id: OWNER, asset_number: record.assetNumber });
    expect(rows).toHaveLength(1);
  });

  it('is for partners and administrators only, and at most 100 records at a time', async () => {
    const asOwner = await mutate(
      PUSH,
      { records: [{ ownerCreditCode: creditCode, record: saltSprayChamber() }] },
      ownerUser,
    );
    expect(asOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tooMany = Array.from({ length: 101 }, () => ({ ownerCreditCode: creditCode, record: saltSprayChamber() }));
    const refused = await mutate(PUSH, { records: tooMany }, partner);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records' });
  });
});

describe('concurrent edits on the database', () => {
  it('let one of two edits from the same version win; the other is a CONFLICT and stores nothing', async () => {
    const mine = await file(saltSprayChamber());
    const edit = (model: string) => mutate(UPDATE, { id: mine.id, version: 1, input: { model } }, ownerUser);
    const [a, b] = await Promise.all([edit('A-1'), edit('B-1')]);
    const codes = [a, b].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const row = (await (await database('instruments')).table('instrument').where({ id: mine.id }).first()) as {
      version: number;
      model: string;
    };
    expect(row.version).toBe(2);
    const winner = a.errors ? 'B-1' : 'A-1';
    expect(row.model).toBe(winner);
  });
});
