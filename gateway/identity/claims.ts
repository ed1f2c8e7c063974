import { z } from 'zod';
import type { Consumer } from '../../contracts/consumer';
import { unauthenticated } from './errors';

/** Department subgraph names and role names: lowercase words joined by hyphens. */
const NAME = /^[a-z][a-z0-9-]{0,62}$/;
/** Administrative division code (e.g. 510107 武侯区). */
const DISTRICT = /^\d{6}$/;

interface Rule {
  pattern: RegExp;
  says: string;
}

// Messages name the claim and the rule, never the value: claims may be personal.
function text(ifMissing: string, rule?: Rule) {
  const string = z
    .string({ error: (issue) => (issue.input === undefined ? ifMissing : 'must be a string') })
    .min(1, { error: 'must not be empty' })
    .max(128, { error: 'must be at most 128 characters' });
  return rule ? string.regex(rule.pattern, { error: rule.says }) : string;
}
const required = (kind: string, rule?: Rule) => text(`is required in ${kind} token`, rule);
const optional = (rule?: Rule) => text('must be a string', rule).optional();
const forbidden = (kind: string) =>
  z.never({ error: `must not appear in ${kind} token` }).optional();

const department = {
  pattern: NAME,
  says: "must be a department's subgraph name (e.g. 'civil-affairs')",
};
const role = { pattern: NAME, says: "must be a role name (e.g. 'caseworker')" };
const district = { pattern: DISTRICT, says: 'must be a 6-digit district code (e.g. 510107)' };

const common = { sub: required('every'), jurisdiction: optional(district), app: optional() };

const claimsSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      ...common,
      kind: z.literal('official'),
      dept: required('an official', department),
      role: required('an official', role),
      person: forbidden('an official'),
    }),
    z.object({
      ...common,
      kind: z.literal('citizen'),
      person: required('a citizen'),
      dept: forbidden('a citizen'),
      role: forbidden('a citizen'),
    }),
  ],
  { error: "must be 'official' or 'citizen'" },
);

/**
 * The consumer a verified token's claims describe; throws a 401 naming every malformed
 * claim (a citizen token must carry `person`, an official token `dept` and `role`).
 */
export function consumerFromClaims(payload: unknown): Consumer {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `'${issue.path.join('.')}' ${issue.message}`,
    );
    throw unauthenticated(
      `The bearer token's claims are malformed: ${problems.join('; ')}.`,
      'token-claims',
    );
  }
  const claims = parsed.data;
  return Object.freeze({
    kind: claims.kind,
    id: claims.sub,
    department: claims.kind === 'official' ? claims.dept : null,
    role: claims.kind === 'official' ? claims.role : null,
    jurisdiction: claims.jurisdiction ?? null,
    application: claims.app ?? null,
    personId: claims.kind === 'citizen' ? claims.person : null,
  });
}
