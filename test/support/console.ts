import { randomUUID } from 'node:crypto';
import { consoleRoutes, type ConsolePage } from '../../console';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../gateway/identity';
import { developmentSignIn } from '../../gateway/landing';
import { startFederation, type Federation } from './federation';
import { as, testSigningKey } from './security';

/** The console roles a test signs in as (development consumers of gateway/identity). */
export type ConsoleSignInRole = 'privacy-officer' | 'privacy-contact' | 'auditor';

/** A console page as a route test reads it. */
export interface ConsoleAnswer {
  status: number;
  html: string;
  headers: Headers;
}

/** The real gateway over the real departments, with the console mounted under /console. */
export async function startConsole(options: { pages?: readonly ConsolePage[] } = {}) {
  const signIn = developmentSignIn(await testSigningKey(), {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
  });
  return startFederation({ pages: consoleRoutes({ signIn, pages: options.pages }) });
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
export const FULL_ID_OR_MOBILE = /(?<!\d)(\d{17}[\dX]|1[3-9]\d{9})(?!\d)/;

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
