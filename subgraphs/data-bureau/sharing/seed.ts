import { GENESIS_HASH } from '../../../records/record';
import type { LoadTable } from '../../kit';
import { replyDue, shareBy } from './clock';
import { eventHash } from './events';
import { grantIdOf } from './grant';
import type { SharingState } from './states';

/** A seeded request: who asks whom for what, where it stands, and its steps. */
interface Example {
  state: SharingState;
  requester: [department: string, role: string];
  provider: string;
  purpose: string;
  fields: string[];
  periodEnd: string;
  /** Beijing date filed. */
  filed: string;
  steps: [kind: string, byRequester: boolean, detail: Record<string, unknown>][];
  patch?: Record<string, unknown>;
}

const INCOME = ['Person.annualIncomes', 'PersonalIncome.year', 'PersonalIncome.amount'];
const VACCINES = ['Person.vaccinations', 'Vaccination.vaccine', 'Vaccination.dose'];
const REFUSE = { reply: 'REFUSE', reason: 'NOT_NECESSARY', explanation: '所列用途无需该数据项' };

/** A few requests in each state, filed in the weeks before the city's reference date. */
const EXAMPLES: Example[] = [
  {
    state: 'SUBMITTED',
    requester: ['hotline', 'dispatcher'],
    provider: 'tax',
    purpose: 'appeal-handling',
    fields: INCOME,
    periodEnd: '2027-12-31',
    filed: '2026-10-28',
    steps: [],
  },
  {
    state: 'SUBMITTED',
    requester: ['civil-affairs', 'caseworker'],
    provider: 'health',
    purpose: 'social-assistance-eligibility',
    fields: VACCINES,
    periodEnd: '2027-06-30',
    filed: '2026-10-12',
    steps: [],
  },
  {
    state: 'RETURNED',
    requester: ['market-regulation', 'inspector'],
    provider: 'tax',
    purpose: 'market-supervision',
    fields: INCOME,
    periodEnd: '2027-12-31',
    filed: '2026-10-20',
    steps: [['return', false, { missing: ['主要负责人同意文件'] }]],
    patch: { returned: true, missing: ['主要负责人同意文件'] },
  },
  {
    state: 'EXTENSION_REQUESTED',
    requester: ['civil-affairs', 'caseworker'],
    provider: 'tax',
    purpose: 'social-assistance-eligibility',
    fields: ['Person.annualIncomes'],
    periodEnd: '2027-12-31',
    filed: '2026-10-22',
    steps: [['request-extension', false, { workingDays: 5, reason: '需要开展安全评估' }]],
    patch: { extensionDays: 5 },
  },
  {
    state: 'APPROVED',
    requester: ['hotline', 'dispatcher'],
    provider: 'health',
    purpose: 'appeal-handling',
    fields: VACCINES,
    periodEnd: '2027-06-30',
    filed: '2026-09-15',
    steps: [['reply', false, { reply: 'APPROVE' }]],
  },
  {
    state: 'REFUSED',
    requester: ['market-regulation', 'inspector'],
    provider: 'health',
    purpose: 'market-supervision',
    fields: VACCINES,
    periodEnd: '2027-06-30',
    filed: '2026-09-20',
    steps: [['reply', false, REFUSE]],
    patch: { refusalCode: 'NOT_NECESSARY', refusalExplanation: REFUSE.explanation },
  },
  {
    state: 'REFUSED',
    requester: ['hotline', 'dispatcher'],
    provider: 'tax',
    purpose: 'appeal-handling',
    fields: INCOME,
    periodEnd: '2027-06-30',
    filed: '2026-09-10',
    steps: [
      ['reply', false, REFUSE],
      ['open-dispute', true, { reason: '诉求办理确需核实收入', stage: 'NEGOTIATION' }],
    ],
    patch: {
      refusalCode: 'NOT_NECESSARY',
      refusalExplanation: REFUSE.explanation,
      disputeStage: 'NEGOTIATION',
    },
  },
  {
    state: 'SUSPENDED',
    requester: ['evaluation', 'officer'],
    provider: 'health',
    purpose: 'service-evaluation',
    fields: VACCINES,
    periodEnd: '2027-06-30',
    filed: '2026-08-03',
    steps: [
      ['reply', false, { reply: 'APPROVE' }],
      ['suspend', false, { reason: '超出批准范围使用' }],
    ],
  },
  {
    state: 'TERMINATED',
    requester: ['hotline', 'dispatcher'],
    provider: 'human-resources',
    purpose: 'appeal-handling',
    fields: ['Person.employmentStatus'],
    periodEnd: '2027-06-30',
    filed: '2026-07-01',
    steps: [
      ['reply', false, { reply: 'APPROVE' }],
      ['terminate', false, { reason: '用途已结束' }],
    ],
  },
  {
    state: 'APPROVED',
    requester: ['civil-affairs', 'caseworker'],
    provider: 'human-resources',
    purpose: 'social-assistance-eligibility',
    fields: ['Person.employmentStatus'],
    periodEnd: '2026-10-31',
    filed: '2026-05-06',
    steps: [['reply', false, { reply: 'APPROVE' }]],
  },
  {
    state: 'DISPOSED',
    requester: ['market-regulation', 'inspector'],
    provider: 'human-resources',
    purpose: 'market-supervision',
    fields: ['Person.employmentStatus'],
    periodEnd: '2026-09-30',
    filed: '2026-03-02',
    steps: [
      ['reply', false, { reply: 'APPROVE' }],
      ['confirm-disposal', true, { method: '已删除本地副本' }],
    ],
  },
];

