import { packPolicyRules, type PolicyRule } from '../../../policies';
import { Database } from '../../../subgraphs/kit';
import { testDatabaseUrl } from '../../support/database';
import { lookupEntities, startOneSubgraph, type OneSubgraph } from '../../support/subgraph';

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

const EVERYTHING = `birthCertificate { ${CERTIFICATE} }
  vaccinations { vaccine dose administeredOn clinic }
  medicalRecords { visitedOn hospital diagnosis }`;

/** Resolves persons; with `denied`, what the rules do not open is null with FORBIDDEN. */
async function persons(
  ids: readonly string[],
  rules?: unknown[],
  selection = EVERYTHING,
  denied = false,
) {
  const representations = ids.map((id) => ({ __typename: 'Person', id }));
  const { entities, statements } = await lookupEntities<Record<string, unknown>>(
    subgraph,
    representations,
    `... on Person { id ${selection} }`,
    rules,
    denied,
  );
  return { persons: entities, statements };
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

describe('row policy', () => {
  const rules = (...list: PolicyRule[]) => packPolicyRules(list);

  /** Children with a certificate, vaccinations and medical visits, newest births first. */
  async function patients() {
    const rows = await db.query<CertificateRow>(
      `SELECT certificate_number AS "certificateNumber", child_id AS "childId", mother_id AS "motherId",
              father_id AS "fatherId", birth_date AS "birthDate", district_code AS "districtCode"
         FROM birth_certificate b
        WHERE EXISTS (SELECT 1 FROM vaccination v WHERE v.person_id = b.child_id)
          AND EXISTS (SELECT 1 FROM medical_visit m WHERE m.person_id = b.child_id)
        ORDER BY birth_date DESC, certificate_number`,
    );
    expect(rows.length).toBeGreaterThan(2);
    return rows;
  }

  function vaccinationsOf(id: string) {
    return db.query(
      `SELECT vaccine, dose, administered_on AS "administeredOn", clinic FROM vaccination
        WHERE person_id = $1 ORDER BY administered_on, vaccine, dose`,
      [id],
    );
  }

  /** What the self-service grants give a citizen (the id: public security's): no medical records. */
  const citizen = (id: string) =>
    rules(
      { action: 'read', subject: 'Person', fields: ['id'], conditions: { id } },
      {
        action: 'read',
        subject: 'Person',
        fields: ['birthCertificate', 'vaccinations'],
        conditions: { id },
      },
      { action: 'read', subject: 'BirthCertificate', conditions: { child: id } },
      { action: 'read', subject: 'Vaccination' },
    );

  const OWN = `birthCertificate { certificateNumber child { id } }
    vaccinations { vaccine dose administeredOn clinic }`;

  it("gives a citizen their own certificate and vaccinations, and nothing of another person's", async () => {
    const [me, other] = (await patients()) as [CertificateRow, CertificateRow];
    const { persons: found } = await persons(
      [me.childId, other.childId],
      citizen(me.childId),
      OWN,
      true,
    );
    expect(found).toEqual([
      {
        id: me.childId,
        birthCertificate: { certificateNumber: me.certificateNumber, child: { id: me.childId } },
        vaccinations: await vaccinationsOf(me.childId),
      },
      null,
    ]);

    // The parents' person ids are public security's to open: the citizen's rules do not.
    const parents = await subgraph.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) {
         ... on Person { birthCertificate { certificateNumber mother { id } } } } }`,
      { r: [{ __typename: 'Person', id: me.childId }] },
      citizen(me.childId),
    );
    // The relation is nullable: the certificate stays, the mother it may not name is null.
    expect(parents.data).toEqual({
      _entities: [{ birthCertificate: { certificateNumber: me.certificateNumber, mother: null } }],
    });
    expect(parents.errors?.[0]).toMatchObject({
      path: ['_entities', 0, 'birthCertificate', 'mother', 'id'],
      extensions: { code: 'FORBIDDEN' },
    });
    expect(JSON.stringify({ data: parents.data, errors: parents.errors })).not.toContain(
      me.motherId,
    );

    const roots = await subgraph.query(
      `query ($other: String!) {
         birthCertificates(limit: 5000) { certificateNumber }
         birthCertificate(certificateNumber: $other) { certificateNumber } }`,
      { other: other.certificateNumber },
      citizen(me.childId),
    );
    expect(roots.data).toEqual({
      birthCertificates: [{ certificateNumber: me.certificateNumber }],
      birthCertificate: null,
    });
  });

  it("keeps a district rule's certificates only", async () => {
    const [inside, ...rest] = (await patients()) as [CertificateRow, ...CertificateRow[]];
    const district = inside.districtCode;
    const outside = rest.find((c) => c.districtCode !== district)!;
    const registrar = rules(
      { action: 'read', subject: 'Person', fields: ['id', 'birthCertificate'] },
      { action: 'read', subject: 'BirthCertificate', conditions: { districtCode: district } },
    );
    const inDistrict = await newestCertificates(5000, district);
    expect(inDistrict.length).toBeGreaterThan(1);
    const roots = await subgraph.query<{
      birthCertificates: Record<string, unknown>[];
      birthCertificate: unknown;
    }>(
      `query ($other: String!) {
         birthCertificates(limit: 5000) { ${CERTIFICATE} }
         birthCertificate(certificateNumber: $other) { certificateNumber } }`,
      { other: outside.certificateNumber },
      registrar,
    );
    expect(roots.data!.birthCertificates).toMatchObject(inDistrict.map(asResult));
    expect(roots.data!.birthCertificates).toHaveLength(inDistrict.length);
    expect(roots.data!.birthCertificate).toBeNull();

    const { persons: found } = await persons(
      [inside.childId, outside.childId],
      registrar,
      `birthCertificate { ${CERTIFICATE} }`,
    );
    expect(found).toEqual([
      { id: inside.childId, birthCertificate: expect.objectContaining(asResult(inside)) },
      { id: outside.childId, birthCertificate: null },
    ]);
  });

  it('returns nothing for rules that do not open the types, or use columns it does not hold', async () => {
    const [me] = (await patients()) as [CertificateRow];
    const failClosed = [
      rules({ action: 'read', subject: 'Enterprise' }),
      // Health keeps no person's district, nor a certificate's birth weight as a condition.
      rules(
        { action: 'read', subject: 'Person', conditions: { districtCode: me.districtCode } },
        { action: 'read', subject: 'BirthCertificate', conditions: { weightGrams: 3200 } },
        { action: 'read', subject: 'Vaccination' },
        { action: 'read', subject: 'MedicalRecord' },
      ),
    ];
    for (const packed of failClosed) {
      const { persons: found } = await persons([me.childId], packed, EVERYTHING, true);
      expect(found).toEqual([null]);
      const roots = await subgraph.query(
        `query ($n: String!) {
           birthCertificates(limit: 5000) { certificateNumber }
           birthCertificate(certificateNumber: $n) { certificateNumber } }`,
        { n: me.certificateNumber },
        packed,
      );
      expect(roots.data).toEqual({ birthCertificates: [], birthCertificate: null });
    }
  });

  it('resolves 50 persons under a restrictive rule in as many statements as 5', async () => {
    const children = await db.query<{ id: string }>(
      'SELECT child_id AS id FROM birth_certificate ORDER BY child_id LIMIT 50',
    );
    const ids = children.map((c) => c.id);
    const me = ids[3]!;
    const five = await persons(ids.slice(0, 5), citizen(me), OWN, true);
    const fifty = await persons(ids, citizen(me), OWN, true);
    expect(five.statements).toBe(2);
    expect(fifty.statements).toBe(five.statements);
    const served = fifty.persons as ({ id: string; vaccinations: unknown[] } | null)[];
    expect(served).toHaveLength(50);
    expect(served.filter((p) => p !== null).map((p) => p!.id)).toEqual([me]);
    expect(served.find((p) => p !== null)!.vaccinations).not.toHaveLength(0);
    expect(await vaccinationsOf(me)).not.toHaveLength(0);
  });
});
