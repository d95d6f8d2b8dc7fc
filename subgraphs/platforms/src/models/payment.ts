/**
 * Paying for an accepted order: the voucher's share is spent at once (voucher → clearing), the
 * rest is paid through the provider, whose signed callback books it (enterprise → clearing) and
 * settles the order (clearing → platform). The voucher's share reaches the platform when the
 * department approves its redemption claim. A voucher is locked while it is spent, and its
 * balance is read from the ledger under that lock: it never goes below zero.
 */
import { randomUUID } from 'node:crypto';
import {
  appError,
  badUserInput,
  type Claims,
  type Connection,
  type ConstraintFields,
  countRows,
  type Database,
  ErrorCode,
  keysetPage,
  notFound,
  type OrderFields,
  type Page,
  Role,
  runWrite,
  staleVersion,
  updateVersioned,
} from '@gzequip/kit';
import type { PaymentStatus, RedemptionStatus } from '../__generated__/resolvers-types.ts';
import { partOf, restrictToParties, restrictToPlatforms } from './access.ts';
import { accountId, CLEARING, Ledger, type LedgerRequest } from './ledger.ts';
import { coverageOf, toScheme, type VoucherScheme, voucherAccount } from './voucher.ts';

interface PaymentRow {
  id: string;
  order_id: string;
  voucher_id: string | null;
  voucher_fen: string | number;
  cash_fen: string | number;
  status: string;
  idempotency_key: string;
  created_at: string | Date;
  succeeded_at: string | Date | null;
}

export interface Payment {
  id: string;
  orderId: string;
  voucherId: string | null;
  voucherFen: number;
  cashFen: number;
  status: PaymentStatus;
  createdAt: string;
  succeededAt: string | null;
}

interface RedemptionRow {
  id: string;
  payment_id: string;
  platform_id: string;
  amount_fen: string | number;
  status: string;
  decision_reason: string | null;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

export interface Redemption {
  id: string;
  paymentId: string;
  platformId: string;
  amountFen: number;
  status: RedemptionStatus;
  decisionReason: string | null;
  version: number;
  claimedAt: string;
  updatedAt: string;
}

export type RedemptionConnection = Connection<Redemption>;

/** The claims' list runs newest claim first (the id breaks ties). */
export const REDEMPTION_ORDERS: OrderFields<Redemption> = {
  CLAIMED_AT: { column: 'created_at', value: (r) => r.claimedAt },
};

/** A callback as the provider sends it, once its signature is verified. */
export interface PaymentEvent {
  eventId: string;
  paymentId: string;
  outcome: 'SUCCEEDED' | 'FAILED';
  amountFen: number;
}

const CONSTRAINTS: ConstraintFields = {
  payment_one_live_per_order: { field: 'orderId', reason: 'the order already has a payment under way or done' },
  redemption_one_per_payment: { field: 'paymentId', reason: 'the voucher part of this payment is already claimed' },
};

const REDEMPTION = { table: 'redemption', typename: 'Redemption' };
const ORDER = { table: 'service_order', typename: 'Order' };

const instant = (value: string | Date) => new Date(value).toISOString();

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    orderId: row.order_id,
    voucherId: row.voucher_id,
    voucherFen: Number(row.voucher_fen),
    cashFen: Number(row.cash_fen),
    status: row.status as PaymentStatus,
    createdAt: instant(row.created_at),
    succeededAt: row.succeeded_at === null ? null : instant(row.succeeded_at),
  };
}

function toRedemption(row: RedemptionRow): Redemption {
  return {
    id: row.id,
    paymentId: row.payment_id,
    platformId: row.platform_id,
    amountFen: Number(row.amount_fen),
    status: row.status as RedemptionStatus,
    decisionReason: row.decision_reason,
    version: row.version,
    claimedAt: instant(row.created_at),
    updatedAt: instant(row.updated_at),
  };
}

const conflict = (message: string, field: string) => appError(ErrorCode.CONFLICT, message, { field });

interface OrderRow {
  id: string;
  platform_id: string;
  enterprise_id: string;
  amount_fen: string | number;
  status: string;
  version: number;
}

export class PaymentModel {
  constructor(private readonly db: Database) {}

  /** The payments among `ids` of orders the caller is a party to (any, for administrators). */
  async paymentsByIds(ids: readonly string[], viewer: Claims): Promise<Payment[]> {
    // service_order holds the parties: payment has neither enterprise_id nor platform_id.
    const query = this.db
      .table('payment as p')
      .join('service_order as o', 'o.id', 'p.order_id')
      .whereIn('p.id', [...ids])
      .select('p.*');
    restrictToParties(query, viewer);
    return ((await query) as PaymentRow[]).map(toPayment);
  }

