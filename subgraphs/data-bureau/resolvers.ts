import { catalogueResolvers } from './catalogue/resolvers';
import { departmentResolvers } from './departments/resolvers';

/** The data bureau's resolvers, concept by concept. */
export const resolvers = {
  ...departmentResolvers,
  ...catalogueResolvers,
  Query: { ...departmentResolvers.Query, ...catalogueResolvers.Query },
};
