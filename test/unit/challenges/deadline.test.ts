import { challengeDeadline } from '../../../subgraphs/data-bureau/challenges/deadline';
import { objectionDeadline } from '../../../subgraphs/data-bureau/objections/deadline';

describe('challengeDeadline: 15 working days, China Standard Time', () => {
  it('is the 15th working day after the day raised, five working days after an objection’s', () => {
    const monday = new Date('2026-11-23T10:00:00+08:00');
    expect(challengeDeadline(monday)).toBe('2026-12-14');
    expect(objectionDeadline(monday)).toBe('2026-12-07');
  });

  it('skips the National Day holiday (2025-10-01 to 10-08) and counts its make-up Saturday', () => {
    // Raised on 30 September: 1-8 October are holidays, 11 October (Saturday) is a working day.
    expect(challengeDeadline(new Date('2025-09-30T10:00:00+08:00'))).toBe('2025-10-28');
  });
});
