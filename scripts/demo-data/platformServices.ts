/**
 * What the platforms offer and what vouches for them (the 2020 action plan's public service
 * platforms as a writable source): services with their prices, the quality credentials they hold
 * (some lapsed), the yearly service figures they report, the layout the department plans, and a
 * few inquiry threads between small manufacturers and platforms. Capabilities get short tags.
 *
 * Believable for the province: a testing body offers salt-spray, vibration, metallographic and
 * non-destructive testing at the prices Guizhou's labs charge, an instrument-sharing platform
 * sells machine time of its own instruments at the fees their records state, R&D and design
 * platforms work by the project, training platforms by the day. A platform's CNAS and CMA are its
 * operating unit's (the enterprise registry lists them), in force; a lab whose operator lists
 * none let its CMA lapse. The layout plans platforms where the region has makers of the industry,
 * mostly where platforms already serve them, with a few gaps. Thread messages alternate sides.
 *
 * Every row keeps the constraints of the platforms migration of 2026-12-08. Deterministic, and
 * apart from the other seed data: a PRNG stream of its own, so that no existing row changes.
 */
import type { Enterprise } from './enterprises.ts';
import { INSTRUMENT_KINDS, type InstrumentStatus, type SharingMode } from './instruments.ts';
import type { PlatformKind, PlatformRow } from './platforms.ts';
import type { RegistryFields } from './registry.ts';
import {
  AS,
  AU,
  AV,
  chance,
  EM,
  INDUSTRIES,
  type Industry,
  IR,
  int,
  must,
  PE,
  pad,
  REGIONS,
  regionOf,
  sample,
  shared,
  shuffle,
  stream,
} from './world.ts';

type Unit = 'SAMPLE' | 'ITEM' | 'HOUR' | 'DAY' | 'BATCH' | 'PROJECT';
type CredentialKind = 'CNAS' | 'CMA' | 'CAL' | 'OTHER';

/** An instrument of the instruments demo data, as far as a platform's services refer to it. */
export interface PlatformInstrument {
  id: string;
  name: string;
  platform_id: string | null;
  status: InstrumentStatus;
  sharing_mode: SharingMode;
}

export interface ServiceRow {
  id: string;
  platform_id: string;
  name: string;
  description: string;
  unit: Unit;
  unit_note: string | null;
  price_min_fen: number;
  price_max_fen: number;
  lead_time_days: number;
  instrument_ids: string[];
}

export interface CredentialRow {
  id: string;
  platform_id: string;
  kind: CredentialKind;
  number: string;
  issuer: string;
  scope: string;
  valid_from: string;
  valid_until: string;
}

export interface ServiceFigureRow {
  platform_id: string;
  year: number;
  enterprises_served: number;
  services_delivered: number;
  revenue_fen: number;
}

export interface LayoutTargetRow {
  region_code: string;
  industry: Industry;
  platforms_expected: number;
  basis: string;
}

/** A thread as seeded: every one open (a message goes only into an open thread), nothing read yet. */
export interface ThreadRow {
  id: string;
  platform_id: string;
  enterprise_id: string;
  opened_by: string;
  subject: string;
  service_id: string | null;
  instrument_id: string | null;
  status: 'OPEN';
}

/** A message as seeded: its id is the table's sequence's, `attachments` JSON text (a jsonb column). */
export interface MessageRow {
  thread_id: string;
  side: 'ENTERPRISE' | 'PLATFORM';
  author_id: string;
  body: string;
  attachments: string;
  created_at: string;
}

export interface PlatformServices {
  service: ServiceRow[];
  credential: CredentialRow[];
  service_figure: ServiceFigureRow[];
  layout_target: LayoutTargetRow[];
  thread: ThreadRow[];
  message: MessageRow[];
}

/** The first day a credential counts as lapsed for the demo: whatever ends before it has expired. */
export const LAPSED_BEFORE = '2026-06-01';
/** The years platforms report service figures for. */
export const FIGURE_YEARS = [2023, 2024, 2025] as const;
const ZUNYI = '520300';

// ---------------------------------------------------------------------------------------------- capability tags

/** Short tags per capability name (platforms.ts): what an enterprise would search for. */
// biome-ignore format: data table
const CAPABILITY_TAGS: Record<string, readonly string[]> = {
  大型仪器在线预约: ['仪器共享', '机时预约'],
  委托测试: ['委托检测', '检测报告'],
  三坐标测量: ['三坐标测量', '尺寸检测', '形位公差'],
  材料力学性能测试: ['拉伸试验', '疲劳试验', '力学性能'],
  扫描电镜形貌分析: ['扫描电镜', '能谱分析', '材料分析'],
  增材制造打样: ['增材制造', '3D打印', '快速打样'],
  工业CT检测: ['工业CT', '无损检测'],
  动力电池性能测试: ['动力电池', '循环寿命'],
  无损检测: ['无损检测', '超声检测', '射线检测', '磁粉渗透'],
  理化分析: ['材料分析', '金相分析', '化学成分', '硬度'],
  产品可靠性试验: ['环境试验', '振动试验', '高低温试验', '可靠性'],
  计量校准: ['计量校准', '检定'],
  电磁兼容测试: ['电磁兼容', 'EMC'],
  航空零部件适航符合性检测: ['适航', '航空零部件'],
  航天电子元器件筛选试验: ['元器件筛选', 'DPA', '失效分析'],
  汽车零部件耐久性试验: ['耐久试验', '台架试验', '汽车零部件'],
  矿用产品防爆安全检测: ['防爆检测', '矿用产品', '安全检测'],
  高压电器型式试验: ['型式试验', '高压电器'],
  工业机器人性能检测: ['机器人检测', '重复定位精度'],
  共性关键技术攻关: ['共性技术', '联合攻关'],
  新产品试制与中试: ['样机试制', '中试'],
  材料失效分析: ['失效分析', '断口分析', '金相分析'],
  精密加工工艺优化: ['精密加工', '工艺优化'],
  工业机器人离线编程: ['离线编程', '机器人仿真'],
  动力电池材料评价: ['电池材料', '锰系正极'],
  矿山装备智能化改造: ['智能化改造', '远程监控'],
  产品外观与结构设计: ['工业设计', '结构设计'],
  数字化仿真分析: ['仿真分析', 'CAE'],
  快速原型制作: ['快速原型', '3D打印'],
  人机工程评价: ['人机工程'],
  设计成果转化对接: ['设计成果转化', '对接活动'],
  设备上云接入: ['设备上云', '数据采集'],
  工业数据采集与分析: ['工业数据', '能耗分析'],
  标识解析服务: ['标识解析', '产品追溯'],
  产销供需对接: ['产销对接', '供需撮合'],
  在线交易与资金结算: ['在线交易', '资金结算'],
  设备预测性维护: ['预测性维护', '故障预警'],
  科技成果评价: ['成果评价', '价值评估'],
  知识产权运营: ['知识产权', '专利运营'],
  技术合同认定登记: ['技术合同', '税收优惠'],
  产学研合作对接: ['产学研', '联合研发'],
  创新券申领服务: ['创新券'],
  数控加工技能培训: ['数控培训', '技能培训'],
  职业技能等级认定: ['技能等级认定'],
  工业机器人操作与运维培训: ['机器人培训', '运维'],
  焊接技能培训: ['焊接培训'],
  电工作业培训: ['电工培训', '特种作业'],
  航天装配工艺培训: ['装配工艺', '电装'],
};

