import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Enterprise } from './Enterprise.ts';
import { Instrument } from './Instrument.ts';
import { Platform } from './Platform.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { Query, Instrument, Enterprise, Platform };
