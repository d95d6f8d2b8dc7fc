/**
 * The platform registry's demo data: public service platforms, each run by an enterprise of its
 * own region whose type suits the platform's kind and whose industries meet the platform's, and
 * the capabilities each offers. Websites use the reserved `.example` domain.
 */
import type { Enterprise } from './enterprises.ts';
import {
  AS,
  AU,
  AV,
  chance,
  EM,
  type EnterpriseType,
  INDUSTRY_LABEL,
  type Industry,
  IR,
  industries,
  int,
  must,
  PE,
  pad,
  regionOf,
  sample,
  shared,
  website,
} from './world.ts';

export type PlatformKind =
  | 'INSTRUMENT_SHARING'
  | 'TESTING_CERTIFICATION'
  | 'RESEARCH_DEVELOPMENT'
  | 'INDUSTRIAL_DESIGN'
  | 'INDUSTRIAL_INTERNET'
  | 'TECHNOLOGY_TRANSFER'
  | 'TRAINING';

interface PlatformPlan {
  region: string;
  kind: PlatformKind;
  industries: Industry[];
  name: string;
  nameEn: string;
  /** The website's host name before `.example`. */
  host: string;
}

// biome-ignore format: data table
const PLATFORM_PLANS: readonly PlatformPlan[] = [
  { region: '520100', kind: 'TESTING_CERTIFICATION', industries: [AV, AS], name: '贵州省航空装备检验检测公共服务平台', nameEn: 'Guizhou Aviation Equipment Inspection and Testing Public Service Platform', host: 'www.gzhkjc' },
  { region: '520100', kind: 'INDUSTRIAL_INTERNET', industries: [AV, AU, PE, IR], name: '贵州工业云先进装备制造服务平台', nameEn: 'Guizhou Industrial Cloud Advanced Equipment Manufacturing Service Platform', host: 'zb.gzgyy' },
  { region: '520100', kind: 'INSTRUMENT_SHARING', industries: [AS, AU, EM], name: '贵州省大型科学仪器开放共享服务平台', nameEn: 'Guizhou Large Scientific Instrument Open Sharing Service Platform', host: 'www.gzdxyq' },
  { region: '520100', kind: 'RESEARCH_DEVELOPMENT', industries: [EM, IR], name: '贵阳市智能制造共性技术研发平台', nameEn: 'Guiyang Intelligent Manufacturing Generic Technology R&D Platform', host: 'www.gyznzz' },
  { region: '520100', kind: 'TECHNOLOGY_TRANSFER', industries: [AU, PE], name: '贵州省装备制造科技成果转移转化服务平台', nameEn: 'Guizhou Equipment Manufacturing Technology Transfer Service Platform', host: 'www.gzzbjszy' },
  { region: '520300', kind: 'TESTING_CERTIFICATION', industries: [AS], name: '遵义市航天电子元器件检测公共服务平台', nameEn: 'Zunyi Aerospace Electronic Components Testing Public Service Platform', host: 'www.zyhtjc' },
  { region: '520300', kind: 'RESEARCH_DEVELOPMENT', industries: [AU, EM], name: '遵义市汽车零部件产业公共技术服务平台', nameEn: 'Zunyi Auto Parts Industry Public Technical Service Platform', host: 'www.zyqclbj' },
  { region: '520300', kind: 'TRAINING', industries: [AS, IR], name: '遵义市装备制造技能人才实训基地', nameEn: 'Zunyi Equipment Manufacturing Skills Training Base', host: 'px.zyzbzz' },
  { region: '520400', kind: 'TESTING_CERTIFICATION', industries: [AV], name: '安顺市航空产品质量检验检测平台', nameEn: 'Anshun Aviation Product Quality Inspection and Testing Platform', host: 'www.ashkjc' },
  { region: '520400', kind: 'INDUSTRIAL_DESIGN', industries: [AV, AU], name: '安顺市民用航空产业工业设计中心', nameEn: 'Anshun Civil Aviation Industrial Design Centre', host: 'www.ashksj' },
  { region: '520400', kind: 'RESEARCH_DEVELOPMENT', industries: [AV, AS], name: '安顺市航空新材料研发公共服务平台', nameEn: 'Anshun Aviation Advanced Materials R&D Public Service Platform', host: 'www.ashkxcl' },
  { region: 'GUIAN', kind: 'INSTRUMENT_SHARING', industries: [AV, AS, IR], name: '贵安新区增材制造与精密测量共享平台', nameEn: "Gui'an Additive Manufacturing and Precision Measurement Sharing Platform", host: 'www.gazczz' },
  { region: 'GUIAN', kind: 'INDUSTRIAL_INTERNET', industries: [PE, IR], name: '贵安新区工业互联网标识解析服务平台', nameEn: "Gui'an Industrial Internet Identifier Resolution Service Platform", host: 'id.gagyhlw' },
  { region: 'GUIAN', kind: 'TESTING_CERTIFICATION', industries: [PE, IR], name: '贵安新区智能装备检验检测认证平台', nameEn: "Gui'an Intelligent Equipment Testing and Certification Platform", host: 'www.gaznjc' },
  { region: '520200', kind: 'TESTING_CERTIFICATION', industries: [EM], name: '六盘水市矿山装备安全检测服务平台', nameEn: 'Liupanshui Mining Equipment Safety Testing Service Platform', host: 'www.lpsksjc' },
  { region: '520200', kind: 'TRAINING', industries: [EM, PE], name: '六盘水市煤机装备产教融合实训平台', nameEn: 'Liupanshui Coal Machinery Industry-Education Training Platform', host: 'sx.lpsmjzb' },
  { region: '520500', kind: 'TESTING_CERTIFICATION', industries: [EM, PE], name: '毕节市矿用设备检验检测公共服务平台', nameEn: 'Bijie Mining Equipment Inspection and Testing Public Service Platform', host: 'www.bjkyjc' },
  { region: '520500', kind: 'TECHNOLOGY_TRANSFER', industries: [EM], name: '毕节市工程机械技术转移服务中心', nameEn: 'Bijie Construction Machinery Technology Transfer Centre', host: 'www.bjgcjx' },
  { region: '522300', kind: 'TESTING_CERTIFICATION', industries: [PE], name: '黔西南州电力装备检测试验公共服务平台', nameEn: 'Qianxinan Power Equipment Testing Public Service Platform', host: 'www.qxndljc' },
  { region: '522300', kind: 'INSTRUMENT_SHARING', industries: [AU, PE], name: '黔西南州装备制造仪器设备共享平台', nameEn: 'Qianxinan Equipment Manufacturing Instrument Sharing Platform', host: 'yq.qxnzbzz' },
  { region: '520600', kind: 'RESEARCH_DEVELOPMENT', industries: [AU, PE], name: '铜仁市新能源汽车电池材料研发平台', nameEn: 'Tongren New Energy Vehicle Battery Materials R&D Platform', host: 'www.trxnycl' },
  { region: '522600', kind: 'INDUSTRIAL_DESIGN', industries: [AU, EM], name: '黔东南州装备制造工业设计服务平台', nameEn: 'Qiandongnan Equipment Manufacturing Industrial Design Service Platform', host: 'www.qdngysj' },
  { region: '522700', kind: 'INSTRUMENT_SHARING', industries: [EM, IR], name: '黔南州先进装备制造仪器共享服务平台', nameEn: 'Qiannan Advanced Equipment Manufacturing Instrument Sharing Platform', host: 'yq.qnxjzb' },
  { region: '522700', kind: 'TRAINING', industries: [IR], name: '黔南州工业机器人应用实训平台', nameEn: 'Qiannan Industrial Robot Application Training Platform', host: 'sx.qnjqr' },
];

