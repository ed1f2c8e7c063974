import { parseCommandArgs } from './args';
import { ok, UsageError, type Command } from './command';
import { appendChecked, latestGood, receiptText, withPolicyStore } from './store';

/** Milliseconds `suspend` waits for every live replica's acknowledgement, by default. */
export const DEFAULT_RECEIPT_WAIT_MS = 5_000;

const USAGE = `Usage: npm run policy -- suspend <grant-id> [--author <who>] [--note <why>] [--wait <ms>] [--json]

Appends an urgent revision without the grant (cause: suspension): every replica swaps to it,
and departments refuse contexts signed under older revisions. Prints the receipt: when it was
in force on every live replica, or which replicas lag and when their lease makes them fail
closed. Waits up to --wait ms (default ${DEFAULT_RECEIPT_WAIT_MS}) for the acknowledgements.
Resume with 'rollback --to <the revision before>' or a new import.`;

/** `policy suspend`: a grant out of force everywhere, with a receipt. */
export const suspendCommand: Command = {
  name: 'suspend',
  summary: 'suspend a grant at once on every replica, with a receipt',
  usage: USAGE,
  async run(args, env) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        author: { type: 'string' },
        note: { type: 'string' },
        wait: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      { allowed: 1, what: 'one grant id' },
    );
    if (values.help) return ok(`${USAGE}\n`);
    const grant = positionals[0];
    if (!grant) throw new UsageError('Name the grant to suspend.');
    return withPolicyStore(env, async (store) => {
      const good = await latestGood(store, env.now);
      if (!good) throw new Error('The policy store has no revision that passes lint; import one.');
      const current = good.policies;
      if (!current.grants.some((g) => g.id === grant)) {
        throw new Error(
          `Revision ${good.revision.revision}, the one in force, has no grant '${grant}'.`,
        );
      }
      const stored = await appendChecked(
        store,
        { ...current, grants: current.grants.filter((g) => g.id !== grant) },
        {
          cause: 'suspension',
          author: values.author ?? process.env.USER ?? 'operator',
          note: values.note ?? `suspends ${grant}`,
          urgent: true,
        },
        env.now,
      );
      const { receipt, text } = await receiptText(
        store,
        stored,
        Number(values.wait ?? DEFAULT_RECEIPT_WAIT_MS),
      );
      return ok(values.json ? `${JSON.stringify({ grant, ...receipt })}\n` : text);
    });
  },
};
