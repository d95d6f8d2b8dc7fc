/**
 * Booking money: a transaction is a set of entries in integer fen that balance to zero, made by
 * one request with one idempotency key. The same key with the same request gives back what it
 * booked the first time (however many are sent at once: the key is unique in the database, and a
 * request that loses the race reads the winner's transaction); the same key with a different
 * request is CONFLICT. Balances are sums of entries.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  appError,
  badUserInputs,
  type Claims,
  canonicalJson,
  type Database,
  ErrorCode,
  type InputProblem,
  MAX_FEN,
} from '@gzequip/kit';
import { LEDGER_LIMITS } from '../migrations/20261209000000_ledger.ts';

export type AccountKind = 'ENTERPRISE' | 'PLATFORM' | 'VOUCHER_FUND' | 'VOUCHER' | 'CLEARING';

/** One account of the ledger: its id says whose it is. */
export interface AccountRef {
  kind: AccountKind;
  /** The enterprise, platform, voucher scheme year or voucher; none for the clearing account. */
  ownerId: string | null;
}

export const CLEARING: AccountRef = { kind: 'CLEARING', ownerId: null };

export function accountId({ kind, ownerId }: AccountRef): string {
  return ownerId === null ? kind.toLowerCase() : `${kind.toLowerCase().replaceAll('_', '-')}:${ownerId}`;
}

export interface LedgerLine {
  account: AccountRef;
  amountFen: number;
}

export interface LedgerRequest {
  kind: string;
  memo?: string | null;
  idempotencyKey: string;
  /** The order the money moves for, if any (reconciliation holds orders against it). */
  orderId?: string | null;
  lines: readonly LedgerLine[];
  /** What the caller asked for, as it asked: a replay must ask the same. Defaults to the lines. */
  request?: unknown;
}

export interface LedgerEntry {
  id: string;
  accountId: string;
  amountFen: number;
}

export interface LedgerTransaction {
  id: string;
  kind: string;
  memo: string | null;
  idempotencyKey: string;
  createdBy: string;
  createdAt: string;
  entries: LedgerEntry[];
}

interface TransactionRow {
  id: string;
  kind: string;
  memo: string | null;
  idempotency_key: string;
  request_hash: string;
  created_by: string;
  created_at: string | Date;
}

/** Every problem with a request's amounts and key, before the database is asked. */
function problemsOf(request: LedgerRequest): InputProblem[] {
  const problems: InputProblem[] = [];
  const key = request.idempotencyKey;
  if (key.length < 8 || key.length > LEDGER_LIMITS.idempotencyKey) {
    problems.push({
      field: 'idempotencyKey',
      reason: `must be 8 to ${LEDGER_LIMITS.idempotencyKey} characters (a UUID is a good one)`,
    });
  }
  if (request.lines.length < 2)
    problems.push({ field: 'lines', reason: 'must move money between two accounts at least' });
  request.lines.forEach(({ amountFen }, i) => {
    if (!Number.isSafeInteger(amountFen) || amountFen === 0 || Math.abs(amountFen) > MAX_FEN) {
      problems.push({
        field: `lines[${i}].amountFen`,
        reason: `must be a whole number of fen, not 0, at most ${MAX_FEN}`,
      });
    }
  });
  const total = request.lines.reduce((sum, line) => sum + line.amountFen, 0);
  if (total !== 0) problems.push({ field: 'lines', reason: `must balance to zero, not ${total} fen` });
  if (request.memo && request.memo.length > LEDGER_LIMITS.memo) {
    problems.push({ field: 'memo', reason: `must be at most ${LEDGER_LIMITS.memo} characters` });
  }
  return problems;
}

function keyReused() {
  return appError(
    ErrorCode.CONFLICT,
    'This idempotency key was used for a different request: send a new key for a new request',
    { field: 'idempotencyKey' },
  );
}

function hashOf(request: LedgerRequest): string {
  const asked = request.request ?? { kind: request.kind, lines: request.lines };
  return createHash('sha256').update(canonicalJson(asked)).digest('hex');
}

export class Ledger {
  constructor(private readonly tx: Database) {}

