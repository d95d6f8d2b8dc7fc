/**
 * What the gateway needs of the kit, without the database layer (knex, pg, PGlite) and the
 * subgraph server that the full kit brings: the gateway process stays ~100 MiB smaller.
 */
export * from './errorMasking.ts';
export * from './errors.ts';
export * from './http.ts';
export * from './identity.ts';
export * from './inputStrings.ts';
export * from './logger.ts';
export { MAX_PAGE_SIZE } from './pagination.ts';
export * from './redis.ts';
export * from './settings.ts';
