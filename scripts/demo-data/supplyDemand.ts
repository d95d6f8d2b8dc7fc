/**
 * Supply and demand (plan row 3): the makers' products, the 2025 survey of the province's
 * equipment demand and the 2026 demand still open, and what buyers shortlisted and agreed.
 *
 * Believable for the province: every manufacturer lists 3–7 products of the classes its line of
 * business makes (a forging plant aviation forgings, a machine-tool maker machining centres and
 * lathes …), priced as such equipment sells; seven makers registered outside Guizhou (Dalian,
 * Suzhou, Shenzhen, Zhengzhou, Xuzhou, Xi'an, Ningbo) sell here too, so that the local share of
 * contracts means something. Buyers are local makers buying machine tools, parts, robots and plant
 * power, or universities, institutes and project companies running government procurement and
 * major projects. Local makers win most contracts, less often for machine tools and robots.
 * Specifications of products and demands of one class share their vocabulary, so that trigram
 * similarity between them ranks something.
 *
 * Deterministic, and apart from the other seed data: its own PRNG stream, so that adding it changed
 * no value of the existing tables (the new enterprises are appended).
 */
import type { Enterprise } from './enterprises.ts';
import {
  AS_9100,
  GJB_9001,
  HIGH_TECH,
  IATF_16949,
  ISO_9001,
  ISO_14001,
  ISO_45001,
  MA_MARK,
  type RegistryFields,
} from './registry.ts';
import {
  AS,
  AU,
  AV,
  chance,
  cityOf,
  countyOf,
  creditCode,
  EM,
  type Industry,
  IR,
  int,
  must,
  PE,
  pad,
  personName,
  phone,
  pick,
  regionOf,
  shuffle,
  stream,
  weighted,
} from './world.ts';

export type BuyerKind = 'ENTERPRISE' | 'GOVERNMENT_PROCUREMENT' | 'MAJOR_PROJECT';
export type ProcurementType =
  | 'PUBLIC_TENDER'
  | 'INVITED_TENDER'
  | 'COMPETITIVE_NEGOTIATION'
  | 'SINGLE_SOURCE'
  | 'DIRECT_PURCHASE';
export type DemandStatus = 'DRAFT' | 'PUBLISHED' | 'CLOSED';
export type CandidateStatus = 'SHORTLISTED' | 'INTENTION' | 'CONTRACT' | 'NO_DEAL';

export interface ProductRow {
  id: string;
  enterprise_id: string;
  name: string;
  class_code: string;
  industry: Industry;
  specification: string;
  price_min_fen: number;
  price_max_fen: number;
  annual_capacity: number;
  lead_time_days: number;
  certifications: string[];
  government_procurement: boolean;
  major_project: boolean;
}

export interface DemandRow {
  id: string;
  buyer_id: string;
  buyer_kind: BuyerKind;
  project_name: string | null;
  class_code: string;
  industry: Industry;
  specification: string;
  quantity: number;
  budget_min_fen: number;
  budget_max_fen: number;
  deadline: string;
  delivery_region_code: string;
  procurement_type: ProcurementType;
  status: DemandStatus;
  surveyed_on: string;
}

export interface CandidateRow {
  id: string;
  demand_id: string;
  product_id: string;
  status: CandidateStatus;
  contract_amount_fen: number | null;
  contract_date: string | null;
  reason: string | null;
}

/** The classes a manufacturer of each line of business makes, with the industry its product of that class serves. */
// biome-ignore format: data table
export const LINE_CLASSES: Record<string, readonly (readonly [classCode: string, industry: Industry | null])[]> = {
  精密制造: [['AS02', AS], ['AV03', AV]],
  航空零部件: [['AV03', AV], ['AV02', AV], ['AV01', AV]],
  航空锻造: [['AV01', AV], ['AS02', AS]],
  航天精密电子: [['AS01', AS], ['AS02', AS]],
  微特电机: [['AS01', AS], ['IR01', IR]],
  汽车零部件: [['AU02', AU], ['AU03', AU]],
  新能源汽车: [['AU01', AU], ['AU02', AU]],
  专用汽车: [['AU01', AU], ['EM03', EM]],
  矿山机械: [['EM01', EM], ['EM02', EM], ['EM04', EM]],
  工程机械: [['EM03', EM], ['EM02', EM], ['EM04', EM]],
  液压科技: [['EM04', EM], ['EM01', EM], ['AU02', AU]],
  电力设备: [['PE01', PE], ['PE02', PE], ['PE03', PE]],
  输变电装备: [['PE01', PE], ['PE02', PE], ['PE03', PE]],
  电气: [['PE02', PE], ['PE01', PE], ['PE03', PE], ['IR02', IR]],
  智能装备: [['IR02', IR], ['IR03', IR], ['IR01', IR]],
  机器人科技: [['IR01', IR], ['IR03', IR], ['IR02', IR]],
  // A machine tool serves whichever of its maker's industries buys it: null takes the class's, else the maker's.
  数控机床: [['MT01', null], ['MT02', null], ['MT03', null], ['MT04', null]],
  轴承: [['AU03', AU]],
  紧固件: [['AV02', AV], ['AU02', AU]],
};

/** The industry each class mostly serves (productClasses.ts), for machine tools sold without a buyer's. */
const CLASS_INDUSTRY: Record<string, Industry> = {
  MT01: AV,
  MT02: AU,
  MT03: AU,
  MT04: AU,
};
/** The industry of each group but the machine tools, which serve them all (productClasses.ts). */
export const GROUP_INDUSTRY: Record<string, Industry> = { AV, AS, AU, EM, PE, IR };

/** An equipment type of a class: what it is called, how it is sold, what it costs, and the parameters it is specified by. */
interface Variant {
  noun: string;
  model: string;
  unit: string;
  /** Price of one unit, yuan. */
  price: readonly [number, number];
  /** What one demand asks for. */
  quantity: readonly [number, number];
  capacity: readonly [number, number];
  lead: readonly [number, number];
  params: () => string[];
  uses: readonly string[];
  standard: string;
}

const p = <T>(...items: T[]) => pick(items);
const range = (min: number, max: number, step = 1) => min + step * int(0, Math.floor((max - min) / step));

