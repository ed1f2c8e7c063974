import { UsageError } from '../command';

/** Option values as parseArgs returns them. */
export type Values = Record<string, string | boolean | string[] | undefined>;

/** One `request <step>`: its GraphQL operation and how the command line fills it. */
export interface RequestStep {
  readonly summary: string;
  readonly operation: string;
  /** Whether the step takes the request number as its argument. */
  readonly numbered: boolean;
  variables(values: Values, number: string | undefined): Record<string, unknown>;
  /** A second operation built from the first one's data (its data is merged in the output). */
  follow?(data: Record<string, unknown>): {
    operation: string;
    variables: Record<string, unknown>;
  };
}

/** A provider's reach field as the data bureau names it (kit sharingReachField), nothing else. */
const REACH_FIELD = /^[a-z][A-Za-z0-9]*SharingReach$/;

const REQUEST = `number state requester provider purpose replyDue workingDaysLeft overdue returned
  missing extensionDays approvedFields { coordinate access } refusalReason refusalExplanation
  shareBy grantId revision disputeStage disposalDue`;
const CHANGE = `request { ${REQUEST} } receipt { revision committedAt inForceEverywhereAt live lagging }`;

const text = (values: Values, key: string): string => {
  const value = values[key];
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`--${key} is required.`);
  return value;
};
const list = (values: Values, key: string): string[] => (values[key] as string[] | undefined) ?? [];

/** The one flag of `flags` given, as an enum value (approve-in-part → APPROVE_IN_PART). */
function oneOf(values: Values, flags: readonly string[], verb: string): string {
  const chosen = flags.filter((k) => values[k] === true);
  if (chosen.length !== 1)
    throw new UsageError(`${verb} with one of ${flags.map((f) => `--${f}`).join(', ')}.`);
  return chosen[0]!.toUpperCase().replace(/-/g, '_');
}

/** --field Type.field or Type.field:masked, repeated. */
function fields(values: Values) {
  return list(values, 'field').map((f) => {
    const [coordinate, access] = f.split(':');
    return { coordinate, access: access === 'masked' ? 'MASKED' : 'FULL' };
  });
}

/** --row Type.field=value, repeated. */
function rows(values: Values) {
  return list(values, 'row').map((r) => {
    const [coordinate = '', value = ''] = r.split('=');
    const [type, field] = coordinate.split('.');
    if (!type || !field || !value)
      throw new UsageError('--row is Type.field=value, e.g. Person.districtCode=$jurisdiction.');
    return { type, field, value };
  });
}

const closing = (mutation: string, summary: string): RequestStep => ({
  summary,
  numbered: true,
  operation: `mutation($n: ID!, $reason: String!) { ${mutation}(number: $n, reason: $reason) { ${CHANGE} } }`,
  variables: (v, n) => ({ n, reason: text(v, 'reason') }),
});

