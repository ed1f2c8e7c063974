import type { Appeal } from './types';
import type { MunicipalKey } from './departments';

/**
 * What citizens call 12345 about. `{place}` is filled with where it happens, `{enterprise}`
 * with the enterprise concerned; `department` is the bureau it is dispatched to.
 */
export interface AppealTopic {
  category: Appeal['category'];
  subject: string;
  content: string;
  department: MunicipalKey;
  reply: string;
}

const t = (
  category: Appeal['category'],
  department: MunicipalKey,
  subject: string,
  content: string,
  reply: string,
): AppealTopic => ({ category, department, subject, content, reply });

/** Appeals about an enterprise. */
export const ENTERPRISE_TOPICS: readonly AppealTopic[] = [
  t(
    'COMPLAINT',
    'market-regulation',
    '食品安全问题',
    '市民反映在{enterprise}购买的食品已过保质期，要求核查并依法处理。',
    '已到店检查，责令下架过期食品并立案调查',
  ),
  t(
    'COMPLAINT',
    'market-regulation',
    '商家拒绝退款',
    '市民反映{enterprise}办理的预付卡无法使用，商家拒绝退款，请求协调。',
    '已约谈商家，双方达成退款协议',
  ),
  t(
    'REPORT',
    'market-regulation',
    '虚假宣传',
    '市民举报{enterprise}在宣传中使用“最低价”“第一”等用语，涉嫌虚假宣传。',
    '已核查宣传内容，责令整改',
  ),
  t(
    'COMPLAINT',
    'market-regulation',
    '价格欺诈',
    '市民反映{enterprise}结账金额与标价不符，涉嫌价格欺诈。',
    '已现场检查，督促商家明码标价并退还差价',
  ),
  t(
    'REPORT',
    'market-regulation',
    '无证经营',
    '市民举报{enterprise}在{place}附近超范围经营，未见相关许可证。',
    '已核查，责令停止超范围经营',
  ),
  t(
    'COMPLAINT',
    'human-resources',
    '拖欠工资',
    '市民反映{enterprise}拖欠其三个月工资，多次讨要无果，请求帮助。',
    '已督促企业支付拖欠工资',
  ),
  t(
    'COMPLAINT',
    'human-resources',
    '未缴纳社会保险',
    '市民反映{enterprise}未为员工缴纳社会保险，请求核查。',
    '已责令企业限期补缴社会保险费',
  ),
  t(
    'COMPLAINT',
    'ecology',
    '油烟扰民',
    '市民反映{enterprise}油烟直排，影响{place}附近居民生活。',
    '已督促安装油烟净化设施',
  ),
  t(
    'COMPLAINT',
    'urban-management',
    '施工噪音扰民',
    '市民反映{enterprise}在{place}附近夜间施工，噪音很大。',
    '已责令夜间停止施工，违规将依法处罚',
  ),
  t(
    'CONSULTATION',
    'market-regulation',
    '经营范围变更',
    '市民咨询{enterprise}变更经营范围需要哪些材料，能否网上办理。',
    '已告知办理材料及“天府蓉易办”网上办理渠道',
  ),
  t(
    'REPORT',
    'tax',
    '不开具发票',
    '市民举报{enterprise}消费后拒绝开具发票。',
    '已转交税务稽查核实处理',
  ),
];

/** Appeals not about an enterprise. */
export const GENERAL_TOPICS: readonly AppealTopic[] = [
  t(
    'COMPLAINT',
    'urban-management',
    '占道经营',
    '市民反映{place}附近流动摊贩占道经营，影响通行。',
    '已安排城管队员现场劝离并加强巡查',
  ),
  t(
    'REQUEST',
    'urban-management',
    '路灯不亮',
    '市民反映{place}附近路灯损坏多日，夜间出行不便，希望尽快维修。',
    '已安排维修，路灯恢复照明',
  ),
  t(
    'SUGGESTION',
    'urban-management',
    '垃圾分类设施',
    '市民建议在{place}附近增设垃圾分类投放点。',
    '已纳入点位规划，近期增设',
  ),
  t(
    'REQUEST',
    'transport',
    '道路破损',
    '市民反映{place}附近道路坑洼较多，存在安全隐患。',
    '已安排道路修补',
  ),
  t(
    'SUGGESTION',
    'transport',
    '公交线路优化',
    '市民建议优化途经{place}的公交线路，增加早晚高峰班次。',
    '已转公交企业研究，高峰期加密班次',
  ),
  t(
    'CONSULTATION',
    'civil-affairs',
    '低保申请条件',
    '市民咨询家庭收入下降后申请最低生活保障的条件和流程。',
    '已告知申请条件及社区受理流程',
  ),
  t(
    'REQUEST',
    'civil-affairs',
    '居家养老服务',
    '市民为家中老人申请居家养老上门服务。',
    '已联系社区养老服务中心上门评估',
  ),
  t(
    'COMPLAINT',
    'housing',
    '物业服务问题',
    '市民反映{place}某小区物业长期不清理电梯和楼道。',
    '已约谈物业企业并督促整改',
  ),
  t(
    'REQUEST',
    'housing',
    '小区停水',
    '市民反映{place}附近小区频繁停水，请求协调供水。',
    '已协调供水企业排查管网',
  ),
  t(
    'CONSULTATION',
    'education',
    '入学政策咨询',
    '市民咨询孩子小学入学的划片政策和所需材料。',
    '已告知划片范围及报名材料',
  ),
  t(
    'CONSULTATION',
    'health',
    '疫苗接种预约',
    '市民咨询孩子接种疫苗如何预约及接种地点。',
    '已告知预约方式及社区卫生服务中心地址',
  ),
  t(
    'CONSULTATION',
    'public-security',
    '户籍迁移',
    '市民咨询将户口迁入{place}所需材料。',
    '已告知迁入条件及办理材料',
  ),
  t(
    'CONSULTATION',
    'human-resources',
    '社保转移接续',
    '市民咨询从外地转入成都的社保关系如何转移接续。',
    '已告知线上转移接续办理流程',
  ),
  t(
    'CONSULTATION',
    'tax',
    '个税汇算清缴',
    '市民咨询年度个人所得税汇算清缴的办理时间和方式。',
    '已告知个人所得税App办理方式',
  ),
  t(
    'REPORT',
    'ecology',
    '河道污染',
    '市民举报{place}附近河道有异味，疑似有污水直排。',
    '已现场采样监测并排查排污口',
  ),
  t(
    'REQUEST',
    'data-bureau',
    '政务数据有误',
    '市民反映其在政务服务平台上显示的个人信息有误，请求更正。',
    '已提交数据异议，源头部门核实更正',
  ),
];