  /** The payments of orders the caller is a party to. */
  async paymentsOfOrders(orderIds: readonly string[]): Promise<Payment[]> {
    const rows = (await this.db
      .table<PaymentRow>('payment')
      .whereIn('order_id', [...orderIds])
      .orderBy('created_at')) as PaymentRow[];
    return rows.map(toPayment);
  }

  /**
   * The enterprise pays an accepted order: with `voucherId`, the scheme's share comes off the
   * voucher now; the rest waits for the provider's callback. The same idempotency key answers the
   * same payment; with another request it is CONFLICT.
   */
  pay(orderId: string, voucherId: string | null, idempotencyKey: string, viewer: Claims): Promise<Payment> {
    return runWrite(
      this.db,
      async (tx) => {
        const ledger = new Ledger(tx);
        const asked: LedgerRequest = {
          kind: 'VOUCHER_SPEND',
          idempotencyKey,
          request: { orderId, voucherId },
          lines: [],
        };
        await ledger.claim(asked);
        const earlier = (await tx.table<PaymentRow>('payment').where({ idempotency_key: idempotencyKey }).first()) as
          | PaymentRow
          | undefined;
        if (earlier) {
          if (earlier.order_id !== orderId || earlier.voucher_id !== voucherId) {
            throw conflict('This idempotency key was used for a different request: send a new key', 'idempotencyKey');
          }
          return toPayment(earlier);
        }
        if (idempotencyKey.length < 8 || idempotencyKey.length > 200) {
          throw badUserInput('idempotencyKey', 'must be 8 to 200 characters (a UUID is a good one)');
        }
        const order = (await tx.table<OrderRow>('service_order').where({ id: orderId }).forUpdate().first()) as
          | OrderRow
          | undefined;
        const side = order
          ? partOf(viewer, { enterpriseId: order.enterprise_id, platformId: order.platform_id })
          : null;
        if (!order || !side) throw notFound('Order', orderId);
        if (side !== 'ENTERPRISE') throw appError(ErrorCode.FORBIDDEN, 'The ordering enterprise pays its orders');
        if (order.status !== 'ACCEPTED') {
          throw conflict(`Order ${orderId} is ${order.status}: it is paid once the work is accepted`, 'orderId');
        }
        const amount = Number(order.amount_fen);
        let voucherFen = 0;
        if (voucherId) {
          voucherFen = await this.coverage(tx, voucherId, order, amount);
        }
        const payment = {
          id: `pay-${randomUUID().replaceAll('-', '').slice(0, 12)}`,
          order_id: orderId,
          voucher_id: voucherFen > 0 ? voucherId : null,
          voucher_fen: voucherFen,
          cash_fen: amount - voucherFen,
          idempotency_key: idempotencyKey,
        };
        const [row] = (await tx.table<PaymentRow>('payment').insert(payment).returning('*')) as PaymentRow[];
        if (voucherFen > 0) {
          await ledger.post(
            {
              ...asked,
              memo: `order ${orderId}: the voucher's share`,
              orderId,
              lines: [
                { account: voucherAccount(voucherId as string), amountFen: -voucherFen },
                { account: CLEARING, amountFen: voucherFen },
              ],
            },
            viewer,
          );
        }
        // Covered whole by the voucher: nothing to wait for.
        if (amount - voucherFen === 0)
          return this.succeed(tx, row as PaymentRow, order, viewer, `voucher:${idempotencyKey}`);
        return toPayment(row as PaymentRow);
      },
      CONSTRAINTS,
    );
  }

  /** What the voucher covers of the order, checked against its scheme and, under lock, its balance. */
  private async coverage(tx: Database, voucherId: string, order: OrderRow, amount: number): Promise<number> {
    const voucher = (await tx.table('voucher').where({ id: voucherId }).forUpdate().first()) as
      | { id: string; enterprise_id: string; status: string; scheme_year: number }
      | undefined;
    if (!voucher || voucher.enterprise_id !== order.enterprise_id) throw notFound('Voucher', voucherId);
    if (voucher.status !== 'GRANTED')
      throw conflict(`Voucher ${voucherId} is ${voucher.status}, not GRANTED`, 'voucherId');
    const scheme = toScheme(
      (await tx
        .table<Parameters<typeof toScheme>[0]>('voucher_scheme')
        .where({ year: voucher.scheme_year })
        .first()) as Parameters<typeof toScheme>[0],
    );
    await this.mustQualify(tx, scheme, order.platform_id);
    const covered = coverageOf(scheme, amount);
    const left =
      (await new Ledger(tx).balances([voucherAccount(voucherId)])).get(accountId(voucherAccount(voucherId))) ?? 0;
    if (covered > left) {
      throw conflict(`Voucher ${voucherId} has ${left} fen left; this order needs ${covered} fen of it`, 'voucherId');
    }
    return covered;
  }

