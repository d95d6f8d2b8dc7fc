/**
 * Booking an instrument through the gateway, as its users live it: an owner opens a salt-spray
 * chamber for booking, an SME finds it free and requests it, the owner approves and records the
 * work, and the year's utilisation follows. Two bookings never overlap (the database's exclusion
 * constraint, raced 50 times); every bad request is refused with a clear code and nothing stored.
 */
import { type Claims, Role } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, database, gatewayQuery, subgraphQuery, token } from '../support/federation.ts';

const OWNER = 'ent-025'; // 遵义汽车零部件质量检测有限公司, Zunyi
const SME = 'ent-029'; // 遵义贵鑫液压科技有限公司, an in-province manufacturer (credit code 9152…)
const OTHER_OWNER = 'ent-024';
const STRANGER = 'ent-008';
const ASSET_PREFIX = 'T-BOOK-';

let ownerUser: string;
let smeUser: string;
let otherOwnerUser: string;
let strangerUser: string;
let admin: string;

const BOOKING_FIELDS = `id version status priceGroup external start end minutes estimatedChargeFen cancellationFeeFen
  decisionReason requester { id } instrument { id }
  serviceRecord { actualStart actualEnd hours way rating chargeFen }`;
const REQUEST = `mutation ($input: BookingRequestInput!) { requestBooking(input: $input) { ${BOOKING_FIELDS} } }`;
const APPROVE = `mutation ($id: ID!, $version: Int!) { approveBooking(id: $id, version: $version) { ${BOOKING_FIELDS} } }`;
const REJECT = `mutation ($id: ID!, $version: Int!, $reason: String!) {
  rejectBooking(id: $id, version: $version, reason: $reason) { ${BOOKING_FIELDS} } }`;
const CANCEL = `mutation ($id: ID!, $version: Int!) { cancelBooking(id: $id, version: $version) { ${BOOKING_FIELDS} } }`;
const START = `mutation ($id: ID!, $version: Int!) { startBooking(id: $id, version: $version) { ${BOOKING_FIELDS} } }`;
const NO_SHOW = `mutation ($id: ID!, $version: Int!) { markNoShow(id: $id, version: $version) { ${BOOKING_FIELDS} } }`;
const COMPLETE = `mutation ($id: ID!, $version: Int!, $record: ServiceRecordInput!) {
  completeBooking(id: $id, version: $version, record: $record) { ${BOOKING_FIELDS} } }`;
const SET_RULES = `mutation ($instrumentId: ID!, $version: Int, $input: BookingRulesInput!) {
  setBookingRules(instrumentId: $instrumentId, version: $version, input: $input) {
    version minMinutes maxMinutes requiresApproval bookableHours { weekday opens closes }
    prices { group unit rateFen minimumChargeFen } } }`;
const ADD_CLOSURE = `mutation ($instrumentId: ID!, $input: ClosureInput!) {
  addClosure(instrumentId: $instrumentId, input: $input) { id start end reason } }`;
const REMOVE_CLOSURE = 'mutation ($id: ID!) { removeClosure(id: $id) { id } }';
const UTILISATION =
  'year instruments effectiveHours externalHours shareRate utilisation services unitsServed meanRating serviceIncomeFen';

interface Booking {
  id: string;
  version: number;
  status: string;
  priceGroup: string;
  external: boolean;
  start: string;
  end: string;
  minutes: number;
  estimatedChargeFen: number;
  cancellationFeeFen: number;
  decisionReason: string | null;
  serviceRecord: { actualStart: string; actualEnd: string; hours: number; way: string; chargeFen: number } | null;
}

interface Utilisation {
  year: number;
  instruments: number;
  effectiveHours: number;
  externalHours: number;
  services: number;
  unitsServed: number;
  serviceIncomeFen: number | null;
}

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;

async function mutate<T = Booking>(query: string, variables: Record<string, unknown>, bearer: string) {
  const result = await gatewayQuery<Record<string, T>>(query, variables, { bearer });
  const value = result.data ? Object.values(result.data)[0] : undefined;
  return { value: value ?? null, errors: result.errors as Errors };
}

async function ok<T = Booking>(query: string, variables: Record<string, unknown>, bearer: string): Promise<T> {
  const { value, errors } = await mutate<T>(query, variables, bearer);
  expect(errors).toBeUndefined();
  return value as T;
}

