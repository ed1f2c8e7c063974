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
  // Row facts a condition may name (SERVICE_ITEM_ROW, EVALUATION_ROW in SQL).
  facts: {
    ServiceItem: { department: 'departmentCode' },
    Evaluation: { id: 'id', evaluator: 'evaluatorId', serviceItem: 'serviceItemCode' },
  },
  subjects: {
    Evaluation: (row) => row.evaluatorId as string,
  },
});
