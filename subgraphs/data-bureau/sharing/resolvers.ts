import { badInput, page, type DepartmentContext } from '../../kit';
import type { Loaders } from '../loaders';
import { governance } from '../policies/deployment';
import { accessName } from '../policies/shapes';
import { awaitsReply, effectiveState, replyDue, today, workingDaysLeft } from './clock';
import { appendEvent, timelines, verifyEvents } from './events';
import {
  reasonArg,
  requestNumberArg,
  submissionArg,
  type FieldInput,
  type RequestedField,
  type SubmitInput,
} from './input';
import {
  decideClosing,
  decideDispute,
  decideDisputeDecision,
  decideDisputeStep,
  decideExtension,
  decideExtensionRequest,
  decideResume,
  decideReturn,
  decideSupplement,
} from './lifecycle';
import { livePolicies } from '../policies/live';
import { decideNarrowing, type NarrowingInput } from './filing';
import { sharingImpact } from './impact';
import { agencyOfficial } from './parties';
import { decideReply, type ReplyInput } from './reply';
import type { DisputeOutcome } from './states';
import { takeStep } from './steps';
import { findRequest, insertRequest, listRequests, type SharingRequestRow } from './store';

type Context = DepartmentContext<Loaders>;
type Role = 'REQUESTER' | 'PROVIDER' | 'AUTHORITY';

interface DisputeDecisionInput {
  number: string;
  outcome: DisputeOutcome;
  fields?: FieldInput[] | null;
  note: string;
}

interface ListArgs {
  role: Role;
  state?: string | null;
  overdue?: boolean | null;
  limit?: number | null;
  offset?: number | null;
}

const reason = (value: string, argument = 'reason') =>
  reasonArg(argument, value, 'say why, in a sentence');

function isOverdue(r: SharingRequestRow, now: Date): boolean {
  return awaitsReply(r.state) && r.replyDue < today(now);
}

const fieldsOut = (fields: RequestedField[] | null) =>
  fields?.map((f) => ({ coordinate: f.coordinate, access: accessName(f.access) })) ?? null;

