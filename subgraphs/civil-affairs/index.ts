import { join } from 'node:path';
import { defineDepartment, departmentTypeDefs } from '../kit';
import { resolvers } from './resolvers';
import { seed } from './seed';
import { createLoaders } from './store';

/** 民政局 Civil Affairs: marriage registrations and the subsistence allowance (低保). */
export default defineDepartment({
  name: 'civil-affairs',
  typeDefs: departmentTypeDefs('civil-affairs'),
  resolvers,
  migrationsDir: join(__dirname, 'migrations'),
  seed,
  createLoaders,
  subjects: {
    MarriageRecord: (row) => [row.personId as string, row.spouseId as string],
    SubsistenceAllowance: (row) => row.applicantId as string,
  },
});
