import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { classificationFromSupergraph } from '../../../schema/classification';
import { planOperation } from '../../../gateway/authorization/plan';
import { loadExamples } from '../../../gateway/examples';
import {
  ANONYMOUS_CONSUMER,
  DEMO_CONSUMERS,
  demoClaims,
  type DemoConsumerName,
} from '../../../gateway/identity';
import { createPolicyEngine, loadPolicies, type Consumer } from '../../../policies';
import { SUPERGRAPH_PATH } from '../../../schema';

// The graph is immutable: built once for the file; each test gets a fresh engine.
const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const { classification } = classificationFromSupergraph(sdl);

function setup() {
  const engine = createPolicyEngine(loadPolicies(), classification, {
    now: () => new Date('2026-11-24'),
  });
  const examples = loadExamples(join(__dirname, '..', '..', '..', 'schema', 'examples'));
  const decide = (consumer: Consumer, purpose: string, operation: string) => {
    const example = examples.find((e) => e.query.includes(`query ${operation}(`))!;
    const document = parse(example.query);
    const op = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    const plan = planOperation(
      schema,
      document,
      op,
      engine.abilityFor(consumer, purpose),
      classification,
    );
    return {
      denied: plan.denied.map((d) => d.path),
      masked: plan.masked.map((m) => `${m.path.join('.')} (${m.style})`),
    };
  };
  return { decide };
}

function demo(name: DemoConsumerName): Consumer {
  const claims = demoClaims(name, 'PFB9YBZ34');
  return {
    kind: claims.kind,
    id: claims.sub,
    department: claims.dept ?? null,
    role: claims.role ?? null,
    jurisdiction: claims.jurisdiction ?? null,
    application: null,
    personId: claims.person ?? null,
  };
}

const OPERATIONS = [
  'EnterpriseProfile',
  'SubsistenceEligibility',
  'BirthRegistration',
  'DepartmentSummary',
  'PersonsInDistrict',
];
const CONSUMERS = Object.keys(DEMO_CONSUMERS) as DemoConsumerName[];

describe('decisions of the example consumers on the example operations', () => {
  it.each(CONSUMERS.flatMap((c) => OPERATIONS.map((o) => [c, o] as const)))(
    '%s / %s under its own purpose',
    (consumer, operation) => {
      const { decide } = setup();
      expect(decide(demo(consumer), DEMO_CONSUMERS[consumer].purpose, operation)).toMatchSnapshot();
    },
  );

  it('each example runs whole for the consumer it is written for', () => {
    const { decide } = setup();
    expect(decide(demo('inspector'), 'market-supervision', 'EnterpriseProfile').denied).toEqual([]);
    expect(
      decide(demo('caseworker'), 'social-assistance-eligibility', 'SubsistenceEligibility'),
    ).toEqual({
      denied: [],
      masked: [
        'person.idNumber (ID_NUMBER)',
        'person.birthDate (DATE)',
        'person.socialInsurance.monthlyContributionBase (AMOUNT)',
      ],
    });
    expect(decide(demo('registrar'), 'household-registration', 'BirthRegistration').denied).toEqual(
      [],
    );
    expect(decide(demo('dispatcher'), 'appeal-handling', 'DepartmentSummary').denied).toEqual([]);
  });

  it('the auditor reads no personal data of persons', () => {
    const { decide } = setup();
    const { denied } = decide(demo('auditor'), 'audit', 'SubsistenceEligibility');
    expect(denied).toEqual(
      expect.arrayContaining(['person', 'person.name', 'person.idNumber', 'person.annualIncomes']),
    );
  });

  it('an anonymous caller reads UNCONDITIONAL fields only', () => {
    const { decide } = setup();
    const { denied } = decide(ANONYMOUS_CONSUMER, 'public-information', 'EnterpriseProfile');
    expect(denied).toEqual(
      expect.arrayContaining([
        'enterprise.legalRepresentative',
        'enterprise.penalties',
        'enterprise.taxArrears',
      ]),
    );
    expect(denied).not.toContain('enterprise.name');
    expect(denied).not.toContain('enterprise.status');
  });

  it('a purpose not granted turns the caseworker into a stranger', () => {
    const { decide } = setup();
    const { denied } = decide(demo('caseworker'), 'market-supervision', 'SubsistenceEligibility');
    expect(denied).toContain('person');
    expect(denied).toContain('person.idNumber');
  });
});
