import * as platforms from './20261129000000_platforms.ts';
import * as sync from './20261201000000_sync.ts';
import * as servicesCredentialsThreads from './20261208000000_services_credentials_threads.ts';
import * as ledger from './20261209000000_ledger.ts';
import * as quotesOrders from './20261209100000_quotes_orders.ts';
import * as paymentsVouchers from './20261209200000_payments_vouchers.ts';
import * as redemptionClaims from './20261210000000_redemption_claims.ts';

/** Every migration of this subgraph, by name; knex applies them in name order. */
export const migrations = {
  '20261129000000_platforms': platforms,
  '20261201000000_sync': sync,
  '20261208000000_services_credentials_threads': servicesCredentialsThreads,
  '20261209000000_ledger': ledger,
  '20261209100000_quotes_orders': quotesOrders,
  '20261209200000_payments_vouchers': paymentsVouchers,
  '20261210000000_redemption_claims': redemptionClaims,
};
