import type { DistrictInfo } from './districts';
import type { Rng } from './random';

/** Hospitals and clinics (synthetic names), vaccines and diagnoses. */

const CITY_HOSPITALS = [
  '成都市第一人民医院',
  '成都市第二人民医院',
  '成都市第三人民医院',
  '成都市中西医结合医院',
  '成都市妇女儿童中心医院',
  '四川省人民医院',
];

/** A hospital where babies are delivered: the district maternal and child health hospital, or a city one. */
export function maternityHospital(rng: Rng, district: DistrictInfo): string {
  if (rng.chance(0.6)) return `${district.name}妇幼保健院`;
  return rng.pick(['成都市妇女儿童中心医院', '四川省人民医院', `${district.name}人民医院`]);
}

/** A hospital a resident of the district visits. */
export function hospital(rng: Rng, district: DistrictInfo): string {
  if (rng.chance(0.5)) return rng.pick(CITY_HOSPITALS);
  return rng.pick([
    `${district.name}人民医院`,
    `${district.name}中医医院`,
    `${district.name}第二人民医院`,
  ]);
}

/** The community health centre of a street, where children are vaccinated. */
export function clinic(street: string): string {
  return `${street.replace(/^成都市/, '')}社区卫生服务中心`;
}

/** The national immunisation programme, by age in days at which each dose is due. */
export const VACCINE_SCHEDULE: readonly { vaccine: string; dose: number; ageDays: number }[] = [
  { vaccine: '乙肝疫苗', dose: 1, ageDays: 0 },
  { vaccine: '卡介苗', dose: 1, ageDays: 0 },
  { vaccine: '乙肝疫苗', dose: 2, ageDays: 30 },
  { vaccine: '脊灰灭活疫苗', dose: 1, ageDays: 60 },
  { vaccine: '脊灰灭活疫苗', dose: 2, ageDays: 90 },
  { vaccine: '百白破疫苗', dose: 1, ageDays: 90 },
  { vaccine: '脊灰减毒活疫苗', dose: 3, ageDays: 120 },
  { vaccine: '百白破疫苗', dose: 2, ageDays: 120 },
  { vaccine: '百白破疫苗', dose: 3, ageDays: 150 },
  { vaccine: '乙肝疫苗', dose: 3, ageDays: 180 },
  { vaccine: 'A群流脑多糖疫苗', dose: 1, ageDays: 180 },
  { vaccine: '麻腮风疫苗', dose: 1, ageDays: 240 },
  { vaccine: '乙脑减毒活疫苗', dose: 1, ageDays: 240 },
  { vaccine: 'A群流脑多糖疫苗', dose: 2, ageDays: 270 },
  { vaccine: '麻腮风疫苗', dose: 2, ageDays: 540 },
  { vaccine: '甲肝减毒活疫苗', dose: 1, ageDays: 540 },
  { vaccine: '百白破疫苗', dose: 4, ageDays: 540 },
  { vaccine: '乙脑减毒活疫苗', dose: 2, ageDays: 730 },
  { vaccine: 'A群C群流脑多糖疫苗', dose: 1, ageDays: 1095 },
  { vaccine: '脊灰减毒活疫苗', dose: 4, ageDays: 1460 },
  { vaccine: 'A群C群流脑多糖疫苗', dose: 2, ageDays: 2190 },
  { vaccine: '白破疫苗', dose: 1, ageDays: 2190 },
];

const CHILD_DIAGNOSES = [
  '急性上呼吸道感染',
  '支气管炎',
  '手足口病',
  '急性胃肠炎',
  '过敏性鼻炎',
  '龋齿',
  '湿疹',
  '流行性感冒',
];
const ADULT_DIAGNOSES = [
  '急性上呼吸道感染',
  '流行性感冒',
  '急性胃肠炎',
  '慢性胃炎',
  '腰椎间盘突出症',
  '颈椎病',
  '高血压',
  '高脂血症',
  '2型糖尿病',
  '过敏性鼻炎',
  '失眠',
  '泌尿系感染',
  '脂肪肝',
];
const ELDER_DIAGNOSES = [
  '高血压',
  '2型糖尿病',
  '冠状动脉粥样硬化性心脏病',
  '慢性阻塞性肺疾病',
  '骨质疏松症',
  '脑梗死',
  '白内障',
  '膝关节骨性关节炎',
  '慢性心力衰竭',
  '肺炎',
];

/** A diagnosis plausible for a person of this age. */
export function diagnosis(rng: Rng, age: number): string {
  return rng.pick(age < 14 ? CHILD_DIAGNOSES : age < 60 ? ADULT_DIAGNOSES : ELDER_DIAGNOSES);
}
