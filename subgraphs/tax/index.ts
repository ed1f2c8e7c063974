import { join } from 'node:path';
import { defineDepartment, departmentTypeDefs } from '../kit';
import { resolvers } from './resolvers';
import { seed } from './seed';
import { createLoaders } from './store';

/** 税务局 Taxation: tax credit ratings, arrears and personal income. */
export default defineDepartment({
  name: 'tax',
  typeDefs: departmentTypeDefs('tax'),
  resolvers,
  migrationsDir: join(__dirname, 'migrations'),
  seed,
  createLoaders,
  // Row facts a condition may name, as in the loaders' SQL.
  facts: {
    PersonalIncome: { year: 'year' },
  },
  subjects: {
    PersonalIncome: (row) => row.personId as string,
  },
});
