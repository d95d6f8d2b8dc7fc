/**
 * Settling money through the gateway, as the people involved would: the department opens a
 * voucher scheme and grants an SME a voucher; the SME gets a quote on a thread for salt-spray
 * testing, orders, pays 60% with the voucher and the rest through the (simulated) provider's
 * signed callback; the ledger balances, the voucher drops by exactly its share, the order is
 * settled and reconciliation finds nothing. The platform's claims on what vouchers paid are listed
 * for the department to decide, a page at a time, to whom they belong. On PostgreSQL the parallel
 * requests really race.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Role } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedPaymentProvider } from '../../subgraphs/platforms/src/payments/simulator.ts';
import {
  database,
  federation,
  gatewayQuery,
  PAYMENT_CALLBACK_SECRET,
  subgraphUrl,
  token,
} from '../support/federation.ts';

const SME = 'ent-028';
const THIRD = 'ent-040';
const PLATFORM = 'plt-06';
const SERVICE = 'svc-023';
// A year of its own, so that the scheme and its vouchers are this file's alone.
const YEAR = 2099;

let sme: string;
let third: string;
let operator: string;
let admin: string;
let provider: SimulatedPaymentProvider;
const threads: string[] = [];

interface Versioned {
  id: string;
  version: number;
  status: string;
}

interface PaymentAnswer {
  id: string;
  status: string;
  voucherFen: number;
  cashFen: number;
}

const PAY = `mutation ($orderId: ID!, $key: String!, $voucherId: ID) {
  payOrder(orderId: $orderId, idempotencyKey: $key, voucherId: $voucherId) { id status voucherFen cashFen } }`;
const RECONCILIATION = `{ reconciliation { ledgerTotalFen unbalancedTransactions negativeVouchers { voucherId balanceFen }
  discrepancies { orderId problem } byAccountKind { kind balanceFen } } }`;
const VOUCHER = 'query ($id: ID!) { voucher(id: $id) { id status grantedFen balanceFen } }';

async function ok<T>(query: string, variables: Record<string, unknown>, bearer: string): Promise<T> {
  const answer = await gatewayQuery<T>(query, variables, { bearer });
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
}

/** An order of `amountFen` for salt-spray testing, quoted, placed, worked, delivered and accepted. */
async function acceptedOrder(amountFen: number, buyer = sme): Promise<Versioned> {
  const { openThread: thread } = await ok<{ openThread: Versioned }>(
    `mutation ($input: OpenThreadInput!) { openThread(input: $input) { id version status } }`,
    { input: { platformId: PLATFORM, serviceId: SERVICE, subject: '盐雾试验委托', body: '请报价。' } },
    buyer,
  );
  threads.push(thread.id);
  const { quoteThread: quote } = await ok<{ quoteThread: Versioned }>(
    `mutation ($threadId: ID!, $version: Int!, $input: QuoteInput!) {
      quoteThread(threadId: $threadId, version: $version, input: $input) { id version status } }`,
    {
      threadId: thread.id,
      version: thread.version,
      input: {
        description: '中性盐雾试验，含CMA报告',
        amountFen,
        validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      },
    },
    operator,
  );
  let { acceptQuote: order } = await ok<{ acceptQuote: Versioned }>(
    'mutation ($id: ID!, $version: Int!) { acceptQuote(quoteId: $id, version: $version) { id version status } }',
    { id: quote.id, version: quote.version },
    buyer,
  );
  for (const [to, bearer] of [
    ['IN_PROGRESS', operator],
    ['DELIVERED', operator],
    ['ACCEPTED', buyer],
  ] as const) {
    order = (
      await ok<{ moveOrder: Versioned }>(
        `mutation ($id: ID!, $version: Int!, $to: OrderStatus!) { moveOrder(orderId: $id, version: $version, to: $to) { id version status } }`,
        { id: order.id, version: order.version, to },
        bearer,
      )
    ).moveOrder;
  }
  return order;
}

