import { readFileSync } from 'node:fs';
import type { TokenClaims } from '../../../gateway/identity';
import { loadPolicies } from '../../../policies';
import { whoCanRead } from '../../../policies/tooling';
import { SUPERGRAPH_PATH, classificationFromSupergraph } from '../../../schema';
import { sharingReachField } from '../../../subgraphs/kit';
import { as } from '../../support/security';
import { sql, startSharingStack, type SharingStack } from './support';

const officer = (dept: string): TokenClaims => ({
  sub: `demo-${dept}-officer`,
  kind: 'official',
  dept,
  role: 'officer',
});

/** A department's sharing agency (the official reviewing requests for its data). */
const AGENCIES: Record<string, string | TokenClaims> = {
  'civil-affairs': 'caseworker',
  'human-resources': officer('human-resources'),
  tax: officer('tax'),
  hotline: 'dispatcher',
  'market-regulation': 'inspector',
  evaluation: officer('evaluation'),
};

/** One count: the draft's fields and rows, and the independent SQL count of the same persons. */
interface Count {
  fields: string[];
  rows: string[];
  expected: number;
  /** The department's persons without the row scope, when the scope should narrow them. */
  unscoped?: number;
}

const one = async (text: string, params: unknown[] = []): Promise<any> =>
  (await sql(text, params))[0];

