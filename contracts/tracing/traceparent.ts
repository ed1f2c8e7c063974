import {
  isSpanContextValid,
  ProxyTracerProvider,
  ROOT_CONTEXT,
  trace,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';

/**
 * The W3C `traceparent` (version 00): how the gateway hands its trace to a department, inside
 * the signed context. Spans carry names, types, codes and counts, never a variable, a value,
 * a literal argument or an official's or a person's id.
 */
export const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A tracer that records nothing (tracing off), whatever is registered globally. */
export const NO_TRACER: Tracer = new ProxyTracerProvider().getTracer('off');

/** The `traceparent` of a span; undefined when the span is not recorded (tracing off). */
export function traceparentOf(span: Span): string | undefined {
  const { traceId, spanId, traceFlags } = span.spanContext();
  if (!span.isRecording() || !isSpanContextValid(span.spanContext())) return undefined;
  return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;
}

/** The context a department continues the gateway's trace in; the root context when none came. */
export function contextOfTraceparent(traceparent: string | undefined): Context {
  const match = traceparent ? TRACEPARENT.exec(traceparent) : null;
  if (!match) return ROOT_CONTEXT;
  const spanContext = {
    traceId: match[1]!,
    spanId: match[2]!,
    traceFlags: parseInt(match[3]!, 16),
    isRemote: true,
  };
  if (!isSpanContextValid(spanContext)) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, spanContext);
}
