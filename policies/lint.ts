import { describeGrantConsumer } from './consumers';
import { expiryInstant } from './expiry';
import { findLinkage } from './linkage';
import { unownedReason } from './explain';
import { fieldsByType } from './openings';
import { isPlaceholder } from './placeholders';
import { lintQuota } from './quota-lint';
import { isCitizenGrant, type Grant, type PolicySet, type RowValue } from './policy-set';
import type { Classification } from './types';

/** One problem in the policy files. */
export interface LintFinding {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  /** The grant at fault; null for the purpose catalogue. */
  readonly grantId: string | null;
  readonly message: string;
}

/**
 * Checks policies against the graph's classification: unknown types, fields and purposes,
 * fields granted by a department that does not own them, NONE fields granted outside their
 * owner, sensitive fields without legal basis or expiry, expired or malformed expiry dates,
 * row conditions on fields the type does not have or with placeholders that never resolve,
 * masked fields that what else the same consumer reads would rebuild (linkage.ts), and
 * quotas that count nothing or never bind (quota-lint.ts).
 */
export function lintPolicies(
  policies: PolicySet,
  classification: Classification,
  now: Date,
): LintFinding[] {
  const findings: LintFinding[] = [];
  const purposes = new Set<string>();
  for (const purpose of policies.purposes) {
    if (purposes.has(purpose.code)) {
      findings.push({
        severity: 'error',
        file: 'purposes.yaml',
        grantId: null,
        message: `Purpose '${purpose.code}' is listed twice; remove one.`,
      });
    }
    purposes.add(purpose.code);
  }
  const ids = new Set<string>();
  for (const grant of policies.grants) {
    const report = (severity: LintFinding['severity'], message: string) =>
      findings.push({ severity, file: grant.file, grantId: grant.id, message });
    if (ids.has(grant.id)) {
      report('error', `Grant id '${grant.id}' is used more than once; give each grant its own id.`);
    }
    ids.add(grant.id);
    for (const code of grant.purposes) {
      if (!purposes.has(code)) {
        report(
          'error',
          `Purpose '${code}' is not in the purpose catalogue; add it to purposes.yaml or list a catalogued purpose.`,
        );
      }
    }
    lintExpiry(grant, now, report);
    lintFields(grant, classification, report);
    lintRows(grant, classification, report);
    lintQuota(grant, classification, report);
  }
  for (const { grantIds, message } of findLinkage(policies, classification, now)) {
    for (const grant of policies.grants.filter((g) => grantIds.includes(g.id))) {
      findings.push({ severity: 'error', file: grant.file, grantId: grant.id, message });
    }
  }
  return findings;
}

type Report = (severity: LintFinding['severity'], message: string) => void;

function lintExpiry(grant: Grant, now: Date, report: Report): void {
  const end = expiryInstant(grant.expires);
  if (Number.isNaN(end)) {
    report(
      'error',
      `expires '${grant.expires}' is not an ISO date; write the last day the grant applies, e.g. 2027-06-30.`,
    );
  } else if (now.getTime() >= end) {
    report(
      'warning',
      `The grant expired on ${grant.expires} and no longer applies; renew it with a new date or remove it.`,
    );
  }
}

function lintFields(grant: Grant, classification: Classification, report: Report): void {
  const ownOfficials =
    !isCitizenGrant(grant.consumer) && grant.consumer.department === grant.provider;
  let sensitive: string | null = null;
  for (const [type, entries] of Object.entries(grant.fields)) {
    const fields = fieldsByType(classification).get(type);
    if (!fields) {
      report(
        'error',
        `${type} is not a type of the graph; check the spelling against schema/*.graphql.`,
      );
      continue;
    }
    const owned = fields.filter(
      (f) => classification.get(`${type}.${f}`)?.owner === grant.provider,
    );
    if (entries['*'] !== undefined && owned.length === 0) {
      report(
        'error',
        `'*' on ${type} opens nothing: ${grant.provider} owns no field of ${type}; name fields ${grant.provider} owns, or remove the entry.`,
      );
    }
    const named = Object.keys(entries).filter((f) => f !== '*');
    for (const field of new Set([...(entries['*'] !== undefined ? owned : []), ...named])) {
      const coordinate = `${type}.${field}`;
      const label = classification.get(coordinate);
      const access = entries[field] ?? entries['*'];
      if (!label) {
        report(
          'error',
          `${coordinate} is not a field of the graph; check the spelling against schema/*.graphql.`,
        );
      } else if (label.owner === null) {
        report('error', unownedReason(coordinate));
      } else if (label.owner !== grant.provider) {
        report(
          'error',
          `${coordinate} is owned by ${label.owner}, not ${grant.provider}: only the owner grants its fields; move this entry to grants/${label.owner}.yaml.`,
        );
      } else {
        if (label.sharing === 'NONE' && !ownOfficials) {
          report(
            'error',
            `${coordinate} is NONE (不予共享) and may not be granted to ${describeGrantConsumer(grant.consumer)}; only ${label.owner}'s own officials may read it.`,
          );
        }
        if (access === 'masked' && label.mask === 'NONE') {
          report(
            'warning',
            `${coordinate} has no masking style, so 'masked' shows it in full; grant it 'full' or not at all.`,
          );
        }
        if (label.pi === 'SENSITIVE') sensitive ??= coordinate;
      }
    }
  }
  if (sensitive && !grant.legalBasis) {
    report(
      'error',
      `The grant opens sensitive personal information (${sensitive}) without a legalBasis; state the law that allows the disclosure.`,
    );
  }
  if (sensitive && !grant.expires) {
    report(
      'error',
      `The grant opens sensitive personal information (${sensitive}) without expires; give it an end date.`,
    );
  }
}

function lintRows(grant: Grant, classification: Classification, report: Report): void {
  for (const [type, rows] of Object.entries(grant.rows ?? {})) {
    const fields = fieldsByType(classification).get(type);
    if (!fields) {
      report(
        'error',
        `Row conditions name ${type}, which is not a type of the graph; check the spelling.`,
      );
      continue;
    }
    if (!(type in grant.fields)) {
      report(
        'warning',
        `Row conditions on ${type} have no effect: the grant opens no field of ${type}.`,
      );
    }
    for (const [field, value] of Object.entries(rows)) {
      if (!fields.includes(field)) {
        report(
          'error',
          `Row condition on ${type}.${field}: ${type} has no field ${field}; use one of: ${fields.join(', ')}.`,
        );
      }
      for (const placeholder of placeholdersIn(value)) {
        const never = isCitizenGrant(grant.consumer)
          ? placeholder !== '$personId'
          : placeholder === '$personId';
        if (!isPlaceholder(placeholder)) {
          report(
            'error',
            `Row condition on ${type}.${field} uses unknown placeholder ${placeholder}; use $jurisdiction, $personId or $department.`,
          );
        } else if (never) {
          report(
            'error',
            `Row condition on ${type}.${field} uses ${placeholder}, which ${describeGrantConsumer(grant.consumer)} never has, so the grant never applies; use a placeholder that consumer has.`,
          );
        }
      }
    }
  }
}

function placeholdersIn(value: RowValue): string[] {
  const values = typeof value === 'object' ? value.$in : [value];
  return values.filter((v): v is string => typeof v === 'string' && v.startsWith('$'));
}