/** The capability rows (`name` among their columns) with their tags, none for a name the table does not know. */
export function tagCapabilities(rows: readonly object[]): object[] {
  return rows.map((row) => {
    const name = (row as { name?: unknown }).name;
    return { ...row, tags: [...((typeof name === 'string' && CAPABILITY_TAGS[name]) || [])] };
  });
}

// ---------------------------------------------------------------------------------------------- services

interface ServiceDef {
  name: string;
  description: string;
  unit: Unit;
  note?: string;
  /** Yuan: the lowest and the highest a price may be; equal for a fixed fee. */
  price: readonly [number, number];
  lead: readonly [number, number];
  /** The instrument kinds (by name) it runs on; '*' any of the platform's. */
  uses?: readonly string[];
  /** The industries it is limited to (none: any). */
  only?: readonly Industry[];
  /** What a testing credential's scope lists for it; none: not an accredited test. */
  scope?: string;
}

const SALT_SPRAY_NAME = '中性盐雾试验（NSS）';
const SALT_SPRAY: ServiceDef = {
  name: SALT_SPRAY_NAME,
  description:
    '依据GB/T 10125-2021、GJB 150.11A-2009对金属镀层、涂层及电子产品开展中性盐雾腐蚀试验（24–720小时），出具检测报告。',
  unit: 'SAMPLE',
  note: '每件，试验时长96小时以内',
  price: [300, 800],
  lead: [5, 15],
  uses: ['盐雾'],
  scope: '中性盐雾试验（GB/T 10125-2021、GJB 150.11A-2009）',
};
const CALIBRATION_NAME = '计量校准（长度/力值/电学）';
const PROCESS_DEVELOPMENT_NAME = '工艺开发与优化';

// biome-ignore format: data table
const TESTING: readonly ServiceDef[] = [
  SALT_SPRAY,
  { name: '振动试验（正弦/随机）', description: '依据GB/T 2423.10-2019、GJB 150.16A-2009开展正弦、随机和冲击振动试验，含夹具设计与安装。',
    unit: 'HOUR', note: '按台时计，含夹具安装', price: [400, 1200], lead: [3, 10], uses: ['振动试验'],
    scope: '振动试验（GB/T 2423.10-2019、GJB 150.16A-2009）' },
  { name: '高低温湿热试验', description: '开展高温、低温、恒定湿热和交变湿热环境试验。', unit: 'HOUR', note: '按箱时计',
    price: [80, 250], lead: [3, 10], uses: ['高低温湿热'], scope: '高低温及湿热试验（GB/T 2423.1/2/3）' },
  { name: '金相分析', description: '开展金属材料显微组织、晶粒度、非金属夹杂物和脱碳层检验。', unit: 'SAMPLE',
    price: [200, 600], lead: [3, 7], uses: ['金相显微镜'], scope: '金相组织检验（GB/T 13298-2015）' },
  { name: '三坐标测量', description: '开展零部件几何尺寸和形位公差精密测量，出具测量报告。', unit: 'HOUR', note: '含测量编程，1小时起',
    price: [200, 500], lead: [2, 7], uses: ['三坐标'], scope: '几何尺寸与形位公差测量（GB/T 1958-2017）' },
  { name: '无损检测（超声）', description: '采用常规超声和相控阵超声检测锻件、焊缝内部缺陷。', unit: 'ITEM', note: '每件',
    price: [150, 600], lead: [2, 7], uses: ['相控阵超声'], scope: '超声检测（GB/T 11345-2023、NB/T 47013.3-2015）' },
  { name: '无损检测（射线/工业CT）', description: '采用X射线数字成像和工业CT检测铸件、焊件内部缺陷并三维重建。', unit: 'ITEM',
    note: '每件', price: [800, 3000], lead: [3, 10], uses: ['工业CT'], scope: '射线检测及工业CT检测（GB/T 3323-2019）' },
  { name: '金属材料拉伸试验', description: '开展金属材料室温拉伸试验，测定抗拉强度、屈服强度和断后伸长率。', unit: 'SAMPLE',
    price: [120, 300], lead: [2, 5], uses: ['万能材料试验机'], scope: '金属材料室温拉伸试验（GB/T 228.1-2021）' },
  { name: '疲劳试验', description: '开展金属材料及零部件轴向疲劳和S-N曲线测定。', unit: 'SAMPLE', note: '按10⁷次循环计',
    price: [3000, 15000], lead: [15, 45], uses: ['疲劳试验机'], scope: '金属材料轴向疲劳试验（GB/T 3075-2021）' },
  { name: CALIBRATION_NAME, description: '提供卡尺、千分尺、测力仪、压力表和数字多用表等计量器具校准，出具校准证书。',
    unit: 'ITEM', note: '每台件', price: [60, 500], lead: [3, 10] },
  { name: '化学成分分析（直读光谱）', description: '采用火花直读光谱测定钢铁、铝合金和铜合金化学成分。', unit: 'SAMPLE',
    price: [150, 300], lead: [1, 3], uses: ['直读光谱'], scope: '金属材料化学成分分析（GB/T 4336-2016）' },
  { name: '电子元器件二次筛选', description: '依据GJB 548B、GJB 360B开展电子元器件温度循环、老炼和密封性筛选。', unit: 'BATCH',
    note: '每批500只以内', price: [3000, 12000], lead: [7, 20], only: [AS], scope: '电子元器件筛选试验（GJB 548B-2005、GJB 360B-2009）' },
  { name: '破坏性物理分析（DPA）', description: '开展元器件内部目检、键合强度和剖面分析。', unit: 'SAMPLE', price: [800, 2500],
    lead: [5, 15], uses: ['扫描电子显微镜', '透射电子显微镜'], only: [AS], scope: '破坏性物理分析（GJB 4027B-2021）' },
  { name: '航空零部件适航符合性检测', description: '依据适航审定要求制定符合性检测大纲，开展零部件符合性检测。', unit: 'PROJECT',
    price: [50000, 200000], lead: [30, 60], only: [AV], scope: '航空零部件适航符合性检测' },
  { name: '矿用产品防爆检验', description: '开展矿用电气设备隔爆外壳耐压、本质安全参数检验，支撑MA标志申办。', unit: 'ITEM',
    price: [8000, 30000], lead: [20, 45], uses: ['防爆检测'], only: [EM], scope: '矿用电气设备防爆检验（GB/T 3836系列）' },
  { name: '高压开关设备型式试验', description: '开展开关设备绝缘、温升、机械特性和短时耐受电流型式试验。', unit: 'ITEM',
    price: [30000, 150000], lead: [20, 60], uses: ['高压开关试验'], only: [PE], scope: '高压开关设备型式试验（GB/T 11022-2020）' },
  { name: '局部放电检测', description: '开展变压器、互感器和开关柜局部放电测量与定位。', unit: 'ITEM', price: [2000, 6000],
    lead: [3, 10], uses: ['局部放电'], only: [PE], scope: '局部放电测量（GB/T 7354-2018）' },
  { name: '工业机器人性能检测', description: '依据GB/T 12642开展位姿准确度、重复性和轨迹特性检测。', unit: 'ITEM',
    price: [15000, 40000], lead: [10, 30], uses: ['工业机器人测试平台', '激光跟踪仪'], only: [IR],
    scope: '工业机器人性能规范及试验方法（GB/T 12642-2013）' },
  { name: '电磁兼容测试', description: '开展传导发射、辐射发射、静电放电和浪涌抗扰度测试。', unit: 'HOUR', price: [600, 1500],
    lead: [5, 15], uses: ['电磁兼容'], only: [AS, AU, PE, IR], scope: '电磁兼容测试（GB/T 17626系列）' },
  { name: '汽车零部件台架耐久试验', description: '开展汽车零部件台架耐久和道路模拟试验。', unit: 'PROJECT', price: [20000, 120000],
    lead: [30, 60], uses: ['扭矩测试台', '液压综合试验台'], only: [AU], scope: '汽车零部件台架耐久试验' },
];

