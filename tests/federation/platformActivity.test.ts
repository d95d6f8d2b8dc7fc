/**
 * A platform's activity through the graph, year by year, as the assessments subgraph will read
 * it: an SME opens threads with a Guiyang testing platform and the operator answers one (late,
 * another), an order is quoted, worked, paid and settled through the provider's callback, and the
 * current year's figures move by exactly that; credentials count as their status says; every
 * caller reads the same counts; a page of platforms costs the same statements as two.
 */
import { randomUUID } from 'node:crypto';
import { Role, todayInGuizhou } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedPaymentProvider } from '../../subgraphs/platforms/src/payments/simulator.ts';
import {
  countStatements,
  database,
  gatewayQuery,
  PAYMENT_CALLBACK_SECRET,
  subgraphQuery,
  subgraphUrl,
  token,
} from '../support/federation.ts';

const PLATFORM = 'plt-14';
const SERVICE = 'svc-054';
const SME = 'ent-033';
const DAY_MS = 86_400_000;

interface ActivityYear {
  year: number;
  credentialsInForce: number;
  threadsOpened: number;
  threadsAnsweredWithinDays: number[];
  ordersSettled: number;
}

interface Versioned {
  id: string;
  version: number;
  status: string;
}

const ACTIVITY = 'activity { year credentialsInForce threadsOpened threadsAnsweredWithinDays ordersSettled }';
const PLATFORM_ACTIVITY = `query ($id: ID!) { platform(id: $id) { id ${ACTIVITY} } }`;
const PAGE = `query ($first: Int!) { platforms(first: $first) { edges { node {
  id establishedYear credentials { status validFrom validUntil } ${ACTIVITY} } } } }`;

let sme: string;
let operator: string;
let admin: string;
let provider: SimulatedPaymentProvider;
const currentYear = Number(todayInGuizhou().slice(0, 4));
/** Threads this file opened and no quote refers to: removed afterwards. */
const scratchThreads: string[] = [];

async function ok<T>(query: string, variables: Record<string, unknown>, bearer?: string): Promise<T> {
  const answer = await gatewayQuery<T>(query, variables, bearer ? { bearer } : {});
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
}

/** The platform's entry for the current year, as an anonymous caller reads it. */
async function thisYear(bearer?: string): Promise<ActivityYear> {
  const { platform } = await ok<{ platform: { activity: ActivityYear[] } }>(
    PLATFORM_ACTIVITY,
    { id: PLATFORM },
    bearer,
  );
  const entry = platform.activity.at(-1) as ActivityYear;
  expect(entry.year).toBe(currentYear);
  return entry;
}

/** Element-wise difference of two years' figures. */
function moved(before: ActivityYear, after: ActivityYear) {
  return {
    credentialsInForce: after.credentialsInForce - before.credentialsInForce,
    threadsOpened: after.threadsOpened - before.threadsOpened,
    threadsAnsweredWithinDays: after.threadsAnsweredWithinDays.map(
      (count, i) => count - (before.threadsAnsweredWithinDays[i] ?? 0),
    ),
    ordersSettled: after.ordersSettled - before.ordersSettled,
  };
}

const unchanged = { credentialsInForce: 0, threadsOpened: 0, ordersSettled: 0 };
const zeros = Array.from({ length: 30 }, () => 0);

async function openThread(subject: string): Promise<Versioned> {
  const { openThread: thread } = await ok<{ openThread: Versioned }>(
    'mutation ($input: OpenThreadInput!) { openThread(input: $input) { id version status } }',
    { input: { platformId: PLATFORM, serviceId: SERVICE, subject, body: '请问检测周期和报价？' } },
    sme,
  );
  return thread;
}

async function answer(threadId: string): Promise<string> {
  const { postMessage } = await ok<{ postMessage: { id: string } }>(
    'mutation ($threadId: ID!, $input: MessageInput!) { postMessage(threadId: $threadId, input: $input) { id } }',
    { threadId, input: { body: '您好，周期约10个工作日，报价随后发出。' } },
    operator,
  );
  return postMessage.id;
}

/** Messages are history the database keeps; a test moving one in time lifts the guard for that alone. */
async function withMessagesEditable(work: () => Promise<unknown>): Promise<void> {
  const db = await database('platforms');
  await db.raw(`alter table "${db.schema}".message disable trigger message_is_history`);
  try {
    await work();
  } finally {
    await db.raw(`alter table "${db.schema}".message enable trigger message_is_history`);
  }
}

beforeAll(async () => {
  sme = await token({ role: Role.ENTERPRISE_USER, sub: 'activity-sme', enterpriseId: SME });
  operator = await token({ role: Role.PLATFORM_OPERATOR, sub: `operator-${PLATFORM}`, platformIds: [PLATFORM] });
  admin = await token({ role: Role.ADMIN, sub: 'department-assessor' });
  provider = new SimulatedPaymentProvider(new URL(await subgraphUrl('platforms')).origin, PAYMENT_CALLBACK_SECRET);
});

