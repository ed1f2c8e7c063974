import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import type { Outcome } from '../../records';
import type { GatewayContext } from '../context';
import type { Telemetry } from '.';

export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';

/** One operation as observed: its server span, and what the plugins learnt of it. */
interface Observed {
  span: Span;
  context: Context;
  type: OperationType;
  name: string | null;
  outcome: Outcome | null;
}

// Keyed by the context's `record` object: Apollo hands plugins a shallow copy of the context.
const observed = new WeakMap<object, Observed>();

/** Starts the server span of the operation `context` serves (at its arrival). */
export function beginOperation(telemetry: Telemetry, context: GatewayContext): void {
  const span = telemetry.tracer.startSpan('graphql', {
    kind: SpanKind.SERVER,
    startTime: context.startedAt,
    attributes: {
      'gateway.request_id': context.requestId,
      'gateway.consumer.kind': context.consumer.kind,
      'gateway.consumer.department': telemetry.departmentLabel(context.consumer.department),
      'gateway.purpose': context.purpose,
    },
  });
  observed.set(context.record, {
    span,
    context: trace.setSpan(ROOT_CONTEXT, span),
    type: 'unknown',
    name: null,
    outcome: null,
  });
}

/** What the operation turned out to be, once Apollo resolved it. */
export function noteOperation(
  context: GatewayContext,
  note: { type?: OperationType; name?: string | null; outcome?: Outcome },
): void {
  const entry = observed.get(context.record);
  if (!entry) return;
  if (note.type !== undefined) entry.type = note.type;
  if (note.name !== undefined) entry.name = note.name;
  if (note.outcome !== undefined) entry.outcome = note.outcome;
  if (note.type !== undefined || note.name !== undefined) {
    entry.span.updateName(entry.name ? `${entry.type} ${entry.name}` : entry.type);
    entry.span.setAttributes({
      'graphql.operation.type': entry.type,
      ...(entry.name ? { 'graphql.operation.name': entry.name.slice(0, 200) } : {}),
    });
  }
}

/**
 * Ends the operation: its duration by type, outcome and department; its span. `context`
 * null: refused before a context could be made (no span was started).
 */
export function endOperation(
  telemetry: Telemetry,
  context: GatewayContext | null,
  end: { startedAt: number; status: number; outcome?: Outcome },
): void {
  const entry = context ? observed.get(context.record) : undefined;
  const outcome =
    end.status >= 500
      ? 'failed'
      : (end.outcome ?? entry?.outcome ?? (end.status >= 400 ? 'refused' : 'served'));
  telemetry.metrics.request(
    {
      operationType: entry?.type ?? 'unknown',
      outcome,
      department: context ? telemetry.departmentLabel(context.consumer.department) : 'unidentified',
      operation: telemetry.operationLabel(entry?.name),
    },
    (Date.now() - end.startedAt) / 1000,
  );
  if (!entry) return;
  entry.span.setAttributes({ 'gateway.outcome': outcome, 'http.response.status_code': end.status });
  if (outcome === 'failed') entry.span.setStatus({ code: SpanStatusCode.ERROR });
  entry.span.end();
}

/** A child of the operation's span (a span that records nothing when tracing is off). */
export function childSpan(
  telemetry: Telemetry,
  context: GatewayContext,
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes } = {},
): Span {
  const entry = observed.get(context.record);
  return telemetry.tracer.startSpan(name, options, entry?.context);
}

/** The trace id the operation's record names; null when tracing is off. */
export function traceIdOf(context: GatewayContext): string | null {
  const span = observed.get(context.record)?.span;
  return span?.isRecording() ? span.spanContext().traceId : null;
}