/** The error a refused request answers with: one, with its code and field, and no data. */
async function refused(query: string, variables: Record<string, unknown>, bearer: string) {
  const { value, errors } = await mutate(query, variables, bearer);
  expect(value).toBeNull();
  expect(errors).toHaveLength(1);
  const [error] = errors ?? [];
  return { message: error?.message ?? '', code: error?.extensions?.code, field: error?.extensions?.field, error };
}

/** The local (Asia/Shanghai) date `days` days after the first weekday `weekday` (1 Monday) at least two days away. */
function comingWeekday(weekday: number, weeksLater = 0): string {
  const local = new Date(Date.now() + 8 * 3600_000);
  for (let ahead = 2; ahead < 9; ahead++) {
    const day = new Date(local.getTime() + ahead * 86_400_000);
    if ((day.getUTCDay() || 7) === weekday) {
      return new Date(day.getTime() + weeksLater * 7 * 86_400_000).toISOString().slice(0, 10);
    }
  }
  throw new Error('unreachable');
}

const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

const WEEKDAYS_8_TO_18 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '18:00' }));
const RULES = {
  bookableHours: WEEKDAYS_8_TO_18,
  minMinutes: 60,
  maxMinutes: 480,
  minNoticeHours: 24,
  maxAdvanceDays: 60,
  requiresApproval: true,
  cancellationWindowHours: 24,
  cancellationFeeFen: 5000,
  prices: [
    { group: 'OWN_UNIT', unit: 'HOUR', rateFen: 4000 },
    { group: 'IN_PROVINCE_SME', unit: 'HOUR', rateFen: 6400 },
    { group: 'OTHER', unit: 'HOUR', rateFen: 8000, minimumChargeFen: 8000 },
  ],
};

let assetCounter = 0;
/** A salt-spray chamber filed by the Zunyi lab, published by an administrator, opened for booking. */
async function bookableChamber(rules: Record<string, unknown> = RULES): Promise<string> {
  assetCounter += 1;
  const input = {
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
    sharingMode: 'EXTERNAL',
    regionCode: '520300',
    industries: ['AUTOMOTIVE'],
  };
  const filed = await ok<{ id: string; version: number }>(
    'mutation ($input: InstrumentRecordInput!) { createInstrument(input: $input) { id version } }',
    { input },
    ownerUser,
  );
  const submitted = await ok<{ version: number }>(
    'mutation ($id: ID!, $version: Int!) { submitInstrument(id: $id, version: $version) { version } }',
    filed,
    ownerUser,
  );
  await ok(
    'mutation ($id: ID!, $version: Int!) { publishInstrument(id: $id, version: $version) { version } }',
    { id: filed.id, version: submitted.version },
    admin,
  );
  await ok(SET_RULES, { instrumentId: filed.id, input: rules }, ownerUser);
  return filed.id;
}

async function storedBookings(instrumentId: string) {
  const db = await database('instruments');
  const rows = (await db.table('booking').where({ instrument_id: instrumentId }).select('status', 'version')) as {
    status: string;
    version: number;
  }[];
  return rows;
}

async function utilisation(path: string, query: string, bearer: string): Promise<Utilisation> {
  const result = await gatewayQuery<Record<string, { utilisation: Utilisation }>>(query, {}, { bearer });
  expect(result.errors).toBeUndefined();
  const parent = result.data?.[path];
  if (!parent) throw new Error(`no ${path} in the answer`);
  return parent.utilisation;
}

/** An enterprise user's claims, as the gateway would pass them to a subgraph. */
const userOf = (enterpriseId: string): Claims => ({
  userId: `user-of-${enterpriseId}`,
  role: Role.ENTERPRISE_USER,
  enterpriseId,
  platformIds: [],
  scopes: [],
});

beforeAll(async () => {
  ownerUser = await token({ role: Role.ENTERPRISE_USER, sub: 'zunyi-lab', enterpriseId: OWNER });
  smeUser = await token({ role: Role.ENTERPRISE_USER, sub: 'guixin-engineer', enterpriseId: SME });
  otherOwnerUser = await token({ role: Role.ENTERPRISE_USER, sub: 'other-lab', enterpriseId: OTHER_OWNER });
  strangerUser = await token({ role: Role.ENTERPRISE_USER, sub: 'stranger', enterpriseId: STRANGER });
  admin = await token({ role: Role.ADMIN, sub: 'reviewer' });
});

