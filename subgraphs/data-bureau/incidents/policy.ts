import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** The file holding the anomaly rules' parameters. */
export const ANOMALY_POLICY_PATH = join(__dirname, '../../../policies/anomalies.yaml');

const hours = z
  .number()
  .int()
  .min(1)
  .max(24 * 7);
const minutes = z
  .number()
  .int()
  .min(1)
  .max(24 * 60);
const count = z.number().int().min(1);
const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time as HH:MM');

export const anomalyPolicySchema = z
  .object({
    workingHours: z.object({ start: clock, end: clock }).strict(),
    rules: z
      .object({
        'volume-vs-peers': z
          .object({
            windowHours: hours,
            minPeers: count,
            factor: z.number().min(1),
            minRecords: count,
          })
          .strict(),
        'persons-without-case': z.object({ windowHours: hours, maxPersons: count }).strict(),
        'sensitive-off-hours': z
          .object({ windowHours: hours, maxRecords: z.number().int().min(0) })
          .strict(),
        'household-or-colleagues': z.object({ windowHours: hours }).strict(),
        'person-many-officials': z.object({ windowHours: hours, maxOfficials: count }).strict(),
        'two-places': z.object({ windowMinutes: minutes }).strict(),
        'sequential-paging': z
          .object({ windowMinutes: minutes, minPages: count, minNewPersonsPerPage: count })
          .strict(),
        probing: z.object({ windowMinutes: minutes, maxRefused: count }).strict(),
      })
      .strict(),
  })
  .strict();

export type AnomalyPolicy = z.infer<typeof anomalyPolicySchema>;
export type RuleName = keyof AnomalyPolicy['rules'];
export type RuleParameters<R extends RuleName> = AnomalyPolicy['rules'][R];

/** Parses and validates the anomaly policy; an error names the file and every bad key. */
export function parseAnomalyPolicy(text: string, file = ANOMALY_POLICY_PATH): AnomalyPolicy {
  const parsed = anomalyPolicySchema.safeParse(parse(text));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(file)'}: ${i.message}`,
    );
    throw new Error(`${file}: invalid anomaly policy: ${problems.join('; ')}. Fix those keys.`);
  }
  return Object.freeze(parsed.data);
}

/** The anomaly policy of policies/anomalies.yaml. */
export function loadAnomalyPolicy(path = ANOMALY_POLICY_PATH): AnomalyPolicy {
  return parseAnomalyPolicy(readFileSync(path, 'utf8'), path);
}

/** The longest window any rule looks back over, in milliseconds. */
export function longestWindowMs(policy: AnomalyPolicy): number {
  return Math.max(
    ...Object.values(policy.rules).map((p) =>
      'windowHours' in p ? p.windowHours * 3_600_000 : p.windowMinutes * 60_000,
    ),
  );
}
