/**
 * Paying for orders: innovation voucher schemes as data, vouchers granted to SMEs, payments the
 * provider confirms by signed callback, and the redemption claims providers make for the voucher
 * part. Every amount is integer fen; every money movement is a ledger transaction that names the
 * order it belongs to, so reconciliation can hold each order against its entries.
 */
import { MAX_FEN, trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'platforms';

const PLATFORM_KINDS = [
  'INSTRUMENT_SHARING',
  'TESTING_CERTIFICATION',
  'RESEARCH_DEVELOPMENT',
  'INDUSTRIAL_DESIGN',
  'INDUSTRIAL_INTERNET',
  'TECHNOLOGY_TRANSFER',
  'TRAINING',
];

export async function up(knex: Knex): Promise<void> {
  // The order a movement belongs to, for reconciliation (null for grants and transfers).
  await knex.raw(`alter table ${SCHEMA}.ledger_transaction add column order_id text`);
  await knex.raw(`create index ledger_transaction_order_id on ${SCHEMA}.ledger_transaction (order_id)`);

  await knex.schema.withSchema(SCHEMA).createTable('voucher_scheme', (table) => {
    table.text('id').primary();
    table.integer('year').notNullable().unique({ indexName: 'voucher_scheme_year_key' });
    // The share of an order the voucher covers, in basis points (6000 = 60%).
    table.integer('covered_share_bp').notNullable();
    table.bigInteger('per_order_cap_fen').notNullable();
    table.bigInteger('yearly_cap_fen').notNullable();
    // Orders up to this amount are covered whole.
    table.bigInteger('small_order_fen').notNullable().defaultTo(0);
    // The platform kinds whose services qualify.
    table.specificType('qualifying_kinds', 'text[]').notNullable();
    table.text('status').notNullable().defaultTo('OPEN');
    table.integer('version').notNullable().defaultTo(1);
  });
  await knex.raw(`
    alter table ${SCHEMA}.voucher_scheme add constraint voucher_scheme_rules check (
      year between 2000 and 2100
      and covered_share_bp between 1 and 10000
      and per_order_cap_fen between 1 and ${MAX_FEN}
      and yearly_cap_fen between per_order_cap_fen and ${MAX_FEN}
      and small_order_fen between 0 and per_order_cap_fen
      and cardinality(qualifying_kinds) >= 1
      and qualifying_kinds <@ array[${PLATFORM_KINDS.map((k) => `'${k}'`).join(', ')}]::text[]
      and status in ('OPEN', 'CLOSED'))`);
  await trackChanges(knex, SCHEMA, 'voucher_scheme', 'VoucherScheme');

  await knex.schema.withSchema(SCHEMA).createTable('voucher', (table) => {
    table.text('id').primary();
    table.integer('scheme_year').notNullable().references('year').inTable(`${SCHEMA}.voucher_scheme`);
    table.text('enterprise_id').notNullable();
    table.bigInteger('requested_fen').notNullable();
    // Set when the department grants it; the ledger holds what is left of it.
    table.bigInteger('granted_fen');
    table.text('status').notNullable().defaultTo('APPLIED');
    table.text('decision_reason');
    table.integer('version').notNullable().defaultTo(1);
    table.unique(['scheme_year', 'enterprise_id'], { indexName: 'voucher_one_per_year' });
  });
  await knex.raw(`
    alter table ${SCHEMA}.voucher add constraint voucher_amounts check (
      requested_fen between 1 and ${MAX_FEN}
      and status in ('APPLIED', 'GRANTED', 'REJECTED')
      and (status = 'GRANTED') = (granted_fen is not null)
      and (granted_fen is null or granted_fen between 1 and requested_fen))`);
  await trackChanges(knex, SCHEMA, 'voucher', 'Voucher');

  await knex.schema.withSchema(SCHEMA).createTable('payment', (table) => {
    table.text('id').primary();
    table.text('order_id').notNullable().references('id').inTable(`${SCHEMA}.service_order`);
    table.text('voucher_id').references('id').inTable(`${SCHEMA}.voucher`);
    // The order's amount split: what the voucher covers, what the SME pays through the provider.
    table.bigInteger('voucher_fen').notNullable();
    table.bigInteger('cash_fen').notNullable();
    table.text('status').notNullable().defaultTo('PENDING');
    table.text('idempotency_key').notNullable().unique({ indexName: 'payment_idempotency_key' });
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.raw("date_trunc('milliseconds', now())"));
    table.timestamp('succeeded_at', { useTz: true });
    // One live payment an order: a failed one may be tried again.
    table.index(['order_id']);
  });
  await knex.raw(`
    alter table ${SCHEMA}.payment add constraint payment_amounts check (
      voucher_fen between 0 and ${MAX_FEN} and cash_fen between 0 and ${MAX_FEN} and voucher_fen + cash_fen > 0
      and (voucher_fen = 0) = (voucher_id is null)
      and status in ('PENDING', 'SUCCEEDED', 'FAILED')
      and (status = 'SUCCEEDED') = (succeeded_at is not null))`);
  await knex.raw(
    `create unique index payment_one_live_per_order on ${SCHEMA}.payment (order_id) where status <> 'FAILED'`,
  );

  // Every callback the provider delivered, by its event id: a repeat is answered, never booked again.
  await knex.schema.withSchema(SCHEMA).createTable('payment_event', (table) => {
    table.text('event_id').primary();
    table.text('payment_id').notNullable().references('id').inTable(`${SCHEMA}.payment`);
    table.text('outcome').notNullable();
    table
      .timestamp('received_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.raw("date_trunc('milliseconds', now())"));
  });
  await knex.raw(
    `alter table ${SCHEMA}.payment_event add constraint payment_event_outcome check (outcome in ('SUCCEEDED', 'FAILED'))`,
  );

  await knex.schema.withSchema(SCHEMA).createTable('redemption', (table) => {
    table.text('id').primary();
    table
      .text('payment_id')
      .notNullable()
      .unique({ indexName: 'redemption_one_per_payment' })
      .references('id')
      .inTable(`${SCHEMA}.payment`);
    table.text('platform_id').notNullable().references('id').inTable(`${SCHEMA}.platform`);
    table.bigInteger('amount_fen').notNullable();
    table.text('status').notNullable().defaultTo('CLAIMED');
    table.text('decision_reason');
    table.integer('version').notNullable().defaultTo(1);
  });
  await knex.raw(`
    alter table ${SCHEMA}.redemption add constraint redemption_rules check (
      amount_fen between 1 and ${MAX_FEN} and status in ('CLAIMED', 'APPROVED', 'REJECTED')
      and (status = 'REJECTED') <= (decision_reason is not null))`);
  await trackChanges(knex, SCHEMA, 'redemption', 'Redemption');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['redemption', 'payment_event', 'payment', 'voucher', 'voucher_scheme']) {
    await knex.schema.withSchema(SCHEMA).dropTable(table);
  }
  await knex.raw(`alter table ${SCHEMA}.ledger_transaction drop column order_id`);
}
