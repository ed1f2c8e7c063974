import { diffPolicies } from '../../policies/tooling';
import { parseCommandArgs } from './args';
import { ok, UsageError, type Command } from './command';
import { table } from './format';
import { policiesAt, withPolicyStore } from './store';

const USAGE = `Usage: npm run policy -- diff --from <n|files> [--to <n|latest|files>] [--policies <dir>]

What revision --to opens and closes compared with --from: catalogue purposes, and per grant
its fields (full, masked; a change of mask shows as 'changed'), purposes, row conditions and
consumer. 'files' is the policy files (--policies), e.g. to review an edit before importing.`;

/** `policy diff`: fields, purposes, masks and row rules opened or closed between two revisions. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'what one revision opens and closes compared with another',
  usage: USAGE,
  async run(args, env) {
    const { values } = parseCommandArgs(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      policies: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return ok(`${USAGE}\n`);
    if (!values.from) throw new UsageError('--from <revision> is required.');
    const from = values.from;
    return withPolicyStore(env, async (store) => {
      const before = await policiesAt(store, from, values.policies);
      const after = await policiesAt(store, values.to ?? 'latest', values.policies);
      const changes = diffPolicies(before, after);
      if (changes.length === 0) return ok('No difference.\n');
      const rows = changes.map((c) => [
        c.change,
        c.grant ?? '-',
        c.what,
        c.change === 'changed' ? `${c.from} → ${c.to}` : (c.to ?? c.from ?? ''),
      ]);
      return ok(`${table(['change', 'grant', 'what', 'value'], rows)}\n`);
    });
  },
};
