import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICIES_DIR, loadPolicies, type PolicySet } from '../../../policies';
import { lintCatalogue, loadCatalogue } from '../../../policies/tooling';
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
