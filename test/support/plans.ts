import { createCaller, type Caller } from '../../subgraphs/kit/caller';
import { Database, type Row } from '../../subgraphs/kit';
import { packPolicyRules, type PolicyRule } from '../../policies';
import { testDatabaseUrl } from './database';

/** One node of a PostgreSQL JSON plan, with the fields the plan tests read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

/**
 * A department's database that plans its statements instead of running them: each `query`
 * is sent as `EXPLAIN (FORMAT JSON)` with its parameters (a custom plan, as the departments
 * get), with sequential scans disabled, so a Seq Scan in a plan means no index could serve
 * the statement. Returns no rows.
 */
export class PlanningDatabase extends Database {
  readonly plans: PlanNode[] = [];

  /** With `inOrder`, sorts are disabled too: can an index give a page its order? */
  constructor(
    schema: string,
    private readonly inOrder = false,
  ) {
    super({ url: testDatabaseUrl(), schema, maxConnections: 1 });
  }

  override async query<T extends Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    // With few rows the planner prefers reading a whole table (and sorting it); what is asked
    // here is whether an index *can* serve the statement, as it must at a million rows. One
    // connection (maxConnections: 1), so the settings hold for the EXPLAIN.
    await this.pool.query(
      `SET enable_seqscan = off; SET enable_sort = ${this.inOrder ? 'off' : 'on'}`,
    );
    const result = await this.pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      params as unknown[],
    );
    this.plans.push(result.rows[0]!['QUERY PLAN'][0].Plan);
    return [];
  }
}

/** Every node of a plan, depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/**
 * How each table is read, one line per scan: `<table> by <index>: <condition>`, `<table> in
 * full` (a Seq Scan) or `<table> by <index> in full` (an index read without a condition),
 * followed by ` | filter <condition>` when rows read are then filtered.
 */
export function tableReads(plan: PlanNode): string[] {
  return planNodes(plan).flatMap((node): string[] => {
    const table = node['Relation Name'];
    if (!table) return [];
    if (node['Node Type'] === 'Seq Scan') return [`${table} in full`];
    const indexScans =
      node['Node Type'] === 'Bitmap Heap Scan'
        ? planNodes(node).filter((child) => child['Node Type'] === 'Bitmap Index Scan')
        : [node];
    const filter = node.Filter ? ` | filter ${node.Filter}` : '';
    return indexScans.map((scan) =>
      scan['Index Cond']
        ? `${table} by ${scan['Index Name']}: ${scan['Index Cond']}${filter}`
        : `${table} by ${scan['Index Name']} in full${filter}`,
    );
  });
}

/** A caller whose signed rules are `rules` (for every type the department serves). */
export function callerWith(rules: PolicyRule[]): Caller {
  return createCaller({
    consumer: {
      kind: 'gateway',
      id: 'test',
      department: null,
      role: null,
      jurisdiction: null,
      application: null,
      personId: null,
    },
    purpose: 'test',
    caseNumber: null,
    requestId: 'plan-test',
    revision: 0,
    failClosed: false,
    rules: packPolicyRules(rules),
    borrowedRules: [],
    bodyHash: '',
  } as Parameters<typeof createCaller>[0]);
}
