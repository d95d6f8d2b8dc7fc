/**
 * Innovation vouchers (创新券): the department opens a scheme for a year with its rules as data —
 * the share of an order covered, a cap per order and per SME a year, small orders covered whole,
 * the platform kinds that qualify — SMEs apply, the department grants a quota, and the quota is a
 * ledger account: what is left of it is the sum of its entries, never a stored number.
 */
import { randomUUID } from 'node:crypto';
import {
  appError,
  badUserInput,
  badUserInputs,
  type Claims,
  type Connection,
  type ConstraintFields,
  countRows,
  type Database,
  ErrorCode,
  groupedStats,
  type InputProblem,
  insertVersioned,
  keysetPage,
  notFound,
  type Page,
  Role,
  runWrite,
  staleVersion,
  updateVersioned,
} from '@gzequip/kit';
import type { Industry, PlatformKind, VoucherSchemeInput, VoucherStatus } from '../__generated__/resolvers-types.ts';
import { restrictToEnterprise } from './access.ts';
import { type AccountRef, accountId, Ledger } from './ledger.ts';

interface SchemeRow {
  id: string;
  year: number;
  covered_share_bp: number;
  per_order_cap_fen: string | number;
  yearly_cap_fen: string | number;
  small_order_fen: string | number;
  qualifying_kinds: string[];
  status: string;
  version: number;
}

export interface VoucherScheme {
  year: number;
  coveredSharePercent: number;
  coveredShareBp: number;
  perOrderCapFen: number;
  yearlyCapFen: number;
  smallOrderFen: number;
  qualifyingKinds: PlatformKind[];
  open: boolean;
  version: number;
}

interface VoucherRow {
  id: string;
  scheme_year: number;
  enterprise_id: string;
  requested_fen: string | number;
  granted_fen: string | number | null;
  status: string;
  decision_reason: string | null;
  version: number;
}

export interface VoucherStatsRow {
  year: number | null;
  platformId: string | null;
  regionCode: string | null;
  industry: Industry | null;
  orders: number;
  spentFen: number;
  redeemedFen: number;
}

export interface Voucher {
  id: string;
  schemeYear: number;
  enterpriseId: string;
  requestedFen: number;
  grantedFen: number | null;
  status: VoucherStatus;
  decisionReason: string | null;
  version: number;
}

const SCHEME = { table: 'voucher_scheme', typename: 'VoucherScheme' };
const VOUCHER = { table: 'voucher', typename: 'Voucher' };

const CONSTRAINTS: ConstraintFields = {
  voucher_scheme_year_key: { field: 'input.year', reason: 'a scheme for this year is already open' },
  voucher_scheme_pkey: { field: 'input.year', reason: 'a scheme for this year is already open' },
  voucher_scheme_rules: { field: 'input', reason: 'breaks a scheme rule' },
  voucher_one_per_year: { field: 'year', reason: 'the enterprise already applied for this year' },
  voucher_scheme_year_foreign: { field: 'year', reason: 'has no voucher scheme' },
};

export const voucherAccount = (voucherId: string): AccountRef => ({ kind: 'VOUCHER', ownerId: voucherId });
export const fundAccount = (year: number): AccountRef => ({ kind: 'VOUCHER_FUND', ownerId: String(year) });

export function toScheme(row: SchemeRow): VoucherScheme {
  return {
    year: row.year,
    coveredShareBp: row.covered_share_bp,
    coveredSharePercent: row.covered_share_bp / 100,
    perOrderCapFen: Number(row.per_order_cap_fen),
    yearlyCapFen: Number(row.yearly_cap_fen),
    smallOrderFen: Number(row.small_order_fen),
    qualifyingKinds: row.qualifying_kinds as PlatformKind[],
    open: row.status === 'OPEN',
    version: row.version,
  };
}

export type VoucherConnection = Connection<Voucher>;

export function toVoucher(row: VoucherRow): Voucher {
  return {
    id: row.id,
    schemeYear: row.scheme_year,
    enterpriseId: row.enterprise_id,
    requestedFen: Number(row.requested_fen),
    grantedFen: row.granted_fen === null ? null : Number(row.granted_fen),
    status: row.status as VoucherStatus,
    decisionReason: row.decision_reason,
    version: row.version,
  };
}

/** What a scheme covers of an order: small orders whole, others their share, up to the cap. */
export function coverageOf(scheme: VoucherScheme, amountFen: number): number {
  if (amountFen <= scheme.smallOrderFen) return amountFen;
  return Math.min(Math.floor((amountFen * scheme.coveredShareBp) / 10_000), scheme.perOrderCapFen);
}

function mustAdminister(viewer: Claims, what: string): void {
  if (viewer.role !== Role.ADMIN) throw appError(ErrorCode.FORBIDDEN, `Only administrators of the department ${what}`);
}

export class VoucherModel {
  constructor(private readonly db: Database) {}

  async schemes(): Promise<VoucherScheme[]> {
    return ((await this.db.table<SchemeRow>('voucher_scheme').orderBy('year', 'desc')) as SchemeRow[]).map(toScheme);
  }

