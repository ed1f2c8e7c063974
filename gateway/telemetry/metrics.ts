import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FieldEffect, Outcome, RecordWriter } from '../../records';
import type { BreakerState } from '../upstream';

/** Which control refused an operation; `kind` then names the limit (depth, aliases, ...). */
export type RefusingControl = 'limits' | 'cost' | 'rate-limit' | 'quota' | 'documents';

/** The labels of one operation; every value is from a closed set (see createTelemetry). */
export interface RequestLabels {
  operationType: 'query' | 'mutation' | 'subscription' | 'unknown';
  outcome: Outcome;
  /** The consumer's department, 'none' (citizens, anonymous), 'unidentified' or 'other'. */
  department: string;
  /** A known operation name, or 'other'. */
  operation: string;
}

/**
 * The gateway's Prometheus metrics, in a registry of its own. No label ever holds an
 * official's id, a person's id or a name the client chose freely: callers bound them first.
 */
export interface GatewayMetrics {
  registry: Registry;
  request(labels: RequestLabels, seconds: number): void;
  decisions(effect: FieldEffect, count: number): void;
  refused(control: RefusingControl, kind: string): void;
  /** A document not in its application's manifest, served (audit) or refused (enforce). */
  unlistedDocument(mode: 'audit' | 'enforce'): void;
  /** `outcome`: 'ok', an error code (SUBGRAPH_TIMEOUT, ...) or `http-<status>`. */
  subgraphCall(subgraph: string, outcome: string, seconds: number): void;
  watchRecords(writer: RecordWriter): void;
  watchBreakers(states: () => ReadonlyMap<string, BreakerState>): void;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half-open'];

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requests = new Histogram({
    name: 'gateway_request_duration_seconds',
    help: 'GraphQL requests, from arrival to the response (access record committed).',
    labelNames: ['operation_type', 'outcome', 'department', 'operation'] as const,
    buckets: SECONDS,
    registers,
  });
  const decisions = new Counter({
    name: 'gateway_policy_decisions_total',
    help: 'Field decisions of the policy, by effect.',
    labelNames: ['effect'] as const,
    registers,
  });
  const refusals = new Counter({
    name: 'gateway_refusals_total',
    help: 'Operations refused by a production control (limits, cost, rate-limit, quota), by kind.',
    labelNames: ['control', 'kind'] as const,
    registers,
  });
  const unlisted = new Counter({
    name: 'gateway_unlisted_documents_total',
    help: "Documents not in their application's manifest, by trusted-documents mode (audit: served, enforce: refused).",
    labelNames: ['mode'] as const,
    registers,
  });
  const subgraphCalls = new Histogram({
    name: 'gateway_subgraph_request_duration_seconds',
    help: 'Calls to a subgraph (retry included), by outcome.',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: SECONDS,
    registers,
  });
  const commits = new Histogram({
    name: 'gateway_record_commit_duration_seconds',
    help: 'Access-record transactions, BEGIN to COMMIT, by result.',
    labelNames: ['result'] as const,
    buckets: SECONDS,
    registers,
  });
  const batches = new Histogram({
    name: 'gateway_record_batch_size',
    help: 'Access records per transaction.',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
    registers,
  });
  const watchedWriters: RecordWriter[] = [];
  new Gauge({
    name: 'gateway_record_queue_depth',
    help: 'Access records waiting for a transaction.',
    registers,
    collect() {
      this.set(watchedWriters.reduce((sum, w) => sum + w.queued(), 0));
    },
  });
  const breakerSources: (() => ReadonlyMap<string, BreakerState>)[] = [];
  new Gauge({
    name: 'gateway_subgraph_breaker_state',
    help: "A subgraph's circuit breaker: 1 for its current state, 0 for the others.",
    labelNames: ['subgraph', 'state'] as const,
    registers,
    collect() {
      for (const source of breakerSources) {
        for (const [subgraph, current] of source()) {
          for (const state of BREAKER_STATES) this.set({ subgraph, state }, +(state === current));
        }
      }
    },
  });
  return {
    registry,
    request: (l, seconds) =>
      requests.observe(
        {
          operation_type: l.operationType,
          outcome: l.outcome,
          department: l.department,
          operation: l.operation,
        },
        seconds,
      ),
    decisions: (effect, count) => decisions.inc({ effect }, count),
    refused: (control, kind) => refusals.inc({ control, kind }),
    unlistedDocument: (mode) => unlisted.inc({ mode }),
    subgraphCall: (subgraph, outcome, seconds) =>
      subgraphCalls.observe({ subgraph, outcome }, seconds),
    watchRecords(writer) {
      watchedWriters.push(writer);
      writer.observe((batch) => {
        commits.observe(
          { result: batch.committed ? 'committed' : 'failed' },
          batch.durationMs / 1000,
        );
        if (batch.committed) batches.observe(batch.size);
      });
    },
    watchBreakers: (states) => void breakerSources.push(states),
  };
}
