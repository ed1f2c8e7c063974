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
  // Row facts a condition may name (APPEAL_ROW in SQL); a Person by its id only.
  facts: {
    Appeal: {
      number: 'number',
      submitter: 'submitterId',
      districtCode: 'districtCode',
      enterprise: 'enterpriseUscc',
      assignedTo: 'assignedToCode',
    },
    AppealEvent: { department: 'departmentCode' },
  },
  subjects: {
    Appeal: (row) => row.submitterId as string,
    AppealEvent: (row) => row.submitterId as string,
  },
});
