import { isCitizenGrant, type GrantConsumer } from './policy-set';
import type { Consumer } from './types';

/** Whether a grant's consumer clause covers this consumer (department, role and application when named). */
export function grantIsFor(clause: GrantConsumer, consumer: Consumer): boolean {
  if (isCitizenGrant(clause)) return consumer.kind === 'citizen';
  return (
    consumer.kind === 'official' &&
    consumer.department === clause.department &&
    consumer.role === clause.role &&
    (clause.application === undefined || consumer.application === clause.application)
  );
}

/** How messages name a consumer: 'civil-affairs/caseworker', 'citizen', 'anonymous caller'. Never personal data. */
export function describeConsumer(consumer: Consumer): string {
  switch (consumer.kind) {
    case 'official': {
      const who = `${consumer.department ?? '(no department)'}/${consumer.role ?? '(no role)'}`;
      return consumer.application ? `${who} (application ${consumer.application})` : who;
    }
    case 'citizen':
      return 'citizen';
    case 'anonymous':
      return 'anonymous caller';
    default:
      return unreachable(consumer.kind);
  }
}

/** How messages name a grant's consumer clause. */
export function describeGrantConsumer(clause: GrantConsumer): string {
  if (isCitizenGrant(clause)) return 'citizen';
  const who = `${clause.department}/${clause.role}`;
  return clause.application ? `${who} (application ${clause.application})` : who;
}

/** A key that identifies everything about a consumer the policies look at. */
export function consumerKey(consumer: Consumer): string {
  return JSON.stringify([
    consumer.kind,
    consumer.id,
    consumer.department,
    consumer.role,
    consumer.jurisdiction,
    consumer.application,
    consumer.personId,
  ]);
}

function unreachable(value: never): never {
  throw new Error(`Unexpected consumer kind: ${String(value)}`);
}
