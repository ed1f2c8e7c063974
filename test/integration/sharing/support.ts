import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createLogger } from '../../../gateway/logger';
import { startLivePolicy, type LivePolicyHolder } from '../../../gateway/live-policy';
import { loadPolicies } from '../../../policies';
import {
  followWatermark,
  openPolicyStore,
  policyContent,
  type PolicyStore,
  type Watermark,
} from '../../../policy-store';
import { SUPERGRAPH_PATH } from '../../../schema';
import { classificationFromSupergraph } from '../../../schema/classification';
import { testDatabaseUrl } from '../../support/database';
import { startFederation, type Federation } from '../../support/federation';
import type { PageHandler } from '../../../gateway/http/server';
import { as } from '../../support/security';

/** The policy schema these tests write to (apart from the live-policy tests' own). */
export const SHARING_POLICY_SCHEMA = 'policy_store_sharing';

/** Two gateway replicas on one live policy store, over the real departments. */
export interface SharingStack {
  store: PolicyStore;
  gateways: [Federation, Federation];
  /** Posts an operation as a demo official under the data-sharing purpose, to replica A. */
  as(consumer: string, query: string, variables?: Record<string, unknown>): Promise<any>;
  stop(): Promise<void>;
}

export async function startSharingStack(
  options: {
    /** Routes replica A serves beside GraphQL (the console). */
    pages?: PageHandler;
    /** The policy schema (default SHARING_POLICY_SCHEMA). */
    schema?: string;
  } = {},
): Promise<SharingStack> {
  const url = testDatabaseUrl();
  const schema = options.schema ?? SHARING_POLICY_SCHEMA;
  process.env.POLICY_SOURCE = 'db';
  process.env.POLICY_SCHEMA = schema;
  process.env.SHARING_RECEIPT_WAIT_MS = '2000';
  const store = await openPolicyStore({ url, schema });
  await store.pool.query(`SELECT 1`);
  if (!(await store.latest())) {
    await store.append({
      content: policyContent(loadPolicies()).text,
      cause: 'import',
      author: 'test',
    });
  }
  const { classification } = classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  const watermark: Watermark = await followWatermark({ store, url, leaseMs: 5_000, pollMs: 100 });
  const replica = (name: string): Promise<LivePolicyHolder> =>
    startLivePolicy({
      store,
      url,
      replica: name,
      classification,
      logger: createLogger('silent'),
      leaseMs: 5_000,
      pollMs: 100,
    });
  const a = await replica('sharing-a');
  const b = await replica('sharing-b');
  const gatewayA = await startFederation({
    policies: a,
    minRevision: watermark.floor,
    pages: options.pages,
  });
  const gatewayB = await startFederation({ policies: b, departments: gatewayA.subgraphs });
  return {
    store,
    gateways: [gatewayA, gatewayB],
    as: async (consumer, query, variables) =>
      gatewayA.query(query, variables, await as(consumer as never, 'data-sharing')),
    stop: async () => {
      await gatewayB.stop();
      await gatewayA.stop();
      await Promise.all([a.close(), b.close(), watermark.close()]);
      await store.close();
    },
  };
}

/** Runs one statement on the test database as its superuser; its rows. */
export async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}
