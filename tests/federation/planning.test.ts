/**
 * The planning source as a new user meets it, through the gateway: a zone's remaining cadmium
 * quota, a fit check that fails on water with every limit's headroom, an allocation that lowers
 * the remaining quotas, a region's planned platforms against those the platforms source counts;
 * every bad input refused with nothing stored; 20 allocations racing for one zone never overdraw
 * it (on PostgreSQL, where they really run at once, and on PGlite); and releases, phase-outs and
 * closures giving their amounts back.
 */
import { Role } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, database, gatewayQuery, token } from '../support/federation.ts';

let admin: string;
let operator: string;
/** Where this file's own zones lie: a prefecture the demo plans no zone in. */
const TEST_REGION = '522600';
/** Zones this file creates, removed afterwards with everything in them. */
const createdZones: string[] = [];

interface GraphError {
  message: string;
  extensions?: { code?: string; field?: string; limits?: string[]; problems?: { field: string; reason: string }[] };
}

async function data<T>(query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<T> {
  const answer = await gatewayQuery<T>(query, variables, bearer ? { bearer } : {});
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
}

async function refused(query: string, variables: Record<string, unknown>, bearer?: string): Promise<GraphError> {
  const answer = await gatewayQuery(query, variables, bearer ? { bearer } : {});
  expect(answer.errors?.length).toBe(1);
  return answer.errors?.[0] as GraphError;
}

interface Limit {
  kind: string;
  capacity: number;
  allocated: number;
  remaining: number;
}

const LIMIT = 'kind capacity allocated remaining';

interface Change {
  version: number;
  changedBy: string;
  fields: { field: string; from: string; to: string }[];
}

const CREATE_ZONE = `mutation ($input: ZoneInput!) { createZone(input: $input) { id version limits { ${LIMIT} } } }`;
const REGISTER = `mutation ($input: PlantInput!) {
  registerPlant(input: $input) {
    id version allocation { waterTonsPerDay wastewaterTonsPerDay emissions { metal kgPerYear } }
  }
}`;
const ZONE_LIMITS = `query ($id: ID!) { zone(id: $id) { limits { ${LIMIT} } } }`;

/** A PRIORITY zone of this test's own, so that the seeded zones stay as the demo shows them. */
async function testZone(limits: { water: number; cadmium: number; nickel?: number }): Promise<string> {
  const { createZone } = await data<{ createZone: { id: string } }>(
    CREATE_ZONE,
    {
      input: {
        name: `测试电镀集中区 ${createdZones.length + 1} ${Date.now()}`,
        regionCode: TEST_REGION,
        status: 'PRIORITY',
        areaHectares: 10,
        waterTonsPerDay: limits.water,
        wastewaterTonsPerDay: limits.water * 0.8,
        quotas: [
          { metal: 'CADMIUM', kgPerYear: limits.cadmium },
          { metal: 'NICKEL', kgPerYear: limits.nickel ?? 100 },
        ],
      },
    },
    admin,
  );
  createdZones.push(createZone.id);
  return createZone.id;
}

function plantInput(zoneId: string, allocation: Record<string, unknown>, name = '测试镀镉车间') {
  return { zoneId, enterpriseId: 'ent-037', name, processLines: [{ process: 'CADMIUM', lines: 1 }], allocation };
}

async function limitsOf(zoneId: string): Promise<Record<string, Limit>> {
  const { zone } = await data<{ zone: { limits: Limit[] } }>(ZONE_LIMITS, { id: zoneId });
  return Object.fromEntries(zone.limits.map((limit) => [limit.kind, limit]));
}

/** Everything the planning database holds, to show that a refused request stored nothing. */
async function everything(): Promise<unknown> {
  const db = await database('planning');
  const tables = ['zone', 'zone_limit', 'plant', 'plant_allocation', 'phase_out', 'layout_milestone', 'change_history'];
  return Object.fromEntries(
    await Promise.all(tables.map(async (table) => [table, await db.table(table).orderByRaw('1, 2')])),
  );
}

beforeAll(async () => {
  admin = await token({ role: Role.ADMIN, sub: 'planning-admin' });
  operator = await token({ role: Role.PLATFORM_OPERATOR, sub: 'planning-operator', platformIds: ['plt-01'] });
});

afterAll(async () => {
  if (createdZones.length === 0) return;
  const db = await database('planning');
  const plants = db.table('plant').select('id').whereIn('zone_id', createdZones);
  const plantIds = (await plants.clone()).map((row) => (row as { id: string }).id);
  const phaseOutIds = (await db.table('phase_out').select('id').whereIn('plant_id', plantIds)).map(
    (row) => (row as { id: string }).id,
  );
  await db.table('phase_out').whereIn('id', phaseOutIds).delete();
  await db.table('plant').whereIn('id', plantIds).delete();
  await db.table('zone').whereIn('id', createdZones).delete();
  await db
    .table('change_history')
    .whereIn('record_id', [...createdZones, ...plantIds, ...phaseOutIds])
    .delete();
});

describe('what a new user asks of the planning source', () => {
  it("tells a zone's remaining cadmium quota, as the plants in it hold it", async () => {
    const { zone } = await data<{ zone: { name: string; quota: Limit & { unit: string; metal: string } } }>(
      `{ zone(id: "zone-03") { name quota(metal: CADMIUM) { ${LIMIT} unit metal } } }`,
    );
    const db = await database('planning');
    const held = (await db.table('plant_allocation').where({ zone_id: 'zone-03', kind: 'CADMIUM' })) as {
      amount: string;
    }[];
    const allocated = held.reduce((sum, row) => sum + Number(row.amount), 0);
    expect(zone.name).toBe('安顺市平坝区夏云电镀集中区');
    expect(zone.quota).toEqual({
      kind: 'CADMIUM',
      metal: 'CADMIUM',
      unit: 'kg/year',
      capacity: 12,
      allocated,
      remaining: 12 - allocated,
    });
    expect(allocated).toBeGreaterThan(0);
  });

  it('answers a fit check that fails on water with the headroom of every limit', async () => {
    const { plantFit } = await data<{
      plantFit: {
        fits: boolean;
        reason: string;
        zone: { name: string };
        binding: { kind: string; headroom: number };
        headroom: (Limit & { requested: number; headroom: number; fits: boolean; unit: string })[];
      };
    }>(`{
      plantFit(zoneId: "zone-02", demand: { waterTonsPerDay: 150, wastewaterTonsPerDay: 60,
                                            emissions: [{ metal: NICKEL, kgPerYear: 20 }] }) {
        fits reason zone { name } binding { kind headroom }
        headroom { ${LIMIT} unit requested headroom fits }
      }
    }`);
    expect(plantFit.fits).toBe(false);
    expect(plantFit.zone.name).toBe('遵义市播州区表面处理产业园');
    expect(plantFit.binding.kind).toBe('WATER');
    expect(plantFit.reason).toMatch(/overdraw WATER \(asks 150 t\/day, 100 left\)/);
    expect(plantFit.headroom.map((h) => h.kind)).toEqual([
      'WATER',
      'WASTEWATER',
      'LEAD',
      'MERCURY',
      'CADMIUM',
      'TOTAL_CHROMIUM',
      'HEXAVALENT_CHROMIUM',
      'ARSENIC',
      'NICKEL',
    ]);
    for (const h of plantFit.headroom) {
      expect(h.remaining).toBeCloseTo(h.capacity - h.allocated, 6);
      expect(h.headroom).toBeCloseTo(h.remaining - h.requested, 6);
      expect(h.fits).toBe(h.headroom >= 0);
    }
    expect(plantFit.headroom.filter((h) => !h.fits).map((h) => h.kind)).toEqual(['WATER']);
    const water = plantFit.headroom[0];
    expect(water).toMatchObject({ unit: 't/day', capacity: 1200, allocated: 1100, requested: 150, headroom: -50 });
  });

  it('allocates a new plant in one step, lowering the remaining quotas by what it holds', async () => {
    const zoneId = await testZone({ water: 1000, cadmium: 10 });
    const before = await limitsOf(zoneId);
    const allocation = {
      waterTonsPerDay: 120.5,
      wastewaterTonsPerDay: 96,
      emissions: [
        { metal: 'CADMIUM', kgPerYear: 2.25 },
        { metal: 'NICKEL', kgPerYear: 12 },
      ],
    };
    const { registerPlant } = await data<{ registerPlant: { id: string; version: number; allocation: unknown } }>(
      REGISTER,
      { input: plantInput(zoneId, allocation) },
      admin,
    );
    expect(registerPlant.version).toBe(1);
    expect(registerPlant.allocation).toEqual(allocation);
    const after = await limitsOf(zoneId);
    expect(after.WATER?.remaining).toBeCloseTo((before.WATER?.remaining ?? 0) - 120.5, 6);
    expect(after.WASTEWATER?.remaining).toBeCloseTo((before.WASTEWATER?.remaining ?? 0) - 96, 6);
    expect(after.CADMIUM?.remaining).toBeCloseTo(10 - 2.25, 6);
    expect(after.NICKEL?.remaining).toBeCloseTo(100 - 12, 6);
    expect(after.LEAD).toEqual(before.LEAD);

    const { plant } = await data<{
      plant: { zone: { id: string }; enterprise: { name: string }; history: { edges: { node: unknown }[] } };
    }>(
      `query ($id: ID!) { plant(id: $id) { zone { id } enterprise { name }
         history { edges { node { version changedBy fields { field from to } } } } } }`,
      { id: registerPlant.id },
      admin,
    );
    expect(plant.zone.id).toBe(zoneId);
    expect(plant.enterprise.name).toBe('安顺中黔紧固件有限公司');
    expect(plant.history.edges).toHaveLength(1);
    const [filed] = plant.history.edges.map((edge) => edge.node as Change);
    expect(filed).toMatchObject({ version: 1, changedBy: 'planning-admin' });
    const held = filed?.fields.find((field) => field.field === 'allocation');
    expect(held?.from).toBe('null');
    expect(JSON.parse(held?.to ?? 'null')).toEqual({ WATER: 120.5, WASTEWATER: 96, CADMIUM: 2.25, NICKEL: 12 });
  });

  it("shows a region's planned platforms against those the platforms source has in service", async () => {
    const year = 2026;
    const { region, layoutMilestones } = await data<{
      region: {
        platformLayout: {
          industry: string;
          platformCount: number;
          platformsPlanned: number;
          platformsMissing: number;
        }[];
        platforms: { edges: { node: { industriesServed: string[]; establishedYear: number | null } }[] };
      };
      layoutMilestones: { industry: string; year: number; platforms: number }[];
    }>(
      `query ($year: Int) {
        region(code: "520300") {
          platformLayout(year: $year) { industry platformCount platformsPlanned platformsMissing }
          platforms(first: 100) { edges { node { industriesServed establishedYear } } }
        }
        layoutMilestones(regionCode: "520300") { industry year platforms }
      }`,
      { year },
    );
    expect(region.platformLayout.map((cell) => cell.industry)).toEqual([
      'AVIATION',
      'AEROSPACE',
      'AUTOMOTIVE',
      'ENGINEERING_MINING_MACHINERY',
      'POWER_EQUIPMENT',
      'INDUSTRIAL_ROBOTS',
    ]);
    for (const cell of region.platformLayout) {
      // In service: counted by the platforms source, the same as its own list says.
      const serving = region.platforms.edges.filter(
        ({ node }) => node.industriesServed.includes(cell.industry) && (node.establishedYear ?? 0) <= year,
      );
      expect(cell.platformCount).toBe(serving.length);
      const due = layoutMilestones.filter((m) => m.industry === cell.industry && m.year <= year);
      const planned = due.sort((a, b) => b.year - a.year)[0]?.platforms ?? 0;
      expect(cell.platformsPlanned).toBe(planned);
      expect(cell.platformsMissing).toBe(Math.max(0, planned - cell.platformCount));
    }
    // The plan's 2025 milestone wants a third aerospace platform in Zunyi.
    expect(region.platformLayout.find((cell) => cell.industry === 'AEROSPACE')?.platformsPlanned).toBe(3);
    expect(region.platformLayout.some((cell) => cell.platformsMissing > 0)).toBe(true);
  });

  it('joins the whole coverage map: every cell carries the plan and the shortfall', async () => {
    const { coverage } = await data<{
      coverage: { regionCode: string; platformCount: number; platformsPlanned: number; platformsMissing: number }[];
    }>('{ coverage(year: 2022) { regionCode platformCount platformsPlanned platformsMissing } }');
    expect(coverage).toHaveLength(60);
    for (const cell of coverage) {
      expect(cell.platformsMissing).toBe(Math.max(0, cell.platformsPlanned - cell.platformCount));
    }
    expect(coverage.reduce((sum, cell) => sum + cell.platformsPlanned, 0)).toBe(29);
  });
});

describe('bad requests: a clear error, and nothing stored', () => {
  const UNKNOWN_METAL = `mutation ($metal: HeavyMetal!) {
    releaseFromPlant(plantId: "plant-009", version: 1, amounts: { emissions: [{ metal: $metal, kgPerYear: 1 }] }) { id }
  }`;
  const RELEASE = `mutation ($id: ID!, $version: Int!, $amounts: AmountsInput!) {
    releaseFromPlant(plantId: $id, version: $version, amounts: $amounts) { id }
  }`;
  const ALLOCATE = `mutation ($id: ID!, $version: Int!, $amounts: AmountsInput!) {
    allocateToPlant(plantId: $id, version: $version, amounts: $amounts) { id version }
  }`;

  it('refuses each, naming the field and the reason', async () => {
    const zoneId = await testZone({ water: 500, cadmium: 3 });
    const { registerPlant } = await data<{ registerPlant: { id: string } }>(
      REGISTER,
      {
        input: plantInput(zoneId, {
          waterTonsPerDay: 100,
          wastewaterTonsPerDay: 80,
          emissions: [{ metal: 'CADMIUM', kgPerYear: 1 }],
        }),
      },
      admin,
    );
    const plantId = registerPlant.id;
    const stored = await everything();

    const cases: [string, string, Record<string, unknown>, string | undefined, string, string | RegExp][] = [
      [
        'a negative amount',
        REGISTER,
        { input: plantInput(zoneId, { waterTonsPerDay: -5 }) },
        admin,
        'BAD_USER_INPUT',
        'input.allocation.waterTonsPerDay',
      ],
      [
        'a negative metal',
        ALLOCATE,
        { id: plantId, version: 1, amounts: { emissions: [{ metal: 'NICKEL', kgPerYear: -0.1 }] } },
        admin,
        'BAD_USER_INPUT',
        'amounts.emissions[0].kgPerYear',
      ],
      [
        'more decimals than kept',
        ALLOCATE,
        { id: plantId, version: 1, amounts: { waterTonsPerDay: 0.0001 } },
        admin,
        'BAD_USER_INPUT',
        'amounts.waterTonsPerDay',
      ],
      [
        'a metal named twice',
        ALLOCATE,
        {
          id: plantId,
          version: 1,
          amounts: {
            emissions: [
              { metal: 'NICKEL', kgPerYear: 1 },
              { metal: 'NICKEL', kgPerYear: 2 },
            ],
          },
        },
        admin,
        'BAD_USER_INPUT',
        'amounts.emissions[1].metal',
      ],
      ['an unknown metal', UNKNOWN_METAL, { metal: 'URANIUM' }, admin, 'BAD_USER_INPUT', /URANIUM.*HeavyMetal/],
      [
        'a plant with no process line',
        REGISTER,
        { input: { ...plantInput(zoneId, { waterTonsPerDay: 1 }), processLines: [] } },
        admin,
        'BAD_USER_INPUT',
        'input.processLines',
      ],
      [
        'a plant in a restricted zone',
        REGISTER,
        { input: plantInput('zone-07', { waterTonsPerDay: 10 }) },
        admin,
        'BAD_USER_INPUT',
        'input.zoneId',
      ],
      [
        'a plant in a zone under study',
        REGISTER,
        { input: plantInput('zone-04', { waterTonsPerDay: 10 }) },
        admin,
        'BAD_USER_INPUT',
        'input.zoneId',
      ],
      [
        'more of a limit than is left',
        ALLOCATE,
        { id: plantId, version: 1, amounts: { emissions: [{ metal: 'CADMIUM', kgPerYear: 2.5 }] } },
        admin,
        'CONFLICT',
        'amounts',
      ],
      [
        'a metal the zone has no quota for',
        ALLOCATE,
        { id: plantId, version: 1, amounts: { emissions: [{ metal: 'MERCURY', kgPerYear: 0.001 }] } },
        admin,
        'CONFLICT',
        'amounts',
      ],
      [
        'releasing more than was allocated',
        RELEASE,
        { id: plantId, version: 1, amounts: { waterTonsPerDay: 100.001 } },
        admin,
        'BAD_USER_INPUT',
        'amounts',
      ],
      [
        'releasing a metal it does not hold',
        RELEASE,
        { id: plantId, version: 1, amounts: { emissions: [{ metal: 'NICKEL', kgPerYear: 1 }] } },
        admin,
        'BAD_USER_INPUT',
        'amounts',
      ],
      ['a release of nothing', RELEASE, { id: plantId, version: 1, amounts: {} }, admin, 'BAD_USER_INPUT', 'amounts'],
      [
        'an edit of an old version',
        ALLOCATE,
        { id: plantId, version: 7, amounts: { waterTonsPerDay: 1 } },
        admin,
        'CONFLICT',
        'version',
      ],
      [
        'a quota lowered below what the plants hold',
        'mutation ($id: ID!) { updateZone(id: $id, version: 1, changes: { quotas: [{ metal: CADMIUM, kgPerYear: 0.5 }] }) { id } }',
        { id: zoneId },
        admin,
        'CONFLICT',
        'changes',
      ],
      [
        'a zone in an unknown region',
        CREATE_ZONE,
        {
          input: {
            name: '无效区',
            regionCode: '110000',
            status: 'PRIORITY',
            areaHectares: 1,
            waterTonsPerDay: 1,
            wastewaterTonsPerDay: 1,
          },
        },
        admin,
        'BAD_USER_INPUT',
        'input.regionCode',
      ],
      [
        'a milestone with too many platforms',
        'mutation { setLayoutMilestone(input: { regionCode: "520300", industry: AVIATION, year: 2027, platforms: 51 }) { year } }',
        {},
        admin,
        'BAD_USER_INPUT',
        'input.platforms',
      ],
      [
        'an allocation by a platform operator',
        ALLOCATE,
        { id: plantId, version: 1, amounts: { waterTonsPerDay: 1 } },
        operator,
        'FORBIDDEN',
        /Only administrators/,
      ],
      [
        'an allocation by the public',
        ALLOCATE,
        { id: plantId, version: 1, amounts: { waterTonsPerDay: 1 } },
        undefined,
        'FORBIDDEN',
        /Only administrators/,
      ],
    ];
    for (const [what, query, variables, bearer, code, field] of cases) {
      const error = await refused(query, variables, bearer);
      expect(error.extensions?.code, what).toBe(code);
      if (typeof field === 'string') expect(error.extensions?.field, what).toBe(field);
      else expect(error.message, what).toMatch(field);
    }
    expect(await everything()).toEqual(stored);
  });

  it('names the limit that would be overdrawn, with what is left', async () => {
    const zoneId = await testZone({ water: 500, cadmium: 3 });
    const error = await refused(
      REGISTER,
      { input: plantInput(zoneId, { emissions: [{ metal: 'CADMIUM', kgPerYear: 3.5 }] }) },
      admin,
    );
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.allocation', limits: ['CADMIUM'] });
    expect(error.message).toMatch(
      /does not fit zone zone-\w+: it would overdraw CADMIUM \(asks 3\.5 kg\/year, 3 left\)/,
    );
  });

  it('refuses impossible filters rather than answering nothing', async () => {
    for (const [query, field] of [
      ['{ zones(filter: { regionCode: "999999" }) { totalCount } }', 'filter.regionCode'],
      ['{ zones(filter: { areaHectares: { min: 10, max: 1 } }) { totalCount } }', 'filter.areaHectares'],
      ['{ plants(filter: { statusIn: [] }) { totalCount } }', 'filter.statusIn'],
      ['{ phaseOuts(filter: { deadline: { from: "2026-13-01" } }) { totalCount } }', 'filter.deadline.from'],
      ['{ plantFit(zoneId: "zone-99", demand: { waterTonsPerDay: 1, wastewaterTonsPerDay: 1 }) { fits } }', 'zoneId'],
      ['{ region(code: "520300") { platformLayout(year: 1990) { industry } } }', 'year'],
    ] as const) {
      const error = await refused(query, {});
      expect(error.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field ?? error.extensions?.problems?.[0]?.field, query).toBe(field);
    }
  });
});

describe('allocations racing for one zone', () => {
  it('never overdraw any quota or capacity: 20 at once, and exactly as many as fit succeed', async () => {
    // 10 kg of cadmium fits 14 plants of 0.7 kg; 1,000 t/day of water would take 16 of 60.
    const zoneId = await testZone({ water: 1000, cadmium: 10 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gatewayQuery<{ registerPlant: { id: string } }>(
          REGISTER,
          {
            input: plantInput(
              zoneId,
              { waterTonsPerDay: 60, wastewaterTonsPerDay: 48, emissions: [{ metal: 'CADMIUM', kgPerYear: 0.7 }] },
              `并发测试车间 ${i + 1}`,
            ),
          },
          { bearer: admin },
        ),
      ),
    );
    const granted = answers.filter((answer) => answer.data?.registerPlant);
    const refusals = answers.filter((answer) => answer.errors);
    expect(granted).toHaveLength(14);
    expect(refusals).toHaveLength(6);
    for (const answer of refusals) {
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', limits: ['CADMIUM'] });
    }
    const limits = await limitsOf(zoneId);
    expect(limits.CADMIUM?.allocated).toBeCloseTo(9.8, 6);
    expect(limits.CADMIUM?.remaining).toBeCloseTo(0.2, 6);
    expect(limits.WATER?.allocated).toBe(840);
    // The zone's allocated amounts are exactly what its plants hold.
    const db = await database('planning');
    const sums = (await db
      .table('plant_allocation')
      .where({ zone_id: zoneId })
      .groupBy('kind')
      .select('kind')
      .sum({ total: 'amount' })) as { kind: string; total: string }[];
    for (const { kind, total } of sums) expect(limits[kind]?.allocated).toBeCloseTo(Number(total), 6);
  });

  it('never overdraw when releases, allocations and a lowered quota race each other', async () => {
    const zoneId = await testZone({ water: 1000, cadmium: 5 });
    const plants: { id: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const { registerPlant } = await data<{ registerPlant: { id: string } }>(
        REGISTER,
        {
          input: plantInput(
            zoneId,
            { waterTonsPerDay: 10, emissions: [{ metal: 'CADMIUM', kgPerYear: 1 }] },
            `竞争车间 ${i}`,
          ),
        },
        admin,
      );
      plants.push(registerPlant);
    }
    // Two plants each ask for 0.6 kg more, one gives 0.5 kg back, the quota is cut to 4.5: in
    // whatever order they land, what is held never exceeds the quota in force.
    const work = [
      gatewayQuery(
        `mutation ($id: ID!) { allocateToPlant(plantId: $id, version: 1, amounts: { emissions: [{ metal: CADMIUM, kgPerYear: 0.6 }] }) { id } }`,
        { id: plants[0]?.id },
        { bearer: admin },
      ),
      gatewayQuery(
        `mutation ($id: ID!) { allocateToPlant(plantId: $id, version: 1, amounts: { emissions: [{ metal: CADMIUM, kgPerYear: 0.6 }] }) { id } }`,
        { id: plants[1]?.id },
        { bearer: admin },
      ),
      gatewayQuery(
        `mutation ($id: ID!) { releaseFromPlant(plantId: $id, version: 1, amounts: { emissions: [{ metal: CADMIUM, kgPerYear: 0.5 }] }) { id } }`,
        { id: plants[2]?.id },
        { bearer: admin },
      ),
      gatewayQuery(
        `mutation ($id: ID!) { updateZone(id: $id, version: 1, changes: { quotas: [{ metal: CADMIUM, kgPerYear: 4.5 }] }) { id } }`,
        { id: zoneId },
        { bearer: admin },
      ),
    ];
    const answers = await Promise.all(work);
    for (const answer of answers) {
      if (answer.errors) expect(answer.errors[0]?.extensions?.code).toBe('CONFLICT');
    }
    const { CADMIUM } = await limitsOf(zoneId);
    expect(CADMIUM?.allocated).toBeLessThanOrEqual(CADMIUM?.capacity ?? 0);
    expect(CADMIUM?.remaining).toBeGreaterThanOrEqual(0);
    const db = await database('planning');
    const held = (await db.table('plant_allocation').where({ zone_id: zoneId, kind: 'CADMIUM' })) as {
      amount: string;
    }[];
    expect(CADMIUM?.allocated).toBeCloseTo(
      held.reduce((sum, row) => sum + Number(row.amount), 0),
      6,
    );
    // The release always lands; and at least one other change does.
    expect(answers[2]?.errors).toBeUndefined();
    expect(answers.filter((answer) => !answer.errors).length).toBeGreaterThanOrEqual(2);
  });
});

describe('giving amounts back', () => {
  it('returns what a release, a completed phase-out and a closure free, and keeps the record', async () => {
    const zoneId = await testZone({ water: 1000, cadmium: 10 });
    const { registerPlant } = await data<{ registerPlant: { id: string } }>(
      REGISTER,
      {
        input: plantInput(zoneId, {
          waterTonsPerDay: 300,
          wastewaterTonsPerDay: 240,
          emissions: [
            { metal: 'CADMIUM', kgPerYear: 4 },
            { metal: 'NICKEL', kgPerYear: 30 },
          ],
        }),
      },
      admin,
    );
    const id = registerPlant.id;

    const { releaseFromPlant } = await data<{ releaseFromPlant: { version: number; allocation: unknown } }>(
      `mutation ($id: ID!) { releaseFromPlant(plantId: $id, version: 1, amounts: { waterTonsPerDay: 100, emissions: [{ metal: NICKEL, kgPerYear: 30 }] }) {
         version allocation { waterTonsPerDay wastewaterTonsPerDay emissions { metal kgPerYear } } } }`,
      { id },
      admin,
    );
    expect(releaseFromPlant).toEqual({
      version: 2,
      allocation: { waterTonsPerDay: 200, wastewaterTonsPerDay: 240, emissions: [{ metal: 'CADMIUM', kgPerYear: 4 }] },
    });
    expect((await limitsOf(zoneId)).WATER?.remaining).toBe(800);
    expect((await limitsOf(zoneId)).NICKEL?.remaining).toBe(100);

    const { schedulePhaseOut } = await data<{ schedulePhaseOut: { id: string; status: string; overdue: boolean } }>(
      `mutation ($input: PhaseOutInput!) { schedulePhaseOut(input: $input) { id status overdue } }`,
      {
        input: {
          plantId: id,
          description: '手工镀镉线1条',
          process: 'CADMIUM',
          lines: 1,
          deadline: '2020-12-31',
          releases: { waterTonsPerDay: 50, emissions: [{ metal: 'CADMIUM', kgPerYear: 1.5 }] },
        },
      },
      admin,
    );
    expect(schedulePhaseOut).toMatchObject({ status: 'SCHEDULED', overdue: true });
    const overdue = await data<{ phaseOuts: { edges: { node: { id: string } }[] } }>(
      `query ($zoneId: ID) { phaseOuts(filter: { overdue: true, zoneId: $zoneId }) { edges { node { id } } } }`,
      { zoneId },
    );
    expect(overdue.phaseOuts.edges.map((edge) => edge.node.id)).toEqual([schedulePhaseOut.id]);

    const { completePhaseOut } = await data<{
      completePhaseOut: { status: string; completedOn: string; overdue: boolean; plant: { version: number } };
    }>(
      `mutation ($id: ID!) { completePhaseOut(id: $id, version: 1) { status completedOn overdue plant { version } } }`,
      { id: schedulePhaseOut.id },
      admin,
    );
    expect(completePhaseOut).toMatchObject({ status: 'COMPLETED', overdue: false, plant: { version: 3 } });
    expect(completePhaseOut.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    let limits = await limitsOf(zoneId);
    expect(limits.WATER?.remaining).toBe(850);
    expect(limits.CADMIUM?.remaining).toBeCloseTo(7.5, 6);
    const again = await refused(
      `mutation ($id: ID!) { completePhaseOut(id: $id, version: 2) { status } }`,
      { id: schedulePhaseOut.id },
      admin,
    );
    expect(again.extensions?.code).toBe('CONFLICT');

    const { closePlant } = await data<{ closePlant: { status: string; allocation: unknown } }>(
      `mutation ($id: ID!) { closePlant(plantId: $id, version: 3) { status allocation { waterTonsPerDay wastewaterTonsPerDay emissions { metal } } } }`,
      { id },
      admin,
    );
    expect(closePlant).toEqual({
      status: 'CLOSED',
      allocation: { waterTonsPerDay: 0, wastewaterTonsPerDay: 0, emissions: [] },
    });
    limits = await limitsOf(zoneId);
    for (const limit of Object.values(limits)) expect(limit.allocated).toBe(0);
    const closedAgain = await refused(
      `mutation ($id: ID!) { allocateToPlant(plantId: $id, version: 4, amounts: { waterTonsPerDay: 1 }) { id } }`,
      { id },
      admin,
    );
    expect(closedAgain.extensions?.code).toBe('CONFLICT');

    const { plant } = await data<{ plant: { history: { totalCount: number } } }>(
      'query ($id: ID!) { plant(id: $id) { history { totalCount } } }',
      { id },
      admin,
    );
    expect(plant.history.totalCount).toBe(4);
    const asPublic = await data<{ plant: { history: null; status: string } }>(
      'query ($id: ID!) { plant(id: $id) { status history { totalCount } } }',
      { id },
    );
    expect(asPublic.plant).toEqual({ status: 'CLOSED', history: null });
  });
});

describe('lists of zones, plants and phase-outs', () => {
  it('filter by region with the areas a prefecture administers, and page in any order', async () => {
    const guiyang = await data<{ zones: { edges: { node: { id: string; regionCode: string } }[] } }>(
      '{ zones(filter: { regionCode: "520100", includeAdministered: true, statusIn: [PRIORITY, UNDER_STUDY] }) { edges { node { id regionCode } } } }',
    );
    expect(guiyang.zones.edges.map((edge) => edge.node)).toEqual([
      { id: 'zone-01', regionCode: '520100' },
      { id: 'zone-04', regionCode: 'GUIAN' },
    ]);

    const all = await data<{ zones: { totalCount: number } }>('{ zones { totalCount } }');
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const page: {
        zones: {
          edges: { node: { areaHectares: number } }[];
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
        };
      } = await data(
        'query ($after: String) { zones(first: 3, after: $after, orderBy: { field: AREA, direction: DESC }) { edges { node { areaHectares } } pageInfo { endCursor hasNextPage } } }',
        { after },
      );
      seen.push(...page.zones.edges.map((edge) => edge.node.areaHectares));
      after = page.zones.pageInfo.hasNextPage ? page.zones.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(all.zones.totalCount);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it("reach a zone's plants, an enterprise's plants and a region's zones through the graph", async () => {
    const { plants, enterprise, region } = await data<{
      plants: { edges: { node: { id: string; zone: { regionCode: string } } }[] };
      enterprise: { plants: { edges: { node: { id: string; zone: { name: string } } }[] } };
      region: { name: string; zones: { edges: { node: { id: string; plants: { totalCount: number } } }[] } };
    }>(`{
      plants(filter: { emits: CADMIUM, regionCode: "520400" }) { edges { node { id zone { regionCode } } } }
      enterprise(id: "ent-037") { plants { edges { node { id zone { name } } } } }
      region(code: "520400") { name zones(filter: { status: PRIORITY }) { edges { node { id plants { totalCount } } } } }
    }`);
    expect(plants.edges.length).toBeGreaterThanOrEqual(2);
    expect(plants.edges.every((edge) => edge.node.zone.regionCode === '520400')).toBe(true);
    // Earlier tests add plants of their own to this enterprise, with random ids: find the seeded one.
    expect(enterprise.plants.edges.map((edge) => edge.node)).toContainEqual({
      id: 'plant-007',
      zone: { name: '安顺市平坝区夏云电镀集中区' },
    });
    expect(region.name).toBe('安顺市');
    expect(
      region.zones.edges.find((edge) => edge.node.id === 'zone-03')?.node.plants.totalCount,
    ).toBeGreaterThanOrEqual(3);
  });

  it('find the zones a new plant fits, the most room first', async () => {
    const { zonesFitting } = await data<{
      zonesFitting: { fits: boolean; zone: { id: string; status: string }; binding: { headroomShare: number } }[];
    }>(`{ zonesFitting(demand: { waterTonsPerDay: 100, wastewaterTonsPerDay: 80, emissions: [{ metal: CADMIUM, kgPerYear: 1 }] },
                      filter: { regionCodeIn: ["520100", "520300", "520400", "522700", "520600"] }) {
           fits zone { id status } binding { headroomShare } } }`);
    expect(zonesFitting.map((fit) => fit.zone.id)).toEqual(['zone-01', 'zone-06', 'zone-03', 'zone-02']);
    expect(zonesFitting.every((fit) => fit.fits && fit.zone.status === 'PRIORITY')).toBe(true);
    const shares = zonesFitting.map((fit) => fit.binding.headroomShare);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });
});

describe('statements per request', () => {
  it('are the same for a page of 2 zones as for all 8, with their limits, plants, holdings and phase-outs', async () => {
    const page = `query ($first: Int!) {
      zones(first: $first, filter: { regionCodeIn: ["520100", "520200", "520300", "520400", "520500", "520600", "522700", "GUIAN"] }) {
        edges { node { name region { name } water { remaining } quotas { metal remaining }
          plants { totalCount edges { node { name enterprise { name } allocation { waterTonsPerDay emissions { metal kgPerYear } }
            phaseOuts { deadline overdue } } } } } }
      }
    }`;
    const sizes: number[] = [];
    const run = (first: number) =>
      countStatements(async () => {
        const answer = await data<{ zones: { edges: unknown[] } }>(page, { first });
        sizes.push(answer.zones.edges.length);
      });
    const small = await run(2);
    const large = await run(8);
    expect(sizes).toEqual([2, 8]);
    expect(large.planning).toBe(small.planning);
    expect(large.planning).toBeLessThanOrEqual(5);
  });
});
