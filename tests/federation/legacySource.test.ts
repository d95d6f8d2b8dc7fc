/**
 * Adapter mode, proven differentially: the instruments the owned-tables federation holds are
 * converted to the legacy-lab shape (another system's tables: pinyin names, Chinese words, yuan,
 * YYYYMMDD text, Beijing local times) in a database of their own — PostgreSQL at
 * LEGACY_LAB_DATABASE_URL, else a second in-memory PGlite — and an instruments subgraph serves
 * them through the adapter's views behind a second gateway with the same other subgraphs. The
 * same queries through both gateways, by every kind of caller, must give the same answers. Then:
 * the legacy tables are as they were, the one write path lands in legacy columns and units,
 * stale versions are refused, and every other mutation answers SOURCE_READ_ONLY storing nothing.
 */
import { type RunningGateway, startGateway } from '@gzequip/gateway';
import { instruments } from '@gzequip/instruments';
import {
  type Claims,
  Database,
  databaseUrlFor,
  IDENTITY_HEADER,
  prepareDatabase,
  Role,
  type RunningServer,
  serveSubgraph,
  signIdentity,
} from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  legacyLabFixture,
  loadLegacyLabFixture,
  type OwnedInstrumentRow,
  type OwnedOwnerRow,
} from '../../subgraphs/instruments/src/adapters/legacyLab/fixture.ts';
import { LEGACY_SCHEMA } from '../../subgraphs/instruments/src/adapters/legacyLab/legacyTables.ts';
import { installLegacyLab } from '../../subgraphs/instruments/src/adapters/legacyLab/views.ts';
import {
  database,
  federation,
  type GraphQLResponse,
  gatewayConfig,
  gatewayQuery,
  post,
  SIGNING_SECRET,
  token,
} from '../support/federation.ts';

type Knex = Database['knex'];

/** The legacy database: its own PostgreSQL database when given, else an in-memory PGlite apart from the main one. */
const LEGACY_URL = process.env.LEGACY_LAB_DATABASE_URL || undefined;
const LEGACY_DATA_DIR = 'memory://legacy-lab';

let legacyTables: Database;
let adapterDb: Database;
let adapterServer: RunningServer;
let adapterGateway: RunningGateway;
let ownedRows: OwnedInstrumentRow[];
let definitionsBefore: LegacyDefinitions;
let definitionsAfter: LegacyDefinitions;

const bearers: Record<string, string | undefined> = { public: undefined };

/** A query through the gateway whose instruments source is the legacy database. */
async function adapterQuery<TData = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  bearer?: string,
): Promise<GraphQLResponse<TData>> {
  return post<TData>(adapterGateway.url, { query, variables }, bearer ? { authorization: `Bearer ${bearer}` } : {});
}

/** The same query through both gateways: both answer without errors, and the same. */
async function same<TData = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  bearer?: string,
): Promise<TData> {
  const [owned, adapted] = await Promise.all([
    gatewayQuery<TData>(query, variables, bearer ? { bearer } : {}),
    adapterQuery<TData>(query, variables, bearer),
  ]);
  expect(owned.errors).toBeUndefined();
  expect(adapted.errors).toBeUndefined();
  expect(adapted.data).toEqual(owned.data);
  return adapted.data as TData;
}

interface LegacyDefinitions {
  columns: unknown[];
  constraints: unknown[];
  indexes: unknown[];
  triggers: unknown[];
  rules: unknown[];
  comments: unknown[];
}

/** Everything that defines the legacy tables, as the catalogue tells it. */
async function legacyDefinitions(knex: Knex): Promise<LegacyDefinitions> {
  const rows = async (sql: string) => ((await knex.raw(sql, [LEGACY_SCHEMA])) as { rows: unknown[] }).rows;
  return {
    columns: await rows(
      `select table_name, column_name, ordinal_position, data_type, character_maximum_length, numeric_precision,
              numeric_scale, is_nullable, column_default
         from information_schema.columns where table_schema = ? order by table_name, ordinal_position`,
    ),
    constraints: await rows(
      `select c.conrelid::regclass::text as relation, c.conname, pg_get_constraintdef(c.oid) as definition
         from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = ? order by 1, 2`,
    ),
    indexes: await rows(`select tablename, indexname, indexdef from pg_indexes where schemaname = ? order by 1, 2`),
    triggers: await rows(
      `select c.relname, t.tgname, t.tgisinternal from pg_trigger t
         join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ? order by 1, 2`,
    ),
    rules: await rows(`select tablename, rulename from pg_rules where schemaname = ? order by 1, 2`),
    comments: await rows(
      `select c.relname, d.objsubid, d.description from pg_description d
         join pg_class c on c.oid = d.objoid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ? order by 1, 2`,
    ),
  };
}