/** Every step, by its name on the command line. */
export const STEPS: Readonly<Record<string, RequestStep>> = {
  submit: {
    summary:
      'file a request: --provider --for <purpose> --legal-basis --scenario --scope --period-end --consent --field ... [--method] [--row ...] [--role]',
    numbered: false,
    operation: `mutation($input: SubmitSharingRequestInput!) { submitSharingRequest(input: $input) { ${REQUEST} } }`,
    variables: (v) => ({
      input: {
        provider: text(v, 'provider'),
        consumerRole: v.role ?? null,
        purpose: text(v, 'for'),
        legalBasis: text(v, 'legal-basis'),
        scenario: text(v, 'scenario'),
        scope: text(v, 'scope'),
        method: v.method ?? 'INTERFACE',
        periodEnd: text(v, 'period-end'),
        consent: text(v, 'consent'),
        fields: fields(v),
        rows: rows(v),
      },
    }),
  },
  return: {
    summary: 'return for supplement, once: --missing ... (repeat)',
    numbered: true,
    operation: `mutation($n: ID!, $m: [String!]!) { returnSharingRequest(number: $n, missing: $m) { ${REQUEST} } }`,
    variables: (v, n) => ({ n, m: list(v, 'missing') }),
  },
  supplement: {
    summary: 'supply what was missing: --note',
    numbered: true,
    operation: `mutation($n: ID!, $note: String!) { supplementSharingRequest(number: $n, note: $note) { ${REQUEST} } }`,
    variables: (v, n) => ({ n, note: text(v, 'note') }),
  },
  extend: {
    summary: 'ask the data authority for an extension: --days (at most 10) --reason',
    numbered: true,
    operation: `mutation($n: ID!, $d: Int!, $reason: String!) { requestSharingExtension(number: $n, workingDays: $d, reason: $reason) { ${REQUEST} } }`,
    variables: (v, n) => ({ n, d: Number(text(v, 'days')), reason: text(v, 'reason') }),
  },
  'decide-extension': {
    summary: 'the data authority decides an extension: --approve or not, --reason',
    numbered: true,
    operation: `mutation($n: ID!, $a: Boolean!, $reason: String!) { decideSharingExtension(number: $n, approve: $a, reason: $reason) { ${REQUEST} } }`,
    variables: (v, n) => ({ n, a: v.approve === true, reason: text(v, 'reason') }),
  },
  reply: {
    summary:
      'reply: --approve | --approve-in-part --field ... | --refuse --reason CODE --explanation',
    numbered: true,
    operation: `mutation($input: ReplySharingRequestInput!) { replySharingRequest(input: $input) { ${CHANGE} } }`,
    variables: (v, n) => {
      const reply = oneOf(v, ['approve', 'approve-in-part', 'refuse'], 'Reply');
      return {
        input: {
          number: n,
          reply,
          ...(reply === 'APPROVE_IN_PART' && { fields: fields(v) }),
          ...(reply === 'REFUSE' && {
            reason: v.reason ?? null,
            explanation: v.explanation ?? null,
          }),
        },
      };
    },
  },
  dispute: {
    summary: 'open a dispute (art. 28): --reason',
    numbered: true,
    operation: `mutation($n: ID!, $reason: String!) { openSharingDispute(number: $n, reason: $reason) { ${REQUEST} } }`,
    variables: (v, n) => ({ n, reason: text(v, 'reason') }),
  },
  advance: {
    summary: 'move a dispute on: --note',
    numbered: true,
    operation: `mutation($n: ID!, $note: String!) { advanceSharingDispute(number: $n, note: $note) { ${REQUEST} } }`,
    variables: (v, n) => ({ n, note: text(v, 'note') }),
  },
  'decide-dispute': {
    summary:
      'the data authority decides a dispute (art. 28): --uphold | --approve | --approve-in-part --field ..., --note',
    numbered: true,
    operation: `mutation($input: DecideSharingDisputeInput!) { decideSharingDispute(input: $input) { ${CHANGE} } }`,
    variables: (v, n) => {
      const outcome = oneOf(v, ['uphold', 'approve', 'approve-in-part'], 'Decide');
      return {
        input: {
          number: n,
          outcome,
          ...(outcome === 'APPROVE_IN_PART' && { fields: fields(v) }),
          note: text(v, 'note'),
        },
      };
    },
  },
  narrow: {
    summary:
      'provider: narrow an approved grant and file it with the data authority (备案): [--field ...] [--row ...] --reason',
    numbered: true,
    operation: `mutation($input: FileSharingNarrowingInput!) { fileSharingNarrowing(input: $input) { ${CHANGE} } }`,
    variables: (v, n) => ({
      input: { number: n, fields: fields(v), rows: rows(v), reason: text(v, 'reason') },
    }),
  },
  suspend: closing('suspendSharing', 'suspend the right at once, with a receipt: --reason'),
  resume: closing('resumeSharing', 'resume a suspended right: --reason'),
  terminate: closing('terminateSharing', 'terminate the right: --reason'),
  dispose: {
    summary: 'confirm disposal of the data: --method',
    numbered: true,
    operation: `mutation($n: ID!, $m: String!) { confirmSharingDisposal(number: $n, method: $m) { ${REQUEST} } }`,
    variables: (v, n) => ({ n, m: text(v, 'method') }),
  },
  show: {
    summary: 'one request with its timeline',
    numbered: true,
    operation: `query($n: ID!) { sharingRequest(number: $n) { ${REQUEST} timeline { seq kind actorDepartment at detail hash } } }`,
    variables: (_, n) => ({ n }),
  },
  inbox: {
    summary: 'your inbox: --role requester|provider|authority [--state] [--overdue]',
    numbered: false,
    operation: `query($r: SharingRole!, $s: SharingRequestState, $o: Boolean) { sharingRequests(role: $r, state: $s, overdue: $o) { ${REQUEST} } }`,
    variables: (v) => ({
      r: text(v, 'role').toUpperCase(),
      s: v.state ?? null,
      o: v.overdue === true ? true : null,
    }),
  },
  impact: {
    summary:
      'preview what approving would open (fields, denied attempts, the diff) and the distinct persons, counted by the provider: [--days]',
    numbered: true,
    operation: `query($n: ID!, $d: Int) { sharingImpact(number: $n, days: $d) { opens deniedAttempts diff fields rows reachField } }`,
    variables: (v, n) => ({ n, d: v.days === undefined ? null : Number(v.days) }),
    follow: (data) => {
      const impact = data.sharingImpact as
        { fields: string[]; rows: string[]; reachField: string } | null | undefined;
      if (!impact || !REACH_FIELD.test(impact.reachField)) {
        throw new Error(
          `The data bureau named no reach field of the provider: ${impact?.reachField}.`,
        );
      }
      return {
        operation: `query($f: [String!]!, $r: [String!]) { persons: ${impact.reachField}(fields: $f, rows: $r) }`,
        variables: { f: impact.fields, r: impact.rows },
      };
    },
  },
};
