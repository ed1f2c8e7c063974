import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CONSUMERS, DEV_AUDIENCE, DEV_ISSUER, mintToken } from '../../gateway/identity';
import { DEFAULT_POLICIES_DIR } from '../../policies';
import { run } from '../../scripts/policy';
import { createKey } from './identity/fixtures';

const NOW = new Date('2026-11-24T09:00:00+08:00');

const policy = (...argv: string[]) => run(argv, { now: NOW, cwd: process.cwd() });

/** Lines of a table whose first cell is `first`, cells split on runs of two or more spaces. */
function rowOf(stdout: string, first: string): string[] | undefined {
  return stdout
    .split('\n')
    .map((line) => line.split(/ {2,}/))
    .find((cells) => cells[0] === first);
}

describe('policy lint', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'policy-cli-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  /** A policy folder with the real purpose catalogue and one grant file. */
  function policiesWith(provider: string, yaml: string): string {
    mkdirSync(join(scratch, 'grants'));
    copyFileSync(join(DEFAULT_POLICIES_DIR, 'purposes.yaml'), join(scratch, 'purposes.yaml'));
    writeFileSync(join(scratch, 'grants', `${provider}.yaml`), yaml);
    return scratch;
  }

  it('passes the project policies without an error', async () => {
    const result = await policy('lint');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/: error: /);
    expect(result.stdout).toMatch(/^No problems in \d+ grants and \d+ purposes\.$/m);
  });

  it('fails on a grant that shares a NONE field with another department and opens sensitive data without expiry', async () => {
    const dir = policiesWith(
      'health',
      `grants:
  - id: health-caseworker-medical-records
    consumer: { department: civil-affairs, role: caseworker }
    purposes: [social-assistance-eligibility]
    fields:
      Person: { medicalRecords: full }
    legalBasis: 《社会救助暂行办法》第十一条
`,
    );
    const result = await policy('lint', '--policies', dir);
    const file = join(dir, 'grants', 'health.yaml');
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual([
      `${file}: health-caseworker-medical-records: error: Person.medicalRecords is NONE (不予共享) and may not be granted to civil-affairs/caseworker; only health's own officials may read it.`,
      `${file}: health-caseworker-medical-records: error: The grant opens sensitive personal information (Person.medicalRecords) without expires; give it an end date.`,
      '',
      '2 errors, 0 warnings in 1 file (1 grant checked).',
    ]);
  });

  it('exits 0 on warnings alone', async () => {
    const dir = policiesWith(
      'tax',
      `grants:
  - id: tax-caseworker-expired-income
    consumer: { department: civil-affairs, role: caseworker }
    purposes: [social-assistance-eligibility]
    fields:
      Person: { annualIncomes: full }
    legalBasis: 《社会救助暂行办法》第十一条
    expires: 2025-12-31
`,
    );
    const result = await policy('lint', '--policies', dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'tax-caseworker-expired-income: warning: The grant expired on 2025-12-31',
    );
  });

  it('reports unreadable policy files as a failure, not a crash', async () => {
    const dir = policiesWith('tax', 'grants: [ { id: broken } ]\n');
    const result = await policy('lint', '--policies', dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^The policy files are invalid:/);
  });
});