// biome-ignore format: data table
const SHARING: readonly ServiceDef[] = [
  { name: '委托测试', description: '用户寄送样品，由平台技术人员在入网仪器上完成测试并出具数据报告。', unit: 'SAMPLE',
    price: [200, 2000], lead: [5, 15], uses: ['*'] },
  { name: '大型仪器操作培训', description: '为用户单位技术人员开展大型仪器操作和数据处理培训，考核合格后可自主上机。', unit: 'DAY',
    note: '每人每天', price: [500, 1000], lead: [7, 30] },
];

// biome-ignore format: data table
const RESEARCH: readonly ServiceDef[] = [
  { name: PROCESS_DEVELOPMENT_NAME, description: '针对企业关键零部件开展工艺路线设计、参数优化和试验验证，交付工艺文件。', unit: 'PROJECT',
    price: [50000, 300000], lead: [30, 60] },
  { name: '新产品试制与中试', description: '提供样机试制、小批量试产和工艺定型服务。', unit: 'PROJECT', price: [80000, 300000], lead: [45, 60],
    uses: ['五轴联动'] },
  { name: '材料失效分析', description: '开展断口、金相和成分分析，查明失效机理并提出改进建议。', unit: 'ITEM', price: [3000, 15000],
    lead: [7, 20], uses: ['扫描电子显微镜', '金相显微镜', 'X射线衍射仪', '傅里叶变换红外'] },
  { name: '技术咨询与诊断', description: '派出专家到厂开展工艺、质量和设备问题诊断。', unit: 'DAY', note: '每人天', price: [2000, 5000],
    lead: [3, 15] },
  { name: '精密加工工艺验证', description: '开展难加工材料切削参数优化和五轴加工工艺验证。', unit: 'PROJECT', price: [30000, 150000],
    lead: [20, 45], uses: ['五轴联动'], only: [AV, AS, AU] },
  { name: '工业机器人离线编程', description: '基于三维仿真开展机器人轨迹规划、离线编程和节拍优化。', unit: 'PROJECT', price: [20000, 80000],
    lead: [15, 40], uses: ['工业机器人测试平台'], only: [IR, AU] },
  { name: '动力电池材料评价', description: '开展锰系正极材料结构表征和扣式、软包电池电化学性能评价。', unit: 'SAMPLE', price: [2000, 8000],
    lead: [10, 30], uses: ['电池充放电', 'X射线衍射仪'], only: [AU, PE] },
  { name: '矿山装备智能化改造方案设计', description: '开展采掘装备远程监控和智能化改造方案设计。', unit: 'PROJECT', price: [50000, 250000],
    lead: [30, 60], only: [EM] },
  { name: '增材制造打样', description: '提供复杂结构件激光选区熔化成形工艺开发和打样。', unit: 'ITEM', note: '按零件体积计',
    price: [1000, 20000], lead: [5, 15], uses: ['金属3D打印'], only: [AV, AS, IR] },
];

// biome-ignore format: data table
const DESIGN: readonly ServiceDef[] = [
  { name: '工业设计（外观与结构）', description: '提供产品造型、结构、色彩材质设计和设计评审。', unit: 'PROJECT', price: [20000, 150000],
    lead: [20, 60] },
  { name: '结构仿真分析', description: '开展结构强度、模态、流体和热仿真分析，出具仿真报告。', unit: 'PROJECT', price: [10000, 80000],
    lead: [10, 30] },
  { name: '快速原型制作', description: '采用增材制造和数控加工快速制作设计样件。', unit: 'ITEM', note: '每件，按尺寸和材料计',
    price: [500, 20000], lead: [3, 15], uses: ['五轴联动', '金属3D打印'] },
  { name: '逆向建模', description: '对实物零件三维扫描并重构CAD模型。', unit: 'ITEM', price: [1000, 8000], lead: [3, 10],
    uses: ['光学三维扫描仪', '三坐标测量机'] },
  { name: '人机工程评价', description: '开展驾驶室、操作台人机工程分析与评价。', unit: 'PROJECT', price: [30000, 100000], lead: [20, 45],
    only: [AU, EM] },
];

// biome-ignore format: data table
const INTERNET: readonly ServiceDef[] = [
  { name: '设备上云接入', description: '为数控设备和生产线加装采集网关，接入工业云平台。', unit: 'ITEM', note: '每台设备，含采集网关',
    price: [2000, 8000], lead: [7, 20] },
  { name: '工业数据分析看板', description: '采集设备运行数据，定制能耗、产能和质量分析看板。', unit: 'PROJECT', price: [30000, 120000],
    lead: [20, 45] },
  { name: '标识注册与解析', description: '提供工业互联网标识注册、解析和产品追溯服务。', unit: 'BATCH', note: '每万条标识', price: [500, 500],
    lead: [1, 3] },
  { name: '企业上云诊断', description: '上门评估企业设备联网和信息化基础，给出上云方案；省级财政补贴，企业免费。', unit: 'PROJECT',
    price: [0, 0], lead: [5, 15] },
  { name: '设备预测性维护', description: '基于运行数据开展关键设备故障预警，提供维护建议。', unit: 'ITEM', note: '每台设备每年',
    price: [5000, 20000], lead: [10, 30], only: [PE, EM, IR] },
];

