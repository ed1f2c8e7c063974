import type { ReachSource } from '../kit';
import { ENTERPRISE_ROW, REPRESENTATIVE_ROW } from './store';

const REPRESENTATIVES = { from: 'enterprise e', persons: ['e.legal_representative_id'] };

/**
 * Where the persons behind market regulation's shareable fields are, for counting those a
 * draft grant opens (kit/sharing-reach.ts): the legal representatives, the only persons its
 * tables name. Penalties and the registration are about enterprises: they have no source, so a
 * count naming them is refused.
 */
export const MARKET_REGULATION_REACH: readonly ReachSource[] = [
  {
    // The loader also applies the Enterprise row filter, but every enterprise passes it for
    // every caller (its registration is UNCONDITIONAL: the built-in rule has no conditions),
    // so a draft's Enterprise rows do not limit this path.
    serves: ['Person.enterprisesRepresented'],
    ...REPRESENTATIVES,
    filters: [['Person', REPRESENTATIVE_ROW, 'enterprisesRepresented']],
  },
  {
    // Returned per row only where a rule opening the field admits the enterprise (row gate).
    serves: ['Enterprise.legalRepresentative'],
    ...REPRESENTATIVES,
    filters: [['Enterprise', ENTERPRISE_ROW, 'legalRepresentative']],
  },
];
