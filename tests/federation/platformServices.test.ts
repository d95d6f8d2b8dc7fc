/**
 * What a platform offers and what vouches for it, kept by its operators through the gateway:
 * services with prices, credentials with their validity, the record and its capabilities — each
 * found by the capability search at once, every bad input refused naming the field with nothing
 * stored, and nobody but the platform's operators and administrators able to change them.
 */
import { Role } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, gatewayQuery, token } from '../support/federation.ts';

const PLATFORM = 'plt-05';

let operator: string;
let otherOperator: string;
let admin: string;
const services: string[] = [];
const credentials: string[] = [];
const registered: string[] = [];

const SAVE_SERVICE = `mutation ($platformId: ID!, $id: ID, $version: Int, $input: ServiceInput!) {
  saveService(platformId: $platformId, id: $id, version: $version, input: $input) {
    id version name unit priceMinFen priceMaxFen leadTimeDays instruments { id } platform { id } } }`;
const SAVE_CREDENTIAL = `mutation ($platformId: ID!, $id: ID, $version: Int, $input: CredentialInput!) {
  saveCredential(platformId: $platformId, id: $id, version: $version, input: $input) { id kind number status version } }`;
const SEARCH = `query ($text: String, $filter: PlatformSearchFilter) {
  searchPlatforms(text: $text, filter: $filter, first: 50) { totalCount edges { node { id } } } }`;

function service(overrides: Record<string, unknown> = {}) {
  return {
    name: '高低温交变湿热试验（测试）',
    description: '-70℃～150℃，湿度20%～98%RH，适用于电子电器和汽车零部件',
    unit: 'HOUR',
    priceMinFen: 15_000,
    priceMaxFen: 30_000,
    leadTimeDays: 5,
    instrumentIds: ['ins-001'],
    ...overrides,
  };
}

function credential(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'CNAS',
    number: `CNAS L${Date.now() % 100_000}`,
    issuer: '中国合格评定国家认可委员会',
    scope: '环境可靠性试验：高低温、湿热、温度冲击（测试）',
    validFrom: '2024-01-01',
    validUntil: '2029-12-31',
    ...overrides,
  };
}

async function rows(table: string, platformId = PLATFORM): Promise<number> {
  const db = await database('platforms');
  const [row] = (await db.table(table).where({ platform_id: platformId }).count({ count: '*' })) as {
    count: string | number;
  }[];
  return Number(row?.count ?? 0);
}

beforeAll(async () => {
  operator = await token({ role: Role.PLATFORM_OPERATOR, sub: 'operator-05', platformIds: [PLATFORM] });
  otherOperator = await token({ role: Role.PLATFORM_OPERATOR, sub: 'operator-01', platformIds: ['plt-01'] });
  admin = await token({ role: Role.ADMIN, sub: 'department' });
});

afterAll(async () => {
  const db = await database('platforms');
  await db
    .table('change_history')
    .whereIn('record_id', [...services, ...credentials, ...registered, PLATFORM])
    .del();
  await db.table('service').whereIn('id', services).del();
  await db.table('credential').whereIn('id', credentials).del();
  await db.table('platform').whereIn('id', registered).del();
});