// biome-ignore format: data table
const VARIANTS: Record<string, readonly Variant[]> = {
  MT01: [
    { noun: '五轴联动立式加工中心', model: 'UMC', unit: '台', price: [1_800_000, 4_200_000], quantity: [1, 3], capacity: [12, 60], lead: [120, 240],
      params: () => [`工作台直径${p(500, 650, 800)}mm`, `X/Y/Z轴行程${p(650, 800, 1000)}/${p(600, 750, 900)}/${p(500, 550, 650)}mm`, `A轴摆动范围±${p(110, 120)}°，C轴360°连续回转`, `电主轴最高转速${p(12000, 15000, 18000, 20000)}r/min，功率${range(25, 45)}kW`, `定位精度${p('0.006', '0.008')}mm，重复定位精度${p('0.004', '0.005')}mm`, `刀库容量${p(30, 40, 60)}把`, `数控系统${p('华中HNC-848Di', '广数GSK 25i', '西门子SINUMERIK 840D sl', '发那科31i-B5')}`],
      uses: ['航空发动机叶轮、叶片及机匣', '飞机钛合金结构件', '航天舱体及复杂曲面零件'], standard: 'GB/T 34880.1-2017 五轴联动加工中心检验条件' },
    { noun: '五轴龙门加工中心', model: 'GMC', unit: '台', price: [3_500_000, 6_000_000], quantity: [1, 2], capacity: [6, 24], lead: [180, 300],
      params: () => [`X/Y/Z轴行程${p(3000, 4000, 6000)}/${p(2500, 3000)}/${p(1000, 1250)}mm`, `双摆角铣头A/C轴摆角±${p(95, 110)}°`, `电主轴最高转速${p(18000, 24000)}r/min，功率${range(30, 60)}kW`, `定位精度${p('0.010', '0.012')}mm，重复定位精度${p('0.006', '0.008')}mm`, `工作台承重${p(8, 12, 20)}t`, `五轴联动，RTCP刀尖点跟随`],
      uses: ['飞机大型整体壁板、梁框', '铝合金与钛合金大型结构件'], standard: 'GB/T 34880.1-2017 五轴联动加工中心检验条件' },
  ],
  MT02: [
    { noun: '立式加工中心', model: 'VMC', unit: '台', price: [320_000, 900_000], quantity: [2, 10], capacity: [80, 400], lead: [45, 120],
      params: () => [`工作台尺寸${p('1000×500', '1200×600', '1400×700')}mm`, `X/Y/Z轴行程${p('850/500/550', '1000/600/600', '1300/700/650')}mm`, '主轴锥孔BT40', `主轴最高转速${p(8000, 10000, 12000, 15000)}r/min`, `定位精度${p('0.008', '0.010')}mm，重复定位精度${p('0.005', '0.006')}mm`, `刀库容量${p(24, 30)}把`, `快移速度${p(36, 48)}m/min`],
      uses: ['箱体、壳体及盘类零件', '模具及精密零部件', '发动机缸体缸盖'], standard: 'GB/T 18400 加工中心检验条件' },
  ],
  MT03: [
    { noun: '数控车床', model: 'CK', unit: '台', price: [150_000, 480_000], quantity: [2, 12], capacity: [100, 600], lead: [30, 90],
      params: () => [`床身上最大回转直径${p(500, 630, 800)}mm`, `最大车削长度${p(750, 1000, 1500)}mm`, `主轴最高转速${p(3000, 4000, 4500)}r/min`, `${p(8, 10, 12)}工位伺服刀塔`, `液压卡盘${p(8, 10, 12)}英寸`, `X/Z轴定位精度${p('0.008', '0.010')}mm`],
      uses: ['轴类、盘类零件', '轮毂轴承套圈', '液压缸筒及活塞杆'], standard: 'GB/T 16462 数控车床和车削中心检验条件' },
    { noun: '斜床身车铣复合中心', model: 'TMC', unit: '台', price: [450_000, 1_200_000], quantity: [1, 6], capacity: [40, 200], lead: [60, 120],
      params: () => [`床身上最大回转直径${p(500, 630)}mm`, `最大车削长度${p(500, 750, 1000)}mm`, `主轴最高转速${p(4000, 5000)}r/min`, `${p(12, 16)}工位动力刀塔，Y轴行程±${p(50, 60)}mm`, 'C轴分度0.001°', `X/Z轴定位精度${p('0.006', '0.008')}mm`],
      uses: ['航空接头及精密轴类零件', '复杂回转体一次装夹完成车铣'], standard: 'GB/T 16462 数控车床和车削中心检验条件' },
  ],
  MT04: [
    { noun: '数控外圆磨床', model: 'MK', unit: '台', price: [420_000, 1_600_000], quantity: [1, 5], capacity: [20, 150], lead: [60, 150],
      params: () => [`最大磨削直径${p(320, 500)}mm`, `最大磨削长度${p(750, 1000, 1500)}mm`, `砂轮线速度${p(45, 60, 80)}m/s`, `工件圆度${p('0.001', '0.0015')}mm`, `表面粗糙度Ra${p('0.16', '0.2')}μm`, `X轴最小进给0.0001mm`],
      uses: ['轴承套圈及滚子', '曲轴、凸轮轴', '液压阀芯'], standard: 'GB/T 4685 外圆磨床精度检验' },
    { noun: '数控平面磨床', model: 'MKS', unit: '台', price: [380_000, 1_200_000], quantity: [1, 4], capacity: [20, 120], lead: [60, 150],
      params: () => [`工作台面尺寸${p('600×300', '1000×500', '1600×800')}mm`, `砂轮线速度${p(35, 45)}m/s`, `平面度${p('0.002', '0.003')}mm/300mm`, `表面粗糙度Ra${p('0.2', '0.32')}μm`, '电磁吸盘，自动修整砂轮'],
      uses: ['模具及精密平面零件', '导轨及滑块'], standard: 'GB/T 4020 卧轴矩台平面磨床精度检验' },
  ],
  AV01: [
    { noun: '钛合金模锻件', model: 'TF', unit: '件', price: [12_000, 95_000], quantity: [20, 200], capacity: [800, 6000], lead: [90, 180],
      params: () => [`材料${p('TC4', 'TC17', 'TC21', 'TA15')}钛合金`, `最大投影面积${p('0.5', '1.2', '2.0')}m²`, `单件重量${range(30, 450, 10)}kg`, `超声波探伤${p('AA级', 'A级')}`, '室温拉伸、断裂韧度及低倍组织按技术条件检验', '供货状态退火，粗加工交付'],
      uses: ['飞机起落架及承力框', '航空发动机风扇盘、压气机盘'], standard: 'GJB 2744A 航空用钛及钛合金锻件规范' },
    { noun: '高温合金盘锻件', model: 'GD', unit: '件', price: [20_000, 120_000], quantity: [20, 150], capacity: [500, 4000], lead: [120, 210],
      params: () => [`材料${p('GH4169', 'GH4738', 'GH4065')}高温合金`, `外径${range(300, 900, 50)}mm`, `单件重量${range(40, 380, 10)}kg`, `晶粒度${p('ASTM 8级及更细', 'ASTM 6级及更细')}`, '超声波探伤AA级', '650℃持久性能按技术条件检验'],
      uses: ['航空发动机涡轮盘、压气机盘', '燃气轮机盘件'], standard: 'GJB 2744A 航空用钛及钛合金锻件规范' },
    { noun: '铝合金模锻件', model: 'AF', unit: '件', price: [4_000, 30_000], quantity: [50, 300], capacity: [2000, 20000], lead: [60, 150],
      params: () => [`材料${p('7050-T7452', '7075-T73', '2A14-T6')}铝合金`, `最大投影面积${p('0.3', '0.8', '1.5')}m²`, `单件重量${range(5, 120, 5)}kg`, '超声波探伤A级', '电导率及硬度逐件检验'],
      uses: ['飞机框、梁、接头', '直升机旋翼连接件'], standard: 'HB 5204 航空用铝合金锻件' },
  ],
  AV02: [
    { noun: '航空高锁螺栓', model: 'HL', unit: '批（万件）', price: [30_000, 180_000], quantity: [2, 20], capacity: [300, 3000], lead: [30, 90],
      params: () => [`规格M${p(4, 5, 6, 8, 10, 12)}`, `材料${p('TC4钛合金', '30CrMnSiA', 'A286高温合金')}`, `抗拉强度≥${p(1100, 1250)}MPa`, `表面处理${p('阳极化', '镀镉', '渗铝')}`, '滚压螺纹，逐批疲劳试验'],
      uses: ['飞机机身及机翼装配', '航空发动机附件装配'], standard: 'HB 8001 高锁螺栓通用规范' },
    { noun: '航空自锁螺母', model: 'ZN', unit: '批（万件）', price: [20_000, 120_000], quantity: [2, 20], capacity: [300, 3000], lead: [30, 90],
      params: () => [`规格M${p(4, 5, 6, 8, 10)}`, `材料${p('30CrMnSiA', 'A286高温合金', 'GH2132')}`, `工作温度${p('≤230℃', '≤425℃', '≤650℃')}`, '锁紧力矩及重复使用15次试验合格', '表面镀银或镀镉'],
      uses: ['飞机结构连接', '航空发动机热端部件连接'], standard: 'HB 6638 自锁螺母通用规范' },
  ],
  AV03: [
    { noun: '航空液压作动筒', model: 'ZD', unit: '件', price: [25_000, 150_000], quantity: [10, 80], capacity: [200, 2000], lead: [90, 200],
      params: () => [`额定压力${p(21, 28)}MPa`, `行程${range(50, 400, 10)}mm`, `输出力${range(20, 120, 5)}kN`, '工作温度-55℃~+135℃', '工作介质15号航空液压油', `寿命≥${p(50000, 80000, 100000)}次`],
      uses: ['飞机起落架收放', '舵面操纵及舱门开启'], standard: 'GJB 3963 飞机液压作动筒通用规范' },
    { noun: '航空液压电磁阀', model: 'DF', unit: '件', price: [8_000, 40_000], quantity: [20, 150], capacity: [500, 5000], lead: [60, 150],
      params: () => [`额定压力${p(21, 28)}MPa`, `额定流量${range(10, 60, 5)}L/min`, `工作电压DC${p(28, 27)}V`, '工作温度-55℃~+135℃', '内漏≤3滴/min', '满足GJB 150环境试验要求'],
      uses: ['飞机液压系统控制', '刹车及转弯控制'], standard: 'GJB 1538 飞机液压电磁阀通用规范' },
  ],
  AS01: [
    { noun: '圆形电连接器', model: 'Y', unit: '批（千只）', price: [40_000, 260_000], quantity: [2, 20], capacity: [200, 3000], lead: [30, 120],
      params: () => [`接触件数${p(7, 19, 26, 37, 55, 61)}芯`, `额定电流${p(5, 10, 25)}A`, '绝缘电阻≥5000MΩ', `耐压${p(1000, 1500)}V`, '工作温度-55℃~+125℃', `插拔寿命${p(500, 1000)}次`, '卡口或螺纹连接，壳体镀镉'],
      uses: ['运载火箭及卫星电缆网', '弹载电子设备'], standard: 'GJB 599B 耐环境快速分离高密度小圆形电连接器' },
    { noun: '矩形电连接器', model: 'J30J', unit: '批（千只）', price: [30_000, 180_000], quantity: [2, 20], capacity: [200, 3000], lead: [30, 120],
      params: () => [`接触件数${p(9, 15, 21, 25, 31, 37, 51)}芯`, '接触件间距1.27mm', '额定电流3A', '绝缘电阻≥5000MΩ', '工作温度-55℃~+125℃', '接触电阻≤10mΩ'],
      uses: ['星载计算机及电源模块', '航天测控设备'], standard: 'GJB 2446 外壳定位超小型矩形电连接器' },
  ],
  AS02: [
    { noun: '航天舱体结构件', model: 'CT', unit: '件', price: [15_000, 90_000], quantity: [10, 80], capacity: [500, 5000], lead: [60, 150],
      params: () => [`材料${p('2A12铝合金', '5A06铝合金', 'TC4钛合金')}`, `外形尺寸Φ${range(300, 1200, 50)}mm`, `形位公差${p('0.02', '0.03')}mm`, '表面阳极氧化', '气密性试验合格', '三坐标全尺寸检测'],
      uses: ['运载器舱段', '卫星承力筒及仪器舱'], standard: 'QJ 3104 航天产品机械加工通用技术条件' },
    { noun: '精密支架组件', model: 'ZJ', unit: '件', price: [5_000, 30_000], quantity: [20, 200], capacity: [1000, 10000], lead: [45, 120],
      params: () => [`材料${p('7075铝合金', 'TC4钛合金', '殷钢')}`, `形位公差${p('0.01', '0.02')}mm`, `表面粗糙度Ra${p('0.8', '1.6')}μm`, '去应力时效处理', '三坐标全尺寸检测'],
      uses: ['星载光学载荷支撑', '惯导平台安装支架'], standard: 'QJ 3104 航天产品机械加工通用技术条件' },
  ],
  AU01: [
    { noun: '纯电动压缩式垃圾车', model: 'EV', unit: '辆', price: [280_000, 650_000], quantity: [2, 20], capacity: [200, 2000], lead: [30, 90],
      params: () => [`底盘总质量${p('4.5', '12', '18')}t`, `动力电池容量${range(100, 280, 10)}kWh`, `续驶里程≥${p(200, 250, 300)}km`, `箱体容积${p(6, 10, 14, 16)}m³`, '压缩循环时间≤25s', '满足国家新能源汽车推广目录要求'],
      uses: ['城市生活垃圾收运', '园区及校园环卫作业'], standard: 'QC/T 52 垃圾车' },
    { noun: '矿用自卸车', model: 'KZ', unit: '辆', price: [450_000, 1_200_000], quantity: [2, 15], capacity: [100, 1500], lead: [45, 120],
      params: () => [`额定载重${p(25, 35, 45, 60)}t`, `发动机功率${range(300, 550, 10)}kW`, `货箱容积${p(16, 20, 25, 32)}m³`, '湿式多片制动，缓速器', `最大爬坡度${p(30, 35)}%`, '满足露天矿山及矿区道路运输要求'],
      uses: ['露天煤矿剥离运输', '砂石骨料矿山运输'], standard: 'GB/T 35198 矿用自卸车' },
    { noun: '随车起重运输车', model: 'SQ', unit: '辆', price: [260_000, 600_000], quantity: [2, 12], capacity: [200, 2000], lead: [30, 90],
      params: () => [`最大起重力矩${p(8, 12, 16, 20)}t·m`, `底盘总质量${p(16, 18, 25)}t`, `吊臂节数${p(4, 5, 6)}节`, '遥控操作，力矩限制器', '排放满足国六标准'],
      uses: ['电力抢修及物资运输', '设备安装吊装'], standard: 'QC/T 459 随车起重运输车' },
  ],
  AU02: [
    { noun: '发动机曲轴', model: 'QZ', unit: '批（百件）', price: [150_000, 420_000], quantity: [2, 20], capacity: [200, 2000], lead: [45, 120],
      params: () => [`材料${p('42CrMo', '48MnV', 'QT800-2')}`, `主轴颈直径${range(55, 95, 5)}mm`, '主轴颈圆度≤0.005mm', '轴颈中频淬火或氮化处理', `适配${p('2.0L汽油', '2.5L柴油', '3.0L柴油')}发动机`, '动平衡≤15g·cm'],
      uses: ['乘用车及轻型商用车发动机', '工程机械柴油机'], standard: 'QC/T 481 汽车发动机曲轴技术条件' },
    { noun: '发动机连杆', model: 'LG', unit: '批（千件）', price: [180_000, 500_000], quantity: [2, 15], capacity: [200, 3000], lead: [45, 120],
      params: () => [`材料${p('C70S6', '36MnVS4', '40Cr')}`, '胀断工艺', `大头孔直径${range(48, 70, 2)}mm`, '质量分组公差±3g', '孔圆柱度≤0.006mm'],
      uses: ['乘用车发动机', '轻型商用车发动机'], standard: 'QC/T 517 汽车发动机连杆技术条件' },
    { noun: '液压挺柱', model: 'TZ', unit: '批（万件）', price: [150_000, 450_000], quantity: [2, 12], capacity: [100, 1500], lead: [45, 120],
      params: () => ['材料20CrMo渗碳淬火', `外径${p(12, 14, 16)}mm`, '泄漏下降时间符合图样要求', '表面硬度HRC 58~64', '清洁度≤2mg/件'],
      uses: ['发动机配气机构'], standard: 'QC/T 523 汽车发动机液压挺柱技术条件' },
    { noun: '缸盖螺栓', model: 'GS', unit: '批（万件）', price: [40_000, 150_000], quantity: [2, 20], capacity: [300, 3000], lead: [30, 90],
      params: () => [`规格M${p(10, 12, 14)}×1.5`, '性能等级12.9级', '达克罗或锌铝涂层', '扭矩-转角法拧紧验证', '盐雾试验≥720h'],
      uses: ['发动机缸盖连接', '变速箱壳体连接'], standard: 'GB/T 3098.1 紧固件机械性能 螺栓、螺钉和螺柱' },
  ],
  AU03: [
    { noun: '轮毂轴承单元', model: 'DAC', unit: '批（千套）', price: [120_000, 420_000], quantity: [2, 20], capacity: [200, 3000], lead: [45, 120],
      params: () => [`第${p('二', '三')}代轮毂轴承单元`, `内径${range(25, 45, 5)}mm`, `额定动载荷${range(30, 60, 2)}kN`, '多唇密封，集成ABS编码器', '台架寿命≥30万km', 'GCr15轴承钢'],
      uses: ['乘用车及新能源汽车轮毂', '轻型商用车轮毂'], standard: 'JB/T 10238 滚动轴承 汽车轮毂轴承单元' },
    { noun: '圆锥滚子轴承', model: 'TR', unit: '批（千套）', price: [40_000, 200_000], quantity: [2, 30], capacity: [300, 5000], lead: [30, 90],
      params: () => [`型号${p('30208', '30311', '32216', '33116')}`, `精度等级${p('P5', 'P6')}`, 'GCr15轴承钢，套圈淬火回火', `额定动载荷${range(60, 250, 10)}kN`, '振动值Z3组'],
      uses: ['变速器及驱动桥', '工程机械减速机'], standard: 'GB/T 297 滚动轴承 圆锥滚子轴承 外形尺寸' },
    { noun: '离合器分离轴承', model: 'FL', unit: '批（千套）', price: [30_000, 120_000], quantity: [2, 30], capacity: [300, 5000], lead: [30, 90],
      params: () => [`内径${range(30, 60, 5)}mm`, '自动调心，终身润滑', '高温润滑脂，工作温度-40℃~+150℃', '寿命≥50万次分离', '防尘密封'],
      uses: ['商用车离合器', '轻型车离合器'], standard: 'JB/T 5312 汽车离合器分离轴承单元' },
  ],
  EM01: [
    { noun: '两柱掩护式液压支架', model: 'ZY', unit: '架', price: [320_000, 1_100_000], quantity: [10, 60], capacity: [300, 3000], lead: [90, 180],
      params: () => [`支护高度${p('1.2~2.6', '1.8~3.8', '2.5~5.0')}m`, `工作阻力${range(6000, 15000, 500)}kN`, '中心距1.5m', `支护强度${p('0.9', '1.0', '1.2')}MPa`, '电液控制系统，支持自动跟机移架', '取得煤矿矿用产品安全标志'],
      uses: ['薄及中厚煤层综采工作面', '智能化综采工作面'], standard: 'GB 25974 煤矿用液压支架' },
  ],
  EM02: [
    { noun: '悬臂式掘进机', model: 'EBZ', unit: '台', price: [1_800_000, 7_500_000], quantity: [1, 4], capacity: [10, 120], lead: [90, 180],
      params: () => [`截割功率${p(160, 200, 260, 318)}kW`, `可经济截割硬度f≤${p(8, 10)}`, `最大截割高度${p('4.5', '4.8', '5.2')}m`, `整机重量${range(50, 110, 5)}t`, `适应坡度±${p(16, 18)}°`, '遥控操作，截割断面自动成形', '取得煤矿矿用产品安全标志'],
      uses: ['煤巷及半煤岩巷掘进', '隧道及巷道掘进'], standard: 'MT/T 238 悬臂式掘进机' },
  ],
  EM03: [
    { noun: '轮式装载机', model: 'LW', unit: '台', price: [320_000, 950_000], quantity: [2, 12], capacity: [200, 3000], lead: [30, 90],
      params: () => [`额定载重${p(3, 5, 6)}t`, `铲斗容量${p('1.8', '3.0', '3.5')}m³`, `发动机功率${p(92, 162, 175)}kW`, `最大卸载高度${range(2960, 3200, 20)}mm`, '液力变矩器，动力换挡变速箱', '排放满足非道路国四标准'],
      uses: ['矿山、砂石料场装载', '市政及园区工程'], standard: 'GB/T 35213 土方机械 轮式装载机' },
  ],
  EM04: [
    { noun: '液压支架立柱', model: 'LZ', unit: '件', price: [12_000, 60_000], quantity: [50, 300], capacity: [1000, 8000], lead: [45, 120],
      params: () => [`缸径${range(200, 400, 20)}mm`, `行程${range(1000, 2600, 100)}mm`, `额定工作压力${p('31.5', '40')}MPa`, `活柱镀层${p('双层镀铬', '激光熔覆不锈钢')}`, '出厂逐件耐压试验'],
      uses: ['液压支架立柱及千斤顶', '综采工作面支架大修'], standard: 'MT/T 556 液压支架立柱技术条件' },
    { noun: '工程机械液压油缸', model: 'YG', unit: '件', price: [3_000, 25_000], quantity: [50, 400], capacity: [2000, 20000], lead: [30, 90],
      params: () => [`缸径${range(80, 250, 10)}mm`, `行程${range(500, 2000, 100)}mm`, `额定压力${p('25', '31.5')}MPa`, '活塞杆表面镀铬，硬度HV≥800', '进口密封件', '出厂逐件耐压及泄漏试验'],
      uses: ['装载机、挖掘机动臂及斗杆', '专用汽车举升'], standard: 'JB/T 10205 液压缸' },
  ],
  PE01: [
    { noun: '10kV油浸式配电变压器', model: 'S13-M', unit: '台', price: [65_000, 220_000], quantity: [5, 80], capacity: [500, 5000], lead: [30, 90],
      params: () => [`额定容量${p(400, 630, 800, 1000, 1250)}kVA`, '额定电压10/0.4kV', '联结组别Dyn11', `能效等级${p('一', '二')}级`, '短路阻抗4.5%', '全密封波纹油箱'],
      uses: ['城乡配电网', '工业园区及厂区配电'], standard: 'GB 20052-2020 电力变压器能效限定值及能效等级' },
    { noun: '10kV干式变压器', model: 'SCB13', unit: '台', price: [90_000, 320_000], quantity: [2, 30], capacity: [300, 3000], lead: [30, 90],
      params: () => [`额定容量${p(630, 1000, 1600, 2000, 2500)}kVA`, '额定电压10/0.4kV', '联结组别Dyn11', '绝缘耐热等级F级', `能效等级${p('一', '二')}级`, '温控及强迫风冷'],
      uses: ['轨道交通及建筑配电', '工厂车间配电'], standard: 'GB/T 1094.11 电力变压器 干式变压器' },
    { noun: '110kV有载调压电力变压器', model: 'SZ11', unit: '台', price: [1_800_000, 4_500_000], quantity: [1, 3], capacity: [10, 80], lead: [90, 180],
      params: () => [`额定容量${p(40000, 50000, 63000)}kVA`, '额定电压110±8×1.25%/10.5kV', '联结组别YNd11', '有载调压', '空载损耗及负载损耗低于标准值10%'],
      uses: ['110kV变电站', '新能源汇集站'], standard: 'GB/T 6451 油浸式电力变压器技术参数和要求' },
  ],
  PE02: [
    { noun: '金属铠装移开式开关柜', model: 'KYN28A-12', unit: '面', price: [45_000, 160_000], quantity: [10, 60], capacity: [500, 5000], lead: [30, 90],
      params: () => ['额定电压12kV', `额定电流${p(630, 1250, 3150)}A`, `额定短路开断电流${p('25', '31.5', '40')}kA`, '防护等级IP4X', '五防联锁，真空断路器', '配置智能操控装置及无线测温'],
      uses: ['变电站10kV配电', '工矿企业配电'], standard: 'GB/T 3906 3.6kV~40.5kV交流金属封闭开关设备和控制设备' },
    { noun: '10kV环网柜', model: 'XGN15-12', unit: '面', price: [35_000, 110_000], quantity: [10, 60], capacity: [500, 5000], lead: [30, 90],
      params: () => ['额定电压12kV', `额定电流${p(630, 1250)}A`, '额定短时耐受电流20kA/4s', 'SF6或环保气体绝缘', '配置DTU，支持配电自动化'],
      uses: ['城市配电网环网供电', '园区及小区配电'], standard: 'GB/T 3906 3.6kV~40.5kV交流金属封闭开关设备和控制设备' },
    { noun: '126kV气体绝缘金属封闭开关设备', model: 'ZF', unit: '间隔', price: [1_200_000, 2_800_000], quantity: [2, 8], capacity: [20, 200], lead: [90, 180],
      params: () => ['额定电压126kV', `额定电流${p(2000, 3150)}A`, '额定短路开断电流40kA', '三相共箱', '配置在线监测'],
      uses: ['110kV变电站', '新能源汇集站'], standard: 'GB/T 7674 额定电压72.5kV及以上气体绝缘金属封闭开关设备' },
  ],
  PE03: [
    { noun: '交联聚乙烯绝缘电力电缆', model: 'YJV22', unit: 'km', price: [180_000, 620_000], quantity: [5, 60], capacity: [500, 6000], lead: [20, 60],
      params: () => ['额定电压8.7/15kV', `规格3×${p(95, 150, 240, 300)}mm²`, '铜导体，钢带铠装', `阻燃等级${p('ZC', 'ZB')}`, '局部放电≤5pC'],
      uses: ['城市配电网', '工业园区供电'], standard: 'GB/T 12706.2-2020 额定电压1kV到35kV挤包绝缘电力电缆' },
    { noun: '低压电力电缆', model: 'YJV', unit: 'km', price: [40_000, 180_000], quantity: [10, 100], capacity: [1000, 10000], lead: [15, 45],
      params: () => ['额定电压0.6/1kV', `规格${p('4×95+1×50', '4×150+1×70', '4×240+1×120')}mm²`, '铜导体，交联聚乙烯绝缘', `阻燃等级${p('ZC', 'ZB')}`],
      uses: ['厂房及建筑低压配电', '城乡低压配电网'], standard: 'GB/T 12706.1-2020 额定电压1kV到35kV挤包绝缘电力电缆' },
    { noun: '煤矿用阻燃电力电缆', model: 'MYJV22', unit: 'km', price: [90_000, 320_000], quantity: [5, 40], capacity: [300, 3000], lead: [20, 60],
      params: () => [`额定电压${p('6/10kV', '8.7/10kV')}`, `规格3×${p(70, 95, 120, 150)}mm²`, '铜导体，钢带铠装', '取得煤矿矿用产品安全标志'],
      uses: ['煤矿井下供电', '采区变电所'], standard: 'MT 818 煤矿用电缆' },
  ],
  IR01: [
    { noun: '六轴工业机器人', model: 'R6', unit: '台', price: [120_000, 450_000], quantity: [2, 20], capacity: [100, 2000], lead: [30, 90],
      params: () => [`额定负载${p(6, 20, 50, 165, 210)}kg`, `臂展${range(1400, 2700, 50)}mm`, `重复定位精度±${p('0.02', '0.03', '0.05')}mm`, `防护等级IP${p(54, 65, 67)}`, '国产RV减速机及伺服电机', '支持离线编程'],
      uses: ['焊接、搬运及码垛', '机床上下料', '喷涂及打磨'], standard: 'GB/T 12642 工业机器人 性能规范及其试验方法' },
    { noun: 'SCARA机器人', model: 'S4', unit: '台', price: [60_000, 150_000], quantity: [2, 20], capacity: [200, 3000], lead: [30, 60],
      params: () => [`额定负载${p(3, 6, 10, 20)}kg`, `臂展${p(400, 500, 600, 800)}mm`, '重复定位精度±0.01mm', '标准循环时间≤0.4s', '视觉引导接口'],
      uses: ['电子装配及分拣', '连接器插装'], standard: 'GB/T 12642 工业机器人 性能规范及其试验方法' },
    { noun: '协作机器人', model: 'C', unit: '台', price: [80_000, 220_000], quantity: [2, 15], capacity: [200, 3000], lead: [30, 60],
      params: () => [`额定负载${p(5, 10, 16, 20)}kg`, `臂展${range(900, 1700, 50)}mm`, '重复定位精度±0.03mm', '力矩传感碰撞检测', '拖动示教'],
      uses: ['精密装配及检测', '实训教学'], standard: 'GB/T 12642 工业机器人 性能规范及其试验方法' },
  ],
  IR02: [
    { noun: '机器视觉在线检测系统', model: 'VI', unit: '套', price: [280_000, 1_500_000], quantity: [1, 6], capacity: [20, 300], lead: [45, 120],
      params: () => [`检测精度${p('0.01', '0.02')}mm`, `检测节拍${range(2, 10)}s/件`, `相机分辨率${p(500, 1200, 2500)}万像素`, '缺陷识别率≥99.5%', '深度学习缺陷分类，数据接入MES'],
      uses: ['零部件尺寸及外观缺陷检测', '连接器及轴承在线检测'], standard: 'GB/T 40659 智能制造 机器视觉在线检测系统 通用要求' },
    { noun: '智能巡检机器人', model: 'XJ', unit: '台', price: [350_000, 1_200_000], quantity: [1, 6], capacity: [20, 300], lead: [45, 120],
      params: () => ['红外测温及可见光双光谱云台', `续航时间≥${p(6, 8, 10)}h`, '局部放电及气体检测', `防护等级IP${p(55, 65)}`, '自主导航，巡检数据接入集控平台'],
      uses: ['变电站及配电室巡检', '煤矿皮带巷道巡检'], standard: 'DL/T 1610 变电站机器人巡检系统通用技术条件' },
    { noun: '三坐标在线测量站', model: 'CMM', unit: '套', price: [600_000, 2_500_000], quantity: [1, 4], capacity: [10, 150], lead: [60, 150],
      params: () => [`测量范围${p('700×1000×660', '1000×2000×800')}mm`, `示值误差MPE ${p('1.8+L/300', '2.5+L/250')}μm`, '车间型温度补偿', '自动上下料及SPC分析'],
      uses: ['发动机缸体缸盖在线检测', '航空结构件首件检测'], standard: 'GB/T 16857.2 坐标测量机的验收检测和复检检测' },
  ],
  IR03: [
    { noun: '焊装自动化生产线', model: 'HZ', unit: '条', price: [3_000_000, 16_000_000], quantity: [1, 2], capacity: [2, 20], lead: [120, 270],
      params: () => [`焊接机器人${range(8, 40, 2)}台`, `生产节拍${p(30, 40, 60)}JPH`, '柔性夹具，多车型共线', '视觉引导及焊缝跟踪', '数据接入MES'],
      uses: ['专用汽车及新能源汽车车身焊装', '工程机械结构件焊接'], standard: 'GB/T 39116 智能制造能力成熟度模型' },
    { noun: '机加工自动化生产线', model: 'JX', unit: '条', price: [2_500_000, 12_000_000], quantity: [1, 2], capacity: [2, 24], lead: [120, 240],
      params: () => [`加工中心${range(4, 16)}台，桁架或机器人上下料`, `生产节拍${range(60, 180, 10)}s/件`, '在线测量及刀具寿命管理', '数据接入MES'],
      uses: ['轴承套圈及轮毂加工', '发动机零部件加工'], standard: 'GB/T 39116 智能制造能力成熟度模型' },
    { noun: '装配检测自动化生产线', model: 'ZP', unit: '条', price: [1_800_000, 8_000_000], quantity: [1, 2], capacity: [2, 30], lead: [90, 210],
      params: () => [`工位${range(12, 40)}个`, `生产节拍${range(20, 90, 5)}s/件`, '拧紧、压装及气密检测', '视觉防错与追溯', '数据接入MES'],
      uses: ['电连接器装配检测', '汽车零部件总成装配'], standard: 'GB/T 39116 智能制造能力成熟度模型' },
  ],
};

