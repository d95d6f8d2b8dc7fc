import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Assessment } from './Assessment.ts';
import { Platform } from './Platform.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { Query, Assessment, Platform };
