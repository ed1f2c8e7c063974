import type { Enterprise } from './types';
import type { DistrictInfo } from './districts';
import { INDUSTRIES, TRADE_NAME_CHARS, type Industry } from './enterprise-terms';
import { hash } from './random';
import { affine, spreadFactor } from './scramble';

/**
 * Enterprise names, unique by construction: enterprise k gets the k-th (trade name, industry)
 * pair of a keyed permutation. Trade names (字号) have two characters while those suffice for
 * the city's `count` enterprises, three otherwise.
 */
export function enterpriseName(
  seed: number,
  k: number,
  count: number,
  kind: Enterprise['kind'],
  district: DistrictInfo,
): { name: string; industry: Industry } {
  const chars = TRADE_NAME_CHARS.length;
  const length = count <= chars ** 2 * INDUSTRIES.length ? 2 : 3;
  const space = chars ** length * INDUSTRIES.length;
  let index = affine(k, space, spreadFactor(space), hash(seed, 'enterprise-name', 0));
  const industry = INDUSTRIES[index % INDUSTRIES.length]!;
  index = Math.floor(index / INDUSTRIES.length);
  let tradeName = '';
  for (let i = 0; i < length; i++, index = Math.floor(index / chars)) {
    tradeName += TRADE_NAME_CHARS[index % chars];
  }
  const stem = tradeName + industry.name;
  const names: Record<Enterprise['kind'], string> = {
    LIMITED_LIABILITY: `成都${stem}有限公司`,
    JOINT_STOCK: `四川${stem}股份有限公司`,
    SOLE_PROPRIETORSHIP: `成都${stem}经营部（个人独资）`,
    PARTNERSHIP: `成都${stem}合伙企业（有限合伙）`,
    INDIVIDUAL_BUSINESS: `${district.name}${tradeName}${industry.shop}`,
  };
  return { name: names[kind], industry };
}
