import { badUserInput, parsePage } from '@gzequip/kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  assessments: (_root, { first, after, filter }, { assessments }) => {
    const year = filter?.year;
    if (year != null && (year < 2000 || year > 2100))
      throw badUserInput('filter.year', 'must be between 2000 and 2100');
    return assessments.list({ ...filter }, parsePage({ first, after }));
  },
  assessment: (_root, { id }, { assessments }) => assessments.byId.load(id),
  indicators: (_root, _args, { assessments }) => assessments.indicators(),
};