afterAll(async () => {
  const db = await database('instruments');
  const ids = (await db.table('instrument').whereLike('asset_number', `${ASSET_PREFIX}%`).select('id')).map(
    (row) => (row as { id: string }).id,
  );
  const bookings = (await db.table('booking').whereIn('instrument_id', ids).select('id')).map(
    (row) => (row as { id: string }).id,
  );
  const closures = (await db.table('closure').whereIn('instrument_id', ids).select('id')).map(
    (row) => (row as { id: string }).id,
  );
  await db
    .table('change_history')
    .whereIn('record_id', [...ids, ...bookings, ...closures])
    .del();
  await db.table('booking').whereIn('id', bookings).del();
  await db.table('instrument').whereIn('id', ids).del();
});

describe('an SME books a salt-spray chamber, the owner approves and records the work', () => {
  it('finds it free, requests it, sees it approved and completed, and the year’s figures follow', async () => {
    const chamber = await bookableChamber();
    const tuesday = comingWeekday(2);
    const year = Number(tuesday.slice(0, 4));
    const [from, to] = [at(tuesday, '09:00'), at(tuesday, '12:00')];

    // The SME searches for a salt-spray chamber in Zunyi free next Tuesday 09:00–12:00.
    const found = await gatewayQuery<{ searchInstruments: { edges: { node: { id: string } }[] } }>(
      `query ($filter: InstrumentFilter) { searchInstruments(text: "盐雾试验箱", filter: $filter, first: 50) {
        edges { node { id } } } }`,
      { filter: { regionCode: '520300', freeBetween: { from, to, minutes: 180 } } },
      { bearer: smeUser },
    );
    expect(found.errors).toBeUndefined();
    expect(found.data?.searchInstruments.edges.map((edge) => edge.node.id)).toContain(chamber);
    const calendar = await gatewayQuery<{ instrument: { availability: { start: string; end: string }[] } }>(
      `query ($id: ID!, $from: String!, $to: String!) { instrument(id: $id) { availability(from: $from, to: $to) { start end minutes } } }`,
      { id: chamber, from: at(tuesday, '00:00'), to: at(tuesday, '23:59') },
      { bearer: smeUser },
    );
    expect(calendar.data?.instrument.availability).toEqual([
      { start: at(tuesday, '08:00'), end: at(tuesday, '18:00'), minutes: 600 },
    ]);

    const instrumentFigures = `{ instrument(id: "${chamber}") { utilisation(year: ${year}) { ${UTILISATION} } } }`;
    const ownerFigures = `{ enterprise(id: "${OWNER}") { utilisation(year: ${year}) { ${UTILISATION} } } }`;
    const before = await utilisation('instrument', instrumentFigures, ownerUser);
    const ownerBefore = await utilisation('enterprise', ownerFigures, ownerUser);

    const requested = await ok(
      REQUEST,
      { input: { instrumentId: chamber, start: from, end: to, purpose: '液压阀体镀层中性盐雾试验' } },
      smeUser,
    );
    expect(requested).toMatchObject({
      status: 'REQUESTED',
      priceGroup: 'IN_PROVINCE_SME',
      external: true,
      start: from,
      end: to,
      minutes: 180,
      estimatedChargeFen: 3 * 6400,
      requester: { id: SME },
      instrument: { id: chamber },
    });

    // The owner sees it in the queue, and approves it.
    const queue = await gatewayQuery<{
      bookingQueue: { edges: { node: { id: string; requester: { name: string } } }[] };
    }>(
      '{ bookingQueue(first: 100) { totalCount edges { node { id status requester { name } } } } }',
      {},
      { bearer: ownerUser },
    );
    expect(queue.errors).toBeUndefined();
    const queued = queue.data?.bookingQueue.edges.find((edge) => edge.node.id === requested.id);
    expect(queued?.node.requester.name).toBe('遵义贵鑫液压科技有限公司');
    const approved = await ok(APPROVE, { id: requested.id, version: requested.version }, ownerUser);
    expect(approved).toMatchObject({ status: 'APPROVED', version: 2 });

    // The work took 3.5 hours: the charge follows the time used, not the time booked.
    const completed = await ok(
      COMPLETE,
      {
        id: approved.id,
        version: approved.version,
        record: { actualStart: from, actualEnd: at(tuesday, '12:30'), hours: 3.5, way: 'ON_SITE', rating: 5 },
      },
      ownerUser,
    );
    expect(completed).toMatchObject({
      status: 'COMPLETED',
      serviceRecord: { hours: 3.5, way: 'ON_SITE', rating: 5, chargeFen: 3.5 * 6400 },
    });

    const after = await utilisation('instrument', instrumentFigures, ownerUser);
    expect(after.effectiveHours - before.effectiveHours).toBeCloseTo(3.5, 5);
    expect(after.externalHours - before.externalHours).toBeCloseTo(3.5, 5);
    expect(after.services - before.services).toBe(1);
    const ownerAfter = await utilisation('enterprise', ownerFigures, ownerUser);
    expect((ownerAfter.serviceIncomeFen ?? 0) - (ownerBefore.serviceIncomeFen ?? 0)).toBe(3.5 * 6400);
    expect(ownerAfter.effectiveHours - ownerBefore.effectiveHours).toBeCloseTo(3.5, 5);
    // Income is the owner's business: the public sees the hours but not the money.
    const publicView = await gatewayQuery<{ instrument: { utilisation: Utilisation } }>(instrumentFigures);
    expect(publicView.data?.instrument.utilisation).toMatchObject({
      effectiveHours: after.effectiveHours,
      serviceIncomeFen: null,
    });

    const mine = await gatewayQuery<{ myBookings: { edges: { node: Booking }[] } }>(
      `{ myBookings(filter: { instrumentId: "${chamber}", statusIn: [COMPLETED] }) { edges { node { ${BOOKING_FIELDS} } } } }`,
      {},
      { bearer: smeUser },
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.myBookings.edges.map((edge) => edge.node)).toContainEqual(completed);

    // The time is taken now: the search no longer offers it.
    const again = await gatewayQuery<{ searchInstruments: { edges: { node: { id: string } }[] } }>(
      `query ($filter: InstrumentFilter) { searchInstruments(filter: $filter, first: 500) { edges { node { id } } } }`,
      { filter: { regionCode: '520300', freeBetween: { from, to, minutes: 180 } } },
      { bearer: smeUser },
    );
    expect(again.data?.searchInstruments.edges.map((edge) => edge.node.id)).not.toContain(chamber);
  });
});

