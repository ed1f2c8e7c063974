import type { CaseResult } from './cases';
import type { ConformanceTarget } from './targets';

/** One suite's outcome on each target. */
export interface SuiteResult {
  suite: string;
  /** Cases the audit serves for the suite. */
  cases: number;
  results: Partial<Record<ConformanceTarget, CaseResult[]>>;
  /** Why a target could not run the suite (start-up failure), or notes on it. */
  notes: string[];
}

/** The per-suite table, the totals and every failed case, as text. */
export function renderReport(
  suites: readonly SuiteResult[],
  targets: readonly ConformanceTarget[],
): string {
  const passed = (s: SuiteResult, t: ConformanceTarget) =>
    s.results[t]?.filter((c) => c.passed).length ?? 0;
  const width = Math.max(5, ...suites.map((s) => s.suite.length));
  const header = `${'suite'.padEnd(width)}  cases  ${targets.map((t) => t.padStart(5)).join('  ')}`;
  const rows = suites.map((s) => {
    const cells = targets.map((t) => {
      const cell = `${passed(s, t)}`;
      return (passed(s, t) < s.cases ? `${cell}*` : cell).padStart(5);
    });
    return `${s.suite.padEnd(width)}  ${String(s.cases).padStart(5)}  ${cells.join('  ')}`;
  });
  const cases = suites.reduce((n, s) => n + s.cases, 0);
  const totals = targets.map((t) => {
    const ok = suites.reduce((n, s) => n + passed(s, t), 0);
    const whole = suites.filter((s) => passed(s, t) === s.cases).length;
    return `${t}: ${ok}/${cases} cases, ${whole}/${suites.length} suites`;
  });
  const failures = suites.flatMap((s) => {
    const names = targets.flatMap((t) =>
      (s.results[t] ?? []).filter((c) => !c.passed).map((c) => c.name),
    );
    return [...new Set(names)].map((name) => {
      const failing = targets.filter((t) =>
        s.results[t]?.some((c) => c.name === name && !c.passed),
      );
      const message = s.results[failing[0]!]!.find((c) => c.name === name)!.message ?? '';
      return `  ${name}: fails on ${failing.join(', ')}\n${indent(summarizeFailure(message))}`;
    });
  });
  const notes = suites.flatMap((s) => s.notes.map((n) => `  ${s.suite}: ${n}`));
  return [
    header,
    '-'.repeat(header.length),
    ...rows,
    '',
    `Total: ${totals.join('; ')}   (* = not every case passed)`,
    ...(failures.length > 0 ? ['', 'Failed cases:', ...failures] : []),
    ...(notes.length > 0 ? ['', 'Notes:', ...notes] : []),
  ].join('\n');
}

/** Cases that fail on `target` but pass on `baseline`. */
export function regressions(
  suites: readonly SuiteResult[],
  target: ConformanceTarget,
  baseline: ConformanceTarget,
): string[] {
  return suites.flatMap((s) =>
    (s.results[target] ?? [])
      .filter((c) => !c.passed && s.results[baseline]?.some((b) => b.name === c.name && b.passed))
      .map((c) => c.name),
  );
}

/** DIFF_LINES changed lines at most per failed case. */
const DIFF_LINES = 8;

/**
 * The audit's failure message is 'Test failed for query', the query, jest-diff's
 * expected/received diff, then node:assert's own diff. Shown: the query on one line and the
 * first changed lines of the jest diff.
 */
export function summarizeFailure(message: string): string {
  const [head = '', ...rest] = message.split('\n- Expected\n+ Received\n');
  if (rest.length === 0) return firstLines(message, DIFF_LINES);
  const query = head
    .replace(/^Test failed for query/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const diff = rest
    .join('\n')
    .split('\n+ actual - expected')[0]!
    .split('\n')
    .filter((line) => /^[-+] /.test(line));
  return [`query: ${query}`, firstLines(diff.join('\n'), DIFF_LINES)].join('\n');
}

function firstLines(text: string, count: number): string {
  const lines = text.split('\n');
  return lines.length > count
    ? [...lines.slice(0, count), `... (${lines.length - count} more changed lines)`].join('\n')
    : text;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}