/** Which enterprise types run which kind of platform, best fit first. */
const OPERATOR_PREFERENCE: Record<PlatformKind, readonly EnterpriseType[]> = {
  INSTRUMENT_SHARING: ['PLATFORM_OPERATOR', 'RESEARCH_INSTITUTE', 'UNIVERSITY', 'TESTING_INSTITUTION'],
  TESTING_CERTIFICATION: ['TESTING_INSTITUTION', 'PLATFORM_OPERATOR', 'RESEARCH_INSTITUTE', 'UNIVERSITY'],
  RESEARCH_DEVELOPMENT: ['RESEARCH_INSTITUTE', 'UNIVERSITY', 'PLATFORM_OPERATOR', 'TESTING_INSTITUTION'],
  INDUSTRIAL_DESIGN: ['PLATFORM_OPERATOR', 'RESEARCH_INSTITUTE', 'UNIVERSITY', 'TESTING_INSTITUTION'],
  INDUSTRIAL_INTERNET: ['PLATFORM_OPERATOR', 'RESEARCH_INSTITUTE', 'UNIVERSITY', 'TESTING_INSTITUTION'],
  TECHNOLOGY_TRANSFER: ['UNIVERSITY', 'RESEARCH_INSTITUTE', 'PLATFORM_OPERATOR', 'TESTING_INSTITUTION'],
  TRAINING: ['UNIVERSITY', 'PLATFORM_OPERATOR', 'RESEARCH_INSTITUTE', 'TESTING_INSTITUTION'],
};

/** The kinds of platform that list instruments for booking. */
export const INSTRUMENT_HOSTS: readonly PlatformKind[] = [
  'INSTRUMENT_SHARING',
  'TESTING_CERTIFICATION',
  'RESEARCH_DEVELOPMENT',
  'INDUSTRIAL_DESIGN',
];

