import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Arrival, GatewayContext } from '../context';
import type { Gateway } from '../compose';
import type { Logger } from '../logger';
import { reasonOfCode } from '../refusals';
import type { BodyLimits } from '../../contracts/http/body';
import { handleGraphQL } from '../../contracts/http/graphql';
import { refusalOf, sendRefusal } from './refusal';
import { beginOperation, endOperation } from '../telemetry';

/**
 * Serves /graphql. Headers first: the token and the purpose are checked before a byte of the
 * body is read, so a caller without a valid token cannot make the gateway read megabytes.
 * Every request leaves one record: the access-records plugin writes it for what GraphQL
 * answered; what is refused here (or by Apollo before its plugins run) is recorded here.
 */
export async function serveGraphQL(
  gateway: Gateway,
  limits: BodyLimits & { logger: Logger },
  req: IncomingMessage,
  res: ServerResponse,
  arrival: Arrival,
): Promise<void> {
  let context: GatewayContext | undefined;
  try {
    context = await gateway.security.createContext(req, arrival);
    beginOperation(gateway.telemetry, context);
    // Before the body is read: a caller over a rate limit costs one Redis script, no more.
    const rate = await gateway.rateLimiter.check(context.consumer, arrival.clientAddress);
    if (rate.refusal) {
      gateway.telemetry.metrics.refused('rate-limit', 'rate-limited');
      throw rate.refusal;
    }
    for (const [name, value] of Object.entries(rate.headers)) res.setHeader(name, value);
    const ready = context;
    const status = await handleGraphQL(gateway.server, req, res, {
      ...limits,
      context: async () => ready,
    });
    if (!context.record.taken) {
      await gateway.refusals.record(arrival, {
        reason: status < 400 ? 'unrecorded-response' : reasonOfStatus(status),
        outcome: status >= 400 && status < 500 ? 'refused' : 'failed',
        consumer: context.consumer,
        purpose: context.purpose,
        caseNumber: context.caseNumber,
      });
    }
    endOperation(gateway.telemetry, context, { startedAt: arrival.startedAt, status });
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal.outcome === 'failed')
      limits.logger.error({ requestId: arrival.requestId, err: error }, 'request failed');
    sendRefusal(res, refusal, arrival.requestId);
    endOperation(gateway.telemetry, context ?? null, {
      startedAt: arrival.startedAt,
      status: res.statusCode,
      outcome: refusal.outcome,
    });
    await gateway.refusals.record(arrival, {
      reason: refusal.reason,
      outcome: refusal.outcome,
      consumer: context?.consumer ?? refusal.consumer,
      purpose: context?.purpose,
      caseNumber: context?.caseNumber,
    });
  }
}

// Apollo refuses some requests before its plugins run (no query, CSRF, bad variables): 400s.
function reasonOfStatus(status: number): string {
  return status === 400 ? reasonOfCode('BAD_REQUEST') : `http-${status}`;
}
