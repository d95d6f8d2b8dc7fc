import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { mustAdminister } from '../access.ts';

export const Mutation: MutationResolvers = {
  saveAssessmentScheme: (_root, { year, version, input }, { claims, assessments }) => {
    mustAdminister(claims, 'edit assessment schemes');
    return assessments.saveScheme(year, version ?? null, input, claims);
  },
  openAssessmentRound: (_root, { year }, { rounds }) => rounds.open(year),
  refreshAssessmentRound: (_root, { id, version }, { rounds }) => rounds.refresh(id, version),
  assignAssessor: (_root, { roundId, platformIds, assessorId, assessorEnterpriseId }, { rounds }) =>
    rounds.assign(roundId, platformIds, assessorId, assessorEnterpriseId ?? null),
  scorePlatform: (_root, { roundId, platformId, scores }, { rounds }) => rounds.score(roundId, platformId, scores),
  reviewAssessmentRound: (_root, { id, version }, { rounds }) => rounds.move(id, version, 'IN_REVIEW'),
  reopenAssessmentRound: (_root, { id, version }, { rounds }) => rounds.move(id, version, 'OPEN'),
  publishAssessmentRound: (_root, { id, version }, { rounds }) => rounds.publish(id, version),
};
