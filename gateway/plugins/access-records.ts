import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode } from '@opentelemetry/api';
import { ErrorCode } from '../../contracts/errors';
import { planOf } from '../authorization/plugin';
import { hasValueAt } from '../authorization/response';
import type { GatewayContext } from '../context';
import type { Logger } from '../logger';
import {
  WITHHELD_REASON,
  type AccessRecord,
  type FieldAccess,
  type RecordWriter,
} from '../../records';
import { outcomeOfResult } from '../refusals';
import { childSpan, traceIdOf, type Telemetry } from '../telemetry';

/** What to do with an operation that carries no personal data when its record cannot be stored. */
export type NonPersonalOnOutage = 'serve' | 'withhold';

/**
 * No record, no personal data: every operation leaves one access record, durably committed
 * (group commit) before the response is released. When the store cannot take it, a response
 * carrying personal information is replaced by a RECORD_STORE_UNAVAILABLE error; one without
 * follows `nonPersonalOnOutage`.
 */
export function accessRecordsPlugin(options: {
  writer: RecordWriter;
  nonPersonalOnOutage: NonPersonalOnOutage;
  logger: Logger;
  /** The commit's span, and the trace id the record names (default: no tracing). */
  telemetry?: Telemetry;
}): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const body = rc.response.body;
          if (body.kind !== 'single') return;
          const context = rc.contextValue;
          context.record.taken = true;
          const result = body.singleResult;
          const fields = fieldAccesses(context, result.data);
          const { outcome, reason } = outcomeOfResult(result);
          const record: AccessRecord = {
            time: new Date(context.startedAt).toISOString(),
            requestId: context.requestId,
            consumer: context.consumer,
            purpose: context.purpose,
            caseNumber: context.caseNumber,
            operation: { name: rc.operationName ?? null, hash: rc.queryHash ?? '' },
            fields,
            departments: [...context.departmentsCalled],
            outcome,
            durationMs: Math.round(Date.now() - context.startedAt),
            subjects: [...context.subjects],
            delayedUntil: null,
            clientAddress: context.clientAddress,
            reason,
            traceId: traceIdOf(context),
            policyRevision: context.policyRevision,
            documentId: context.document.id,
          };
          const personal =
            outcome === 'served' && fields.some((f) => f.pi !== 'NONE' && f.effect !== 'deny');
          const withholdOnFailure = personal || options.nonPersonalOnOutage === 'withhold';
          const span =
            options.telemetry && childSpan(options.telemetry, context, 'access-record.commit');
          try {
            // Should the record commit after this request gave up on it, the compensation
            // follows it in the chain: the client got no data, whatever "served" says.
            await options.writer.append(
              record,
              outcome === 'served' && withholdOnFailure
                ? { compensation: { ...record, outcome: 'failed', reason: WITHHELD_REASON } }
                : {},
            );
            span?.end();
          } catch (error) {
            span?.setStatus({ code: SpanStatusCode.ERROR });
            span?.end();
            options.logger.error(
              { requestId: context.requestId, err: error },
              'access record not stored',
            );
            if (!withholdOnFailure) return;
            result.data = null;
            result.errors = [
              {
                message:
                  'The access record of this operation could not be stored, so its data is withheld ' +
                  '(no record, no personal data). Try again later.',
                extensions: { code: ErrorCode.RECORD_STORE_UNAVAILABLE },
              },
            ];
            if (rc.response.http) rc.response.http.status = 503;
          }
        },
      };
    },
  };
}

/**
 * What the operation read, field by field. When a department refused or failed a call (a
 * context under the watermark, an outage), a field the response holds no value for was not
 * disclosed: it is recorded as denied, attributed to no grant, whatever the policy decided.
 */
function fieldAccesses(context: GatewayContext, data: unknown): FieldAccess[] {
  const plan = planOf(context);
  const classification = context.supergraph.classification;
  const disclosed = (coordinate: string) =>
    context.departmentsFailed.size === 0 ||
    (plan?.pathsOf.get(coordinate) ?? []).some((path) => hasValueAt(data, path));
  const seen = new Map<string, FieldAccess>();
  const requests = context.policy.engine.requests;
  for (const decision of plan?.decisions ?? []) {
    if (seen.has(decision.coordinate)) continue;
    const withheld = decision.effect !== 'deny' && !disclosed(decision.coordinate);
    seen.set(decision.coordinate, {
      coordinate: decision.coordinate,
      pi: classification.get(decision.coordinate)?.pi ?? 'NONE',
      effect: withheld ? 'deny' : decision.effect,
      grant: withheld ? null : decision.grantId,
      ...(!withheld && decision.grantId && requests.has(decision.grantId)
        ? { request: requests.get(decision.grantId) }
        : {}),
    });
  }
  return [...seen.values()];
}
