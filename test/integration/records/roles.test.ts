import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createLogger } from '../../../gateway/logger';
import { openRecordsStore, type RecordsStore } from '../../../records/store';
import { excessRights, provisionRecordRoles } from '../../../records';
import { testDatabaseUrl } from '../../support/database';
import { caseworkerChecksEligibility } from './support';

// The roles npm start sets up on its embedded store, here on the test database.
let store: RecordsStore;
let writerUrl: string;
beforeAll(async () => {
  const roles = await provisionRecordRoles(testDatabaseUrl(), 'access_records');
  writerUrl = roles.writerUrl;
  store = await openRecordsStore({
    url: roles.writerUrl,
    migrationUrl: roles.ownerUrl,
    streamId: `roles-${randomUUID()}`,
    logger: createLogger('silent'),
    privileges: 'require',
  });
});
afterAll(() => store.close());

describe('the runtime role of the record store', () => {
  it('appends and reads records, and holds no other right', async () => {
    await expect(store.writer.append(caseworkerChecksEligibility())).resolves.toMatchObject({
      seq: 1,
    });
    await expect(excessRights(store.pool, 'access_records')).resolves.toEqual([]);
  });

  it.each([
    ['UPDATE', `UPDATE access_records.access_record SET subjects = '{}'`],
    ['DELETE', 'DELETE FROM access_records.access_record'],
    ['TRUNCATE', 'TRUNCATE access_records.access_record'],
    ['ALTER TABLE', 'ALTER TABLE access_records.access_record ADD COLUMN note text'],
    ['DISABLE TRIGGER', 'ALTER TABLE access_records.access_record DISABLE TRIGGER USER'],
    ['DROP TABLE', 'DROP TABLE access_records.access_record'],
    [
      'CREATE TRIGGER',
      `CREATE TRIGGER t BEFORE INSERT ON access_records.access_record
       FOR EACH ROW EXECUTE FUNCTION access_records.refuse_late_commit()`,
    ],
    ['UPDATE of a hold', `UPDATE access_records.disclosure_hold SET reason = 'x'`],
    ['SET ROLE to the owner', 'SET ROLE records_owner'],
  ])('is refused %s', async (_, statement) => {
    const client = new pg.Client({ connectionString: writerUrl });
    await client.connect();
    try {
      await expect(client.query(statement)).rejects.toThrow(
        /permission denied|must be owner|must be a member/,
      );
    } finally {
      await client.end();
    }
  });

  it('is refused at start when it could change records (privileges: require)', async () => {
    await expect(
      openRecordsStore({
        url: testDatabaseUrl(),
        streamId: `roles-${randomUUID()}`,
        logger: createLogger('silent'),
        privileges: 'require',
      }),
    ).rejects.toThrow(/role 'postgres' is a superuser/);
  });
});
