/**
 * The enterprise registry as a writable source, through the gateway: partners push records by
 * credit code (the same code twice updates, never duplicates), an enterprise's users edit their
 * own record, and every bad record is refused naming its field, storing nothing.
 */
import { Role } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../subgraphs/enterprises/src/creditCode.ts';
import { database, gatewayQuery, token } from '../support/federation.ts';

/** Test records' organisation codes start so (characters 9–11), to find and remove them. */
const MARK = 'BKT';

/** A valid credit code: authority and kind, division, then the test's mark and a number. */
function creditCode(division: string, n: number, authority = '91'): string {
  const first17 = `${authority}${division}${MARK}${String(n).padStart(6, '0')}`;
  return `${first17}${checkCharacter(first17)}`;
}

let partner: string;
let admin: string;

const PUSH = `mutation ($records: [EnterpriseRecordInput!]!) {
  pushEnterprises(records: $records) {
    added updated unchanged rejected
    results { index creditCode outcome enterpriseId errors { field message code } }
  } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: EnterprisePatch!) {
  updateEnterprise(id: $id, version: $version, input: $input) {
    id version name scale certifications inProvince region { code } } }`;

interface PushSummary {
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  results: {
    index: number;
    creditCode: string;
    outcome: string;
    enterpriseId: string | null;
    errors: { field: string; message: string; code: string }[];
  }[];
}

function maker(code: string, overrides: Record<string, unknown> = {}) {
  return {
    creditCode: code,
    name: '遵义测试数控机床有限公司',
    type: 'MANUFACTURER',
    industries: ['AVIATION'],
    regionCode: '520300',
    foundedYear: 2012,
    scale: 'ABOVE_DESIGNATED_SIZE',
    certifications: ['ISO 9001:2015', 'AS9100D'],
    ...overrides,
  };
}

async function push(records: Record<string, unknown>[], bearer = partner): Promise<PushSummary> {
  const answer = await gatewayQuery<{ pushEnterprises: PushSummary }>(PUSH, { records }, { bearer });
  expect(answer.errors).toBeUndefined();
  return answer.data?.pushEnterprises as PushSummary;
}

async function stored(code: string) {
  const db = await database('enterprises');
  return (await db.table('enterprise').where({ credit_code: code }).select('id', 'name', 'version')) as {
    id: string;
    name: string;
    version: number;
  }[];
}

beforeAll(async () => {
  partner = await token({ role: Role.PARTNER, sub: 'industrial-cloud' });
  admin = await token({ role: Role.ADMIN, sub: 'registrar' });
});

afterAll(async () => {
  const db = await database('enterprises');
  const ids = (await db.table('enterprise').whereRaw('substr(credit_code, 9, 3) = ?', [MARK]).select('id')).map(
    (row) => (row as { id: string }).id,
  );
  await db.table('change_history').whereIn('record_id', ids).del();
  await db.table('enterprise').whereIn('id', ids).del();
});

