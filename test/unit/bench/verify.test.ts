import { sameAsStock, type Verification } from '../../../bench/verify';

const answer = (data: unknown): Verification => ({
  ok: true,
  status: 200,
  problem: null,
  masked: null,
  statements: 1,
  data,
});

it("fails a peer whose data differs from stock's for the same variables, and leaves ours alone", () => {
  const stock = answer({
    enterprise: { uscc: '91510100MA61', name: 'Chengdu Tea', status: 'ACTIVE' },
  });
  const same = answer({
    enterprise: { uscc: '91510100MA61', name: 'Chengdu Tea', status: 'ACTIVE' },
  });
  const other = answer({ enterprise: { uscc: '91510100MA61', name: 'Chengdu Tea', status: null } });

  expect(sameAsStock('hive-rust', same, stock)).toEqual(same);
  expect(sameAsStock('hive-rust', other, stock)).toMatchObject({
    ok: false,
    problem: expect.stringMatching(/^data differs from stock's for the same variables/),
  });
  // Ours masks and filters by policy: its answer is checked by shape, not against stock.
  expect(sameAsStock('ours', other, stock)).toEqual(other);
  expect(sameAsStock('hive', other, undefined)).toEqual(other);
});
