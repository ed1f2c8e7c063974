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
  // Row facts a condition may name, as in the loaders' SQL. A referenced Person is known by
  // its id only: a condition on anything else (a district) denies the field here.
  facts: {
    MarriageRecord: {
      registrationNumber: 'registrationNumber',
      spouse: 'spouseId',
      districtCode: 'districtCode',
    },
    SubsistenceAllowance: {
      caseNumber: 'caseNumber',
      applicant: 'applicantId',
      districtCode: 'districtCode',
    },
  },
  subjects: {
    MarriageRecord: (row) => [row.personId as string, row.spouseId as string],
    SubsistenceAllowance: (row) => row.applicantId as string,
  },
});
