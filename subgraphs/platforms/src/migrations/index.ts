import * as platforms from './20261129000000_platforms.ts';
import * as sync from './20261201000000_sync.ts';
import * as servicesCredentialsThreads from './20261208000000_services_credentials_threads.ts';

/** Every migration of this subgraph, by name; knex applies them in name order. */
export const migrations = {
  '20261129000000_platforms': platforms,
  '20261201000000_sync': sync,
  '20261208000000_services_credentials_threads': servicesCredentialsThreads,
};