async function grantedVoucher(enterpriseToken: string, grantedFen: number): Promise<string> {
  const { applyForVoucher } = await ok<{ applyForVoucher: Versioned }>(
    'mutation ($year: Int!, $fen: Fen!) { applyForVoucher(year: $year, requestedFen: $fen) { id version status } }',
    { year: YEAR, fen: grantedFen },
    enterpriseToken,
  );
  const { decideVoucher } = await ok<{ decideVoucher: Versioned }>(
    `mutation ($id: ID!, $version: Int!, $key: String!, $fen: Fen) {
      decideVoucher(voucherId: $id, version: $version, idempotencyKey: $key, grantedFen: $fen) { id version status } }`,
    { id: applyForVoucher.id, version: applyForVoucher.version, key: randomUUID(), fen: grantedFen },
    admin,
  );
  expect(decideVoucher.status).toBe('GRANTED');
  return decideVoucher.id;
}

async function reconciliation() {
  return (
    await ok<{
      reconciliation: {
        ledgerTotalFen: number;
        unbalancedTransactions: string[];
        negativeVouchers: unknown[];
        discrepancies: { orderId: string; problem: string }[];
      };
    }>(RECONCILIATION, {}, admin)
  ).reconciliation;
}

beforeAll(async () => {
  sme = await token({ role: Role.ENTERPRISE_USER, sub: 'settlement-sme', enterpriseId: SME });
  third = await token({ role: Role.ENTERPRISE_USER, sub: 'settlement-third', enterpriseId: THIRD });
  operator = await token({ role: Role.PLATFORM_OPERATOR, sub: 'operator-plt-06', platformIds: [PLATFORM] });
  admin = await token({ role: Role.ADMIN, sub: 'department-finance' });
  provider = new SimulatedPaymentProvider(new URL(await subgraphUrl('platforms')).origin, PAYMENT_CALLBACK_SECRET);
  await ok(
    `mutation ($input: VoucherSchemeInput!) { openVoucherScheme(input: $input) { year } }`,
    {
      input: {
        year: YEAR,
        coveredSharePercent: 60,
        perOrderCapFen: 5_000_000,
        yearlyCapFen: 20_000_000,
        smallOrderFen: 0,
        qualifyingKinds: ['TESTING_CERTIFICATION', 'INSTRUMENT_SHARING'],
      },
    },
    admin,
  );
});

afterAll(async () => {
  // The ledger never forgets; this file's rows stay in the test database with the rest of it.
  expect(threads.length).toBeGreaterThan(0);
});