describe('a partner pushes enterprises by credit code', () => {
  it('adds, then updates the same code, never duplicating, and reports each record', async () => {
    const code = creditCode('520302', 1);
    const first = await push([maker(code)]);
    expect(first).toMatchObject({ added: 1, updated: 0, unchanged: 0, rejected: 0 });
    const id = first.results[0]?.enterpriseId;
    expect(id).toMatch(/^ent-/);

    const again = await push([maker(code), maker(code.toLowerCase(), { name: '遵义测试精密数控机床有限公司' })]);
    expect(again.results.map((r) => [r.outcome, r.enterpriseId])).toEqual([
      ['UNCHANGED', id],
      ['UPDATED', id],
    ]);
    expect(await stored(code)).toEqual([{ id, name: '遵义测试精密数控机床有限公司', version: 2 }]);

    const read = await gatewayQuery<{ enterpriseByCreditCode: Record<string, unknown> }>(
      `{ enterpriseByCreditCode(creditCode: "${code}") { id inProvince scale certifications region { code } history { totalCount } } }`,
      {},
      { bearer: admin },
    );
    expect(read.data?.enterpriseByCreditCode).toEqual({
      id,
      inProvince: true,
      scale: 'ABOVE_DESIGNATED_SIZE',
      certifications: ['ISO 9001:2015', 'AS9100D'],
      region: { code: '520300' },
      history: { totalCount: 2 },
    });
  });

  it('flags a unit registered outside Guizhou, and files it', async () => {
    const shenzhen = creditCode('440300', 2);
    const answer = await push([maker(shenzhen, { name: '深圳测试机器人有限公司', regionCode: '520100' })]);
    expect(answer.added).toBe(1);
    const read = await gatewayQuery<{ enterpriseByCreditCode: { inProvince: boolean } }>(
      `{ enterpriseByCreditCode(creditCode: "${shenzhen}") { inProvince } }`,
    );
    expect(read.data?.enterpriseByCreditCode).toEqual({ inProvince: false });
    const outside = await gatewayQuery<{ enterprises: { edges: { node: { creditCode: string } }[] } }>(
      '{ enterprises(first: 500, filter: { inProvince: false }) { edges { node { creditCode } } } }',
    );
    const codes = outside.data?.enterprises.edges.map((edge) => edge.node.creditCode) ?? [];
    expect(codes).toContain(shenzhen);
    expect(codes.every((code) => !code.startsWith('52', 2))).toBe(true);
  });

  it('refuses bad records naming the field, stores none of them, and goes on with the rest', async () => {
    const good = creditCode('520103', 3);
    const wrongCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const records = [
      maker(wrongCheck),
      maker(creditCode('529900', 4)),
      maker(creditCode('520302', 5), { regionCode: '520100' }),
      maker(creditCode('520302', 6), { foundedYear: 1850 }),
      maker(creditCode('520302', 7), { name: '长'.repeat(101) }),
      maker(creditCode('520302', 8), { certifications: ['x'.repeat(101)] }),
      maker(creditCode('520302', 9), { regionCode: '110000' }),
      maker(good, { regionCode: '520100' }),
    ];
    const answer = await push(records);
    expect(answer).toMatchObject({ added: 1, rejected: 7 });
    expect(answer.results.slice(0, 7).map((r) => r.errors.map((e) => [e.field, e.code]))).toEqual([
      [['record.creditCode', 'BAD_USER_INPUT']],
      [['record.creditCode', 'BAD_USER_INPUT']],
      [['record.regionCode', 'BAD_USER_INPUT']],
      [['record.foundedYear', 'BAD_USER_INPUT']],
      [['record.name', 'BAD_USER_INPUT']],
      [['record.certifications[0]', 'BAD_USER_INPUT']],
      [['record.regionCode', 'BAD_USER_INPUT']],
    ]);
    expect(answer.results[0]?.errors[0]?.message).toContain('check character');
    expect(answer.results[1]?.errors[0]?.message).toContain('division 529900 is in no prefecture of Guizhou');
    expect(answer.results[2]?.errors[0]?.message).toContain('must be 520300');
    for (const record of records.slice(0, 7)) expect(await stored(record.creditCode as string)).toEqual([]);
  });

  it('is for partners and administrators only', async () => {
    const user = await token({ role: Role.ENTERPRISE_USER, sub: 'someone', enterpriseId: 'ent-025' });
    const answer = await gatewayQuery(PUSH, { records: [maker(creditCode('520302', 10))] }, { bearer: user });
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stored(creditCode('520302', 10))).toEqual([]);
  });
});

describe("an enterprise's users edit their own record", () => {
  it('changes what they send, keeps the history, and refuses others, stale versions and bad fields', async () => {
    const code = creditCode('520302', 20);
    const filed = await push([maker(code, { scale: null, certifications: [] })]);
    const id = filed.results[0]?.enterpriseId as string;
    const own = await token({ role: Role.ENTERPRISE_USER, sub: 'own-user', enterpriseId: id });
    const other = await token({ role: Role.ENTERPRISE_USER, sub: 'other-user', enterpriseId: 'ent-025' });

    const edited = await gatewayQuery<{ updateEnterprise: Record<string, unknown> }>(
      UPDATE,
      {
        id,
        version: 1,
        input: { scale: 'BELOW_DESIGNATED_SIZE', certifications: ['ISO 9001:2015', '国家高新技术企业'] },
      },
      { bearer: own },
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data?.updateEnterprise).toMatchObject({
      version: 2,
      scale: 'BELOW_DESIGNATED_SIZE',
      certifications: ['ISO 9001:2015', '国家高新技术企业'],
    });

    const refusals = [
      [{ id, version: 2, input: { name: '别人的名字' } }, other, 'FORBIDDEN', undefined],
      [{ id, version: 1, input: { name: '过期的修改' } }, own, 'CONFLICT', 'version'],
      [{ id, version: 2, input: { name: '  ' } }, own, 'BAD_USER_INPUT', 'input.name'],
      [{ id, version: 2, input: { regionCode: '520100' } }, own, 'BAD_USER_INPUT', 'input.regionCode'],
      [{ id, version: 2, input: { certifications: null } }, own, 'BAD_USER_INPUT', 'input.certifications'],
      [{ id, version: 2, input: { foundedYear: 2999 } }, own, 'BAD_USER_INPUT', 'input.foundedYear'],
    ] as const;
    for (const [variables, bearer, code_, field] of refusals) {
      const answer = await gatewayQuery(UPDATE, variables, { bearer });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: code_, ...(field ? { field } : {}) });
    }
    expect(await stored(code)).toEqual([{ id, name: '遵义测试数控机床有限公司', version: 2 }]);

    const history = `{ enterprise(id: "${id}") { history { edges { node { version role fields { field } } } } } }`;
    const mine = await gatewayQuery<{ enterprise: { history: { edges: { node: { version: number } }[] } } }>(
      history,
      {},
      { bearer: own },
    );
    expect(mine.data?.enterprise.history.edges.map((edge) => edge.node.version)).toEqual([1, 2]);
    const theirs = await gatewayQuery<{ enterprise: { history: null } }>(history, {}, { bearer: other });
    expect(theirs.data?.enterprise.history).toBeNull();
  });
});

