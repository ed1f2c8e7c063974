import { accessRecordResolvers } from './access-records/resolvers';
import { challengeResolvers } from './challenges/resolvers';
import { catalogueResolvers } from './catalogue/resolvers';
import { departmentResolvers } from './departments/resolvers';
import { incidentResolvers } from './incidents/resolvers';
import { objectionResolvers } from './objections/resolvers';
import { policyResolvers } from './policies/resolvers';
import { sharingResolvers } from './sharing/resolvers';
import { profileResolvers } from './profiles/resolvers';
import { revisionResolvers } from './policies/revisions';

/** The data bureau's resolvers, concept by concept. */
export const resolvers = {
  ...departmentResolvers,
  ...catalogueResolvers,
  ...policyResolvers,
  ...objectionResolvers,
  ...accessRecordResolvers,
  ...sharingResolvers,
  ...incidentResolvers,
  ...challengeResolvers,
  Department: { ...departmentResolvers.Department, ...challengeResolvers.Department },
  Query: {
    ...departmentResolvers.Query,
    ...catalogueResolvers.Query,
    ...policyResolvers.Query,
    ...objectionResolvers.Query,
    ...accessRecordResolvers.Query,
    ...sharingResolvers.Query,
    ...revisionResolvers.Query,
    ...incidentResolvers.Query,
    ...challengeResolvers.Query,
    ...profileResolvers.Query,
  },
  Mutation: {
    ...objectionResolvers.Mutation,
    ...accessRecordResolvers.Mutation,
    ...incidentResolvers.Mutation,
    ...challengeResolvers.Mutation,
    ...sharingResolvers.Mutation,
  },
};