describe('two bookings of one instrument never overlap', () => {
  it('gives 50 concurrent requests for one slot exactly one booking and 49 CONFLICTs naming the window', async () => {
    const chamber = await bookableChamber({ ...RULES, requiresApproval: false });
    const day = comingWeekday(3);
    const window = { instrumentId: chamber, start: at(day, '10:00'), end: at(day, '12:00') };
    const requesters = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        token({
          role: Role.ENTERPRISE_USER,
          sub: `racer-${i}`,
          enterpriseId: `ent-${String(30 + (i % 30)).padStart(3, '0')}`,
        }),
      ),
    );
    const answers = await Promise.all(requesters.map((bearer) => mutate(REQUEST, { input: window }, bearer)));
    const booked = answers.filter((answer) => answer.value !== null);
    const conflicts = answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(booked).toHaveLength(1);
    expect(booked[0]?.value).toMatchObject({ status: 'APPROVED', start: window.start, end: window.end });
    expect(conflicts).toHaveLength(49);
    for (const { errors } of conflicts) {
      expect(errors?.[0]?.message).toContain(`${day} 10:00–12:00`);
      expect(errors?.[0]?.extensions?.clashes).toEqual([{ kind: 'BOOKING', start: window.start, end: window.end }]);
    }
    expect(await storedBookings(chamber)).toHaveLength(1);
  });
});

