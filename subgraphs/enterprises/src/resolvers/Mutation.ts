import { badUserInput } from '@gzequip/kit';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  pushEnterprises: async (_root, { records }, { enterprises }) => {
    const results = await enterprises.push(records);
    const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
    return {
      added: count('ADDED'),
      updated: count('UPDATED'),
      unchanged: count('UNCHANGED'),
      rejected: count('REJECTED'),
      results,
    };
  },
  updateEnterprise: (_root, { id, version, input }, { enterprises }) => {
    if (version < 1) throw badUserInput('version', 'must be the version you read (1 or more)');
    return enterprises.update(id, version, input);
  },
  saveProduct: (_root, { id, version, makerId, input }, { supplyDemand }) =>
    supplyDemand.saveProduct(id, version, makerId, input),
  recordMatchingEvent: (_root, { input }, { supplyDemand }) => supplyDemand.recordEvent(input),
  postDemand: (_root, { input }, { supplyDemand }) => supplyDemand.post(input),
  updateDemand: (_root, { id, version, input }, { supplyDemand }) => {
    if (version < 1) throw badUserInput('version', 'must be the version you read (1 or more)');
    return supplyDemand.updateDemand(id, version, input);
  },
  closeDemand: (_root, { id, version }, { supplyDemand }) => {
    if (version < 1) throw badUserInput('version', 'must be the version you read (1 or more)');
    return supplyDemand.closeDemand(id, version);
  },
  shortlistProduct: (_root, { demandId, productId }, { supplyDemand }) => supplyDemand.shortlist(demandId, productId),
  recordOutcome: (_root, { candidateId, version, input }, { supplyDemand }) => {
    if (version < 1) throw badUserInput('version', 'must be the version you read (1 or more)');
    return supplyDemand.recordOutcome(candidateId, version, input);
  },
};
