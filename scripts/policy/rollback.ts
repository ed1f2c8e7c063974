import { parseCommandArgs } from './args';
import { ok, UsageError, type Command } from './command';
import {
  appendChecked,
  closesAccess,
  latestGood,
  policiesAt,
  receiptText,
  revisionAt,
  withPolicyStore,
} from './store';
import { DEFAULT_RECEIPT_WAIT_MS } from './suspend';

const USAGE = `Usage: npm run policy -- rollback --to <n> [--author <who>] [--note <why>] [--wait <ms>] [--json]

Appends a new revision with revision n's content (cause: rollback; nothing is removed from
the store). Urgent when it closes anything the latest revision opens. Prints the receipt.`;

/** `policy rollback`: an earlier revision's content, as a new revision. */
export const rollbackCommand: Command = {
  name: 'rollback',
  summary: "restore an earlier revision's content as a new revision, with a receipt",
  usage: USAGE,
  async run(args, env) {
    const { values } = parseCommandArgs(args, {
      to: { type: 'string' },
      author: { type: 'string' },
      note: { type: 'string' },
      wait: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return ok(`${USAGE}\n`);
    if (!values.to || !/^\d+$/.test(values.to))
      throw new UsageError('--to <revision> is required.');
    const to = values.to;
    return withPolicyStore(env, async (store) => {
      const target = await revisionAt(store, to);
      const restored = await policiesAt(store, to);
      const latest = (await latestGood(store, env.now))?.policies ?? restored;
      const stored = await appendChecked(
        store,
        restored,
        {
          cause: 'rollback',
          author: values.author ?? process.env.USER ?? 'operator',
          note: values.note ?? null,
          urgent: closesAccess(latest, restored),
          restores: target.revision,
        },
        env.now,
      );
      const { receipt, text } = await receiptText(
        store,
        stored,
        Number(values.wait ?? DEFAULT_RECEIPT_WAIT_MS),
      );
      return ok(values.json ? `${JSON.stringify(receipt)}\n` : text);
    });
  },
};
