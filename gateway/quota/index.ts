export { insuredQuotaCounts, memoryQuotaCounts, redisQuotaCounts } from './counts';
export type { QuotaCounts, Tally } from './counts';
export { quotaCounts, quotaDay, secondsToNextDay } from './dimensions';
export type { QuotaCount, QuotaDimension } from './dimensions';
export { grantQuotaPlugin, QUOTA_ALERT_RATIO } from './plugin';
export type { QuotaEvent } from './plugin';
