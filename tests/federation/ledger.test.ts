/**
 * The settlement ledger on the platforms database the federation runs (PGlite, or PostgreSQL in
 * CI, where the parallel requests really race): every transaction balances to zero, entries are
 * never changed, and one idempotency key moves money once however often it is sent.
 */
import { randomUUID } from 'node:crypto';
import { type Claims, Role, runWrite } from '@gzequip/kit';
import { describe, expect, it } from 'vitest';
import {
  type AccountRef,
  accountId,
  CLEARING,
  Ledger,
  type LedgerRequest,
} from '../../subgraphs/platforms/src/models/ledger.ts';
import { database } from '../support/federation.ts';

const DEPARTMENT: Claims = { userId: 'finance', role: Role.ADMIN, enterpriseId: null, platformIds: [], scopes: [] };
const run = Math.random().toString(36).slice(2, 8);
const sme: AccountRef = { kind: 'ENTERPRISE', ownerId: `ent-ledger-${run}` };
const platform: AccountRef = { kind: 'PLATFORM', ownerId: `plt-ledger-${run}` };

function payment(amountFen: number, key: string = randomUUID()): LedgerRequest {
  return {
    kind: 'PAYMENT',
    memo: '测试付款',
    idempotencyKey: key,
    lines: [
      { account: sme, amountFen: -amountFen },
      { account: CLEARING, amountFen },
    ],
  };
}

async function post(request: LedgerRequest) {
  const db = await database('platforms');
  return runWrite(db, async (tx) => {
    const ledger = new Ledger(tx);
    const earlier = await ledger.claim(request);
    if (earlier) return { transaction: earlier, replayed: true };
    return ledger.post(request, DEPARTMENT);
  });
}

async function balance(account: AccountRef): Promise<number> {
  const db = await database('platforms');
  return (await new Ledger(db).balances([account])).get(accountId(account)) ?? 0;
}

describe('the settlement ledger', () => {
  it('books balanced transactions, and balances are the sums of their entries', async () => {
    const paid = await post(payment(60_000));
    expect(paid.replayed).toBe(false);
    expect(paid.transaction.entries.map((e) => e.amountFen)).toEqual([-60_000, 60_000]);
    await post({
      kind: 'SETTLEMENT',
      idempotencyKey: randomUUID(),
      lines: [
        { account: CLEARING, amountFen: -60_000 },
        { account: platform, amountFen: 60_000 },
      ],
    });
    expect(await balance(sme)).toBe(-60_000);
    expect(await balance(platform)).toBe(60_000);
    const trial = await new Ledger(await database('platforms')).trialBalance();
    expect(trial.total).toBe(0);
    expect(trial.unbalanced).toEqual([]);
  });

  it('refuses what does not balance, zero, fractions and a short key, booking nothing', async () => {
    const before = await balance(sme);
    const cases: [LedgerRequest, string][] = [
      [
        {
          ...payment(100),
          lines: [
            { account: sme, amountFen: -100 },
            { account: CLEARING, amountFen: 99 },
          ],
        },
        'lines',
      ],
      [{ ...payment(100), lines: [{ account: sme, amountFen: -100 }] }, 'lines'],
      [{ ...payment(0) }, 'lines[0].amountFen'],
      [
        {
          ...payment(100),
          lines: [
            { account: sme, amountFen: -0.5 },
            { account: CLEARING, amountFen: 0.5 },
          ],
        },
        'lines[0].amountFen',
      ],
      [payment(100, 'short'), 'idempotencyKey'],
    ];
    for (const [request, field] of cases) {
      const refused = await post(request).catch((error: { extensions?: Record<string, unknown> }) => error);
      expect((refused as { extensions?: Record<string, unknown> }).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect(await balance(sme)).toBe(before);
  });

  it('is held by the database too: an unbalanced transaction does not commit, and entries never change', async () => {
    const db = await database('platforms');
    const id = `txn-raw-${run}`;
    await expect(
      db.transaction(async (tx) => {
        await tx.table('ledger_transaction').insert({
          id,
          kind: 'PAYMENT',
          idempotency_key: `raw-${randomUUID()}`,
          request_hash: 'x',
          created_by: 'test',
        });
        await tx.table('ledger_entry').insert({ transaction_id: id, account_id: 'clearing', amount_fen: 5 });
      }),
    ).rejects.toThrow(/does not balance/);
    expect(await db.table('ledger_transaction').where({ id }).first()).toBeUndefined();
    const booked = await post(payment(700));
    await expect(
      db.table('ledger_entry').where({ transaction_id: booked.transaction.id }).update({ amount_fen: 1 }),
    ).rejects.toThrow(/never changed/);
    await expect(db.table('ledger_entry').where({ transaction_id: booked.transaction.id }).del()).rejects.toThrow(
      /never changed/,
    );
  });

  it('books a key sent ten times at once exactly once, and refuses the key for another request', async () => {
    const before = await balance(sme);
    const request = payment(12_345);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(request)));
    const ids = new Set(answers.map((answer) => answer.transaction.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
    expect(await balance(sme)).toBe(before - 12_345);
    const db = await database('platforms');
    const [row] = (await db.table('ledger_transaction').where({ idempotency_key: request.idempotencyKey }).count({
      count: '*',
    })) as { count: string | number }[];
    expect(Number(row?.count)).toBe(1);

    const other = await post(payment(54_321, request.idempotencyKey)).catch(
      (error: { extensions?: Record<string, unknown> }) => error,
    );
    expect((other as { extensions?: Record<string, unknown> }).extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'idempotencyKey',
    });
    expect(await balance(sme)).toBe(before - 12_345);
    const trial = await new Ledger(db).trialBalance();
    expect(trial).toMatchObject({ total: 0, unbalanced: [] });
  });
});
