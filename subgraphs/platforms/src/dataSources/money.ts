import {
  alignByKey,
  appError,
  type Claims,
  type Database,
  ErrorCode,
  groupByKey,
  parsePage,
  Role,
  toConnection,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { RedemptionFilter, VoucherFilter, VoucherSchemeInput } from '../__generated__/resolvers-types.ts';
import {
  type Payment,
  PaymentModel,
  REDEMPTION_ORDERS,
  type Redemption,
  type RedemptionConnection,
} from '../models/payment.ts';
import { type Reconciliation, reconcile } from '../models/reconcile.ts';
import {
  type Voucher,
  type VoucherConnection,
  VoucherModel,
  type VoucherScheme,
  type VoucherStatsRow,
} from '../models/voucher.ts';

/** Per request and caller: payments, vouchers and redemptions, batched; and the money-moving mutations. */
export class MoneySource {
  private readonly payments: PaymentModel;
  private readonly vouchers: VoucherModel;
  readonly paymentsOfOrder: DataLoader<string, Payment[]>;
  readonly paymentById: DataLoader<string, Payment | null>;
  readonly voucherById: DataLoader<string, Voucher | null>;
  readonly voucherBalance: DataLoader<string, number>;
  readonly redemptionOfPayment: DataLoader<string, Redemption | null>;

  constructor(
    private readonly db: Database,
    private readonly viewer: Claims,
  ) {
    const payments = new PaymentModel(db);
    const vouchers = new VoucherModel(db);
    this.payments = payments;
    this.vouchers = vouchers;
    // Reached only through an order the caller may see.
    this.paymentsOfOrder = new DataLoader(async (ids) =>
      groupByKey(ids, await payments.paymentsOfOrders(ids), (p) => p.orderId),
    );
    this.paymentById = new DataLoader(async (ids) =>
      alignByKey(ids, await payments.paymentsByIds(ids, viewer), (p) => p.id),
    );
    this.voucherById = new DataLoader(async (ids) =>
      alignByKey(ids, await vouchers.findByIds(ids, viewer), (v) => v.id),
    );
    this.voucherBalance = new DataLoader(async (ids) => {
      const balances = await vouchers.balances(ids);
      return ids.map((id) => balances.get(id) ?? 0);
    });
    this.redemptionOfPayment = new DataLoader(async (ids) =>
      alignByKey(ids, await payments.redemptionsOfPayments(ids), (r) => r.paymentId),
    );
  }

  async list(args: {
    filter?: VoucherFilter | null;
    first?: number | null;
    after?: string | null;
  }): Promise<VoucherConnection> {
    const page = parsePage<Voucher>({ first: args.first, after: args.after });
    const { rows, count } = await this.vouchers.findPage(
      { year: args.filter?.year ?? null, status: args.filter?.status ?? null },
      page,
      this.viewer,
    );
    return toConnection(rows, page, count);
  }

  /** The redemption claims the caller may see, newest claim first. */
  async redemptions(args: {
    filter?: RedemptionFilter | null;
    first?: number | null;
    after?: string | null;
  }): Promise<RedemptionConnection> {
    const page = parsePage<Redemption>(
      { first: args.first, after: args.after, orderBy: { field: 'CLAIMED_AT', direction: 'DESC' } },
      '',
      REDEMPTION_ORDERS,
    );
    const f = args.filter ?? {};
    const { rows, count } = await this.payments.findPage(
      { status: f.status ?? null, platformId: f.platformId ?? null },
      page,
      this.viewer,
    );
    return toConnection(rows, page, count);
  }

  schemes(): Promise<VoucherScheme[]> {
    return this.vouchers.schemes();
  }

  /** Each scheme year's grants, read once per request. */
  readonly grantsOfYear = new DataLoader<number, { vouchers: number; grantedFen: number }>(async (years) => {
    const grants = await this.vouchers.grantsByYear();
    return years.map((year) => grants.get(year) ?? { vouchers: 0, grantedFen: 0 });
  });

  stats(groupBy: readonly string[]): Promise<VoucherStatsRow[]> {
    return this.vouchers.stats(groupBy);
  }

  reconciliation(): Promise<Reconciliation> {
    if (this.viewer.role !== Role.ADMIN) {
      throw appError(ErrorCode.FORBIDDEN, 'Only administrators of the department read the reconciliation');
    }
    return reconcile(this.db);
  }

  pay(orderId: string, idempotencyKey: string, voucherId: string | null | undefined): Promise<Payment> {
    return this.payments.pay(orderId, voucherId ?? null, idempotencyKey, this.viewer);
  }

  openScheme(input: VoucherSchemeInput): Promise<VoucherScheme> {
    return this.vouchers.openScheme(input, this.viewer);
  }

  apply(year: number, requestedFen: number): Promise<Voucher> {
    return this.vouchers.apply(year, requestedFen, this.viewer);
  }

  decideVoucher(
    voucherId: string,
    version: number,
    idempotencyKey: string,
    grantedFen: number | null | undefined,
    reason: string | null | undefined,
  ): Promise<Voucher> {
    return this.vouchers.decide(
      voucherId,
      version,
      { grantedFen: grantedFen ?? null, reason: reason ?? null, idempotencyKey },
      this.viewer,
    );
  }

  claim(paymentId: string): Promise<Redemption> {
    return this.payments.claim(paymentId, this.viewer);
  }

  decideRedemption(
    redemptionId: string,
    version: number,
    approve: boolean,
    idempotencyKey: string,
    reason: string | null | undefined,
  ): Promise<Redemption> {
    return this.payments.decide(redemptionId, version, approve, reason ?? null, idempotencyKey, this.viewer);
  }
}
