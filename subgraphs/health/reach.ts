import type { ReachSource } from '../kit';
import { CERTIFICATE_COLUMNS, VACCINATION_FILTERS } from './store';

/**
 * Where the persons behind health's shareable fields are, for counting those a draft grant
 * opens (kit/sharing-reach.ts): the loaders' own tables and row filters. Medical records are
 * NONE (not shared): no source, so a count naming them is refused.
 */
export const HEALTH_REACH: readonly ReachSource[] = [
  {
    serves: ['Person.vaccinations', 'Vaccination'],
    from: 'vaccination',
    persons: ['person_id'],
    filters: VACCINATION_FILTERS,
  },
  {
    serves: [
      'Query.birthCertificate',
      'Query.birthCertificates',
      'Person.birthCertificate',
      'BirthCertificate',
    ],
    from: 'birth_certificate',
    // A certificate is about the child and both parents (index.ts subjects).
    persons: ['child_id', 'mother_id', 'father_id'],
    filters: [['BirthCertificate', CERTIFICATE_COLUMNS]],
  },
];