describe('a platform’s services', () => {
  it('are added and changed by its operators, and found by the search at once', async () => {
    const added = await gatewayQuery<{ saveService: { id: string; version: number; instruments: { id: string }[] } }>(
      SAVE_SERVICE,
      { platformId: PLATFORM, input: service() },
      { bearer: operator },
    );
    expect(added.errors).toBeUndefined();
    const saved = added.data?.saveService as { id: string; version: number };
    services.push(saved.id);
    expect(added.data?.saveService).toMatchObject({ version: 1, instruments: [{ id: 'ins-001' }] });
    const found = await gatewayQuery<{ searchPlatforms: { edges: { node: { id: string } }[] } }>(SEARCH, {
      text: '交变湿热',
    });
    expect(found.data?.searchPlatforms.edges.map((edge) => edge.node.id)).toContain(PLATFORM);

    const changed = await gatewayQuery<{ saveService: { version: number; priceMaxFen: number } }>(
      SAVE_SERVICE,
      { platformId: PLATFORM, id: saved.id, version: 1, input: service({ priceMaxFen: 40_000 }) },
      { bearer: operator },
    );
    expect(changed.data?.saveService).toMatchObject({ version: 2, priceMaxFen: 40_000 });
    const stale = await gatewayQuery(
      SAVE_SERVICE,
      { platformId: PLATFORM, id: saved.id, version: 1, input: service() },
      { bearer: operator },
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Facets: each platform has one kind, so the kind counts add up to the total; the region facet
    // ignores the region condition, so choosing another region shows what it would give.
    const FACETED = `query ($text: String, $filter: PlatformSearchFilter) { searchPlatforms(text: $text, filter: $filter) {
      totalCount facets { kind { count } region { region { code } count } industry { industry count } } } }`;
    const faceted = await gatewayQuery<{
      searchPlatforms: {
        totalCount: number;
        facets: { kind: { count: number }[]; region: { region: { code: string }; count: number }[] };
      };
    }>(FACETED, { text: '试验', filter: { regionCode: '520300' } });
    expect(faceted.errors).toBeUndefined();
    const { totalCount, facets } = faceted.data?.searchPlatforms ?? { totalCount: 0, facets: { kind: [], region: [] } };
    expect(totalCount).toBeGreaterThan(0);
    expect(facets.kind.reduce((sum, facet) => sum + facet.count, 0)).toBe(totalCount);
    expect(facets.region.find((facet) => facet.region.code === '520300')?.count).toBe(totalCount);
    expect(facets.region.length).toBeGreaterThan(1);
    const priced = await gatewayQuery<{ searchPlatforms: { edges: { node: { id: string } }[] } }>(SEARCH, {
      text: '交变湿热',
      filter: { servicePriceFen: { min: 35_000, max: 50_000 } },
    });
    expect(priced.data?.searchPlatforms.edges.map((edge) => edge.node.id)).toContain(PLATFORM);
  });

  it('refuses a negative price, a range upside down, a bad instrument id, and other platforms’ operators', async () => {
    const before = await rows('service');
    // A negative amount is no Fen at all: refused before the platform sees it, naming the field.
    const negative = await gatewayQuery(
      SAVE_SERVICE,
      { platformId: PLATFORM, input: service({ priceMinFen: -100 }) },
      { bearer: operator },
    );
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(negative.errors?.[0]?.message).toContain('priceMinFen');
    const cases: [Record<string, unknown>, string][] = [
      [{ priceMinFen: 50_000, priceMaxFen: 40_000 }, 'input.priceMinFen'],
      [{ leadTimeDays: 400 }, 'input.leadTimeDays'],
      [{ instrumentIds: ['instrument-1'] }, 'input.instrumentIds[0]'],
      [{ name: '  ' }, 'input.name'],
    ];
    for (const [overrides, field] of cases) {
      const answer = await gatewayQuery(
        SAVE_SERVICE,
        { platformId: PLATFORM, input: service({ name: `测试服务${field}`, ...overrides }) },
        { bearer: operator },
      );
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    for (const bearer of [otherOperator, undefined]) {
      const answer = await gatewayQuery(
        SAVE_SERVICE,
        { platformId: PLATFORM, input: service({ name: '越权服务' }) },
        bearer ? { bearer } : {},
      );
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await rows('service')).toBe(before);
  });
});

describe('a platform’s credentials', () => {
  it('show an expired one as EXPIRED, which does not make the platform accredited', async () => {
    const expired = await gatewayQuery<{ saveCredential: { id: string; status: string } }>(
      SAVE_CREDENTIAL,
      { platformId: PLATFORM, input: credential({ kind: 'CAL', validFrom: '2018-01-01', validUntil: '2023-12-31' }) },
      { bearer: operator },
    );
    expect(expired.errors).toBeUndefined();
    credentials.push(expired.data?.saveCredential.id as string);
    expect(expired.data?.saveCredential.status).toBe('EXPIRED');
    const accredited = await gatewayQuery<{ platform: { accredited: boolean } }>(
      `{ platform(id: "${PLATFORM}") { accredited(kind: CAL) } }`,
    );
    expect(accredited.data?.platform.accredited).toBe(false);
    const inForce = await gatewayQuery<{ saveCredential: { id: string; status: string } }>(
      SAVE_CREDENTIAL,
      { platformId: PLATFORM, input: credential({ kind: 'CAL', number: `CAL-${Date.now()}` }) },
      { bearer: operator },
    );
    credentials.push(inForce.data?.saveCredential.id as string);
    expect(inForce.data?.saveCredential.status).toBe('IN_FORCE');
    const now = await gatewayQuery<{ platform: { accredited: boolean } }>(
      `{ platform(id: "${PLATFORM}") { accredited(kind: CAL) } }`,
    );
    expect(now.data?.platform.accredited).toBe(true);
  });

  it('refuses validUntil before validFrom, an impossible date and a duplicate number, storing nothing', async () => {
    const before = await rows('credential');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ validFrom: '2025-06-01', validUntil: '2025-05-31' }, 'BAD_USER_INPUT', 'input.validUntil'],
      [{ validUntil: '2029-02-30' }, 'BAD_USER_INPUT', 'input.validUntil'],
      [{ scope: '' }, 'BAD_USER_INPUT', 'input.scope'],
    ];
    for (const [overrides, code, field] of cases) {
      const answer = await gatewayQuery(
        SAVE_CREDENTIAL,
        { platformId: PLATFORM, input: credential(overrides) },
        { bearer: operator },
      );
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    const number = `CNAS L9${Date.now() % 10_000}`;
    const first = await gatewayQuery<{ saveCredential: { id: string } }>(
      SAVE_CREDENTIAL,
      { platformId: PLATFORM, input: credential({ number }) },
      { bearer: operator },
    );
    credentials.push(first.data?.saveCredential.id as string);
    const duplicate = await gatewayQuery(
      SAVE_CREDENTIAL,
      { platformId: PLATFORM, input: credential({ number }) },
      { bearer: operator },
    );
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.number' });
    expect(await rows('credential')).toBe(before + 1);
  });
});

