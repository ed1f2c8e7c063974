import { takeSubjects } from '../../../gateway/subjects';
import type { GatewayContext } from '../../../gateway/context';
import { createLogger } from '../../../gateway/logger';

const logger = createLogger('silent');
const context = () => ({ requestId: 'req-1', subjects: new Set<string>() }) as GatewayContext;

describe('takeSubjects: a department report is judged whole', () => {
  it('takes a well-formed report and removes it from the response', () => {
    const ctx = context();
    const response = { extensions: { subjects: ['PFB9YBZ34', 'PCYGN28R6'], other: 1 } };
    takeSubjects(response, ctx, 'public-security', logger);
    expect([...ctx.subjects]).toEqual(['PFB9YBZ34', 'PCYGN28R6']);
    expect(response.extensions).toEqual({ other: 1 });
  });

  it.each([
    ['a string', 'PFB9YBZ34'],
    ['an object', { 0: 'PFB9YBZ34' }],
    ['a number among the ids', ['PFB9YBZ34', 7]],
    ['null among the ids', ['PFB9YBZ34', null]],
    ['a nested array', [['PFB9YBZ34']]],
    ['an id with a zero-width space', ['PFB9\u200bYBZ34']],
    ['an id with a bidi override', ['\u202ePFB9YBZ34']],
    ['an id in full-width letters', ['ＰFB9YBZ34']],
    ['an empty id', ['']],
    ['an id of 65 characters', ['P'.repeat(65)]],
    ['more ids than any response may report', Array.from({ length: 100_001 }, () => 'P1')],
  ])('fails the call on %s, taking nothing', (_what, subjects) => {
    const ctx = context();
    expect(() =>
      takeSubjects({ extensions: { subjects } }, ctx, 'public-security', logger),
    ).toThrow(expect.objectContaining({ extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
    expect(ctx.subjects.size).toBe(0);
  });

  it.each([
    ['a string', 'subjects'],
    ['an array', [['PFB9YBZ34']]],
  ])('fails the call when extensions is %s', (_what, extensions) => {
    expect(() => takeSubjects({ extensions }, context(), 'public-security', logger)).toThrow(
      /malformed/,
    );
  });

  it('reads only an own `subjects`: a __proto__-shaped report adds nothing', () => {
    const ctx = context();
    const response = { extensions: JSON.parse('{"__proto__": {"subjects": ["PFB9YBZ34"]}}') };
    takeSubjects(response, ctx, 'public-security', logger);
    expect(ctx.subjects.size).toBe(0);
    expect(({} as Record<string, unknown>).subjects).toBeUndefined();
  });

  it('takes the last of duplicated keys, as JSON does, and duplicated ids once', () => {
    const ctx = context();
    const response = {
      extensions: JSON.parse('{"subjects": ["PX"], "subjects": ["PFB9YBZ34", "PFB9YBZ34"]}'),
    };
    takeSubjects(response, ctx, 'public-security', logger);
    expect([...ctx.subjects]).toEqual(['PFB9YBZ34']);
  });

  it('a malformed report poisons nothing: the next call is taken as usual', () => {
    const ctx = context();
    expect(() => takeSubjects({ extensions: { subjects: [1] } }, ctx, 'tax', logger)).toThrow();
    takeSubjects({ extensions: { subjects: ['PFB9YBZ34'] } }, ctx, 'tax', logger);
    expect([...ctx.subjects]).toEqual(['PFB9YBZ34']);
  });

  it('ignores a response without extensions or without subjects', () => {
    const ctx = context();
    takeSubjects({}, ctx, 'tax', logger);
    takeSubjects({ extensions: { other: true } }, ctx, 'tax', logger);
    expect(ctx.subjects.size).toBe(0);
  });
});
