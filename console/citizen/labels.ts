import type { Label } from '../i18n';

/** Where a challenge is, as 12345 tells it (受理, 办理, 答复, 评价). */
export const STAGES: Record<string, Label> = {
  ACCEPTED: { zh: '已受理', en: 'accepted' },
  HANDLED: { zh: '办理中', en: 'being handled' },
  ANSWERED: { zh: '已答复，待评价', en: 'answered, to rate' },
  RATED: { zh: '已评价', en: 'rated' },
};

/** What the department found, as the citizen reads it. */
export const FINDINGS: Record<string, Label> = {
  DISMISSED: { zh: '经核查属依法履职', en: 'found lawful' },
  CONFIRMED: { zh: '经核查查询不当，已纠正', en: 'found not justified, corrected' },
};

/** A UTC time as China Standard Time, to the minute (what a citizen reads). */
export function beijingTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${t.slice(0, 16).replace('T', ' ')}`;
}
