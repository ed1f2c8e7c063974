import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICIES_DIR, loadPolicies, type PolicySet } from '../../../policies';
import {
  conditionsOf,
  lintCatalogue,
  loadCatalogue,
  type SharingCatalogue,
} from '../../../policies/tooling';
import { SUPERGRAPH_PATH } from '../../../schema';
import { classificationFromSupergraph } from '../../../schema/classification';
import { run } from '../../../scripts/policy';

const { classification } = classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));

function setup() {
  return { policies: loadPolicies(), catalogue: loadCatalogue() };
}

describe('catalogue rules (《政务数据共享条例》 art. 13-15)', () => {
  it('passes the project policies and catalogue', () => {
    const { policies, catalogue } = setup();
    expect(lintCatalogue(policies, classification, catalogue)).toEqual([]);
  });

  it('refuses a NONE field without the law behind it', () => {
    const { policies, catalogue } = setup();
    const rest = Object.fromEntries(
      Object.entries(catalogue.notShared).filter(([key]) => key !== 'MedicalRecord.*'),
    );
    const findings = lintCatalogue(policies, classification, { ...catalogue, notShared: rest });
    expect(findings.map((f) => f.message)).toEqual(
      ['visitedOn', 'hospital', 'diagnosis'].map((field) =>
        expect.stringContaining(`MedicalRecord.${field} is NONE`),
      ),
    );
  });

  it('refuses CONDITIONAL fields whose department states no conditions of use', () => {
    const { policies, catalogue } = setup();
    const rest = Object.fromEntries(
      Object.entries(catalogue.departments).filter(([department]) => department !== 'tax'),
    );
    const findings = lintCatalogue(policies, classification, { ...catalogue, departments: rest });
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringMatching(/^tax has CONDITIONAL fields/),
      }),
    ]);
  });

  it('refuses a grant that adds a row condition the catalogue does not state', () => {
    const { policies, catalogue } = setup();
    const tax = policies.grants.find((g) => g.id === 'tax-caseworker-income')!;
    const widened: PolicySet = {
      ...policies,
      grants: [
        ...policies.grants.filter((g) => g !== tax),
        { ...tax, rows: { PersonalIncome: { year: 2025 } } },
      ],
    };
    expect(lintCatalogue(widened, classification, catalogue)).toEqual([
      expect.objectContaining({
        grantId: 'tax-caseworker-income',
        message: expect.stringContaining(
          'limits PersonalIncome rows by year, a condition the catalogue does not state for tax',
        ),
      }),
    ]);
  });

  describe('conditions per field', () => {
    /** The catalogue with health's entry replaced. */
    const withHealth = (
      catalogue: SharingCatalogue,
      health: SharingCatalogue['departments'][string],
    ): SharingCatalogue => ({
      ...catalogue,
      departments: { ...catalogue.departments, health },
    });

    it("states a field's own conditions over its department's", () => {
      const { catalogue } = setup();
      expect(conditionsOf(catalogue, 'health', 'Vaccination.vaccine')).toMatch(/疫苗管理法/);
      expect(conditionsOf(catalogue, 'health', 'BirthCertificate.hospital')).toBe(
        catalogue.departments.health!.conditions,
      );
      expect(conditionsOf(catalogue, 'nobody', 'Thing.field')).toBeNull();
    });

    it('needs no department conditions where every CONDITIONAL field states its own', () => {
      const { policies, catalogue } = setup();
      const health = catalogue.departments.health!;
      const ownOnly = withHealth(catalogue, { ...health, conditions: undefined });
      const findings = lintCatalogue(policies, classification, ownOnly);
      // The vaccinations state their own; the certificates and Person's health fields do not.
      expect(findings).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/^health has CONDITIONAL fields .*BirthCertificate\./),
        }),
      ]);
      expect(findings[0]!.message).not.toMatch(/Vaccination\./);
      const everyField = withHealth(catalogue, {
        ...health,
        conditions: undefined,
        fields: {
          ...health.fields,
          'BirthCertificate.*': { conditions: '限于出生登记', rows: [] },
          'Person.birthCertificate': { conditions: '限于出生登记', rows: [] },
          'Person.vaccinations': { conditions: '限于疫苗接种核验', rows: [] },
          // health's own root fields (another department's Query fields are not health's).
          'Query.*': { conditions: '限于出生登记、共享申请审核', rows: [] },
        },
      });
      expect(lintCatalogue(policies, classification, everyField)).toEqual([]);
    });

    it('refuses a field entry that names no CONDITIONAL field of its department', () => {
      const { policies, catalogue } = setup();
      const health = catalogue.departments.health!;
      for (const key of ['Person.name', 'MedicalRecord.*', 'Vaccination.colour']) {
        const wrong = withHealth(catalogue, {
          ...health,
          fields: { ...health.fields, [key]: { conditions: '任意', rows: [] } },
        });
        expect(lintCatalogue(policies, classification, wrong)).toEqual([
          expect.objectContaining({
            file: 'catalogue.yaml',
            message: expect.stringContaining(
              `departments.health.fields.${key} names no CONDITIONAL field of health`,
            ),
          }),
        ]);
      }
    });

    it("lets a grant limit rows by a field entry's rows only where it opens that field", () => {
      const { policies, catalogue } = setup();
      const grant = (fields: Record<string, Record<string, 'full'>>) => ({
        id: 'health-civil-affairs-vaccinations',
        provider: 'health',
        file: 'grants/health.yaml',
        consumer: { department: 'civil-affairs', role: 'caseworker' },
        purposes: ['social-assistance-eligibility'],
        fields,
        rows: { Vaccination: { clinic: '武侯区社区卫生服务中心' } },
      });
      const lint = (fields: Record<string, Record<string, 'full'>>) =>
        lintCatalogue(
          { ...policies, grants: [...policies.grants, grant(fields)] },
          classification,
          catalogue,
        );
      expect(lint({ Person: { vaccinations: 'full' }, Vaccination: { '*': 'full' } })).toEqual([]);
      expect(
        lint({ Person: { birthCertificate: 'full' }, BirthCertificate: { '*': 'full' } }),
      ).toEqual([
        expect.objectContaining({
          grantId: 'health-civil-affairs-vaccinations',
          message: expect.stringContaining(
            'limits Vaccination rows by clinic, a condition the catalogue does not state for health',
          ),
        }),
      ]);
      // Without the field entry's rows, the same grant is refused.
      const health = catalogue.departments.health!;
      const noRows = withHealth(catalogue, {
        ...health,
        fields: { 'Vaccination.*': { ...health.fields['Vaccination.*']!, rows: [] } },
      });
      const refused = lintCatalogue(
        {
          ...policies,
          grants: [
            ...policies.grants,
            grant({ Person: { vaccinations: 'full' }, Vaccination: { '*': 'full' } }),
          ],
        },
        classification,
        noRows,
      );
      expect(refused.map((f) => f.grantId)).toEqual(['health-civil-affairs-vaccinations']);
    });
  });

  it('makes npm run policy -- lint fail on such a grant', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'catalogue-lint-'));
    try {
      mkdirSync(join(scratch, 'grants'));
      copyFileSync(join(DEFAULT_POLICIES_DIR, 'purposes.yaml'), join(scratch, 'purposes.yaml'));
      writeFileSync(
        join(scratch, 'grants', 'tax.yaml'),
        `grants:
  - id: tax-inspector-ratings
    consumer: { department: market-regulation, role: inspector }
    purposes: [market-supervision]
    fields:
      Enterprise: { taxCreditRating: full }
      TaxCreditRating: { '*': full }
    rows:
      TaxCreditRating: { level: A }
`,
      );
      const result = await run(['lint', '--policies', scratch]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /limits TaxCreditRating rows by level, a condition the catalogue does not state/,
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
