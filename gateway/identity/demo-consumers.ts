import type { TokenClaims } from './mint';

/** An example consumer of DOMAIN.md: the claims of its token and the purpose it usually states. */
export interface DemoConsumer {
  description: string;
  /** Claims of its token, without `sub` and `person` (see demoClaims). */
  claims: Omit<TokenClaims, 'sub' | 'person'>;
  /** The purpose code it sends in `x-purpose`. */
  purpose: string;
}

/** The example consumers `npm run token` mints for. All of them are synthetic. */
export const DEMO_CONSUMERS = {
  caseworker: {
    description: 'civil-affairs caseworker in 武侯区 (510107)',
    claims: { kind: 'official', dept: 'civil-affairs', role: 'caseworker', jurisdiction: '510107' },
    purpose: 'social-assistance-eligibility',
  },
  inspector: {
    description: 'market-regulation inspector in 锦江区 (510104)',
    claims: {
      kind: 'official',
      dept: 'market-regulation',
      role: 'inspector',
      jurisdiction: '510104',
    },
    purpose: 'market-supervision',
  },
  registrar: {
    description: 'public-security household registrar in 青羊区 (510105)',
    claims: {
      kind: 'official',
      dept: 'public-security',
      role: 'registrar',
      jurisdiction: '510105',
    },
    purpose: 'household-registration',
  },
  dispatcher: {
    description: '12345 hotline dispatcher (city-wide)',
    claims: { kind: 'official', dept: 'hotline', role: 'dispatcher' },
    purpose: 'appeal-handling',
  },
  citizen: {
    description: 'a citizen reading their own record (needs --person <id>)',
    claims: { kind: 'citizen' },
    purpose: 'self-service',
  },
  auditor: {
    description: 'data-bureau auditor',
    claims: { kind: 'official', dept: 'data-bureau', role: 'auditor' },
    purpose: 'audit',
  },
  doctor: {
    description: 'health doctor',
    claims: { kind: 'official', dept: 'health', role: 'doctor' },
    purpose: 'medical-treatment',
  },
  'privacy-officer': {
    description: 'data-bureau privacy officer (个人信息保护负责人, the whole city)',
    claims: { kind: 'official', dept: 'data-bureau', role: 'privacy-officer' },
    purpose: 'privacy-oversight',
  },
  'privacy-contact': {
    description: 'civil-affairs privacy contact (个人信息保护联络人, their department)',
    claims: { kind: 'official', dept: 'civil-affairs', role: 'privacy-contact' },
    purpose: 'privacy-oversight',
  },
  developer: {
    description: 'data-bureau developer of cross-department applications',
    claims: { kind: 'official', dept: 'data-bureau', role: 'developer' },
    purpose: 'service-development',
  },
} as const satisfies Record<string, DemoConsumer>;

export type DemoConsumerName = keyof typeof DEMO_CONSUMERS;

/** Whether `name` is one of DEMO_CONSUMERS. */
export function isDemoConsumer(name: string): name is DemoConsumerName {
  return Object.hasOwn(DEMO_CONSUMERS, name);
}

/** The full claims of a demo consumer's token; a citizen's needs the person id it stands for. */
export function demoClaims(name: DemoConsumerName, personId?: string): TokenClaims {
  const { claims } = DEMO_CONSUMERS[name];
  if (claims.kind === 'official') return { sub: `demo-${name}`, ...claims };
  if (!personId)
    throw new Error(`A ${name} token needs the person id it stands for: --person <id>.`);
  return { sub: `demo-citizen-${personId}`, ...claims, person: personId };
}
