import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { startFederation, type Federation } from '../../support/federation';
import { recordsOf } from '../../support/records';
import { as } from '../../support/security';

// One federation, traced into memory: after some traffic, /metrics has every series an
// operator needs and no label names an official or a person; the spans of one operation
// form one trace across the gateway and the departments, and its record names that trace.
const APPLICANT = 'PCYGN28R6';
const CASEWORKER_ID = 'demo-caseworker';
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let federation: Federation;
let caseworker: Record<string, string>;
beforeAll(async () => {
  federation = await startFederation({
    tracer: provider.getTracer('test'),
    operationNames: ['Applicant'],
  });
  caseworker = await as('caseworker', 'social-assistance-eligibility');
});
afterAll(() => federation.stop());

const APPLICANT_QUERY = `query Applicant($id: ID!) { person(id: $id) { name idNumber annualIncomes { amount } } }`;
const applicant = () => federation.query(APPLICANT_QUERY, { id: APPLICANT }, caseworker);

async function scrape(): Promise<string> {
  const response = await fetch(`${federation.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** Every label value of every series, e.g. `department="civil-affairs"` → 'civil-affairs'. */
function labelValues(text: string): string[] {
  return [...text.matchAll(/\w+="((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
}

describe('/metrics', () => {
  it('counts operations, decisions, refusals, commits and subgraph calls, naming no official or person', async () => {
    expect((await applicant()).errors).toBeUndefined();
    await federation.query(
      `{ person(id: "${APPLICANT}") { medicalRecords { diagnosis } } }`,
      {},
      caseworker,
    );
    const deep = `{ ${'person(id: "x") { household { members { '.repeat(5)}id${' } } }'.repeat(5)} }`;
    expect((await federation.query(deep, {}, caseworker)).status).toBe(400);
    await federation.query(`query Probe${APPLICANT} { __typename }`, {}, caseworker);
    await fetch(`${federation.url}/graphql`, { method: 'POST', body: '{}' }); // no token: 401

    const text = await scrape();
    const series = [
      /^gateway_request_duration_seconds_count\{operation_type="query",outcome="served",department="civil-affairs",operation="Applicant"\} [1-9]/m,
      /^gateway_request_duration_seconds_count\{operation_type="query",outcome="refused",department="civil-affairs",operation="other"\} [1-9]/m,
      /^gateway_request_duration_seconds_count\{operation_type="unknown",outcome="refused",department="unidentified",operation="other"\} [1-9]/m,
      /^gateway_policy_decisions_total\{effect="allow"\} [1-9]/m,
      /^gateway_policy_decisions_total\{effect="deny"\} [1-9]/m,
      /^gateway_refusals_total\{control="limits",kind="depth"\} 1$/m,
      /^gateway_record_commit_duration_seconds_count\{result="committed"\} [1-9]/m,
      /^gateway_record_batch_size_count [1-9]/m,
      /^gateway_record_queue_depth \d+$/m,
      /^gateway_subgraph_request_duration_seconds_count\{subgraph="public-security",outcome="ok"\} [1-9]/m,
      /^gateway_subgraph_breaker_state\{subgraph="tax",state="closed"\} 1$/m,
      /^gateway_subgraph_breaker_state\{subgraph="tax",state="open"\} 0$/m,
    ];
    for (const line of series) expect(text).toMatch(line);
    for (const value of labelValues(text)) {
      expect(value).not.toContain(APPLICANT);
      expect(value).not.toContain(CASEWORKER_ID);
    }
  });
});

describe('traces', () => {
  const spansOf = (traceId: string) =>
    exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const named = (spans: ReadableSpan[], name: string) => spans.filter((s) => s.name === name);

  it('follow one operation through the policy, each department and the record, which names the trace', async () => {
    exporter.reset();
    expect((await applicant()).errors).toBeUndefined();
    const [server] = named(exporter.getFinishedSpans(), 'query Applicant');
    expect(server).toBeDefined();
    expect(server!.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'Applicant',
      'gateway.outcome': 'served',
    });
    const traceId = server!.spanContext().traceId;
    const spans = spansOf(traceId);
    const serverId = server!.spanContext().spanId;
    const childrenOfServer = spans.filter((s) => s.parentSpanContext?.spanId === serverId);
    expect(childrenOfServer.map((s) => s.name).sort()).toEqual(
      expect.arrayContaining([
        'access-record.commit',
        'policy.decide',
        'subgraph public-security',
        'subgraph tax',
      ]),
    );
    // Each department continues the trace under the gateway's span of its call.
    for (const call of named(spans, 'subgraph tax').concat(
      named(spans, 'subgraph public-security'),
    )) {
      const department = spans.find(
        (s) => s.parentSpanContext?.spanId === call.spanContext().spanId,
      );
      expect(department?.name).toBe(`department ${call.attributes['graphql.subgraph.name']}`);
    }
    // Never a variable, a value or an official's id in a span.
    for (const span of spans) {
      for (const value of Object.values(span.attributes)) {
        expect(String(value)).not.toContain(APPLICANT);
        expect(String(value)).not.toContain(CASEWORKER_ID);
      }
    }
    const [record] = (await recordsOf(federation.streamId)).slice(-1);
    expect(record).toMatchObject({ trace_id: traceId, format: 6, operation_name: 'Applicant' });
  });

  it('are off unless a tracer is given: no trace id in the record', async () => {
    const untraced = await startFederation();
    try {
      expect(
        (await untraced.query(APPLICANT_QUERY, { id: APPLICANT }, caseworker)).errors,
      ).toBeUndefined();
      const [record] = await recordsOf(untraced.streamId);
      expect(record).toMatchObject({ trace_id: null, format: 6 });
    } finally {
      await untraced.stop();
    }
  });
});
