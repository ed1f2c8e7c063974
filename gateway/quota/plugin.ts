import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors';
import type { GrantQuota } from '../../policies';
import { planOf } from '../authorization/plugin';
import type { GatewayContext } from '../context';
import type { Logger } from '../logger';
import type { QuotaCounts } from './counts';
import { quotaCounts, secondsToNextDay, type QuotaCount } from './dimensions';

/** Share of a quota at which an alert is logged (and counted), once per count and day. */
export const QUOTA_ALERT_RATIO = 0.8;
/** Seconds a day's count is kept: the day and a margin for clocks. */
const COUNT_TTL_SEC = 2 * 24 * 60 * 60;

/** Told when a quota crosses QUOTA_ALERT_RATIO or is used up, and when a request is refused. */
export type QuotaEvent = 'alert' | 'exhausted' | 'refused';

/**
 * Quotas in the grant: the distinct persons disclosed under a grant that carries `quota`,
 * counted per day from what the departments report (context.subjects). Before any
 * department is called, an operation reading a personal field opened by a grant whose count
 * has reached its quota is refused with 429 GRANT_QUOTA_EXCEEDED naming the grant. Persons
 * are known only after the departments answer: a request admitted below the quota is served
 * whole and counted, so a count may end above the quota by at most the persons of the
 * requests admitted while it was below (see the README's overshoot bound).
 */
export function grantQuotaPlugin(options: {
  /** The quotas of the grants of the policy the request was pinned to. */
  quotasOf: (context: GatewayContext) => ReadonlyMap<string, GrantQuota>;
  counts: QuotaCounts;
  prefix: string;
  logger: Logger;
  now?: () => number;
  onEvent?: (event: QuotaEvent, grantId: string) => void;
}): ApolloServerPlugin<GatewayContext> {
  const now = options.now ?? Date.now;
  const onEvent = options.onEvent ?? (() => {});
  const pending = new WeakMap<object, QuotaCount[]>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const context = rc.contextValue;
          const plan = planOf(context);
          const quotas = options.quotasOf(context);
          if (!plan || quotas.size === 0) return;
          const fields = new Map<string, Set<string>>();
          for (const d of plan.decisions) {
            if (d.effect === 'deny' || d.grantId === null || !quotas.has(d.grantId)) continue;
            if ((context.supergraph.classification.get(d.coordinate)?.pi ?? 'NONE') === 'NONE')
              continue;
            fields.set(d.grantId, (fields.get(d.grantId) ?? new Set()).add(d.coordinate));
          }
          if (fields.size === 0) return;
          const at = now();
          const counts = [...fields.keys()].flatMap((grantId) =>
            quotaCounts(grantId, quotas.get(grantId)!, context, options.prefix, at),
          );
          const used = await options.counts.count(counts.map((c) => c.key));
          const full = counts.find((c, i) => used[i]! >= c.max);
          if (full) {
            onEvent('refused', full.grantId);
            throw quotaExceeded(
              full,
              used[counts.indexOf(full)]!,
              [...fields.get(full.grantId)!],
              at,
            );
          }
          pending.set(context.record, counts);
        },
        async willSendResponse(rc) {
          const context = rc.contextValue;
          const counts = pending.get(context.record);
          if (!counts || context.subjects.size === 0) return;
          const tallies = await options.counts.add(
            counts.map((c) => c.key),
            [...context.subjects],
            COUNT_TTL_SEC,
          );
          tallies.forEach(({ before, after }, i) => {
            const { grantId, dimension, max } = counts[i]!;
            const alertAt = Math.ceil(max * QUOTA_ALERT_RATIO);
            const crossed: QuotaEvent | null =
              before < max && after >= max
                ? 'exhausted'
                : before < alertAt && after >= alertAt
                  ? 'alert'
                  : null;
            if (!crossed) return;
            onEvent(crossed, grantId);
            // No official id, person id or value: the grant, the count and who in role terms.
            options.logger.warn(
              {
                requestId: context.requestId,
                grantId,
                dimension,
                persons: after,
                max,
                department: context.consumer.department,
                role: context.consumer.role,
                application: context.consumer.application,
              },
              crossed === 'alert'
                ? `grant quota at ${Math.floor((after / max) * 100)} %`
                : 'grant quota used up',
            );
          });
        },
      };
    },
  };
}

const DIMENSION_TEXT: Record<QuotaCount['dimension'], string> = {
  personsPerOfficial: 'persons per official per day',
  personsWithoutCaseNumber: 'persons per official per day without a case number',
  personsPerApplication: 'persons per application per day',
};

function quotaExceeded(count: QuotaCount, persons: number, fields: string[], nowMs: number) {
  const retryAfter = secondsToNextDay(nowMs);
  const hint =
    count.dimension === 'personsWithoutCaseNumber'
      ? ' State the case you work on in x-case-number, or wait for the next day (China Standard Time).'
      : ' It starts afresh at midnight China Standard Time; ask the granting department for a larger quota if the work needs it.';
  return new GraphQLError(
    `Grant ${count.grantId} has disclosed ${persons} distinct persons today, its quota of ` +
      `${count.max} ${DIMENSION_TEXT[count.dimension]}, so the fields it opens ` +
      `(${fields.join(', ')}) are refused.${hint}`,
    {
      extensions: {
        code: ErrorCode.GRANT_QUOTA_EXCEEDED,
        grant: count.grantId,
        quota: { dimension: count.dimension, persons, max: count.max },
        fields,
        http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
      },
    },
  );
}
