/**
 * Quotes and orders through the gateway: an SME asks a platform, the operator quotes on the
 * thread, the SME accepts and an order follows the work; disputes go to an administrator. Only the
 * two parties and administrators see a quote or an order, by every path; bad amounts, a stale or
 * second acceptance, a withdrawn service and moves out of turn are refused, and nothing changes.
 */
import { type Claims, Role } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, gatewayQuery, subgraphQuery, token } from '../support/federation.ts';

const SME = 'ent-031';
const THIRD = 'ent-040';
const PLATFORM = 'plt-06';

let sme: string;
let third: string;
let operator: string;
let admin: string;
const threads: string[] = [];
const services: string[] = [];

const OPEN = `mutation ($input: OpenThreadInput!) { openThread(input: $input) { id version } }`;
const QUOTE = `mutation ($threadId: ID!, $version: Int!, $input: QuoteInput!) {
  quoteThread(threadId: $threadId, version: $version, input: $input) {
    id version status amountFen validUntil service { id } thread { id status } } }`;
const ACCEPT = `mutation ($quoteId: ID!, $version: Int!) {
  acceptQuote(quoteId: $quoteId, version: $version) { id version status amountFen quote { id status } } }`;
const MOVE = `mutation ($orderId: ID!, $version: Int!, $to: OrderStatus!, $reason: String) {
  moveOrder(orderId: $orderId, version: $version, to: $to, reason: $reason) { id version status disputeReason resolution } }`;

const nextMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

interface Placed {
  id: string;
  version: number;
  status: string;
}

async function quotedThread(amountFen = 60_000, serviceId = 'svc-023') {
  const opened = await gatewayQuery<{ openThread: { id: string; version: number } }>(
    OPEN,
    {
      input: {
        platformId: PLATFORM,
        serviceId,
        subject: '480小时中性盐雾试验报价',
        body: '请报价：紧固件20件，480小时。',
      },
    },
    { bearer: sme },
  );
  expect(opened.errors).toBeUndefined();
  const thread = opened.data?.openThread as { id: string; version: number };
  threads.push(thread.id);
  const quoted = await gatewayQuery<{
    quoteThread: Placed & { amountFen: number; thread: { status: string }; service: { id: string } | null };
  }>(
    QUOTE,
    {
      threadId: thread.id,
      version: thread.version,
      input: { description: '中性盐雾试验480小时，20件试样，含CMA报告', amountFen, validUntil: nextMonth() },
    },
    { bearer: operator },
  );
  return { thread, quoted };
}

async function placedOrder(): Promise<Placed> {
  const { quoted } = await quotedThread();
  const quote = quoted.data?.quoteThread as Placed;
  const accepted = await gatewayQuery<{ acceptQuote: Placed }>(
    ACCEPT,
    { quoteId: quote.id, version: quote.version },
    { bearer: sme },
  );
  expect(accepted.errors).toBeUndefined();
  return accepted.data?.acceptQuote as Placed;
}

async function move(order: Placed, to: string, bearer: string, reason?: string) {
  return gatewayQuery<{ moveOrder: Placed & { disputeReason: string | null; resolution: string | null } }>(
    MOVE,
    { orderId: order.id, version: order.version, to, reason },
    { bearer },
  );
}

beforeAll(async () => {
  sme = await token({ role: Role.ENTERPRISE_USER, sub: 'orders-sme', enterpriseId: SME });
  third = await token({ role: Role.ENTERPRISE_USER, sub: 'orders-third', enterpriseId: THIRD });
  operator = await token({ role: Role.PLATFORM_OPERATOR, sub: 'operator-plt-06', platformIds: [PLATFORM] });
  admin = await token({ role: Role.ADMIN, sub: 'department' });
});

afterAll(async () => {
  const db = await database('platforms');
  const quotes = (await db.table('quote').whereIn('thread_id', threads).select('id')).map(
    (r) => (r as { id: string }).id,
  );
  const orders = (await db.table('service_order').whereIn('quote_id', quotes).select('id')).map(
    (r) => (r as { id: string }).id,
  );
  await db.table('service_order').whereIn('id', orders).del();
  await db.table('thread').whereIn('id', threads).update({ quote_id: null });
  await db.table('quote').whereIn('id', quotes).del();
  await db.raw(`alter table "${db.schema}".message disable trigger message_is_history`);
  try {
    await db.table('message').whereIn('thread_id', threads).del();
  } finally {
    await db.raw(`alter table "${db.schema}".message enable trigger message_is_history`);
  }
  await db
    .table('change_history')
    .whereIn('record_id', [...threads, ...quotes, ...orders, ...services])
    .del();
  await db.table('thread').whereIn('id', threads).del();
  await db.table('service').whereIn('id', services).del();
});

