import { loadPolicies } from '../../policies';
import { policyContent, type RevisionCause } from '../../policy-store';
import { parseCommandArgs } from './args';
import { ok, UsageError, type Command } from './command';
import { appendChecked, closesAccess, latestGood, withPolicyStore } from './store';

const CAUSES: readonly RevisionCause[] = ['import', 'sharing-request'];

const USAGE = `Usage: npm run policy -- import [--policies <dir>] [--author <who>] [--cause import|sharing-request]
                               [--note <text>] [--effective-at <ISO time>]

Appends the policy files as a new revision of the policy store (POLICY_DATABASE_URL, else
DATABASE_URL, else npm start's PostgreSQL), once they pass lint. A revision that closes
anything the latest one opens is urgent: departments then refuse contexts signed under older
revisions. Nothing is stored when the content equals the latest revision's.`;

/** `policy import`: the policy files become a revision. */
export const importCommand: Command = {
  name: 'import',
  summary: 'append the policy files as a new revision of the policy store',
  usage: USAGE,
  async run(args, env) {
    const { values } = parseCommandArgs(args, {
      policies: { type: 'string' },
      author: { type: 'string' },
      cause: { type: 'string' },
      note: { type: 'string' },
      'effective-at': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return ok(`${USAGE}\n`);
    const cause = (values.cause ?? 'import') as RevisionCause;
    if (!CAUSES.includes(cause)) throw new UsageError(`--cause is one of ${CAUSES.join(', ')}.`);
    const effectiveAt = values['effective-at'] ? new Date(values['effective-at']) : null;
    if (effectiveAt && Number.isNaN(effectiveAt.getTime())) {
      throw new UsageError('--effective-at must be an ISO 8601 time.');
    }
    const policies = loadPolicies(values.policies);
    return withPolicyStore(env, async (store) => {
      const latest = await store.latest();
      if (latest?.contentSha256 === policyContent(policies).sha256) {
        return ok(`Nothing imported: revision ${latest.revision} has the same content.\n`);
      }
      const good = await latestGood(store, env.now);
      const urgent = good ? closesAccess(good.policies, policies) : false;
      const stored = await appendChecked(
        store,
        policies,
        {
          cause,
          author: values.author ?? process.env.USER ?? 'operator',
          note: values.note ?? null,
          effectiveAt,
          urgent,
        },
        env.now,
      );
      return ok(
        `Revision ${stored.revision} stored (${cause}${urgent ? ', urgent' : ''}), sha256 ${stored.contentSha256}.\n`,
      );
    });
  },
};
