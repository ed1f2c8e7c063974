import { catalogueResolvers } from './catalogue/resolvers';
import { departmentResolvers } from './departments/resolvers';
import { policyResolvers } from './policies/resolvers';

/** The data bureau's resolvers, concept by concept. */
export const resolvers = {
  ...departmentResolvers,
  ...catalogueResolvers,
  ...policyResolvers,
  Query: { ...departmentResolvers.Query, ...catalogueResolvers.Query, ...policyResolvers.Query },
};