describe('a chamber that runs round the clock', () => {
  it('is booked overnight, and the free-time search agrees with its availability across midnight', async () => {
    const chamber = await bookableChamber({
      ...RULES,
      bookableHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })),
      minMinutes: 60,
      maxMinutes: 7 * 24 * 60,
    });
    const friday = comingWeekday(5);
    const saturday = new Date(Date.parse(`${friday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const overnight = await ok(
      REQUEST,
      { input: { instrumentId: chamber, start: at(friday, '20:00'), end: at(saturday, '08:00') } },
      smeUser,
    );
    expect(overnight).toMatchObject({ status: 'REQUESTED', minutes: 12 * 60 });

    const free = await gatewayQuery<{ instrument: { availability: { start: string; end: string }[] } }>(
      `{ instrument(id: "${chamber}") { availability(from: "${at(friday, '00:00')}", to: "${at(saturday, '23:00')}") { start end } } }`,
      {},
      { bearer: smeUser },
    );
    expect(free.data?.instrument.availability).toEqual([
      { start: at(friday, '00:00'), end: at(friday, '20:00') },
      { start: at(saturday, '08:00'), end: at(saturday, '23:00') },
    ]);
    const found = async (from: string, to: string, minutes: number) => {
      const answer = await gatewayQuery<{ instruments: { edges: { node: { id: string } }[] } }>(
        'query ($filter: InstrumentFilter) { instruments(first: 500, filter: $filter) { edges { node { id } } } }',
        { filter: { regionCode: '520300', freeBetween: { from, to, minutes } } },
        { bearer: smeUser },
      );
      expect(answer.errors).toBeUndefined();
      return answer.data?.instruments.edges.some((edge) => edge.node.id === chamber);
    };
    expect(await found(at(friday, '22:00'), at(saturday, '06:00'), 60)).toBe(false);
    expect(await found(at(saturday, '08:00'), at(saturday, '20:00'), 600)).toBe(true);
    // Two free hours either side of the booking, none of them three in a row.
    expect(await found(at(friday, '18:00'), at(saturday, '10:00'), 120)).toBe(true);
    expect(await found(at(friday, '18:00'), at(saturday, '10:00'), 150)).toBe(false);
  });
});

describe('bad requests are refused with a clear error, and nothing is stored', () => {
  let chamber: string;
  let day: string;
  beforeAll(async () => {
    chamber = await bookableChamber();
    day = comingWeekday(4);
  });

  it('refuses windows the rules do not allow', async () => {
    const request = (start: string, end: string) =>
      refused(REQUEST, { input: { instrumentId: chamber, start, end } }, smeUser);
    const reversed = await request(at(day, '12:00'), at(day, '10:00'));
    expect(reversed).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.end' });
    expect(reversed.message).toContain('must be after start');

    const past = await request('2025-03-04T02:00:00.000Z', '2025-03-04T04:00:00.000Z');
    expect(past).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.start' });
    expect(past.message).toContain('in the past');

    const evening = await request(at(day, '19:00'), at(day, '21:00'));
    expect(evening).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.start' });
    expect(evening.message).toContain('outside the bookable hours: Thursday 08:00–18:00');

    const tooShort = await request(at(day, '10:00'), at(day, '10:30'));
    expect(tooShort).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.end' });
    expect(tooShort.message).toContain('60 to 480 minutes');

    const tooSoon = new Date(Date.now() + 3600_000);
    tooSoon.setUTCMinutes(0, 0, 0);
    const rushed = await request(tooSoon.toISOString(), new Date(tooSoon.getTime() + 2 * 3600_000).toISOString());
    expect(rushed).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.start' });
    expect(rushed.message).toContain('minimum notice');

    const garbled = await request('next tuesday', at(day, '10:00'));
    expect(garbled).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.start' });
    expect(await storedBookings(chamber)).toEqual([]);
  });

  it('refuses a window inside a closure, and a closure over a held booking', async () => {
    const closure = await ok<{ id: string; start: string }>(
      ADD_CLOSURE,
      { instrumentId: chamber, input: { start: at(day, '08:00'), end: at(day, '13:00'), reason: '年度计量校准' } },
      ownerUser,
    );
    expect(closure.start).toBe(at(day, '08:00'));
    const closed = await refused(
      REQUEST,
      { input: { instrumentId: chamber, start: at(day, '09:00'), end: at(day, '11:00') } },
      smeUser,
    );
    expect(closed).toMatchObject({ code: 'CONFLICT', field: 'input.start' });
    expect(closed.message).toContain(`a closure holds ${day} 08:00–13:00`);
    expect(await storedBookings(chamber)).toEqual([]);

    // The afternoon is free; once booked, a closure cannot be laid over it.
    const booked = await ok(
      REQUEST,
      { input: { instrumentId: chamber, start: at(day, '14:00'), end: at(day, '16:00') } },
      smeUser,
    );
    const over = await refused(
      ADD_CLOSURE,
      { instrumentId: chamber, input: { start: at(day, '15:00'), end: at(day, '18:00'), reason: '设备检修' } },
      ownerUser,
    );
    expect(over).toMatchObject({ code: 'CONFLICT' });
    expect(over.message).toContain(`another booking holds ${day} 14:00–16:00`);
    const availability = await gatewayQuery<{ instrument: { availability: { start: string; end: string }[] } }>(
      `{ instrument(id: "${chamber}") { availability(from: "${at(day, '00:00')}", to: "${at(day, '23:00')}") { start end } } }`,
      {},
      { bearer: smeUser },
    );
    expect(availability.data?.instrument.availability).toEqual([
      { start: at(day, '13:00'), end: at(day, '14:00') },
      { start: at(day, '16:00'), end: at(day, '18:00') },
    ]);
    // Rejected, the booking gives its time back.
    await ok(REJECT, { id: booked.id, version: booked.version, reason: '该时段设备检修' }, ownerUser);
    await ok(
      ADD_CLOSURE,
      { instrumentId: chamber, input: { start: at(day, '15:00'), end: at(day, '18:00'), reason: '设备检修' } },
      ownerUser,
    );

    // Reopened, the morning can be booked; the closure's life is in the history.
    const notYours = await refused(REMOVE_CLOSURE, { id: closure.id }, smeUser);
    expect(notYours.code).toBe('FORBIDDEN');
    await ok(REMOVE_CLOSURE, { id: closure.id }, ownerUser);
    await ok(REQUEST, { input: { instrumentId: chamber, start: at(day, '09:00'), end: at(day, '11:00') } }, smeUser);
    const history = (await (
      await database('instruments')
    )
      .table('change_history')
      .where({ entity: 'Closure', record_id: closure.id })
      .orderBy('version')
      .select('version', 'changed_by')) as { version: number; changed_by: string }[];
    expect(history).toEqual([
      { version: 1, changed_by: 'zunyi-lab' },
      { version: 2, changed_by: 'zunyi-lab' },
    ]);
  });

  it('lets only the owner decide, and shows a booking to the two units and administrators only', async () => {
    const nextWeek = comingWeekday(2, 1);
    const booking = await ok(
      REQUEST,
      { input: { instrumentId: chamber, start: at(nextWeek, '09:00'), end: at(nextWeek, '11:00') } },
      smeUser,
    );

    const otherOwner = await refused(APPROVE, { id: booking.id, version: booking.version }, otherOwnerUser);
    expect(otherOwner.code).toBe('FORBIDDEN');
    const requesterApproves = await refused(APPROVE, { id: booking.id, version: booking.version }, smeUser);
    expect(requesterApproves.code).toBe('FORBIDDEN');
    expect(requesterApproves.message).toContain(`owner (${OWNER})`);
    const ownerCancels = await refused(CANCEL, { id: booking.id, version: booking.version }, ownerUser);
    expect(ownerCancels.code).toBe('FORBIDDEN');

    const read = `{ booking(id: "${booking.id}") { id status } }`;
    const stranger = await gatewayQuery(read, {}, { bearer: strangerUser });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gatewayQuery(read);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const bearer of [smeUser, ownerUser, admin]) {
      expect((await gatewayQuery(read, {}, { bearer })).data).toEqual({
        booking: { id: booking.id, status: 'REQUESTED' },
      });
    }
    const strangerLists = await gatewayQuery<{
      myBookings: { totalCount: number };
      bookingQueue: { totalCount: number };
    }>(
      `{ myBookings(filter: { instrumentId: "${chamber}" }) { totalCount } bookingQueue(filter: { instrumentId: "${chamber}" }) { totalCount } }`,
      {},
      { bearer: strangerUser },
    );
    expect(strangerLists.data).toEqual({ myBookings: { totalCount: 0 }, bookingQueue: { totalCount: 0 } });
    // Nor through the entity path a gateway plan uses.
    const entities = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Booking { id status } } }`;
    const representations = [{ __typename: 'Booking', id: booking.id }];
    const asStranger = await subgraphQuery(
      'instruments',
      entities,
      { r: representations },
      { claims: userOf(STRANGER) },
    );
    expect(asStranger.data).toEqual({ _entities: [null] });
    const asOwner = await subgraphQuery('instruments', entities, { r: representations }, { claims: userOf(OWNER) });
    expect(asOwner.data).toEqual({ _entities: [{ id: booking.id, status: 'REQUESTED' }] });

    expect(await storedBookings(chamber)).toContainEqual({ status: 'REQUESTED', version: 1 });
  });

  it('keeps to the order of moves, and records a completion only with a sound service record', async () => {
    const nextWeek = comingWeekday(3, 1);
    const booking = await ok(
      REQUEST,
      { input: { instrumentId: chamber, start: at(nextWeek, '09:00'), end: at(nextWeek, '11:00') } },
      smeUser,
    );
    const early = await refused(START, { id: booking.id, version: booking.version }, ownerUser);
    expect(early).toMatchObject({ code: 'CONFLICT', field: 'status' });
    const notYet = await refused(NO_SHOW, { id: booking.id, version: booking.version }, ownerUser);
    expect(notYet.code).toBe('CONFLICT');
    const approved = await ok(APPROVE, { id: booking.id, version: booking.version }, ownerUser);
    const stale = await refused(APPROVE, { id: booking.id, version: booking.version }, ownerUser);
    expect(stale).toMatchObject({ code: 'CONFLICT', field: 'version' });
    const tooEarlyNoShow = await refused(NO_SHOW, { id: approved.id, version: approved.version }, ownerUser);
    expect(tooEarlyNoShow.message).toContain('once that has passed');

    const started = await ok(START, { id: approved.id, version: approved.version }, ownerUser);
    expect(started.status).toBe('IN_USE');
    const record = { actualStart: at(nextWeek, '09:00'), actualEnd: at(nextWeek, '11:00'), way: 'ON_SITE' };
    const tooMany = await refused(
      COMPLETE,
      { id: started.id, version: started.version, record: { ...record, hours: 2.5 } },
      ownerUser,
    );
    expect(tooMany).toMatchObject({ code: 'BAD_USER_INPUT', field: 'record.hours' });
    const badRating = await refused(
      COMPLETE,
      { id: started.id, version: started.version, record: { ...record, rating: 6 } },
      ownerUser,
    );
    expect(badRating).toMatchObject({ code: 'BAD_USER_INPUT', field: 'record.rating' });
    const backwards = await refused(
      COMPLETE,
      { id: started.id, version: started.version, record: { ...record, actualEnd: at(nextWeek, '08:00') } },
      ownerUser,
    );
    expect(backwards).toMatchObject({ code: 'BAD_USER_INPUT', field: 'record.actualEnd' });
    expect(await storedBookings(chamber)).toContainEqual({ status: 'IN_USE', version: 3 });

    // Left out, the hours are the time between start and end.
    const done = await ok(COMPLETE, { id: started.id, version: started.version, record }, ownerUser);
    expect(done.serviceRecord).toMatchObject({ hours: 2, chargeFen: 2 * 6400 });
    const cancelDone = await refused(CANCEL, { id: done.id, version: done.version }, smeUser);
    expect(cancelDone.code).toBe('CONFLICT');
  });

  it('charges the cancellation fee inside the window, not before it', async () => {
    const later = comingWeekday(5, 1);
    const early = await ok(
      REQUEST,
      { input: { instrumentId: chamber, start: at(later, '09:00'), end: at(later, '11:00') } },
      smeUser,
    );
    const approved = await ok(APPROVE, { id: early.id, version: early.version }, ownerUser);
    const cancelled = await ok(CANCEL, { id: approved.id, version: approved.version }, smeUser);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationFeeFen: 0 });

    // A week or more ahead is outside the 24-hour window; widened to three weeks, the window takes
    // it in (the booking is 9 to 16 days ahead, by the weekday this runs on in Guizhou).
    const current = await gatewayQuery<{ instrument: { bookingRules: { version: number } } }>(
      `{ instrument(id: "${chamber}") { bookingRules { version } } }`,
      {},
      { bearer: ownerUser },
    );
    const version = current.data?.instrument.bookingRules.version;
    await ok(
      SET_RULES,
      { instrumentId: chamber, version, input: { ...RULES, cancellationWindowHours: 24 * 21 } },
      ownerUser,
    );
    const inside = await ok(
      REQUEST,
      { input: { instrumentId: chamber, start: at(later, '13:00'), end: at(later, '15:00') } },
      smeUser,
    );
    const approvedInside = await ok(APPROVE, { id: inside.id, version: inside.version }, ownerUser);
    const late = await ok(CANCEL, { id: approvedInside.id, version: approvedInside.version }, smeUser);
    expect(late).toMatchObject({ status: 'CANCELLED', cancellationFeeFen: 5000 });
  });

  it('refuses booking rules that make no sense, naming each field, and keeps the rules as they were', async () => {
    const before = await gatewayQuery(
      `{ instrument(id: "${chamber}") { bookingRules { version minMinutes cancellationWindowHours prices { group } } } }`,
      {},
      { bearer: ownerUser },
    );
    const bad = await refused(
      SET_RULES,
      {
        instrumentId: chamber,
        version: 2,
        input: {
          ...RULES,
          bookableHours: [
            { weekday: 1, opens: '08:00', closes: '12:00' },
            { weekday: 1, opens: '11:00', closes: '14:00' },
            { weekday: 8, opens: '09:00', closes: '9pm' },
          ],
          minMinutes: 120,
          maxMinutes: 60,
          prices: RULES.prices.slice(0, 2),
        },
      },
      ownerUser,
    );
    expect(bad.code).toBe('BAD_USER_INPUT');
    const problems = (bad.error?.extensions?.problems ?? []) as { field: string }[];
    const fields = problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'input.bookableHours[1]',
        'input.bookableHours[2].weekday',
        'input.bookableHours[2].closes',
        'input.maxMinutes',
        'input.prices',
      ]),
    );
    const someoneElse = await refused(SET_RULES, { instrumentId: chamber, version: 2, input: RULES }, otherOwnerUser);
    expect(someoneElse.code).toBe('FORBIDDEN');
    const noVersion = await refused(SET_RULES, { instrumentId: chamber, input: RULES }, ownerUser);
    expect(noVersion).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect(noVersion.message).toContain('send the version you read');
    const after = await gatewayQuery(
      `{ instrument(id: "${chamber}") { bookingRules { version minMinutes cancellationWindowHours prices { group } } } }`,
      {},
      { bearer: ownerUser },
    );
    expect(after.data).toEqual(before.data);

    // The same rules again, in another order and with defaults spelt out: nothing changes.
    const { version, cancellationWindowHours } = (
      before.data as { instrument: { bookingRules: { version: number; cancellationWindowHours: number } } }
    ).instrument.bookingRules;
    const same = {
      ...RULES,
      cancellationWindowHours,
      bookableHours: [...RULES.bookableHours].reverse(),
      prices: RULES.prices.map((price) => ({ minimumChargeFen: 0, ...price })),
    };
    const unchanged = await ok<{ version: number }>(
      SET_RULES,
      { instrumentId: chamber, version, input: same },
      ownerUser,
    );
    expect(unchanged.version).toBe(version);
  });
});