const KIND_SERVICES: Record<PlatformKind, string> = {
  INSTRUMENT_SHARING: '大型科研仪器开放共享、机时预约和委托测试',
  TESTING_CERTIFICATION: '检验检测、计量校准和认证咨询',
  RESEARCH_DEVELOPMENT: '共性技术研发、工艺验证和新产品中试',
  INDUSTRIAL_DESIGN: '工业设计、仿真分析和快速原型制作',
  INDUSTRIAL_INTERNET: '设备上云、工业数据分析和产销供需对接',
  TECHNOLOGY_TRANSFER: '科技成果评价、技术转移和产学研对接',
  TRAINING: '技能培训、实训教学和职业技能等级认定',
};

/** Capabilities by platform kind: name, description, and the industries it is limited to (none: any). */
type CapabilityDef = readonly [name: string, description: string, industries?: readonly Industry[]];

// biome-ignore format: data table
const CAPABILITIES: Record<PlatformKind, readonly CapabilityDef[]> = {
  INSTRUMENT_SHARING: [
    ['大型仪器在线预约', '提供仪器检索、机时预约、审核和使用记录的一站式在线服务。'],
    ['委托测试', '用户寄送样品，由平台技术人员完成测试并出具数据报告。'],
    ['三坐标测量', '开展零部件几何尺寸和形位公差的精密测量。'],
    ['材料力学性能测试', '开展金属及非金属材料拉伸、压缩、弯曲和疲劳性能测试。'],
    ['扫描电镜形貌分析', '开展材料微观形貌观察和能谱成分分析。'],
    ['增材制造打样', '提供金属零件激光选区熔化成形打样服务。', [AV, AS, IR]],
    ['工业CT检测', '开展铸件、焊件及增材制造件内部缺陷三维无损检测。', [AV, AS, AU]],
    ['动力电池性能测试', '开展动力电池容量、倍率和循环寿命测试。', [AU, PE]],
  ],
  TESTING_CERTIFICATION: [
    ['无损检测', '采用超声、射线、磁粉和渗透等方法检测零部件内部及表面缺陷。'],
    ['理化分析', '开展金属材料化学成分、金相组织和硬度检验。'],
    ['产品可靠性试验', '开展高低温、湿热、振动和冲击等环境与可靠性试验。'],
    ['计量校准', '提供长度、力学和电学计量器具的检定与校准服务。'],
    ['电磁兼容测试', '开展传导发射、辐射发射及抗扰度测试。', [AS, AU, PE, IR]],
    ['航空零部件适航符合性检测', '依据适航审定要求开展航空零部件符合性检测。', [AV]],
    ['航天电子元器件筛选试验', '开展电子元器件二次筛选、破坏性物理分析和失效分析。', [AS]],
    ['汽车零部件耐久性试验', '开展汽车零部件台架耐久和道路模拟试验。', [AU]],
    ['矿用产品防爆安全检测', '开展矿用电气设备隔爆和本质安全性能检验。', [EM]],
    ['高压电器型式试验', '开展开关设备绝缘、温升和机械特性型式试验。', [PE]],
    ['工业机器人性能检测', '开展机器人位姿准确度、重复性和轨迹特性检测。', [IR]],
  ],
  RESEARCH_DEVELOPMENT: [
    ['共性关键技术攻关', '围绕产业链薄弱环节组织联合攻关，提供技术方案和中试验证。'],
    ['新产品试制与中试', '提供样机试制、小批量试产和工艺定型服务。'],
    ['材料失效分析', '开展断口分析、金相分析和失效机理研究。'],
    ['精密加工工艺优化', '开展难加工材料切削参数优化和工艺验证。', [AV, AS, AU]],
    ['增材制造打样', '提供复杂结构件增材制造工艺开发和打样。', [AV, AS, IR]],
    ['工业机器人离线编程', '基于三维仿真开展机器人轨迹规划、离线编程和节拍优化。', [IR, AU]],
    ['动力电池材料评价', '开展锰系正极材料及电池性能评价。', [AU, PE]],
    ['矿山装备智能化改造', '开展采掘装备远程监控和智能化改造方案设计。', [EM]],
  ],
  INDUSTRIAL_DESIGN: [
    ['产品外观与结构设计', '提供产品造型、结构和色彩材质设计。'],
    ['数字化仿真分析', '开展结构强度、流体和热仿真分析。'],
    ['快速原型制作', '采用增材制造和数控加工快速制作设计样件。'],
    ['人机工程评价', '开展驾驶室、操作台人机工程分析与评价。', [AU, EM]],
    ['设计成果转化对接', '组织设计成果发布和企业对接活动。'],
  ],
  INDUSTRIAL_INTERNET: [
    ['设备上云接入', '为企业数控设备和生产线提供联网上云接入服务。'],
    ['工业数据采集与分析', '采集设备运行数据，提供能耗和产能分析看板。'],
    ['标识解析服务', '提供工业互联网标识注册、解析和产品追溯服务。'],
    ['产销供需对接', '发布装备需求和产品信息，撮合省内产销对接。'],
    ['在线交易与资金结算', '提供服务订单在线签约、支付和结算。'],
    ['设备预测性维护', '基于运行数据开展关键设备故障预警和维护建议。', [PE, EM, IR]],
  ],
  TECHNOLOGY_TRANSFER: [
    ['科技成果评价', '组织专家对科技成果进行技术评价和价值评估。'],
    ['知识产权运营', '提供专利导航、许可和转让服务。'],
    ['技术合同认定登记', '协助办理技术合同认定登记和相关税收优惠。'],
    ['产学研合作对接', '对接高校院所与企业，组织联合研发项目。'],
    ['创新券申领服务', '指导中小企业申领和使用创新券。'],
  ],
  TRAINING: [
    ['数控加工技能培训', '开展数控车铣和多轴加工操作培训。'],
    ['职业技能等级认定', '开展装备制造相关工种职业技能等级认定。'],
    ['工业机器人操作与运维培训', '开展工业机器人操作、编程和维护保养培训。', [IR]],
    ['工业机器人离线编程', '开展机器人仿真与离线编程实训。', [IR]],
    ['焊接技能培训', '开展手工焊和自动化焊接实训。', [EM, AU, PE]],
    ['电工作业培训', '开展高低压电工作业实训和取证培训。', [PE, EM]],
    ['航天装配工艺培训', '开展精密装配和电装工艺实训。', [AS, AV]],
  ],
};