  private async mustQualify(tx: Database, scheme: VoucherScheme, platformId: string): Promise<void> {
    if (!scheme.open) throw conflict(`The ${scheme.year} voucher scheme is closed`, 'voucherId');
    const platform = (await tx.table('platform').where({ id: platformId }).first('kind')) as { kind: string };
    if (!scheme.qualifyingKinds.includes(platform.kind as VoucherScheme['qualifyingKinds'][number])) {
      throw conflict(`The ${scheme.year} scheme does not cover ${platform.kind} platforms`, 'voucherId');
    }
  }

  /**
   * The provider's verdict on a payment. Each event is handled once (a repeat is answered as a
   * duplicate); a payment already decided ignores later events. `duplicate` says which.
   */
  confirm(event: PaymentEvent): Promise<{ duplicate: boolean; payment: Payment }> {
    const provider: Claims = {
      userId: 'payment-provider',
      role: Role.PARTNER,
      enterpriseId: null,
      platformIds: [],
      scopes: [],
    };
    return runWrite(this.db, async (tx) => {
      const row = (await tx.table<PaymentRow>('payment').where({ id: event.paymentId }).forUpdate().first()) as
        | PaymentRow
        | undefined;
      if (!row) throw notFound('Payment', event.paymentId);
      const recorded = await tx.raw<{ event_id: string }>(
        `insert into "${tx.schema}".payment_event (event_id, payment_id, outcome) values (?, ?, ?)
         on conflict (event_id) do nothing returning event_id`,
        [event.eventId, event.paymentId, event.outcome],
      );
      if (recorded.length === 0 || row.status !== 'PENDING') return { duplicate: true, payment: toPayment(row) };
      if (event.outcome === 'SUCCEEDED' && event.amountFen !== Number(row.cash_fen)) {
        throw badUserInput('amountFen', `the payment is for ${row.cash_fen} fen, not ${event.amountFen}`);
      }
      const order = (await tx
        .table<OrderRow>('service_order')
        .where({ id: row.order_id })
        .forUpdate()
        .first()) as OrderRow;
      if (event.outcome === 'FAILED') {
        const ledger = new Ledger(tx);
        if (row.voucher_id) {
          // The voucher's share comes back: the order can be paid again.
          await ledger.post(
            {
              kind: 'VOUCHER_RETURN',
              idempotencyKey: `callback:${event.eventId}:voucher`,
              orderId: row.order_id,
              lines: [
                { account: CLEARING, amountFen: -Number(row.voucher_fen) },
                { account: voucherAccount(row.voucher_id), amountFen: Number(row.voucher_fen) },
              ],
            },
            provider,
          );
        }
        const [failed] = (await tx
          .table<PaymentRow>('payment')
          .where({ id: row.id })
          .update({ status: 'FAILED' })
          .returning('*')) as PaymentRow[];
        return { duplicate: false, payment: toPayment(failed as PaymentRow) };
      }
      return { duplicate: false, payment: await this.succeed(tx, row, order, provider, `callback:${event.eventId}`) };
    });
  }

  /** The cash is in: booked, passed on to the platform, and the order settled. */
  private async succeed(tx: Database, row: PaymentRow, order: OrderRow, by: Claims, key: string): Promise<Payment> {
    const ledger = new Ledger(tx);
    const cash = Number(row.cash_fen);
    if (cash > 0) {
      const enterprise = { kind: 'ENTERPRISE' as const, ownerId: order.enterprise_id };
      const platform = { kind: 'PLATFORM' as const, ownerId: order.platform_id };
      await ledger.post(
        {
          kind: 'PAYMENT',
          idempotencyKey: `${key}:payment`,
          orderId: order.id,
          lines: [
            { account: enterprise, amountFen: -cash },
            { account: CLEARING, amountFen: cash },
          ],
        },
        by,
      );
      await ledger.post(
        {
          kind: 'SETTLEMENT',
          idempotencyKey: `${key}:settlement`,
          orderId: order.id,
          lines: [
            { account: CLEARING, amountFen: -cash },
            { account: platform, amountFen: cash },
          ],
        },
        by,
      );
    }
    const [paid] = (await tx
      .table<PaymentRow>('payment')
      .where({ id: row.id })
      .update({ status: 'SUCCEEDED', succeeded_at: tx.knex.raw("date_trunc('milliseconds', now())") })
      .returning('*')) as PaymentRow[];
    await updateVersioned(tx, ORDER, order.id, order.version, { status: 'SETTLED' }, by, order);
    return toPayment(paid as PaymentRow);
  }

  async redemptionsOfPayments(paymentIds: readonly string[]): Promise<Redemption[]> {
    const rows = (await this.db
      .table<RedemptionRow>('redemption')
      .whereIn('payment_id', [...paymentIds])) as RedemptionRow[];
    return rows.map(toRedemption);
  }