describe('a quote on a thread becomes an order that follows the work', () => {
  it('is quoted by the operator, accepted by the SME, started, delivered and accepted', async () => {
    const { quoted } = await quotedThread();
    expect(quoted.errors).toBeUndefined();
    const quote = quoted.data?.quoteThread as Placed;
    expect(quote).toMatchObject({
      status: 'OFFERED',
      amountFen: 60_000,
      thread: { status: 'QUOTED' },
      service: { id: 'svc-023' },
    });

    const accepted = await gatewayQuery<{ acceptQuote: Placed & { quote: { status: string } } }>(
      ACCEPT,
      { quoteId: quote.id, version: quote.version },
      { bearer: sme },
    );
    expect(accepted.errors).toBeUndefined();
    let order = accepted.data?.acceptQuote as Placed;
    expect(accepted.data?.acceptQuote).toMatchObject({
      status: 'PLACED',
      amountFen: 60_000,
      quote: { status: 'ACCEPTED' },
    });
    const again = await gatewayQuery(ACCEPT, { quoteId: quote.id, version: 2 }, { bearer: sme });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // Out of turn: the SME cannot start the work; nobody jumps to DELIVERED from PLACED.
    expect((await move(order, 'IN_PROGRESS', sme)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await move(order, 'DELIVERED', operator)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    for (const [to, bearer] of [
      ['IN_PROGRESS', operator],
      ['DELIVERED', operator],
      ['ACCEPTED', sme],
    ] as const) {
      const moved = await move(order, to, bearer);
      expect(moved.errors).toBeUndefined();
      order = moved.data?.moveOrder as Placed;
      expect(order.status).toBe(to);
    }
    // Settling is the payment's work.
    const settle = await move(order, 'SETTLED', admin);
    expect(settle.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(settle.errors?.[0]?.message).toMatch(/settled by its payment/);
    const mine = await gatewayQuery<{ orders: { edges: { node: { id: string } }[] } }>(
      '{ orders(first: 100) { edges { node { id } } } }',
      {},
      { bearer: sme },
    );
    expect(mine.data?.orders.edges.map((edge) => edge.node.id)).toContain(order.id);
  });

  it('goes to an administrator when disputed, with a reason', async () => {
    let order = await placedOrder();
    order = (await move(order, 'IN_PROGRESS', operator)).data?.moveOrder as Placed;
    const bare = await move(order, 'DISPUTED', sme);
    expect(bare.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const disputed = await move(order, 'DISPUTED', sme, '试验中途停机两天，未按约定时长完成');
    expect(disputed.data?.moveOrder).toMatchObject({
      status: 'DISPUTED',
      disputeReason: '试验中途停机两天，未按约定时长完成',
    });
    order = disputed.data?.moveOrder as Placed;
    expect((await move(order, 'ACCEPTED', operator, '我方已补足时长')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const resolved = await move(order, 'IN_PROGRESS', admin, '平台补做停机时长后重新交付');
    expect(resolved.data?.moveOrder).toMatchObject({ status: 'IN_PROGRESS', resolution: '平台补做停机时长后重新交付' });
  });
});

describe('quotes and orders are the two parties’ only', () => {
  it('are read by no third enterprise, anonymous caller or direct _entities request', async () => {
    const order = await placedOrder();
    const db = await database('platforms');
    const { quote_id: quoteId } = (await db.table('service_order').where({ id: order.id }).first('quote_id')) as {
      quote_id: string;
    };
    const READ = `{ quote(id: "${quoteId}") { id amountFen } order(id: "${order.id}") { id amountFen } orders { totalCount edges { node { id } } } }`;
    for (const bearer of [third, undefined]) {
      const read = await gatewayQuery<{
        quote: unknown;
        order: unknown;
        orders: { edges: { node: { id: string } }[] };
      }>(READ, {}, bearer ? { bearer } : {});
      expect(read.data?.quote).toBeNull();
      expect(read.data?.order).toBeNull();
      expect(read.data?.orders.edges.map((edge) => edge.node.id)).not.toContain(order.id);
      const accept = await gatewayQuery(ACCEPT, { quoteId, version: 2 }, bearer ? { bearer } : {});
      expect(accept.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const moved = await gatewayQuery(
        MOVE,
        { orderId: order.id, version: 1, to: 'CANCELLED' },
        bearer ? { bearer } : {},
      );
      expect(moved.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Quote { id amountFen } ... on Order { id amountFen } } }`;
    const representations = [
      { __typename: 'Quote', id: quoteId },
      { __typename: 'Order', id: order.id },
    ];
    const claimsOf = (role: Claims['role'], enterpriseId: string | null): Claims => ({
      userId: 'probe',
      role,
      enterpriseId,
      platformIds: role === Role.PLATFORM_OPERATOR ? ['plt-01'] : [],
      scopes: [],
    });
    for (const claims of [
      claimsOf(Role.ENTERPRISE_USER, THIRD),
      claimsOf(Role.PUBLIC, null),
      claimsOf(Role.PLATFORM_OPERATOR, null),
      claimsOf(Role.PARTNER, null),
    ]) {
      const direct = await subgraphQuery<{ _entities: unknown[] }>(
        'platforms',
        ENTITIES,
        { r: representations },
        { claims },
      );
      expect(direct.data?._entities).toEqual([null, null]);
    }
  });
});

describe('what is refused, with nothing changed', () => {
  it('refuses a zero, negative or fractional amount and a past validity', async () => {
    const opened = await gatewayQuery<{ openThread: { id: string; version: number } }>(
      OPEN,
      { input: { platformId: PLATFORM, subject: '询价', body: '请报价。' } },
      { bearer: sme },
    );
    const thread = opened.data?.openThread as { id: string; version: number };
    threads.push(thread.id);
    const input = { description: '测试报价', amountFen: 100, validUntil: nextMonth() };
    const cases: [Record<string, unknown>, string | null][] = [
      [{ amountFen: 0 }, 'input.amountFen'],
      [{ amountFen: -100 }, null],
      [{ amountFen: 10.5 }, null],
      [{ validUntil: '2025-01-01' }, 'input.validUntil'],
      [{ description: ' ' }, 'input.description'],
    ];
    for (const [overrides, field] of cases) {
      const answer = await gatewayQuery(
        QUOTE,
        { threadId: thread.id, version: thread.version, input: { ...input, ...overrides } },
        { bearer: operator },
      );
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      if (field) expect(answer.errors?.[0]?.extensions?.field).toBe(field);
    }
    const db = await database('platforms');
    expect(await db.table('quote').where({ thread_id: thread.id }).first()).toBeUndefined();
    expect(await db.table('thread').where({ id: thread.id }).first('status')).toEqual({ status: 'OPEN' });
  });

  it('refuses an order for a withdrawn service, and the database refuses a move the table does not list', async () => {
    const SAVE = `mutation ($input: ServiceInput!) { saveService(platformId: "${PLATFORM}", input: $input) { id version } }`;
    const saved = await gatewayQuery<{ saveService: { id: string; version: number } }>(
      SAVE,
      {
        input: {
          name: '盐雾试验加急（测试）',
          unit: 'SAMPLE',
          priceMinFen: 80_000,
          priceMaxFen: 80_000,
          leadTimeDays: 3,
        },
      },
      { bearer: operator },
    );
    const service = saved.data?.saveService as { id: string; version: number };
    services.push(service.id);
    const { quoted } = await quotedThread(80_000, service.id);
    const quote = quoted.data?.quoteThread as Placed;
    const removed = await gatewayQuery(
      `mutation { removeService(id: "${service.id}", version: ${service.version}) }`,
      {},
      { bearer: operator },
    );
    expect(removed.errors).toBeUndefined();
    const accept = await gatewayQuery(ACCEPT, { quoteId: quote.id, version: 2 }, { bearer: sme });
    expect(accept.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const db = await database('platforms');
    expect(await db.table('service_order').where({ quote_id: quote.id }).first()).toBeUndefined();

    const order = await placedOrder();
    await expect(db.table('service_order').where({ id: order.id }).update({ status: 'SETTLED' })).rejects.toThrow(
      /cannot go from PLACED to SETTLED/,
    );
  });
});
