import { html, type Html } from './html';

/** A label in Chinese, with the English shown beside it where it helps. */
export interface Label {
  zh: string;
  en: string;
}

/** Chinese first, the English smaller beside it. */
export function label(text: Label): Html {
  return html`<span lang="zh-CN">${text.zh}</span> <span class="en" lang="en">${text.en}</span>`;
}

/** The Chinese alone (titles, buttons), the English in `title` for a hover. */
export function zh(text: Label): Html {
  return html`<span title="${text.en}">${text.zh}</span>`;
}

export const OUTCOMES: Record<string, Label> = {
  SERVED: { zh: '已提供', en: 'served' },
  REFUSED: { zh: '已拒绝', en: 'refused' },
  FAILED: { zh: '失败', en: 'failed' },
};

export const EFFECTS: Record<string, Label> = {
  ALLOW: { zh: '明文', en: 'in full' },
  MASK: { zh: '脱敏', en: 'masked' },
  DENY: { zh: '拒绝', en: 'denied' },
};
