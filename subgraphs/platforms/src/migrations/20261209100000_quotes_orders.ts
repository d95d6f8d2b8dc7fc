/**
 * Quotes and orders: a platform's operator quotes on an inquiry thread; the enterprise accepts,
 * which places an order that follows the work — PLACED → IN_PROGRESS → DELIVERED → ACCEPTED →
 * SETTLED, or CANCELLED, or DISPUTED with a reason until an administrator resolves it. Which move
 * is allowed from which state is a table the database checks, not only the code.
 */
import { MAX_FEN, trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'platforms';

export const ORDER_STATUSES = [
  'PLACED',
  'IN_PROGRESS',
  'DELIVERED',
  'ACCEPTED',
  'SETTLED',
  'CANCELLED',
  'DISPUTED',
] as const;

/** The moves an order may make, and which side makes them (ADMIN: resolving a dispute). */
export const ORDER_MOVES = [
  ['PLACED', 'IN_PROGRESS', 'PLATFORM'],
  ['PLACED', 'CANCELLED', 'ENTERPRISE'],
  ['PLACED', 'CANCELLED', 'PLATFORM'],
  ['IN_PROGRESS', 'DELIVERED', 'PLATFORM'],
  ['IN_PROGRESS', 'DISPUTED', 'ENTERPRISE'],
  ['DELIVERED', 'ACCEPTED', 'ENTERPRISE'],
  ['DELIVERED', 'DISPUTED', 'ENTERPRISE'],
  ['DISPUTED', 'IN_PROGRESS', 'ADMIN'],
  ['DISPUTED', 'ACCEPTED', 'ADMIN'],
  ['DISPUTED', 'CANCELLED', 'ADMIN'],
  // Settling is the payment's work (the settlement ledger), never a caller's move.
  ['ACCEPTED', 'SETTLED', 'LEDGER'],
] as const;

export const ORDER_LIMITS = { description: 2000, reason: 500 } as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).createTable('quote', (table) => {
    table.text('id').primary();
    table.text('thread_id').notNullable().references('id').inTable(`${SCHEMA}.thread`);
    table.text('platform_id').notNullable().references('id').inTable(`${SCHEMA}.platform`);
    table.text('enterprise_id').notNullable();
    table.text('service_id').references('id').inTable(`${SCHEMA}.service`).onDelete('set null');
    // A booking of the instruments subgraph the quote prices: a key, not a foreign key.
    table.text('booking_id');
    table.text('description').notNullable();
    table.bigInteger('amount_fen').notNullable();
    table.date('valid_until').notNullable();
    table.text('status').notNullable().defaultTo('OFFERED');
    table.integer('version').notNullable().defaultTo(1);
    table.index(['thread_id']);
  });
  await knex.raw(
    `alter table ${SCHEMA}.quote add constraint quote_amount_range check (amount_fen between 1 and ${MAX_FEN})`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.quote add constraint quote_description_length
       check (char_length(btrim(description)) between 1 and ${ORDER_LIMITS.description})`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.quote add constraint quote_status_check check (status in ('OFFERED', 'ACCEPTED', 'WITHDRAWN'))`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.quote add constraint quote_booking_id_format check (booking_id is null or booking_id ~ '^bkg-[0-9a-z-]{1,40}$')`,
  );
  await trackChanges(knex, SCHEMA, 'quote', 'Quote');

  await knex.schema.withSchema(SCHEMA).createTable('order_move', (table) => {
    table.text('from_status').notNullable();
    table.text('to_status').notNullable();
    table.text('side').notNullable();
    table.primary(['from_status', 'to_status', 'side']);
  });
  await knex
    .withSchema(SCHEMA)
    .table('order_move')
    .insert(ORDER_MOVES.map(([from, to, side]) => ({ from_status: from, to_status: to, side })));

  await knex.schema.withSchema(SCHEMA).createTable('service_order', (table) => {
    table.text('id').primary();
    // One order per quote: accepting twice cannot place two.
    table
      .text('quote_id')
      .notNullable()
      .unique({ indexName: 'service_order_quote_key' })
      .references('id')
      .inTable(`${SCHEMA}.quote`);
    table.text('platform_id').notNullable().references('id').inTable(`${SCHEMA}.platform`);
    table.text('enterprise_id').notNullable();
    table.bigInteger('amount_fen').notNullable();
    table.text('status').notNullable().defaultTo('PLACED');
    table.text('dispute_reason');
    table.text('resolution');
    table.integer('version').notNullable().defaultTo(1);
    table.index(['platform_id', 'id']);
    table.index(['enterprise_id', 'id']);
  });
  await knex.raw(
    `alter table ${SCHEMA}.service_order add constraint service_order_amount_range check (amount_fen between 1 and ${MAX_FEN})`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.service_order add constraint service_order_status_check
       check (status in (${ORDER_STATUSES.map((s) => `'${s}'`).join(', ')}))`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.service_order add constraint service_order_dispute_reason
       check ((status = 'DISPUTED') <= (dispute_reason is not null))`,
  );
  // The database refuses a move the table does not list, whoever asks.
  await knex.raw(`
    create function ${SCHEMA}.service_order_moves() returns trigger language plpgsql as $$
    begin
      if new.status <> old.status and not exists (
        select 1 from ${SCHEMA}.order_move where from_status = old.status and to_status = new.status) then
        raise exception 'an order cannot go from % to %', old.status, new.status
          using errcode = '23514', constraint = 'service_order_moves';
      end if;
      return new;
    end $$`);
  await knex.raw(
    `create trigger service_order_moves before update of status on ${SCHEMA}.service_order
       for each row execute function ${SCHEMA}.service_order_moves()`,
  );
  await trackChanges(knex, SCHEMA, 'service_order', 'Order');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).dropTable('service_order');
  await knex.schema.withSchema(SCHEMA).dropTable('order_move');
  await knex.schema.withSchema(SCHEMA).dropTable('quote');
  await knex.raw(`drop function ${SCHEMA}.service_order_moves`);
}
