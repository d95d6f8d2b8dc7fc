import { parsePage, searchText } from '@gzequip/kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  platforms: (_root, { first, after, filter }, { platforms }) =>
    platforms.list(
      {
        ...filter,
        nameContains: searchText(filter?.nameContains, 'filter.nameContains'),
        capabilityContains: searchText(filter?.capabilityContains, 'filter.capabilityContains'),
      },
      parsePage({ first, after }),
    ),
  platform: (_root, { id }, { platforms }) => platforms.byId.load(id),
};