/** The makers registered outside Guizhou that sell here: city division, names, line, industries, where in Guizhou they sell. */
// biome-ignore format: data table
const OUT_OF_PROVINCE: readonly (readonly [division: string, name: string, nameEn: string, line: string, served: readonly Industry[], region: string, founded: number, extra: readonly string[]])[] = [
  ['210200', '大连华辰数控机床股份有限公司', 'Dalian Huachen CNC Machine Tool Co., Ltd.', '数控机床', [AV, AU, IR], '520100', 1998, [ISO_14001, ISO_45001, HIGH_TECH]],
  ['320500', '苏州极创机器人科技有限公司', 'Suzhou Jichuang Robotics Technology Co., Ltd.', '机器人科技', [IR], 'GUIAN', 2011, [ISO_14001, HIGH_TECH]],
  ['440300', '深圳市鹏瑞电气股份有限公司', 'Shenzhen Pengrui Electric Co., Ltd.', '电气', [PE, IR], '520100', 2002, [ISO_14001, ISO_45001, HIGH_TECH]],
  ['410100', '郑州豫兴矿山机械股份有限公司', 'Zhengzhou Yuxing Mining Machinery Co., Ltd.', '矿山机械', [EM], '520200', 1988, [ISO_14001, ISO_45001, MA_MARK]],
  ['320300', '徐州恒工工程机械股份有限公司', 'Xuzhou Henggong Construction Machinery Co., Ltd.', '工程机械', [EM], '520500', 1993, [ISO_14001, ISO_45001]],
  ['610100', '西安秦翔航空锻造有限公司', "Xi'an Qinxiang Aero Forging Co., Ltd.", '航空锻造', [AV, AS], '520400', 1979, [AS_9100, GJB_9001, ISO_45001]],
  ['330200', '宁波甬达汽车零部件有限公司', 'Ningbo Yongda Auto Parts Co., Ltd.', '汽车零部件', [AU], '520300', 2003, [IATF_16949, ISO_14001]],
];

