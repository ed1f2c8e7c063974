import { accessRecordResolvers } from './access-records/resolvers';
import { catalogueResolvers } from './catalogue/resolvers';
import { departmentResolvers } from './departments/resolvers';
import { objectionResolvers } from './objections/resolvers';
import { policyResolvers } from './policies/resolvers';
import { revisionResolvers } from './policies/revisions';

/** The data bureau's resolvers, concept by concept. */
export const resolvers = {
  ...departmentResolvers,
  ...catalogueResolvers,
  ...policyResolvers,
  ...objectionResolvers,
  ...accessRecordResolvers,
  Query: {
    ...departmentResolvers.Query,
    ...catalogueResolvers.Query,
    ...policyResolvers.Query,
    ...objectionResolvers.Query,
    ...accessRecordResolvers.Query,
    ...revisionResolvers.Query,
  },
  Mutation: { ...objectionResolvers.Mutation, ...accessRecordResolvers.Mutation },
};
