import { loadPolicies } from '../../../policies';
import { lintPolicies } from '../../../policies/tooling';
import { classificationFromSdl } from './support/classification-from-sdl';

function setup() {
  return {
    policies: loadPolicies(),
    classification: classificationFromSdl(),
    now: new Date('2026-11-24T09:00:00+08:00'),
  };
}

describe('the policy files in policies/', () => {
  it('lint clean against the classification of schema/*.graphql', () => {
    const { policies, classification, now } = setup();
    expect(lintPolicies(policies, classification, now)).toEqual([]);
  });

  it("would fail lint with the caseworker's grant as it was: ID number masked next to the full birth date", () => {
    const { policies, classification, now } = setup();
    const asItWas = {
      ...policies,
      grants: policies.grants.map((g) =>
        g.id === 'public-security-caseworker-persons'
          ? {
              ...g,
              fields: { ...g.fields, Person: { ...g.fields.Person, birthDate: 'full' as const } },
            }
          : g,
      ),
    };
    expect(
      lintPolicies(asItWas, classification, now).map((f) => [
        f.grantId,
        f.message.match(/only \S+/)?.[0],
      ]),
    ).toEqual([['public-security-caseworker-persons', 'only 45']]);
  });

  it('give every grant a unique id prefixed with its provider', () => {
    const { policies } = setup();
    const ids = policies.grants.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      policies.grants.filter((g) => !g.id.startsWith(`${g.provider}-`)).map((g) => g.id),
    ).toEqual([]);
  });
});
