import type { DataResource, ServiceItem } from './types';
import type { MunicipalKey } from './departments';

/** Government service items (政务服务事项) and data resources, per municipal department. */

type Item = readonly [
  name: string,
  category: ServiceItem['category'],
  promisedDays: number,
  online: boolean,
];

const XK = 'ADMINISTRATIVE_LICENSING';
const GG = 'PUBLIC_SERVICE';
const QR = 'ADMINISTRATIVE_CONFIRMATION';
const QT = 'OTHER';

export const SERVICE_ITEMS: Record<MunicipalKey, readonly Item[]> = {
  'public-security': [
    ['户口迁移登记', QR, 5, true],
    ['居民身份证申领', GG, 15, false],
    ['出生登记', QR, 1, true],
    ['居住证办理', GG, 7, true],
    ['机动车登记', XK, 1, false],
  ],
  'market-regulation': [
    ['企业设立登记', XK, 1, true],
    ['企业变更登记', XK, 1, true],
    ['食品经营许可', XK, 10, true],
    ['企业注销登记', XK, 3, true],
    ['个体工商户登记', XK, 1, true],
  ],
  'human-resources': [
    ['社会保险参保登记', GG, 1, true],
    ['失业保险金申领', GG, 10, true],
    ['职工退休申请', QR, 20, false],
    ['社会保障卡申领', GG, 7, true],
    ['就业创业证申领', GG, 5, true],
  ],
  'civil-affairs': [
    ['结婚登记', QR, 1, false],
    ['离婚登记', QR, 30, false],
    ['最低生活保障审核确认', QR, 30, true],
    ['社会团体成立登记', XK, 20, true],
    ['养老机构备案', QT, 5, true],
  ],
  tax: [
    ['发票领用', GG, 1, true],
    ['个人所得税综合所得汇算清缴', GG, 1, true],
    ['纳税信用补评', QR, 15, true],
    ['税务登记信息变更', GG, 1, true],
    ['完税证明开具', GG, 1, true],
  ],
  health: [
    ['出生医学证明办理', GG, 1, false],
    ['医师执业注册', XK, 20, true],
    ['医疗机构执业登记', XK, 20, true],
    ['预防接种证补办', GG, 1, false],
    ['公共场所卫生许可', XK, 10, true],
  ],
  hotline: [
    ['12345热线诉求受理', GG, 1, true],
    ['诉求办理进度查询', GG, 1, true],
    ['诉求办理结果评价', QT, 1, true],
    ['企业诉求直通车', GG, 5, true],
    ['政策咨询答复', GG, 3, true],
  ],
  evaluation: [
    ['政务服务评价', QT, 1, true],
    ['差评整改反馈', QT, 15, true],
    ['办事指南查询', GG, 1, true],
    ['“一件事一次办”申请', GG, 5, true],
    ['政务服务投诉', QT, 15, true],
  ],
  'data-bureau': [
    ['公共数据开放申请', GG, 10, true],
    ['政务数据共享申请', GG, 10, true],
    ['数据异议申请', QT, 15, true],
    ['数据资源目录查询', GG, 1, true],
    ['电子证照核验', GG, 1, true],
  ],
  housing: [
    ['建筑工程施工许可', XK, 7, true],
    ['商品房预售许可', XK, 10, true],
    ['公租房资格申请', GG, 20, true],
    ['住房公积金提取', GG, 3, true],
    ['物业服务企业备案', QT, 5, true],
  ],
  transport: [
    ['道路运输经营许可', XK, 20, true],
    ['出租汽车驾驶员从业资格注册', XK, 5, false],
    ['网约车运输证核发', XK, 10, true],
    ['公交卡优惠办理', GG, 7, false],
    ['超限运输车辆行驶公路许可', XK, 5, true],
  ],
  'urban-management': [
    ['城市建筑垃圾处置核准', XK, 10, true],
    ['户外广告设施设置审批', XK, 15, true],
    ['临时占用城市道路许可', XK, 10, true],
    ['燃气经营许可', XK, 20, true],
    ['门前三包责任登记', QT, 3, true],
  ],
  ecology: [
    ['建设项目环境影响评价审批', XK, 30, true],
    ['排污许可证核发', XK, 20, true],
    ['危险废物经营许可', XK, 20, true],
    ['辐射安全许可', XK, 20, true],
    ['环境信息公开申请', GG, 15, true],
  ],
  education: [
    ['小学入学登记', GG, 10, true],
    ['民办学校办学许可', XK, 30, false],
    ['教师资格认定', QR, 30, true],
    ['学籍转接', GG, 5, true],
    ['学历证明办理', GG, 3, true],
  ],
};