describe('utilisation', () => {
  it('costs the same statements for a page of 5 instruments as for 200', async () => {
    const page = (first: number) =>
      gatewayQuery(
        `{ instruments(first: ${first}) { edges { node { id utilisation(year: 2025) { effectiveHours }
            bookingRules { minMinutes } availability(from: "2026-12-07T00:00:00Z", to: "2026-12-12T00:00:00Z") { start } } } } }`,
        {},
        { bearer: admin },
      );
    const small = await countStatements(() => page(5));
    const large = await countStatements(() => page(200));
    expect(large).toEqual(small);
  });

  it('costs the same statements for 2 enterprises as for all of them, and for every region', async () => {
    const page = (first: number) =>
      gatewayQuery(
        `{ enterprises(first: ${first}) { edges { node { utilisation(year: 2025) { effectiveHours serviceIncomeFen } } } }
           regions { utilisation(year: 2025) { effectiveHours } } platforms(first: ${first}) { edges { node { utilisation(year: 2025) { services } } } } }`,
        {},
        { bearer: admin },
      );
    const small = await countStatements(() => page(2));
    const large = await countStatements(() => page(500));
    expect(large).toEqual(small);
    // One statement for the enterprises' figures, one for the regions', one for the platforms'.
    expect(small.instruments).toBe(3);
  });

  it('adds up: a region’s figures are the sum of its instruments’', async () => {
    const answer = await gatewayQuery<{
      region: { utilisation: Utilisation; instruments: { edges: { node: { utilisation: Utilisation } }[] } };
    }>(
      `{ region(code: "520300") { utilisation(year: 2025) { ${UTILISATION} }
          instruments(first: 500) { edges { node { utilisation(year: 2025) { ${UTILISATION} } } } } } }`,
      {},
      { bearer: admin },
    );
    expect(answer.errors).toBeUndefined();
    const region = answer.data?.region;
    const instruments = region?.instruments.edges.map((edge) => edge.node.utilisation) ?? [];
    const sum = (pick: (u: Utilisation) => number) => instruments.reduce((total, u) => total + pick(u), 0);
    expect(region?.utilisation.effectiveHours).toBeCloseTo(
      sum((u) => u.effectiveHours),
      1,
    );
    expect(region?.utilisation.services).toBe(sum((u) => u.services));
    expect(region?.utilisation.serviceIncomeFen).toBe(sum((u) => u.serviceIncomeFen ?? 0));
    expect(region?.utilisation.services).toBeGreaterThan(0);
  });

  it('refuses a year outside the records', async () => {
    const answer = await gatewayQuery(`{ instrument(id: "ins-001") { utilisation(year: 1990) { effectiveHours } } }`);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });
});
