import type { Department, DistrictCode } from './types';
import { DISTRICTS, MUNICIPAL_CODE, districtInfo } from './districts';
import { organizationCodeCheckChar, usccCheckChar } from './identifiers';

/**
 * The government organs of the city. Real-world fixed, so independent of the seed: the
 * nine municipal bureaus that publish a subgraph, five municipal bureaus that do not, and
 * three district-level bureaus in each district under their municipal counterparts.
 */

export type MunicipalKey =
  | 'public-security'
  | 'market-regulation'
  | 'human-resources'
  | 'civil-affairs'
  | 'tax'
  | 'health'
  | 'hotline'
  | 'evaluation'
  | 'data-bureau'
  | 'housing'
  | 'transport'
  | 'urban-management'
  | 'ecology'
  | 'education';

/** Bureaus that also exist at district level. */
export type DistrictKind = 'market-regulation' | 'civil-affairs' | 'urban-management';

interface Spec {
  key: MunicipalKey;
  name: string;
  nameEn: string;
  subgraph: boolean;
}

const MUNICIPAL: readonly Spec[] = [
  {
    key: 'public-security',
    name: '成都市公安局',
    nameEn: 'Chengdu Municipal Public Security Bureau',
    subgraph: true,
  },
  {
    key: 'market-regulation',
    name: '成都市市场监督管理局',
    nameEn: 'Chengdu Municipal Market Regulation Administration',
    subgraph: true,
  },
  {
    key: 'human-resources',
    name: '成都市人力资源和社会保障局',
    nameEn: 'Chengdu Municipal Human Resources and Social Security Bureau',
    subgraph: true,
  },
  {
    key: 'civil-affairs',
    name: '成都市民政局',
    nameEn: 'Chengdu Municipal Civil Affairs Bureau',
    subgraph: true,
  },
  {
    key: 'tax',
    name: '国家税务总局成都市税务局',
    nameEn: 'Chengdu Municipal Tax Service',
    subgraph: true,
  },
  {
    key: 'health',
    name: '成都市卫生健康委员会',
    nameEn: 'Chengdu Municipal Health Commission',
    subgraph: true,
  },
  {
    key: 'hotline',
    name: '成都市12345市民服务热线中心',
    nameEn: 'Chengdu 12345 Citizen Service Hotline Center',
    subgraph: true,
  },
  {
    key: 'evaluation',
    name: '成都市政务服务管理和网络理政办公室',
    nameEn: 'Chengdu Government Services Administration Office',
    subgraph: true,
  },
  {
    key: 'data-bureau',
    name: '成都市数据局',
    nameEn: 'Chengdu Municipal Data Bureau',
    subgraph: true,
  },
  {
    key: 'housing',
    name: '成都市住房和城乡建设局',
    nameEn: 'Chengdu Municipal Housing and Urban-Rural Development Bureau',
    subgraph: false,
  },
  {
    key: 'transport',
    name: '成都市交通运输局',
    nameEn: 'Chengdu Municipal Transport Bureau',
    subgraph: false,
  },
  {
    key: 'urban-management',
    name: '成都市城市管理委员会',
    nameEn: 'Chengdu Municipal Urban Management Commission',
    subgraph: false,
  },
  {
    key: 'ecology',
    name: '成都市生态环境局',
    nameEn: 'Chengdu Municipal Ecology and Environment Bureau',
    subgraph: false,
  },
  {
    key: 'education',
    name: '成都市教育局',
    nameEn: 'Chengdu Municipal Education Bureau',
    subgraph: false,
  },
];

const DISTRICT_KINDS: readonly { kind: DistrictKind; name: string; nameEn: string }[] = [
  { kind: 'market-regulation', name: '市场监督管理局', nameEn: 'Market Regulation Bureau' },
  { kind: 'civil-affairs', name: '民政局', nameEn: 'Civil Affairs Bureau' },
  { kind: 'urban-management', name: '城市管理局', nameEn: 'Urban Management Bureau' },
];

/** '11' (government organ) + division + GB 11714 organisation code + GB 32100 check. */
function organCode(division: string, serial: number): string {
  const body = division.slice(2) + String(serial).padStart(4, '0');
  const first17 = `11${division}${body}${organizationCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

const municipal = new Map<MunicipalKey, Department>();
MUNICIPAL.forEach((spec, i) => {
  municipal.set(
    spec.key,
    Object.freeze({
      code: organCode(MUNICIPAL_CODE, i + 1),
      name: spec.name,
      nameEn: spec.nameEn,
      level: 'MUNICIPAL',
      districtCode: MUNICIPAL_CODE,
      subgraph: spec.subgraph ? spec.key : null,
      parentCode: null,
    }),
  );
});

const districtLevel = new Map<string, Department>();
for (const district of DISTRICTS) {
  const prefix = district.name.endsWith('市') ? district.name : `成都市${district.name}`;
  DISTRICT_KINDS.forEach(({ kind, name, nameEn }, i) => {
    districtLevel.set(
      `${kind}:${district.code}`,
      Object.freeze({
        code: organCode(district.code, i + 1),
        name: prefix + name,
        nameEn: `${nameEn} of ${district.nameEn}`,
        level: 'DISTRICT',
        districtCode: district.code,
        subgraph: null,
        parentCode: municipalDepartment(kind).code,
      }),
    );
  });
}

/** Every department: municipal ones first, then the district ones district by district. */
export const DEPARTMENTS: readonly Department[] = Object.freeze([
  ...municipal.values(),
  ...districtLevel.values(),
]);

/** The municipal department for a key. */
export function municipalDepartment(key: MunicipalKey): Department {
  return municipal.get(key)!;
}

/** The district-level bureau of a kind in a district. */
export function districtDepartment(kind: DistrictKind, districtCode: DistrictCode): Department {
  const department = districtLevel.get(`${kind}:${districtInfo(districtCode).code}`);
  if (!department) throw new RangeError(`No ${kind} department in district '${districtCode}'.`);
  return department;
}

/** True when the key names a bureau that also exists at district level. */
export function hasDistrictLevel(key: MunicipalKey): key is DistrictKind {
  return DISTRICT_KINDS.some((entry) => entry.kind === key);
}
