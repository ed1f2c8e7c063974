import { z } from 'zod';

/** Milliseconds a step waits for every live replica's acknowledgement, by default. */
export const DEFAULT_RECEIPT_WAIT_MS = 5_000;
/** The policy store's schema, by default (policy-store DEFAULT_POLICY_SCHEMA). */
export const DEFAULT_POLICY_SCHEMA = 'policy_store';

const schema = z.object({
  /** 'db': approvals, suspensions and terminations write policy revisions; 'files': they are refused. */
  POLICY_SOURCE: z.enum(['files', 'db']).default('files'),
  /** Where the policy store is (default: the data bureau's own database). */
  POLICY_DATABASE_URL: z.string().min(1).optional(),
  /** The policy store's schema. */
  POLICY_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case schema name')
    .default(DEFAULT_POLICY_SCHEMA),
  /** How long a step waits for the receipt of its revision. */
  SHARING_RECEIPT_WAIT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(DEFAULT_RECEIPT_WAIT_MS),
});

/** How the data bureau reaches the live policy. */
export type SharingConfig = Readonly<z.infer<typeof schema>>;

/** Reads the sharing configuration from the environment; throws naming the key and the fix. */
export function sharingConfig(env: NodeJS.ProcessEnv = process.env): SharingConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')}: ${issue.message}.`);
  }
  return Object.freeze(parsed.data);
}
