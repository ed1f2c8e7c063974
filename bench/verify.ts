import type { Operation } from './operations';
import { statements, type requestFor } from './measure';

/** What one checked request showed, before any timing. */
export interface Verification {
  ok: boolean;
  status: number;
  /** Why the response is not the expected data (null when it is). */
  problem: string | null;
  /** For the masked operation: whether the ID number came back masked. */
  masked: boolean | null;
  /** SQL statements the departments sent for this one request (exact: nothing else runs). */
  statements: number | null;
}

/**
 * Sends one request and checks it returns data without errors: a benchmark that measures
 * error responses is worthless, so a target × operation that fails here is not timed.
 */
export async function verify(
  operation: Operation,
  request: ReturnType<typeof requestFor>,
  random: () => number,
  statsUrl: string,
): Promise<Verification> {
  const before = await statements(statsUrl);
  const verification = await check(operation, request, random);
  return { ...verification, statements: (await statements(statsUrl)) - before };
}

async function check(
  operation: Operation,
  request: ReturnType<typeof requestFor>,
  random: () => number,
): Promise<Omit<Verification, 'statements'>> {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body(random),
  });
  const text = await response.text();
  let payload: { data?: Record<string, unknown> | null; errors?: unknown[] };
  try {
    payload = JSON.parse(text) as typeof payload;
  } catch {
    return fail(response.status, `not JSON: ${text.slice(0, 200)}`);
  }
  if (response.status !== 200)
    return fail(response.status, `HTTP ${response.status}: ${text.slice(0, 300)}`);
  if (payload.errors?.length)
    return fail(response.status, `errors: ${JSON.stringify(payload.errors).slice(0, 300)}`);
  if (!payload.data) return fail(response.status, 'no data');
  const problem = operation.check(payload.data);
  const idNumber = (payload.data.person as { idNumber?: string } | null | undefined)?.idNumber;
  return {
    ok: problem === null,
    status: response.status,
    problem,
    masked: operation.id === 'masked' && idNumber !== undefined ? idNumber.includes('*') : null,
  };
}

function fail(status: number, problem: string): Omit<Verification, 'statements'> {
  return { ok: false, status, problem, masked: null };
}