export interface Supplier {
  enterprise: Enterprise;
  registry: RegistryFields;
}

/** The out-of-province makers, ids after the last demo enterprise; their address is their Guizhou office's. */
function buildSuppliers(first: number): Supplier[] {
  return OUT_OF_PROVINCE.map(([division, name, nameEn, line, served, regionCode, founded, extra], k) => {
    const r = regionOf(regionCode);
    const place = countyOf(r);
    return {
      enterprise: {
        id: `ent-${pad(first + k, 3)}`,
        credit_code: creditCode('91', division),
        name,
        name_en: nameEn,
        type: 'MANUFACTURER',
        region_code: r.code,
        industries: [...served],
        address: `贵州省${cityOf(r)}${place.name}${pick(place.streets)}${int(1, 399)}号`,
        contact_name: personName(),
        contact_phone: phone(r),
        founded_year: founded,
        county: place.code,
        line,
      },
      registry: { scale: 'ABOVE_DESIGNATED_SIZE', certifications: [ISO_9001, ...extra] },
    };
  });
}

// ---------------------------------------------------------------------------------------------- products

/** The certifications a product of a class carries: those of its maker's that concern it. */
function productCertifications(classCode: string, held: readonly string[]): string[] {
  const group = classCode.slice(0, 2);
  const concerns = (c: string) =>
    c === ISO_9001 ||
    (c === AS_9100 && ['AV', 'AS', 'MT'].includes(group)) ||
    (c === GJB_9001 && ['AV', 'AS'].includes(group)) ||
    (c === IATF_16949 && group === 'AU') ||
    (c === MA_MARK && ['EM01', 'EM02', 'PE03'].includes(classCode)) ||
    (c === ISO_14001 && chance(0.4));
  return held.filter(concerns);
}

