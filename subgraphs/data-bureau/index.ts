import { join } from 'node:path';
import { defineDepartment, departmentTypeDefs } from '../kit';
import { accessRecordSubjects } from './access-records/resolvers';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seed } from './seed';

/**
 * 数据局 Data Bureau: the Department registry, the data catalogue, the policies and the access
 * records for auditors, a citizen's own access records, and data objections. The access records
 * live in its database (schema access_records, owned by the records' owner role): point the
 * gateway's RECORDS_DATABASE_URL there.
 */
export default defineDepartment({
  name: 'data-bureau',
  typeDefs: departmentTypeDefs('data-bureau'),
  resolvers,
  migrationsDir: join(__dirname, 'migrations'),
  seed,
  createLoaders,
  // Row facts a condition may name, as in the stores' SQL (access records: the consumer's
  // department only; a row condition on any other denies their fields here).
  facts: {
    AccessRecord: { consumerDepartment: 'consumerDepartment' },
    Department: { districtCode: 'districtCode', parent: 'parentCode' },
    DataResource: { code: 'code', department: 'departmentCode' },
    Disclosure: { subject: 'subject' },
    Objection: {
      id: 'id',
      entityType: 'entityType',
      coordinate: 'coordinate',
      owner: 'owner',
      raisedBy: 'raisedBy',
      raiserDepartment: 'raiserDepartment',
      raiserRole: 'raiserRole',
      status: 'status',
    },
    SharingRequest: {
      number: 'number',
      requester: 'requester',
      provider: 'provider',
      state: 'state',
    },
  },
  subjects: {
    ...accessRecordSubjects,
    // An objection on a Person's field is about that person; other entities are keyed by
    // their own ids (an enterprise, a certificate) and name no person here.
    Objection: (row) => (row.entityType === 'Person' ? (row.entityKey as string) : null),
  },
  // The access-record tables are the records' owner's (migrated by the gateway or npm start);
  // this department reads them and places holds.
  servesRecords: true,
});
