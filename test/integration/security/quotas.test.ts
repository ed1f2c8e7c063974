import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { loadPolicies, type GrantQuota } from '../../../policies';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

// Quotas in the grant: the distinct persons a grant discloses per official per day, counted
// from what the departments report. Once the count reaches the quota the grant's fields are
// refused, naming the grant; at 80 % an alert is logged (without any personal value).
const GRANT = 'public-security-caseworker-persons';
const persons = (offset: number) => `{ persons(limit: 2, offset: ${offset}) { name } }`;

function setup(quota: GrantQuota) {
  const policies = loadPolicies();
  const logged: Record<string, unknown>[] = [];
  const events: string[] = [];
  const start = (redisUrl = 'redis://127.0.0.1:6379') =>
    startFederation({
      policies: {
        ...policies,
        grants: policies.grants.map((g) => (g.id === GRANT ? { ...g, quota } : g)),
      },
      redis: { url: redisUrl, prefix: `test-${randomUUID()}` },
      logger: pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) }),
      onQuotaEvent: (event, grantId) => events.push(`${event} ${grantId}`),
    });
  return { start, logged, events };
}

let caseworker: Record<string, string>;
beforeAll(async () => {
  caseworker = await as('caseworker', 'social-assistance-eligibility');
});

describe('grant quotas', () => {
  let federation: Federation | undefined;
  afterEach(() => federation?.stop());

  it('refuses the grant’s fields with GRANT_QUOTA_EXCEEDED once its persons per official are used up, after an alert at 80 %', async () => {
    const { start, logged, events } = setup({ personsPerOfficial: 5 });
    federation = await start();
    const statuses = [];
    for (const offset of [0, 2, 4]) {
      statuses.push((await federation.query(persons(offset), {}, caseworker)).status);
    }
    expect(statuses).toEqual([200, 200, 200]);
    expect(events).toEqual([`alert ${GRANT}`, `exhausted ${GRANT}`]);
    const alert = logged.find((l) => l.msg === 'grant quota at 80 %');
    expect(alert).toMatchObject({
      level: 40,
      grantId: GRANT,
      dimension: 'personsPerOfficial',
      persons: 4,
      max: 5,
      department: 'civil-affairs',
      role: 'caseworker',
    });
    // No official id and no person id in any log line.
    expect(JSON.stringify(logged)).not.toMatch(/"P[0-9A-Z]{8}"|sub|officialId/);

    const refused = await federation.query(persons(6), {}, caseworker);
    expect(refused).toEqual({
      status: 429,
      errors: [
        {
          message:
            `Grant ${GRANT} has disclosed 6 distinct persons today, its quota of 5 persons per ` +
            'official per day, so the fields it opens (Person.name) are refused. ' +
            'It starts afresh at midnight China Standard Time; ask the granting department for ' +
            'a larger quota if the work needs it.',
          extensions: {
            code: 'GRANT_QUOTA_EXCEEDED',
            grant: GRANT,
            quota: { dimension: 'personsPerOfficial', persons: 6, max: 5 },
            fields: ['Person.name'],
          },
        },
      ],
    });
    expect(events).toContain(`refused ${GRANT}`);
  });

  it('counts requests without a case number apart, and keeps counting in memory when Redis is down', async () => {
    const { start } = setup({ personsPerOfficial: 100, personsWithoutCaseNumber: 2 });
    federation = await start('redis://127.0.0.1:1');
    const withCase = { ...caseworker, 'x-case-number': 'MZ-2026-0001' };
    expect((await federation.query(persons(0), {}, caseworker)).status).toBe(200);
    const refused = await federation.query(persons(2), {}, caseworker);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'GRANT_QUOTA_EXCEEDED',
      quota: { dimension: 'personsWithoutCaseNumber', persons: 2, max: 2 },
    });
    expect((await federation.query(persons(2), {}, withCase)).status).toBe(200);
  });
});