describe('policy explain', () => {
  const subsistenceCheck = '{ person(id: "X") { name idNumber medicalRecords { diagnosis } } }';

  it('shows each field of an operation allowed, masked or denied, with the rule behind it', async () => {
    const result = await policy(
      'explain',
      '--as',
      'caseworker',
      '--purpose',
      'social-assistance-eligibility',
      '--query',
      subsistenceCheck,
    );
    expect(result.code).toBe(0);
    expect(rowOf(result.stdout, 'person.name')).toEqual([
      'person.name',
      'Person.name',
      'allowed',
      'public-security-caseworker-persons',
      "Person.name is opened to civil-affairs/caseworker for purpose 'social-assistance-eligibility' by grant public-security-caseworker-persons.",
    ]);
    expect(rowOf(result.stdout, 'person.idNumber')).toEqual([
      'person.idNumber',
      'Person.idNumber',
      'masked (ID_NUMBER)',
      'public-security-caseworker-persons',
      "Person.idNumber is opened to civil-affairs/caseworker for purpose 'social-assistance-eligibility' only masked (ID_NUMBER) by grant public-security-caseworker-persons.",
    ]);
    expect(rowOf(result.stdout, 'person.medicalRecords')).toEqual([
      'person.medicalRecords',
      'Person.medicalRecords',
      'denied',
      '-',
      "Person.medicalRecords is never shared outside health (sharing class NONE, 不予共享); only health's own officials may read it, under a grant by health.",
    ]);
    expect(result.stdout).toContain('5 fields: 2 allowed, 1 masked, 2 denied.');
    expect(result.stdout).toContain(
      'public-security-caseworker-persons: Person.districtCode = $jurisdiction',
    );
  });

  it('reports fields by response path, through aliases and fragments', async () => {
    const result = await policy(
      'explain',
      '--as',
      'caseworker',
      '--purpose',
      'social-assistance-eligibility',
      '--json',
      '--query',
      `query Applicant { applicant: person(id: "X") { ...Identity } }
       fragment Identity on Person { fullName: name idNumber }`,
    );
    expect(result.code).toBe(0);
    const explanation = JSON.parse(result.stdout);
    expect(explanation.operation).toBe('Applicant');
    expect(
      explanation.fields.map((f: any) => [f.path, f.coordinate, f.effect, f.mask, f.grantId]),
    ).toEqual([
      ['applicant', 'Query.person', 'allowed', null, 'public-security-caseworker-persons'],
      ['applicant.fullName', 'Person.name', 'allowed', null, 'public-security-caseworker-persons'],
      [
        'applicant.idNumber',
        'Person.idNumber',
        'masked',
        'ID_NUMBER',
        'public-security-caseworker-persons',
      ],
    ]);
  });

  it('reports an operation that does not validate against the API schema, with its location', async () => {
    const result = await policy(
      'explain',
      '--as',
      'caseworker',
      '--query',
      '{ person(id: "X") { nam } }',
    );
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `The operation in --query is not valid against the graph's API schema:\n  1:21: Cannot query field "nam" on type "Person". Did you mean "name"?\n`,
    });
  });

  describe('with a bearer token', () => {
    let scratch: string;
    beforeEach(() => {
      scratch = mkdtempSync(join(tmpdir(), 'policy-cli-keys-'));
    });
    afterEach(() => rmSync(scratch, { recursive: true, force: true }));

    /** A JWKS file of the identity provider's key, and the options that verify with it. */
    async function identityProvider() {
      const key = await createKey('EdDSA', 'idp-2026');
      const jwks = join(scratch, 'jwks.json');
      writeFileSync(jwks, JSON.stringify({ keys: [key.jwk] }));
      const verifyWith = ['--jwks', jwks, '--issuer', DEV_ISSUER, '--audience', DEV_AUDIENCE];
      return { key, verifyWith };
    }
    const inspector = { sub: 'inspector-sub-5RT2K', ...DEMO_CONSUMERS.inspector.claims };
    const enterpriseProfile =
      '{ enterprise(uscc: "91350100M000100Y43") { name taxCreditRating { level } } }';

    it('explains for the consumer the token names', async () => {
      const { key, verifyWith } = await identityProvider();
      const token = await mintToken(inspector, { signingKey: key.signingKey });
      const result = await policy(
        'explain',
        '--token',
        token,
        ...verifyWith,
        '--purpose',
        'market-supervision',
        '--query',
        enterpriseProfile,
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /^market-regulation\/inspector in 510104, purpose market-supervision/,
      );
      expect(rowOf(result.stdout, 'enterprise.taxCreditRating')?.slice(2, 4)).toEqual([
        'allowed',
        'tax-inspector-credit-and-arrears',
      ]);
      expect(result.stdout).not.toContain(inspector.sub);
    });

    it('refuses a forged token without repeating it', async () => {
      const { verifyWith } = await identityProvider();
      const forger = await createKey('EdDSA', 'idp-2026');
      const token = await mintToken(inspector, { signingKey: forger.signingKey });
      const result = await policy(
        'explain',
        '--token',
        token,
        ...verifyWith,
        '--purpose',
        'market-supervision',
        '--query',
        enterpriseProfile,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^The bearer token's signature does not verify/);
      expect(result.stderr + result.stdout).not.toContain(token.split('.')[1]);
      expect(result.stderr).not.toContain(inspector.sub);
    });
  });

  it('never repeats claims it cannot read', async () => {
    const result = await policy(
      'explain',
      '--as',
      '{"kind":"citizen","person":"P-secret"',
      '--purpose',
      'self-service',
      '--query',
      '{ __typename }',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('P-secret');
  });
});

describe('policy who-can', () => {
  it('lists the grants that open a field, with its classification', async () => {
    const result = await policy('who-can', 'Person.idNumber');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      [
        'Person.idNumber',
        '  sharing class  CONDITIONAL (有条件共享)',
        '  personal info  SENSITIVE (敏感个人信息)',
        '  mask           ID_NUMBER',
        '  owner          public-security',
      ].join('\n'),
    );
    expect(rowOf(result.stdout, 'civil-affairs/caseworker')).toEqual([
      'civil-affairs/caseworker',
      'social-assistance-eligibility',
      'masked (ID_NUMBER)',
      'Person.districtCode = $jurisdiction',
      'public-security-caseworker-persons',
      '2027-12-31',
    ]);
    for (const grantId of [
      'public-security-registrar-residents',
      'public-security-registrar-parents-identity',
      'public-security-marriage-registrar-identity',
      'public-security-citizen-own-record',
    ]) {
      expect(result.stdout).toContain(grantId);
    }
    expect(result.stdout).toContain('5 grants open Person.idNumber (4 in full, 1 masked).');
  });

  it('says an UNCONDITIONAL field needs no grant', async () => {
    const result = await policy('who-can', 'Enterprise.name');
    expect(rowOf(result.stdout, 'anyone, signed in or not')).toEqual([
      'anyone, signed in or not',
      'any',
      'full',
      'all rows',
      'UNCONDITIONAL (no grant needed)',
      '-',
    ]);
  });

  it('answers an unknown coordinate with the close matches', async () => {
    const result = await policy('who-can', 'Person.idNumbr');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Person.idNumbr is not a field of the graph; did you mean Person.idNumber?\n',
    });
  });
});

describe('policy', () => {
  it.each(['lint', 'explain', 'who-can'])('prints the help of %s', async (command) => {
    const result = await policy(command, '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: npm run policy -- ${command}`));
  });

  it('lists the commands when none is named', async () => {
    const result = await policy();
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('lint');
    expect(result.stdout).toContain('who-can');
  });
});