describe('an SME pays for salt-spray testing, 60% with a voucher', () => {
  it('settles the order once, the voucher drops by its share, and the ledger balances', async () => {
    // The SME finds an accredited salt-spray service.
    const found = await ok<{ searchPlatforms: { edges: { node: { id: string; services: { id: string }[] } }[] } }>(
      `{ searchPlatforms(text: "盐雾", filter: { accreditedBy: CMA }) { edges { node { id services { id } } } } }`,
      {},
      sme,
    );
    const platform = found.searchPlatforms.edges.find((edge) => edge.node.id === PLATFORM)?.node;
    expect(platform?.services.map((service) => service.id)).toContain(SERVICE);
    const voucherId = await grantedVoucher(sme, 1_000_000);
    const order = await acceptedOrder(60_000);
    const key = randomUUID();
    const { payOrder: payment } = await ok<{ payOrder: PaymentAnswer }>(
      PAY,
      { orderId: order.id, key, voucherId },
      sme,
    );
    expect(payment).toMatchObject({ status: 'PENDING', voucherFen: 36_000, cashFen: 24_000 });
    const { voucher } = await ok<{ voucher: { balanceFen: number } }>(VOUCHER, { id: voucherId }, sme);
    expect(voucher.balanceFen).toBe(1_000_000 - 36_000);

    // The provider confirms; it delivers the same event ten times, and a second event besides.
    const eventId = `evt-${randomUUID()}`;
    const deliveries = await Promise.all(
      Array.from({ length: 10 }, () => provider.deliver({ eventId, paymentId: payment.id, amountFen: 24_000 })),
    );
    expect(deliveries.every((delivery) => delivery.status === 200)).toBe(true);
    expect(deliveries.filter((delivery) => (delivery.body as { duplicate: boolean }).duplicate)).toHaveLength(9);
    expect((await provider.deliver({ paymentId: payment.id, amountFen: 24_000 })).body).toMatchObject({
      duplicate: true,
    });

    const { order: settled } = await ok<{
      order: { status: string; payments: { status: string; voucherFen: number; cashFen: number }[] };
    }>('query ($id: ID!) { order(id: $id) { status payments { status voucherFen cashFen } } }', { id: order.id }, sme);
    expect(settled).toEqual({
      status: 'SETTLED',
      payments: [{ status: 'SUCCEEDED', voucherFen: 36_000, cashFen: 24_000 }],
    });
    expect((await ok<{ voucher: { balanceFen: number } }>(VOUCHER, { id: voucherId }, sme)).voucher.balanceFen).toBe(
      1_000_000 - 36_000,
    );
    const db = await database('platforms');
    const entries = (await db
      .table('ledger_entry as e')
      .join('ledger_transaction as t', 't.id', 'e.transaction_id')
      .where('t.order_id', order.id)
      .select('t.kind', 'e.account_id', 'e.amount_fen')) as { kind: string; account_id: string; amount_fen: string }[];
    expect(entries.filter((entry) => entry.kind === 'PAYMENT')).toHaveLength(2);
    expect(entries.filter((entry) => entry.kind === 'SETTLEMENT')).toHaveLength(2);
    expect(entries.reduce((sum, entry) => sum + Number(entry.amount_fen), 0)).toBe(0);
    const platformGot = entries
      .filter((entry) => entry.account_id === `platform:${PLATFORM}`)
      .reduce((sum, entry) => sum + Number(entry.amount_fen), 0);
    expect(platformGot).toBe(24_000);

    // The platform claims the voucher's share; the department approves it.
    const { claimRedemption } = await ok<{ claimRedemption: Versioned & { amountFen: number } }>(
      `mutation ($id: ID!) { claimRedemption(paymentId: $id) { id version status amountFen } }`,
      { id: payment.id },
      operator,
    );
    expect(claimRedemption).toMatchObject({ status: 'CLAIMED', amountFen: 36_000 });
    const approve = `mutation ($id: ID!, $version: Int!, $key: String!) {
      decideRedemption(redemptionId: $id, version: $version, approve: true, idempotencyKey: $key) { status } }`;
    const approveKey = randomUUID();
    const approved = await Promise.all(
      Array.from({ length: 3 }, () =>
        gatewayQuery<{ decideRedemption: { status: string } }>(
          approve,
          { id: claimRedemption.id, version: claimRedemption.version, key: approveKey },
          { bearer: admin },
        ),
      ),
    );
    expect(approved.map((answer) => answer.data?.decideRedemption.status)).toEqual([
      'APPROVED',
      'APPROVED',
      'APPROVED',
    ]);
    const [received] = (await db
      .table('ledger_entry')
      .where({ account_id: `platform:${PLATFORM}` })
      .whereIn('transaction_id', db.table('ledger_transaction').select('id').where({ order_id: order.id }))
      .sum({ total: 'amount_fen' })) as { total: string }[];
    expect(Number(received?.total)).toBe(60_000);

    const report = await reconciliation();
    expect(report).toMatchObject({
      ledgerTotalFen: 0,
      unbalancedTransactions: [],
      negativeVouchers: [],
      discrepancies: [],
    });

    // The department's figures: granted, spent and redeemed, by year and platform (no SME named).
    const figures = await gatewayQuery<{
      voucherSchemes: { year: number; vouchersGranted: number; grantedFen: number }[];
      voucherStats: { year: number; platform: { id: string }; orders: number; spentFen: number; redeemedFen: number }[];
    }>(`{ voucherSchemes { year vouchersGranted grantedFen }
          voucherStats(groupBy: [YEAR, PLATFORM]) { year platform { id } orders spentFen redeemedFen } }`);
    expect(figures.errors).toBeUndefined();
    expect(figures.data?.voucherSchemes.find((scheme) => scheme.year === YEAR)).toEqual({
      year: YEAR,
      vouchersGranted: 1,
      grantedFen: 1_000_000,
    });
    expect(figures.data?.voucherStats.find((row) => row.year === YEAR && row.platform.id === PLATFORM)).toEqual({
      year: YEAR,
      platform: { id: PLATFORM },
      orders: 1,
      spentFen: 36_000,
      redeemedFen: 36_000,
    });
  });

  it('refuses an unsigned, tampered, stale or mismatched callback, booking nothing', async () => {
    const order = await acceptedOrder(10_000);
    const { payOrder: payment } = await ok<{ payOrder: PaymentAnswer }>(
      PAY,
      { orderId: order.id, key: randomUUID() },
      sme,
    );
    expect(payment).toMatchObject({ status: 'PENDING', voucherFen: 0, cashFen: 10_000 });
    for (const delivery of ['unsigned', 'tampered', 'stale'] as const) {
      const refused = await provider.deliver({ paymentId: payment.id, amountFen: 10_000 }, delivery);
      expect(refused.status).toBe(401);
    }
    const wrong = await provider.deliver({ paymentId: payment.id, amountFen: 9_999 });
    expect(wrong.status).toBe(400);
    const db = await database('platforms');
    expect(await db.table('ledger_transaction').where({ order_id: order.id }).first()).toBeUndefined();
    expect(await db.table('payment').where({ id: payment.id }).first('status')).toEqual({ status: 'PENDING' });
    // A failed payment leaves the order to be paid again.
    const failed = await provider.deliver({ paymentId: payment.id, amountFen: 10_000, outcome: 'FAILED' });
    expect(failed.body).toMatchObject({ duplicate: false, status: 'FAILED' });
    const again = await ok<{ payOrder: PaymentAnswer }>(PAY, { orderId: order.id, key: randomUUID() }, sme);
    expect(again.payOrder.status).toBe('PENDING');
  });
});