/** Classes sold as parts and materials (with quality papers), not as equipment (installed and commissioned). */
const PARTS = new Set(['AV01', 'AV02', 'AV03', 'AS01', 'AS02', 'AU02', 'AU03', 'EM04', 'PE03']);
const productService = (classCode: string) =>
  PARTS.has(classCode)
    ? '随货提供材质证明、检验报告及合格证，可按图样定制'
    : `提供安装调试、操作培训及${p(1, 2, 3)}年质保`;
const demandService = (classCode: string) =>
  PARTS.has(classCode)
    ? '含运输，随货提供材质证明、检验报告及合格证，首批须通过来料检验'
    : `含运输、安装调试及操作培训，质保期不少于${p(1, 2, 3)}年`;

const yuanToFen = (yuan: number) => Math.round(yuan / 100) * 100 * 100;

interface MakerInfo {
  e: Enterprise;
  certifications: readonly string[];
  inProvince: boolean;
}

function productIndustry(classCode: string, industry: Industry | null, maker: Enterprise): Industry {
  if (industry) return industry;
  const own = CLASS_INDUSTRY[classCode] as Industry;
  return maker.industries.includes(own) ? own : pick(maker.industries);
}

function buildProducts(makers: readonly MakerInfo[]): (ProductRow & { variant: Variant })[] {
  const products: (ProductRow & { variant: Variant })[] = [];
  for (const { e, certifications, inProvince } of makers) {
    const classes = must(LINE_CLASSES[e.line ?? ''], `classes of ${e.line}`);
    // The makers from outside list more: they come to the province with a range, not a single line.
    const count = inProvince ? int(3, 7) : int(5, 7);
    const plan = [...shuffle(classes)];
    while (plan.length < count) plan.push(pick(classes));
    const prefix = e.name_en
      .split(' ')[1]
      ?.replace(/[^A-Za-z]/g, '')
      .slice(0, 2)
      .toUpperCase();
    const taken = new Set<string>();
    for (const [classCode, industry] of plan.slice(0, count)) {
      const variant = pick(must(VARIANTS[classCode], classCode));
      const [lo, hi] = variant.price;
      // Makers from the big equipment centres price a little higher.
      const base = (lo + (hi - lo) * int(0, 70) * 0.01) * (inProvince ? 1 : 1.08);
      const min = yuanToFen(base);
      const max = Math.max(min, yuanToFen(Math.min(hi * 1.15, base * (1.15 + int(0, 45) * 0.01))));
      let model = '';
      do model = `${prefix}-${variant.model}${range(100, 990, 10)}`;
      while (taken.has(model));
      taken.add(model);
      const params = variant.params();
      const uses = variant.uses.join('；');
      products.push({
        id: '',
        enterprise_id: e.id,
        name: `${variant.noun} ${model}`,
        class_code: classCode,
        industry: productIndustry(classCode, industry, e),
        specification: `${variant.noun}，型号${model}：${params.join('；')}。适用于${uses}。执行${variant.standard}，${productService(classCode)}。`,
        price_min_fen: min,
        price_max_fen: max,
        annual_capacity: range(variant.capacity[0], variant.capacity[1]),
        lead_time_days: range(variant.lead[0], variant.lead[1], 5),
        certifications: productCertifications(classCode, certifications),
        government_procurement: ['MT', 'IR', 'PE'].includes(classCode.slice(0, 2)) ? chance(0.5) : chance(0.15),
        major_project: ['EM', 'PE', 'AV', 'AS'].includes(classCode.slice(0, 2)) ? chance(0.5) : chance(0.15),
        variant,
      });
    }
  }
  return products.map((row, i) => ({ ...row, id: `prd-${pad(i + 1, 4)}` }));
}

