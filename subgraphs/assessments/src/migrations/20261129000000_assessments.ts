import type { Knex } from 'knex';

const SCHEMA = 'assessments';

export async function up(knex: Knex): Promise<void> {
  // The scheme's indicators and weights are data, so a new scheme needs no code change.
  await knex.schema.withSchema(SCHEMA).createTable('indicator', (table) => {
    table.text('code').primary();
    table.text('name').notNullable();
    table.text('name_en').notNullable();
    table.decimal('weight', 5, 2).notNullable();
    table.integer('position').notNullable().unique({ indexName: 'indicator_position_key' });
    table.check('weight > 0 and weight <= 100', [], 'indicator_weight_check');
  });
  await knex.schema.withSchema(SCHEMA).createTable('assessment', (table) => {
    table.text('id').primary();
    // The platform lives in the platforms subgraph's database: a key, not a foreign key.
    table.text('platform_id').notNullable();
    table.integer('year').notNullable();
    table.decimal('total', 5, 2).notNullable();
    table.text('grade').notNullable().checkIn(['EXCELLENT', 'GOOD', 'PASS', 'POOR'], 'assessment_grade_check');
    table.date('assessed_on').notNullable();
    table.text('assessor_note');
    table.unique(['platform_id', 'year'], { indexName: 'assessment_platform_year_key' });
    table.check('year between 2000 and 2100', [], 'assessment_year_check');
    table.check('total between 0 and 100', [], 'assessment_total_check');
  });
  await knex.schema.withSchema(SCHEMA).createTable('assessment_score', (table) => {
    table.text('assessment_id').notNullable().references('id').inTable(`${SCHEMA}.assessment`).onDelete('CASCADE');
    table.text('indicator_code').notNullable().references('code').inTable(`${SCHEMA}.indicator`);
    table.decimal('score', 5, 2).notNullable();
    table.primary(['assessment_id', 'indicator_code']);
    table.check('score between 0 and 100', [], 'assessment_score_check');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema(SCHEMA).dropTable('assessment_score');
  await knex.schema.withSchema(SCHEMA).dropTable('assessment');
  await knex.schema.withSchema(SCHEMA).dropTable('indicator');
}