/** The latest year a platform in the data was set up: every platform has at least one assessed year. */
const LAST_ESTABLISHED = 2021;

export interface PlatformRow {
  id: string;
  name: string;
  name_en: string;
  kind: PlatformKind;
  region_code: string;
  operator_id: string;
  industries: Industry[];
  description: string;
  website: string;
  established_year: number;
}

/**
 * The enterprise of the platform's region that runs it: of a type suited to the kind, serving at
 * least one of its industries, founded before the platform, and running as few others as possible.
 */
function chooseOperator(plan: PlatformPlan, enterprises: Enterprise[], platforms: PlatformRow[]): Enterprise {
  const preference = OPERATOR_PREFERENCE[plan.kind];
  const rank = (e: Enterprise) =>
    preference.indexOf(e.type) * 100 -
    shared(e.industries, plan.industries).length * 10 +
    platforms.filter((p) => p.operator_id === e.id).length * 30;
  const candidates = enterprises.filter(
    (e) =>
      e.region_code === plan.region &&
      preference.includes(e.type) &&
      shared(e.industries, plan.industries).length > 0 &&
      e.founded_year < LAST_ESTABLISHED,
  );
  return must(candidates.sort((a, b) => rank(a) - rank(b))[0], `operator for ${plan.name}`);
}

function platformRow(plan: PlatformPlan, operator: Enterprise, index: number): PlatformRow {
  const audience = plan.name.startsWith('贵州') ? '全省' : regionOf(plan.region).name;
  const labels = plan.industries.map((industry) => INDUSTRY_LABEL[industry]).join('、');
  let description = `面向${audience}${labels}企业，提供${KIND_SERVICES[plan.kind]}等服务。`;
  if (chance(0.6)) description += `平台由${operator.name}建设运营。`;
  return {
    id: `plt-${pad(index + 1, 2)}`,
    name: plan.name,
    name_en: plan.nameEn,
    kind: plan.kind,
    region_code: plan.region,
    operator_id: operator.id,
    industries: industries(plan.industries),
    description,
    website: website(plan.host),
    established_year: int(Math.max(2012, operator.founded_year + 1), LAST_ESTABLISHED),
  };
}

export function buildPlatforms(enterprises: Enterprise[]): PlatformRow[] {
  const rows: PlatformRow[] = [];
  for (const plan of PLATFORM_PLANS) rows.push(platformRow(plan, chooseOperator(plan, enterprises, rows), rows.length));
  return rows;
}

export function buildCapabilities(platforms: readonly PlatformRow[]): object[] {
  const rows: object[] = [];
  for (const platform of platforms) {
    const fitting = CAPABILITIES[platform.kind].filter(
      ([, , only]) => only && shared(only, platform.industries).length > 0,
    );
    const general = CAPABILITIES[platform.kind].filter(([, , only]) => !only);
    const chosen = [...sample(fitting, 2), ...sample(general, int(2, 3))];
    for (const [name, description] of chosen) rows.push({ platform_id: platform.id, name, description });
  }
  return rows;
}