export const CATEGORY_CODES: Record<ServiceItem['category'], string> = {
  ADMINISTRATIVE_LICENSING: 'XK',
  PUBLIC_SERVICE: 'GG',
  ADMINISTRATIVE_CONFIRMATION: 'QR',
  OTHER: 'QT',
};

type Resource = readonly [
  name: string,
  sharing: DataResource['sharingClass'],
  frequency: DataResource['updateFrequency'],
];

/** The data catalogue of the departments that publish a subgraph. */
export const DATA_RESOURCES: Partial<Record<MunicipalKey, readonly Resource[]>> = {
  'public-security': [
    ['人口基本信息', 'CONDITIONAL', 'REAL_TIME'],
    ['户籍登记信息', 'CONDITIONAL', 'DAILY'],
    ['居民身份证信息', 'NONE', 'DAILY'],
  ],
  'market-regulation': [
    ['市场主体登记信息', 'UNCONDITIONAL', 'REAL_TIME'],
    ['行政处罚信息', 'UNCONDITIONAL', 'DAILY'],
    ['企业年报信息', 'CONDITIONAL', 'YEARLY'],
  ],
  'human-resources': [
    ['社会保险参保信息', 'CONDITIONAL', 'DAILY'],
    ['就业登记信息', 'CONDITIONAL', 'MONTHLY'],
    ['企业欠缴社保信息', 'CONDITIONAL', 'MONTHLY'],
  ],
  'civil-affairs': [
    ['婚姻登记信息', 'CONDITIONAL', 'DAILY'],
    ['最低生活保障对象信息', 'CONDITIONAL', 'MONTHLY'],
    ['社会组织登记信息', 'UNCONDITIONAL', 'DAILY'],
  ],
  tax: [
    ['纳税信用等级信息', 'UNCONDITIONAL', 'YEARLY'],
    ['欠税信息', 'CONDITIONAL', 'MONTHLY'],
    ['个人收入纳税信息', 'NONE', 'YEARLY'],
  ],
  health: [
    ['出生医学证明信息', 'CONDITIONAL', 'DAILY'],
    ['预防接种信息', 'CONDITIONAL', 'DAILY'],
    ['电子病历信息', 'NONE', 'REAL_TIME'],
  ],
  hotline: [
    ['12345诉求工单信息', 'CONDITIONAL', 'REAL_TIME'],
    ['诉求办理满意度统计', 'UNCONDITIONAL', 'MONTHLY'],
    ['企业诉求信息', 'CONDITIONAL', 'DAILY'],
  ],
  evaluation: [
    ['政务服务事项信息', 'UNCONDITIONAL', 'DAILY'],
    ['好差评评价信息', 'CONDITIONAL', 'REAL_TIME'],
    ['差评整改信息', 'CONDITIONAL', 'DAILY'],
  ],
  'data-bureau': [
    ['政务部门目录', 'UNCONDITIONAL', 'MONTHLY'],
    ['数据资源目录', 'UNCONDITIONAL', 'DAILY'],
    ['数据共享调用记录', 'CONDITIONAL', 'REAL_TIME'],
  ],
};