/** Per department: a count on the seeded data, and a field it has no source for. */
const CASES: Record<string, { count: () => Promise<Count>; refused: string }> = {
  'civil-affairs': {
    count: async () => {
      const { district } = await one(
        `SELECT district_code AS district FROM civil_affairs.allowance
          GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      );
      // The household members of the district's cases, and their applicants.
      const persons = (where: string) =>
        one(
          `SELECT count(*)::int AS n FROM (
             SELECT m.person_id FROM civil_affairs.allowance_member m
               JOIN civil_affairs.allowance a ON a.case_number = m.case_number ${where}
             UNION SELECT a.applicant_id FROM civil_affairs.allowance a ${where}) p`,
          where ? [district] : [],
        );
      return {
        fields: ['Person.subsistenceAllowance', 'SubsistenceAllowance.monthlyAmount'],
        rows: [`SubsistenceAllowance.districtCode=${district}`],
        expected: (await persons('WHERE a.district_code = $1')).n,
        unscoped: (await persons('')).n,
      };
    },
    // Every person has a marital status (SINGLE without a registration): not countable here.
    refused: 'Person.maritalStatus',
  },
  'human-resources': {
    count: async () => {
      const { employer, holders } = await one(
        `SELECT employer_uscc AS employer, count(DISTINCT holder_id)::int AS holders
           FROM human_resources.social_insurance_account WHERE employer_uscc IS NOT NULL
          GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      );
      const all = await one(
        'SELECT count(DISTINCT holder_id)::int AS n FROM human_resources.social_insurance_account',
      );
      return {
        fields: ['Person.socialInsurance', 'SocialInsuranceAccount.status'],
        rows: [`SocialInsuranceAccount.employer=${employer}`],
        expected: holders,
        unscoped: all.n,
      };
    },
    refused: 'EnterpriseSocialInsurance.insuredHeadcount',
  },
  tax: {
    count: async () => {
      const { year, persons } = await one(
        `SELECT year, count(DISTINCT person_id)::int AS persons FROM tax.personal_income
          GROUP BY 1 ORDER BY 1 DESC LIMIT 1`,
      );
      return {
        fields: ['Person.annualIncomes', 'PersonalIncome.amount'],
        rows: [`PersonalIncome.year=${year}`],
        expected: persons,
      };
    },
    refused: 'Enterprise.taxArrears',
  },
  hotline: {
    count: async () => {
      const { district, submitters } = await one(
        `SELECT district_code AS district, count(DISTINCT submitter_id)::int AS submitters
           FROM hotline.appeal GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      );
      const all = await one('SELECT count(DISTINCT submitter_id)::int AS n FROM hotline.appeal');
      return {
        fields: ['Query.appeals', 'Appeal.content', 'Appeal.contactPhone'],
        rows: [`Appeal.districtCode=${district}`],
        expected: submitters,
        unscoped: all.n,
      };
    },
    refused: 'AppealSummary.received',
  },
  'market-regulation': {
    count: async () => {
      const { district, representatives } = await one(
        `SELECT district_code AS district, count(DISTINCT legal_representative_id)::int AS representatives
           FROM market_regulation.enterprise GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      );
      const all = await one(
        'SELECT count(DISTINCT legal_representative_id)::int AS n FROM market_regulation.enterprise',
      );
      return {
        fields: ['Enterprise.legalRepresentative'],
        rows: [`Enterprise.districtCode=${district}`],
        expected: representatives,
        unscoped: all.n,
      };
    },
    refused: 'AdministrativePenalty.amount',
  },
  evaluation: {
    count: async () => {
      const { item, evaluators } = await one(
        `SELECT service_item_code AS item, count(DISTINCT evaluator_id)::int AS evaluators
           FROM evaluation.evaluation GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      );
      const all = await one(
        'SELECT count(DISTINCT evaluator_id)::int AS n FROM evaluation.evaluation',
      );
      return {
        fields: ['ServiceItem.evaluations', 'Evaluation.comment', 'Evaluation.rectification'],
        rows: [`Evaluation.serviceItem=${item}`],
        expected: evaluators,
        unscoped: all.n,
      };
    },
    refused: 'RatingSummary.total',
  },
};

const reach = (field: string) =>
  `query($f: [String!]!, $r: [String!]) { ${field}(fields: $f, rows: $r) }`;

describe('every providing department counts the persons a draft grant opens, in its own data', () => {
  let stack: SharingStack;
  const ask = async (
    consumer: string | TokenClaims,
    department: string,
    fields: string[],
    rows: string[] = [],
    purpose = 'data-sharing',
  ) =>
    stack.gateways[0].query<any>(
      reach(sharingReachField(department)),
      { f: fields, r: rows },
      await as(consumer as never, purpose),
    );

  beforeAll(async () => {
    stack = await startSharingStack({ schema: 'policy_store_reach' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  describe.each(Object.keys(CASES))('%s', (department) => {
    const field = sharingReachField(department);

    it('counts as an independent SQL count does, for its sharing agency and the data authority', async () => {
      const { fields, rows, expected, unscoped } = await CASES[department]!.count();
      expect(expected).toBeGreaterThan(0);
      if (unscoped !== undefined) expect(expected).toBeLessThan(unscoped);
      const byAgency = await ask(AGENCIES[department]!, department, fields, rows);
      expect(byAgency.errors).toBeUndefined();
      expect(byAgency.data[field]).toBe(expected);
      if (unscoped !== undefined) {
        const whole = await ask('auditor', department, fields);
        expect(whole.errors).toBeUndefined();
        expect(whole.data[field]).toBe(unscoped);
      }
    });

    it('refuses a field it has no source for, never 0', async () => {
      const { refused } = CASES[department]!;
      const response = await ask('auditor', department, [refused]);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toContain(
        `${refused} is not a field whose persons this department can count`,
      );
      expect(response.data?.[field] ?? null).toBeNull();
    });
  });

  it("answers the data bureau's impact preview of a request to another provider: the draft's own fields and rows", async () => {
    const { district, submitters } = await one(
      `SELECT district_code AS district, count(DISTINCT submitter_id)::int AS submitters
         FROM hotline.appeal GROUP BY 1 ORDER BY 2, 1 LIMIT 1`,
    );
    const filed = await stack.as(
      'caseworker',
      `mutation($input: SubmitSharingRequestInput!) { submitSharingRequest(input: $input) { number } }`,
      {
        input: {
          provider: 'hotline',
          purpose: 'social-assistance-eligibility',
          legalBasis: '《社会救助暂行办法》第十一条',
          scenario: '低保申请人诉求记录核对',
          scope: '一个区的诉求人',
          method: 'INTERFACE',
          periodEnd: '2027-06-30',
          consent: '武民函〔2026〕13号',
          fields: [
            { coordinate: 'Query.appeals', access: 'FULL' },
            { coordinate: 'Appeal.subject', access: 'FULL' },
          ],
          rows: [{ type: 'Appeal', field: 'districtCode', value: district }],
        },
      },
    );
    expect(filed.errors).toBeUndefined();
    const impact = await stack.as(
      'dispatcher',
      `query($n: ID!) { sharingImpact(number: $n) { fields rows reachField } }`,
      { n: filed.data.submitSharingRequest.number },
    );
    expect(impact.errors).toBeUndefined();
    const { fields, rows, reachField } = impact.data.sharingImpact;
    expect({ rows, reachField }).toEqual({
      rows: [`Appeal.districtCode=${district}`],
      reachField: 'hotlineSharingReach',
    });
    const counted = await ask('dispatcher', 'hotline', fields, rows);
    expect(counted.errors).toBeUndefined();
    expect(counted.data.hotlineSharingReach).toBe(submitters);
  });

  it('refuses the same count under another purpose, and to another department', async () => {
    const other = await ask(
      officer('tax'),
      'tax',
      ['Person.annualIncomes'],
      [],
      'tax-administration',
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const requester = await ask('caseworker', 'tax', ['Person.annualIncomes']);
    expect(requester.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("opens each department's reach field only to its sharing agency and the data authority", () => {
    const policies = loadPolicies();
    const { classification } = classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    for (const department of [...Object.keys(CASES), 'health', 'public-security']) {
      const readers = whoCanRead(
        policies,
        classification,
        `Query.${sharingReachField(department)}`,
      );
      expect(readers.map((r) => [r.grantId, r.purposes])).toEqual([
        [`${department}-sharing-agency-counts-reach`, ['data-sharing']],
        [`${department}-data-authority-counts-reach`, ['data-sharing']],
      ]);
    }
  });
});