// ---------------------------------------------------------------------------------------------- demand

/** Which makers, by line, buy a class for their own works (PE: every maker above designated size). */
// biome-ignore format: data table
const BUYER_LINES: Record<string, readonly string[]> = {
  MT01: ['精密制造', '航空零部件', '航空锻造', '航天精密电子'],
  MT02: ['精密制造', '航空零部件', '汽车零部件', '液压科技', '紧固件', '微特电机', '工程机械', '专用汽车', '新能源汽车', '轴承'],
  MT03: ['汽车零部件', '液压科技', '轴承', '紧固件', '专用汽车', '工程机械', '航空零部件'],
  MT04: ['轴承', '汽车零部件', '液压科技', '精密制造', '微特电机'],
  AV01: ['精密制造', '航空零部件'],
  AV02: ['精密制造', '航空锻造'],
  AS01: ['精密制造'],
  AS02: ['航天精密电子', '微特电机'],
  AU02: ['专用汽车', '新能源汽车'],
  AU03: ['专用汽车', '新能源汽车', '液压科技'],
  EM04: ['工程机械', '专用汽车', '智能装备'],
  IR01: ['汽车零部件', '专用汽车', '新能源汽车', '轴承', '紧固件', '液压科技', '工程机械', '航空锻造', '精密制造'],
  IR02: ['汽车零部件', '轴承', '紧固件', '航空零部件', '精密制造', '航天精密电子', '输变电装备'],
  IR03: ['汽车零部件', '新能源汽车', '专用汽车', '轴承', '微特电机', '航天精密电子'],
};
// biome-ignore format: data table
const ENTERPRISE_CLASS_WEIGHTS: readonly (readonly [string, number])[] = [
  ['MT01', 5], ['MT02', 8], ['MT03', 7], ['MT04', 4], ['AV01', 6], ['AV02', 4], ['AS01', 3], ['AS02', 3],
  ['AU02', 6], ['AU03', 6], ['EM04', 5], ['PE01', 4], ['PE02', 4], ['PE03', 3], ['IR01', 8], ['IR02', 5], ['IR03', 4],
];

type Owner = { name: string } | { operatorIn: string } | { line: string; region: string };

interface Project {
  kind: Exclude<BuyerKind, 'ENTERPRISE'>;
  name: string;
  owner: Owner;
  region: string;
  classes: readonly string[];
}

