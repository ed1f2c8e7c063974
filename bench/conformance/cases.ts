import { join } from 'node:path';
import { run } from 'node:test';

/** One test case of a suite, as the audit's own runner counts it. */
export interface CaseResult {
  /** `<suite>_<index>`, the audit's name for it. */
  name: string;
  passed: boolean;
  /** The audit's message for a failure: the query and the diff of expected and received. */
  message?: string;
}

/**
 * Runs one suite's cases with the audit's own client and assertions (`src/test.ts`, through
 * node:test, as its CLI does) against `graphqlUrl`, and counts them as its CLI does: every
 * passed or failed test that is not a suite. The runner must be started with `--import tsx`
 * (node:test passes it on to the test process).
 */
export async function runSuiteCases(
  auditDir: string,
  suite: string,
  testsUrl: string,
  graphqlUrl: string,
): Promise<CaseResult[]> {
  // The audit's test file reads these, as its CLI sets them.
  process.env.TEST_SUITE = suite;
  process.env.TESTS_ENDPOINT = testsUrl;
  process.env.GRAPHQL_ENDPOINT = graphqlUrl;
  const results: CaseResult[] = [];
  const stream = run({ files: [join(auditDir, 'src', 'test.ts')], concurrency: 1 });
  for await (const event of stream) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const details = event.data.details as { type?: string; error?: unknown };
    if (details.type === 'suite') continue;
    results.push(
      event.type === 'test:pass'
        ? { name: event.data.name, passed: true }
        : { name: event.data.name, passed: false, message: failureMessage(details.error) },
    );
  }
  return results;
}

function failureMessage(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause ?? error;
  return cause instanceof Error ? cause.message : String(cause);
}
