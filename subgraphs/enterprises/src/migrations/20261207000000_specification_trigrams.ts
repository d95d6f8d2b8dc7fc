/**
 * The trigram set of each product's name and specification, stored, so that matching compares a
 * demand with thousands of products without taking every product's text apart again: the
 * similarity of two stored sets is an intersection of sorted integer arrays (`intarray`), about
 * ten times faster than pg_trgm's `similarity()` on the texts, and the same value (Jaccard of the
 * two trigram sets, as pg_trgm computes it).
 */
import type { Knex } from 'knex';

const SCHEMA = 'enterprises';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists intarray');
  // pg_trgm's trigrams of the text, each as a 32-bit hash, distinct and sorted.
  await knex.raw(
    `create function ${SCHEMA}.trigram_set(text) returns int[] language sql immutable strict parallel safe
       as $$ select coalesce(array_agg(h order by h), '{}') from (select distinct hashtext(t) as h from unnest(show_trgm($1)) t) hashes $$`,
  );
  // Spelled out rather than read from search_text: a generated column cannot use another.
  await knex.raw(
    `alter table ${SCHEMA}.product add column search_trigrams int[]
       generated always as (${SCHEMA}.trigram_set(lower(name || ' ' || specification))) stored`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`alter table ${SCHEMA}.product drop column search_trigrams`);
  await knex.raw(`drop function ${SCHEMA}.trigram_set(text)`);
}
