import { createSyncSupport, trackChanges } from '@gzequip/kit';
import type { Knex } from 'knex';

const SCHEMA = 'platforms';

export async function up(knex: Knex): Promise<void> {
  await createSyncSupport(knex, SCHEMA);
  await trackChanges(knex, SCHEMA, 'platform', 'Platform');
  await knex.schema.withSchema(SCHEMA).alterTable('platform', (table) => {
    table.index(['name', 'id']);
    table.index(['created_at', 'id']);
  });
  // A platform's capabilities are part of its record: changing one changes the platform.
  await knex.raw(`
    create function ${SCHEMA}.touch_platform_of_capability() returns trigger language plpgsql as $$
    begin
      update ${SCHEMA}.platform set updated_at = date_trunc('milliseconds', now())
       where id in (coalesce(new.platform_id, old.platform_id), coalesce(old.platform_id, new.platform_id));
      return null;
    end $$`);
  await knex.raw(
    `create trigger capability_touch_platform after insert or update or delete on ${SCHEMA}.capability
       for each row execute function ${SCHEMA}.touch_platform_of_capability()`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop trigger capability_touch_platform on ${SCHEMA}.capability`);
  await knex.raw(`drop function ${SCHEMA}.touch_platform_of_capability`);
  await knex.raw(`drop trigger platform_touch on ${SCHEMA}.platform`);
  await knex.raw(`drop trigger platform_removal on ${SCHEMA}.platform`);
  await knex.raw(`drop index ${SCHEMA}.platform_updated_at_idx`);
  await knex.raw(`drop index ${SCHEMA}.platform_name_id_index`);
  await knex.raw(`alter table ${SCHEMA}.platform drop column created_at, drop column updated_at`);
  await knex.schema.withSchema(SCHEMA).dropTable('removal');
  await knex.raw(`drop function ${SCHEMA}.touch_updated_at, ${SCHEMA}.record_removal`);
}
