import { maskValue, type MaskStyle } from '../../../policies';

const MASKED_STYLES: MaskStyle[] = [
  'NAME',
  'ID_NUMBER',
  'MOBILE',
  'ADDRESS',
  'ACCOUNT',
  'DATE',
  'AMOUNT',
  'REDACT',
];

function setup() {
  let seed = 20261124;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = () =>
    `${1930 + Math.floor(random() * 95)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
  const generators: Record<Exclude<MaskStyle, 'NONE'>, () => unknown> = {
    NAME: () =>
      pick(['张', '王', '李', '欧阳', '诸葛']) +
      Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        pick([...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞']),
      ).join(''),
    ID_NUMBER: () =>
      pick(['510104', '510105', '510107', '510116']) +
      date().replaceAll('-', '') +
      digits(3) +
      pick([...'0123456789X']),
    MOBILE: () => `1${pick([3, 4, 5, 6, 7, 8, 9])}${digits(9)}`,
    ADDRESS: () =>
      `四川省成都市${pick(['锦江区', '武侯区', '双流区'])}${pick(['春熙路街道', '浆洗街街道', '黄甲镇', '永兴乡', '人民南路'])}${pick(['龙江路', '科华北路'])}${1 + Math.floor(random() * 300)}号${1 + Math.floor(random() * 9)}栋`,
    ACCOUNT: () => digits(12 + Math.floor(random() * 8)),
    DATE: date,
    AMOUNT: () => Math.round(random() * 10 ** (1 + Math.floor(random() * 7)) * 100) / 100,
    REDACT: () =>
      random() < 0.5 ? pick(['汉族', '回族', '人民医院', 'MALE']) : Math.floor(random() * 5000),
  };
  return { generators };
}

describe('maskValue', () => {
  it.each([
    ['NAME', '张三丰', '张**'],
    ['NAME', '欧阳娜娜', '欧***'],
    ['NAME', '张', '*'],
    ['ID_NUMBER', '510104199001011234', '51***************4'],
    ['ID_NUMBER', '11010519491231002X', '11***************X'],
    ['MOBILE', '13812345678', '*******5678'],
    ['ADDRESS', '四川省成都市武侯区浆洗街街道龙江路12号3栋', '四川省成都市武侯区浆洗街街道***'],
    ['ADDRESS', '四川省成都市双流区黄甲镇科华北路8号', '四川省成都市双流区黄甲镇***'],
    ['ADDRESS', '四川省成都市武侯区人民南路四段27号附1号', '四川省成都市武侯区***'],
    ['ADDRESS', '浆洗街街道', '浆洗***'],
    ['ACCOUNT', '6222021234567890123', '***************0123'],
    ['ACCOUNT', '1234', '****'],
    ['DATE', '1990-05-12', '1990-**-**'],
    ['DATE', 'unknown', '***'],
    ['AMOUNT', 12345, '10000-20000'],
    ['AMOUNT', 850.5, '800-900'],
    ['AMOUNT', 3, '0-10'],
    ['AMOUNT', '2600', '2000-3000'],
    ['AMOUNT', -5, '<0'],
    ['REDACT', '汉族', '***'],
    ['REDACT', 3200, null],
    ['NAME', 42, '***'],
    ['NONE', '510107', '510107'],
    ['NONE', 12345, 12345],
  ] as const)('%s shows %j as %j', (style, value, expected) => {
    expect(maskValue(style, value)).toEqual(expected);
  });

  it('leaves null as null and masks lists item by item', () => {
    expect(maskValue('NAME', null)).toBeNull();
    expect(maskValue('MOBILE', ['13812345678', '15900001111'])).toEqual([
      '*******5678',
      '*******1111',
    ]);
  });

  it.each(MASKED_STYLES)(
    '%s never gives back the value, or a string containing it, for 500 inputs',
    (style) => {
      const { generators } = setup();
      for (let i = 0; i < 500; i++) {
        const value = generators[style as Exclude<MaskStyle, 'NONE'>]();
        const masked = maskValue(style, value);
        expect(masked).not.toEqual(value);
        if (typeof masked === 'string') expect(masked.includes(String(value))).toBe(false);
      }
    },
  );

  it.each(MASKED_STYLES)('%s never gives back edge-case values whole', (style) => {
    for (const value of ['', '*', '**', '张', '张*', '1', '12345', '1990', 0, 7, true]) {
      expect(maskValue(style, value)).not.toEqual(value);
    }
  });

  it('keeps what each style promises, and nothing more', () => {
    const { generators } = setup();
    for (let i = 0; i < 300; i++) {
      const name = generators.NAME() as string;
      expect(maskValue('NAME', name)).toBe(name[0] + '*'.repeat(name.length - 1));
      const idNumber = generators.ID_NUMBER() as string;
      expect(maskValue('ID_NUMBER', idNumber)).toBe(
        `${idNumber.slice(0, 2)}${'*'.repeat(15)}${idNumber.slice(17)}`,
      );
      const mobile = generators.MOBILE() as string;
      expect(maskValue('MOBILE', mobile)).toBe(`*******${mobile.slice(7)}`);
      const account = generators.ACCOUNT() as string;
      expect(maskValue('ACCOUNT', account)).toBe(
        '*'.repeat(account.length - 4) + account.slice(-4),
      );
      const date = generators.DATE() as string;
      expect(maskValue('DATE', date)).toBe(`${date.slice(0, 4)}-**-**`);
      const address = generators.ADDRESS() as string;
      expect(maskValue('ADDRESS', address)).toMatch(
        /^四川省成都市..区(?:.+(?:街道|镇|乡))?\*\*\*$/,
      );
      const amount = generators.AMOUNT() as number;
      const [lower, upper] = (maskValue('AMOUNT', amount) as string).split('-').map(Number) as [
        number,
        number,
      ];
      expect(lower <= amount && amount < upper && upper - lower <= Math.max(10, amount)).toBe(true);
    }
  });
});
