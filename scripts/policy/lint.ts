import { join } from 'node:path';
import { loadDocumentManifests, loadPolicies } from '../../policies';
import {
  lintCatalogue,
  lintGrantDocuments,
  lintPolicies,
  loadCatalogue,
  MIN_CANDIDATES,
  type LintFinding,
} from '../../policies/tooling';
import { parseCommandArgs } from './args';
import { ok, type Command } from './command';
import { count, shownPath } from './format';
import { loadGraph, SOURCE_OPTIONS, SOURCE_USAGE } from './graph';

const USAGE = `Usage: npm run policy -- lint [--policies <dir>] [--supergraph <file>]

Checks every grant against the supergraph's classification: unknown types, fields and
purposes, fields granted by a department that does not own them, NONE fields granted outside
their owner, sensitive fields without legal basis or expiry, expired grants, row conditions
that never apply, document ids no application manifest (documents/) registers, and masked fields that the rest of what the same consumer reads under the
same purpose would rebuild: the same value readable in full elsewhere, a lookup by the full
value, or fewer than ${MIN_CANDIDATES} candidate values left (policies/linkage-model.ts).
Prints 'file: grant-id: severity: message' per finding, grouped by file.
Exits 1 when there is an error; warnings alone exit 0.

Options:
${SOURCE_USAGE}
  -h, --help           this text`;

/** `policy lint`: the policy files checked against the graph, for CI. */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'check the policy files against the supergraph (CI: exit 1 on errors)',
  usage: USAGE,
  async run(args, env) {
    const { values } = parseCommandArgs(args, {
      ...SOURCE_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return ok(`${USAGE}\n`);
    const graph = loadGraph(values.supergraph);
    const policies = loadPolicies(values.policies);
    const findings: LintFinding[] = [
      ...[
        ...lintPolicies(policies, graph.classification, env.now),
        ...lintCatalogue(policies, graph.classification, loadCatalogue(values.policies)),
        ...lintGrantDocuments(
          policies,
          loadDocumentManifests(values.policies ? join(values.policies, 'documents') : undefined),
        ),
      ].map((f) => ({
        ...f,
        file: shownPath(f.file, env.cwd),
      })),
      ...graph.unlabelled.map((coordinate): LintFinding => ({
        severity: 'warning',
        file: shownPath(graph.path, env.cwd),
        grantId: null,
        message: `${coordinate} has no @classify label, so it is treated as CONDITIONAL and non-personal; label it in its department's SDL.`,
      })),
    ];
    const errors = findings.filter((f) => f.severity === 'error').length;
    const summary =
      findings.length === 0
        ? `No problems in ${count(policies.grants.length, 'grant')} and ${count(policies.purposes.length, 'purpose')}.`
        : `${count(errors, 'error')}, ${count(findings.length - errors, 'warning')} in ${count(new Set(findings.map((f) => f.file)).size, 'file')} (${count(policies.grants.length, 'grant')} checked).`;
    return ok(`${[...groupByFile(findings), summary].join('\n')}\n`, errors > 0 ? 1 : 0);
  },
};

function groupByFile(findings: readonly LintFinding[]): string[] {
  const files = [...new Set(findings.map((f) => f.file))].sort();
  return files.flatMap((file) => [
    ...findings
      .filter((f) => f.file === file)
      .map((f) => `${file}: ${f.grantId ?? '-'}: ${f.severity}: ${f.message}`),
    '',
  ]);
}
