import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { __Name__Item } from './__Name__Item.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  __Name__Item,
};
