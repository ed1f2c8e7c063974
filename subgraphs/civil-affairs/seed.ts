import type { City, SubsistenceAllowance } from '../../fixtures/city/types';
import { flatMap, map, type CopyValue, type LoadTable } from '../kit';

/** Civil affairs keeps marriage registrations, allowance cases and the members each covers. */
export async function seed(city: City, load: LoadTable): Promise<void> {
  await load(
    'marriage_record',
    ['registration_number', 'party_a_id', 'party_b_id', 'kind', 'registered_on', 'district_code'],
    map(city.marriages(), (m) => [
      m.registrationNumber,
      m.partyAId,
      m.partyBId,
      m.kind,
      m.registeredOn,
      m.districtCode,
    ]),
  );
  await load(
    'allowance',
    [
      'case_number',
      'applicant_id',
      'status',
      'monthly_amount',
      'household_size',
      'district_code',
      'approved_on',
      'review_due',
    ],
    flatMap(city.households(), (h) =>
      h.subsistenceAllowance ? [allowanceRow(h.subsistenceAllowance, h.districtCode)] : [],
    ),
  );
  await load(
    'allowance_member',
    ['person_id', 'case_number'],
    flatMap(city.households(), (h) => {
      const caseNumber = h.subsistenceAllowance?.caseNumber;
      return caseNumber ? h.members.map((p) => [p.id, caseNumber]) : [];
    }),
  );
}

function allowanceRow(a: SubsistenceAllowance, districtCode: string): CopyValue[] {
  return [
    a.caseNumber,
    a.applicantId,
    a.status,
    a.monthlyAmount,
    a.householdSize,
    districtCode,
    a.approvedOn,
    a.reviewDue,
  ];
}
