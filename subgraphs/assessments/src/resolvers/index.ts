import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Assessment } from './Assessment.ts';
import { AssessmentStatsRow } from './AssessmentStatsRow.ts';
import { Platform } from './Platform.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';

export const resolvers: Resolvers = { Query, Assessment, AssessmentStatsRow, Platform, Region };
