import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Booking } from './Booking.ts';
import { CoverageCell } from './CoverageCell.ts';
import { Enterprise } from './Enterprise.ts';
import { Instrument } from './Instrument.ts';
import { InstrumentStatsRow } from './InstrumentStatsRow.ts';
import { Mutation } from './Mutation.ts';
import { Platform } from './Platform.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Instrument,
  Booking,
  InstrumentStatsRow,
  Enterprise,
  Platform,
  Region,
  CoverageCell,
};
