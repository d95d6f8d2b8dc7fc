/**
 * Work done on instruments through the gateway, as their owners and users do it: filing and
 * publishing a bookable instrument, and a booking requested, approved and completed with its
 * service record. Tests that need machine hours in a year make them this way.
 */
import { expect } from 'vitest';
import { database, gatewayQuery } from './federation.ts';

export interface InstrumentWorkers {
  /** A user of the owning enterprise. */
  owner: string;
  /** An administrator, who publishes the record. */
  admin: string;
  /** A user of another enterprise, who books it. */
  user: string;
}

async function ok<T>(query: string, variables: Record<string, unknown>, bearer: string): Promise<T> {
  const answer = await gatewayQuery<Record<string, T>>(query, variables, { bearer });
  expect(answer.errors).toBeUndefined();
  return Object.values(answer.data ?? {})[0] as T;
}

export const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

/** The first Tuesday at least two days away (Asia/Shanghai), a day any bookable instrument takes bookings. */
export function comingTuesday(): string {
  const local = new Date(Date.now() + 8 * 3600_000);
  for (let ahead = 2; ; ahead++) {
    const day = new Date(local.getTime() + ahead * 86_400_000);
    if (day.getUTCDay() === 2) return day.toISOString().slice(0, 10);
  }
}

/** Files, publishes and opens for booking an EXTERNAL coordinate measuring machine on a platform. */
export async function bookableInstrument(
  workers: InstrumentWorkers,
  { assetNumber, platformId, regionCode }: { assetNumber: string; platformId: string; regionCode: string },
): Promise<string> {
  const input = {
    assetNumber,
    name: '三坐标测量机',
    nameEn: 'Coordinate measuring machine',
    classCode: '100203',
    source: 'PURCHASED',
    originalValue: 128.5,
    country: '中国',
    manufacturer: '海克斯康测量技术（青岛）有限公司',
    model: 'Global S 9.15.8',
    startOfUse: '2023-06-01',
    purpose: 'GENERAL',
    technicalIndicators: '测量范围900×1500×800 mm；示值误差MPEE≤1.5+L/333 μm。',
    mainFunctions: '用于航空结构件和汽车零部件的尺寸与形位公差检测。',
    sharingMode: 'EXTERNAL',
    regionCode,
    industries: ['AVIATION'],
    platformId,
  };
  const filed = await ok<{ id: string; version: number }>(
    'mutation ($input: InstrumentRecordInput!) { createInstrument(input: $input) { id version } }',
    { input },
    workers.owner,
  );
  const submitted = await ok<{ version: number }>(
    'mutation ($id: ID!, $version: Int!) { submitInstrument(id: $id, version: $version) { version } }',
    filed,
    workers.owner,
  );
  await ok(
    'mutation ($id: ID!, $version: Int!) { publishInstrument(id: $id, version: $version) { version } }',
    { id: filed.id, version: submitted.version },
    workers.admin,
  );
  await ok(
    'mutation ($id: ID!, $input: BookingRulesInput!) { setBookingRules(instrumentId: $id, input: $input) { version } }',
    {
      id: filed.id,
      input: {
        bookableHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '18:00' })),
        minMinutes: 60,
        maxMinutes: 480,
        minNoticeHours: 0,
        maxAdvanceDays: 60,
        prices: [
          { group: 'OWN_UNIT', unit: 'HOUR', rateFen: 20000 },
          { group: 'IN_PROVINCE_SME', unit: 'HOUR', rateFen: 30000 },
          { group: 'OTHER', unit: 'HOUR', rateFen: 40000 },
        ],
      },
    },
    workers.owner,
  );
  return filed.id;
}

const BOOKING = 'id version status';

/**
 * The user books the instrument next Tuesday for four hours from `bookedFrom` (08:00 to 14:00), the
 * owner approves and records `hours` worked on `day` (the service record's date decides the year
 * the hours count in).
 */
export async function completedBooking(
  workers: InstrumentWorkers,
  instrumentId: string,
  { day, hours, rating, bookedFrom = 9 }: { day: string; hours: number; rating: number; bookedFrom?: number },
): Promise<void> {
  const tuesday = comingTuesday();
  const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const window = { start: at(tuesday, hour(bookedFrom)), end: at(tuesday, hour(bookedFrom + 4)) };
  const requested = await ok<{ id: string; version: number }>(
    `mutation ($input: BookingRequestInput!) { requestBooking(input: $input) { ${BOOKING} } }`,
    { input: { instrumentId, ...window, purpose: '机匣尺寸检测' } },
    workers.user,
  );
  const approved = await ok<{ id: string; version: number }>(
    `mutation ($id: ID!, $version: Int!) { approveBooking(id: $id, version: $version) { ${BOOKING} } }`,
    requested,
    workers.owner,
  );
  const completed = await ok<{ status: string }>(
    `mutation ($id: ID!, $version: Int!, $record: ServiceRecordInput!) {
      completeBooking(id: $id, version: $version, record: $record) { ${BOOKING} } }`,
    {
      ...approved,
      record: { actualStart: at(day, '09:00'), actualEnd: at(day, '13:00'), hours, way: 'ON_SITE', rating },
    },
    workers.owner,
  );
  expect(completed.status).toBe('COMPLETED');
}

/** Removes the instruments a test filed (by asset number prefix), their bookings and their history. */
export async function removeFiledInstruments(assetPrefix: string): Promise<void> {
  const db = await database('instruments');
  const ids = (await db.table('instrument').whereLike('asset_number', `${assetPrefix}%`).select('id')).map(
    (row) => (row as { id: string }).id,
  );
  const bookings = (await db.table('booking').whereIn('instrument_id', ids).select('id')).map(
    (row) => (row as { id: string }).id,
  );
  await db
    .table('change_history')
    .whereIn('record_id', [...ids, ...bookings])
    .del();
  await db.table('booking').whereIn('id', bookings).del();
  await db.table('instrument').whereIn('id', ids).del();
}