describe('searching the registry', () => {
  const SEARCH = `query ($text: String, $filter: EnterpriseFilter) {
    searchEnterprises(text: $text, filter: $filter, first: 10) {
      totalCount
      edges { relevance node { id name creditCode } }
      facets { type { type count } region { region { code name } count } industry { industry count } scale { scale count } }
    } }`;
  interface Answer {
    searchEnterprises: {
      totalCount: number;
      edges: { relevance: number | null; node: { id: string; name: string; creditCode: string } }[];
      facets: Record<string, ({ count: number } & Record<string, unknown>)[]>;
    };
  }
  const search = async (variables: Record<string, unknown>) => {
    const answer = await gatewayQuery<Answer>(SEARCH, variables);
    expect(answer.errors).toBeUndefined();
    return answer.data?.searchEnterprises as Answer['searchEnterprises'];
  };

  it('finds a name by a fragment, a typo, or the start of a credit code, best match first', async () => {
    // A fragment only one name holds: '数控机床' would tie 红枫 with this file's 遵义测试数控机床, and ties go by id.
    const fragment = await search({ text: '枫数控机' });
    expect(fragment.edges[0]?.node.name).toBe('贵阳红枫数控机床股份有限公司');
    const typo = await search({ text: '红风数控机床股份有限公司' }); // 风 for 枫, a homophone
    expect(typo.edges.map((edge) => edge.node.name)).toContain('贵阳红枫数控机床股份有限公司');
    const code = await search({ text: '9152010264' });
    expect(code.edges[0]?.node).toMatchObject({ id: 'ent-011', creditCode: '9152010264HWWLQ2C6' });
    expect(code.edges[0]?.relevance).toBeGreaterThan(fragment.edges[0]?.relevance ?? 0);
  });

  it('counts each facet under every condition but its own', async () => {
    const all = await search({});
    const narrowed = await search({ filter: { regionCode: '520100', type: 'MANUFACTURER' } });
    const count = (
      facets: Answer['searchEnterprises']['facets'],
      facet: string,
      key: (f: Record<string, unknown>) => unknown,
      value: unknown,
    ) => facets[facet]?.find((f) => key(f) === value)?.count;
    // Guiyang's manufacturers; the type facet still shows Guiyang's other types, the region facet other regions' makers.
    expect(narrowed.totalCount).toBe(count(narrowed.facets, 'type', (f) => f.type, 'MANUFACTURER'));
    expect(count(narrowed.facets, 'type', (f) => f.type, 'UNIVERSITY')).toBeGreaterThan(0);
    expect(count(narrowed.facets, 'region', (f) => (f.region as { code: string }).code, '520300')).toBeGreaterThan(0);
    expect(narrowed.totalCount).toBeLessThan(all.totalCount);
    const sum = (facets: Answer['searchEnterprises']['facets'], facet: string) =>
      (facets[facet] ?? []).reduce((total, f) => total + f.count, 0);
    expect(sum(all.facets, 'type')).toBe(all.totalCount);
    expect(sum(all.facets, 'region')).toBe(all.totalCount);
    expect(sum(all.facets, 'scale')).toBe(all.totalCount);
  });

  it('refuses text over 100 characters', async () => {
    const answer = await gatewayQuery(SEARCH, { text: '机'.repeat(101) });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
  });
});
