/**
 * Booking an instrument: the owner's rules (bookable hours in Asia/Shanghai time, durations,
 * notice, approval, cancellation, price groups), closures for maintenance, bookings with their
 * state and service record, and the calendar in which no two of them overlap.
 *
 * The calendar is the guarantee: every closure and every booking that holds its time (requested,
 * approved, in use, completed) has a row in `instrument_calendar`, kept there by triggers, and an
 * exclusion constraint over (instrument, time range) refuses any overlap — so two requests for one
 * slot racing each other give one booking, whatever path wrote them.
 */
import { trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'instruments';

export const BOOKING_STATUSES = ['REQUESTED', 'APPROVED', 'IN_USE', 'COMPLETED', 'REJECTED', 'CANCELLED', 'NO_SHOW'];
/** The states in which a booking keeps its time from everyone else. */
export const HOLDING_STATUSES = ['REQUESTED', 'APPROVED', 'IN_USE', 'COMPLETED'];
export const PRICE_GROUPS = ['OWN_UNIT', 'IN_PROVINCE_SME', 'OTHER'];
export const SERVICE_WAYS = ['ON_SITE', 'SAMPLE_SENT', 'REMOTE'];

/** Limits the rules must keep, in the database and in the messages that explain them. */
export const BOOKING_LIMITS = {
  /** Longest booking a rule may allow: a week. */
  maxMinutes: 7 * 24 * 60,
  maxNoticeHours: 30 * 24,
  maxAdvanceDays: 365,
  maxCancellationWindowHours: 30 * 24,
  /** ¥1,000,000 an hour or sample: anything above is a typing error. */
  maxRateFen: 100_000_000,
  purpose: 500,
  reason: 500,
  closureReason: 200,
  userUnit: 200,
  ratingComment: 500,
} as const;

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists btree_gist');

  // Bookable hours: [{ "weekday": 1-7 (Monday 1), "opens": "HH:MM", "closes": "HH:MM" or "24:00" }],
  // Asia/Shanghai time, no two intervals of a day overlapping.
  await knex.raw(`
    create function ${SCHEMA}.bookable_hours_valid(hours jsonb) returns boolean language sql immutable as $$
      select jsonb_typeof(hours) = 'array' and jsonb_array_length(hours) <= 28 and not exists (
        select from jsonb_array_elements(hours) as e
         where jsonb_typeof(e) <> 'object'
            or coalesce(e ->> 'weekday', '') !~ '^[1-7]$'
            or coalesce(e ->> 'opens', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
            or coalesce(e ->> 'closes', '') !~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'
            or e ->> 'opens' >= e ->> 'closes'
      ) and not exists (
        select from jsonb_array_elements(hours) with ordinality as a(e, i)
          join jsonb_array_elements(hours) with ordinality as b(e, j)
            on a.i < b.j and a.e ->> 'weekday' = b.e ->> 'weekday'
         where a.e ->> 'opens' < b.e ->> 'closes' and b.e ->> 'opens' < a.e ->> 'closes'
      )
    $$`);
  // Prices: one per price group, [{ "group", "unit": HOUR|SAMPLE, "rateFen", "minimumChargeFen" }].
  await knex.raw(`
    create function ${SCHEMA}.booking_prices_valid(prices jsonb) returns boolean language sql immutable as $$
      select jsonb_typeof(prices) = 'array'
        and (select count(distinct e ->> 'group') from jsonb_array_elements(prices) as e) = ${PRICE_GROUPS.length}
        and jsonb_array_length(prices) = ${PRICE_GROUPS.length}
        and not exists (
          select from jsonb_array_elements(prices) as e
           where jsonb_typeof(e) <> 'object'
              or coalesce(e ->> 'group', '') not in (${list(PRICE_GROUPS)})
              or coalesce(e ->> 'unit', '') not in ('HOUR', 'SAMPLE')
              or jsonb_typeof(e -> 'rateFen') <> 'number' or jsonb_typeof(e -> 'minimumChargeFen') <> 'number'
              or (e ->> 'rateFen') !~ '^[0-9]+$' or (e ->> 'minimumChargeFen') !~ '^[0-9]+$'
              or (e ->> 'rateFen')::bigint > ${BOOKING_LIMITS.maxRateFen}
              or (e ->> 'minimumChargeFen')::bigint > ${BOOKING_LIMITS.maxRateFen})
    $$`);

  // One row per bookable instrument; its id is the instrument's.
  await knex.schema.withSchema(SCHEMA).createTable('booking_rule', (table) => {
    table.text('id').primary().references('id').inTable(`${SCHEMA}.instrument`).onDelete('cascade');
    table.jsonb('bookable_hours').notNullable();
    table.integer('min_minutes').notNullable();
    table.integer('max_minutes').notNullable();
    table.integer('min_notice_hours').notNullable();
    table.integer('max_advance_days').notNullable();
    table.boolean('requires_approval').notNullable();
    table.integer('cancellation_window_hours').notNullable();
    table.integer('cancellation_fee_fen').notNullable();
    table.jsonb('prices').notNullable();
    table.integer('version').notNullable().defaultTo(1);
  });
  const ruleChecks: Record<string, string> = {
    booking_rule_bookable_hours_valid: `${SCHEMA}.bookable_hours_valid(bookable_hours)`,
    booking_rule_prices_valid: `${SCHEMA}.booking_prices_valid(prices)`,
    booking_rule_min_minutes_range: `min_minutes between 1 and ${BOOKING_LIMITS.maxMinutes}`,
    booking_rule_max_minutes_range: `max_minutes between min_minutes and ${BOOKING_LIMITS.maxMinutes}`,
    booking_rule_min_notice_hours_range: `min_notice_hours between 0 and ${BOOKING_LIMITS.maxNoticeHours}`,
    booking_rule_max_advance_days_range: `max_advance_days between 1 and ${BOOKING_LIMITS.maxAdvanceDays}`,
    booking_rule_cancellation_window_hours_range: `cancellation_window_hours between 0 and ${BOOKING_LIMITS.maxCancellationWindowHours}`,
    booking_rule_cancellation_fee_fen_range: `cancellation_fee_fen between 0 and ${BOOKING_LIMITS.maxRateFen}`,
  };
  for (const [name, check] of Object.entries(ruleChecks)) {
    await knex.raw(`alter table ${SCHEMA}.booking_rule add constraint ${name} check (${check})`);
  }
  await trackChanges(knex, SCHEMA, 'booking_rule', 'BookingRules');

  await knex.schema.withSchema(SCHEMA).createTable('closure', (table) => {
    table.text('id').primary();
    table.text('instrument_id').notNullable().references('id').inTable(`${SCHEMA}.instrument`).onDelete('cascade');
    table.specificType('during', 'tstzrange').notNullable();
    table.text('reason').notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.index(['instrument_id']);
  });
  await knex.raw(
    `alter table ${SCHEMA}.closure add constraint closure_during_bounded check (not isempty(during) and not lower_inf(during) and not upper_inf(during))`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.closure add constraint closure_reason_length check (char_length(btrim(reason)) between 1 and ${BOOKING_LIMITS.closureReason})`,
  );
  await trackChanges(knex, SCHEMA, 'closure', 'Closure');

  await knex.schema.withSchema(SCHEMA).createTable('booking', (table) => {
    table.text('id').primary();
    table.text('instrument_id').notNullable().references('id').inTable(`${SCHEMA}.instrument`);
    table.text('requester_enterprise_id').notNullable();
    table.text('requester_user_id');
    /** Whether the requesting unit is outside the owning unit: what makes its hours external. */
    table.boolean('external').notNullable();
    table.text('price_group').notNullable();
    table.specificType('during', 'tstzrange').notNullable();
    table.integer('samples');
    table.text('purpose');
    table.text('status').notNullable();
    table.text('decision_reason');
    // The price of the booking's group when it was requested (filled in by booking_price_snapshot):
    // the owner changing prices later does not change what a booking costs.
    table.text('charge_unit').notNullable();
    table.integer('rate_fen').notNullable();
    table.integer('minimum_charge_fen').notNullable();
    table.integer('estimated_charge_fen').notNullable();
    table.integer('cancellation_fee_fen').notNullable().defaultTo(0);
    // The service record, written when the booking is completed.
    table.timestamp('actual_start', { useTz: true });
    table.timestamp('actual_end', { useTz: true });
    table.integer('used_minutes');
    table.text('service_way');
    table.text('user_unit');
    table.smallint('rating');
    table.text('rating_comment');
    table.integer('charge_fen');
    table.integer('version').notNullable().defaultTo(1);
    table.index(['requester_enterprise_id']);
    table.index(['instrument_id']);
  });
  // The year a service counts for: when it started, in the province's time.
  await knex.raw(
    `alter table ${SCHEMA}.booking add column service_year integer generated always as (extract(year from (actual_start at time zone 'Asia/Shanghai'))::integer) stored`,
  );
  await knex.raw(
    `create index booking_service_year on ${SCHEMA}.booking (service_year, instrument_id) where status = 'COMPLETED'`,
  );
  await knex.raw(`create index booking_starts on ${SCHEMA}.booking (lower(during), id)`);
  const bookingChecks: Record<string, string> = {
    booking_status_check: `status in (${list(BOOKING_STATUSES)})`,
    booking_price_group_check: `price_group in (${list(PRICE_GROUPS)})`,
    booking_service_way_check: `service_way in (${list(SERVICE_WAYS)})`,
    booking_during_bounded: 'not isempty(during) and not lower_inf(during) and not upper_inf(during)',
    booking_samples_positive: 'samples > 0',
    booking_purpose_length: `char_length(purpose) <= ${BOOKING_LIMITS.purpose}`,
    booking_decision_reason_length: `char_length(decision_reason) <= ${BOOKING_LIMITS.reason}`,
    booking_user_unit_length: `char_length(user_unit) <= ${BOOKING_LIMITS.userUnit}`,
    booking_rating_comment_length: `char_length(rating_comment) <= ${BOOKING_LIMITS.ratingComment}`,
    booking_rating_range: 'rating between 1 and 5',
    booking_money_not_negative: 'estimated_charge_fen >= 0 and cancellation_fee_fen >= 0 and charge_fen >= 0',
    booking_rejection_has_reason: `status <> 'REJECTED' or decision_reason is not null`,
    // A completed booking has its whole service record; no other has one.
    booking_service_record: `(status = 'COMPLETED') = (actual_start is not null and actual_end is not null and used_minutes is not null and service_way is not null and charge_fen is not null)`,
    booking_actual_times: 'actual_end > actual_start',
    booking_used_minutes_range:
      'used_minutes > 0 and used_minutes * 60 <= extract(epoch from actual_end - actual_start)',
  };
  for (const [name, check] of Object.entries(bookingChecks)) {
    await knex.raw(`alter table ${SCHEMA}.booking add constraint ${name} check (${check})`);
  }
  await trackChanges(knex, SCHEMA, 'booking', 'Booking');
  await knex.raw(`
    create function ${SCHEMA}.booking_price_snapshot() returns trigger language plpgsql as $$
    begin
      select p ->> 'unit', (p ->> 'rateFen')::integer, (p ->> 'minimumChargeFen')::integer
        into new.charge_unit, new.rate_fen, new.minimum_charge_fen
        from ${SCHEMA}.booking_rule r, jsonb_array_elements(r.prices) as p
       where r.id = new.instrument_id and p ->> 'group' = new.price_group;
      return new;
    end $$`);
  await knex.raw(
    `create trigger booking_price_snapshot before insert on ${SCHEMA}.booking for each row execute function ${SCHEMA}.booking_price_snapshot()`,
  );
  await knex.raw(`create index booking_instrument_updated on ${SCHEMA}.booking (instrument_id, updated_at)`);

  // The calendar: closures and holding bookings, never two of them overlapping on one instrument.
  await knex.schema.withSchema(SCHEMA).createTable('instrument_calendar', (table) => {
    table.text('instrument_id').notNullable().references('id').inTable(`${SCHEMA}.instrument`).onDelete('cascade');
    table.specificType('during', 'tstzrange').notNullable();
    table.text('booking_id').unique().references('id').inTable(`${SCHEMA}.booking`).onDelete('cascade');
    table.text('closure_id').unique().references('id').inTable(`${SCHEMA}.closure`).onDelete('cascade');
  });
  await knex.raw(
    `alter table ${SCHEMA}.instrument_calendar add constraint instrument_calendar_one_source check (num_nonnulls(booking_id, closure_id) = 1)`,
  );
  await knex.raw(
    `alter table ${SCHEMA}.instrument_calendar add constraint instrument_calendar_no_overlap exclude using gist (instrument_id with =, during with &&)`,
  );
  await knex.raw(`
    create function ${SCHEMA}.booking_to_calendar() returns trigger language plpgsql as $$
    begin
      if new.status in (${list(HOLDING_STATUSES)}) then
        insert into ${SCHEMA}.instrument_calendar (instrument_id, during, booking_id)
        values (new.instrument_id, new.during, new.id)
        on conflict (booking_id) do update set instrument_id = excluded.instrument_id, during = excluded.during;
      else
        delete from ${SCHEMA}.instrument_calendar where booking_id = new.id;
      end if;
      return new;
    end $$`);
  await knex.raw(
    `create trigger booking_to_calendar after insert or update of status, during, instrument_id on ${SCHEMA}.booking for each row execute function ${SCHEMA}.booking_to_calendar()`,
  );
  await knex.raw(`
    create function ${SCHEMA}.closure_to_calendar() returns trigger language plpgsql as $$
    begin
      insert into ${SCHEMA}.instrument_calendar (instrument_id, during, closure_id)
      values (new.instrument_id, new.during, new.id)
      on conflict (closure_id) do update set instrument_id = excluded.instrument_id, during = excluded.during;
      return new;
    end $$`);
  await knex.raw(
    `create trigger closure_to_calendar after insert or update of during, instrument_id on ${SCHEMA}.closure for each row execute function ${SCHEMA}.closure_to_calendar()`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).dropTable('instrument_calendar');
  await knex.schema.withSchema(SCHEMA).dropTable('booking');
  await knex.schema.withSchema(SCHEMA).dropTable('closure');
  await knex.schema.withSchema(SCHEMA).dropTable('booking_rule');
  await knex.raw(
    `drop function ${SCHEMA}.booking_price_snapshot, ${SCHEMA}.booking_to_calendar, ${SCHEMA}.closure_to_calendar, ${SCHEMA}.bookable_hours_valid, ${SCHEMA}.booking_prices_valid`,
  );
}