afterAll(async () => {
  const db = await database('platforms');
  await withMessagesEditable(() => db.table('message').whereIn('thread_id', scratchThreads).del());
  await db.table('change_history').whereIn('record_id', scratchThreads).del();
  await db.table('thread').whereIn('id', scratchThreads).del();
});

describe("a platform's activity, year by year", () => {
  it('counts a thread opened and answered the same day in all thirty answer counts', async () => {
    const before = await thisYear();
    const thread = await openThread('咨询三坐标测量');
    scratchThreads.push(thread.id);
    const opened = await thisYear();
    // Opened but not yet answered: only the threads opened move.
    expect(moved(before, opened)).toEqual({ ...unchanged, threadsOpened: 1, threadsAnsweredWithinDays: zeros });

    await answer(thread.id);
    const answered = await thisYear();
    expect(moved(before, answered)).toEqual({
      ...unchanged,
      threadsOpened: 1,
      threadsAnsweredWithinDays: zeros.map(() => 1),
    });
    // The enterprise writing again does not count as an answer, nor does the platform's second message.
    await answer(thread.id);
    expect(await thisYear()).toEqual(answered);
  });

  it('leaves a thread nobody answered out of every answer count', async () => {
    const before = await thisYear();
    const thread = await openThread('咨询表面粗糙度检测');
    scratchThreads.push(thread.id);
    expect(moved(before, await thisYear())).toEqual({
      ...unchanged,
      threadsOpened: 1,
      threadsAnsweredWithinDays: zeros,
    });
  });

  it('counts an answer two and a half days after opening from the third day on', async () => {
    const before = await thisYear();
    const thread = await openThread('咨询齿轮精度检测');
    scratchThreads.push(thread.id);
    const messageId = await answer(thread.id);
    // The answer came 2.5 days after the opening (moved in time: a test cannot wait that long).
    const db = await database('platforms');
    const opened = (await db.table('thread').where({ id: thread.id }).first('created_at')) as { created_at: Date };
    await withMessagesEditable(() =>
      db
        .table('message')
        .where({ id: messageId })
        .update({ created_at: new Date(new Date(opened.created_at).getTime() + 2.5 * DAY_MS) }),
    );
    const after = moved(before, await thisYear());
    expect(after.threadsOpened).toBe(1);
    expect(after.threadsAnsweredWithinDays).toEqual(zeros.map((_, i) => (i + 1 >= 3 ? 1 : 0)));
  });

  it('counts an order settled by its payment, not before', async () => {
    const before = await thisYear();
    const thread = await openThread('委托三坐标测量');
    const { quoteThread: quote } = await ok<{ quoteThread: Versioned }>(
      `mutation ($threadId: ID!, $version: Int!, $input: QuoteInput!) {
        quoteThread(threadId: $threadId, version: $version, input: $input) { id version status } }`,
      {
        threadId: thread.id,
        version: thread.version,
        input: {
          description: '三坐标测量，含检测报告',
          amountFen: 80_000,
          validUntil: new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10),
        },
      },
      operator,
    );
    let { acceptQuote: order } = await ok<{ acceptQuote: Versioned }>(
      'mutation ($id: ID!, $version: Int!) { acceptQuote(quoteId: $id, version: $version) { id version status } }',
      { id: quote.id, version: quote.version },
      sme,
    );
    for (const [to, bearer] of [
      ['IN_PROGRESS', operator],
      ['DELIVERED', operator],
      ['ACCEPTED', sme],
    ] as const) {
      order = (
        await ok<{ moveOrder: Versioned }>(
          `mutation ($id: ID!, $version: Int!, $to: OrderStatus!) {
            moveOrder(orderId: $id, version: $version, to: $to) { id version status } }`,
          { id: order.id, version: order.version, to },
          bearer,
        )
      ).moveOrder;
    }
    // Accepted, not yet paid: not settled.
    expect((await thisYear()).ordersSettled).toBe(before.ordersSettled);
    const { payOrder: payment } = await ok<{ payOrder: { id: string; cashFen: number } }>(
      `mutation ($orderId: ID!, $key: String!) { payOrder(orderId: $orderId, idempotencyKey: $key) { id cashFen } }`,
      { orderId: order.id, key: randomUUID() },
      sme,
    );
    expect((await thisYear()).ordersSettled).toBe(before.ordersSettled);
    const delivered = await provider.deliver({ paymentId: payment.id, amountFen: payment.cashFen });
    expect(delivered.status).toBe(200);
    const { order: settled } = await ok<{ order: { status: string } }>(
      'query ($id: ID!) { order(id: $id) { status } }',
      { id: order.id },
      sme,
    );
    expect(settled.status).toBe('SETTLED');
    // The thread the order came from counts as opened, unanswered by a message.
    expect(moved(before, await thisYear())).toEqual({
      ...unchanged,
      threadsOpened: 1,
      threadsAnsweredWithinDays: zeros,
      ordersSettled: 1,
    });
  });

  it('lists every year ascending to this one, with the credentials in force at each year end', async () => {
    const { platforms } = await ok<{
      platforms: {
        edges: {
          node: {
            id: string;
            establishedYear: number | null;
            credentials: { status: string; validFrom: string; validUntil: string }[];
            activity: ActivityYear[];
          };
        }[];
      };
    }>(PAGE, { first: 100 });
    expect(platforms.edges.length).toBeGreaterThanOrEqual(20);
    const today = todayInGuizhou();
    for (const { node } of platforms.edges) {
      const years = node.activity.map((entry) => entry.year);
      // Threads and orders of the demo data and of the tests are all this year's: the credentials
      // and the year established decide where the list starts.
      const firstCredential = Math.min(...node.credentials.map((c) => Number(c.validFrom.slice(0, 4))));
      const first = Math.max(2000, Math.min(node.establishedYear ?? currentYear, firstCredential, currentYear));
      expect(years).toEqual(Array.from({ length: currentYear - first + 1 }, (_, i) => first + i));
      for (const entry of node.activity) {
        expect(entry.threadsAnsweredWithinDays).toHaveLength(30);
        const day = entry.year === currentYear ? today : `${entry.year}-12-31`;
        expect(entry.credentialsInForce, `${node.id} in ${entry.year}`).toBe(
          node.credentials.filter((c) => c.validFrom <= day && day <= c.validUntil).length,
        );
      }
      // This year's count is the credentials whose status is IN_FORCE.
      expect(node.activity.at(-1)?.credentialsInForce).toBe(
        node.credentials.filter((c) => c.status === 'IN_FORCE').length,
      );
    }
    // The platform of this file: established 2018, a credential expired in 2025 still counts for 2024.
    const mine = platforms.edges.find(({ node }) => node.id === PLATFORM)?.node;
    expect(mine?.activity[0]?.year).toBe(2018);
    expect(mine?.activity.find((entry) => entry.year === 2024)?.credentialsInForce).toBe(3);
    expect(mine?.activity.find((entry) => entry.year === currentYear)?.credentialsInForce).toBe(2);
  });

  it('gives every caller the same figures', async () => {
    const query = `query { platforms(first: 100) { edges { node { id ${ACTIVITY} } } } }`;
    const anonymous = await ok<unknown>(query, {});
    expect(await ok<unknown>(query, {}, admin)).toEqual(anonymous);
    expect(await ok<unknown>(query, {}, operator)).toEqual(anonymous);
    expect(await ok<unknown>(query, {}, sme)).toEqual(anonymous);
    // And this file's threads and order are in what the anonymous caller reads.
    expect(await thisYear(admin)).toEqual(await thisYear());
    expect((await thisYear()).threadsOpened).toBeGreaterThanOrEqual(4);
  });

  it('costs the same statements for a page of 20 platforms as for 2, through the gateway and _entities', async () => {
    const query = `query ($first: Int!) { platforms(first: $first) { edges { node { id ${ACTIVITY} } } } }`;
    let sizes: number[] = [];
    const forTwo = await countStatements(async () => {
      sizes.push((await ok<{ platforms: { edges: unknown[] } }>(query, { first: 2 })).platforms.edges.length);
    });
    const forTwenty = await countStatements(async () => {
      sizes.push((await ok<{ platforms: { edges: unknown[] } }>(query, { first: 20 })).platforms.edges.length);
    });
    expect(sizes).toEqual([2, 20]);
    expect(forTwenty).toEqual(forTwo);
    // The page, then one statement for every platform's years.
    expect(forTwo.platforms).toBe(2);

    // As the assessments subgraph will fetch it: platforms by reference, in one batch.
    const entities = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Platform { id ${ACTIVITY} } } }`;
    const ids = Array.from({ length: 20 }, (_, i) => `plt-${String(i + 1).padStart(2, '0')}`);
    sizes = [];
    const byReference = async (count: number) =>
      countStatements(async () => {
        const result = await subgraphQuery<{ _entities: { id: string; activity: ActivityYear[] }[] }>(
          'platforms',
          entities,
          { representations: ids.slice(0, count).map((id) => ({ __typename: 'Platform', id })) },
        );
        expect(result.errors).toBeUndefined();
        sizes.push(result.data?._entities.filter((entity) => entity.activity.length > 0).length ?? 0);
      });
    const referencesOfTwo = await byReference(2);
    const referencesOfTwenty = await byReference(20);
    expect(sizes).toEqual([2, 20]);
    expect(referencesOfTwenty).toEqual(referencesOfTwo);
    expect(referencesOfTwo.platforms).toBe(2);
  });
});
