/**
 * Supply and demand: the classes equipment is filed under, makers' products, the demand survey,
 * the weights matching scores with (data, not code), and what buyers shortlist and agree.
 */
import { INDUSTRIES, MAX_FEN, trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';
import { PRODUCT_CLASSES, PRODUCT_GROUPS } from './productClasses.ts';

const SCHEMA = 'enterprises';

export const BUYER_KINDS = ['ENTERPRISE', 'GOVERNMENT_PROCUREMENT', 'MAJOR_PROJECT'] as const;
export const PROCUREMENT_TYPES = [
  'PUBLIC_TENDER',
  'INVITED_TENDER',
  'COMPETITIVE_NEGOTIATION',
  'SINGLE_SOURCE',
  'DIRECT_PURCHASE',
] as const;
export const DEMAND_STATUSES = ['DRAFT', 'PUBLISHED', 'CLOSED'] as const;
export const CANDIDATE_STATUSES = ['SHORTLISTED', 'INTENTION', 'CONTRACT', 'NO_DEAL'] as const;

/** How much each part of a match counts, out of 100; administrators may change them. */
export const DEFAULT_MATCH_WEIGHTS: Record<string, number> = {
  CLASS: 25,
  SPECIFICATION: 20,
  INDUSTRY: 10,
  LOCATION: 15,
  CAPACITY: 10,
  PRICE: 10,
  CERTIFICATIONS: 5,
  PAST_DEALS: 5,
};

export const SUPPLY_LIMITS = { name: 100, specification: 2000, projectName: 200, reason: 500 } as const;

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

async function checks(knex: Knex, table: string, constraints: Record<string, string>): Promise<void> {
  for (const [name, check] of Object.entries(constraints)) {
    await knex.raw(`alter table ${SCHEMA}.${table} add constraint ${name} check (${check})`);
  }
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).createTable('product_class', (table) => {
    table.text('code').primary();
    table.text('name').notNullable();
    table.text('name_en').notNullable();
    table.text('industry');
    table.text('group_code').references('code').inTable(`${SCHEMA}.product_class`);
  });
  await knex
    .withSchema(SCHEMA)
    .table('product_class')
    .insert(PRODUCT_GROUPS.map((g) => ({ ...g, group_code: null })));
  await knex
    .withSchema(SCHEMA)
    .table('product_class')
    .insert(PRODUCT_CLASSES.map((c) => ({ ...c, group_code: c.code.slice(0, 2) })));

  await knex.schema.withSchema(SCHEMA).createTable('product', (table) => {
    table.text('id').primary();
    table.text('enterprise_id').notNullable().references('id').inTable(`${SCHEMA}.enterprise`);
    table.text('name').notNullable();
    table.text('class_code').notNullable().references('code').inTable(`${SCHEMA}.product_class`);
    table.text('industry').notNullable();
    table.text('specification').notNullable();
    table.bigInteger('price_min_fen').notNullable();
    table.bigInteger('price_max_fen').notNullable();
    table.integer('annual_capacity').notNullable();
    table.integer('lead_time_days').notNullable();
    table.specificType('certifications', 'text[]').notNullable().defaultTo('{}');
    table.boolean('government_procurement').notNullable().defaultTo(false);
    table.boolean('major_project').notNullable().defaultTo(false);
    table.integer('version').notNullable().defaultTo(1);
    table.index(['enterprise_id']);
    table.index(['class_code']);
  });
  await checks(knex, 'product', {
    product_name_length: `char_length(btrim(name)) between 1 and ${SUPPLY_LIMITS.name}`,
    product_specification_length: `char_length(btrim(specification)) between 1 and ${SUPPLY_LIMITS.specification}`,
    product_price_range: `price_min_fen between 0 and price_max_fen and price_max_fen <= ${MAX_FEN}`,
    product_annual_capacity_positive: 'annual_capacity > 0',
    product_lead_time_days_range: 'lead_time_days between 0 and 3650',
    product_certifications_valid: `${SCHEMA}.certifications_valid(certifications)`,
    product_class_is_leaf: 'char_length(class_code) = 4',
    product_industry_check: `industry in (${list(INDUSTRIES)})`,
  });
  await knex.raw(
    `alter table ${SCHEMA}.product add column search_text text generated always as (lower(name || ' ' || specification)) stored`,
  );
  await knex.raw(`create index product_search_text_trgm on ${SCHEMA}.product using gin (search_text gin_trgm_ops)`);
  await trackChanges(knex, SCHEMA, 'product', 'Product');

  await knex.schema.withSchema(SCHEMA).createTable('demand', (table) => {
    table.text('id').primary();
    // The unit that states the need: the buying enterprise, or the unit owning the procurement or project.
    table.text('buyer_id').notNullable().references('id').inTable(`${SCHEMA}.enterprise`);
    table.text('buyer_kind').notNullable();
    table.text('project_name');
    table.text('class_code').notNullable().references('code').inTable(`${SCHEMA}.product_class`);
    table.text('industry').notNullable();
    table.text('specification').notNullable();
    table.integer('quantity').notNullable();
    table.bigInteger('budget_min_fen').notNullable();
    table.bigInteger('budget_max_fen').notNullable();
    table.date('deadline').notNullable();
    table.text('delivery_region_code').notNullable().references('code').inTable(`${SCHEMA}.region`);
    table.text('procurement_type').notNullable();
    table.text('status').notNullable();
    // When the survey recorded it: the year the department counts it in.
    table.date('surveyed_on').notNullable().defaultTo(knex.raw('current_date'));
    table.integer('version').notNullable().defaultTo(1);
    table.index(['buyer_id']);
    table.index(['class_code', 'status']);
  });
  await checks(knex, 'demand', {
    demand_buyer_kind_check: `buyer_kind in (${list(BUYER_KINDS)})`,
    demand_project_named: `(buyer_kind = 'ENTERPRISE') = (project_name is null)`,
    demand_project_name_length: `char_length(btrim(project_name)) between 1 and ${SUPPLY_LIMITS.projectName}`,
    demand_specification_length: `char_length(btrim(specification)) between 1 and ${SUPPLY_LIMITS.specification}`,
    demand_quantity_positive: 'quantity > 0',
    demand_budget_range: `budget_min_fen between 0 and budget_max_fen and budget_max_fen <= ${MAX_FEN}`,
    demand_procurement_type_check: `procurement_type in (${list(PROCUREMENT_TYPES)})`,
    demand_status_check: `status in (${list(DEMAND_STATUSES)})`,
    demand_class_is_leaf: 'char_length(class_code) = 4',
    demand_industry_check: `industry in (${list(INDUSTRIES)})`,
  });
  await trackChanges(knex, SCHEMA, 'demand', 'Demand');

  await knex.schema.withSchema(SCHEMA).createTable('match_weight', (table) => {
    table.text('factor').primary();
    table.integer('weight').notNullable();
  });
  await knex.raw(
    `alter table ${SCHEMA}.match_weight add constraint match_weight_range check (weight between 0 and 100)`,
  );
  await knex
    .withSchema(SCHEMA)
    .table('match_weight')
    .insert(Object.entries(DEFAULT_MATCH_WEIGHTS).map(([factor, weight]) => ({ factor, weight })));

  // A product a buyer shortlisted for a demand, and how it ended.
  await knex.schema.withSchema(SCHEMA).createTable('demand_candidate', (table) => {
    table.text('id').primary();
    table.text('demand_id').notNullable().references('id').inTable(`${SCHEMA}.demand`);
    table.text('product_id').notNullable().references('id').inTable(`${SCHEMA}.product`);
    table.text('status').notNullable();
    table.bigInteger('contract_amount_fen');
    table.date('contract_date');
    table.text('reason');
    table.integer('version').notNullable().defaultTo(1);
    table.unique(['demand_id', 'product_id'], { indexName: 'demand_candidate_demand_product_key' });
    table.index(['product_id']);
  });
  await checks(knex, 'demand_candidate', {
    demand_candidate_status_check: `status in (${list(CANDIDATE_STATUSES)})`,
    demand_candidate_contract_complete: `(status = 'CONTRACT') = (contract_amount_fen is not null and contract_date is not null)`,
    demand_candidate_contract_amount_range: `contract_amount_fen between 1 and ${MAX_FEN}`,
    demand_candidate_no_deal_reason: `(status = 'NO_DEAL') = (reason is not null)`,
    demand_candidate_reason_length: `char_length(btrim(reason)) between 1 and ${SUPPLY_LIMITS.reason}`,
  });
  // A demand is won once.
  await knex.raw(
    `create unique index demand_candidate_one_contract on ${SCHEMA}.demand_candidate (demand_id) where status = 'CONTRACT'`,
  );
  await trackChanges(knex, SCHEMA, 'demand_candidate', 'DemandCandidate');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['demand_candidate', 'match_weight', 'demand', 'product', 'product_class']) {
    await knex.schema.withSchema(SCHEMA).dropTable(table);
  }
}
