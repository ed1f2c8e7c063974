import { join } from 'node:path';
import { defineDepartment, departmentTypeDefs } from '../kit';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seed } from './seed';

/** 数据局 Data Bureau: the Department registry, the data catalogue, the policies for auditors. */
export default defineDepartment({
  name: 'data-bureau',
  typeDefs: departmentTypeDefs('data-bureau'),
  resolvers,
  migrationsDir: join(__dirname, 'migrations'),
  seed,
  createLoaders,
});
