import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Enterprise } from './Enterprise.ts';
import { Platform } from './Platform.ts';
import { PlatformStatsRow } from './PlatformStatsRow.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';

export const resolvers: Resolvers = { Query, Platform, PlatformStatsRow, Enterprise, Region };
