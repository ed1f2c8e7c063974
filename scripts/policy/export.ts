import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseCommandArgs } from './args';
import { ok, UsageError, type Command } from './command';
import { policiesAt, withPolicyStore } from './store';

const USAGE = `Usage: npm run policy -- export --out <dir> [--revision <n>|latest]

Writes a revision of the policy store as policy files: <dir>/purposes.yaml and
<dir>/grants/<provider>.yaml (comments are not kept: a revision stores content only).`;

/** `policy export`: a revision back to files, for review or for a development checkout. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'write a revision of the policy store as policy files',
  usage: USAGE,
  async run(args, env) {
    const { values } = parseCommandArgs(args, {
      out: { type: 'string' },
      revision: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return ok(`${USAGE}\n`);
    if (!values.out) throw new UsageError('--out <dir> is required.');
    const out = values.out;
    return withPolicyStore(env, async (store) => {
      const policies = await policiesAt(store, values.revision ?? 'latest');
      mkdirSync(join(out, 'grants'), { recursive: true });
      writeFileSync(join(out, 'purposes.yaml'), stringify({ purposes: policies.purposes }));
      const providers = [...new Set(policies.grants.map((g) => g.provider))].sort();
      for (const provider of providers) {
        const grants = policies.grants
          .filter((g) => g.provider === provider)
          .map(({ provider: _p, file: _f, ...grant }) => grant);
        writeFileSync(join(out, 'grants', `${provider}.yaml`), stringify({ grants }));
      }
      return ok(
        `Wrote ${policies.purposes.length} purposes and ${policies.grants.length} grants of ${providers.length} departments to ${out}.\n`,
      );
    });
  },
};
