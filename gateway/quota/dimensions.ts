import type { Consumer, GrantQuota } from '../../policies';

/** Which count of a grant's quota a request falls under. */
export type QuotaDimension = keyof GrantQuota;

/** One count a request is checked against and added to. */
export interface QuotaCount {
  grantId: string;
  dimension: QuotaDimension;
  key: string;
  max: number;
}

const HOUR_MS = 60 * 60 * 1000;
/** Quotas are per day in China Standard Time (UTC+8), like a grant's `expires`. */
const CST_OFFSET_MS = 8 * HOUR_MS;

/** The China Standard Time day of an instant, as YYYY-MM-DD. */
export function quotaDay(nowMs: number): string {
  return new Date(nowMs + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Seconds until the next China Standard Time day begins (when every quota starts afresh). */
export function secondsToNextDay(nowMs: number): number {
  const day = 24 * HOUR_MS;
  return Math.ceil((day - ((nowMs + CST_OFFSET_MS) % day)) / 1000);
}

/**
 * The counts of one grant's quota a request falls under: per official always (per citizen
 * for a citizen), without a case number only when the request states none, per application
 * only when the token names one.
 */
export function quotaCounts(
  grantId: string,
  quota: GrantQuota,
  who: { consumer: Consumer; caseNumber: string | null },
  prefix: string,
  nowMs: number,
): QuotaCount[] {
  const day = quotaDay(nowMs);
  const counts: QuotaCount[] = [];
  const add = (dimension: QuotaDimension, whose: string | null) => {
    const max = quota[dimension];
    if (max === undefined || whose === null) return;
    counts.push({
      grantId,
      dimension,
      max,
      key: `${prefix}:quota:${grantId}:${dimension}:${whose}:${day}`,
    });
  };
  const { consumer, caseNumber } = who;
  add('personsPerOfficial', `${consumer.kind}:${consumer.id}`);
  if (caseNumber === null) add('personsWithoutCaseNumber', `${consumer.kind}:${consumer.id}`);
  add('personsPerApplication', consumer.application);
  return counts;
}