describe('money under concurrency', () => {
  it('never overdraws a voucher under 20 parallel spends', async () => {
    const other = await token({ role: Role.ENTERPRISE_USER, sub: 'settlement-sme-2', enterpriseId: 'ent-049' });
    const saved = sme;
    sme = other;
    try {
      const voucherId = await grantedVoucher(other, 100_000);
      const orders = [];
      for (let i = 0; i < 20; i++) orders.push(await acceptedOrder(20_000)); // 12,000 fen of voucher each
      const answers = await Promise.all(
        orders.map((order) =>
          gatewayQuery<{ payOrder: PaymentAnswer }>(
            PAY,
            { orderId: order.id, key: randomUUID(), voucherId },
            { bearer: other },
          ),
        ),
      );
      const spent = answers.filter((answer) => answer.data?.payOrder);
      const refused = answers.filter((answer) => answer.errors);
      expect(spent).toHaveLength(8); // 8 × 12,000 ≤ 100,000 < 9 × 12,000
      for (const answer of refused) expect(answer.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const { voucher } = await ok<{ voucher: { balanceFen: number } }>(VOUCHER, { id: voucherId }, other);
      expect(voucher.balanceFen).toBe(100_000 - 8 * 12_000);
    } finally {
      sme = saved;
    }
    const report = await reconciliation();
    expect(report).toMatchObject({
      ledgerTotalFen: 0,
      unbalancedTransactions: [],
      negativeVouchers: [],
      discrepancies: [],
    });
  });

  it('makes one payment and one set of entries of one idempotency key sent ten times at once', async () => {
    const voucherId = await grantedVoucher(third, 500_000);
    const saved = sme;
    sme = third;
    try {
      const order = await acceptedOrder(50_000);
      const key = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          gatewayQuery<{ payOrder: PaymentAnswer }>(PAY, { orderId: order.id, key, voucherId }, { bearer: third }),
        ),
      );
      expect(answers.every((answer) => !answer.errors)).toBe(true);
      expect(new Set(answers.map((answer) => answer.data?.payOrder.id)).size).toBe(1);
      const db = await database('platforms');
      const [row] = (await db.table('ledger_transaction').where({ order_id: order.id }).count({ count: '*' })) as {
        count: string;
      }[];
      expect(Number(row?.count)).toBe(1);
      const reused = await gatewayQuery(PAY, { orderId: order.id, key, voucherId: null }, { bearer: third });
      expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    } finally {
      sme = saved;
    }
  });
});

