import type { District, DistrictCode } from './types';
import { WeightedTable, type Rng } from './random';

/** Municipal division code of Chengdu itself (municipal departments, municipal records). */
export const MUNICIPAL_CODE = '510100';

export interface DistrictInfo extends District {
  /** English name used in department names, e.g. 'Wuhou District'. */
  nameEn: string;
  /** Short form used in document numbers, e.g. '武侯'. */
  short: string;
  /** Relative resident population, for weighted placement. */
  weight: number;
  /** Sub-district offices (街道); road names are built from their first two characters. */
  streets: readonly string[];
}

function district(
  code: string,
  name: string,
  nameEn: string,
  weight: number,
  streets: readonly string[],
): DistrictInfo {
  return { code, name, nameEn, short: name.slice(0, -1), weight, streets };
}

/** The 12 districts of DOMAIN.md, in division-code order, with some of their 街道. */
export const DISTRICTS: readonly DistrictInfo[] = [
  district('510104', '锦江区', 'Jinjiang District', 90, [
    '春熙路街道',
    '书院街街道',
    '合江亭街道',
    '牛市口街道',
    '沙河街道',
  ]),
  district('510105', '青羊区', 'Qingyang District', 95, [
    '少城街道',
    '草市街街道',
    '府南街道',
    '光华街道',
    '金沙街道',
  ]),
  district('510106', '金牛区', 'Jinniu District', 126, [
    '西安路街道',
    '驷马桥街道',
    '荷花池街道',
    '抚琴街道',
    '茶店子街道',
  ]),
  district('510107', '武侯区', 'Wuhou District', 120, [
    '玉林街道',
    '浆洗街街道',
    '望江路街道',
    '红牌楼街道',
    '簇桥街道',
  ]),
  district('510108', '成华区', 'Chenghua District', 138, [
    '猛追湾街道',
    '建设路街道',
    '府青路街道',
    '双桥子街道',
    '龙潭街道',
  ]),
  district('510112', '龙泉驿区', 'Longquanyi District', 134, [
    '龙泉街道',
    '大面街道',
    '十陵街道',
    '同安街道',
  ]),
  district('510114', '新都区', 'Xindu District', 156, [
    '新都街道',
    '大丰街道',
    '三河街道',
    '新繁街道',
  ]),
  district('510115', '温江区', 'Wenjiang District', 97, [
    '柳城街道',
    '公平街道',
    '天府街道',
    '涌泉街道',
  ]),
  district('510116', '双流区', 'Shuangliu District', 146, [
    '东升街道',
    '西航港街道',
    '九江街道',
    '黄甲街道',
  ]),
  district('510117', '郫都区', 'Pidu District', 140, [
    '郫筒街道',
    '犀浦街道',
    '红光街道',
    '团结街道',
  ]),
  district('510181', '都江堰市', 'Dujiangyan City', 71, [
    '灌口街道',
    '幸福街道',
    '银杏街道',
    '奎光塔街道',
  ]),
  district('510185', '简阳市', 'Jianyang City', 112, [
    '简城街道',
    '射洪坝街道',
    '东溪街道',
    '石桥街道',
  ]),
];

const BY_CODE = new Map(DISTRICTS.map((d) => [d.code, d]));

/** The district with this division code; throws for a code outside the city. */
export function districtInfo(code: DistrictCode): DistrictInfo {
  const district = BY_CODE.get(code);
  if (!district) throw new RangeError(`'${code}' is not one of the city's district codes.`);
  return district;
}

/** Districts weighted by population: where households and enterprises are placed. */
export const DISTRICT_BY_POPULATION = new WeightedTable(
  DISTRICTS.map((d) => [d, d.weight] as const),
);

const ROAD_SUFFIXES = ['路', '北路', '南路', '东路', '西路', '中路', '大道', '街', '一街', '二巷'];

/** A place in a district: the street-level part and the full address below it. */
export interface Place {
  district: DistrictInfo;
  /** '成都市武侯区玉林街道' */
  street: string;
  /** '成都市武侯区玉林街道玉林北路12号' (no building or flat). */
  road: string;
}

/** A random street and road number in the district. */
export function randomPlace(rng: Rng, district: DistrictInfo): Place {
  const street = rng.pick(district.streets);
  const streetPart = `成都市${district.name}${street}`;
  const road = `${street.slice(0, 2)}${rng.pick(ROAD_SUFFIXES)}${rng.int(1, 299)}号`;
  return { district, street: streetPart, road: streetPart + road };
}

/** A residential address below a place: building, unit and flat. */
export function dwelling(rng: Rng, place: Place): string {
  const floor = rng.int(1, 32);
  return `${place.road}${rng.int(1, 18)}栋${rng.int(1, 4)}单元${floor}${String(rng.int(1, 8)).padStart(2, '0')}`;
}
