import { Database } from '../../../subgraphs/kit';
import { testDatabaseUrl } from '../../support/database';
import { startOneSubgraph, type OneSubgraph } from '../../support/subgraph';

let subgraph: OneSubgraph;
let db: Database;

beforeAll(async () => {
  subgraph = await startOneSubgraph('health');
  db = new Database({ url: testDatabaseUrl(), schema: 'health', maxConnections: 2 });
});

afterAll(async () => {
  await subgraph.stop();
  await db.close();
});

interface CertificateRow extends Record<string, unknown> {
  certificateNumber: string;
  childId: string;
  motherId: string;
  fatherId: string | null;
  birthDate: string;
  districtCode: string;
}

const CERTIFICATE = `certificateNumber birthDate gender hospital weightGrams districtCode
  child { id } mother { id } father { id }`;

function newestCertificates(limit: number, districtCode: string | null = null) {
  return db.query<CertificateRow>(
    `SELECT certificate_number AS "certificateNumber", child_id AS "childId", mother_id AS "motherId",
            father_id AS "fatherId", birth_date AS "birthDate", district_code AS "districtCode"
       FROM birth_certificate WHERE $2::text IS NULL OR district_code = $2
      ORDER BY birth_date DESC, certificate_number LIMIT $1`,
    [limit, districtCode],
  );
}

function asResult(row: CertificateRow) {
  return {
    certificateNumber: row.certificateNumber,
    birthDate: row.birthDate,
    districtCode: row.districtCode,
    child: { id: row.childId },
    mother: { id: row.motherId },
    father: row.fatherId ? { id: row.fatherId } : null,
  };
}

async function persons(ids: readonly string[]) {
  const before = subgraph.statements();
  const response = await subgraph.query<{ _entities: Record<string, unknown>[] }>(
    `query ($representations: [_Any!]!) {
       _entities(representations: $representations) {
         ... on Person {
           id
           birthCertificate { ${CERTIFICATE} }
           vaccinations { vaccine dose administeredOn clinic }
           medicalRecords { visitedOn hospital diagnosis }
         }
       }
     }`,
    { representations: ids.map((id) => ({ __typename: 'Person', id })) },
  );
  expect(response.errors).toBeUndefined();
  return { persons: response.data!._entities, statements: subgraph.statements() - before };
}

describe('health subgraph', () => {
  it('lists birth certificates newest first, by district, and finds one by number', async () => {
    const newest = await newestCertificates(5);
    const district = newest[0]!.districtCode;
    const response = await subgraph.query<{ birthCertificates: Record<string, unknown>[] }>(
      `{ birthCertificates(limit: 5) { ${CERTIFICATE} } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.birthCertificates).toMatchObject(newest.map(asResult));

    const inDistrict = await subgraph.query<{ birthCertificates: Record<string, unknown>[] }>(
      `{ birthCertificates(districtCode: "${district}", bornOnOrAfter: "2020-01-01", limit: 3) { ${CERTIFICATE} } }`,
    );
    const expected = (await newestCertificates(3, district)).filter(
      (c) => c.birthDate >= '2020-01-01',
    );
    expect(inDistrict.data!.birthCertificates).toMatchObject(expected.map(asResult));

    const one = await subgraph.query<{ birthCertificate: Record<string, unknown> }>(
      `query ($n: String!) { birthCertificate(certificateNumber: $n) { ${CERTIFICATE} } }`,
      { n: newest[1]!.certificateNumber },
    );
    expect(one.data!.birthCertificate).toMatchObject(asResult(newest[1]!));
  });

  it('resolves 50 persons with the same number of statements as 5', async () => {
    const children = await db.query<{ id: string }>(
      'SELECT child_id AS id FROM birth_certificate ORDER BY child_id LIMIT 25',
    );
    const patients = await db.query<{ id: string }>(
      `SELECT DISTINCT person_id AS id FROM medical_visit WHERE person_id <> ALL($1)
        ORDER BY person_id LIMIT $2`,
      [children.map((c) => c.id), 50 - children.length],
    );
    const ids = [...children, ...patients].map((p) => p.id);
    const expected = await db.query<{
      id: string;
      certificate: string | null;
      doses: number;
      visits: number;
    }>(
      `SELECT p.id, b.certificate_number AS certificate,
              (SELECT count(*) FROM vaccination v WHERE v.person_id = p.id) AS doses,
              (SELECT count(*) FROM medical_visit m WHERE m.person_id = p.id) AS visits
         FROM unnest($1::text[]) WITH ORDINALITY AS p(id, n)
         LEFT JOIN birth_certificate b ON b.child_id = p.id ORDER BY p.n`,
      [ids],
    );
    expect(expected.filter((e) => e.certificate !== null)).toHaveLength(children.length);
    expect(expected.filter((e) => e.doses > 0).length).toBeGreaterThan(5);

    const five = await persons(ids.slice(8, 13));
    const fifty = await persons(ids);
    expect(fifty.statements).toBe(five.statements);
    expect(fifty.statements).toBe(3);
    const found = fifty.persons as {
      id: string;
      birthCertificate: { certificateNumber: string } | null;
      vaccinations: unknown[];
      medicalRecords: unknown[];
    }[];
    expect(
      found.map((p) => ({
        id: p.id,
        certificate: p.birthCertificate?.certificateNumber ?? null,
        doses: p.vaccinations.length,
        visits: p.medicalRecords.length,
      })),
    ).toEqual(expected);
  });

  it('rejects a page larger than 5000, a malformed certificate number and an impossible date', async () => {
    const tooLarge = await subgraph.query(
      `{ birthCertificates(limit: 5001) { certificateNumber } }`,
    );
    expect(tooLarge.errors?.[0]).toMatchObject({
      message: 'limit must be between 0 and 5000; got 5001.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const badNumber = await subgraph.query(
      `{ birthCertificate(certificateNumber: "510107-1") { hospital } }`,
    );
    expect(badNumber.errors?.[0]?.message).toMatch(/^certificateNumber must be/);
    expect(badNumber.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badDate = await subgraph.query(
      `{ birthCertificates(bornOnOrAfter: "2024-02-30") { hospital } }`,
    );
    expect(badDate.errors?.[0]?.message).toMatch(/^bornOnOrAfter must be an ISO date/);
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