describe('the platform record', () => {
  it('is edited by its operators with its capabilities, versioned, and registered by administrators only', async () => {
    const read = await gatewayQuery<{ platform: { version: number } }>(`{ platform(id: "${PLATFORM}") { version } }`);
    const version = read.data?.platform.version as number;
    const UPDATE = `mutation ($id: ID!, $version: Int!, $input: PlatformPatch!) {
      updatePlatform(id: $id, version: $version, input: $input) { id version description capabilities { name tags } } }`;
    const patch = {
      description: '面向全省汽车、工程机械企业，提供材料与环境可靠性检测服务。（测试修改）',
      capabilities: [{ name: '环境可靠性试验', description: '高低温、湿热、盐雾', tags: ['环境试验', '盐雾试验'] }],
    };
    const edited = await gatewayQuery<{ updatePlatform: { version: number; capabilities: { tags: string[] }[] } }>(
      UPDATE,
      { id: PLATFORM, version, input: patch },
      { bearer: operator },
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data?.updatePlatform.version).toBe(version + 1);
    expect(edited.data?.updatePlatform.capabilities).toEqual([
      { name: '环境可靠性试验', tags: ['环境试验', '盐雾试验'] },
    ]);
    const stale = await gatewayQuery(UPDATE, { id: PLATFORM, version, input: patch }, { bearer: operator });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const foreign = await gatewayQuery(
      UPDATE,
      { id: PLATFORM, version: version + 1, input: patch },
      { bearer: otherOperator },
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const history = await gatewayQuery<{
      platform: { history: { edges: { node: { fields: { field: string }[] } }[] } };
    }>(`{ platform(id: "${PLATFORM}") { history { edges { node { fields { field } } } } } }`, {}, { bearer: operator });
    expect(history.data?.platform.history.edges.at(-1)?.node.fields.map((f) => f.field)).toEqual(['description']);

    const REGISTER = `mutation ($input: PlatformInput!) { registerPlatform(input: $input) { id version name region { code } } }`;
    const input = {
      name: '黔东南州装备制造公共服务平台（测试）',
      kind: 'TESTING_CERTIFICATION',
      regionCode: '522600',
      operatorId: 'ent-031',
      industriesServed: ['AUTOMOTIVE'],
    };
    const byOperator = await gatewayQuery(REGISTER, { input }, { bearer: operator });
    expect(byOperator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byAdmin = await gatewayQuery<{ registerPlatform: { id: string; version: number } }>(
      REGISTER,
      { input },
      { bearer: admin },
    );
    expect(byAdmin.errors).toBeUndefined();
    registered.push(byAdmin.data?.registerPlatform.id as string);
    expect(byAdmin.data?.registerPlatform.version).toBe(1);
    const twice = await gatewayQuery(REGISTER, { input }, { bearer: admin });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    const nowhere = await gatewayQuery(
      REGISTER,
      { input: { ...input, name: '无处平台', regionCode: '110000' } },
      { bearer: admin },
    );
    expect(nowhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
  });
});
