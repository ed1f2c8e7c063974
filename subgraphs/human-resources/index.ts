import { join } from 'node:path';
import { defineDepartment, departmentTypeDefs } from '../kit';
import { resolvers } from './resolvers';
import { seed } from './seed';
import { createLoaders } from './store';

/** 人力资源和社会保障局 Human Resources & Social Security: social insurance and employment. */
export default defineDepartment({
  name: 'human-resources',
  typeDefs: departmentTypeDefs('human-resources'),
  resolvers,
  migrationsDir: join(__dirname, 'migrations'),
  seed,
  createLoaders,
  // Row facts a condition may name (ACCOUNT_ROW in SQL); a Person by its id only.
  facts: {
    SocialInsuranceAccount: {
      accountNumber: 'accountNumber',
      holder: 'holderId',
      employer: 'employerUscc',
    },
  },
  subjects: {
    SocialInsuranceAccount: (row) => row.holderId as string,
  },
});