// biome-ignore format: data table
const TRANSFER: readonly ServiceDef[] = [
  { name: '科技成果评价', description: '组织同行专家对科技成果开展技术评价和价值评估，出具评价报告。', unit: 'PROJECT',
    price: [20000, 50000], lead: [15, 30] },
  { name: '专利导航分析', description: '围绕企业产品开展专利检索、导航分析和布局建议。', unit: 'PROJECT', price: [30000, 100000],
    lead: [30, 60] },
  { name: '技术合同认定登记代办', description: '协助办理技术合同认定登记和技术交易税收优惠。', unit: 'ITEM', price: [500, 500], lead: [5, 10] },
  { name: '创新券申领指导', description: '指导中小企业申领和兑付科技创新券。', unit: 'ITEM', price: [0, 0], lead: [1, 5] },
  { name: '知识产权许可转让代理', description: '代理专利许可、转让谈判和合同备案。', unit: 'ITEM', price: [5000, 30000], lead: [15, 45] },
];

// biome-ignore format: data table
const TRAINING: readonly ServiceDef[] = [
  { name: '数控加工技能培训', description: '开展数控车铣和多轴加工操作实训。', unit: 'DAY', note: '每人每天', price: [300, 600], lead: [7, 30] },
  { name: '职业技能等级认定', description: '开展装备制造相关工种职业技能等级认定，颁发等级证书。', unit: 'ITEM', note: '每人次',
    price: [300, 300], lead: [15, 30] },
  { name: '企业定制培训', description: '按企业岗位需求定制培训方案并送教上门。', unit: 'PROJECT', price: [20000, 80000], lead: [14, 45] },
  { name: '工业机器人操作与运维培训', description: '开展工业机器人示教编程、维护保养实训。', unit: 'DAY', note: '每人每天', price: [500, 900],
    lead: [7, 30], only: [IR] },
  { name: '焊接技能培训', description: '开展手工焊和机器人焊接实训及焊工取证培训。', unit: 'DAY', note: '每人每天', price: [300, 500],
    lead: [7, 30], only: [EM, AU, PE] },
  { name: '电工作业培训', description: '开展高低压电工作业实训和特种作业操作证培训。', unit: 'DAY', note: '每人每天', price: [300, 500],
    lead: [7, 30], only: [PE, EM] },
  { name: '航天电装工艺培训', description: '开展精密装配、电子装联和手工焊接工艺实训。', unit: 'DAY', note: '每人每天', price: [600, 1000],
    lead: [7, 30], only: [AS, AV] },
];

const CATALOGUE: Record<PlatformKind, readonly ServiceDef[]> = {
  TESTING_CERTIFICATION: TESTING,
  INSTRUMENT_SHARING: SHARING,
  RESEARCH_DEVELOPMENT: RESEARCH,
  INDUSTRIAL_DESIGN: DESIGN,
  INDUSTRIAL_INTERNET: INTERNET,
  TECHNOLOGY_TRANSFER: TRANSFER,
  TRAINING,
};

const FEE_UNIT: Record<string, [Unit, string]> = {
  hour: ['HOUR', '机时共享'],
  sample: ['SAMPLE', '送样测试'],
  day: ['DAY', '按日共享'],
};

/** An instrument a service may name: shared outside its unit, and in working order. */
function usable(row: PlatformInstrument): boolean {
  return row.sharing_mode === 'EXTERNAL' && row.status !== 'AWAITING_REPAIR' && row.status !== 'AWAITING_SCRAPPING';
}

/** Rounds a price to what a price list shows: tens of yuan, hundreds, thousands. */
function roundPrice(yuan: number): number {
  const step = yuan < 1000 ? 10 : yuan < 10_000 ? 100 : yuan < 100_000 ? 1000 : 5000;
  return Math.round(yuan / step) * step;
}

function priceOf(def: ServiceDef): [number, number] {
  const [low, high] = def.price;
  if (low === high || chance(0.2)) {
    const fixed = roundPrice(int(low, high));
    return [fixed * 100, fixed * 100];
  }
  const min = roundPrice(int(low, Math.round(low + (high - low) * 0.4)));
  const max = Math.max(min, roundPrice(int(Math.round(low + (high - low) * 0.6), high)));
  return [min * 100, max * 100];
}

/** The services an instrument-sharing platform sells of its own instruments: by the kind's fee. */
function machineTimeDefs(own: readonly PlatformInstrument[]): ServiceDef[] {
  const names = [...new Set(own.filter((row) => !row.name.includes('盐雾')).map((row) => row.name))];
  return names.flatMap((name) => {
    const kind = INSTRUMENT_KINDS.find((candidate) => candidate.name === name);
    if (!kind) return [];
    const [feeUnit, low, high] = kind.fee;
    const [unit, suffix] = must(FEE_UNIT[feeUnit], `fee unit ${feeUnit}`);
    return [
      {
        name: `${name}${suffix}`,
        description: `开放${name}，用户可在线预约，经培训自主上机或由平台技术人员操作，按仪器收费标准计费。`,
        unit,
        ...(unit === 'HOUR' ? { note: '1小时起约' } : {}),
        price: [low, high] as const,
        lead: [1, 7] as const,
        uses: [name],
      },
    ];
  });
}

function instrumentsFor(def: ServiceDef, own: readonly PlatformInstrument[]): string[] {
  if (!def.uses) return [];
  const fitting = own.filter((row) => def.uses?.some((use) => use === '*' || row.name.includes(use)));
  if (fitting.length === 0) return [];
  return sample(fitting, int(1, Math.min(3, fitting.length)))
    .map((row) => row.id)
    .sort();
}