  /** A page of the claims the caller may see (an operator's platforms', all for administrators). */
  async findPage(
    criteria: { status: RedemptionStatus | null; platformId: string | null },
    page: Page<Redemption>,
    viewer: Claims,
  ): Promise<{ rows: Redemption[]; count: () => Promise<number> }> {
    const filtered = () => {
      const query = this.db.table<RedemptionRow>('redemption');
      restrictToPlatforms(query, viewer);
      if (criteria.status) query.where('status', criteria.status);
      if (criteria.platformId) query.where('platform_id', criteria.platformId);
      return query;
    };
    return {
      rows: ((await keysetPage(filtered(), page)) as RedemptionRow[]).map(toRedemption),
      count: () => countRows(filtered()),
    };
  }

  /** The platform claims the voucher's share of a settled payment from the department. */
  claim(paymentId: string, viewer: Claims): Promise<Redemption> {
    return runWrite(
      this.db,
      async (tx) => {
        const row = (await tx
          .table('payment as p')
          .join('service_order as o', 'o.id', 'p.order_id')
          .where('p.id', paymentId)
          .first('p.*', 'o.platform_id', 'o.enterprise_id')) as
          | (PaymentRow & { platform_id: string; enterprise_id: string })
          | undefined;
        const side = row ? partOf(viewer, { enterpriseId: row.enterprise_id, platformId: row.platform_id }) : null;
        if (!row || !side) throw notFound('Payment', paymentId);
        if (side !== 'PLATFORM')
          throw appError(ErrorCode.FORBIDDEN, 'The platform claims the voucher share it is owed');
        if (row.status !== 'SUCCEEDED' || Number(row.voucher_fen) === 0) {
          throw conflict(`Payment ${paymentId} has no settled voucher share to claim`, 'paymentId');
        }
        const [claimed] = (await tx
          .table<RedemptionRow>('redemption')
          .insert({
            id: `rdm-${randomUUID().replaceAll('-', '').slice(0, 12)}`,
            payment_id: paymentId,
            platform_id: row.platform_id,
            amount_fen: row.voucher_fen,
          })
          .returning('*')) as RedemptionRow[];
        return toRedemption(claimed as RedemptionRow);
      },
      CONSTRAINTS,
    );
  }

  /**
   * The department approves a claim (clearing → platform) or rejects it with a reason (the share
   * goes back to the voucher). Money moves: an idempotency key.
   */
  decide(
    redemptionId: string,
    version: number,
    approve: boolean,
    reason: string | null,
    idempotencyKey: string,
    viewer: Claims,
  ): Promise<Redemption> {
    if (viewer.role !== Role.ADMIN) {
      throw appError(ErrorCode.FORBIDDEN, 'Only administrators of the department decide redemption claims');
    }
    return runWrite(this.db, async (tx) => {
      const ledger = new Ledger(tx);
      const asked: LedgerRequest = {
        kind: approve ? 'REDEMPTION' : 'VOUCHER_RETURN',
        idempotencyKey,
        request: { redemptionId, version, approve, reason },
        lines: [],
      };
      if (await ledger.claim(asked)) {
        return toRedemption(
          (await tx.table<RedemptionRow>('redemption').where({ id: redemptionId }).first()) as RedemptionRow,
        );
      }
      const row = (await tx.table<RedemptionRow>('redemption').where({ id: redemptionId }).forUpdate().first()) as
        | RedemptionRow
        | undefined;
      if (!row) throw notFound('Redemption', redemptionId);
      if (row.version !== version) throw staleVersion('Redemption', redemptionId, row.version, version);
      if (row.status !== 'CLAIMED')
        throw conflict(`Redemption ${redemptionId} was already ${row.status}`, 'redemptionId');
      if (!approve && !reason?.trim()) throw badUserInput('reason', 'is required to reject a claim: say why');
      const payment = (await tx.table<PaymentRow>('payment').where({ id: row.payment_id }).first()) as PaymentRow;
      const amount = Number(row.amount_fen);
      await ledger.post(
        {
          ...asked,
          orderId: payment.order_id,
          lines: approve
            ? [
                { account: CLEARING, amountFen: -amount },
                { account: { kind: 'PLATFORM', ownerId: row.platform_id }, amountFen: amount },
              ]
            : [
                { account: CLEARING, amountFen: -amount },
                { account: voucherAccount(payment.voucher_id as string), amountFen: amount },
              ],
        },
        viewer,
      );
      return toRedemption(
        await updateVersioned<RedemptionRow>(
          tx,
          REDEMPTION,
          redemptionId,
          version,
          { status: approve ? 'APPROVED' : 'REJECTED', decision_reason: reason?.trim() || null },
          viewer,
          row,
        ),
      );
    });
  }
}
