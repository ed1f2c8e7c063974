import type { City } from '../../fixtures/city/types';
import { flatMap, map, type LoadTable } from '../kit';

/** Market regulation keeps the business registry and the penalties it decided. */
export async function seed(city: City, load: LoadTable): Promise<void> {
  await load(
    'enterprise',
    [
      'uscc',
      'name',
      'kind',
      'status',
      'registered_capital',
      'established_on',
      'district_code',
      'address',
      'business_scope',
      'legal_representative_id',
    ],
    map(city.enterprises(), (e) => [
      e.uscc,
      e.name,
      e.kind,
      e.status,
      e.registeredCapital,
      e.establishedOn,
      e.districtCode,
      e.address,
      e.businessScope,
      e.legalRepresentativeId,
    ]),
  );
  await load(
    'penalty',
    ['decision_number', 'enterprise_uscc', 'decided_on', 'reason', 'amount', 'authority_code'],
    flatMap(city.enterprises(), (e) =>
      e.penalties.map((p) => [
        p.decisionNumber,
        e.uscc,
        p.decidedOn,
        p.reason,
        p.amount,
        p.authorityCode,
      ]),
    ),
  );
}