// biome-ignore format: data table
const PROJECTS: readonly Project[] = [
  { kind: 'GOVERNMENT_PROCUREMENT', name: '贵州大学机械工程训练中心数控设备采购项目', owner: { name: '贵州大学' }, region: '520100', classes: ['MT02', 'MT03', 'MT01', 'IR01'] },
  { kind: 'GOVERNMENT_PROCUREMENT', name: '贵州理工学院智能制造实训基地建设项目', owner: { name: '贵州理工学院' }, region: '520100', classes: ['IR01', 'IR03', 'IR02', 'MT02'] },
  { kind: 'GOVERNMENT_PROCUREMENT', name: '贵州省装备制造技术研究院中试验证平台设备采购项目', owner: { name: '贵州省装备制造技术研究院' }, region: '520100', classes: ['MT01', 'MT04', 'IR02'] },
  { kind: 'GOVERNMENT_PROCUREMENT', name: '贵州省电力装备工程技术研究所试验检测能力提升项目', owner: { name: '贵州省电力装备工程技术研究所' }, region: '520100', classes: ['PE01', 'PE02', 'PE03'] },
  { kind: 'GOVERNMENT_PROCUREMENT', name: '六盘水师范学院矿业工程实验教学中心设备采购项目', owner: { name: '六盘水师范学院' }, region: '520200', classes: ['EM04', 'IR02', 'EM03'] },
  { kind: 'GOVERNMENT_PROCUREMENT', name: '遵义师范学院工程训练中心设备更新项目', owner: { name: '遵义师范学院' }, region: '520300', classes: ['MT03', 'MT02', 'IR01'] },
  { kind: 'GOVERNMENT_PROCUREMENT', name: '铜仁学院新能源汽车实训平台采购项目', owner: { name: '铜仁学院' }, region: '520600', classes: ['AU01', 'IR01', 'AU03'] },
  { kind: 'GOVERNMENT_PROCUREMENT', name: '黔南民族师范学院工业机器人实训平台采购项目', owner: { name: '黔南民族师范学院' }, region: '522700', classes: ['IR01', 'IR03'] },
  { kind: 'GOVERNMENT_PROCUREMENT', name: '贵安新区智能制造研究院示范产线设备采购项目', owner: { name: '贵安新区智能制造研究院' }, region: 'GUIAN', classes: ['IR03', 'IR01', 'IR02'] },
  { kind: 'GOVERNMENT_PROCUREMENT', name: '遵义市航天电子技术应用研究所环境试验能力建设采购项目', owner: { name: '遵义市航天电子技术应用研究所' }, region: '520300', classes: ['AS01', 'IR02'] },
  { kind: 'GOVERNMENT_PROCUREMENT', name: '安顺市航空材料与工艺研究所工艺验证平台采购项目', owner: { name: '安顺市航空材料与工艺研究所' }, region: '520400', classes: ['MT01', 'AV01', 'AV03'] },
  { kind: 'GOVERNMENT_PROCUREMENT', name: '黔东南州机电技术研究所设备更新采购项目', owner: { name: '黔东南州机电技术研究所' }, region: '522600', classes: ['MT03', 'MT04', 'EM04'] },
  { kind: 'GOVERNMENT_PROCUREMENT', name: '六盘水市城区环卫车辆及装备更新采购项目', owner: { operatorIn: '520200' }, region: '520200', classes: ['AU01', 'EM03'] },
  { kind: 'MAJOR_PROJECT', name: '盘州煤矿智能化综采工作面改造项目', owner: { line: '工程机械', region: '520200' }, region: '520200', classes: ['EM01', 'EM02', 'EM04', 'PE03', 'AU01'] },
  { kind: 'MAJOR_PROJECT', name: '毕节市煤矿机械化升级改造项目', owner: { operatorIn: '520500' }, region: '520500', classes: ['EM01', 'EM02', 'EM03', 'PE02'] },
  { kind: 'MAJOR_PROJECT', name: '贵阳市配电网改造升级工程', owner: { operatorIn: '520100' }, region: '520100', classes: ['PE01', 'PE02', 'PE03'] },
  { kind: 'MAJOR_PROJECT', name: '贵安新区电子信息产业园配套电网工程', owner: { operatorIn: 'GUIAN' }, region: 'GUIAN', classes: ['PE01', 'PE02', 'PE03'] },
  { kind: 'MAJOR_PROJECT', name: '遵义航空航天产业园配套能力建设项目', owner: { operatorIn: '520300' }, region: '520300', classes: ['AS02', 'AS01', 'MT01', 'MT02'] },
  { kind: 'MAJOR_PROJECT', name: '安顺民用航空产业国家高技术产业基地技术改造项目', owner: { operatorIn: '520400' }, region: '520400', classes: ['AV01', 'AV03', 'AV02', 'MT01'] },
  { kind: 'MAJOR_PROJECT', name: '铜仁新能源汽车零部件产业园建设项目', owner: { operatorIn: '520600' }, region: '520600', classes: ['AU03', 'AU02', 'IR03', 'PE02'] },
  { kind: 'MAJOR_PROJECT', name: '黔西南州新型电力系统配套工程', owner: { operatorIn: '522300' }, region: '522300', classes: ['PE01', 'PE02', 'PE03'] },
  { kind: 'MAJOR_PROJECT', name: '黔南州智能制造示范工厂建设项目', owner: { operatorIn: '522700' }, region: '522700', classes: ['IR01', 'IR03', 'IR02'] },
  { kind: 'MAJOR_PROJECT', name: '贵阳经开区智能网联汽车零部件产业化项目', owner: { operatorIn: '520100' }, region: '520100', classes: ['IR03', 'AU02', 'AU03', 'MT02'] },
  { kind: 'MAJOR_PROJECT', name: '凯里经济开发区装备制造产业园建设项目', owner: { operatorIn: '522600' }, region: '522600', classes: ['EM03', 'PE02', 'MT03'] },
];

/** How often a buyer of a group asks an out-of-province maker to offer, when none is near. */
const INVITE_OUTSIDE: Record<string, number> = { MT: 0.5, IR: 0.4, PE: 0.3, EM: 0.3, AV: 0.2, AS: 0.2, AU: 0.2 };
/** How often, given a choice, a buyer of a group contracts an out-of-province maker. */
const OUTSIDE_WINS: Record<string, number> = { MT: 0.55, IR: 0.45, PE: 0.3, EM: 0.3, AV: 0.25, AS: 0.25, AU: 0.2 };

// biome-ignore format: data table
const LOSING_REASONS = [
  '报价超出预算上限', '交货期无法满足项目进度要求', '技术参数未完全响应采购文件要求', '综合评分低于成交供应商',
  '未通过样件试制验证', '售后服务网点距离交付地过远', '产能不足，无法按期批量供货', '资格审查未通过：业绩证明材料不全',
];
// biome-ignore format: data table
const UNDECIDED_REASONS = ['项目预算调整，本次采购终止', '有效响应供应商不足三家，采购失败', '需求变更，重新立项后另行采购', '样件验证未通过，暂不采购'];

const DAY = 86_400_000;
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const fromDate = (date: string) => Date.parse(`${date}T00:00:00Z`);
const addDays = (date: string, days: number) => toDate(fromDate(date) + days * DAY);
const between = (from: string, to: string) => addDays(from, int(0, Math.max(0, (fromDate(to) - fromDate(from)) / DAY)));

function procurementType(kind: BuyerKind): ProcurementType {
  // biome-ignore format: data table
  const weights: Record<BuyerKind, readonly (readonly [ProcurementType, number])[]> = {
    ENTERPRISE: [['INVITED_TENDER', 3], ['COMPETITIVE_NEGOTIATION', 3], ['DIRECT_PURCHASE', 2], ['SINGLE_SOURCE', 1], ['PUBLIC_TENDER', 1]],
    GOVERNMENT_PROCUREMENT: [['PUBLIC_TENDER', 7], ['COMPETITIVE_NEGOTIATION', 2], ['SINGLE_SOURCE', 1]],
    MAJOR_PROJECT: [['PUBLIC_TENDER', 6], ['INVITED_TENDER', 3], ['COMPETITIVE_NEGOTIATION', 1]],
  };
  return weighted(weights[kind]);
}

interface Draft extends Omit<DemandRow, 'id'> {
  unitPrice: number;
}

export interface SupplyAndDemand {
  suppliers: Supplier[];
  product: ProductRow[];
  demand: DemandRow[];
  demand_candidate: CandidateRow[];
}

