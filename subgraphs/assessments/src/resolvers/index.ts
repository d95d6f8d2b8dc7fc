import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Assessment } from './Assessment.ts';
import { AssessmentRound } from './AssessmentRound.ts';
import { AssessmentStatsRow } from './AssessmentStatsRow.ts';
import { IndicatorScore } from './IndicatorScore.ts';
import { Mutation } from './Mutation.ts';
import { Platform } from './Platform.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';
import { RegionResult } from './RegionResult.ts';
import { RoundEntry } from './RoundEntry.ts';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Assessment,
  AssessmentRound,
  AssessmentStatsRow,
  IndicatorScore,
  Platform,
  Region,
  RegionResult,
  RoundEntry,
};
