import type { Tracer } from '@opentelemetry/api';
import { NO_TRACER } from '../../contracts/tracing';
import { createGatewayMetrics, type GatewayMetrics } from './metrics';

export { createGatewayMetrics } from './metrics';
export type { GatewayMetrics, RefusingControl, RequestLabels } from './metrics';
export {
  beginOperation,
  childSpan,
  endOperation,
  noteOperation,
  traceIdOf,
  type OperationType,
} from './operation';

/** Settings of the gateway's metrics and traces. */
export interface TelemetrySettings {
  /** Where spans go (default: NO_TRACER, tracing off); see tracingFromEnv. */
  tracer?: Tracer;
  /** Operation names that may appear as a metric label (e.g. the examples'); any other is 'other'. */
  operationNames?: Iterable<string>;
  /** Consumer departments that may appear as a metric label; any other is 'other'. */
  departments?: Iterable<string>;
}

/** The gateway's metrics and tracer, with the closed sets its labels are bounded to. */
export interface Telemetry {
  metrics: GatewayMetrics;
  tracer: Tracer;
  operationLabel(name: string | null | undefined): string;
  departmentLabel(department: string | null | undefined): string;
}

export function createTelemetry(settings: TelemetrySettings = {}): Telemetry {
  const operations = new Set(settings.operationNames ?? []);
  const departments = new Set(settings.departments ?? []);
  return {
    metrics: createGatewayMetrics(),
    tracer: settings.tracer ?? NO_TRACER,
    operationLabel: (name) => (name && operations.has(name) ? name : 'other'),
    departmentLabel: (department) =>
      department == null ? 'none' : departments.has(department) ? department : 'other',
  };
}