  /** Per scheme year: the vouchers granted and their quotas summed. */
  async grantsByYear(): Promise<Map<number, { vouchers: number; grantedFen: number }>> {
    const rows = (await this.db
      .table('voucher')
      .where({ status: 'GRANTED' })
      .groupBy('scheme_year')
      .select(
        'scheme_year',
        this.db.knex.raw('count(*)::int as vouchers'),
        this.db.knex.raw('sum(granted_fen)::bigint as granted'),
      )) as {
      scheme_year: number;
      vouchers: number;
      granted: string | number;
    }[];
    return new Map(rows.map((row) => [row.scheme_year, { vouchers: row.vouchers, grantedFen: Number(row.granted) }]));
  }

  /** Voucher money spent on settled orders and redeemed, by year and the serving platform. */
  async stats(groupBy: readonly string[]): Promise<VoucherStatsRow[]> {
    const spent = this.db
      .table('payment as p')
      .join('service_order as o', 'o.id', 'p.order_id')
      .join('platform as pl', 'pl.id', 'o.platform_id')
      .join('voucher as v', 'v.id', 'p.voucher_id')
      .leftJoin('redemption as rd', (on) => on.on('rd.payment_id', 'p.id').andOnVal('rd.status', 'APPROVED'))
      .where('p.status', 'SUCCEEDED')
      .where('p.voucher_fen', '>', 0)
      .select(
        'v.scheme_year as year',
        'o.platform_id',
        'pl.region_code',
        'pl.industries',
        'p.voucher_fen',
        this.db.knex.raw('coalesce(rd.amount_fen, 0) as redeemed_fen'),
      );
    const rows = await groupedStats(
      this.db,
      spent,
      {
        YEAR: { sql: 'r.year' },
        PLATFORM: { sql: 'r.platform_id' },
        REGION: { sql: 'r.region_code' },
        INDUSTRY: { sql: 'r.industries', unnest: true },
      },
      groupBy,
      {
        orders: 'count(*)::int',
        spent: 'coalesce(sum(r.voucher_fen), 0)::bigint',
        redeemed: 'coalesce(sum(r.redeemed_fen), 0)::bigint',
      },
    );
    return rows.map((row) => ({
      year: row.YEAR == null ? null : Number(row.YEAR),
      platformId: (row.PLATFORM as string | undefined) ?? null,
      regionCode: (row.REGION as string | undefined) ?? null,
      industry: (row.INDUSTRY as Industry | undefined) ?? null,
      orders: Number(row.orders),
      spentFen: Number(row.spent),
      redeemedFen: Number(row.redeemed),
    }));
  }

  /** The vouchers among `ids` the caller may see: its own enterprise's, or any for administrators. */
  async findByIds(ids: readonly string[], viewer: Claims): Promise<Voucher[]> {
    const query = this.db.table<VoucherRow>('voucher').whereIn('id', [...ids]);
    restrictToEnterprise(query, viewer);
    return ((await query) as VoucherRow[]).map(toVoucher);
  }

  async findPage(
    criteria: { year: number | null; status: VoucherStatus | null },
    page: Page<Voucher>,
    viewer: Claims,
  ): Promise<{ rows: Voucher[]; count: () => Promise<number> }> {
    const filtered = () => {
      const query = this.db.table<VoucherRow>('voucher');
      restrictToEnterprise(query, viewer);
      if (criteria.year !== null) query.where('scheme_year', criteria.year);
      if (criteria.status) query.where('status', criteria.status);
      return query;
    };
    return {
      rows: ((await keysetPage(filtered(), page)) as VoucherRow[]).map(toVoucher),
      count: () => countRows(filtered()),
    };
  }

  /** What is left of each voucher, from the ledger. */
  async balances(voucherIds: readonly string[]): Promise<Map<string, number>> {
    const balances = await new Ledger(this.db).balances(voucherIds.map(voucherAccount));
    return new Map(voucherIds.map((id) => [id, balances.get(accountId(voucherAccount(id))) ?? 0]));
  }

  openScheme(input: VoucherSchemeInput, viewer: Claims): Promise<VoucherScheme> {
    mustAdminister(viewer, 'open voucher schemes');
    const problems: InputProblem[] = [];
    const problem = (field: string, reason: string) => problems.push({ field: `input.${field}`, reason });
    if (input.year < 2000 || input.year > 2100) problem('year', 'must be 2000 to 2100');
    if (
      !Number.isInteger(input.coveredSharePercent) ||
      input.coveredSharePercent < 1 ||
      input.coveredSharePercent > 100
    ) {
      problem('coveredSharePercent', 'must be a whole percentage, 1 to 100');
    }
    if (input.perOrderCapFen < 1) problem('perOrderCapFen', 'must be 1 fen or more');
    if (input.yearlyCapFen < input.perOrderCapFen) problem('yearlyCapFen', 'must not be under perOrderCapFen');
    const small = input.smallOrderFen ?? 0;
    if (small < 0 || small > input.perOrderCapFen) problem('smallOrderFen', 'must be 0 to perOrderCapFen');
    if (input.qualifyingKinds.length === 0) problem('qualifyingKinds', 'must name one platform kind at least');
    return runWrite(
      this.db,
      async (tx) => {
        if (problems.length > 0) throw badUserInputs(problems);
        const row = await insertVersioned<SchemeRow>(
          tx,
          SCHEME,
          {
            id: `vsc-${input.year}`,
            year: input.year,
            covered_share_bp: input.coveredSharePercent * 100,
            per_order_cap_fen: input.perOrderCapFen,
            yearly_cap_fen: input.yearlyCapFen,
            small_order_fen: small,
            qualifying_kinds: [...new Set(input.qualifyingKinds)],
          },
          viewer,
        );
        return toScheme(row);
      },
      CONSTRAINTS,
    );
  }

