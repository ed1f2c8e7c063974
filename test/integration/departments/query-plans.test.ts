import type { PolicyRule } from '../../../policies';
import { loadDepartment } from '../../../subgraphs';
import { schemaName, type Caller } from '../../../subgraphs/kit';
import {
  createLoaders as civilAffairsLoaders,
  listAllowances,
} from '../../../subgraphs/civil-affairs/store';
import { listDataResources } from '../../../subgraphs/data-bureau/catalogue/store';
import {
  createLoaders as evaluationLoaders,
  listServiceItems,
} from '../../../subgraphs/evaluation/store';
import {
  createLoaders as healthLoaders,
  listBirthCertificates,
} from '../../../subgraphs/health/store';
import { createLoaders as hotlineLoaders, listAppeals } from '../../../subgraphs/hotline/store';
import { createLoaders as humanResourcesLoaders } from '../../../subgraphs/human-resources/store';
import {
  createLoaders as marketRegulationLoaders,
  listEnterprises,
} from '../../../subgraphs/market-regulation/store';
import {
  createLoaders as publicSecurityLoaders,
  findPersonByIdNumber,
  listPersons,
} from '../../../subgraphs/public-security/store';
import { createLoaders as taxLoaders } from '../../../subgraphs/tax/store';
import { callerWith, PlanningDatabase, planNodes, tableReads } from '../../support/plans';

// What these tests guard: at a million persons, a page of a list or a batch of 100 lookups
// must cost the rows it returns, not the table. Each statement is planned (not run) with
// sequential scans off, under the row rules a typical consumer signs; a table read "in full",
// or a page sorted after reading the whole district, is what a type mismatch between a
// column and its parameter (character(6) against text) or a missing index looks like.

const DISTRICT = '510107';
const PAGE = { limit: 100, offset: 0 };
/** A batch of keys: the plan, not the rows, is asked for. */
const KEYS = Array.from({ length: 100 }, (_, i) => `K${i}`);

/** A read of `table` through `index` that needs no filter: the index serves every condition. */
const byIndex = (table: string, index: string) =>
  expect.stringMatching(`^${table} by ${index}: [^|]*$`);
/** A read of `table` through any index whose condition looks `column` up. */
const keyed = (table: string, column: string) =>
  expect.stringMatching(new RegExp(`^${table} by \\w+: .*\\b${column} = `));

const inDistrict = (subject: string): PolicyRule => ({
  action: 'read',
  subject,
  conditions: { districtCode: DISTRICT },
});
const all = (subject: string): PolicyRule => ({ action: 'read', subject });

/**
 * The caseworker of 510107 (social-assistance-eligibility), as each department receives it:
 * public security limits persons and households to the district; the others hold no district
 * for a person and open their fields of whichever person public security lets through.
 */
const caseworker = {
  publicSecurity: [inDistrict('Person'), inDistrict('Household')],
  others: [
    all('Person'),
    all('PersonalIncome'),
    all('SocialInsuranceAccount'),
    all('MarriageRecord'),
    inDistrict('SubsistenceAllowance'),
  ],
};

/** Reads, across every statement planned here, whose condition casts a column. */
const casts: string[] = [];

/** Plans what `run` sends to `department`'s schema; returns one plan per statement. */
async function plansOf(
  department: string,
  run: (db: PlanningDatabase) => Promise<unknown>,
  inOrder: boolean,
) {
  const db = new PlanningDatabase(schemaName(loadDepartment(department)), inOrder);
  try {
    await run(db);
    return db.plans;
  } finally {
    await db.close();
  }
}

/** How each statement reads its tables, sorted, and whether it sorts rows after reading them. */
async function readsOf(
  department: string,
  run: (db: PlanningDatabase, caller: Caller) => Promise<unknown>,
  rules: PolicyRule[],
  inOrder = false,
) {
  const plans = await plansOf(department, (db) => run(db, callerWith(rules)), inOrder);
  expect(plans).toHaveLength(1);
  const plan = plans[0]!;
  casts.push(...tableReads(plan).filter((read) => /\(\w+\)::\w+/.test(read)));
  return {
    reads: [...new Set(tableReads(plan))].sort(),
    sorts: planNodes(plan).some((node) => node['Node Type'] === 'Sort'),
  };
}

