import { consoleRole } from '../../../console/roles';
import { draftFromQuery, submission } from '../../../console/requests/draft';
import { stepVariables } from '../../../console/requests/forms';
import { offeredSteps, partiesOf } from '../../../console/requests/steps';
import type { RequestView } from '../../../console/queries/requests';
import type { Viewer } from '../../../console/session';

const official = (department: string, role: string): Viewer => ({
  id: `demo-${role}`,
  kind: 'official',
  department,
  role,
  jurisdiction: null,
  until: null,
});

const request = (overrides: Partial<RequestView>): RequestView =>
  ({
    requester: 'civil-affairs',
    provider: 'health',
    state: 'SUBMITTED',
    returned: false,
    extensionDays: null,
    disputeStage: null,
    disposalDue: false,
    ...overrides,
  }) as RequestView;

describe('the console roles of the sharing pages', () => {
  it('makes an official under data-sharing a sharing agency, and the data bureau auditor the data authority', () => {
    expect(consoleRole(official('civil-affairs', 'caseworker'), 'data-sharing')).toBe(
      'sharing-agency',
    );
    expect(consoleRole(official('data-bureau', 'auditor'), 'data-sharing')).toBe('data-authority');
    expect(consoleRole(official('data-bureau', 'auditor'), 'audit')).toBe('auditor');
    // Any other purpose, or another data-bureau role, gets no sharing page.
    expect(
      consoleRole(official('civil-affairs', 'caseworker'), 'social-assistance-eligibility'),
    ).toBe(null);
    expect(consoleRole(official('data-bureau', 'developer'), 'data-sharing')).toBe(null);
    // A citizen is a citizen whatever the purpose: their own pages, never the agency's.
    expect(consoleRole({ ...official('health', 'doctor'), kind: 'citizen' }, 'data-sharing')).toBe(
      'citizen',
    );
  });
});

describe('the steps a request page offers', () => {
  const requester = partiesOf(official('civil-affairs', 'caseworker'), request({}));
  const provider = partiesOf(official('health', 'doctor'), request({}));
  const authority = partiesOf(official('data-bureau', 'auditor'), request({}));

  it('offers the provider return, extension and reply on a new request, and the requester nothing', () => {
    expect(offeredSteps(provider, request({}))).toEqual(['return', 'request-extension', 'reply']);
    expect(offeredSteps(requester, request({}))).toEqual([]);
    expect(offeredSteps(provider, request({ returned: true, extensionDays: 5 }))).toEqual([
      'reply',
    ]);
  });

  it('follows the state: supplement, extension decision, disputes, closing, disposal', () => {
    expect(offeredSteps(requester, request({ state: 'RETURNED' }))).toEqual(['supplement']);
    expect(offeredSteps(authority, request({ state: 'EXTENSION_REQUESTED' }))).toEqual([
      'decide-extension',
    ]);
    expect(offeredSteps(provider, request({ state: 'APPROVED' }))).toEqual([
      'open-dispute',
      'file-narrowing',
      'suspend',
      'terminate',
    ]);
    expect(offeredSteps(requester, request({ state: 'APPROVED' }))).toEqual(['open-dispute']);
    const coordination = request({ state: 'REFUSED', disputeStage: 'COORDINATION' });
    expect(offeredSteps(requester, coordination)).toEqual([]);
    expect(offeredSteps(authority, coordination)).toEqual(['advance-dispute']);
    // At the government's decision only the data authority's decision form is offered.
    const decision = request({ state: 'REFUSED', disputeStage: 'DECISION' });
    expect(offeredSteps(authority, decision)).toEqual(['decide-dispute']);
    expect(offeredSteps(provider, decision)).toEqual([]);
    expect(offeredSteps(requester, request({ state: 'TERMINATED', disposalDue: true }))).toEqual([
      'confirm-disposal',
    ]);
  });
});

describe('the forms of the sharing pages', () => {
  it('pre-fills a new request from a denial and reads the form back into the input', () => {
    const draft = draftFromQuery(
      new URLSearchParams({
        input: JSON.stringify({
          provider: 'health',
          purpose: 'social-assistance-eligibility',
          method: 'INTERFACE',
          fields: [{ coordinate: 'Person.vaccinations', access: 'FULL' }],
        }),
      }),
    );
    expect(draft.fields).toBe('Person.vaccinations FULL');
    expect(submission({ ...draft, rows: 'Person.districtCode = 510107' })).toMatchObject({
      provider: 'health',
      fields: [{ coordinate: 'Person.vaccinations', access: 'FULL' }],
      rows: [{ type: 'Person', field: 'districtCode', value: '510107' }],
    });
    expect(() => submission({ ...draft, fields: 'Person.vaccinations everything' })).toThrow(
      RangeError,
    );
    expect(() => draftFromQuery(new URLSearchParams({ input: '{"fields": 3}' }))).toThrow(
      RangeError,
    );
  });

  it('turns an approval in part into the fields kept, each with its access', () => {
    const form = new URLSearchParams([
      ['reply', 'APPROVE_IN_PART'],
      ['field', 'Person.vaccinations'],
      ['access:Person.vaccinations', 'MASKED'],
      ['access:Vaccination.dose', 'FULL'],
    ]);
    expect(stepVariables('reply', 'SHR00000001', form)).toEqual({
      input: {
        number: 'SHR00000001',
        reply: 'APPROVE_IN_PART',
        fields: [{ coordinate: 'Person.vaccinations', access: 'MASKED' }],
      },
    });
    expect(() => stepVariables('approve-everything', 'SHR00000001', form)).toThrow(RangeError);
  });
});
