import type { Label } from '../i18n';

export const STATUSES: Record<string, Label> = {
  NEW: { zh: '新建', en: 'new' },
  TRIAGED: { zh: '已研判', en: 'triaged' },
  CONFIRMED: { zh: '已确认', en: 'confirmed' },
  DISMISSED: { zh: '已排除', en: 'dismissed' },
  CLOSED: { zh: '已关闭', en: 'closed' },
};

export const KINDS: Record<string, Label> = {
  ANOMALY: { zh: '异常规则', en: 'anomaly rule' },
  CHALLENGE: { zh: '群众质疑', en: 'citizen challenge' },
};

export const MEASURES: Record<string, Label> = {
  requests: { zh: '请求数', en: 'requests' },
  distinctPersons: { zh: '涉及人数', en: 'distinct persons' },
  caseNumbers: { zh: '案件编号数', en: 'case numbers' },
  withoutCaseNumber: { zh: '无案件编号请求', en: 'without case number' },
  offHours: { zh: '工作时间外请求', en: 'outside working hours' },
  refused: { zh: '被拒绝请求', en: 'refused' },
  maxPersonsPerDay: { zh: '单日最多人数', en: 'most persons in a day' },
};

/** The 好差评 levels, 1 to 5. */
export const RATINGS: Record<number, Label> = {
  1: { zh: '非常不满意', en: 'very poor' },
  2: { zh: '不满意', en: 'poor' },
  3: { zh: '基本满意', en: 'fair' },
  4: { zh: '满意', en: 'good' },
  5: { zh: '非常满意', en: 'very good' },
};

/** Which moves the inbox offers from each status. */
export const NEXT: Record<string, string[]> = {
  NEW: ['TRIAGED', 'CONFIRMED', 'DISMISSED'],
  TRIAGED: ['CONFIRMED', 'DISMISSED'],
  CONFIRMED: ['CLOSED'],
  DISMISSED: ['CLOSED'],
  CLOSED: [],
};
