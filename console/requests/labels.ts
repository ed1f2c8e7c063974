import type { Label } from '../i18n';

/** Where a request stands (SharingRequestState). */
export const REQUEST_STATES: Record<string, Label> = {
  SUBMITTED: { zh: '待答复', en: 'awaiting reply' },
  RETURNED: { zh: '退回补正', en: 'returned for supplement' },
  EXTENSION_REQUESTED: { zh: '申请延期', en: 'extension requested' },
  APPROVED: { zh: '已同意', en: 'approved' },
  REFUSED: { zh: '不予共享', en: 'refused' },
  SUSPENDED: { zh: '已暂停', en: 'suspended' },
  TERMINATED: { zh: '已终止', en: 'terminated' },
  EXPIRED: { zh: '已到期', en: 'expired' },
  DISPOSED: { zh: '已处置', en: 'disposed of' },
};

/** The reason codes of a refusal (RefusalReason, art. 21). */
export const REFUSAL_REASONS: Record<string, Label> = {
  NO_LEGAL_BASIS: { zh: '无法定依据', en: 'no legal basis' },
  NOT_NECESSARY: { zh: '非履职必需', en: 'not necessary for the purpose' },
  BEYOND_CATALOGUE: { zh: '超出目录共享条件', en: 'beyond the catalogue' },
  SECURITY_RISK: { zh: '存在安全风险', en: 'security risk' },
  OTHER: { zh: '其他', en: 'other' },
};

export const METHODS: Record<string, Label> = {
  INTERFACE: { zh: '接口', en: 'interface' },
  BATCH: { zh: '批量', en: 'batch' },
  FILE: { zh: '文件', en: 'file' },
};

/** The steps of the timeline (SharingEvent.kind: the step's name). */
export const EVENT_KINDS: Record<string, Label> = {
  submit: { zh: '提交申请', en: 'submitted' },
  return: { zh: '退回补正', en: 'returned for supplement' },
  supplement: { zh: '补正材料', en: 'supplemented' },
  'request-extension': { zh: '申请延期', en: 'extension requested' },
  'decide-extension': { zh: '延期决定', en: 'extension decided' },
  reply: { zh: '答复', en: 'replied' },
  'open-dispute': { zh: '提出争议', en: 'dispute opened' },
  'advance-dispute': { zh: '争议推进', en: 'dispute advanced' },
  'decide-dispute': { zh: '争议决定', en: 'dispute decided' },
  'file-narrowing': { zh: '缩小范围备案', en: 'narrowing filed' },
  revision: { zh: '政策修订', en: 'policy revision' },
  'revision-failed': { zh: '政策修订失败', en: 'policy revision failed' },
  suspend: { zh: '暂停共享', en: 'suspended' },
  resume: { zh: '恢复共享', en: 'resumed' },
  terminate: { zh: '终止共享', en: 'terminated' },
  'confirm-disposal': { zh: '确认处置', en: 'disposal confirmed' },
  expire: { zh: '期满', en: 'expired' },
};

/** The stages of a dispute (art. 28). */
export const DISPUTE_STAGES: Record<string, Label> = {
  NEGOTIATION: { zh: '协商', en: 'negotiation' },
  COORDINATION: { zh: '数据主管部门协调', en: 'coordination by the data authority' },
  DECISION: { zh: '本级政府决定', en: 'decision by the government' },
  RESOLVED: { zh: '已解决', en: 'resolved' },
};

/** A label for a code the console may not know yet (the graph is the authority). */
export function named(labels: Record<string, Label>, code: string | null): Label {
  if (code === null) return { zh: '—', en: '' };
  return labels[code] ?? { zh: code, en: code };
}