function buildServices(
  platforms: readonly PlatformRow[],
  ownInstruments: (platform: PlatformRow) => PlatformInstrument[],
  forced: Map<string, ServiceDef[]>,
): ServiceRow[] {
  const rows: ServiceRow[] = [];
  for (const platform of platforms) {
    const own = ownInstruments(platform);
    const catalogue = [
      ...(platform.kind === 'INSTRUMENT_SHARING' ? machineTimeDefs(own) : []),
      ...CATALOGUE[platform.kind].filter((def) => !def.only || shared(def.only, platform.industries).length > 0),
    ];
    const required = forced.get(platform.id) ?? [];
    const rest = catalogue.filter((def) => !required.some((chosen) => chosen.name === def.name));
    const runs = (def: ServiceDef) => instrumentsFor(def, own).length > 0;
    // Best fit first: two services of its industries, those its instruments run, then the rest.
    const specific = shuffle(rest.filter((def) => def.only));
    const ranked = [
      ...required,
      ...specific.slice(0, 2),
      ...shuffle(rest.filter((def) => !def.only && runs(def))),
      ...specific.slice(2),
      ...shuffle(rest.filter((def) => !def.only && !runs(def))),
    ];
    const wanted =
      platform.kind === 'TESTING_CERTIFICATION'
        ? int(4, 6)
        : platform.kind === 'INSTRUMENT_SHARING'
          ? int(3, 6)
          : int(2, 5);
    const count = Math.min(ranked.length, Math.max(required.length, wanted));
    for (const def of ranked.slice(0, count)) {
      const [min, max] = priceOf(def);
      rows.push({
        id: `svc-${pad(rows.length + 1, 3)}`,
        platform_id: platform.id,
        name: def.name,
        description: def.description,
        unit: def.unit,
        unit_note: def.note ?? null,
        price_min_fen: min,
        price_max_fen: max,
        lead_time_days: int(def.lead[0], def.lead[1]),
        instrument_ids: instrumentsFor(def, own),
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------- credentials

const ISSUER = {
  CNAS: '中国合格评定国家认可委员会',
  CMA: '贵州省市场监督管理局',
  /** Until the market regulation administration took over (November 2018) the bureau issued CMA. */
  CMA_BEFORE_2019: '贵州省质量技术监督局',
  CAL: '贵州省市场监督管理局',
  DILAC: '国防科技工业实验室认可委员会',
  SKILLS: '贵州省人力资源和社会保障厅',
  DESIGN: '贵州省工业和信息化厅',
} as const;

/** The day `years` years after `from`, less one: the last day of a certificate's validity. */
function lastDayAfter(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

function dayIn(year: number): string {
  return `${year}-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`;
}

/**
 * The testing items a platform's services put on a credential's scope: a test's own, and for the
 * machine time of an instrument the item of the test that runs on that kind of instrument.
 */
function scopeItems(services: readonly ServiceRow[], kind: PlatformKind): string[] {
  const items = services.flatMap((row) => {
    const machineTime = INSTRUMENT_KINDS.some((kind) => row.name.startsWith(kind.name));
    const def =
      TESTING.find((candidate) => candidate.name === row.name) ??
      (machineTime ? TESTING.find((candidate) => candidate.uses?.some((use) => row.name.includes(use))) : undefined);
    return def?.scope ? [def.scope] : [];
  });
  if (items.length > 0) return [...new Set(items)];
  return kind === 'RESEARCH_DEVELOPMENT'
    ? ['金相组织检验（GB/T 13298-2015）', '金属材料化学成分分析（GB/T 4336-2016）', '断口分析（GB/T 34900-2017）']
    : ['金属材料力学性能测试', '金相组织检验（GB/T 13298-2015）'];
}

function buildCredentials(
  platforms: readonly PlatformRow[],
  services: readonly ServiceRow[],
  registry: ReadonlyMap<string, RegistryFields>,
  zunyiHost: PlatformRow,
): CredentialRow[] {
  const rows: CredentialRow[] = [];
  // Numbers the registry lists are the operators'; a lapsed certificate gets a number of its own.
  const registered = new Set([...registry.values()].flatMap((fields) => fields.certifications));
  const claimed = new Set<string>();
  const minted = new Set<string>();
  const mint = (make: () => string) => {
    for (;;) {
      const number = make();
      if (!registered.has(number) && !registered.has(`CMA ${number}`) && !minted.has(number)) {
        minted.add(number);
        return number;
      }
    }
  };

  for (const platform of platforms) {
    const own = services.filter((row) => row.platform_id === platform.id);
    const items = scopeItems(own, platform.kind);
    const held = registry.get(platform.operator_id)?.certifications ?? [];
    const found: Omit<CredentialRow, 'id' | 'platform_id'>[] = [];
    const add = (kind: CredentialKind, number: string, issuer: string, scope: string, from: string, years: number) =>
      found.push({ kind, number, issuer, scope, valid_from: from, valid_until: lastDayAfter(from, years) });
    // In force: issued (or last renewed) 2021–2024, six years; the Zunyi salt-spray lab renewed lately.
    const inForceFrom = () => dayIn(platform.id === zunyiHost.id ? int(2023, 2024) : int(2021, 2024));
    const lab = platform.kind === 'TESTING_CERTIFICATION' || platform.kind === 'INSTRUMENT_SHARING';

    if (lab || platform.kind === 'RESEARCH_DEVELOPMENT') {
      const cnas = held.find((c) => /^CNAS L\d+$/.test(c) && !claimed.has(c));
      if (cnas) {
        claimed.add(cnas);
        add('CNAS', cnas, ISSUER.CNAS, `检测实验室认可范围：${items.join('；')}。`, inForceFrom(), 6);
      }
    }
    if (lab) {
      const scope = `检验检测能力：${items.join('、')}等。`;
      const cma = held.find((c) => /^CMA \d{12}$/.test(c) && !claimed.has(c));
      if (cma) {
        claimed.add(cma);
        add('CMA', cma.slice(4), ISSUER.CMA, scope, inForceFrom(), 6);
      } else {
        // A lab whose operator lists no CMA: it held one, issued 2018–2019, and let it lapse.
        const from = dayIn(int(2018, 2019));
        const number = mint(() => `${from.slice(0, 4)}52${pad(int(1, 999_999), 6)}`);
        add('CMA', number, from < '2018-11' ? ISSUER.CMA_BEFORE_2019 : ISSUER.CMA, scope, from, 6);
      }
    }
    if (own.some((row) => row.name === CALIBRATION_NAME)) {
      // Calibration authorised by the province; now and then an authorisation not renewed.
      const from = chance(0.5) ? dayIn(int(2018, 2019)) : inForceFrom();
      const number = mint(() => `（黔）法计（${from.slice(0, 4)}）${pad(int(1, 999), 5)}号`);
      const scope =
        '计量校准：长度（卡尺、千分尺、量块）、力值（测力仪、硬度计）、压力（压力表）和电学（数字多用表）计量器具。';
      add('CAL', number, ISSUER.CAL, scope, from, 6);
    }
    if (platform.kind === 'TESTING_CERTIFICATION' && shared(platform.industries, [AV, AS]).length > 0) {
      const number = mint(() => `DILAC L${pad(int(100, 999), 4)}`);
      const scope = `国防科技工业实验室认可：${items.slice(0, 4).join('、')}（军工产品检测）。`;
      add('OTHER', number, ISSUER.DILAC, scope, inForceFrom(), 6);
    }
    if (platform.kind === 'TRAINING') {
      const trades = [
        '车工',
        '铣工',
        ...(shared(platform.industries, [EM, AU, PE]).length > 0 ? ['焊工'] : []),
        ...(shared(platform.industries, [PE, EM]).length > 0 ? ['电工'] : []),
        ...(platform.industries.includes(IR) ? ['工业机器人系统操作员', '工业机器人系统运维员'] : []),
        ...(shared(platform.industries, [AS, AV]).length > 0 ? ['装配钳工'] : []),
      ];
      const number = mint(() => `S000052${pad(int(1, 999_999), 6)}`);
      const scope = `职业技能等级认定（社会培训评价组织备案）：${trades.join('、')}，三级至五级。`;
      add('OTHER', number, ISSUER.SKILLS, scope, dayIn(int(2021, 2023)), 5);
    }
    if (platform.kind === 'INDUSTRIAL_DESIGN') {
      // Recognised for three years at a time; one not re-recognised shows as expired.
      const from = dayIn(int(2019, 2024));
      const number = mint(() => `黔工信设计〔${from.slice(0, 4)}〕${int(3, 40)}号`);
      add('OTHER', number, ISSUER.DESIGN, '省级工业设计中心：工业设计、仿真分析和设计成果转化。', from, 3);
    }
    for (const row of found.slice(0, 3)) {
      rows.push({ id: `crd-${pad(rows.length + 1, 3)}`, platform_id: platform.id, ...row });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------- figures

/** A year's figures by kind: enterprises served, services each, yuan a service. */
// biome-ignore format: data table
const FIGURES: Record<PlatformKind, { served: [number, number]; each: [number, number]; yuan: [number, number] }> = {
  TESTING_CERTIFICATION: { served: [120, 400], each: [6, 15], yuan: [1500, 4000] },
  INSTRUMENT_SHARING: { served: [60, 200], each: [4, 10], yuan: [800, 2500] },
  RESEARCH_DEVELOPMENT: { served: [15, 50], each: [1, 3], yuan: [40_000, 120_000] },
  INDUSTRIAL_DESIGN: { served: [20, 60], each: [1, 2], yuan: [20_000, 60_000] },
  INDUSTRIAL_INTERNET: { served: [300, 1200], each: [2, 5], yuan: [800, 3000] },
  TECHNOLOGY_TRANSFER: { served: [40, 150], each: [1, 3], yuan: [5000, 20_000] },
  TRAINING: { served: [30, 120], each: [10, 30], yuan: [400, 900] },
};

function buildFigures(platforms: readonly PlatformRow[]): ServiceFigureRow[] {
  const rows: ServiceFigureRow[] = [];
  for (const platform of platforms) {
    const shape = FIGURES[platform.kind];
    let served = int(...shape.served);
    let each = int(shape.each[0] * 10, shape.each[1] * 10) / 10;
    const yuan = int(...shape.yuan);
    for (const year of FIGURE_YEARS) {
      if (year < platform.established_year) continue;
      const delivered = Math.round(served * each);
      rows.push({
        platform_id: platform.id,
        year,
        enterprises_served: served,
        services_delivered: delivered,
        revenue_fen: Math.round((delivered * yuan * int(90, 110)) / 100) * 100,
      });
      // Modest growth: a few per cent more enterprises a year, and a little more from each.
      served = Math.round((served * int(103, 115)) / 100);
      each = (each * int(100, 106)) / 100;
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------- layout

/** The department's planned layout: region × key industry, how many platforms, and why. */
// biome-ignore format: data table
const LAYOUT: readonly (readonly [region: string, industry: Industry, expected: number, basis: string])[] = [
  ['520100', AV, 2, '贵阳市航空锻铸件和精密零部件企业集中，规划航空装备检验检测平台和工业互联网服务平台各一个。'],
  ['520100', AS, 1, '贵阳市航天配套精密制造企业较多，规划建设航天装备检测与仪器共享服务平台。'],
  ['520100', AU, 1, '贵阳市专用汽车和汽车轴承企业集聚，规划建设汽车零部件检测与仪器共享服务平台。'],
  ['520100', EM, 1, '贵阳市工程机械和轴承企业集中，规划建设工程机械共性技术研发平台。'],
  ['520100', IR, 2, '贵阳市数控机床和工业机器人应用企业增多，规划智能制造研发平台和工业互联网服务平台各一个。'],
  ['520200', EM, 1, '六盘水市煤矿机械和工程机械企业集聚，规划建设矿山装备安全检测服务平台。'],
  ['520300', AS, 2, '遵义市航天产业集聚，规划建设航天电子元器件检测平台和航天装备技能实训基地。'],
  ['520300', AU, 2, '遵义市汽车零部件和液压件企业集聚，规划建设汽车零部件研发平台和检测平台各一个。'],
  ['520300', PE, 1, '遵义市输变电装备制造企业集中，规划建设电力装备检测试验公共服务平台。'],
  ['520400', AV, 2, '安顺市民用航空产业基地航空零部件企业集中，规划建设航空产品检测平台和航空新材料研发平台。'],
  ['520400', AS, 1, '安顺市航空航天紧固件和材料企业配套航天型号，规划建设航天材料研发服务平台。'],
  ['520400', AU, 1, '安顺市汽车零部件企业较多，规划建设汽车零部件工业设计服务平台。'],
  ['520500', EM, 1, '毕节市矿用设备和工程机械企业集中，规划建设矿用设备检验检测公共服务平台。'],
  ['520500', AU, 1, '毕节市专用汽车和液压件企业集聚，规划建设专用汽车检测服务平台。'],
  ['520600', AU, 1, '铜仁市新能源汽车及零部件产业起步，规划建设新能源汽车电池材料研发平台。'],
  ['522300', PE, 1, '黔西南州输变电装备企业集中，规划建设电力装备检测试验公共服务平台。'],
  ['522600', AS, 1, '黔东南州微特电机企业配套航天型号，规划建设航天微特电机检测服务平台。'],
  ['522600', AU, 1, '黔东南州轴承和汽车零部件企业集中，规划建设汽车零部件工业设计服务平台。'],
  ['522600', EM, 1, '黔东南州工程机械配套企业较多，规划建设装备制造工业设计服务平台。'],
  ['522700', AU, 1, '黔南州专用汽车企业集中，规划建设专用汽车零部件检测服务平台。'],
  ['522700', EM, 1, '黔南州专用汽车和工程机械企业集中，规划建设装备制造仪器共享服务平台。'],
  ['522700', IR, 1, '黔南州数控机床和工业机器人应用企业增多，规划建设工业机器人应用实训平台。'],
  ['GUIAN', AV, 1, '贵安新区航空精密制造和紧固件企业集聚，规划建设增材制造与精密测量共享平台。'],
  ['GUIAN', AS, 1, '贵安新区航天精密制造企业集中，规划建设航天增材制造与精密测量服务平台。'],
];

/** The planned cells, each where the region has manufacturers of the industry. */
function buildLayout(enterprises: readonly Enterprise[]): LayoutTargetRow[] {
  return LAYOUT.map(([region, industry, expected, basis]) => {
    regionOf(region); // a region of the registry, or it throws
    const makers = enterprises.filter(
      (e) => e.type === 'MANUFACTURER' && e.region_code === region && e.industries.includes(industry),
    );
    if (makers.length === 0) throw new Error(`layout ${region} ${industry}: no manufacturer of it there`);
    return { region_code: region, industry, platforms_expected: expected, basis };
  }).sort(
    (a, b) =>
      REGIONS.findIndex((r) => r.code === a.region_code) - REGIONS.findIndex((r) => r.code === b.region_code) ||
      INDUSTRIES.indexOf(a.industry) - INDUSTRIES.indexOf(b.industry),
  );
}

// ---------------------------------------------------------------------------------------------- threads

const FILES = 'https://files.gzequip.example/threads';

interface Said {
  side: 'ENTERPRISE' | 'PLATFORM';
  /** Hours after the thread was opened. */
  after: number;
  body: string;
  /** A file sent with the message, by link. */
  attachment?: { name: string; file: string };
}

interface ThreadPlan {
  platform: PlatformRow;
  enterprise: Enterprise;
  subject: string;
  service: ServiceRow | null;
  instrument: PlatformInstrument | null;
  /** When the first message was sent, Asia/Shanghai. */
  opened: string;
  said: Said[];
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en')}`;
const priceText = (row: ServiceRow, range = '') =>
  row.price_min_fen === row.price_max_fen
    ? yuan(row.price_min_fen)
    : `${yuan(row.price_min_fen)}–${yuan(row.price_max_fen)}${range}`;

/** `local` (YYYY-MM-DDTHH:mm in Asia/Shanghai) plus `hours` and `minutes`, as ISO 8601 with +08:00. */
function shanghaiTime(local: string, hours: number, minutes: number): string {
  const utc = Date.parse(`${local}:00+08:00`) + (hours * 60 + minutes) * 60_000;
  return `${new Date(utc + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

function buildThreads(plans: readonly ThreadPlan[]): { thread: ThreadRow[]; message: MessageRow[] } {
  const thread: ThreadRow[] = [];
  const message: MessageRow[] = [];
  plans.forEach((plan, k) => {
    const id = `thr-${pad(k + 1, 3)}`;
    const asker = `user-${plan.enterprise.id}-1`;
    const operator = `operator-${plan.platform.id}`;
    thread.push({
      id,
      platform_id: plan.platform.id,
      enterprise_id: plan.enterprise.id,
      opened_by: asker,
      subject: plan.subject,
      service_id: plan.service?.id ?? null,
      instrument_id: plan.instrument?.id ?? null,
      status: 'OPEN',
    });
    let last = -1;
    for (const said of plan.said) {
      if (said.after <= last) throw new Error(`${id}: messages out of order`);
      last = said.after;
      message.push({
        thread_id: id,
        side: said.side,
        author_id: said.side === 'ENTERPRISE' ? asker : operator,
        body: said.body,
        attachments: JSON.stringify(
          said.attachment ? [{ name: said.attachment.name, url: `${FILES}/${id}/${said.attachment.file}` }] : [],
        ),
        // Within the hour after `after`: the next message comes an hour later at the earliest.
        created_at: shanghaiTime(plan.opened, said.after, int(0, 45)),
      });
    }
  });
  return { thread, message };
}

// ---------------------------------------------------------------------------------------------- the build

/**
 * Services, credentials, yearly figures, the planned layout and the inquiry threads, in the order
 * their foreign keys need (service before thread, thread before message).
 */
export function buildPlatformServices(
  platforms: readonly PlatformRow[],
  enterprises: readonly Enterprise[],
  registry: ReadonlyMap<string, RegistryFields>,
  instruments: readonly PlatformInstrument[],
): PlatformServices {
  // 2026-12-08, the services and credentials migration: a stream of its own, so the other tables keep their values.
  return stream(20261208).draw(() => {
    const ownInstruments = (platform: PlatformRow) =>
      instruments.filter((row) => row.platform_id === platform.id && usable(row));
    const byRegionKind = (region: string, kinds: readonly PlatformKind[]) =>
      kinds.flatMap((kind) => platforms.filter((p) => p.region_code === region && p.kind === kind))[0];
    const hasSaltSpray = (platform: PlatformRow) => ownInstruments(platform).some((row) => row.name.includes('盐雾'));

    // The Zunyi lab an SME asks for salt spray: its testing body, else the most fitting platform there.
    const zunyiHost = must(
      byRegionKind(ZUNYI, ['TESTING_CERTIFICATION', 'INSTRUMENT_SHARING', 'RESEARCH_DEVELOPMENT']),
      'a Zunyi platform for salt-spray testing',
    );
    // Elsewhere, the testing and sharing platforms with a salt-spray chamber of their own offer it too.
    const saltHosts = platforms.filter(
      (p) =>
        p.region_code !== ZUNYI &&
        (p.kind === 'TESTING_CERTIFICATION' || p.kind === 'INSTRUMENT_SHARING') &&
        hasSaltSpray(p),
    );
    const anshunTesting = must(byRegionKind('520400', ['TESTING_CERTIFICATION']), 'an Anshun testing platform');
    const bijieTesting = must(byRegionKind('520500', ['TESTING_CERTIFICATION']), 'a Bijie testing platform');
    const zunyiResearch = must(byRegionKind(ZUNYI, ['RESEARCH_DEVELOPMENT']), 'a Zunyi R&D platform');

    const forced = new Map<string, ServiceDef[]>();
    const force = (platform: PlatformRow, name: string) => {
      const def = must(
        [...CATALOGUE[platform.kind], SALT_SPRAY].find((candidate) => candidate.name === name),
        `${name} for ${platform.kind}`,
      );
      const list = forced.get(platform.id) ?? [];
      if (!list.includes(def)) forced.set(platform.id, [...list, def]);
    };
    for (const host of [zunyiHost, ...saltHosts]) force(host, SALT_SPRAY_NAME);
    // Testing bodies of the power-equipment and aviation industries calibrate (electrical, length and force).
    for (const p of platforms) {
      if (p.kind === 'TESTING_CERTIFICATION' && shared(p.industries, [PE, AV]).length > 0) force(p, CALIBRATION_NAME);
    }
    force(zunyiResearch, PROCESS_DEVELOPMENT_NAME);

    const service = buildServices(platforms, ownInstruments, forced);
    const credential = buildCredentials(platforms, service, registry, zunyiHost);
    const service_figure = buildFigures(platforms);
    const layout_target = buildLayout(enterprises);

    // -- the threads: small manufacturers asking platforms of their region
    const small = (region: string, wanted: readonly Industry[]) => {
      const makers = enterprises.filter(
        (e) =>
          e.type === 'MANUFACTURER' &&
          e.region_code === region &&
          registry.get(e.id)?.scale === 'BELOW_DESIGNATED_SIZE',
      );
      return makers.find((e) => shared(e.industries, wanted).length > 0) ?? makers[0];
    };
    const serviceOf = (platform: PlatformRow, name: string) =>
      must(
        service.find((row) => row.platform_id === platform.id && row.name === name),
        `${name} of ${platform.id}`,
      );
    const instrumentOf = (platform: PlatformRow, name: string) =>
      must(
        ownInstruments(platform).find((row) => row.name.includes(name)),
        `${name} of ${platform.id}`,
      );
    const cmaOf = (platform: PlatformRow) =>
      credential.filter((row) => row.platform_id === platform.id && row.kind === 'CMA');

    const zunyiSalt = serviceOf(zunyiHost, SALT_SPRAY_NAME);
    const zunyiCma = must(
      cmaOf(zunyiHost).find((row) => row.valid_until >= '2028-12-31' && row.scope.includes('盐雾试验')),
      `a CMA of ${zunyiHost.id} covering salt spray until 2028 and later`,
    );
    const lapsed = saltHosts.filter((p) => {
      const cma = cmaOf(p);
      return cma.length > 0 && cma.every((row) => row.valid_until < LAPSED_BEFORE);
    });
    const lapsedHost = must(
      lapsed.find((p) => small(p.region_code, p.industries)) ?? lapsed[0],
      'a salt-spray platform outside Zunyi whose CMA lapsed',
    );
    const lapsedCma = must(cmaOf(lapsedHost)[0], `the CMA of ${lapsedHost.id}`);
    const lapsedSalt = serviceOf(lapsedHost, SALT_SPRAY_NAME);
    const process = serviceOf(zunyiResearch, PROCESS_DEVELOPMENT_NAME);
    const ultrasonic = instrumentOf(anshunTesting, '相控阵超声');
    const torque = instrumentOf(bijieTesting, '扭矩测试台');
    const asker = (platform: PlatformRow) =>
      must(small(platform.region_code, platform.industries), `a small manufacturer near ${platform.id}`);
    const dateText = (day: string) =>
      `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;

    const plans: ThreadPlan[] = [
      {
        platform: zunyiHost,
        enterprise: asker(zunyiHost),
        subject: '咨询中性盐雾试验周期和报价',
        service: zunyiSalt,
        instrument: null,
        opened: '2026-03-10T09:05',
        said: [
          {
            side: 'ENTERPRISE',
            after: 0,
            attachment: {
              name: '试样图纸.pdf',
              file: 'sample-drawing.pdf',
            },
            body: '您好，我司为航天电连接器配套生产精密结构件，表面处理为铝合金阳极氧化和化学镀镍两种，需要做96小时中性盐雾试验，每批5件。请问试验周期多长、单价多少？能否出具带CMA标识的报告？试样图纸见附件。',
          },
          {
            side: 'PLATFORM',
            after: 2,
            body: `您好！中性盐雾试验按GB/T 10125-2021执行，价格为每件${priceText(zunyiSalt, '（视试验时长）')}，从收样到出具报告约${zunyiSalt.lead_time_days}个工作日。我中心持有CMA资质认定证书（编号${zunyiCma.number}，有效期至${dateText(zunyiCma.valid_until)}），报告可加盖CMA标识。寄样前请确认试样尺寸不超过150 mm×100 mm。`,
          },
          {
            side: 'ENTERPRISE',
            after: 26,
            body: '好的，试样尺寸符合要求。我们下周一送样，共两批10件，烦请提前安排试验箱。',
          },
          {
            side: 'PLATFORM',
            after: 29,
            body: '已为贵司预留3月16日开始的试验箱位。送样时请附委托单并注明试验时长和判定要求，联系人为检测业务室。',
          },
        ],
      },
      {
        platform: lapsedHost,
        enterprise: asker(lapsedHost),
        subject: '盐雾试验报告能否加盖CMA标识',
        service: lapsedSalt,
        instrument: null,
        opened: '2026-05-18T14:20',
        said: [
          {
            side: 'ENTERPRISE',
            after: 0,
            body: '请问贵平台的中性盐雾试验能否出具带CMA标识的报告？我们的装备结构件涂层参加招标，需要第三方CMA检测报告。',
          },
          {
            side: 'PLATFORM',
            after: 3,
            body: `您好，我平台CMA资质认定证书（编号${lapsedCma.number}）已于${dateText(lapsedCma.valid_until)}到期，复查评审正在进行中，目前只能出具不带CMA标识的委托检测报告。如投标必须使用CMA报告，建议委托持有有效资质的检测机构。`,
          },
          {
            side: 'ENTERPRISE',
            after: 20,
            body: '明白了。那先按委托检测做一轮摸底试验，正式报告我们另行委托。请发一下委托单模板。',
          },
          {
            side: 'PLATFORM',
            after: 22,
            attachment: {
              name: '委托检测单.docx',
              file: 'test-request-form.docx',
            },
            body: `委托单模板见附件，填写后随样品寄送即可。摸底试验按每件${priceText(lapsedSalt)}计。`,
          },
        ],
      },
      {
        platform: anshunTesting,
        enterprise: asker(anshunTesting),
        subject: `预约${ultrasonic.name}检测钛合金锻件`,
        service: null,
        instrument: ultrasonic,
        opened: '2026-07-06T10:30',
        said: [
          {
            side: 'ENTERPRISE',
            after: 0,
            body: `我司有一批TC4钛合金锻件（约30件）需要做相控阵超声检测，验收按GJB 1580A执行。请问${ultrasonic.name}近期是否有空闲机时？`,
          },
          {
            side: 'PLATFORM',
            after: 4,
            body: '您好，设备下周二、周四全天可约，请在线提交预约。检测需提供锻件图纸和验收标准，首件检测请派技术人员到场确认。',
          },
          {
            side: 'ENTERPRISE',
            after: 25,
            attachment: {
              name: '锻件图纸.pdf',
              file: 'forging-drawing.pdf',
            },
            body: '好的，图纸见附件，我们预约周四全天。',
          },
        ],
      },
      {
        platform: bijieTesting,
        enterprise: asker(bijieTesting),
        subject: '液压马达扭矩特性测试能否下月安排',
        service: null,
        instrument: torque,
        opened: '2026-09-14T08:50',
        said: [
          {
            side: 'ENTERPRISE',
            after: 0,
            body: `我们研制了一款低速大扭矩液压马达（额定扭矩8000 N·m），想在贵平台的${torque.name}上做扭矩—转速特性测试，请问量程是否够用？`,
          },
          {
            side: 'PLATFORM',
            after: 5,
            body: '您好，测试台最大量程10000 N·m，可以满足。测试按小时计费，收费标准见仪器页面；下月8日以后可以安排。',
          },
          {
            side: 'ENTERPRISE',
            after: 24,
            body: '马达接口是SAE法兰，需要我们自备转接件吗？另外能否同时采集压力和流量？',
          },
          {
            side: 'PLATFORM',
            after: 27,
            body: '台架配有SAE法兰转接板，无需自备；压力、流量和油温可同步采集，采样频率最高1 kHz，数据以Excel和PDF报告提供。',
          },
          { side: 'ENTERPRISE', after: 48, body: '很好，我们先预约下月10日、11日两天，样机届时运到。' },
        ],
      },
      {
        platform: zunyiResearch,
        enterprise: asker(zunyiResearch),
        subject: '液压阀体铸件工艺开发合作意向',
        service: process,
        instrument: null,
        opened: '2026-10-27T15:40',
        said: [
          {
            side: 'ENTERPRISE',
            after: 0,
            attachment: {
              name: '阀体铸件缺陷照片.zip',
              file: 'casting-defects.zip',
            },
            body: '我司液压多路阀阀体（HT300铸件）气孔、缩松废品率约8%，希望与平台合作开展铸造工艺优化，请问合作方式和费用如何？缺陷照片见附件。',
          },
          {
            side: 'PLATFORM',
            after: 20,
            body: `您好，平台可承担铸造工艺仿真和工艺试验验证，按项目计费，一般为${priceText(process)}，周期约${process.lead_time_days}天。建议先安排工程师到厂调研，再出具技术方案和报价。`,
          },
        ],
      },
    ];
    for (const plan of plans) {
      if (plan.service && plan.service.platform_id !== plan.platform.id)
        throw new Error(`${plan.subject}: service elsewhere`);
      if (plan.instrument && plan.instrument.platform_id !== plan.platform.id)
        throw new Error(`${plan.subject}: instrument elsewhere`);
    }
    const { thread, message } = buildThreads(plans);

    return { service, credential, service_figure, layout_target, thread, message };
  });
}
