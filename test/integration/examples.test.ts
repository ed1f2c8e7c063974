import { join } from 'node:path';
import { loadExamples, type ExampleOperation } from '../../gateway/examples';
import { startFederation, type Federation } from '../support/federation';
import { as } from '../support/security';

const examples = loadExamples(join(__dirname, '..', '..', 'schema', 'examples'));
const example = (operation: string): ExampleOperation => {
  const found = examples.find((e) => e.query.includes(`query ${operation}(`));
  if (!found) throw new Error(`no example operation ${operation}`);
  return found;
};

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

/** Runs an example exactly as the landing page offers it: its document, variables, consumer and purpose. */
async function run<T>(operation: string): Promise<T> {
  const { query, variables, runAs } = example(operation);
  const response = await federation.query<T>(
    query,
    variables,
    await as(runAs!.consumer as never, runAs!.purpose),
  );
  expect(response.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return response.data!;
}

type Person = Record<string, unknown> & { id: string };

describe('example operations on the default data', () => {
  it('every example file parses and carries a title and description', () => {
    expect(examples.map((e) => e.name)).toHaveLength(5);
    for (const e of examples) expect(e.description?.length).toBeGreaterThan(20);
  });

  it('enterprise full profile: six departments agree on one enterprise', async () => {
    const { enterprise } = await run<{ enterprise: any }>('EnterpriseProfile');
    expect(enterprise.uscc).toBe(example('EnterpriseProfile').variables!.uscc);
    // Market regulation names the representative; public security knows the same person.
    const rep = enterprise.legalRepresentative;
    const known = await federation.query<{
      enterprise: { legalRepresentative: Person & { enterprisesRepresented: { uscc: string }[] } };
    }>(
      'query($u: String!) { enterprise(uscc: $u) { legalRepresentative { id name enterprisesRepresented { uscc } } } }',
      { u: enterprise.uscc },
      await as('inspector', 'market-supervision'),
    );
    expect(known.errors).toBeUndefined();
    const back = known.data!.enterprise.legalRepresentative;
    expect(back).toMatchObject({ id: rep.id, name: rep.name });
    expect(back.enterprisesRepresented.map((e) => e.uscc)).toContain(enterprise.uscc);
    expect(enterprise.penalties.length).toBeGreaterThan(0);
    for (const p of enterprise.penalties) expect(p.authority.name).toMatch(/市场监督管理局/);
    expect(['A', 'B', 'M', 'C', 'D']).toContain(enterprise.taxCreditRating.level);
    expect(enterprise.taxArrears).toBeGreaterThan(0);
    expect(enterprise.socialInsurance.insuredHeadcount).toBeGreaterThan(0);
    expect(enterprise.socialInsurance.arrearsAmount).toBeGreaterThan(0);
    expect(enterprise.appeals.length).toBeGreaterThan(0);
    // Each appeal the hotline lists for the enterprise is about that enterprise.
    for (const appeal of enterprise.appeals) {
      const back = await federation.query<{
        appeal: { enterprise: { uscc: string; name: string } };
      }>(
        'query($n: String!) { appeal(number: $n) { enterprise { uscc name } } }',
        { n: appeal.number },
        await as('dispatcher', 'appeal-handling'),
      );
      expect(back.data!.appeal.enterprise).toEqual({
        uscc: enterprise.uscc,
        name: enterprise.name,
      });
      expect(appeal.assignedTo.name.length).toBeGreaterThan(2);
    }
  });

  it("subsistence eligibility: the allowance's household is the household public security registers", async () => {
    const { person } = await run<{ person: any }>('SubsistenceEligibility');
    expect(person.subsistenceAllowance.status).toBe('APPROVED');
    // The caseworker's grant opens the ID number masked only (the province and the check
    // character), and the birth date as its year: with the district and gender shown, a full
    // birth date would leave 500 possible ID numbers.
    expect(person.idNumber).toMatch(/^\d{2}\*{15}[\dX]$/);
    expect(person.birthDate).toMatch(/^\d{4}-\*\*-\*\*$/);
    expect(person.subsistenceAllowance.householdSize).toBe(person.household.size);
    expect(person.household.members.map((m: Person) => m.id)).toContain(person.id);
    expect(person.annualIncomes.length).toBeGreaterThan(0);
    const years = person.annualIncomes.map((i: { year: number }) => i.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(person.socialInsurance.status).toMatch(/ACTIVE|SUSPENDED|TERMINATED/);
    expect(person.enterprisesRepresented.length).toBeGreaterThan(0);
    // The enterprises market regulation lists name this person as representative.
    for (const e of person.enterprisesRepresented) {
      const back = await federation.query<{ enterprise: { legalRepresentative: { id: string } } }>(
        'query($u: String!) { enterprise(uscc: $u) { legalRepresentative { id } } }',
        { u: e.uscc },
        await as('inspector', 'market-supervision'),
      );
      expect(back.data!.enterprise.legalRepresentative.id).toBe(person.id);
    }
  });

  it('birth registration: the certificate, the child and the parents agree', async () => {
    const { birthCertificate: c } = await run<{ birthCertificate: any }>('BirthRegistration');
    expect(c.child.birthDate).toBe(c.birthDate);
    expect(c.child.gender).toBe(c.gender);
    expect(c.child.household.id).toBe(c.mother.household.id);
    expect(c.mother.idNumber).toMatch(/^\d{6}(19|20)\d{6}\d{2}[02468][\dX]$/);
    expect(c.father.idNumber).toMatch(/^\d{6}(19|20)\d{6}\d{2}[13579][\dX]$/);
    expect(c.mother.maritalStatus).toBe('MARRIED');
    expect(c.districtCode).toBe(
      String(example('BirthRegistration').variables!.certificateNumber).slice(1, 7),
    );
  });

  it("department summary: the hotline's counts match the appeals assigned to it", async () => {
    const { department } = await run<{ department: any }>('DepartmentSummary');
    const assigned = await federation.query<{ appeals: { status: string }[] }>(
      'query($code: String!) { appeals(assignedTo: $code, limit: 5000) { status } }',
      { code: department.code },
      await as('dispatcher', 'appeal-handling'),
    );
    const appeals = assigned.data!.appeals;
    expect(department.appealSummary.received).toBe(appeals.length);
    expect(department.appealSummary.open + department.appealSummary.closed).toBe(appeals.length);
    const levels = department.ratingSummary.byLevel.map((l: { count: number }) => l.count);
    expect(levels.reduce((a: number, b: number) => a + b, 0)).toBe(department.ratingSummary.total);
    expect(department.serviceItems.length).toBeGreaterThan(0);
    expect(department.appealsAssigned.length).toBe(5);
  });

  it('persons in a district: four departments answer for the same 100 persons', async () => {
    const { persons } = await run<{ persons: any[] }>('PersonsInDistrict');
    expect(persons).toHaveLength(100);
    expect(new Set(persons.map((p) => p.id)).size).toBe(100);
    for (const p of persons) expect(['SINGLE', 'MARRIED', 'DIVORCED']).toContain(p.maritalStatus);
  });
});
