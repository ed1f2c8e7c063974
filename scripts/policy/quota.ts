import Redis from 'ioredis';
import { quotaCounts, redisQuotaCounts, type QuotaCount } from '../../gateway/quota';
import { DEFAULT_REDIS_PREFIX } from '../../gateway/rate/options';
import type { Consumer, PolicySet } from '../../policies';
import type { FieldDecision } from './field-decisions';

/** One count of a grant's quota as `explain` shows it; `used` null when Redis was not read. */
export interface QuotaState {
  grantId: string;
  dimension: QuotaCount['dimension'];
  max: number;
  used: number | null;
}

/**
 * The quotas of the grants that open the fields read, with what is used today when the
 * gateway's Redis answers (REDIS_URL, REDIS_PREFIX); `note` says why not otherwise.
 */
export async function quotaStates(
  policies: PolicySet,
  fields: readonly FieldDecision[],
  who: { consumer: Consumer; caseNumber: string | null },
  redis: { url: string | undefined; prefix: string | undefined },
  now: Date,
): Promise<{ quotas: QuotaState[]; note: string | null }> {
  const grantIds = new Set(fields.flatMap((f) => (f.grantId ? [f.grantId] : [])));
  const counts = policies.grants
    .filter((g) => g.quota && grantIds.has(g.id))
    .flatMap((g) =>
      quotaCounts(g.id, g.quota!, who, redis.prefix ?? DEFAULT_REDIS_PREFIX, now.getTime()),
    );
  const states = (used: (number | null)[]) =>
    counts.map((c, i) => ({
      grantId: c.grantId,
      dimension: c.dimension,
      max: c.max,
      used: used[i] ?? null,
    }));
  if (counts.length === 0) return { quotas: [], note: null };
  if (!redis.url)
    return {
      quotas: states([]),
      note: 'set REDIS_URL to the gateway’s Redis to see what is used today',
    };
  const client = new Redis(redis.url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const used = await redisQuotaCounts(client).count(counts.map((c) => c.key));
    return { quotas: states(used), note: null };
  } catch (error) {
    return {
      quotas: states([]),
      note: `the gateway’s Redis at ${new URL(redis.url).host} did not answer (${(error as Error).message}); what is used today is unknown`,
    };
  } finally {
    client.disconnect();
  }
}

/** The report's lines about quotas. */
export function quotaLines({
  quotas,
  note,
}: {
  quotas: QuotaState[];
  note: string | null;
}): string[] {
  if (quotas.length === 0) return [];
  return [
    'Quotas (distinct persons per day, China Standard Time):',
    ...quotas.map(
      (q) =>
        `  ${q.grantId} ${q.dimension}: ${q.used === null ? `max ${q.max}` : `${Math.max(0, q.max - q.used)} of ${q.max} left (${q.used} used)`}`,
    ),
    ...(note ? [`  (${note})`] : []),
  ];
}