  /**
   * The transaction a key already booked, if any — CONFLICT if it was booked for a different
   * request. It holds the key until the caller's transaction ends, so that a money-moving mutation
   * calls it first: a second request with the same key waits, then answers from the first one's
   * transaction instead of finding the state the first one changed.
   */
  async claim(request: LedgerRequest): Promise<LedgerTransaction | null> {
    await this.tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`ledger:${request.idempotencyKey}`]);
    const earlier = (await this.tx
      .table('ledger_transaction')
      .where({ idempotency_key: request.idempotencyKey })
      .first()) as TransactionRow | undefined;
    if (!earlier) return null;
    if (earlier.request_hash !== hashOf(request)) throw keyReused();
    return this.transaction(earlier);
  }

  /**
   * Books a transaction in the caller's database transaction, or answers the one its key booked
   * before (`replayed`). Run it inside the mutation's `runWrite`, after `claim` and the mutation's
   * own checks.
   */
  async post(request: LedgerRequest, by: Claims): Promise<{ transaction: LedgerTransaction; replayed: boolean }> {
    const problems = problemsOf(request);
    if (problems.length > 0) throw badUserInputs(problems);
    const hash = hashOf(request);
    const s = `"${this.tx.schema}"`;
    // Waits for a concurrent holder of the key to finish; then either this one books, or the key is taken.
    const inserted = await this.tx.raw<{ id: string }>(
      `insert into ${s}.ledger_transaction (id, kind, memo, idempotency_key, request_hash, created_by, order_id)
       values (?, ?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing returning id`,
      [
        `txn-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
        request.kind,
        request.memo ?? null,
        request.idempotencyKey,
        hash,
        by.userId ?? by.role,
        request.orderId ?? null,
      ],
    );
    const [booked] = inserted;
    if (!booked) {
      const earlier = await this.tx
        .table<TransactionRow>('ledger_transaction')
        .where({ idempotency_key: request.idempotencyKey })
        .first();
      if (!earlier || earlier.request_hash !== hash) throw keyReused();
      return { transaction: await this.transaction(earlier as TransactionRow), replayed: true };
    }
    const accounts = new Map(request.lines.map(({ account }) => [accountId(account), account]));
    await this.tx
      .table('account')
      .insert([...accounts].map(([id, { kind, ownerId }]) => ({ id, kind, owner_id: ownerId })))
      .onConflict('id')
      .ignore();
    await this.tx.table('ledger_entry').insert(
      request.lines.map(({ account, amountFen }) => ({
        transaction_id: booked.id,
        account_id: accountId(account),
        amount_fen: amountFen,
      })),
    );
    const row = await this.tx.table<TransactionRow>('ledger_transaction').where({ id: booked.id }).first();
    return { transaction: await this.transaction(row as TransactionRow), replayed: false };
  }

  /** The balance of each account, in fen (0 for an account with no entries). */
  async balances(accounts: readonly AccountRef[]): Promise<Map<string, number>> {
    const ids = accounts.map(accountId);
    const rows = (await this.tx
      .table('ledger_entry')
      .whereIn('account_id', ids)
      .groupBy('account_id')
      .select('account_id', this.tx.knex.raw('sum(amount_fen)::bigint as balance'))) as {
      account_id: string;
      balance: string | number;
    }[];
    const found = new Map(rows.map((row) => [row.account_id, Number(row.balance)]));
    return new Map(ids.map((id) => [id, found.get(id) ?? 0]));
  }

  /** The trial balance: every account kind's total, and the whole ledger's (zero when it is sound). */
  async trialBalance(): Promise<{ total: number; byKind: Record<string, number>; unbalanced: string[] }> {
    const s = `"${this.tx.schema}"`;
    const kinds = await this.tx.raw<{ kind: string; total: string | number }>(
      `select a.kind, coalesce(sum(e.amount_fen), 0)::bigint as total
         from ${s}.account a left join ${s}.ledger_entry e on e.account_id = a.id group by a.kind order by a.kind`,
    );
    const unbalanced = await this.tx.raw<{ transaction_id: string }>(
      `select transaction_id from ${s}.ledger_entry group by transaction_id
       having sum(amount_fen) <> 0 or count(*) < 2 order by transaction_id`,
    );
    const byKind = Object.fromEntries(kinds.map((row) => [row.kind, Number(row.total)]));
    return {
      total: Object.values(byKind).reduce((sum, value) => sum + value, 0),
      byKind,
      unbalanced: unbalanced.map((row) => row.transaction_id),
    };
  }

  private async transaction(row: TransactionRow): Promise<LedgerTransaction> {
    const entries = (await this.tx.table('ledger_entry').where({ transaction_id: row.id }).orderBy('id')) as {
      id: string | number;
      account_id: string;
      amount_fen: string | number;
    }[];
    return {
      id: row.id,
      kind: row.kind,
      memo: row.memo,
      idempotencyKey: row.idempotency_key,
      createdBy: row.created_by,
      createdAt: new Date(row.created_at).toISOString(),
      entries: entries.map((entry) => ({
        id: String(entry.id),
        accountId: entry.account_id,
        amountFen: Number(entry.amount_fen),
      })),
    };
  }
}
