import { join } from 'node:path';
import { defineDepartment, departmentTypeDefs } from '../kit';
import { loggedError } from '../../contracts/logger';
import { accessRecordSubjects } from './access-records/resolvers';
import { loadAnomalyPolicy } from './incidents/policy';
import { startAnomalyRunner } from './incidents/runner';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seed } from './seed';

/**
 * 数据局 Data Bureau: the Department registry, the data catalogue, the policies and the access
 * records for auditors, a citizen's own access records, data objections, sharing requests, and
 * oversight: the anomaly rules' incidents, officials' profiles and citizens' challenges of a
 * disclosure. The access records live in its database (schema access_records, owned by the
 * records' owner role): point the gateway's RECORDS_DATABASE_URL there.
 */
export default defineDepartment({
  name: 'data-bureau',
  typeDefs: departmentTypeDefs('data-bureau'),
  resolvers,
  migrationsDir: join(__dirname, 'migrations'),
  seed,
  createLoaders,
  // Row facts a condition may name, as in the stores' SQL (access records: the consumer's
  // department, and the provider departments, a list a condition matches when it holds the
  // value; a row condition on any other denies their fields here).
  facts: {
    AccessRecord: { consumerDepartment: 'consumerDepartment', departments: 'departments' },
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
    Incident: { department: 'department', kind: 'kind', official: 'official' },
    Challenge: { subject: 'subject' },
    OfficialProfile: { department: 'department' },
  },
  subjects: {
    ...accessRecordSubjects,
    // An objection on a Person's field is about that person; other entities are keyed by
    // their own ids (an enterprise, a certificate) and name no person here.
    Objection: (row) => (row.entityType === 'Person' ? (row.entityKey as string) : null),
    // An incident's evidence and a challenge concern the persons the evidence records disclosed.
    Incident: (row) => row.subjects as string[],
    Challenge: (row) => row.subjects as string[],
    // A comment is free text on an incident; it names no person by key.
    IncidentComment: () => null,
  },
  // The access-record tables are the records' owner's (migrated by the gateway or npm start);
  // this department reads them and places holds.
  servesRecords: true,
  // The anomaly rules, every minute; one replica leads (advisory lock). A bad policy file stops start-up.
  background: (db, logger) => {
    const runner = startAnomalyRunner(db, loadAnomalyPolicy(), {
      onError: (error) => logger.error({ error: loggedError(error) }, 'anomaly run failed'),
    });
    return runner;
  },
});
