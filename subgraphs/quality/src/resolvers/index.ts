import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { IntegrityCheck } from './IntegrityCheck.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { Query, Mutation, IntegrityCheck };
