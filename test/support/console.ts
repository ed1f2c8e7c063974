import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadPolicies } from '../../policies';
import { openPolicyStore, policyContent } from '../../policy-store';
import { consoleRoutes, type ConsolePage } from '../../console';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../gateway/identity';
import { developmentSignIn } from '../../gateway/landing';
import { testDatabaseUrl } from './database';
import { startFederation, type Federation } from './federation';
import { as, testSigningKey } from './security';
import { startSharingStack, type SharingStack } from '../integration/sharing/support';

/** The console's development sign-in choices a test signs in as (console/roles.ts). */
export type ConsoleSignInRole =
  | 'privacy-officer'
  | 'privacy-contact'
  | 'auditor'
  | 'sharing-civil-affairs'
  | 'sharing-health'
  | 'data-authority'
  | 'citizen';

/** A console page as a route test reads it. */
export interface ConsoleAnswer {
  status: number;
  html: string;
  headers: Headers;
}

/** The real gateway over the real departments, with the console mounted under /console. */
export async function startConsole(options: { pages?: readonly ConsolePage[] } = {}) {
  return startFederation({ pages: await consoleHandler(options.pages) });
}

/** The console's routes with the development sign-in, for a gateway a test starts. */
export async function consoleHandler(pages?: readonly ConsolePage[]) {
  const signIn = developmentSignIn(await testSigningKey(), {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
  });
  return consoleRoutes({ signIn, pages });
}

/** Signs in through the console's own form; returns the session cookie to send. */
export async function signIn(federation: Federation, role: ConsoleSignInRole): Promise<string> {
  const response = await fetch(`${federation.url}/console/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: federation.url,
    },
    body: new URLSearchParams({ consumer: role }).toString(),
  });
  const cookie = response.headers.get('set-cookie');
  if (response.status !== 303 || !cookie)
    throw new Error(`Console sign-in as ${role} answered ${response.status}.`);
  return cookie.split(';')[0]!;
}

/** GET (or POST a form to) a console path with a session cookie. */
export async function consolePage(
  federation: Federation,
  cookie: string | null,
  path: string,
  form?: Record<string, string>,
): Promise<ConsoleAnswer> {
  const response = await fetch(`${federation.url}${path}`, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      ...(cookie && { cookie }),
      ...(form && {
        'content-type': 'application/x-www-form-urlencoded',
        origin: federation.url,
      }),
    },
    body: form && new URLSearchParams(form).toString(),
  });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** A case number no other test uses. */
export const newCaseNumber = () => `MZ-${randomUUID().slice(0, 8)}`;

/** The caseworker of 武侯区 reads a person's name and ID number under a case number (an access record to find). */
export async function caseworkerReads(
  federation: Federation,
  personId: string,
  caseNumber: string,
): Promise<{ name: string; idNumber: string }> {
  const response = await federation.query<{ person: { name: string; idNumber: string } }>(
    `query Applicant { person(id: "${personId}") { name idNumber annualIncomes { amount } } }`,
    {},
    { ...(await as('caseworker', 'social-assistance-eligibility')), 'x-case-number': caseNumber },
  );
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!.person;
}

/** A full resident ID number or a mobile number anywhere in a page (none may appear). */
// Not inside a run of hex (a hash, a UUID): 11 digits in a row occur in SHA-256 hex by chance.
export const FULL_ID_OR_MOBILE = /(?<![\da-fA-F])(\d{17}[\dX]|1[3-9]\d{9})(?![\da-fA-F])/;

/** The visible text of a page, tags and entities stripped (for assertions). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/**
 * Edits one stored access record behind the store's triggers (its purpose), as an attacker
 * with the database would; returns a function that puts it back, so the shared chain is whole
 * again for the other tests.
 */
export async function tamperWithRecord(recordId: string): Promise<() => Promise<void>> {
  const table = 'access_records.access_record';
  const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
  const set = async (purpose: string | null) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      await client.query(`UPDATE ${table} SET purpose = $2 WHERE id = $1`, [recordId, purpose]);
      await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
      await client.query('COMMIT');
    } catch (error) {
      // Never left holding the records table's lock: every other test file writes to it.
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  const { rows } = await pool.query(`SELECT purpose FROM ${table} WHERE id = $1`, [recordId]);
  if (rows.length !== 1) throw new Error(`No access record ${recordId} to tamper with.`);
  await set('tax-audit');
  return async () => {
    await set(rows[0].purpose);
    await pool.end();
  };
}

/** The id of the newest record of a case (searched as the auditor through the graph). */
export async function recordOfCase(federation: Federation, caseNumber: string): Promise<string> {
  const response = await federation.query<any>(
    `query Case($filter: AccessRecordFilter) { accessRecords(filter: $filter, first: 1) { records { id } } }`,
    { filter: { caseNumber } },
    await as('auditor', 'audit'),
  );
  return response.data.accessRecords.records[0].id;
}

/** The grant the second scratch revision suspends. */
export const SUSPENDED_GRANT = 'tax-caseworker-income';

export interface PolicyRevisions {
  schema: string;
  drop(): Promise<void>;
}

/**
 * Two policy revisions in a scratch schema the data bureau reads (POLICY_SCHEMA; the
 * live-policy tests follow the default one): 1 imports the files, 2 suspends SUSPENDED_GRANT;
 * replica 'gateway-lagging' confirmed revision 1 only. Call before startConsole.
 */
export async function policyRevisions(): Promise<PolicyRevisions> {
  const schema = `console_policy_${randomUUID().slice(0, 8)}`;
  process.env.POLICY_SCHEMA = schema;
  const store = await openPolicyStore({ url: testDatabaseUrl(), schema });
  const files = loadPolicies();
  await store.append({ content: policyContent(files).text, cause: 'import', author: 'ops' });
  const suspended = { ...files, grants: files.grants.filter((g) => g.id !== SUSPENDED_GRANT) };
  await store.append({
    content: policyContent(suspended).text,
    cause: 'suspension',
    author: 'demo-privacy-officer',
    note: '暂停：核查中',
  });
  await store.confirm('gateway-lagging', 1, 30_000);
  await store.close();
  return {
    schema,
    drop: () => dropPolicySchema(schema),
  };
}

async function dropPolicySchema(schema: string): Promise<void> {
  delete process.env.POLICY_SCHEMA;
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

/**
 * The sharing requests' stack (two gateway replicas on a live policy store) with the console
 * on replica A; the store is a scratch schema of its own, so the approvals of a console test
 * open nothing for another test file, and it is dropped at stop.
 */
export async function startSharingConsole(): Promise<SharingStack> {
  const schema = `console_sharing_${randomUUID().slice(0, 8)}`;
  const stack = await startSharingStack({ pages: await consoleHandler(), schema });
  return {
    ...stack,
    stop: async () => {
      await stack.stop();
      await dropPolicySchema(schema);
    },
  };
}

/** Starts the console's federation before this file's tests and stops it after them. */
export function useConsole(): () => Federation {
  let federation: Federation | undefined;
  beforeAll(async () => {
    federation = await startConsole();
  });
  afterAll(() => federation?.stop());
  return () => federation!;
}
