import { join } from 'node:path';
import { defineDepartment, departmentTypeDefs } from '../kit';
import { resolvers } from './resolvers';
import { seed } from './seed';
import { createLoaders } from './store';

/** 12345 市民服务热线 Citizen Hotline: appeals (诉求) and their closed-loop handling. */
export default defineDepartment({
  name: 'hotline',
  typeDefs: departmentTypeDefs('hotline'),
  resolvers,
  migrationsDir: join(__dirname, 'migrations'),
  seed,
  createLoaders,
  subjects: {
    Appeal: (row) => row.submitterId as string,
    AppealEvent: (row) => row.submitterId as string,
  },
});
