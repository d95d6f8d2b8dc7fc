import { parsePage, searchText } from '@gzequip/kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { parseCreditCode } from '../creditCode.ts';

export const Query: QueryResolvers = {
  enterprises: (_root, { first, after, filter }, { enterprises }) =>
    enterprises.list(
      {
        type: filter?.type ?? null,
        industry: filter?.industry ?? null,
        regionCode: filter?.regionCode ?? null,
        nameContains: searchText(filter?.nameContains, 'filter.nameContains'),
      },
      parsePage({ first, after }),
    ),
  enterprise: (_root, { id }, { enterprises }) => enterprises.byId.load(id),
  enterpriseByCreditCode: (_root, { creditCode }, { enterprises }) =>
    enterprises.byCreditCode.load(parseCreditCode(creditCode, 'creditCode')),
  regions: (_root, _args, { regions }) => regions.all(),
  region: (_root, { code }, { regions }) => regions.byCode.load(code),
};
