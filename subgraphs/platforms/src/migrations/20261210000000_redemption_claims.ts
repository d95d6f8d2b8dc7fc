/**
 * The list of redemption claims (`redemptions`), newest claim first (created_at descending, the id
 * ascending to break ties): an operator's reads its platforms' claims, the department's its queue
 * of claims still to decide. Each index runs in the list's own order.
 */
import type { Knex } from 'knex';

const SCHEMA = 'platforms';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create index redemption_platform_claimed on ${SCHEMA}.redemption (platform_id, created_at desc, id)`);
  await knex.raw(`create index redemption_status_claimed on ${SCHEMA}.redemption (status, created_at desc, id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop index ${SCHEMA}.redemption_status_claimed`);
  await knex.raw(`drop index ${SCHEMA}.redemption_platform_claimed`);
}
