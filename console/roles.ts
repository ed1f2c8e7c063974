import type { Label } from './i18n';
import type { Viewer } from './session';

/**
 * The console's roles (issue 16, item 9). What each may read is decided by its grants in the
 * graph; the role only chooses which pages the console offers.
 * - privacy-officer: the data bureau's personal-information protection officer, the whole city;
 * - privacy-contact: a department's privacy contact, their department as consumer and provider;
 * - auditor: read only, for the mandate their grant and token bound in time;
 * - citizen: a person signed in as themselves, who sees only their own pages (/me).
 */
export type ConsoleRole = 'privacy-officer' | 'privacy-contact' | 'auditor' | 'citizen';

export const ROLE_LABELS: Record<ConsoleRole, Label> = {
  'privacy-officer': { zh: '数据局个人信息保护负责人', en: 'data-bureau privacy officer' },
  'privacy-contact': { zh: '部门个人信息保护联络人', en: 'department privacy contact' },
  auditor: { zh: '审计员（只读，限期授权）', en: 'auditor (read only, time-boxed mandate)' },
  citizen: { zh: '群众（本人）', en: 'citizen (yourself)' },
};

/** The development consumers (gateway/identity DEMO_CONSUMERS) that sign in to the console. */
export const CONSOLE_SIGN_IN_CONSUMERS: readonly string[] = [
  'privacy-officer',
  'privacy-contact',
  'auditor',
  'citizen',
];

/** The person the development sign-in's citizen stands for: one of the default city's (the README's example). */
export const DEVELOPMENT_CITIZEN = 'PCYGN28R6';

/** The console role of a signed-in official or citizen; null for anyone else (the console offers them nothing). */
export function consoleRole(viewer: Viewer): ConsoleRole | null {
  if (viewer.kind === 'citizen') return 'citizen';
  if (viewer.kind !== 'official') return null;
  if (viewer.role === 'privacy-officer' && viewer.department === 'data-bureau')
    return 'privacy-officer';
  if (viewer.role === 'privacy-contact') return 'privacy-contact';
  if (viewer.role === 'auditor' && viewer.department === 'data-bureau') return 'auditor';
  return null;
}
