import { parsePage, searchText } from '@gzequip/kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  instruments: (_root, { first, after, filter }, { instruments }) =>
    instruments.list(
      { ...filter, nameContains: searchText(filter?.nameContains, 'filter.nameContains') },
      parsePage({ first, after }),
    ),
  instrument: (_root, { id }, { instruments }) => instruments.byId.load(id),
};
