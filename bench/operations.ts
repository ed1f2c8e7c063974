import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoConsumerName } from '../gateway/identity';
import { ROOT_DIR } from '../schema/load-manifest';
import type { Fixtures } from './fixtures';

export type OperationId = 'enterprise' | 'profile' | 'persons' | 'masked';

/** One GraphQL operation the bench sends, as the consumer the policies expect for it. */
export interface Operation {
  id: OperationId;
  title: string;
  query: string;
  consumer: DemoConsumerName;
  purpose: string;
  /** The subgraph that serves the whole operation on its own, when one does (for `direct`). */
  rootSubgraph?: string;
  /** Fresh variables for one request, drawn from the dataset's ids. */
  variables(fixtures: Fixtures, random: () => number): Record<string, unknown>;
  /** What is wrong with a response's `data` (null when it is the expected shape). */
  check(data: Record<string, unknown>): string | null;
}

/** Persons of the district the list pages through: the same work on every dataset size. */
export const PAGE_WINDOW = 10_000;

/** The persons list: example 5 (PersonsInDistrict) with an offset, so each request reads another page. */
const PERSONS_QUERY = `query PersonsInDistrict($districtCode: String!, $limit: Int!, $offset: Int!) {
  persons(districtCode: $districtCode, limit: $limit, offset: $offset) {
    id name birthDate annualIncomes { year amount } employmentStatus socialInsurance { status } maritalStatus
  }
}`;

/** The district whose persons the caseworker token may read (its jurisdiction). */
export const BENCH_DISTRICT = '510107';
/** Persons per page in the main comparison. */
export const PERSONS_PAGE = 100;

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)]!;

/** The persons list with `limit` entities per page (the scale curve varies it). */
export function personsList(limit: number): Operation {
  return {
    id: 'persons',
    title: `(c) ${limit} persons × 4 departments`,
    query: PERSONS_QUERY,
    consumer: 'caseworker',
    purpose: 'social-assistance-eligibility',
    variables: (fixtures, random) => ({
      districtCode: BENCH_DISTRICT,
      limit,
      // Pages within the district's first PAGE_WINDOW persons: an OFFSET costs PostgreSQL the
      // rows it skips, so a window that grew with the city would measure OFFSET, not the graph.
      offset: Math.floor(
        random() * Math.max(1, Math.min(fixtures.districtPersons, PAGE_WINDOW) - limit + 1),
      ),
    }),
    check: (data) => {
      const persons = data.persons as unknown[] | undefined;
      return persons?.length === limit ? null : `expected ${limit} persons, got ${persons?.length}`;
    },
  };
}

/** The four operations of the main comparison, in report order. */
export const OPERATIONS: readonly Operation[] = [
  {
    id: 'enterprise',
    title: '(a) enterprise lookup, 1 department',
    query: `query Enterprise($uscc: String!) { enterprise(uscc: $uscc) { uscc name status } }`,
    consumer: 'inspector',
    purpose: 'market-supervision',
    rootSubgraph: 'market-regulation',
    variables: (fixtures, random) => ({ uscc: pick(fixtures.usccs, random) }),
    check: (data) => (data.enterprise ? null : 'enterprise is null'),
  },
  {
    id: 'profile',
    title: '(b) enterprise full profile, 6 departments',
    query: readFileSync(
      join(ROOT_DIR, 'schema', 'examples', '1-enterprise-profile.graphql'),
      'utf8',
    ),
    consumer: 'inspector',
    purpose: 'market-supervision',
    variables: (fixtures, random) => ({ uscc: pick(fixtures.usccs, random) }),
    check: (data) => {
      const enterprise = data.enterprise as Record<string, unknown> | null;
      if (!enterprise) return 'enterprise is null';
      return enterprise.legalRepresentative ? null : 'legalRepresentative is null';
    },
  },
  personsList(PERSONS_PAGE),
  {
    id: 'masked',
    title: '(d) person with a masked ID number',
    query: `query MaskedPerson($id: ID!) { person(id: $id) { name idNumber } }`,
    consumer: 'caseworker',
    purpose: 'social-assistance-eligibility',
    variables: (fixtures, random) => ({ id: pick(fixtures.personIds, random) }),
    check: (data) => (data.person ? null : 'person is null'),
  },
];

/** mulberry32: a small seeded generator, so every run draws the same sequence of ids. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
