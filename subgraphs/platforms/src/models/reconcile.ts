/**
 * Reconciliation: the ledger's trial balance, and every order whose payments and ledger
 * disagree. In a sound system it finds nothing; `pnpm reconcile` and the `reconciliation` query
 * run it, and a test runs it after a concurrent workload.
 */
import type { Database } from '@gzequip/kit';
import { Ledger } from './ledger.ts';

export interface Discrepancy {
  orderId: string;
  problem: string;
}

export interface Reconciliation {
  /** Every entry of the ledger summed: zero when every transaction balanced. */
  ledgerTotalFen: number;
  byAccountKind: { kind: string; balanceFen: number }[];
  unbalancedTransactions: string[];
  negativeVouchers: { voucherId: string; balanceFen: number }[];
  discrepancies: Discrepancy[];
}

export async function reconcile(db: Database): Promise<Reconciliation> {
  const s = `"${db.schema}"`;
  const trial = await new Ledger(db).trialBalance();
  const negative = await db.raw<{ owner_id: string; balance: string | number }>(
    `select a.owner_id, sum(e.amount_fen)::bigint as balance
       from ${s}.account a join ${s}.ledger_entry e on e.account_id = a.id
      where a.kind = 'VOUCHER' group by a.owner_id having sum(e.amount_fen) < 0 order by a.owner_id`,
  );
  // What each order's payment says should be in the ledger, against what is.
  const rows = await db.raw<{ order_id: string; problem: string }>(
    `with paid as (
       select p.order_id, p.status, p.voucher_fen, p.cash_fen, r.status as redemption
         from ${s}.payment p left join ${s}.redemption r on r.payment_id = p.id
        where p.status <> 'FAILED'),
     booked as (
       select t.order_id,
              coalesce(sum(e.amount_fen) filter (where t.kind = 'PAYMENT' and e.account_id = 'clearing'), 0) as cash_in,
              coalesce(sum(-e.amount_fen) filter (where t.kind = 'SETTLEMENT' and e.account_id = 'clearing'), 0) as cash_out,
              coalesce(sum(e.amount_fen) filter (where e.account_id = 'clearing'), 0) as clearing
         from ${s}.ledger_transaction t join ${s}.ledger_entry e on e.transaction_id = t.id
        where t.order_id is not null group by t.order_id)
     select o.id as order_id, problem from ${s}.service_order o
       left join paid on paid.order_id = o.id
       left join booked on booked.order_id = o.id,
       lateral (values
         (case when o.status = 'SETTLED' and coalesce(paid.status, '') <> 'SUCCEEDED'
               then 'settled without a successful payment' end),
         (case when paid.status = 'SUCCEEDED' and o.status <> 'SETTLED'
               then 'paid but not settled' end),
         (case when paid.status = 'SUCCEEDED' and coalesce(booked.cash_in, 0) <> paid.cash_fen
               then 'cash booked ' || coalesce(booked.cash_in, 0) || ' fen, paid ' || paid.cash_fen end),
         (case when paid.status = 'SUCCEEDED' and coalesce(booked.cash_out, 0) <> paid.cash_fen
               then 'cash passed on ' || coalesce(booked.cash_out, 0) || ' fen, paid ' || paid.cash_fen end),
         (case when coalesce(booked.clearing, 0) <>
                    (case when paid.voucher_fen > 0 and coalesce(paid.redemption, 'CLAIMED') = 'CLAIMED' then paid.voucher_fen else 0 end)
               then 'clearing holds ' || coalesce(booked.clearing, 0) || ' fen for it' end)
       ) as found(problem)
      where problem is not null
      order by o.id, problem`,
  );
  return {
    ledgerTotalFen: trial.total,
    byAccountKind: Object.entries(trial.byKind).map(([kind, balanceFen]) => ({ kind, balanceFen })),
    unbalancedTransactions: trial.unbalanced,
    negativeVouchers: negative.map((row) => ({ voucherId: row.owner_id, balanceFen: Number(row.balance) })),
    discrepancies: rows.map((row) => ({ orderId: row.order_id, problem: row.problem })),
  };
}
