import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicies, parsePolicies } from '../../../policies';

function setup() {
  const catalogue = {
    file: 'purposes.yaml',
    text: [
      'purposes:',
      '  - code: market-supervision',
      '    name: { zh: 市场监督管理, en: Market supervision }',
      '    legalBasis: 《市场主体登记管理条例》',
      '',
    ].join('\n'),
  };
  const taxGrants = (id: string, purpose = 'market-supervision') => ({
    file: 'grants/tax.yaml',
    text: [
      'grants:',
      `  - id: ${id}`,
      '    consumer: { department: market-regulation, role: inspector }',
      `    purposes: [${purpose}]`,
      '    fields:',
      '      Enterprise: { taxArrears: full }',
      '',
    ].join('\n'),
  });
  return { catalogue, taxGrants };
}

describe('loadPolicies', () => {
  it('loads the purpose catalogue and every department’s grants, frozen', () => {
    const policies = loadPolicies();
    expect(policies.purposes.map((p) => p.code)).toEqual(
      expect.arrayContaining([
        'social-assistance-eligibility',
        'market-supervision',
        'household-registration',
        'appeal-handling',
        'self-service',
        'audit',
        'public-information',
        'medical-treatment',
        'tax-administration',
      ]),
    );
    expect(new Set(policies.grants.map((g) => g.provider))).toEqual(
      new Set([
        'civil-affairs',
        'data-bureau',
        'evaluation',
        'health',
        'hotline',
        'human-resources',
        'market-regulation',
        'public-security',
        'tax',
      ]),
    );
    expect(policies.grants.find((g) => g.id === 'tax-caseworker-income')).toMatchObject({
      provider: 'tax',
      consumer: { department: 'civil-affairs', role: 'caseworker' },
      purposes: ['social-assistance-eligibility'],
      fields: { Person: { annualIncomes: 'full' }, PersonalIncome: { '*': 'full' } },
      expires: '2027-12-31',
    });
    expect(Object.isFrozen(policies.grants)).toBe(true);
    expect(Object.isFrozen(policies.grants[0]!.fields)).toBe(true);
  });

  it('names the grant file on disk that is wrong, and takes the provider from the file name', () => {
    const { catalogue, taxGrants } = setup();
    const dir = mkdtempSync(join(tmpdir(), 'policies-'));
    try {
      mkdirSync(join(dir, 'grants'));
      writeFileSync(join(dir, 'purposes.yaml'), catalogue.text);
      writeFileSync(join(dir, 'grants', 'tax.yaml'), taxGrants('tax-inspector-arrears').text);
      expect(loadPolicies(dir).grants.map((g) => [g.id, g.provider])).toEqual([
        ['tax-inspector-arrears', 'tax'],
      ]);
      writeFileSync(
        join(dir, 'grants', 'tax.yaml'),
        taxGrants('tax-inspector-arrears', 'tax-audit').text,
      );
      expect(() => loadPolicies(dir)).toThrow(
        new Error(
          `The policy files are invalid:\n- ${join(dir, 'grants', 'tax.yaml')}:4:16 grants[0].purposes[0]: purpose 'tax-audit' is not in the catalogue; add it to purposes.yaml or use one of: market-supervision.`,
        ),
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('parsePolicies', () => {
  it('rejects a YAML syntax error with the file and position', () => {
    const { catalogue } = setup();
    const unclosedFlowMap = {
      file: 'grants/tax.yaml',
      text: 'grants:\n  - id: tax-x\n    consumer: { department: market-regulation, role: inspector\n    purposes: [market-supervision]\n',
    };
    expect(() => parsePolicies(catalogue, [unclosedFlowMap])).toThrow(
      new Error(
        'grants/tax.yaml:4:5: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }. Fix the YAML there.',
      ),
    );
  });

  it('rejects a grant id used twice, naming both places', () => {
    const { catalogue, taxGrants } = setup();
    const hotlineGrants = { ...taxGrants('shared-id'), file: 'grants/hotline.yaml' };
    expect(() => parsePolicies(catalogue, [taxGrants('shared-id'), hotlineGrants])).toThrow(
      new Error(
        "The policy files are invalid:\n- grants/hotline.yaml:2:9 grants[0].id: grant id 'shared-id' is already used at grants/tax.yaml:2:9 grants[0].id; give each grant its own id.",
      ),
    );
  });

  it('rejects a purpose code missing from the catalogue', () => {
    const { catalogue, taxGrants } = setup();
    expect(() =>
      parsePolicies(catalogue, [taxGrants('tax-inspector-arrears', 'tax-audit')]),
    ).toThrow(
      new Error(
        "The policy files are invalid:\n- grants/tax.yaml:4:16 grants[0].purposes[0]: purpose 'tax-audit' is not in the catalogue; add it to purposes.yaml or use one of: market-supervision.",
      ),
    );
  });

  it('reports every schema violation with its path and the fix', () => {
    const { catalogue } = setup();
    const malformed = {
      file: 'grants/tax.yaml',
      text: [
        'grants:',
        '  - id: tax-inspector-arrears',
        '    consumer: { department: market-regulation, role: inspector }',
        '    purposes: [market-supervision]',
        '    fields:',
        '      Enterprise: { taxArrears: fulll }',
        '    expires: next week',
        '    colour: blue',
        '  - id: Tax_2',
        '    consumer: { department: market-regulation }',
        '    purposes: []',
        '    fields: {}',
        '    rows:',
        '      Enterprise: { districtCode: $district }',
        '',
      ].join('\n'),
    };
    expect(() => parsePolicies(catalogue, [malformed])).toThrow(
      new Error(
        [
          'The policy files are invalid:',
          "- grants/tax.yaml:6:33 grants[0].fields.Enterprise.taxArrears: write 'full' or 'masked'.",
          '- grants/tax.yaml:7:14 grants[0].expires: write the last day the grant applies as an ISO date, e.g. 2027-06-30.',
          "- grants/tax.yaml:8:13 grants[0].colour: unknown key 'colour'; the keys allowed here are: id, consumer, purposes, fields, rows, legalBasis, expires, note, request, quota, documents.",
          "- grants/tax.yaml:9:9 grants[1].id: the grant id is kebab-case (lower-case words joined by '-'), e.g. tax-caseworker-income.",
          '- grants/tax.yaml:10:15 grants[1].consumer: write the consumer as { department, role, application? } or { citizen: true }.',
          '- grants/tax.yaml:11:15 grants[1].purposes: list at least one purpose code from purposes.yaml.',
          '- grants/tax.yaml:12:13 grants[1].fields: open at least one field.',
          "- grants/tax.yaml:14:35 grants[1].rows.Enterprise.districtCode: a value starting with '$' is a placeholder: write one of $jurisdiction, $personId, $department.",
        ].join('\n'),
      ),
    );
  });

  it('reads a grant quota, and names a bad one with its path and the fix', () => {
    const { catalogue, taxGrants } = setup();
    const withQuota = (quota: string) => {
      const source = taxGrants('tax-inspector-arrears');
      return { ...source, text: `${source.text}    quota: ${quota}\n` };
    };
    const policies = parsePolicies(catalogue, [
      withQuota('{ personsPerOfficial: 200, personsWithoutCaseNumber: 20 }'),
    ]);
    expect(policies.grants[0]!.quota).toEqual({
      personsPerOfficial: 200,
      personsWithoutCaseNumber: 20,
    });
    expect(() =>
      parsePolicies(catalogue, [withQuota('{ personsPerOfficial: 0, personsPerDay: 5 }')]),
    ).toThrow(
      new Error(
        [
          'The policy files are invalid:',
          '- grants/tax.yaml:7:34 grants[0].quota.personsPerOfficial: the persons one official may be shown per day is at least 1 person; remove the key for no quota.',
          "- grants/tax.yaml:7:52 grants[0].quota.personsPerDay: unknown key 'personsPerDay'; the keys allowed here are: personsPerOfficial, personsWithoutCaseNumber, personsPerApplication.",
        ].join('\n'),
      ),
    );
    expect(() => parsePolicies(catalogue, [withQuota('{}')])).toThrow(
      'grants[0].quota: name at least one of personsPerOfficial, personsWithoutCaseNumber, personsPerApplication.',
    );
  });
});
