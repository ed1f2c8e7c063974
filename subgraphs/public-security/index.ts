import { join } from 'node:path';
import { defineDepartment, departmentTypeDefs } from '../kit';
import { resolvers } from './resolvers';
import { seed } from './seed';
import { createLoaders } from './store';

/** 公安局 Public Security: owns Person and Household. */
export default defineDepartment({
  name: 'public-security',
  typeDefs: departmentTypeDefs('public-security'),
  resolvers,
  migrationsDir: join(__dirname, 'migrations'),
  seed,
  createLoaders,
  // Row facts a condition may name (PERSON_ROW and HOUSEHOLD_ROW in SQL); ids are keys.
  facts: {
    Person: { districtCode: 'districtCode', household: 'householdId' },
    Household: { districtCode: 'districtCode', head: 'headId' },
  },
  subjects: {
    // A household's address and size concern its members; its head stands for them (members
    // read through `members` are noted one by one).
    Household: (row) => row.headId as string,
  },
});