/** A list's page, planned with sorts off too: a Sort left means no index gives its order. */
const pageOf: typeof readsOf = (department, run, rules) => readsOf(department, run, rules, true);

describe('department SQL uses its indexes under row rules', () => {
  describe('lists: one page reads the page, in index order', () => {
    it('public security: persons of a district, by id', async () => {
      expect(
        await pageOf(
          'public-security',
          (db, caller) => listPersons(db, caller, DISTRICT, PAGE),
          caseworker.publicSecurity,
        ),
      ).toEqual({ reads: [byIndex('person', 'person_district_idx')], sorts: false });
    });

    it("public security: persons of the caller's district, without a district argument", async () => {
      expect(
        await pageOf(
          'public-security',
          (db, caller) => listPersons(db, caller, null, PAGE),
          caseworker.publicSecurity,
        ),
      ).toEqual({ reads: [byIndex('person', 'person_district_idx')], sorts: false });
    });

    it('market regulation: enterprises of a district, by USCC', async () => {
      const filter = { districtCode: DISTRICT, status: null, nameContains: null };
      expect(
        await pageOf(
          'market-regulation',
          (db, caller) => listEnterprises(db, caller, filter, PAGE),
          [inDistrict('Enterprise')],
        ),
      ).toEqual({ reads: [byIndex('enterprise', 'enterprise_district_idx')], sorts: false });
    });

    it('health: birth certificates of a district, newest first', async () => {
      const filter = { districtCode: DISTRICT, bornOnOrAfter: null };
      expect(
        await pageOf('health', (db, caller) => listBirthCertificates(db, caller, filter, PAGE), [
          inDistrict('BirthCertificate'),
        ]),
      ).toEqual({
        reads: [byIndex('birth_certificate', 'birth_certificate_district_idx')],
        sorts: false,
      });
    });

    it('hotline: appeals of a district, newest first', async () => {
      const filter = { districtCode: DISTRICT, assignedTo: null, status: null };
      expect(
        await pageOf('hotline', (db, caller) => listAppeals(db, caller, filter, PAGE), [
          inDistrict('Appeal'),
        ]),
      ).toEqual({ reads: [byIndex('appeal', 'appeal_district_idx')], sorts: false });
    });

    it('civil affairs: allowance cases of a district and status, by case number', async () => {
      const filter = { districtCode: DISTRICT, status: 'APPROVED' as const };
      expect(
        await pageOf(
          'civil-affairs',
          (db, caller) => listAllowances(db, caller, filter, PAGE),
          caseworker.others,
        ),
      ).toEqual({ reads: [byIndex('allowance', 'allowance_district_idx')], sorts: false });
    });

    it('evaluation: service items of a department, by code', async () => {
      expect(
        await pageOf(
          'evaluation',
          (db, caller) => listServiceItems(db, caller, 'civil-affairs', PAGE),
          [all('ServiceItem')],
        ),
      ).toEqual({ reads: [byIndex('service_item', 'service_item_department_idx')], sorts: false });
    });

    it('data bureau: the catalogue of a department', async () => {
      const { reads } = await pageOf(
        'data-bureau',
        (db, caller) => listDataResources(db, caller, 'civil-affairs'),
        [all('DataResource')],
      );
      expect(reads).toEqual([byIndex('data_resource', 'data_resource_department_idx')]);
    });
  });

  describe('lookups: a batch of 100 keys reads those keys', () => {
    const load = (loader: { loadMany(keys: string[]): Promise<unknown> }) => loader.loadMany(KEYS);

    it('public security: persons by id, by ID number, and household members', async () => {
      const rules = caseworker.publicSecurity;
      expect(
        await readsOf(
          'public-security',
          (db, caller) => load(publicSecurityLoaders(db, caller).person),
          rules,
        ),
      ).toEqual({ reads: [keyed('person', 'id')], sorts: false });
      expect(
        await readsOf(
          'public-security',
          (db, caller) => findPersonByIdNumber(db, caller, '51010719900101123X'),
          rules,
        ),
      ).toEqual({ reads: [keyed('person', 'id_number')], sorts: false });
      const { reads } = await readsOf(
        'public-security',
        (db, caller) => load(publicSecurityLoaders(db, caller).members),
        rules,
      );
      // The district rule may narrow the read too (a BitmapAnd); the members' key must serve it.
      expect(reads).toEqual(
        expect.arrayContaining([keyed('household', 'id'), keyed('person', 'household_id')]),
      );
      expect(reads.filter((read) => / in full/.test(read))).toEqual([]);
    });

    it('tax: the annual incomes of 100 persons', async () => {
      const { reads } = await readsOf(
        'tax',
        (db, caller) => load(taxLoaders(db, caller).incomes),
        caseworker.others,
      );
      expect(reads).toEqual([keyed('personal_income', 'person_id')]);
    });

    it('human resources: the accounts of 100 persons', async () => {
      const { reads } = await readsOf(
        'human-resources',
        (db, caller) => load(humanResourcesLoaders(db, caller).accountOfHolder),
        caseworker.others,
      );
      expect(reads).toEqual([keyed('social_insurance_account', 'holder_id')]);
    });

    it('civil affairs: the marriages of 100 persons', async () => {
      const parties = await readsOf(
        'civil-affairs',
        (db, caller) => load(civilAffairsLoaders(db, caller).parties),
        caseworker.others,
      );
      expect(parties.reads).toEqual([
        keyed('marriage_record', 'party_a_id'),
        keyed('marriage_record', 'party_b_id'),
      ]);
    });

    // Without a district rule: on the small test city a district rule lets the planner start
    // from the district; what is asked is whether the batch's own keys can serve the lookup.
    it('market regulation: enterprises by USCC and by legal representative', async () => {
      const rules = [all('Enterprise'), all('Person')];
      const enterprise = await readsOf(
        'market-regulation',
        (db, caller) => load(marketRegulationLoaders(db, caller).enterprise),
        rules,
      );
      expect(enterprise.reads).toEqual([keyed('enterprise', 'uscc')]);
      const represented = await readsOf(
        'market-regulation',
        (db, caller) => load(marketRegulationLoaders(db, caller).enterprisesRepresented),
        rules,
      );
      expect(represented.reads).toEqual([keyed('enterprise', 'legal_representative_id')]);
    });

    it('health: vaccinations of 100 persons', async () => {
      const { reads } = await readsOf(
        'health',
        (db, caller) => load(healthLoaders(db, caller).vaccinations),
        [all('Person'), all('Vaccination')],
      );
      expect(reads).toEqual([keyed('vaccination', 'person_id')]);
    });

    it('hotline: appeals of 100 submitters', async () => {
      const { reads } = await readsOf(
        'hotline',
        (db, caller) => load(hotlineLoaders(db, caller).bySubmitter),
        [all('Person'), inDistrict('Appeal')],
      );
      expect(reads).toEqual([keyed('appeal', 'submitter_id')]);
    });

    it('evaluation: evaluations by 100 evaluators', async () => {
      const { reads } = await readsOf(
        'evaluation',
        (db, caller) => load(evaluationLoaders(db, caller).evaluationsByEvaluator),
        [all('Person'), all('Evaluation')],
      );
      expect(reads).toEqual([keyed('evaluation', 'evaluator_id')]);
    });
  });

  // Runs last: the reads of every statement above.
  it('no statement casts a column to compare it (the index on it would not serve)', () => {
    expect(casts).toEqual([]);
  });
});
