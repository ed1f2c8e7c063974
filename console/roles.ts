import type { Label } from './i18n';
import type { Viewer } from './session';

/**
 * The console's roles (issue 16, item 9). What each may read is decided by its grants in the
 * graph; the role only chooses which pages the console offers.
 * - privacy-officer: the data bureau's personal-information protection officer, the whole city;
 * - privacy-contact: a department's privacy contact, their department as consumer and provider;
 * - auditor: read only, for the mandate their grant and token bound in time;
 * - sharing-agency: an official of a department's sharing agency (共享工作机构), signed in for the
 *   purpose data-sharing: files its department's requests and reviews those for its data;
 * - data-authority: the data bureau's auditor acting for the data authority (数据主管部门) under
 *   data-sharing: every request, extensions, disputes, suspensions, refusal statistics;
 * - citizen: a person signed in as themselves, who sees only their own pages (/me).
 */
export type ConsoleRole =
  | 'privacy-officer'
  | 'privacy-contact'
  | 'auditor'
  | 'sharing-agency'
  | 'data-authority'
  | 'citizen';

export const ROLE_LABELS: Record<ConsoleRole, Label> = {
  'privacy-officer': { zh: '数据局个人信息保护负责人', en: 'data-bureau privacy officer' },
  'privacy-contact': { zh: '部门个人信息保护联络人', en: 'department privacy contact' },
  auditor: { zh: '审计员（只读，限期授权）', en: 'auditor (read only, time-boxed mandate)' },
  'sharing-agency': { zh: '部门共享工作机构', en: 'department sharing agency' },
  'data-authority': { zh: '数据主管部门（共享审核）', en: 'data authority (sharing oversight)' },
  citizen: { zh: '群众（本人）', en: 'citizen (yourself)' },
};

/** The person the development sign-in's citizen stands for: one of the default city's (the README's example). */
export const DEVELOPMENT_CITIZEN = 'PCYGN28R6';

/** The purpose a sharing agency and the data authority sign in for (policies/purposes.yaml). */
export const SHARING_PURPOSE = 'data-sharing';

/** One choice of the development sign-in: a development consumer, and the purpose it states. */
export interface ConsoleSignInChoice {
  /** The form's value. */
  value: string;
  /** The development consumer (gateway/identity DEMO_CONSUMERS) whose token is minted. */
  consumer: string;
  /** The purpose the console states for it (default: the consumer's own). */
  purpose?: string;
  /** The person a citizen's token names. */
  person?: string;
  role: ConsoleRole;
}

/** What the development sign-in offers, in order. */
export const CONSOLE_SIGN_IN_CHOICES: readonly ConsoleSignInChoice[] = [
  { value: 'privacy-officer', consumer: 'privacy-officer', role: 'privacy-officer' },
  { value: 'privacy-contact', consumer: 'privacy-contact', role: 'privacy-contact' },
  { value: 'auditor', consumer: 'auditor', role: 'auditor' },
  {
    value: 'sharing-civil-affairs',
    consumer: 'caseworker',
    purpose: SHARING_PURPOSE,
    role: 'sharing-agency',
  },
  { value: 'sharing-health', consumer: 'doctor', purpose: SHARING_PURPOSE, role: 'sharing-agency' },
  {
    value: 'data-authority',
    consumer: 'auditor',
    purpose: SHARING_PURPOSE,
    role: 'data-authority',
  },
  { value: 'citizen', consumer: 'citizen', person: DEVELOPMENT_CITIZEN, role: 'citizen' },
];

/** The development consumers the console's sign-in mints tokens for. */
export const CONSOLE_SIGN_IN_CONSUMERS: readonly string[] = [
  ...new Set(CONSOLE_SIGN_IN_CHOICES.map((c) => c.consumer)),
];

/**
 * The console role of a signed-in citizen, or of an official with their purpose; null for
 * anyone else (the console offers them nothing). Under data-sharing an official of a department is its sharing
 * agency, and the data bureau's auditor the data authority; the grants decide what they see.
 */
export function consoleRole(viewer: Viewer, purpose: string): ConsoleRole | null {
  if (viewer.kind === 'citizen') return 'citizen';
  if (viewer.kind !== 'official') return null;
  if (purpose === SHARING_PURPOSE) {
    if (viewer.department === 'data-bureau')
      return viewer.role === 'auditor' ? 'data-authority' : null;
    return viewer.department && viewer.role ? 'sharing-agency' : null;
  }
  if (viewer.role === 'privacy-officer' && viewer.department === 'data-bureau')
    return 'privacy-officer';
  if (viewer.role === 'privacy-contact') return 'privacy-contact';
  if (viewer.role === 'auditor' && viewer.department === 'data-bureau') return 'auditor';
  return null;
}