/** A digest of every legacy table's rows: equal digests, equal contents. */
async function legacyContents(knex: Knex): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of ['t_dw_jbxx', 't_pt_jbxx', 't_yq_jbxx']) {
    const result = (await knex.raw(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${LEGACY_SCHEMA}.${table} t`,
    )) as { rows: { digest: string }[] };
    digests[table] = result.rows[0]?.digest ?? '';
  }
  return digests;
}

/** Rows the adapter keeps for itself: the graph's edits and tombstones. */
async function adapterBookkeeping(): Promise<{ history: number; removals: number }> {
  const [history] = (await adapterDb.table('change_history').count({ count: '*' })) as { count: string | number }[];
  const [removals] = (await adapterDb.table('removal').count({ count: '*' })) as { count: string | number }[];
  return { history: Number(history?.count ?? 0), removals: Number(removals?.count ?? 0) };
}

async function legacyRow(id: string): Promise<Record<string, unknown>> {
  return (await legacyTables.knex.withSchema(LEGACY_SCHEMA).table('t_yq_jbxx').where({ sjdjbm: id }).first()) as Record<
    string,
    unknown
  >;
}

/** In the public catalogue: published, shared outside its unit, not classified. */
function listed(row: OwnedInstrumentRow): boolean {
  return row.review_status === 'PUBLISHED' && row.sharing_mode === 'EXTERNAL' && !row.classified;
}

/** The first owned instrument matching `test`: the snapshot the legacy database was made from. */
function ownedInstrument(test: (row: OwnedInstrumentRow) => boolean): OwnedInstrumentRow {
  const found = ownedRows.find(test);
  if (!found) throw new Error('no instrument in the snapshot fits the test');
  return found;
}

beforeAll(async () => {
  const main = await federation();
  const owned = await database('instruments');
  ownedRows = (await owned.table<OwnedInstrumentRow>('instrument').orderBy('id')) as OwnedInstrumentRow[];
  const owners = (await owned.table<OwnedOwnerRow>('owner').orderBy('id')) as OwnedOwnerRow[];

  // A fresh legacy database holding what the owned tables hold now, in the legacy shape.
  legacyTables = await Database.open({ schema: instruments.name, url: LEGACY_URL, dataDir: LEGACY_DATA_DIR });
  await legacyTables.dropSchema();
  await loadLegacyLabFixture(legacyTables.knex, legacyLabFixture(ownedRows, owners), { replace: true });

  definitionsBefore = await legacyDefinitions(legacyTables.knex);
  const contentsBefore = await legacyContents(legacyTables.knex);
  adapterDb = await prepareDatabase(instruments, { url: LEGACY_URL, dataDir: LEGACY_DATA_DIR, adapter: 'legacy-lab' });
  definitionsAfter = await legacyDefinitions(legacyTables.knex);
  expect(await legacyContents(legacyTables.knex)).toEqual(contentsBefore);

  adapterServer = await serveSubgraph(instruments, { db: adapterDb, signingSecret: SIGNING_SECRET, port: 0 });
  adapterGateway = await startGateway(gatewayConfig(main.subgraphs, { instruments: adapterServer.url }));

  const notShared = ownedInstrument((row) => row.sharing_mode === 'NOT_SHARED');
  const hosted = ownedInstrument((row) => row.platform_id !== null);
  bearers.owner = await token({ role: Role.ENTERPRISE_USER, sub: 'legacy-owner', enterpriseId: notShared.owner_id });
  bearers.operator = await token({
    role: Role.PLATFORM_OPERATOR,
    sub: 'legacy-operator',
    enterpriseId: 'ent-001',
    platformIds: [hosted.platform_id as string],
  });
  bearers.assessor = await token({ role: Role.ASSESSOR, sub: 'legacy-assessor' });
  bearers.admin = await token({ role: Role.ADMIN, sub: 'legacy-admin' });
});

afterAll(async () => {
  await adapterGateway?.close();
  await adapterServer?.close();
  await adapterDb?.close();
  await legacyTables?.close();
});

const ROLES = ['public', 'owner', 'operator', 'assessor', 'admin'] as const;

const EVERY_FIELD = `id assetNumber name nameEn classCode instrumentClass { code name nameEn parentCode } source
  customsSupervised originalValue country manufacturer model startOfUse purpose technicalIndicators mainFunctions
  disciplines serviceContent sharingRules feeText serviceUrl imageUrl sharingMode status industries address
  contactName contactPhone ownerType ownerCreditCode reviewStatus rejectionReason publishedAt classified
  region { code name } owner { id name } platform { id name } version createdAt updatedAt`;

describe('the showcase query over the legacy database', () => {
  it('returns its instruments with owners, platforms and grades, as over the owned tables', async () => {
    const showcase = `{ instruments(first: 3) { edges { node {
      name owner { name } platform { name latestAssessment { year grade } } } } } }`;
    const answer = await same<{
      instruments: { edges: { node: { name: string; owner: { name: string } | null; platform: unknown } }[] };
    }>(showcase);
    expect(answer.instruments.edges).toHaveLength(3);
    for (const { node } of answer.instruments.edges) expect(node.owner?.name).toEqual(expect.any(String));
    // Platforms and grades resolve across the graph too: a page of hosted instruments has them all.
    const hosted = await same<{
      instruments: { edges: { node: { platform: { name: string; latestAssessment: { grade: string } | null } } }[] };
    }>(
      `query ($platformId: ID) { instruments(first: 3, filter: { platformId: $platformId }) { edges { node {
        name owner { name } platform { name latestAssessment { year grade } } } } } }`,
      { platformId: ownedInstrument((row) => row.platform_id !== null).platform_id },
    );
    expect(hosted.instruments.edges.length).toBeGreaterThan(0);
    for (const { node } of hosted.instruments.edges) {
      expect(node.platform.name).toEqual(expect.any(String));
      expect(node.platform.latestAssessment?.grade).toEqual(expect.any(String));
    }
  });
});

describe('the same answers through both gateways', () => {
  it.each(ROLES)('every field of every instrument the %s may see', async (role) => {
    const answer = await same<{ instruments: { totalCount: number } }>(
      `{ instruments(first: 500) { totalCount edges { cursor node { ${EVERY_FIELD} } } pageInfo { hasNextPage endCursor } } }`,
      {},
      bearers[role],
    );
    expect(answer.instruments.totalCount).toBeGreaterThan(100);
  });

  it.each([
    { status: 'NORMAL', sharingMode: 'EXTERNAL', originalValue: { min: 50 } },
    { regionCode: '520100', includeAdministered: true, industryIn: ['AVIATION', 'POWER_EQUIPMENT'] },
    { regionCodeIn: ['520300', 'GUIAN'], classCode: '08' },
    { startOfUse: { from: '2018-01-01', to: '2022-12-31' }, hasFee: true },
    { nameContains: '显微镜' },
    { nameContains: 'spectro' },
    { ownerTypeIn: ['UNIVERSITY', 'RESEARCH_INSTITUTE'], statusIn: ['NORMAL', 'STANDBY'] },
    { reviewStatusIn: ['PUBLISHED'], sharingModeIn: ['EXTERNAL', 'INTERNAL'] },
    { updatedSince: '2000-01-01T00:00:00.000Z' },
  ])('lists filtered by %j, as the admin and the public see them', async (filter) => {
    for (const bearer of [undefined, bearers.admin]) {
      await same(
        `query ($filter: InstrumentFilter) { instruments(first: 100, filter: $filter) {
          totalCount edges { cursor node { id name originalValue startOfUse status updatedAt } } } }`,
        { filter },
        bearer,
      );
    }
  });

  it.each([
    ['NAME', 'ASC'],
    ['ORIGINAL_VALUE', 'DESC'],
    ['START_OF_USE', 'ASC'],
    ['CREATED_AT', 'DESC'],
    ['UPDATED_AT', 'ASC'],
    ['ID', 'DESC'],
  ])('pages ordered by %s %s, cursor by cursor', async (field, direction) => {
    let after: string | null = null;
    let pages = 0;
    do {
      const page: {
        instruments: {
          edges: { node: { id: string } }[];
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
        };
      } = await same(
        `query ($after: String, $orderBy: InstrumentOrder) {
            instruments(first: 25, after: $after, orderBy: $orderBy) {
              totalCount edges { cursor node { id name originalValue } } pageInfo { hasNextPage endCursor } } }`,
        { after, orderBy: { field, direction } },
        bearers.owner,
      );
      after = page.instruments.pageInfo.hasNextPage ? page.instruments.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBeGreaterThan(3);
  });

  const SEARCH = `query ($text: String, $filter: InstrumentFilter, $orderBy: InstrumentSearchOrder, $first: Int) {
    searchInstruments(text: $text, filter: $filter, orderBy: $orderBy, first: $first) {
      totalCount
      edges { cursor relevance node { id name owner { name } } }
      pageInfo { hasNextPage endCursor }
      facets {
        classMajor { instrumentClass { code name } count }
        industry { industry count }
        region { region { code name } count }
        sharingMode { sharingMode count }
        ownerType { ownerType count }
      }
    } }`;

  it.each([
    { text: '扫描电镜' },
    { text: '光谱' },
    { text: 'xrd' },
    { text: '扫描电子显微境' },
    { text: '试验', filter: { regionCode: '520300' }, orderBy: { field: 'ORIGINAL_VALUE', direction: 'DESC' } },
    { text: '检测', orderBy: { field: 'NAME' }, first: 50 },
    { filter: { industry: 'AVIATION' }, orderBy: { field: 'START_OF_USE', direction: 'DESC' } },
  ])('search %j with its facets', async (variables) => {
    for (const bearer of [undefined, bearers.owner]) await same(SEARCH, variables, bearer);
  });

  it.each([
    [['REGION', 'INDUSTRY']],
    [['CLASS_MAJOR']],
    [['CLASS_MIDDLE', 'STATUS']],
    [['SHARING_MODE', 'OWNER_TYPE', 'YEAR_IN_SERVICE']],
    [[]],
  ])('statistics grouped by %j', async (groupBy) => {
    for (const role of ROLES) {
      await same(
        `query ($groupBy: [InstrumentDimension!]!) { instrumentStats(groupBy: $groupBy) {
          region { code name } industry classMajor classMiddle sharingMode status ownerType yearInService
          count totalOriginalValue } }`,
        { groupBy },
        bearers[role],
      );
    }
    await same(
      `{ instrumentStats(filter: { sharingMode: EXTERNAL, originalValue: { min: 100 } }, groupBy: [REGION]) {
        region { code } count totalOriginalValue } }`,
    );
  });

  it('an instrument by id, the classification, and what a classified or unshared record shows to whom', async () => {
    const notShared = ownedInstrument((row) => row.sharing_mode === 'NOT_SHARED');
    for (const id of [ownedRows[0]?.id, notShared.id, ownedRows.at(-1)?.id, 'ins-nonexistent']) {
      for (const role of ROLES) {
        await same(`query ($id: ID!) { instrument(id: $id) { ${EVERY_FIELD} } }`, { id }, bearers[role]);
      }
    }
    await same('{ instrumentClasses { code name nameEn parentCode } }');
    await same('{ instrumentClasses(parentCode: "08") { code name parentCode } }');
  });

  it("other sources' entities reach the instruments: enterprises, platforms, regions, the coverage map", async () => {
    const owner = ownedInstrument((row) => row.sharing_mode === 'NOT_SHARED').owner_id;
    const platformId = ownedInstrument((row) => row.platform_id !== null).platform_id;
    for (const role of ROLES) {
      const bearer = bearers[role];
      await same(
        `query ($id: ID!) { enterprise(id: $id) { name instruments(first: 50, orderBy: { field: NAME }) {
          totalCount edges { node { id name sharingMode contactName } } } } }`,
        { id: owner },
        bearer,
      );
      await same(
        `query ($id: ID!) { platform(id: $id) { name instruments(first: 50) {
          totalCount edges { node { id name owner { name } } } } } }`,
        { id: platformId },
        bearer,
      );
      await same(
        `{ regions { code instruments(first: 5, filter: { status: NORMAL }) { totalCount edges { node { id } } } } }`,
        {},
        bearer,
      );
      await same(
        `{ coverage(year: 2025) { regionCode industry year platformCount instrumentCount instrumentValue } }`,
        {},
        bearer,
      );
    }
    await same(
      `{ enterprises(first: 10, orderBy: { field: NAME }) { edges { node { name instruments(first: 3) {
        totalCount edges { node { name platform { name } } } } } } } }`,
    );
  });

  it('refuses a bad edit the same way, storing nothing on either side', async () => {
    const target = ownedInstrument((row) => row.sharing_mode === 'NOT_SHARED');
    const before = await legacyContents(legacyTables.knex);
    for (const input of [{ feeText: '费'.repeat(1001) }, { serviceUrl: 'ftp://example.org/fees' }, { status: null }]) {
      const mutation = `mutation ($id: ID!, $version: Int!, $input: InstrumentOperationsInput!) {
        updateInstrumentOperations(id: $id, version: $version, input: $input) { id version } }`;
      const variables = { id: target.id, version: target.version, input };
      const owned = await gatewayQuery(mutation, variables, { bearer: bearers.owner });
      const adapted = await adapterQuery(mutation, variables, bearers.owner);
      expect(owned.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(adapted.errors?.map(({ message, extensions }) => ({ message, extensions }))).toEqual(
        owned.errors?.map(({ message, extensions }) => ({ message, extensions })),
      );
    }
    expect(await legacyContents(legacyTables.knex)).toEqual(before);
  });
});

describe('what the legacy database has and has not', () => {
  it('leaves the legacy tables as they were: no column, constraint, index, trigger or rule added', () => {
    expect(definitionsAfter).toEqual(definitionsBefore);
    expect(definitionsAfter.triggers.filter((trigger) => !(trigger as { tgisinternal: boolean }).tgisinternal)).toEqual(
      [],
    );
  });

  it('presents every table the models read, with the columns and types the migrations give them', async () => {
    const columnsOf = async (db: Database) =>
      (await db.raw<{ table_name: string; column_name: string; udt_name: string }>(
        `select table_name, column_name, udt_name from information_schema.columns
          where table_schema = ? and table_name not like 'knex\\_%' order by 1, 2`,
        [db.schema],
      )) as unknown[];
    expect(await columnsOf(adapterDb)).toEqual(await columnsOf(await database('instruments')));
  });

  it('answers what it lacks as empty: bookings, booking rules, closures, utilisation', async () => {
    const id = ownedInstrument((row) => row.sharing_mode === 'EXTERNAL').id;
    const answer = await adapterQuery<{
      instrument: { bookingRules: unknown; closures: unknown[]; utilisation: { services: number } };
      myBookings: { totalCount: number };
    }>(
      `query ($id: ID!) { instrument(id: $id) { bookingRules { minMinutes } closures { id }
        availability(from: "2026-12-07T00:00:00+08:00", to: "2026-12-08T00:00:00+08:00") { start }
        utilisation(year: 2025) { services effectiveHours } }
        myBookings { totalCount } }`,
      { id },
      bearers.owner,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.instrument).toMatchObject({
      bookingRules: null,
      closures: [],
      utilisation: { services: 0, effectiveHours: 0 },
    });
    expect(answer.data?.myBookings.totalCount).toBe(0);
  });

  it('says where its data comes from and which operations are writable', async () => {
    const SOURCE = '{ instrumentsSource { subgraph mode adapter description writableOperations } }';
    const adapted = await adapterQuery<{ instrumentsSource: Record<string, unknown> }>(SOURCE);
    expect(adapted.data?.instrumentsSource).toEqual({
      subgraph: 'instruments',
      mode: 'ADAPTER',
      adapter: 'legacy-lab',
      description: expect.stringContaining(LEGACY_SCHEMA),
      writableOperations: ['updateInstrumentOperations'],
    });
    const owned = await gatewayQuery<{ instrumentsSource: { mode: string; writableOperations: string[] } }>(SOURCE);
    expect(owned.data?.instrumentsSource).toMatchObject({ mode: 'OWNED', adapter: null });
    expect(owned.data?.instrumentsSource.writableOperations).toEqual(
      expect.arrayContaining(['createInstrument', 'updateInstrumentOperations', 'requestBooking']),
    );
  });
});

describe('starting in the wrong state is refused with what to do', () => {
  it('refuses an adapter over a schema that holds the subgraph’s own tables, and changes nothing there', async () => {
    const url = databaseUrlFor(instruments.name);
    await expect(prepareDatabase(instruments, { url, adapter: 'legacy-lab' })).rejects.toThrow(
      /already holds tables of its own \(booking, booking_rule, .*\)/,
    );
    const owned = await database('instruments');
    const [views] = await owned.raw<{ count: number }>(
      `select count(*)::int as count from pg_views where schemaname = 'instruments'`,
    );
    expect(views?.count).toBe(0);
  });

  it('refuses an unknown adapter, naming the known ones', async () => {
    await expect(
      prepareDatabase(instruments, { url: LEGACY_URL, dataDir: LEGACY_DATA_DIR, adapter: 'legacy-lib' }),
    ).rejects.toThrow(
      'INSTRUMENTS_ADAPTER=legacy-lib: the instruments subgraph has no adapter "legacy-lib" (known: legacy-lab)',
    );
  });

  it('refuses to migrate over the adapter’s views', async () => {
    const previous = process.env.INSTRUMENTS_ADAPTER;
    delete process.env.INSTRUMENTS_ADAPTER;
    try {
      await expect(prepareDatabase(instruments, { url: LEGACY_URL, dataDir: LEGACY_DATA_DIR })).rejects.toThrow(
        /holds the views of adapter legacy-lab .*set INSTRUMENTS_ADAPTER=legacy-lab/,
      );
    } finally {
      if (previous !== undefined) process.env.INSTRUMENTS_ADAPTER = previous;
    }
  });

  it('stops the install on a legacy word it has no code for, naming it', async () => {
    await legacyTables.knex
      .transaction(async (trx) => {
        await trx
          .withSchema(LEGACY_SCHEMA)
          .table('t_yq_jbxx')
          .update({ zt: '停用' })
          .where({ sjdjbm: ownedRows[0]?.id });
        await expect(installLegacyLab(trx, instruments.name)).rejects.toThrow(
          `${LEGACY_SCHEMA}.t_yq_jbxx.zt holds "停用" (1 rows)`,
        );
        throw new Error('rolled back');
      })
      .catch((error: Error) => expect(error.message).toBe('rolled back'));
    expect((await legacyRow(ownedRows[0]?.id as string)).zt).not.toBe('停用');
  });
});

const OPERATIONS = `mutation ($id: ID!, $version: Int!, $input: InstrumentOperationsInput!) {
  updateInstrumentOperations(id: $id, version: $version, input: $input) {
    id version status sharingMode feeText sharingRules contactName contactPhone serviceUrl address updatedAt
    originalValue history { totalCount edges { node { version fields { field from to } } } }
  } }`;

interface Operated {
  id: string;
  version: number;
  status: string;
  sharingMode: string;
  feeText: string;
  contactName: string;
  updatedAt: string;
  originalValue: number;
  history: { totalCount: number; edges: { node: { version: number; fields: { field: string; to: string }[] } }[] };
}

describe('the one write the legacy database takes: how an instrument is run and shared', () => {
  it('lands in the legacy columns, as legacy words and with the legacy version counter', async () => {
    const target = ownedInstrument((row) => listed(row) && row.status === 'NORMAL');
    const ownerUser = await token({ role: Role.ENTERPRISE_USER, sub: 'legacy-editor', enterpriseId: target.owner_id });
    const before = await legacyRow(target.id);
    const since = new Date().toISOString();
    const result = await adapterQuery<{ updateInstrumentOperations: Operated }>(
      OPERATIONS,
      {
        id: target.id,
        version: Number(before.bbh) + 1,
        input: {
          status: 'STANDBY',
          sharingMode: 'NOT_SHARED',
          feeText: '按机时收费，对外服务420元/小时',
          contactName: '罗文',
          contactPhone: '0851-86660001',
        },
      },
      ownerUser,
    );
    expect(result.errors).toBeUndefined();
    const edited = result.data?.updateInstrumentOperations as Operated;
    expect(edited).toMatchObject({
      id: target.id,
      version: Number(before.bbh) + 2,
      status: 'STANDBY',
      sharingMode: 'NOT_SHARED',
      feeText: '按机时收费，对外服务420元/小时',
      contactName: '罗文',
      originalValue: Number(target.original_value),
    });
    expect(edited.history.edges.at(-1)?.node).toMatchObject({ version: edited.version });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThanOrEqual(Date.parse(since) - 1000);

    const after = await legacyRow(target.id);
    expect(after).toMatchObject({
      zt: '待机',
      gxms: '不共享',
      sfbz: '按机时收费，对外服务420元/小时',
      lxr: '罗文',
      lxdh: '0851-86660001',
      bbh: Number(before.bbh) + 1,
    });
    // Everything else of the legacy record is as it was, the value still in yuan.
    const { zt: _zt, gxms: _gxms, sfbz: _sfbz, lxr: _lxr, lxdh: _lxdh, bbh: _bbh, gxsj: _gxsj, ...rest } = after;
    const { zt: _z, gxms: _g, sfbz: _s, lxr: _l, lxdh: _d, bbh: _b, gxsj: _t, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(Number(after.yz) / 10000).toBe(Number(target.original_value));

    // No longer shared, it leaves the public catalogue: a removal for partners mirroring it.
    const removals = await adapterQuery<{ instrumentRemovals: { edges: { node: { recordId: string } }[] } }>(
      `query ($since: String!) { instrumentRemovals(since: $since) { edges { node { recordId } } } }`,
      { since },
    );
    expect(removals.data?.instrumentRemovals.edges.map(({ node }) => node.recordId)).toEqual([target.id]);
  });

  it('refuses a stale version, and sees the legacy application’s edits as a new version', async () => {
    const target = ownedInstrument((row) => listed(row) && row.status === 'STANDBY');
    const ownerUser = await token({ role: Role.ENTERPRISE_USER, sub: 'legacy-editor', enterpriseId: target.owner_id });
    const read = await adapterQuery<{ instrument: { version: number } }>(
      'query ($id: ID!) { instrument(id: $id) { version } }',
      { id: target.id },
      ownerUser,
    );
    const version = read.data?.instrument.version as number;
    // The legacy application edits the record meanwhile, counting its version as it always has.
    await legacyTables.knex
      .withSchema(LEGACY_SCHEMA)
      .table('t_yq_jbxx')
      .where({ sjdjbm: target.id })
      .update({ sfbz: '面议', bbh: legacyTables.knex.raw('bbh + 1') });
    const before = await legacyRow(target.id);
    const bookkeeping = await adapterBookkeeping();
    const stale = await adapterQuery(
      OPERATIONS,
      { id: target.id, version, input: { feeText: '按样品收费，200元/个' } },
      ownerUser,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'version',
      currentVersion: version + 1,
    });
    expect(await legacyRow(target.id)).toEqual(before);
    expect(await adapterBookkeeping()).toEqual(bookkeeping);

    const fresh = await adapterQuery<{ updateInstrumentOperations: Operated }>(
      OPERATIONS,
      { id: target.id, version: version + 1, input: { feeText: '按样品收费，200元/个' } },
      ownerUser,
    );
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data?.updateInstrumentOperations).toMatchObject({
      version: version + 2,
      feeText: '按样品收费，200元/个',
    });
    expect((await legacyRow(target.id)).sfbz).toBe('按样品收费，200元/个');
  });

  it('lets no one but the owner’s users, the platform’s operators and administrators change it', async () => {
    const target = ownedInstrument(
      (row) => listed(row) && row.status === 'AWAITING_REPAIR' && row.owner_id !== 'ent-024',
    );
    const stranger = await token({ role: Role.ENTERPRISE_USER, sub: 'stranger', enterpriseId: 'ent-024' });
    const before = await legacyRow(target.id);
    const refused = await adapterQuery(
      OPERATIONS,
      { id: target.id, version: Number(before.bbh) + 1, input: { feeText: '免费' } },
      stranger,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await legacyRow(target.id)).toEqual(before);
  });
});

/** Every other mutation of the subgraph, with arguments that would pass validation. */
const READ_ONLY_MUTATIONS: Record<string, string> = {
  createInstrument: `createInstrument(ownerId: "ent-001", input: { assetNumber: "L-1", name: "盐雾试验箱",
    classCode: "100203", source: PURCHASED, originalValue: 20, country: "中国", manufacturer: "某厂",
    model: "M-1", startOfUse: "2024-01-01", purpose: GENERAL, technicalIndicators: "指标",
    mainFunctions: "功能", sharingMode: EXTERNAL, regionCode: "520100" }) { id }`,
  updateInstrument: 'updateInstrument(id: $id, version: 1, input: { name: "改名" }) { id }',
  submitInstrument: 'submitInstrument(id: $id, version: 1) { id }',
  publishInstrument: 'publishInstrument(id: $id, version: 1) { id }',
  rejectInstrument: 'rejectInstrument(id: $id, version: 1, reason: "不全") { id }',
  retireInstrument: 'retireInstrument(id: $id, version: 1) { id }',
  pushInstruments: 'pushInstruments(records: []) { added }',
  setBookingRules: `setBookingRules(instrumentId: $id, input: { bookableHours: [{ weekday: 1, opens: "09:00", closes: "17:00" }],
    minMinutes: 60, maxMinutes: 240, prices: [{ group: OWN_UNIT, unit: HOUR, rateFen: 100 },
    { group: IN_PROVINCE_SME, unit: HOUR, rateFen: 100 }, { group: OTHER, unit: HOUR, rateFen: 100 }] }) { version }`,
  addClosure: `addClosure(instrumentId: $id, input: { start: "2027-01-04T09:00:00+08:00",
    end: "2027-01-04T12:00:00+08:00", reason: "保养" }) { id }`,
  removeClosure: 'removeClosure(id: "clo-1") { id }',
  requestBooking: `requestBooking(input: { instrumentId: $id, start: "2027-01-04T09:00:00+08:00",
    end: "2027-01-04T11:00:00+08:00" }) { id }`,
  approveBooking: 'approveBooking(id: "bkg-000001", version: 1) { id }',
  rejectBooking: 'rejectBooking(id: "bkg-000001", version: 1, reason: "满") { id }',
  cancelBooking: 'cancelBooking(id: "bkg-000001", version: 1) { id }',
  startBooking: 'startBooking(id: "bkg-000001", version: 1) { id }',
  completeBooking: `completeBooking(id: "bkg-000001", version: 1, record: { actualStart: "2027-01-04T09:00:00+08:00",
    actualEnd: "2027-01-04T10:00:00+08:00", way: ON_SITE }) { id }`,
  markNoShow: 'markNoShow(id: "bkg-000001", version: 1) { id }',
};

describe('every other mutation: SOURCE_READ_ONLY, nothing stored', () => {
  it('covers every mutation the subgraph has', async () => {
    const owned = await gatewayQuery<{ instrumentsSource: { writableOperations: string[] } }>(
      '{ instrumentsSource { writableOperations } }',
    );
    expect([...Object.keys(READ_ONLY_MUTATIONS), 'updateInstrumentOperations'].sort()).toEqual(
      [...(owned.data?.instrumentsSource.writableOperations ?? [])].sort(),
    );
  });

  it.each(Object.entries(READ_ONLY_MUTATIONS))('%s', async (name, field) => {
    const id = ownedInstrument((row) => row.sharing_mode === 'NOT_SHARED').id;
    const contents = await legacyContents(legacyTables.knex);
    const bookkeeping = await adapterBookkeeping();
    const usesId = field.includes('$id');
    const mutation = `mutation${usesId ? ' ($id: ID!)' : ''} { ${field} }`;
    for (const role of ['admin', 'owner'] as const) {
      const answer = await adapterQuery<Record<string, unknown>>(mutation, usesId ? { id } : {}, bearers[role]);
      expect(answer.data?.[name] ?? null).toBeNull();
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: 'SOURCE_READ_ONLY',
        adapter: 'legacy-lab',
        operations: [name],
        writableOperations: ['updateInstrumentOperations'],
      });
      expect(answer.errors?.[0]?.message).toContain(`cannot store ${name}: nothing was changed`);
    }
    expect(await legacyContents(legacyTables.knex)).toEqual(contents);
    expect(await adapterBookkeeping()).toEqual(bookkeeping);
  });

  it('refuses a whole operation with one mutation it cannot store, even beside one it can', async () => {
    const target = ownedInstrument((row) => row.sharing_mode === 'NOT_SHARED');
    const before = await legacyRow(target.id);
    const admin: Claims = { userId: 'legacy-admin', role: Role.ADMIN, enterpriseId: null, platformIds: [], scopes: [] };
    const body = JSON.stringify({
      query: `mutation ($id: ID!, $version: Int!) {
        updateInstrumentOperations(id: $id, version: $version, input: { feeText: "免费" }) { id }
        ...more }
        fragment more on Mutation { retireInstrument(id: $id, version: $version) { id } }`,
      variables: { id: target.id, version: Number(before.bbh) + 1 },
    });
    const answer = await post(adapterServer.url, body, {
      [IDENTITY_HEADER]: signIdentity(admin, SIGNING_SECRET, body),
    });
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: 'SOURCE_READ_ONLY',
      operations: ['retireInstrument'],
    });
    expect(await legacyRow(target.id)).toEqual(before);
  });
});
