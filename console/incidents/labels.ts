import type { Html } from '../html';
import { label, type Label } from '../i18n';

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

/** The anomaly rules (policies/anomalies.yaml) and citizens' challenges, by name. */
export const RULES: Record<string, Label> = {
  'volume-vs-peers': { zh: '查询量远超同岗位', en: 'volume against peers' },
  'persons-without-case': { zh: '无案件编号批量查询', en: 'many persons without a case number' },
  'sensitive-off-hours': {
    zh: '非工作时间查询敏感信息',
    en: 'sensitive reads outside working hours',
  },
  'household-or-colleagues': { zh: '查询本户成员或同事', en: 'own household or colleagues' },
  'person-many-officials': { zh: '一人被多人查询', en: 'one person read by many officials' },
  'two-places': { zh: '同一账号异地同时使用', en: 'one identity in two places' },
  'sequential-paging': { zh: '顺序翻页遍历名单', en: 'sequential paging over a list' },
  probing: { zh: '反复越权试探', en: 'repeated denied attempts' },
  'citizen-challenge': { zh: '群众对数据使用提出质疑', en: 'a citizen challenges a disclosure' },
};

/** A rule's name in Chinese (English beside it), its code when the console does not know it. */
export function ruleLabel(rule: string): Label {
  return RULES[rule] ?? { zh: rule, en: rule };
}

/** An incident's sentence: the Chinese, the English smaller beside it (the English alone for an older one). */
export function explained(incident: {
  explanation: string;
  explanationZh: string | null;
}): Html | string {
  return incident.explanationZh
    ? label({ zh: incident.explanationZh, en: incident.explanation })
    : incident.explanation;
}
