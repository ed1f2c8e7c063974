import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NO_TRACER } from './traceparent';

/** A service's tracer and how to flush it at shutdown. */
export interface Tracing {
  tracer: Tracer;
  shutdown(): Promise<void>;
}

/**
 * Tracing as the standard OpenTelemetry variables configure it: off unless
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set and
 * OTEL_TRACES_EXPORTER is not 'none'; spans go by OTLP over HTTP in batches. The provider is
 * the service's own, never registered globally: libraries' spans (Apollo's) are not exported.
 */
export function tracingFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || env.OTEL_TRACES_EXPORTER === 'none') {
    return { tracer: NO_TRACER, shutdown: async () => undefined };
  }
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  return { tracer: provider.getTracer(service), shutdown: () => provider.shutdown() };
}
