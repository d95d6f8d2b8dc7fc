/**
 * Platforms as a writable source: what each offers (services with prices, capability tags),
 * what vouches for it (credentials with their validity), its yearly service figures, the
 * layout the department plans (which region × industry expects a platform), and the inquiry
 * threads between enterprises and platforms. Every rule a row must keep is a constraint here.
 */
import { createChangeHistory, MAX_FEN, REGION_CODE_PATTERN, trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'platforms';

export const PLATFORM_LIMITS = {
  name: 100,
  description: 2000,
  tags: 20,
  tag: 30,
  serviceName: 100,
  unitNote: 50,
  instruments: 50,
  credentialNumber: 64,
  credentialScope: 2000,
  issuer: 100,
  subject: 200,
  body: 4000,
  attachments: 10,
  attachmentName: 200,
  attachmentUrl: 1000,
  leadTimeDays: 365,
} as const;

/** An instrument's id as the instruments subgraph gives them: a key, not a foreign key. */
export const INSTRUMENT_ID_PATTERN = '^ins-[0-9a-z]{1,32}$';

export const SERVICE_UNITS = ['SAMPLE', 'ITEM', 'HOUR', 'DAY', 'BATCH', 'PROJECT'] as const;
export const CREDENTIAL_KINDS = ['CNAS', 'CMA', 'CAL', 'OTHER'] as const;
export const THREAD_STATUSES = ['OPEN', 'CLOSED', 'QUOTED'] as const;

const check = (table: string, name: string, sql: string) =>
  `alter table ${SCHEMA}.${table} add constraint ${name} check (${sql})`;
const textLength = (column: string, max: number) => `char_length(btrim(${column})) between 1 and ${max}`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists pg_trgm');
  await createChangeHistory(knex, SCHEMA);

  // -- the platform record: versioned, and one search document over everything it offers
  await knex.raw(`alter table ${SCHEMA}.platform add column version integer not null default 1`);
  await knex.raw(`alter table ${SCHEMA}.platform add column search_document text not null default ''`);
  await knex.raw(
    `alter table ${SCHEMA}.platform add column search_title text generated always as (lower(name || ' ' || coalesce(name_en, ''))) stored`,
  );
  await knex.raw(
    `create index platform_search_document_trgm on ${SCHEMA}.platform using gin (search_document gin_trgm_ops)`,
  );
  await knex.raw(`create index platform_search_title_trgm on ${SCHEMA}.platform using gin (search_title gin_trgm_ops)`);
  await knex.raw(check('platform', 'platform_name_length', textLength('name', PLATFORM_LIMITS.name)));
  await knex.raw(
    check(
      'platform',
      'platform_established_year_range',
      'established_year is null or established_year between 1949 and 2100',
    ),
  );

  await knex.raw(`alter table ${SCHEMA}.capability add column tags text[] not null default '{}'`);
  await knex.raw(`
    create function ${SCHEMA}.tags_valid(tags text[]) returns boolean language sql immutable as $$
      select cardinality(tags) <= ${PLATFORM_LIMITS.tags} and array_position(tags, null) is null
         and coalesce((select bool_and(char_length(btrim(t)) between 1 and ${PLATFORM_LIMITS.tag}) from unnest(tags) t), true) $$`);
  await knex.raw(check('capability', 'capability_tags_valid', `${SCHEMA}.tags_valid(tags)`));

  // -- services: what a platform offers, at what price, with which instruments
  await knex.schema.withSchema(SCHEMA).createTable('service', (table) => {
    table.text('id').primary();
    table.text('platform_id').notNullable().references('id').inTable(`${SCHEMA}.platform`).onDelete('cascade');
    table.text('name').notNullable();
    table.text('description');
    table.text('unit').notNullable();
    table.text('unit_note');
    table.bigInteger('price_min_fen').notNullable();
    table.bigInteger('price_max_fen').notNullable();
    table.integer('lead_time_days').notNullable();
    // Instruments of the instruments subgraph: keys, not foreign keys.
    table.specificType('instrument_ids', 'text[]').notNullable().defaultTo('{}');
    table.integer('version').notNullable().defaultTo(1);
    table.unique(['platform_id', 'name'], { indexName: 'service_platform_name_key' });
    // What a thread's (service, platform) pair refers to.
    table.unique(['id', 'platform_id'], { indexName: 'service_id_platform_key' });
  });
  await knex.raw(check('service', 'service_name_length', textLength('name', PLATFORM_LIMITS.serviceName)));
  await knex.raw(
    check(
      'service',
      'service_description_length',
      `description is null or char_length(description) <= ${PLATFORM_LIMITS.description}`,
    ),
  );
  await knex.raw(check('service', 'service_unit_check', `unit in (${SERVICE_UNITS.map((u) => `'${u}'`).join(', ')})`));
  await knex.raw(
    check(
      'service',
      'service_unit_note_length',
      `unit_note is null or char_length(unit_note) <= ${PLATFORM_LIMITS.unitNote}`,
    ),
  );
  await knex.raw(check('service', 'service_price_min_not_negative', 'price_min_fen >= 0'));
  await knex.raw(
    check('service', 'service_price_range', `price_min_fen <= price_max_fen and price_max_fen <= ${MAX_FEN}`),
  );
  await knex.raw(
    check('service', 'service_lead_time_range', `lead_time_days between 0 and ${PLATFORM_LIMITS.leadTimeDays}`),
  );
  await knex.raw(`
    create function ${SCHEMA}.instrument_ids_valid(ids text[]) returns boolean language sql immutable as $$
      select cardinality(ids) <= ${PLATFORM_LIMITS.instruments} and array_position(ids, null) is null
         and coalesce((select bool_and(id ~ '${INSTRUMENT_ID_PATTERN}') from unnest(ids) id), true) $$`);
  await knex.raw(check('service', 'service_instrument_ids_valid', `${SCHEMA}.instrument_ids_valid(instrument_ids)`));
  await knex.raw(
    `alter table ${SCHEMA}.service add column search_text text generated always as (lower(name || ' ' || coalesce(description, ''))) stored`,
  );
  await trackChanges(knex, SCHEMA, 'service', 'Service');

  // -- credentials: accreditations with their validity; an expired one does not count
  await knex.schema.withSchema(SCHEMA).createTable('credential', (table) => {
    table.text('id').primary();
    table.text('platform_id').notNullable().references('id').inTable(`${SCHEMA}.platform`).onDelete('cascade');
    table.text('kind').notNullable();
    table.text('number').notNullable();
    table.text('issuer');
    table.text('scope').notNullable();
    table.date('valid_from').notNullable();
    table.date('valid_until').notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.unique(['kind', 'number'], { indexName: 'credential_kind_number_key' });
    table.index(['platform_id']);
  });
  await knex.raw(
    check('credential', 'credential_kind_check', `kind in (${CREDENTIAL_KINDS.map((k) => `'${k}'`).join(', ')})`),
  );
  await knex.raw(
    check('credential', 'credential_number_length', textLength('number', PLATFORM_LIMITS.credentialNumber)),
  );
  await knex.raw(check('credential', 'credential_scope_length', textLength('scope', PLATFORM_LIMITS.credentialScope)));
  await knex.raw(
    check(
      'credential',
      'credential_issuer_length',
      `issuer is null or ${textLength('issuer', PLATFORM_LIMITS.issuer)}`,
    ),
  );
  await knex.raw(check('credential', 'credential_validity_order', 'valid_until >= valid_from'));
  await knex.raw(
    `alter table ${SCHEMA}.credential add column search_text text generated always as (lower(scope)) stored`,
  );
  await trackChanges(knex, SCHEMA, 'credential', 'Credential');

  // -- service figures a platform reports for a year
  await knex.schema.withSchema(SCHEMA).createTable('service_figure', (table) => {
    table.text('platform_id').notNullable().references('id').inTable(`${SCHEMA}.platform`).onDelete('cascade');
    table.integer('year').notNullable();
    table.integer('enterprises_served').notNullable();
    table.integer('services_delivered').notNullable();
    table.bigInteger('revenue_fen').notNullable();
    table.primary(['platform_id', 'year']);
  });
  await knex.raw(
    check(
      'service_figure',
      'service_figure_values',
      `year between 2000 and 2100 and enterprises_served >= 0 and services_delivered >= 0 and revenue_fen between 0 and ${MAX_FEN}`,
    ),
  );

  // -- the layout the department plans: the region × industry cells that should have a platform
  await knex.schema.withSchema(SCHEMA).createTable('layout_target', (table) => {
    table.text('region_code').notNullable();
    table.text('industry').notNullable();
    table.integer('platforms_expected').notNullable().defaultTo(1);
    table.text('basis');
    table.primary(['region_code', 'industry']);
  });
  await knex.raw(check('layout_target', 'layout_target_region_code_format', `region_code ~ '${REGION_CODE_PATTERN}'`));
  await knex.raw(
    check(
      'layout_target',
      'layout_target_industry_check',
      `industry in ('AVIATION', 'AEROSPACE', 'AUTOMOTIVE', 'ENGINEERING_MINING_MACHINERY', 'POWER_EQUIPMENT', 'INDUSTRIAL_ROBOTS')`,
    ),
  );
  await knex.raw(check('layout_target', 'layout_target_expected_positive', 'platforms_expected >= 1'));

  // -- inquiry threads between an enterprise and a platform, and their messages
  await knex.schema.withSchema(SCHEMA).createTable('thread', (table) => {
    table.text('id').primary();
    table.text('platform_id').notNullable().references('id').inTable(`${SCHEMA}.platform`);
    // The asking enterprise (enterprises subgraph) and the user who opened the thread.
    table.text('enterprise_id').notNullable();
    table.text('opened_by').notNullable();
    table.text('subject').notNullable();
    table.text('service_id');
    table.text('instrument_id');
    table.text('status').notNullable().defaultTo('OPEN');
    table.text('closed_reason');
    // The settlement work links a quote here when an operator turns a thread into one.
    table.text('quote_id');
    // The last message each side has read (0: none).
    table.bigInteger('enterprise_read_to').notNullable().defaultTo(0);
    table.bigInteger('platform_read_to').notNullable().defaultTo(0);
    table.timestamp('last_message_at', { useTz: true });
    table.integer('version').notNullable().defaultTo(1);
    table.index(['platform_id', 'id']);
    table.index(['enterprise_id', 'id']);
    table
      .foreign(['service_id', 'platform_id'], 'thread_service_of_platform')
      .references(['id', 'platform_id'])
      .inTable(`${SCHEMA}.service`);
  });
  await knex.raw(check('thread', 'thread_subject_length', textLength('subject', PLATFORM_LIMITS.subject)));
  await knex.raw(
    check('thread', 'thread_status_check', `status in (${THREAD_STATUSES.map((s) => `'${s}'`).join(', ')})`),
  );
  await knex.raw(
    check(
      'thread',
      'thread_instrument_id_format',
      `instrument_id is null or instrument_id ~ '${INSTRUMENT_ID_PATTERN}'`,
    ),
  );
  await knex.raw(
    check('thread', 'thread_closed_reason', `(status = 'CLOSED') = (closed_reason is not null) or status = 'QUOTED'`),
  );
  await trackChanges(knex, SCHEMA, 'thread', 'Thread');

  await knex.schema.withSchema(SCHEMA).createTable('message', (table) => {
    table.bigIncrements('id');
    table.text('thread_id').notNullable().references('id').inTable(`${SCHEMA}.thread`);
    table.text('side').notNullable();
    table.text('author_id').notNullable();
    table.text('body').notNullable();
    table.jsonb('attachments').notNullable().defaultTo('[]');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.raw("date_trunc('milliseconds', now())"));
    table.index(['thread_id', 'id']);
  });
  await knex.raw(check('message', 'message_side_check', `side in ('ENTERPRISE', 'PLATFORM')`));
  await knex.raw(check('message', 'message_body_length', textLength('body', PLATFORM_LIMITS.body)));
  await knex.raw(`
    create function ${SCHEMA}.attachments_valid(items jsonb) returns boolean language sql immutable as $$
      select jsonb_typeof(items) = 'array' and jsonb_array_length(items) <= ${PLATFORM_LIMITS.attachments}
         and coalesce((select bool_and(
               jsonb_typeof(item) = 'object'
               and jsonb_typeof(item -> 'url') = 'string'
               and (item ->> 'url') ~ '^https\\?://[^[:space:]]+$'
               and char_length(item ->> 'url') <= ${PLATFORM_LIMITS.attachmentUrl}
               and jsonb_typeof(item -> 'name') = 'string'
               and char_length(btrim(item ->> 'name')) between 1 and ${PLATFORM_LIMITS.attachmentName})
             from jsonb_array_elements(items) as element(item)), true) $$`);
  await knex.raw(check('message', 'message_attachments_valid', `${SCHEMA}.attachments_valid(attachments)`));
  // A thread keeps its whole history: a message is never edited or removed, and a closed thread takes none.
  await knex.raw(`
    create function ${SCHEMA}.message_is_history() returns trigger language plpgsql as $$
    begin
      raise exception 'messages are never changed or removed: post a correction as a new message'
        using errcode = '55000';
    end $$`);
  await knex.raw(
    `create trigger message_is_history before update or delete on ${SCHEMA}.message for each row execute function ${SCHEMA}.message_is_history()`,
  );
  await knex.raw(`
    create function ${SCHEMA}.message_into_open_thread() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from ${SCHEMA}.thread where id = new.thread_id and status = 'OPEN') then
        raise exception 'thread % is not open', new.thread_id
          using errcode = '23514', constraint = 'message_thread_open';
      end if;
      update ${SCHEMA}.thread set last_message_at = new.created_at where id = new.thread_id;
      return new;
    end $$`);
  await knex.raw(
    `create trigger message_into_open_thread before insert on ${SCHEMA}.message for each row execute function ${SCHEMA}.message_into_open_thread()`,
  );

  // -- the search document: the platform's names and description, its capabilities and their
  // tags, its services and its credentials' scopes, kept by the database on every write.
  await knex.raw(`
    create function ${SCHEMA}.platform_search_document(platform_id text, name text, name_en text, description text)
      returns text language sql stable as $$
      select lower(concat_ws(' ', name, name_en, description,
        (select string_agg(concat_ws(' ', c.name, c.description, array_to_string(c.tags, ' ')), ' ')
           from ${SCHEMA}.capability c where c.platform_id = $1),
        (select string_agg(concat_ws(' ', s.name, s.description), ' ') from ${SCHEMA}.service s where s.platform_id = $1),
        (select string_agg(cr.scope, ' ') from ${SCHEMA}.credential cr where cr.platform_id = $1))) $$`);
  await knex.raw(`
    create function ${SCHEMA}.refresh_platform_search() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'platform' then
        new.search_document := ${SCHEMA}.platform_search_document(new.id, new.name, new.name_en, new.description);
        return new;
      end if;
      update ${SCHEMA}.platform p set search_document = ${SCHEMA}.platform_search_document(p.id, p.name, p.name_en, p.description)
       where p.id in (coalesce(new.platform_id, old.platform_id), coalesce(old.platform_id, new.platform_id));
      return null;
    end $$`);
  await knex.raw(
    `create trigger platform_search before insert or update of name, name_en, description on ${SCHEMA}.platform
       for each row execute function ${SCHEMA}.refresh_platform_search()`,
  );
  for (const child of ['capability', 'service', 'credential']) {
    await knex.raw(
      `create trigger ${child}_platform_search after insert or update or delete on ${SCHEMA}.${child}
         for each row execute function ${SCHEMA}.refresh_platform_search()`,
    );
  }
  await knex.raw(
    `update ${SCHEMA}.platform p set search_document = ${SCHEMA}.platform_search_document(p.id, p.name, p.name_en, p.description)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  for (const child of ['capability', 'service', 'credential']) {
    await knex.raw(`drop trigger if exists ${child}_platform_search on ${SCHEMA}.${child}`);
  }
  await knex.raw(`drop trigger platform_search on ${SCHEMA}.platform`);
  await knex.schema.withSchema(SCHEMA).dropTable('message');
  await knex.schema.withSchema(SCHEMA).dropTable('thread');
  await knex.schema.withSchema(SCHEMA).dropTable('layout_target');
  await knex.schema.withSchema(SCHEMA).dropTable('service_figure');
  await knex.schema.withSchema(SCHEMA).dropTable('credential');
  await knex.schema.withSchema(SCHEMA).dropTable('service');
  await knex.raw(
    `drop function ${SCHEMA}.refresh_platform_search, ${SCHEMA}.platform_search_document, ${SCHEMA}.message_into_open_thread,
       ${SCHEMA}.message_is_history, ${SCHEMA}.attachments_valid, ${SCHEMA}.instrument_ids_valid, ${SCHEMA}.tags_valid`,
  );
  await knex.raw(`alter table ${SCHEMA}.capability drop constraint capability_tags_valid, drop column tags`);
  await knex.raw(
    `alter table ${SCHEMA}.platform drop column version, drop column search_document, drop column search_title,
       drop constraint platform_name_length, drop constraint platform_established_year_range`,
  );
  await knex.schema.withSchema(SCHEMA).dropTable('change_history');
}
