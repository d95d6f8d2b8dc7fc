import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { CoverageCell } from './CoverageCell.ts';
import { Enterprise } from './Enterprise.ts';
import { Mutation } from './Mutation.ts';
import { Fen, PlatformRegionFacet, PlatformSearchConnection, Service } from './Offers.ts';
import { Order, Payment, Quote, Redemption, Voucher, VoucherScheme, VoucherStatsRow } from './Orders.ts';
import { Platform } from './Platform.ts';
import { PlatformStatsRow } from './PlatformStatsRow.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';
import { Thread } from './Thread.ts';

export const resolvers: Resolvers = {
  Query,
  Platform,
  PlatformStatsRow,
  Enterprise,
  Region,
  CoverageCell,
  Mutation,
  Fen,
  Service,
  PlatformSearchConnection,
  PlatformRegionFacet,
  Thread,
  Quote,
  Order,
  Payment,
  Redemption,
  Voucher,
  VoucherScheme,
  VoucherStatsRow,
};
