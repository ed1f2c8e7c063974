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
  /** The response's `data`, to compare targets with each other (not kept in the results). */
  data?: unknown;
}

/** The targets whose answers must equal stock's to the byte: they call the same open departments. */
const SAME_AS_STOCK = /^hive/;

/**
 * A peer's answer must be stock's answer: the same variables (every cell's check draws them
 * from the same seed), the same departments, so the same `data`. Returns the verification
 * failed when it differs; unchanged when there is no stock answer to compare with.
 */
export function sameAsStock(
  target: string,
  verification: Verification,
  stock: Verification | undefined,
): Verification {
  if (!SAME_AS_STOCK.test(target) || !verification.ok || !stock?.ok) return verification;
  const mine = JSON.stringify(verification.data);
  const theirs = JSON.stringify(stock.data);
  if (mine === theirs) return verification;
  return {
    ...verification,
    ok: false,
    problem: `data differs from stock's for the same variables: ${mine.slice(0, 150)} against ${theirs.slice(0, 150)}`,
  };
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
    data: payload.data,
    masked: operation.id === 'masked' && idNumber !== undefined ? idNumber.includes('*') : null,
  };
}

function fail(status: number, problem: string): Omit<Verification, 'statements'> {
  return { ok: false, status, problem, masked: null };
}