describe('money is the parties’ only, and bad requests move none', () => {
  it('hides payments, vouchers and the reconciliation from anyone else', async () => {
    const order = await acceptedOrder(30_000);
    const key = randomUUID();
    await ok(PAY, { orderId: order.id, key }, sme);
    const peek = await gatewayQuery<{ order: unknown }>(
      'query ($id: ID!) { order(id: $id) { payments { cashFen } } }',
      { id: order.id },
      { bearer: third },
    );
    expect(peek.data?.order).toBeNull();
    const db = await database('platforms');
    const smeVoucher = (await db.table('voucher').where({ enterprise_id: SME }).first('id')) as { id: string };
    const voucherPeek = await gatewayQuery<{ voucher: unknown }>(
      'query ($id: ID!) { voucher(id: $id) { balanceFen } }',
      { id: smeVoucher.id },
      { bearer: third },
    );
    expect(voucherPeek.data?.voucher).toBeNull();
    const paying = await gatewayQuery(PAY, { orderId: order.id, key: randomUUID() }, { bearer: third });
    expect(paying.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const bearer of [sme, operator, third]) {
      const report = await gatewayQuery(RECONCILIATION, {}, { bearer });
      expect(report.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses negative, fractional and too-short requests, and paying before the work is accepted', async () => {
    const placed = await ok<{ openThread: Versioned }>(
      `mutation ($input: OpenThreadInput!) { openThread(input: $input) { id version status } }`,
      { input: { platformId: PLATFORM, subject: '询价', body: '请报价。' } },
      sme,
    );
    threads.push(placed.openThread.id);
    const order = await acceptedOrder(40_000);
    const short = await gatewayQuery(PAY, { orderId: order.id, key: 'short' }, { bearer: sme });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    for (const requestedFen of [-100, 10.5]) {
      const applied = await gatewayQuery(
        'mutation ($fen: Fen!) { applyForVoucher(year: 2099, requestedFen: $fen) { id } }',
        { fen: requestedFen },
        { bearer: operator },
      );
      expect(applied.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const db = await database('platforms');
    expect(await db.table('payment').where({ order_id: order.id }).first()).toBeUndefined();
  });

  it("lists each SME its own vouchers and the department every SME's, a page at a time", async () => {
    const LIST = `query ($filter: VoucherFilter, $first: Int, $after: String) {
      vouchers(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id schemeYear status enterprise { id } } } } }`;
    interface Listed {
      vouchers: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: { id: string; schemeYear: number; status: string; enterprise: { id: string } | null } }[];
      };
    }
    const filter = { year: YEAR };
    const own = await ok<Listed>(LIST, { filter }, third);
    expect(own.vouchers.edges.map(({ node }) => node.enterprise?.id)).toEqual([THIRD]);

    const granted = await ok<Listed>(LIST, { filter: { ...filter, status: 'GRANTED' } }, admin);
    const owners = granted.vouchers.edges.map(({ node }) => node.enterprise?.id);
    expect(owners).toEqual(expect.arrayContaining([SME, THIRD]));
    expect(granted.vouchers.edges.every(({ node }) => node.status === 'GRANTED' && node.schemeYear === YEAR)).toBe(
      true,
    );
    expect(granted.vouchers.totalCount).toBe(granted.vouchers.edges.length);

    const first = await ok<Listed>(LIST, { filter, first: 1 }, admin);
    expect(first.vouchers.pageInfo.hasNextPage).toBe(true);
    const second = await ok<Listed>(LIST, { filter, first: 1, after: first.vouchers.pageInfo.endCursor }, admin);
    expect(second.vouchers.edges[0]?.node.id).not.toBe(first.vouchers.edges[0]?.node.id);
    expect(second.vouchers.totalCount).toBe(first.vouchers.totalCount);

    // An operator is no party to vouchers, and an SME sees none of another's.
    expect((await ok<Listed>(LIST, { filter }, operator)).vouchers.totalCount).toBe(0);
    const anonymous = await gatewayQuery<Listed>(LIST, { filter });
    expect(anonymous.data?.vouchers?.totalCount ?? 0).toBe(0);
    const none = await gatewayQuery(LIST, { first: 0 }, { bearer: admin });
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('the platforms’ redemption claims, listed for the department to decide', () => {
  const CLAIMS = `query ($filter: RedemptionFilter, $first: Int, $after: String) {
    redemptions(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id version status amountFen decisionReason claimedAt updatedAt
        payment { id status voucherFen order { id amountFen platform { id } quote { description } } } } } } }`;
  interface Claim {
    id: string;
    version: number;
    status: string;
    amountFen: number;
    decisionReason: string | null;
    claimedAt: string;
    updatedAt: string;
    payment: {
      id: string;
      status: string;
      voucherFen: number;
      order: { id: string; amountFen: number; platform: { id: string }; quote: { description: string } };
    };
  }
  interface Listed {
    redemptions: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { cursor: string; node: Claim }[];
    } | null;
  }
  const DECIDE = `mutation ($id: ID!, $version: Int!, $approve: Boolean!, $key: String!, $reason: String) {
    decideRedemption(redemptionId: $id, version: $version, approve: $approve, idempotencyKey: $key, reason: $reason) {
      status } }`;

  // An SME of its own, so that its voucher for the year is this block's alone.
  const BUYER = 'ent-044';
  let buyer: string;
  let otherOperator: string;
  /** The three claims made here, oldest first. */
  const claims: { id: string; version: number; paymentId: string; orderId: string; amountFen: number }[] = [];

  /** Every claim `bearer` may see under `filter`, read `first` at a time, and the pages it took. */
  async function readAll(filter: Record<string, unknown>, first: number, bearer: string) {
    const nodes: Claim[] = [];
    const pages: number[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (;;) {
      const { redemptions }: Listed = await ok<Listed>(CLAIMS, { filter, first, after }, bearer);
      if (!redemptions) throw new Error('no list');
      totalCount = redemptions.totalCount;
      pages.push(redemptions.edges.length);
      nodes.push(...redemptions.edges.map((edge) => edge.node));
      expect(redemptions.pageInfo.endCursor).toBe(redemptions.edges.at(-1)?.cursor ?? null);
      if (!redemptions.pageInfo.hasNextPage) break;
      after = redemptions.pageInfo.endCursor;
    }
    return { nodes, pages, totalCount };
  }

  beforeAll(async () => {
    buyer = await token({ role: Role.ENTERPRISE_USER, sub: 'settlement-claims-sme', enterpriseId: BUYER });
    otherOperator = await token({ role: Role.PLATFORM_OPERATOR, sub: 'operator-plt-01', platformIds: ['plt-01'] });
    const voucherId = await grantedVoucher(buyer, 1_000_000);
    // Three settled orders paid 60% with the voucher, the cash through the provider; each claimed.
    for (const amountFen of [10_000, 20_000, 30_000]) {
      const order = await acceptedOrder(amountFen, buyer);
      const { payOrder: payment } = await ok<{ payOrder: PaymentAnswer }>(
        PAY,
        { orderId: order.id, key: randomUUID(), voucherId },
        buyer,
      );
      expect((await provider.deliver({ paymentId: payment.id, amountFen: payment.cashFen })).status).toBe(200);
      const { claimRedemption } = await ok<{ claimRedemption: Versioned }>(
        'mutation ($id: ID!) { claimRedemption(paymentId: $id) { id version status } }',
        { id: payment.id },
        operator,
      );
      expect(claimRedemption.status).toBe('CLAIMED');
      claims.push({
        id: claimRedemption.id,
        version: claimRedemption.version,
        paymentId: payment.id,
        orderId: order.id,
        amountFen: payment.voucherFen,
      });
    }
  });

  it('pages through them newest claim first, each with its payment and order', async () => {
    const newest = [...claims].reverse();
    const { nodes, pages, totalCount } = await readAll({ platformId: PLATFORM, status: 'CLAIMED' }, 2, admin);
    expect(nodes.slice(0, 3).map((node) => node.id)).toEqual(newest.map((claim) => claim.id));
    expect(new Set(nodes.map((node) => node.id)).size).toBe(nodes.length);
    expect(nodes).toHaveLength(totalCount);
    expect(pages.length).toBe(Math.ceil(totalCount / 2));
    expect(pages.slice(0, -1).every((size) => size === 2)).toBe(true);
    const claimedAt = nodes.map((node) => node.claimedAt);
    expect(claimedAt).toEqual([...claimedAt].sort().reverse());
    for (const [index, claim] of newest.entries()) {
      const node = nodes[index] as Claim;
      expect(node).toMatchObject({
        status: 'CLAIMED',
        amountFen: claim.amountFen,
        decisionReason: null,
        payment: {
          id: claim.paymentId,
          status: 'SUCCEEDED',
          voucherFen: claim.amountFen,
          order: { id: claim.orderId, platform: { id: PLATFORM }, quote: { description: '中性盐雾试验，含CMA报告' } },
        },
      });
      expect((node.payment.order.amountFen * 60) / 100).toBe(claim.amountFen);
      expect(new Date(node.claimedAt).toISOString()).toBe(node.claimedAt);
      expect(node.updatedAt >= node.claimedAt).toBe(true);
    }
  });

  it('narrows by status once the department has decided some', async () => {
    const [approved, rejected, waiting] = claims as [(typeof claims)[0], (typeof claims)[0], (typeof claims)[0]];
    const decide = (claim: typeof approved, approve: boolean, reason: string | null) =>
      ok<{ decideRedemption: { status: string } }>(
        DECIDE,
        { id: claim.id, version: claim.version, approve, key: randomUUID(), reason },
        admin,
      );
    expect((await decide(approved, true, null)).decideRedemption.status).toBe('APPROVED');
    expect((await decide(rejected, false, '试验报告缺CMA章')).decideRedemption.status).toBe('REJECTED');

    const ids = (list: { nodes: Claim[] }) => list.nodes.map((node) => node.id);
    const claimed = await readAll({ platformId: PLATFORM, status: 'CLAIMED' }, 20, admin);
    expect(ids(claimed)[0]).toBe(waiting.id);
    expect(ids(claimed).filter((id) => id === approved.id || id === rejected.id)).toEqual([]);
    const approvedList = await readAll({ platformId: PLATFORM, status: 'APPROVED' }, 20, admin);
    expect(approvedList.nodes.every((node) => node.status === 'APPROVED')).toBe(true);
    expect(approvedList.nodes[0]).toMatchObject({ id: approved.id, version: approved.version + 1 });
    const rejectedList = await readAll({ status: 'REJECTED' }, 20, admin);
    expect(rejectedList.nodes.every((node) => node.status === 'REJECTED')).toBe(true);
    expect(rejectedList.nodes[0]).toMatchObject({ id: rejected.id, decisionReason: '试验报告缺CMA章' });
    const decided = rejectedList.nodes[0] as Claim;
    expect(decided.updatedAt > decided.claimedAt).toBe(true);
    // Without a status: all three, newest first, whatever was decided.
    const all = await readAll({ platformId: PLATFORM }, 20, admin);
    expect(ids(all).slice(0, 3)).toEqual([waiting.id, rejected.id, approved.id]);
    expect(all.totalCount).toBe(claimed.totalCount + approvedList.totalCount + rejectedList.totalCount);
  });

  it("shows the department every platform's claims, an operator its platforms', and anyone else none", async () => {
    const mine = claims.map((claim) => claim.id);
    const department = await readAll({}, 100, admin);
    expect(department.nodes.map((node) => node.id)).toEqual(expect.arrayContaining(mine));

    const own = await readAll({}, 100, operator);
    expect(own.nodes.map((node) => node.id)).toEqual(expect.arrayContaining(mine));
    expect(own.nodes.every((node) => node.payment.order.platform.id === PLATFORM)).toBe(true);
    expect(own.totalCount).toBe((await readAll({ platformId: PLATFORM }, 100, admin)).totalCount);
    expect((await readAll({ platformId: 'plt-01' }, 20, operator)).totalCount).toBe(0);

    // The operator of another platform: none of these, even asking for this platform by id.
    const other = await readAll({}, 100, otherOperator);
    expect(other.nodes.filter((node) => mine.includes(node.id))).toEqual([]);
    expect(other.nodes.every((node) => node.payment.order.platform.id === 'plt-01')).toBe(true);
    expect(await readAll({ platformId: PLATFORM }, 20, otherOperator)).toEqual({
      nodes: [],
      pages: [0],
      totalCount: 0,
    });

    // The SME whose orders they were paid on is no party to the claims, nor is an anonymous caller.
    expect(await readAll({}, 20, buyer)).toEqual({ nodes: [], pages: [0], totalCount: 0 });
    const anonymous = await gatewayQuery<Listed>(CLAIMS, { filter: { platformId: PLATFORM } });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data?.redemptions).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it("refuses too large a page and a cursor not the list's own, with the registry's error, changing nothing", async () => {
    const filter = { platformId: PLATFORM };
    const before = await ok<Listed>(CLAIMS, { filter, first: 500 }, admin);
    const vouchers = await ok<{ vouchers: { pageInfo: { endCursor: string } } }>(
      'query { vouchers(first: 1) { pageInfo { endCursor } } }',
      {},
      admin,
    );
    // Over the cap of every list: the gateway refuses it before any source is asked.
    const tooLarge = await gatewayQuery<Listed>(CLAIMS, { filter, first: 501 }, { bearer: admin });
    expect(tooLarge.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'pageSize',
      max: 500,
      actual: 501,
    });
    expect(tooLarge.data?.redemptions ?? null).toBeNull();
    for (const [variables, field] of [
      [{ first: 0 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ first: 2, after: 'not-a-cursor' }, 'after'],
      // A cursor of another list (vouchers, by id) is not this one's.
      [{ first: 2, after: vouchers.vouchers.pageInfo.endCursor }, 'after'],
    ] as const) {
      const refused = await gatewayQuery<Listed>(CLAIMS, { filter, ...variables }, { bearer: admin });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(refused.data?.redemptions ?? null).toBeNull();
    }
    expect(await ok<Listed>(CLAIMS, { filter, first: 500 }, admin)).toEqual(before);
    const db = await database('platforms');
    const stored = (await db
      .table('redemption')
      .whereIn(
        'id',
        claims.map((claim) => claim.id),
      )
      .orderBy('created_at')
      .select('id', 'status', 'version')) as { id: string; status: string; version: number }[];
    expect(stored.map((row) => row.status)).toEqual(['APPROVED', 'REJECTED', 'CLAIMED']);
    expect(stored.map((row) => row.version)).toEqual([2, 2, 1]);
  });
});

describe('the command-line tools', () => {
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const script = (name: string, args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
      cwd: repoRoot,
      env: { ...process.env, PAYMENT_CALLBACK_SECRET },
    });

  it('pay:simulate confirms a payment as the provider would, and reconcile finds everything agreeing', async () => {
    const order = await acceptedOrder(15_000);
    const { payOrder: payment } = await ok<{ payOrder: PaymentAnswer }>(
      PAY,
      { orderId: order.id, key: randomUUID() },
      sme,
    );
    const platformsOrigin = new URL(await subgraphUrl('platforms')).origin;
    const simulated = await script('pay-simulate', [
      '--payment',
      payment.id,
      '--amount',
      '15000',
      '--times',
      '3',
      '--url',
      platformsOrigin,
    ]);
    expect(simulated.stdout).toMatch(/delivery 1: HTTP 200 .*"duplicate":false/);
    expect(simulated.stdout).toMatch(/delivery 3: HTTP 200 .*"duplicate":true/);
    const { order: settled } = await ok<{ order: { status: string } }>(
      'query ($id: ID!) { order(id: $id) { status } }',
      { id: order.id },
      sme,
    );
    expect(settled.status).toBe('SETTLED');
    const { gateway } = await federation();
    const reconciled = await script('reconcile', ['--url', gateway.url, '--token', admin]);
    expect(reconciled.stdout).toContain('Reconciled: every order agrees with its payments and the ledger.');
  });
});