/** Sharing requests (《政务数据共享条例》 art. 20-28) through the graph. */
export const sharingResolvers = {
  Query: {
    sharingRequest: (_: unknown, args: { number: string }, ctx: Context) =>
      findRequest(ctx.db, ctx.caller, requestNumberArg(args.number)),
    sharingRequests: async (_: unknown, args: ListArgs, ctx: Context) => {
      const official = agencyOfficial(ctx.caller);
      const now = new Date();
      const rows = await listRequests(ctx.db, ctx.caller, {
        column:
          args.role === 'AUTHORITY' ? null : args.role === 'REQUESTER' ? 'requester' : 'provider',
        value: official.department,
        state: args.state ?? null,
        today: today(now),
        page: page(args),
      });
      return args.overdue == null ? rows : rows.filter((r) => isOverdue(r, now) === args.overdue);
    },
    sharingEventChain: (_: unknown, __: unknown, ctx: Context) => verifyEvents(ctx.db),
    sharingImpact: (_: unknown, args: { number: string; days?: number | null }, ctx: Context) =>
      sharingImpact(ctx.db, ctx.caller, requestNumberArg(args.number), args.days ?? 30),
  },
  Mutation: {
    submitSharingRequest: async (_: unknown, { input }: { input: SubmitInput }, ctx: Context) => {
      const official = agencyOfficial(ctx.caller);
      const now = new Date();
      const live = await livePolicies(ctx.db, now);
      const purposes = (live?.policies ?? governance.policies).purposes.map((p) => p.code);
      const checked = submissionArg(input, governance.classification, purposes, now);
      if (checked.provider === official.department) {
        throw badInput(
          'input.provider',
          'A department does not file a sharing request for its own data: name another department as input.provider.',
        );
      }
      const start = today(now);
      const number = await ctx.db.transaction(async (client) => {
        const created = await insertRequest(
          client,
          {
            ...checked,
            requester: official.department,
            requesterRole: checked.consumerRole ?? official.role,
            requestedBy: official.id,
          },
          now,
          start,
          replyDue(start, checked.sharingClass),
        );
        await appendEvent(client, {
          number: created,
          kind: 'submit',
          actor: official.id,
          actorDepartment: official.department,
          at: now,
          detail: { provider: checked.provider, fields: checked.fields, purpose: checked.purpose },
        });
        return created;
      });
      return findRequest(ctx.db, ctx.caller, number);
    },
    returnSharingRequest: async (
      _: unknown,
      a: { number: string; missing: string[] },
      ctx: Context,
    ) =>
      (
        await takeStep(ctx, requestNumberArg(a.number), 'return', async (r) =>
          decideReturn(r, a.missing),
        )
      ).request,
    supplementSharingRequest: async (
      _: unknown,
      a: { number: string; note: string },
      ctx: Context,
    ) =>
      (
        await takeStep(ctx, requestNumberArg(a.number), 'supplement', async (r) =>
          decideSupplement(r, reason(a.note, 'note'), new Date()),
        )
      ).request,
    requestSharingExtension: async (
      _: unknown,
      a: { number: string; workingDays: number; reason: string },
      ctx: Context,
    ) =>
      (
        await takeStep(ctx, requestNumberArg(a.number), 'request-extension', async (r) =>
          decideExtensionRequest(r, a.workingDays, reason(a.reason)),
        )
      ).request,
    decideSharingExtension: async (
      _: unknown,
      a: { number: string; approve: boolean; reason: string },
      ctx: Context,
    ) =>
      (
        await takeStep(ctx, requestNumberArg(a.number), 'decide-extension', async (r) =>
          decideExtension(r, a.approve, reason(a.reason)),
        )
      ).request,
    replySharingRequest: (_: unknown, { input }: { input: ReplyInput }, ctx: Context) =>
      takeStep(ctx, requestNumberArg(input.number, 'input.number'), 'reply', async (r) =>
        decideReply(agencyOfficial(ctx.caller), r, input, new Date()),
      ),
    openSharingDispute: async (_: unknown, a: { number: string; reason: string }, ctx: Context) =>
      (
        await takeStep(ctx, requestNumberArg(a.number), 'open-dispute', async (r) =>
          decideDispute(r, reason(a.reason)),
        )
      ).request,
    advanceSharingDispute: async (_: unknown, a: { number: string; note: string }, ctx: Context) =>
      (
        await takeStep(ctx, requestNumberArg(a.number), 'advance-dispute', async (r, parties) =>
          decideDisputeStep(r, parties, reason(a.note, 'note')),
        )
      ).request,
    decideSharingDispute: (_: unknown, { input }: { input: DisputeDecisionInput }, ctx: Context) =>
      takeStep(ctx, requestNumberArg(input.number, 'input.number'), 'decide-dispute', async (r) =>
        decideDisputeDecision(
          agencyOfficial(ctx.caller),
          r,
          { outcome: input.outcome, fields: input.fields, note: reason(input.note, 'input.note') },
          new Date(),
        ),
      ),
    fileSharingNarrowing: (_: unknown, { input }: { input: NarrowingInput }, ctx: Context) =>
      takeStep(ctx, requestNumberArg(input.number, 'input.number'), 'file-narrowing', async (r) =>
        decideNarrowing(agencyOfficial(ctx.caller), r, input, reason(input.reason, 'input.reason')),
      ),
    suspendSharing: (_: unknown, a: { number: string; reason: string }, ctx: Context) =>
      takeStep(ctx, requestNumberArg(a.number), 'suspend', async (r) =>
        decideClosing(ctx.caller.consumer.id, r, 'SUSPENDED', reason(a.reason)),
      ),
    resumeSharing: (_: unknown, a: { number: string; reason: string }, ctx: Context) =>
      takeStep(ctx, requestNumberArg(a.number), 'resume', async (r) =>
        decideResume(ctx.caller.consumer.id, r, reason(a.reason)),
      ),
    terminateSharing: (_: unknown, a: { number: string; reason: string }, ctx: Context) =>
      takeStep(ctx, requestNumberArg(a.number), 'terminate', async (r) =>
        decideClosing(ctx.caller.consumer.id, r, 'TERMINATED', reason(a.reason)),
      ),
    confirmSharingDisposal: async (
      _: unknown,
      a: { number: string; method: string },
      ctx: Context,
    ) =>
      (
        await takeStep(ctx, requestNumberArg(a.number), 'confirm-disposal', async () => {
          const method = reason(a.method, 'method');
          return { patch: { state: 'DISPOSED', disposalMethod: method }, detail: { method } };
        })
      ).request,
  },
  SharingChange: {
    receipt: (change: { receipt: Record<string, unknown> | null }) =>
      change.receipt && {
        ...change.receipt,
        live: (change.receipt.live as { replica: string }[]).map((l) => l.replica),
        lagging: (change.receipt.lagging as { replica: string }[]).map((l) => l.replica),
      },
  },
  SharingRequest: {
    state: (r: SharingRequestRow) => effectiveState(r.state, r.periodEnd, new Date()),
    submittedAt: (r: SharingRequestRow) => new Date(r.submittedAt).toISOString(),
    fields: (r: SharingRequestRow) => fieldsOut(r.fields),
    approvedFields: (r: SharingRequestRow) => fieldsOut(r.approvedFields),
    rows: (r: SharingRequestRow) =>
      Object.entries(r.rows).flatMap(([type, conditions]) =>
        Object.entries(conditions).map(([field, value]) => ({ type, field, value, anyOf: null })),
      ),
    refusalReason: (r: SharingRequestRow) => r.refusalCode,
    workingDaysLeft: (r: SharingRequestRow) =>
      awaitsReply(r.state) ? workingDaysLeft(r.replyDue, new Date()) : null,
    overdue: (r: SharingRequestRow) => isOverdue(r, new Date()),
    disposalDue: (r: SharingRequestRow) => {
      const state = effectiveState(r.state, r.periodEnd, new Date());
      return state === 'TERMINATED' || state === 'EXPIRED';
    },
    timeline: async (r: SharingRequestRow, _: unknown, ctx: Context) =>
      ((await timelines(ctx.db, [r.number])).get(r.number) ?? []).map((e) => ({
        ...e,
        detail: JSON.stringify(e.detail),
      })),
  },
};