const at = (day: string, hour: number) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();

/**
 * Seeds the examples (numbers SHR90000001 on, apart from those the desk issues) and their
 * hash-chained events. Approved examples name the grant an approval would write; the policy
 * files do not hold it, so under POLICY_SOURCE=files it is not in force.
 */
export async function seedSharingRequests(load: LoadTable): Promise<void> {
  const requests: (string | number | boolean | null)[][] = [];
  const events: (string | number | null)[][] = [];
  let prevHash = GENESIS_HASH;
  EXAMPLES.forEach((e, i) => {
    const number = `SHR${90_000_001 + i}`;
    const fields = e.fields.map((coordinate) => ({ coordinate, access: 'full' }));
    const approved = e.steps.some(([, , d]) => d.reply === 'APPROVE');
    const p = e.patch ?? {};
    requests.push([
      number,
      e.requester[0],
      e.requester[1],
      `${e.requester[0]}-agency`,
      e.provider,
      e.purpose,
      '《政务数据共享条例》第二十条',
      '示例：共享申请',
      '示例：本部门业务范围',
      'INTERFACE',
      e.periodEnd,
      `示例函〔2026〕${i + 1}号`,
      JSON.stringify(fields),
      '{}',
      'CONDITIONAL',
      e.state,
      at(e.filed, 10),
      e.filed,
      replyDue(e.filed, 'CONDITIONAL'),
      (p.returned as boolean) ?? false,
      p.missing ? JSON.stringify(p.missing) : null,
      (p.extensionDays as number) ?? null,
      approved ? JSON.stringify(fields) : null,
      (p.refusalCode as string) ?? null,
      (p.refusalExplanation as string) ?? null,
      approved ? shareBy(e.filed) : null,
      approved ? grantIdOf(number) : null,
      (p.disputeStage as string) ?? null,
      at(e.filed, 10),
    ]);
    const steps: [string, boolean, Record<string, unknown>][] = [
      ['submit', true, { provider: e.provider, fields, purpose: e.purpose }],
      ...e.steps,
    ];
    steps.forEach(([kind, byRequester, detail], j) => {
      const event = {
        seq: events.length + 1,
        number,
        kind,
        actor: `${byRequester ? e.requester[0] : e.provider}-agency`,
        actorDepartment: byRequester ? e.requester[0] : e.provider,
        at: at(e.filed, 10 + j),
        detail,
        prevHash,
      };
      const hash = eventHash(event);
      events.push([
        event.seq,
        number,
        kind,
        event.actor,
        event.actorDepartment,
        event.at,
        JSON.stringify(detail),
        prevHash,
        hash,
      ]);
      prevHash = hash;
    });
  });
  await load(
    'sharing_request',
    [
      'number',
      'requester',
      'requester_role',
      'requested_by',
      'provider',
      'purpose',
      'legal_basis',
      'scenario',
      'scope',
      'method',
      'period_end',
      'consent',
      'fields',
      'rows',
      'sharing_class',
      'state',
      'submitted_at',
      'clock_start',
      'reply_due',
      'returned',
      'missing',
      'extension_days',
      'approved_fields',
      'refusal_code',
      'refusal_explanation',
      'share_by',
      'grant_id',
      'dispute_stage',
      'updated_at',
    ],
    requests,
  );
  await load(
    'sharing_request_event',
    ['seq', 'number', 'kind', 'actor', 'actor_department', 'at', 'detail', 'prev_hash', 'hash'],
    events,
  );
}
