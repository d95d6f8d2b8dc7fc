/**
 * The double-entry ledger settlement moves money through: accounts, and transactions made of
 * entries in integer fen that balance to zero. A balance is the sum of an account's entries,
 * never stored alone; nothing here is ever updated or deleted (a correction is a reversing
 * transaction); every transaction carries the idempotency key of the request that made it, so
 * the same request twice moves money once. The database holds each of these rules itself.
 */
import { MAX_FEN } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'platforms';

export const ACCOUNT_KINDS = ['ENTERPRISE', 'PLATFORM', 'VOUCHER_FUND', 'VOUCHER', 'CLEARING'] as const;
export const LEDGER_LIMITS = { idempotencyKey: 200, memo: 500 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).createTable('account', (table) => {
    table.text('id').primary();
    table.text('kind').notNullable();
    // The enterprise, platform or voucher the account belongs to (null for the clearing account).
    table.text('owner_id');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.raw("date_trunc('milliseconds', now())"));
  });
  await knex.raw(
    `alter table ${SCHEMA}.account add constraint account_kind_check check (kind in (${ACCOUNT_KINDS.map((k) => `'${k}'`).join(', ')}))`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.account add constraint account_owner_required check ((kind = 'CLEARING') = (owner_id is null))`,
  );

  await knex.schema.withSchema(SCHEMA).createTable('ledger_transaction', (table) => {
    table.text('id').primary();
    table.text('kind').notNullable();
    table.text('memo');
    // The request that made it: the same key again is the same request, answered from here.
    table.text('idempotency_key').notNullable().unique({ indexName: 'ledger_transaction_idempotency_key' });
    table.text('request_hash').notNullable();
    table.text('created_by').notNullable();
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.raw("date_trunc('milliseconds', now())"));
  });
  await knex.raw(
    `alter table ${SCHEMA}.ledger_transaction add constraint ledger_transaction_key_length
       check (char_length(idempotency_key) between 8 and ${LEDGER_LIMITS.idempotencyKey})`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.ledger_transaction add constraint ledger_transaction_memo_length
       check (memo is null or char_length(memo) <= ${LEDGER_LIMITS.memo})`,
  );

  await knex.schema.withSchema(SCHEMA).createTable('ledger_entry', (table) => {
    table.bigIncrements('id');
    table.text('transaction_id').notNullable().references('id').inTable(`${SCHEMA}.ledger_transaction`);
    table.text('account_id').notNullable().references('id').inTable(`${SCHEMA}.account`);
    table.bigInteger('amount_fen').notNullable();
    table.index(['account_id', 'id']);
    table.index(['transaction_id']);
  });
  await knex.raw(
    `alter table ${SCHEMA}.ledger_entry add constraint ledger_entry_amount
       check (amount_fen <> 0 and amount_fen between -${MAX_FEN} and ${MAX_FEN})`,
  );

  // A transaction balances to zero and moves money between two accounts at least: checked when
  // the writing transaction commits, after all its entries are in.
  await knex.raw(`
    create function ${SCHEMA}.ledger_transaction_balances() returns trigger language plpgsql as $$
    declare
      total numeric;
      entries integer;
    begin
      select coalesce(sum(amount_fen), 0), count(*) into total, entries
        from ${SCHEMA}.ledger_entry where transaction_id = new.transaction_id;
      if total <> 0 or entries < 2 then
        raise exception 'ledger transaction % does not balance: % entries summing to % fen', new.transaction_id, entries, total
          using errcode = '23514', constraint = 'ledger_transaction_balances';
      end if;
      return null;
    end $$`);
  await knex.raw(
    `create constraint trigger ledger_transaction_balances after insert on ${SCHEMA}.ledger_entry
       deferrable initially deferred for each row execute function ${SCHEMA}.ledger_transaction_balances()`,
  );
  // The ledger is history: what was booked stays booked.
  await knex.raw(`
    create function ${SCHEMA}.ledger_is_history() returns trigger language plpgsql as $$
    begin
      raise exception 'the ledger is never changed: book a reversing transaction instead' using errcode = '55000';
    end $$`);
  for (const table of ['ledger_transaction', 'ledger_entry']) {
    await knex.raw(
      `create trigger ${table}_is_history before update or delete on ${SCHEMA}.${table}
         for each row execute function ${SCHEMA}.ledger_is_history()`,
    );
  }
  await knex.raw(`insert into ${SCHEMA}.account (id, kind) values ('clearing', 'CLEARING')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).dropTable('ledger_entry');
  await knex.schema.withSchema(SCHEMA).dropTable('ledger_transaction');
  await knex.schema.withSchema(SCHEMA).dropTable('account');
  await knex.raw(`drop function ${SCHEMA}.ledger_transaction_balances, ${SCHEMA}.ledger_is_history`);
}