  /** An enterprise's user applies for a voucher of a year's scheme. */
  apply(year: number, requestedFen: number, viewer: Claims): Promise<Voucher> {
    if (viewer.role !== Role.ENTERPRISE_USER || !viewer.enterpriseId) {
      throw appError(ErrorCode.FORBIDDEN, 'Sign in as a user of an enterprise to apply for a voucher');
    }
    const enterpriseId = viewer.enterpriseId;
    return runWrite(
      this.db,
      async (tx) => {
        const scheme = (await tx.table('voucher_scheme').where({ year }).first()) as SchemeRow | undefined;
        if (!scheme) throw notFound('VoucherScheme', String(year));
        if (scheme.status !== 'OPEN') {
          throw appError(ErrorCode.CONFLICT, `The ${year} scheme is closed`, { field: 'year' });
        }
        if (!Number.isSafeInteger(requestedFen) || requestedFen < 1 || requestedFen > Number(scheme.yearly_cap_fen)) {
          throw badUserInput('requestedFen', `must be 1 fen to the scheme's yearly cap (${scheme.yearly_cap_fen} fen)`);
        }
        const row = await insertVersioned<VoucherRow>(
          tx,
          VOUCHER,
          {
            id: `vch-${randomUUID().replaceAll('-', '').slice(0, 12)}`,
            scheme_year: year,
            enterprise_id: enterpriseId,
            requested_fen: requestedFen,
          },
          viewer,
        );
        return toVoucher(row);
      },
      CONSTRAINTS,
    );
  }

  /**
   * The department grants (part of) what was asked — the quota moves from the year's fund to the
   * voucher in the ledger — or rejects it with a reason. Money moves: an idempotency key.
   */
  decide(
    voucherId: string,
    version: number,
    decision: { grantedFen: number | null; reason: string | null; idempotencyKey: string },
    viewer: Claims,
  ): Promise<Voucher> {
    mustAdminister(viewer, 'grant vouchers');
    return runWrite(
      this.db,
      async (tx) => {
        const ledger = new Ledger(tx);
        const request = {
          kind: 'VOUCHER_GRANT',
          idempotencyKey: decision.idempotencyKey,
          request: { voucherId, version, grantedFen: decision.grantedFen, reason: decision.reason },
          lines: [],
        };
        if (await ledger.claim(request)) {
          return toVoucher((await tx.table<VoucherRow>('voucher').where({ id: voucherId }).first()) as VoucherRow);
        }
        const row = (await tx.table<VoucherRow>('voucher').where({ id: voucherId }).forUpdate().first()) as
          | VoucherRow
          | undefined;
        if (!row) throw notFound('Voucher', voucherId);
        if (row.version !== version) throw staleVersion('Voucher', voucherId, row.version, version);
        if (row.status !== 'APPLIED') {
          throw appError(ErrorCode.CONFLICT, `Voucher ${voucherId} was already ${row.status}`, { field: 'voucherId' });
        }
        if (decision.grantedFen === null) {
          if (!decision.reason?.trim()) throw badUserInput('reason', 'is required to reject an application: say why');
          return toVoucher(
            await updateVersioned<VoucherRow>(
              tx,
              VOUCHER,
              voucherId,
              version,
              { status: 'REJECTED', decision_reason: decision.reason.trim() },
              viewer,
              row,
            ),
          );
        }
        const granted = decision.grantedFen;
        if (!Number.isSafeInteger(granted) || granted < 1 || granted > Number(row.requested_fen)) {
          throw badUserInput('grantedFen', `must be 1 fen to what was asked (${row.requested_fen} fen)`);
        }
        const updated = await updateVersioned<VoucherRow>(
          tx,
          VOUCHER,
          voucherId,
          version,
          { status: 'GRANTED', granted_fen: granted, decision_reason: decision.reason?.trim() || null },
          viewer,
          row,
        );
        await ledger.post(
          {
            ...request,
            memo: `voucher ${voucherId} granted`,
            lines: [
              { account: fundAccount(row.scheme_year), amountFen: -granted },
              { account: voucherAccount(voucherId), amountFen: granted },
            ],
          },
          viewer,
        );
        return toVoucher(updated);
      },
      CONSTRAINTS,
    );
  }
}
