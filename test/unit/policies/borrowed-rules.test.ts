import { readFileSync } from 'node:fs';
import { createPolicyEngine, loadPolicies } from '../../../policies';
import { SUPERGRAPH_PATH } from '../../../schema';
import { classificationFromSupergraph } from '../../../schema/classification';
import { citizen, official } from './support/builders';

const supergraph = classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const engine = createPolicyEngine(loadPolicies(), supergraph.classification);

function borrowed(consumer: Parameters<typeof engine.abilityFor>[0], purpose: string, to: string) {
  const ability = engine.abilityFor(consumer, purpose);
  // Packed as shipped: [action, subject, conditions or 0, inverted or 0, fields].
  return ability.borrowedRulesFor(supergraph.borrowedBySubgraph.get(to) ?? new Map(), to);
}

describe('borrowed rules: what decides a reference a department hands out', () => {
  it('lists, per department, the fields it resolves that another department owns', () => {
    expect(supergraph.borrowedBySubgraph.get('civil-affairs')).toEqual(
      new Map([['Person', ['id']]]),
    );
    expect(supergraph.borrowedBySubgraph.get('public-security')).toBeUndefined();
  });

  it("gives civil affairs public security's rule on a citizen's own person id, and nothing else", () => {
    expect(borrowed(citizen('P0042'), 'self-service', 'civil-affairs')).toEqual([
      ['read', 'Person', { id: 'P0042' }, 0, 'id'],
    ]);
  });

  it("gives health the registrar's district rule and her city-wide identity rule on Person.id", () => {
    const registrar = official('public-security', 'registrar', { jurisdiction: '510105' });
    expect(borrowed(registrar, 'household-registration', 'health')).toEqual([
      ['read', 'Person', { districtCode: '510105' }, 0, 'id'],
      ['read', 'Person', 0, 0, 'id'],
    ]);
  });

  it('gives the UNCONDITIONAL keys to everyone, and never a rule of the department itself', () => {
    const inspector = official('market-regulation', 'inspector');
    const toHotline = borrowed(inspector, 'market-supervision', 'hotline');
    expect(toHotline).toEqual(
      expect.arrayContaining([
        ['read', 'Enterprise', 0, 0, 'uscc'],
        ['read', 'Department', 0, 0, 'code'],
      ]),
    );
    expect(
      borrowed(inspector, 'market-supervision', 'market-regulation').map((r) => r[1]),
    ).not.toContain('Enterprise');
  });
});
