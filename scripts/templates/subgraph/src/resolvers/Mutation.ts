import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  create__Name__Item: (_root, { input }, { items, claims }) => items.model.create(input, claims),
  update__Name__Item: (_root, { id, version, changes }, { items, claims }) =>
    items.model.update(id, version, changes, claims),
};
