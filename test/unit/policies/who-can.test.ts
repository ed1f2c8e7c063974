import { loadPolicies } from '../../../policies';
import { whoCanRead } from '../../../policies/tooling';
import { classificationFromSdl } from './support/classification-from-sdl';

function setup() {
  return { policies: loadPolicies(), classification: classificationFromSdl() };
}

describe('whoCanRead', () => {
  it('lists every grant that opens a field, with its consumer, purposes, rows and expiry', () => {
    const { policies, classification } = setup();
    expect(whoCanRead(policies, classification, 'Person.idNumber')).toEqual([
      {
        consumer: { department: 'civil-affairs', role: 'caseworker' },
        purposes: ['social-assistance-eligibility'],
        effect: 'masked',
        conditions: { districtCode: '$jurisdiction' },
        grantId: 'public-security-caseworker-persons',
        expires: '2027-12-31',
      },
      {
        consumer: { department: 'public-security', role: 'registrar' },
        purposes: ['household-registration'],
        effect: 'full',
        conditions: { districtCode: '$jurisdiction' },
        grantId: 'public-security-registrar-residents',
        expires: '2027-12-31',
      },
      {
        consumer: { department: 'public-security', role: 'registrar' },
        purposes: ['household-registration'],
        effect: 'full',
        conditions: null,
        grantId: 'public-security-registrar-parents-identity',
        expires: '2027-12-31',
      },
      {
        consumer: { department: 'civil-affairs', role: 'registrar' },
        purposes: ['marriage-registration'],
        effect: 'full',
        conditions: null,
        grantId: 'public-security-marriage-registrar-identity',
        expires: '2027-12-31',
      },
      {
        consumer: { citizen: true },
        purposes: ['self-service'],
        effect: 'full',
        conditions: { id: '$personId' },
        grantId: 'public-security-citizen-own-record',
        expires: '2027-12-31',
      },
    ]);
  });

  it('shows NONE fields open to their owner only', () => {
    const { policies, classification } = setup();
    expect(whoCanRead(policies, classification, 'MedicalRecord.diagnosis')).toEqual([
      {
        consumer: { department: 'health', role: 'doctor' },
        purposes: ['medical-treatment'],
        effect: 'full',
        conditions: null,
        grantId: 'health-doctor-medical-records',
        expires: '2027-12-31',
      },
    ]);
  });

  it('shows UNCONDITIONAL fields open to anyone, under any purpose', () => {
    const { policies, classification } = setup();
    expect(whoCanRead(policies, classification, 'ServiceItem.name')).toEqual([
      {
        consumer: { anyone: true },
        purposes: ['*'],
        effect: 'full',
        conditions: null,
        grantId: null,
        expires: null,
      },
    ]);
  });
});