/** The products, demand and outcomes, with the out-of-province makers they need; from a stream of their own. */
export function buildSupplyAndDemand(
  enterprises: readonly Enterprise[],
  registry: ReadonlyMap<string, RegistryFields>,
): SupplyAndDemand {
  // 2026-12-05, the supply-and-demand migration: a stream of its own, so the other tables keep their values.
  return stream(20261205).draw(() => {
    const suppliers = buildSuppliers(enterprises.length + 1);
    const makers: MakerInfo[] = [
      ...enterprises
        .filter((e) => e.type === 'MANUFACTURER')
        .map((e) => ({ e, certifications: registry.get(e.id)?.certifications ?? [], inProvince: true })),
      ...suppliers.map(({ enterprise, registry: r }) => ({
        e: enterprise,
        certifications: r.certifications,
        inProvince: false,
      })),
    ];
    const products = buildProducts(makers);
    const makerOf = new Map(makers.map((m) => [m.e.id, m]));
    const byName = (name: string) =>
      must(
        enterprises.find((e) => e.name === name),
        name,
      );
    const ownerOf = (owner: Owner) =>
      'name' in owner
        ? byName(owner.name)
        : 'operatorIn' in owner
          ? must(
              enterprises.find((e) => e.type === 'PLATFORM_OPERATOR' && e.region_code === owner.operatorIn),
              `operator in ${owner.operatorIn}`,
            )
          : must(
              enterprises.find((e) => e.line === owner.line && e.region_code === owner.region),
              `${owner.line} in ${owner.region}`,
            );
    const madeBy = (e: Enterprise, classCode: string) =>
      (LINE_CLASSES[e.line ?? ''] ?? []).some(([code]) => code === classCode);
    const enterpriseBuyers = (classCode: string) =>
      enterprises.filter(
        (e) =>
          e.type === 'MANUFACTURER' &&
          !madeBy(e, classCode) &&
          (classCode.startsWith('PE')
            ? registry.get(e.id)?.scale === 'ABOVE_DESIGNATED_SIZE'
            : (BUYER_LINES[classCode] ?? []).includes(e.line ?? '')),
      );

    const draft = (
      buyer: Enterprise,
      kind: BuyerKind,
      projectName: string | null,
      classCode: string,
      region: string,
      surveyed: string,
      deadline: string,
      status: DemandStatus,
    ): Draft => {
      // What the survey asks for is equipment some maker offers: the types of the class that are listed.
      const listed = must(VARIANTS[classCode], classCode).filter((v) => products.some((row) => row.variant === v));
      const variant = pick(listed.length > 0 ? listed : must(VARIANTS[classCode], classCode));
      const quantity = range(variant.quantity[0], variant.quantity[1]);
      // Budgeted at what such equipment is offered for, give or take: one listed offer's range, else the type's.
      const offer = products.find((row) => row.variant === variant && chance(0.5)) ??
        products.find((row) => row.variant === variant) ?? {
          price_min_fen: variant.price[0] * 100,
          price_max_fen: variant.price[1] * 100,
        };
      const [lo, hi] = [offer.price_min_fen / 100, offer.price_max_fen / 100];
      const unitPrice = (lo + (hi - lo) * int(0, 100) * 0.01) * (0.85 + int(0, 35) * 0.01);
      const groupIndustry = GROUP_INDUSTRY[classCode.slice(0, 2)] ?? null;
      const industry =
        groupIndustry ??
        (kind === 'ENTERPRISE' && buyer.industries.some((i) => [AV, AS, AU, EM].includes(i))
          ? must(
              buyer.industries.find((i) => [AV, AS, AU, EM].includes(i)),
              'industry',
            )
          : (CLASS_INDUSTRY[classCode] as Industry));
      const regionName = cityOf(regionOf(region));
      const specification = `采购${variant.noun}${quantity}${variant.unit.replace(/（.*）/, '')}，技术要求：${variant
        .params()
        .join(
          '；',
        )}。主要用于${pick(variant.uses)}，交货地点${regionName}，执行${variant.standard}，${demandService(classCode)}。`;
      return {
        buyer_id: buyer.id,
        buyer_kind: kind,
        project_name: projectName,
        class_code: classCode,
        industry,
        specification,
        quantity,
        budget_min_fen: yuanToFen(quantity * unitPrice * 0.85),
        budget_max_fen: yuanToFen(quantity * unitPrice * 1.12),
        deadline,
        delivery_region_code: region,
        procurement_type: procurementType(kind),
        status,
        surveyed_on: surveyed,
        unitPrice,
      };
    };

    const drafts: Draft[] = [];
    // Projects take turns, and each its classes in turn, so that every project and lot is surveyed.
    const turns = { GOVERNMENT_PROCUREMENT: 0, MAJOR_PROJECT: 0 };
    const survey = (count: number, year: number, open: boolean) => {
      for (let k = 0; k < count; k++) {
        // 2025: surveyed through the year, so that a closed demand is contracted within it; 2026: open past its end.
        const surveyed = open ? between('2026-04-15', '2026-11-30') : between('2025-01-03', '2025-11-30');
        const earliest = addDays(surveyed, 31) > '2027-01-04' ? addDays(surveyed, 31) : '2027-01-04';
        const deadline = open ? between(earliest, addDays(surveyed, 270)) : addDays(surveyed, int(31, 270));
        const late = Number(surveyed.slice(5, 7)) >= 9;
        const status: DemandStatus = open
          ? 'PUBLISHED'
          : weighted([
              ['CLOSED', late ? 50 : 86],
              ['PUBLISHED', late ? 42 : 8],
              ['DRAFT', 6],
            ]);
        const kind = weighted<BuyerKind>([
          ['ENTERPRISE', 58],
          ['GOVERNMENT_PROCUREMENT', 24],
          ['MAJOR_PROJECT', 18],
        ]);
        if (kind === 'ENTERPRISE') {
          let classCode: string;
          let buyers: Enterprise[];
          do {
            classCode = weighted(ENTERPRISE_CLASS_WEIGHTS);
            buyers = enterpriseBuyers(classCode);
          } while (buyers.length === 0);
          const buyer = pick(buyers);
          const region = chance(0.9) ? buyer.region_code : pick(['520100', 'GUIAN', '520300']);
          drafts.push(draft(buyer, kind, null, classCode, region, surveyed, deadline, status));
        } else {
          const projects = PROJECTS.filter((candidate) => candidate.kind === kind);
          const turn = turns[kind]++;
          const project = must(projects[turn % projects.length], 'project');
          const classCode = must(project.classes[Math.floor(turn / projects.length) % project.classes.length], 'lot');
          const name = `${project.name}（${year}年）`;
          drafts.push(draft(ownerOf(project.owner), kind, name, classCode, project.region, surveyed, deadline, status));
        }
      }
    };
    survey(165, 2025, false);
    // The open demand the five-axis matching is tried on: a Guiyang aviation maker's.
    const guiyangAviation = must(
      enterprises.find((e) => e.region_code === '520100' && (BUYER_LINES.MT01 ?? []).includes(e.line ?? '')),
      'a Guiyang buyer of five-axis machining centres',
    );
    drafts.push(draft(guiyangAviation, 'ENTERPRISE', null, 'MT01', '520100', '2026-05-18', '2027-01-29', 'PUBLISHED'));
    survey(21, 2026, true);

    drafts.sort((a, b) => a.surveyed_on.localeCompare(b.surveyed_on));
    const demands = drafts.map((d, i) => ({ id: `dmd-${pad(i + 1, 4)}`, ...d }));

    const candidates: Omit<CandidateRow, 'id'>[] = [];
    for (const d of demands) {
      const offered = products.filter((row) => row.class_code === d.class_code && row.enterprise_id !== d.buyer_id);
      if (offered.length === 0 || d.status === 'DRAFT') continue;
      if (d.status === 'PUBLISHED' && chance(0.45)) continue;
      if (d.status === 'CLOSED' && chance(0.06)) continue;
      // Local makers and makers serving the delivery region are shortlisted first.
      const near = (row: ProductRow) =>
        Number(makerOf.get(row.enterprise_id)?.e.region_code === d.delivery_region_code);
      const ranked = shuffle(offered).sort((a, b) => near(b) - near(a));
      // One offer a maker: its product of the class that fits best is the one shortlisted.
      const offers = ranked.filter(
        (row, i) => ranked.findIndex((other) => other.enterprise_id === row.enterprise_id) === i,
      );
      const shortlist = offers.slice(0, int(1, 4));
      // The big out-of-province makers of machine tools and robots are asked to offer more often than not.
      const invited = offers.find((row) => !makerOf.get(row.enterprise_id)?.inProvince);
      if (invited && !shortlist.includes(invited) && chance(INVITE_OUTSIDE[d.class_code.slice(0, 2)] ?? 0.3))
        shortlist.push(invited);
      if (d.status === 'PUBLISHED') {
        for (const row of shortlist)
          candidates.push({
            demand_id: d.id,
            product_id: row.id,
            status: chance(0.3) ? 'INTENTION' : 'SHORTLISTED',
            contract_amount_fen: null,
            contract_date: null,
            reason: null,
          });
        continue;
      }
      let winner: (typeof shortlist)[number] | undefined;
      if (chance(0.8)) {
        const local = shortlist.filter((row) => makerOf.get(row.enterprise_id)?.inProvince);
        const outside = shortlist.filter((row) => !makerOf.get(row.enterprise_id)?.inProvince);
        const outsideWins =
          outside.length > 0 && (local.length === 0 || chance(OUTSIDE_WINS[d.class_code.slice(0, 2)] ?? 0.3));
        winner = pick(outsideWins ? outside : local);
      }
      for (const row of shortlist) {
        if (row === winner) {
          // Agreed within the offer's price range where it meets the budget, and within the budget give or take.
          const unit = Math.min(
            Math.max(d.unitPrice * (0.9 + int(0, 15) * 0.01), row.price_min_fen / 100),
            row.price_max_fen / 100,
          );
          const amount = Math.min(
            Math.max(yuanToFen(d.quantity * unit), Math.round(d.budget_min_fen * 0.9)),
            Math.round(d.budget_max_fen * 1.05),
          );
          const last = addDays(d.deadline, 30) < '2025-12-31' ? addDays(d.deadline, 30) : '2025-12-31';
          candidates.push({
            demand_id: d.id,
            product_id: row.id,
            status: 'CONTRACT',
            contract_amount_fen: Math.max(1, Math.round(amount / 100) * 100),
            contract_date: between(addDays(d.surveyed_on, Math.min(20, int(1, 20))), last),
            reason: null,
          });
        } else {
          candidates.push({
            demand_id: d.id,
            product_id: row.id,
            status: 'NO_DEAL',
            contract_amount_fen: null,
            contract_date: null,
            reason: winner ? pick(LOSING_REASONS) : pick(UNDECIDED_REASONS),
          });
        }
      }
    }

    return {
      suppliers,
      product: products.map(({ variant: _variant, ...row }) => row),
      demand: demands.map(({ unitPrice: _unitPrice, ...row }) => row),
      demand_candidate: candidates.map((row, i) => ({ id: `dc-${pad(i + 1, 4)}`, ...row })),
    };
  });
}
