export { contextOfTraceparent, NO_TRACER, TRACEPARENT, traceparentOf } from './traceparent';
export { tracingFromEnv } from './provider';
export type { Tracing } from './provider';
