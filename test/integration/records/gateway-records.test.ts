import { startFederation, type Federation } from '../../support/federation';
import { recordsOf } from '../../support/records';
import { as } from '../../support/security';

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

const APPLICANT = 'PCYGN28R6';

describe('access records written by the gateway', () => {
  it('leaves one record per operation, served or refused, with fields and departments but no values', async () => {
    const before = (await recordsOf(federation.streamId)).length;
    const served = await federation.query<{ person: { name: string; idNumber: string } }>(
      `query Applicant { person(id: "${APPLICANT}") { name idNumber annualIncomes { amount } } }`,
      {},
      {
        ...(await as('caseworker', 'social-assistance-eligibility')),
        'x-case-number': 'MZ-2026-0042',
      },
    );
    expect(served.errors).toBeUndefined();
    const refused = await federation.query(
      `{ person(id: "${APPLICANT}") { medicalRecords { diagnosis } } }`,
      {},
      await as('caseworker', 'social-assistance-eligibility'),
    );
    expect(refused.status).toBe(403);

    const records = (await recordsOf(federation.streamId)).slice(before);
    expect(records).toHaveLength(2);
    const [first, second] = records;
    expect(first).toMatchObject({
      consumer_kind: 'official',
      consumer_department: 'civil-affairs',
      consumer_role: 'caseworker',
      purpose: 'social-assistance-eligibility',
      case_number: 'MZ-2026-0042',
      operation_name: 'Applicant',
      outcome: 'served',
    });
    expect(first!.fields).toEqual(
      expect.arrayContaining([
        {
          coordinate: 'Person.name',
          pi: 'PERSONAL',
          effect: 'allow',
          grant: 'public-security-caseworker-persons',
        },
        {
          coordinate: 'Person.idNumber',
          pi: 'SENSITIVE',
          effect: 'mask',
          grant: 'public-security-caseworker-persons',
        },
        {
          coordinate: 'PersonalIncome.amount',
          pi: 'SENSITIVE',
          effect: 'allow',
          grant: 'tax-caseworker-income',
        },
      ]),
    );
    expect([...first!.departments].sort()).toEqual(['public-security', 'tax']);
    expect(second).toMatchObject({ outcome: 'refused', departments: [] });
    expect(second!.fields).toEqual(
      expect.arrayContaining([
        { coordinate: 'Person.medicalRecords', pi: 'SENSITIVE', effect: 'deny', grant: null },
      ]),
    );
    // Coordinates and codes only: no value that was read is in the record.
    const stored = JSON.stringify(records);
    expect(stored).not.toContain(served.data!.person.name);
    expect(stored).not.toContain(served.data!.person.idNumber.slice(0, 6) + '*');
    expect(second!.prev_hash).toBe(first!.hash);
  });

  it('is ready only while records can be committed', async () => {
    const readiness = (await (await fetch(`${federation.url}/readyz`)).json()) as {
      records: string;
    };
    expect(readiness.records).toBe('up');
  });
});
