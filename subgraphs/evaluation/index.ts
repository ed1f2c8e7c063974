import { join } from 'node:path';
import { defineDepartment, departmentTypeDefs } from '../kit';
import { resolvers } from './resolvers';
import { seed } from './seed';
import { createLoaders } from './store';

/** 政务服务好差评 Service Evaluation: owns ServiceItem and Evaluation. */
export default defineDepartment({
  name: 'evaluation',
  typeDefs: departmentTypeDefs('evaluation'),
  resolvers,
  migrationsDir: join(__dirname, 'migrations'),
  seed,
  createLoaders,
  subjects: {
    Evaluation: (row) => row.evaluatorId as string,
  },
});
