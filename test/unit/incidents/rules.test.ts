import { DEFAULT_CITY_PERSONS, DEFAULT_CITY_SEED } from '../../../fixtures/city/dataset';
import { evaluate, RULES } from '../../../subgraphs/data-bureau/incidents/rules';
import type { Observation } from '../../../subgraphs/data-bureau/incidents/observation';
import type { RuleName } from '../../../subgraphs/data-bureau/incidents/policy';
import { injected, normalDay } from './support';

// The default city: each rule on a normal day with one offender injected.
const { city, staff, records, now, context } = normalDay({
  seed: DEFAULT_CITY_SEED,
  persons: DEFAULT_CITY_PERSONS,
});
const persons = [...city.households()].flatMap((h) => h.members.map((m) => m.id));
const offender = staff.find((o) => o.id === 'civil-affairs-caseworker-5')!;
const ownRecord = records.find((r) => r.official === offender.id && r.outcome === 'served')!;
const at = (clock: string) => Date.parse(`2026-11-18T${clock}:00+08:00`);
const fresh = (from: number, count: number) => persons.slice(from, from + count);

function many(count: number, patch: (i: number) => Partial<Observation>): Observation[] {
  return Array.from({ length: count }, (_, i) => injected(ownRecord, patch(i)));
}

function found(rule: RuleName, extra: Observation[]) {
  return RULES[rule]([...records, ...extra], context);
}

const cases: [RuleName, () => Observation[], RegExp][] = [
  [
    'volume-vs-peers',
    () => many(320, (i) => ({ at: at('10:00') + i * 60_000 })),
    /made 3\d\d requests in 24 h; the median of 7 peers was \d+/,
  ],
  [
    'persons-without-case',
    () => many(45, (i) => ({ caseNumber: null, subjects: fresh(100 + i, 1) })),
    /read \d+ distinct persons without a case number in 24 h; more than 40/,
  ],
  [
    'sensitive-off-hours',
    () => many(3, (i) => ({ sensitive: true, at: at('22:10') + i * 600_000 })),
    /read sensitive fields 3 times outside working hours \(working days 08:30-18:00/,
  ],
  [
    'household-or-colleagues',
    () => [
      injected(ownRecord, { subjects: [offender.household.at(-1)!] }),
      injected(ownRecord, {
        subjects: [
          staff.find((o) => o.department === offender.department && o !== offender)!.personId,
        ],
      }),
    ],
    /about their own household 1 times and about colleagues of their department 1 times/,
  ],
  [
    'two-places',
    () => [injected(ownRecord, { at: ownRecord.at + 120_000, clientAddress: '172.16.9.9' })],
    /served at two different network addresses 120 s apart/,
  ],
  [
    'sequential-paging',
    () =>
      many(12, (i) => ({
        operationHash: 'op-persons-list',
        at: now - 50 * 60_000 + i * 120_000,
        subjects: fresh(400 + i * 20, 20),
      })),
    /ran one operation 12 times in 60 min, each page disclosing new persons \(240 in all\)/,
  ],
  [
    'probing',
    () =>
      many(9, (i) => ({ outcome: 'refused', subjects: [], at: now - 30 * 60_000 + i * 60_000 })),
    /was refused 9 times in 60 min; more than 8/,
  ],
];

describe.each(cases)('the rule %s', (rule, offence, sentence) => {
  it('raises nothing on the normal day', () => {
    expect(found(rule, [])).toEqual([]);
  });

  it('names the injected offender, with the injected records as evidence and a sentence', () => {
    const extra = offence();
    const findings = found(rule, extra);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ rule, official: offender.id, department: offender.department });
    expect(finding!.evidence).toEqual(expect.arrayContaining(extra.map((r) => r.id)));
    expect(finding!.explanation).toMatch(sentence);
    expect(finding!.explanation).toContain(offender.id);
  });

  it('says it in Chinese too, with the same official and the same figures', () => {
    const [finding] = found(rule, offence());
    const zh = finding!.explanationZh;
    expect(zh).toContain(offender.id);
    expect(zh).toMatch(/即触发本规则。$/);
    expect(numbersIn(zh)).toEqual(numbersIn(finding!.explanation));
  });
});

/** The figures of a sentence, sorted: the Chinese and the English must state the same ones. */
function numbersIn(sentence: string): string[] {
  return (sentence.match(/\d+(?:\.\d+)?/g) ?? []).sort();
}

describe('the rule person-many-officials', () => {
  const read = new Set(records.flatMap((r) => r.subjects));
  const target = persons.find((p) => !read.has(p) && !staff.some((o) => o.household.includes(p)))!;
  const readers = staff.slice(0, 7);
  const crowd = readers.map((o) =>
    injected(
      records.find((r) => r.official === o.id && r.outcome === 'served')!,
      { subjects: [target] },
    ),
  );

  it('raises nothing on the normal day', () => {
    expect(found('person-many-officials', [])).toEqual([]);
  });

  it('raises one incident when seven officials read one person, without naming the person', () => {
    const [finding, ...more] = found('person-many-officials', crowd);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ rule: 'person-many-officials', official: null });
    expect(finding!.evidence.sort()).toEqual(crowd.map((r) => r.id).sort());
    expect(finding!.explanation).toMatch(
      /^One person was read by 7 distinct officials of 1 department\(s\) in 24 h; more than 6/,
    );
    expect(finding!.explanation).not.toContain(target);
    expect(finding!.explanationZh).toBe(
      '同一人在 24 小时内被 1 个部门的 7 名不同工作人员查询；超过 6 名即触发本规则。',
    );
  });

  it('stays quiet at six officials, the parameter', () => {
    expect(found('person-many-officials', crowd.slice(0, 6))).toEqual([]);
  });
});

describe('a run of every rule', () => {
  it('finds what each rule finds on its own, in the rules’ order', async () => {
    const extra = [
      ...many(45, (i) => ({ caseNumber: null, subjects: fresh(100 + i, 1) })),
      injected(ownRecord, { at: ownRecord.at + 120_000, clientAddress: '172.16.9.9' }),
    ];
    const all = [...records, ...extra];
    const alone = (Object.keys(RULES) as RuleName[]).flatMap((name) => RULES[name](all, context));
    expect(alone.map((f) => f.rule)).toEqual(['persons-without-case', 'two-places']);
    expect(await evaluate(all, context)).toEqual(alone);
  });

  it('lets the event loop answer between two rules (requests are not held for the whole run)', async () => {
    const turns: string[] = [];
    await evaluate(records, context, {
      'volume-vs-peers': () => {
        setImmediate(() => turns.push('a request'));
        turns.push('first rule');
        return [];
      },
      probing: () => {
        turns.push('second rule');
        return [];
      },
    });
    expect(turns).toEqual(['first rule', 'a request', 'second rule']);
  });
});
