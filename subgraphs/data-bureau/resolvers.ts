import { accessRecordResolvers } from './access-records/resolvers';
import { catalogueResolvers } from './catalogue/resolvers';
import { departmentResolvers } from './departments/resolvers';
import { objectionResolvers } from './objections/resolvers';
import { policyResolvers } from './policies/resolvers';
import { sharingResolvers } from './sharing/resolvers';
import { revisionResolvers } from './policies/revisions';

/** The data bureau's resolvers, concept by concept. */
export const resolvers = {
  ...departmentResolvers,
  ...catalogueResolvers,
  ...policyResolvers,
  ...objectionResolvers,
  ...accessRecordResolvers,
  ...sharingResolvers,
  Query: {
    ...departmentResolvers.Query,
    ...catalogueResolvers.Query,
    ...policyResolvers.Query,
    ...objectionResolvers.Query,
    ...accessRecordResolvers.Query,
    ...sharingResolvers.Query,
    ...revisionResolvers.Query,
  },
  Mutation: {
    ...objectionResolvers.Mutation,
    ...accessRecordResolvers.Mutation,
    ...sharingResolvers.Mutation,
  },
};
