import pg from 'pg';
import { createCity } from '../../../fixtures/city';
import {
  DEFAULT_RECORDS_SCHEMA,
  grantAuditor,
  holdDisclosure,
  migrateRecords,
} from '../../../records';
import { loadDepartments } from '../../../subgraphs';
import {
  departmentRoleNames,
  prepareDepartment,
  provisionDepartmentRoles,
  runtimeExcessRights,
  schemaName,
  type Database,
  type DepartmentRoles,
} from '../../../subgraphs/kit';
import {
  dropDatabase,
  recreateDatabase,
  serverUrlOf,
  testDatabaseUrl,
} from '../../support/database';

// The roles npm start sets up on its embedded store, in a database of this file's own: each
// department migrates and seeds as its schema's owner and serves as its runtime role. The
// database first holds what a store made before the roles held (all of it a superuser's).
const departments = loadDepartments();
const server = serverUrlOf(testDatabaseUrl());
const name = `govgraph_roles_${process.pid}`;
let superuserUrl: string;
let roles: Map<string, DepartmentRoles>;
const databases = new Map<string, Database>();

beforeAll(async () => {
  superuserUrl = await recreateDatabase(server, name);
  const city = createCity({ seed: 7, persons: 200 });
  // First as a store made before the roles were: everything migrated and seeded as a superuser.
  for (const department of departments) {
    await (await prepareDepartment(department, superuserUrl, city)).close();
  }
  roles = await provisionDepartmentRoles(superuserUrl, departments);
  const admin = new pg.Pool({ connectionString: superuserUrl, max: 1 });
  try {
    await migrateRecords(admin);
    await grantAuditor(
      admin,
      DEFAULT_RECORDS_SCHEMA,
      departmentRoleNames({ name: 'data-bureau' }).runtime,
    );
  } finally {
    await admin.end();
  }
  for (const department of departments) {
    const { ownerUrl, runtimeUrl } = roles.get(department.name)!;
    databases.set(
      department.name,
      await prepareDepartment(department, runtimeUrl, city, { ownerUrl }),
    );
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([...databases.values()].map((db) => db.close()));
  await dropDatabase(server, name);
});

/** Runs `sql` as the department's runtime role. */
async function asRuntime(department: string, sql: string): Promise<unknown[]> {
  const { rows } = await databases.get(department)!.pool.query(sql);
  return rows;
}

const DENIED = /permission denied|must be owner/;
const names = departments.map((d) => d.name);

describe.each(names)('the runtime role of %s', (department) => {
  const own = schemaName({ name: department });
  const others = names.filter((n) => n !== department).map((n) => schemaName({ name: n }));

  it('reads its own schema and holds no right beyond its rows', async () => {
    await expect(asRuntime(department, 'SELECT seed, size FROM dataset')).resolves.toEqual([
      { seed: 7, size: 200 },
    ]);
    await expect(runtimeExcessRights(databases.get(department)!)).resolves.toEqual([]);
  });

  it("is refused every other department's schema", async () => {
    for (const other of others) {
      await expect(asRuntime(department, `SELECT * FROM ${other}.dataset`)).rejects.toThrow(
        `permission denied for schema ${other}`,
      );
    }
  });

  it.each([
    ['UPDATE of a record', `UPDATE access_records.access_record SET subjects = '{}'`],
    ['DELETE of a record', 'DELETE FROM access_records.access_record'],
    ['TRUNCATE of the records', 'TRUNCATE access_records.access_record'],
    ['UPDATE of a hold', `UPDATE access_records.disclosure_hold SET reason = 'x'`],
    ['DELETE of a checkpoint', 'DELETE FROM access_records.checkpoint'],
  ])('is refused the records schema’s %s', async (_, statement) => {
    await expect(asRuntime(department, statement)).rejects.toThrow(DENIED);
  });

  it('cannot create in any schema, its own included, nor change its bookkeeping', async () => {
    for (const schema of [...others, 'public', DEFAULT_RECORDS_SCHEMA, own]) {
      await expect(
        asRuntime(department, `CREATE TABLE ${schema}.planted (id int)`),
      ).rejects.toThrow(DENIED);
    }
    await expect(asRuntime(department, 'DROP TABLE dataset')).rejects.toThrow(DENIED);
    await expect(asRuntime(department, 'DELETE FROM schema_migrations')).rejects.toThrow(DENIED);
    await expect(asRuntime(department, `CREATE SCHEMA planted_${own}`)).rejects.toThrow(DENIED);
  });

  it('is served by an owner role that owns its schema alone and is no superuser', async () => {
    const admin = new pg.Client({ connectionString: superuserUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        `SELECT r.rolsuper AS superuser,
                ARRAY(SELECT nspname::text FROM pg_namespace WHERE nspowner = r.oid) AS schemas
           FROM pg_roles r WHERE r.rolname = $1`,
        [departmentRoleNames({ name: department }).owner],
      );
      expect(rows).toEqual([{ superuser: false, schemas: [own] }]);
    } finally {
      await admin.end();
    }
  });
});

describe('the data bureau, which serves the access records', () => {
  it('places a disclosure hold, which it cannot change afterwards', async () => {
    const hold = await holdDisclosure(
      databases.get('data-bureau')!.pool,
      {
        caseNumber: 'GA-2025-000777',
        hiddenUntil: new Date(Date.now() + 86_400_000),
        reason: 'An investigation in progress.',
        setBy: { id: 'official-db-0001', department: 'public-security' },
      },
      { now: new Date() },
    );
    expect(hold).toMatchObject({ caseNumber: 'GA-2025-000777', setBy: 'official-db-0001' });
    await expect(
      asRuntime('data-bureau', 'DELETE FROM access_records.disclosure_hold'),
    ).rejects.toThrow('permission denied for table disclosure_hold');
  });

  it('numbers objections from its own sequence, handed over with its schema', async () => {
    await expect(
      asRuntime('data-bureau', "SELECT nextval('objection_number') > 0 AS numbered"),
    ).resolves.toEqual([{ numbered: true }]);
  });

  it('reads them and no other department can', async () => {
    await expect(
      asRuntime('data-bureau', 'SELECT count(*)::int AS n FROM access_records.access_record'),
    ).resolves.toEqual([{ n: 0 }]);
    await expect(
      asRuntime('tax', 'SELECT count(*) FROM access_records.access_record'),
    ).rejects.toThrow('permission denied for schema access_records');
  });
});

describe('preparing a department with an owner role', () => {
  it('refuses a runtime role that is a superuser', async () => {
    const tax = departments.find((d) => d.name === 'tax')!;
    await expect(
      prepareDepartment(tax, superuserUrl, undefined, { ownerUrl: roles.get('tax')!.ownerUrl }),
    ).rejects.toThrow(
      /its runtime role could change more than its rows \(role '\w+' is a superuser\)/,
    );
  });
});

describe("the data bureau's sharing request events, append-only under an insider", () => {
  const EVENTS = 'data_bureau.sharing_request_event';
  const runtime = departmentRoleNames({ name: 'data-bureau' }).runtime;
  const asAdmin = async (sql: string) => {
    const admin = new pg.Client({ connectionString: superuserUrl });
    await admin.connect();
    try {
      return (await admin.query(sql)).rows;
    } finally {
      await admin.end();
    }
  };
  const statements = [
    ['UPDATE', `UPDATE ${EVENTS} SET actor = 'someone-else'`],
    ['DELETE', `DELETE FROM ${EVENTS} WHERE seq = 1`],
    ['TRUNCATE', `TRUNCATE ${EVENTS}`],
  ] as const;

  it('may read and append them (its grants), and holds no right to change them', async () => {
    const [count] = (await asRuntime(
      'data-bureau',
      `SELECT count(*)::int AS n FROM ${EVENTS}`,
    )) as {
      n: number;
    }[];
    expect(count!.n).toBeGreaterThan(0);
    const [rights] = await asAdmin(
      `SELECT ARRAY(SELECT p FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) p
                     WHERE has_table_privilege('${runtime}', '${EVENTS}', p)) AS rights`,
    );
    expect(rights!.rights).toEqual(['SELECT', 'INSERT']);
  });

  it.each(statements)('is refused %s of them by privilege', async (_, sql) => {
    await expect(asRuntime('data-bureau', sql)).rejects.toThrow(/permission denied/);
  });

  it.each(statements)(
    'is refused %s by the triggers even when an insider granted it the privilege',
    async (_, sql) => {
      await asAdmin(`GRANT UPDATE, DELETE, TRUNCATE ON ${EVENTS} TO ${runtime}`);
      try {
        await expect(asRuntime('data-bureau', sql)).rejects.toThrow(
          /sharing request events are append-only: (UPDATE|DELETE|TRUNCATE) on data_bureau\.sharing_request_event is refused/,
        );
      } finally {
        await asAdmin(`REVOKE UPDATE, DELETE, TRUNCATE ON ${EVENTS} FROM ${runtime}`);
      }
      const [count] = (await asAdmin(`SELECT count(*)::int AS n FROM ${EVENTS}`)) as {
        n: number;
      }[];
      expect(count!.n).toBeGreaterThan(0);
    },
  );

  it('are emptied by a new seed only, run as the owner, with the triggers back on after', async () => {
    const bureau = departments.find((d) => d.name === 'data-bureau')!;
    const { ownerUrl, runtimeUrl } = roles.get('data-bureau')!;
    const reseeded = await prepareDepartment(
      bureau,
      runtimeUrl,
      createCity({ seed: 8, persons: 200 }),
      { ownerUrl },
    );
    try {
      await expect(reseeded.query('SELECT seed FROM dataset')).resolves.toEqual([{ seed: 8 }]);
      await expect(asAdmin(`TRUNCATE ${EVENTS}`)).rejects.toThrow(/append-only: TRUNCATE/);
      await expect(asAdmin(`DELETE FROM ${EVENTS}`)).rejects.toThrow(/append-only: DELETE/);
    } finally {
      await reseeded.close();
    }
  });
});
