/**
 * `pnpm bench:matching [--products 20000] [--demands 1000] [--rounds 300] [--postgres URL] [--explain]`:
 * how fast one demand's top-20 suppliers (`Demand.matches`) answer on PostgreSQL with a supply side of
 * real size. It builds a PostgreSQL enterprises database — migrated and seeded with the demo data,
 * then loaded with several hundred generated makers (in and out of Guizhou, valid credit codes), N
 * generated products over the 22 classes, D published demands still open and a past year of closed
 * demands with their contracts (so that PAST_DEALS varies), and analyzed — serves the enterprises
 * subgraph over it, and asks it, signed as the gateway signs them for an anonymous (PUBLIC) caller,
 * for the top 20 matches of a random open demand, one request at a time after a warm-up: R rounds,
 * each sending the query plain and with `inProvinceOnly: true` (which goes first alternating). It
 * prints p50/p95/max of each and whether p95 stays under the target (the issue's: 100 ms).
 *
 * Products and demands are composed from per-class vocabularies (equipment types, parameters with
 * random values, uses, standards), so that the trigram similarity of a product's name and
 * specification to a demand's differs from product to product. The load takes seconds: the
 * database is rebuilt on every run.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { enterprises } from '@gzequip/enterprises';
import {
  createLogger,
  Database,
  IDENTITY_HEADER,
  PUBLIC_CLAIMS,
  type RunningServer,
  serveSubgraph,
  signIdentity,
} from '@gzequip/kit';
import {
  AS_9100,
  GJB_9001,
  HIGH_TECH,
  IATF_16949,
  ISO_9001,
  ISO_14001,
  ISO_45001,
  LITTLE_GIANT,
  MA_MARK,
  PROVINCIAL_SPECIALISED,
} from './demo-data/registry.ts';
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
  PE,
  pad,
  personName,
  phone,
  pick,
  REGIONS,
  type Region,
  sample,
  shuffle,
  stream,
  weighted,
} from './demo-data/world.ts';
import { benchDatabaseUrl, DEFAULT_SERVER, ensureDatabase, shown } from './lib/benchDatabase.ts';
import { percentile, printTable } from './lib/benchReport.ts';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';

const BENCH_DATABASE = 'gzequip_bench_enterprises';
/** The target: one demand's top-20 in under 100 ms at p95. */
const TARGET_MS = 100;
const FIRST = 20;
const WARM_UP = 30;

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} bench:matching [--products 20000] [--demands 1000] [--rounds 300] [--postgres URL]
       [--explain]

Loads generated makers, N products over the 22 classes, D open (PUBLISHED) demands and a year of
closed demands with their contracts into a PostgreSQL bench database, serves the enterprises
subgraph over it, and times one random demand's top ${FIRST} matches (p50/p95/max), plain and with
inProvinceOnly: true, against the target of p95 under ${TARGET_MS} ms.

  --products N     products generated (default 20000), besides the demo data's; makers in
                   proportion (one for about 40 products, at least 20)
  --demands D      open demands generated (default 1000), besides the demo data's
  --rounds R       measured rounds after a warm-up of ${WARM_UP} (default 300); each sends one random
                   demand's matches, plain and in-province only, one request at a time
  --postgres URL   the PostgreSQL database to use (its "enterprises" schema is dropped and rebuilt).
                   Default: database ${BENCH_DATABASE}, created if missing, on the server
                   INSTRUMENTS_DATABASE_URL names, else on ${DEFAULT_SERVER}
  --explain        then print EXPLAIN (ANALYZE, BUFFERS) of the ranking statement for one demand,
                   plain and in-province only`,
  {
    products: { type: 'string', default: '20000' },
    demands: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '300' },
    postgres: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
);
const productCount = Number(values.products);
const demandCount = Number(values.demands);
const rounds = Number(values.rounds);
for (const [name, value, max] of [
  ['products', productCount, 999_999],
  ['demands', demandCount, 99_999],
  ['rounds', rounds, 1_000_000],
] as const) {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    stop(`--${name} takes a whole number from 1 to ${max.toLocaleString('en')}, not ${values[name]}`);
  }
}

// Requests are logged only when something goes wrong.
process.env.LOG_LEVEL ??= 'warn';

// ---------------------------------------------------------------------------------------------- the vocabularies

/** A class's equipment as makers list it and buyers ask for it: types, parameters, uses, standards. */
interface ClassVocabulary {
  nouns: readonly string[];
  /** Model letters products of the class carry. */
  models: readonly string[];
  unit: string;
  /** Price of one unit, yuan. */
  price: readonly [number, number];
  /** What one demand asks for. */
  quantity: readonly [number, number];
  capacity: readonly [number, number];
  lead: readonly [number, number];
  /** Each draws a parameter with values of its own; a specification states some of them. */
  params: readonly (() => string)[];
  uses: readonly string[];
  standards: readonly string[];
  /** Sold as parts with quality papers rather than installed and commissioned. */
  parts?: boolean;
}

const p = <T>(...items: T[]) => pick(items);
const range = (min: number, max: number, step = 1) => min + step * int(0, Math.floor((max - min) / step));

// biome-ignore format: data table
const VOCABULARY: Record<string, ClassVocabulary> = {
  MT01: { nouns: ['五轴联动立式加工中心', '五轴龙门加工中心', '五轴卧式加工中心', '五轴叶片加工中心'], models: ['UMC', 'GMC', 'HMC', 'BMC'], unit: '台',
    price: [1_800_000, 6_000_000], quantity: [1, 3], capacity: [6, 60], lead: [120, 300],
    params: [() => `工作台直径${p(500, 650, 800, 1000)}mm`, () => `X/Y/Z轴行程${p(650, 800, 1000, 3000)}/${p(600, 750, 900)}/${p(500, 550, 650)}mm`,
      () => `A轴摆动范围±${p(110, 120)}°，C轴360°连续回转`, () => `电主轴最高转速${p(12000, 15000, 18000, 20000, 24000)}r/min，功率${range(25, 60)}kW`,
      () => `定位精度${p('0.005', '0.006', '0.008', '0.010')}mm`, () => `重复定位精度${p('0.003', '0.004', '0.005')}mm`, () => `刀库容量${p(30, 40, 60, 90)}把`,
      () => `数控系统${p('华中HNC-848Di', '广数GSK 25i', '西门子SINUMERIK 840D sl', '发那科31i-B5')}`, () => '五轴联动，RTCP刀尖点跟随', () => `工作台承重${p(500, 800, 1200, 8000)}kg`],
    uses: ['航空发动机叶轮、叶片及机匣', '飞机钛合金结构件', '航天舱体及复杂曲面零件', '大型整体壁板及梁框'], standards: ['GB/T 34880.1-2017 五轴联动加工中心检验条件'] },
  MT02: { nouns: ['立式加工中心', '高速钻攻中心', '立式铣削加工中心'], models: ['VMC', 'TC', 'VM'], unit: '台',
    price: [250_000, 900_000], quantity: [2, 10], capacity: [80, 400], lead: [45, 120],
    params: [() => `工作台尺寸${p('800×400', '1000×500', '1200×600', '1400×700')}mm`, () => `X/Y/Z轴行程${p('600/400/400', '850/500/550', '1000/600/600', '1300/700/650')}mm`,
      () => `主轴锥孔${p('BT30', 'BT40', 'BT50')}`, () => `主轴最高转速${p(8000, 10000, 12000, 15000, 20000)}r/min`, () => `定位精度${p('0.006', '0.008', '0.010')}mm`,
      () => `刀库容量${p(16, 21, 24, 30)}把`, () => `快移速度${p(36, 48, 60)}m/min`, () => `数控系统${p('华中HNC-818', '广数GSK 218MC', '发那科0i-MF')}`],
    uses: ['箱体、壳体及盘类零件', '模具及精密零部件', '发动机缸体缸盖', '3C结构件钻攻'], standards: ['GB/T 18400 加工中心检验条件'] },
  MT03: { nouns: ['数控车床', '斜床身车铣复合中心', '立式数控车床', '数控车削中心'], models: ['CK', 'TMC', 'VTC', 'CKS'], unit: '台',
    price: [150_000, 1_200_000], quantity: [2, 12], capacity: [40, 600], lead: [30, 120],
    params: [() => `床身上最大回转直径${p(400, 500, 630, 800)}mm`, () => `最大车削长度${p(500, 750, 1000, 1500)}mm`, () => `主轴最高转速${p(3000, 4000, 4500, 5000)}r/min`,
      () => `${p(8, 10, 12, 16)}工位${p('伺服', '动力')}刀塔`, () => `液压卡盘${p(8, 10, 12)}英寸`, () => `X/Z轴定位精度${p('0.006', '0.008', '0.010')}mm`, () => 'C轴分度0.001°'],
    uses: ['轴类、盘类零件', '轮毂轴承套圈', '液压缸筒及活塞杆', '航空接头及精密轴类零件'], standards: ['GB/T 16462 数控车床和车削中心检验条件'] },
  MT04: { nouns: ['数控外圆磨床', '数控平面磨床', '数控内圆磨床', '数控工具磨床'], models: ['MK', 'MKS', 'MKN', 'MKT'], unit: '台',
    price: [380_000, 1_600_000], quantity: [1, 5], capacity: [20, 150], lead: [60, 150],
    params: [() => `最大磨削直径${p(200, 320, 500)}mm`, () => `最大磨削长度${p(500, 750, 1000, 1500)}mm`, () => `砂轮线速度${p(35, 45, 60, 80)}m/s`,
      () => `工件圆度${p('0.001', '0.0015', '0.002')}mm`, () => `表面粗糙度Ra${p('0.1', '0.16', '0.2', '0.32')}μm`, () => 'X轴最小进给0.0001mm', () => '自动修整砂轮，在线测量'],
    uses: ['轴承套圈及滚子', '曲轴、凸轮轴', '液压阀芯', '模具及精密平面零件'], standards: ['GB/T 4685 外圆磨床精度检验', 'GB/T 4020 卧轴矩台平面磨床精度检验'] },
  AV01: { nouns: ['钛合金模锻件', '高温合金盘锻件', '铝合金模锻件', '结构钢环锻件'], models: ['TF', 'GD', 'AF', 'HR'], unit: '件',
    price: [4_000, 120_000], quantity: [20, 300], capacity: [500, 20000], lead: [60, 210], parts: true,
    params: [() => `材料${p('TC4', 'TC17', 'TC21', 'TA15', 'GH4169', 'GH4738', '7050-T7452', '7075-T73', '300M')}`, () => `最大投影面积${p('0.3', '0.5', '1.2', '2.0')}m²`,
      () => `单件重量${range(5, 450, 5)}kg`, () => `超声波探伤${p('AA级', 'A级')}`, () => '室温拉伸、断裂韧度及低倍组织按技术条件检验', () => `外径${range(300, 900, 50)}mm`,
      () => `晶粒度${p('ASTM 8级及更细', 'ASTM 6级及更细')}`, () => `供货状态${p('退火', '固溶时效')}，粗加工交付`],
    uses: ['飞机起落架及承力框', '航空发动机风扇盘、压气机盘', '直升机旋翼连接件', '飞机框、梁、接头'], standards: ['GJB 2744A 航空用钛及钛合金锻件规范', 'HB 5204 航空用铝合金锻件'] },
  AV02: { nouns: ['航空高锁螺栓', '航空自锁螺母', '航空抽芯铆钉', '钛合金螺栓'], models: ['HL', 'ZN', 'CM', 'TB'], unit: '批（万件）',
    price: [20_000, 180_000], quantity: [2, 20], capacity: [300, 3000], lead: [30, 90], parts: true,
    params: [() => `规格M${p(4, 5, 6, 8, 10, 12)}`, () => `材料${p('TC4钛合金', '30CrMnSiA', 'A286高温合金', 'GH2132')}`, () => `抗拉强度≥${p(1100, 1250)}MPa`,
      () => `表面处理${p('阳极化', '镀镉', '渗铝', '镀银')}`, () => '滚压螺纹，逐批疲劳试验', () => `工作温度${p('≤230℃', '≤425℃', '≤650℃')}`, () => '锁紧力矩及重复使用15次试验合格'],
    uses: ['飞机机身及机翼装配', '航空发动机附件装配', '航空发动机热端部件连接'], standards: ['HB 8001 高锁螺栓通用规范', 'HB 6638 自锁螺母通用规范'] },
  AV03: { nouns: ['航空液压作动筒', '航空液压电磁阀', '航空液压泵', '航空液压蓄压器'], models: ['ZD', 'DF', 'YB', 'XY'], unit: '件',
    price: [8_000, 150_000], quantity: [10, 150], capacity: [200, 5000], lead: [60, 200], parts: true,
    params: [() => `额定压力${p(21, 28, 35)}MPa`, () => `行程${range(50, 400, 10)}mm`, () => `输出力${range(20, 120, 5)}kN`, () => '工作温度-55℃~+135℃',
      () => '工作介质15号航空液压油', () => `寿命≥${p(50000, 80000, 100000)}次`, () => `额定流量${range(10, 60, 5)}L/min`, () => '满足GJB 150环境试验要求'],
    uses: ['飞机起落架收放', '舵面操纵及舱门开启', '飞机液压系统控制', '刹车及转弯控制'], standards: ['GJB 3963 飞机液压作动筒通用规范', 'GJB 1538 飞机液压电磁阀通用规范'] },
  AS01: { nouns: ['圆形电连接器', '矩形电连接器', '射频同轴连接器', '密封电连接器'], models: ['Y', 'J30J', 'SMA', 'YM'], unit: '批（千只）',
    price: [30_000, 260_000], quantity: [2, 20], capacity: [200, 3000], lead: [30, 120], parts: true,
    params: [() => `接触件数${p(7, 9, 15, 19, 26, 37, 55, 61)}芯`, () => `额定电流${p(3, 5, 10, 25)}A`, () => '绝缘电阻≥5000MΩ', () => `耐压${p(500, 1000, 1500)}V`,
      () => '工作温度-55℃~+125℃', () => `插拔寿命${p(500, 1000)}次`, () => `${p('卡口', '螺纹', '推拉')}连接，壳体镀镉`, () => '接触电阻≤10mΩ'],
    uses: ['运载火箭及卫星电缆网', '弹载电子设备', '星载计算机及电源模块', '航天测控设备'], standards: ['GJB 599B 耐环境快速分离高密度小圆形电连接器', 'GJB 2446 外壳定位超小型矩形电连接器'] },
  AS02: { nouns: ['航天舱体结构件', '精密支架组件', '卫星承力筒', '贮箱壳体'], models: ['CT', 'ZJ', 'CL', 'ZX'], unit: '件',
    price: [5_000, 90_000], quantity: [10, 200], capacity: [500, 10000], lead: [45, 150], parts: true,
    params: [() => `材料${p('2A12铝合金', '5A06铝合金', 'TC4钛合金', '7075铝合金', '殷钢')}`, () => `外形尺寸Φ${range(300, 1200, 50)}mm`, () => `形位公差${p('0.01', '0.02', '0.03')}mm`,
      () => `表面${p('阳极氧化', '化学转化膜', '喷砂')}处理`, () => '气密性试验合格', () => '三坐标全尺寸检测', () => `表面粗糙度Ra${p('0.8', '1.6')}μm`, () => '去应力时效处理'],
    uses: ['运载器舱段', '卫星承力筒及仪器舱', '星载光学载荷支撑', '惯导平台安装支架'], standards: ['QJ 3104 航天产品机械加工通用技术条件'] },
  AU01: { nouns: ['纯电动压缩式垃圾车', '矿用自卸车', '随车起重运输车', '高空作业车', '洒水车'], models: ['EV', 'KZ', 'SQ', 'GK', 'SS'], unit: '辆',
    price: [260_000, 1_200_000], quantity: [2, 20], capacity: [100, 2000], lead: [30, 120],
    params: [() => `底盘总质量${p('4.5', '12', '16', '18', '25')}t`, () => `动力电池容量${range(100, 280, 10)}kWh`, () => `额定载重${p(25, 35, 45, 60)}t`,
      () => `发动机功率${range(150, 550, 10)}kW`, () => `箱体容积${p(6, 10, 14, 16, 20)}m³`, () => '排放满足国六标准', () => '遥控操作，力矩限制器', () => `最大爬坡度${p(25, 30, 35)}%`],
    uses: ['城市生活垃圾收运', '露天煤矿剥离运输', '电力抢修及物资运输', '市政道路养护'], standards: ['QC/T 52 垃圾车', 'GB/T 35198 矿用自卸车', 'QC/T 459 随车起重运输车'] },
  AU02: { nouns: ['发动机曲轴', '发动机连杆', '液压挺柱', '缸盖螺栓', '凸轮轴'], models: ['QZ', 'LG', 'TZ', 'GS', 'TL'], unit: '批（千件）',
    price: [40_000, 500_000], quantity: [2, 20], capacity: [100, 3000], lead: [30, 120], parts: true,
    params: [() => `材料${p('42CrMo', '48MnV', 'QT800-2', 'C70S6', '36MnVS4', '40Cr', '20CrMo')}`, () => `主轴颈直径${range(55, 95, 5)}mm`, () => '轴颈中频淬火或氮化处理',
      () => `适配${p('1.5T汽油', '2.0L汽油', '2.5L柴油', '3.0L柴油')}发动机`, () => '动平衡≤15g·cm', () => '质量分组公差±3g', () => `表面硬度HRC ${p('52~58', '58~64')}`, () => '清洁度≤2mg/件'],
    uses: ['乘用车及轻型商用车发动机', '工程机械柴油机', '发动机配气机构'], standards: ['QC/T 481 汽车发动机曲轴技术条件', 'QC/T 517 汽车发动机连杆技术条件'] },
  AU03: { nouns: ['轮毂轴承单元', '圆锥滚子轴承', '离合器分离轴承', '深沟球轴承'], models: ['DAC', 'TR', 'FL', 'DG'], unit: '批（千套）',
    price: [30_000, 420_000], quantity: [2, 30], capacity: [200, 5000], lead: [30, 120], parts: true,
    params: [() => `内径${range(25, 60, 5)}mm`, () => `额定动载荷${range(30, 250, 10)}kN`, () => '多唇密封，集成ABS编码器', () => `精度等级${p('P5', 'P6')}`,
      () => 'GCr15轴承钢，套圈淬火回火', () => `型号${p('30208', '30311', '32216', '6205', '6308')}`, () => `振动值${p('Z2', 'Z3')}组`, () => '台架寿命≥30万km'],
    uses: ['乘用车及新能源汽车轮毂', '变速器及驱动桥', '商用车离合器'], standards: ['JB/T 10238 滚动轴承 汽车轮毂轴承单元', 'GB/T 297 滚动轴承 圆锥滚子轴承 外形尺寸'] },
  EM01: { nouns: ['两柱掩护式液压支架', '四柱支撑掩护式液压支架', '放顶煤液压支架', '端头液压支架'], models: ['ZY', 'ZZ', 'ZF', 'ZT'], unit: '架',
    price: [320_000, 1_100_000], quantity: [10, 60], capacity: [300, 3000], lead: [90, 180],
    params: [() => `支护高度${p('1.2~2.6', '1.8~3.8', '2.5~5.0', '3.2~6.5')}m`, () => `工作阻力${range(6000, 18000, 500)}kN`, () => `中心距${p('1.5', '1.75', '2.05')}m`,
      () => `支护强度${p('0.9', '1.0', '1.2', '1.4')}MPa`, () => '电液控制系统，支持自动跟机移架', () => '取得煤矿矿用产品安全标志', () => `立柱缸径${p(320, 360, 400)}mm`],
    uses: ['薄及中厚煤层综采工作面', '智能化综采工作面', '大采高综采工作面'], standards: ['GB 25974 煤矿用液压支架'] },
  EM02: { nouns: ['悬臂式掘进机', '掘锚一体机', '岩巷掘进机', '连续采煤机'], models: ['EBZ', 'EJM', 'EBH', 'EML'], unit: '台',
    price: [1_800_000, 7_500_000], quantity: [1, 4], capacity: [10, 120], lead: [90, 180],
    params: [() => `截割功率${p(160, 200, 260, 318, 355)}kW`, () => `可经济截割硬度f≤${p(6, 8, 10)}`, () => `最大截割高度${p('4.5', '4.8', '5.2')}m`, () => `整机重量${range(50, 110, 5)}t`,
      () => `适应坡度±${p(16, 18)}°`, () => '遥控操作，截割断面自动成形', () => '取得煤矿矿用产品安全标志'],
    uses: ['煤巷及半煤岩巷掘进', '隧道及巷道掘进', '岩巷快速掘进'], standards: ['MT/T 238 悬臂式掘进机'] },
  EM03: { nouns: ['轮式装载机', '滑移装载机', '井下铲运机', '电动装载机'], models: ['LW', 'HY', 'CY', 'EL'], unit: '台',
    price: [200_000, 950_000], quantity: [2, 12], capacity: [200, 3000], lead: [30, 90],
    params: [() => `额定载重${p(1, 3, 5, 6)}t`, () => `铲斗容量${p('0.6', '1.8', '3.0', '3.5')}m³`, () => `发动机功率${p(55, 92, 162, 175)}kW`,
      () => `最大卸载高度${range(2460, 3200, 20)}mm`, () => '液力变矩器，动力换挡变速箱', () => '排放满足非道路国四标准', () => `电池容量${range(280, 560, 20)}kWh`],
    uses: ['矿山、砂石料场装载', '市政及园区工程', '井下出渣及装运'], standards: ['GB/T 35213 土方机械 轮式装载机'] },
  EM04: { nouns: ['液压支架立柱', '工程机械液压油缸', '推移千斤顶', '伸缩油缸'], models: ['LZ', 'YG', 'TY', 'SS'], unit: '件',
    price: [3_000, 60_000], quantity: [50, 400], capacity: [1000, 20000], lead: [30, 120], parts: true,
    params: [() => `缸径${range(80, 400, 10)}mm`, () => `行程${range(500, 2600, 100)}mm`, () => `额定工作压力${p('25', '31.5', '40')}MPa`,
      () => `活柱镀层${p('双层镀铬', '激光熔覆不锈钢')}`, () => '出厂逐件耐压试验', () => '活塞杆表面镀铬，硬度HV≥800', () => '进口密封件'],
    uses: ['液压支架立柱及千斤顶', '装载机、挖掘机动臂及斗杆', '专用汽车举升'], standards: ['MT/T 556 液压支架立柱技术条件', 'JB/T 10205 液压缸'] },
  PE01: { nouns: ['10kV油浸式配电变压器', '10kV干式变压器', '110kV有载调压电力变压器', '箱式变电站'], models: ['S13-M', 'SCB13', 'SZ11', 'YBM'], unit: '台',
    price: [65_000, 4_500_000], quantity: [1, 60], capacity: [10, 5000], lead: [30, 180],
    params: [() => `额定容量${p(400, 630, 800, 1000, 1250, 2000, 2500, 50000)}kVA`, () => `额定电压${p('10/0.4kV', '110±8×1.25%/10.5kV')}`, () => `联结组别${p('Dyn11', 'YNd11')}`,
      () => `能效等级${p('一', '二')}级`, () => `短路阻抗${p('4', '4.5', '6')}%`, () => '全密封波纹油箱', () => '绝缘耐热等级F级', () => '温控及强迫风冷'],
    uses: ['城乡配电网', '工业园区及厂区配电', '110kV变电站', '新能源汇集站'], standards: ['GB 20052-2020 电力变压器能效限定值及能效等级', 'GB/T 6451 油浸式电力变压器技术参数和要求'] },
  PE02: { nouns: ['金属铠装移开式开关柜', '10kV环网柜', '126kV气体绝缘金属封闭开关设备', '低压抽出式开关柜'], models: ['KYN28A-12', 'XGN15-12', 'ZF', 'MNS'], unit: '面',
    price: [35_000, 2_800_000], quantity: [2, 60], capacity: [20, 5000], lead: [30, 180],
    params: [() => `额定电压${p('12kV', '40.5kV', '126kV', '0.4kV')}`, () => `额定电流${p(630, 1250, 2000, 3150)}A`, () => `额定短路开断电流${p('25', '31.5', '40')}kA`,
      () => '防护等级IP4X', () => '五防联锁，真空断路器', () => '配置智能操控装置及无线测温', () => '配置DTU，支持配电自动化', () => 'SF6或环保气体绝缘'],
    uses: ['变电站10kV配电', '工矿企业配电', '城市配电网环网供电', '新能源汇集站'], standards: ['GB/T 3906 3.6kV~40.5kV交流金属封闭开关设备和控制设备'] },
  PE03: { nouns: ['交联聚乙烯绝缘电力电缆', '低压电力电缆', '煤矿用阻燃电力电缆', '控制电缆'], models: ['YJV22', 'YJV', 'MYJV22', 'KVVP'], unit: 'km',
    price: [40_000, 620_000], quantity: [5, 100], capacity: [300, 10000], lead: [15, 60], parts: true,
    params: [() => `额定电压${p('0.6/1kV', '6/10kV', '8.7/15kV', '26/35kV')}`, () => `规格3×${p(70, 95, 120, 150, 240, 300)}mm²`, () => '铜导体，钢带铠装',
      () => `阻燃等级${p('ZA', 'ZB', 'ZC')}`, () => '局部放电≤5pC', () => '交联聚乙烯绝缘', () => '取得煤矿矿用产品安全标志'],
    uses: ['城市配电网', '工业园区供电', '煤矿井下供电', '厂房及建筑低压配电'], standards: ['GB/T 12706.2-2020 额定电压1kV到35kV挤包绝缘电力电缆', 'MT 818 煤矿用电缆'] },
  IR01: { nouns: ['六轴工业机器人', 'SCARA机器人', '协作机器人', '码垛机器人'], models: ['R6', 'S4', 'C', 'MD'], unit: '台',
    price: [60_000, 450_000], quantity: [2, 20], capacity: [100, 3000], lead: [30, 90],
    params: [() => `额定负载${p(3, 6, 10, 20, 50, 165, 210)}kg`, () => `臂展${range(400, 2700, 50)}mm`, () => `重复定位精度±${p('0.01', '0.02', '0.03', '0.05')}mm`,
      () => `防护等级IP${p(54, 65, 67)}`, () => '国产RV减速机及伺服电机', () => '支持离线编程', () => '力矩传感碰撞检测', () => '视觉引导接口'],
    uses: ['焊接、搬运及码垛', '机床上下料', '喷涂及打磨', '电子装配及分拣'], standards: ['GB/T 12642 工业机器人 性能规范及其试验方法'] },
  IR02: { nouns: ['机器视觉在线检测系统', '智能巡检机器人', '三坐标在线测量站', 'X射线数字成像检测系统'], models: ['VI', 'XJ', 'CMM', 'DR'], unit: '套',
    price: [280_000, 2_500_000], quantity: [1, 6], capacity: [10, 300], lead: [45, 150],
    params: [() => `检测精度${p('0.005', '0.01', '0.02')}mm`, () => `检测节拍${range(2, 10)}s/件`, () => `相机分辨率${p(500, 1200, 2500)}万像素`, () => '缺陷识别率≥99.5%',
      () => '深度学习缺陷分类，数据接入MES', () => '红外测温及可见光双光谱云台', () => `续航时间≥${p(6, 8, 10)}h`, () => '自动上下料及SPC分析'],
    uses: ['零部件尺寸及外观缺陷检测', '变电站及配电室巡检', '发动机缸体缸盖在线检测', '航空结构件首件检测'], standards: ['GB/T 40659 智能制造 机器视觉在线检测系统 通用要求', 'DL/T 1610 变电站机器人巡检系统通用技术条件'] },
  IR03: { nouns: ['焊装自动化生产线', '机加工自动化生产线', '装配检测自动化生产线', '喷涂自动化生产线'], models: ['HZ', 'JX', 'ZP', 'PT'], unit: '条',
    price: [1_800_000, 16_000_000], quantity: [1, 2], capacity: [2, 30], lead: [90, 270],
    params: [() => `焊接机器人${range(8, 40, 2)}台`, () => `生产节拍${range(20, 180, 10)}s/件`, () => '柔性夹具，多车型共线', () => '视觉引导及焊缝跟踪', () => '数据接入MES',
      () => `加工中心${range(4, 16)}台，桁架或机器人上下料`, () => '在线测量及刀具寿命管理', () => `工位${range(12, 40)}个`, () => '拧紧、压装及气密检测'],
    uses: ['专用汽车及新能源汽车车身焊装', '轴承套圈及轮毂加工', '电连接器装配检测', '汽车零部件总成装配'], standards: ['GB/T 39116 智能制造能力成熟度模型'] },
};
const CLASSES = Object.keys(VOCABULARY);
const GROUPS = [...new Set(CLASSES.map((code) => code.slice(0, 2)))];
/** The industry of each group; machine tools serve the buyer's. */
const GROUP_INDUSTRY: Record<string, Industry | null> = { MT: null, AV, AS, AU, EM, PE, IR };
const MACHINE_TOOL_INDUSTRIES: readonly Industry[] = [AV, AS, AU, EM];
/** Words after a maker's trade name, by the group it makes most of. */
const GROUP_LINES: Record<string, readonly string[]> = {
  MT: ['数控机床', '精密机床', '机床制造'],
  AV: ['航空零部件', '航空锻造', '航空液压'],
  AS: ['航天精密电子', '精密制造', '航天配套'],
  AU: ['汽车零部件', '专用汽车', '轴承'],
  EM: ['矿山机械', '工程机械', '液压科技'],
  PE: ['电力设备', '输变电装备', '电气'],
  IR: ['智能装备', '机器人科技', '自动化'],
};
/** Certifications a maker of a group may hold. */
const GROUP_CERTIFICATIONS: Record<string, readonly string[]> = {
  MT: [AS_9100, ISO_14001, HIGH_TECH, PROVINCIAL_SPECIALISED],
  AV: [AS_9100, GJB_9001, ISO_14001, HIGH_TECH, LITTLE_GIANT],
  AS: [AS_9100, GJB_9001, ISO_14001, HIGH_TECH, LITTLE_GIANT],
  AU: [IATF_16949, ISO_14001, ISO_45001, PROVINCIAL_SPECIALISED],
  EM: [MA_MARK, ISO_14001, ISO_45001, HIGH_TECH],
  PE: [ISO_14001, ISO_45001, HIGH_TECH, PROVINCIAL_SPECIALISED],
  IR: [ISO_14001, HIGH_TECH, LITTLE_GIANT, PROVINCIAL_SPECIALISED],
};
/** Cities outside Guizhou makers come from: the division code in their credit code, and the place name. */
// biome-ignore format: data table
const OUTSIDE: readonly (readonly [division: string, place: string])[] = [
  ['110108', '北京'], ['120116', '天津'], ['210200', '大连'], ['210100', '沈阳'], ['310115', '上海'], ['320500', '苏州'],
  ['320300', '徐州'], ['320200', '无锡'], ['330200', '宁波'], ['330100', '杭州'], ['370200', '青岛'], ['410100', '郑州'],
  ['420100', '武汉'], ['430100', '长沙'], ['440300', '深圳'], ['440600', '佛山'], ['500112', '重庆'], ['510100', '成都'],
  ['530100', '昆明'], ['610100', '西安'],
];
const TRADE_FIRST = [...'华宏精博众拓天凯鼎锐瑞泰恒盛明九联智启百云达金永新兴远中嘉隆正晟昊'];
const TRADE_SECOND = [...'航睿锐诚鑫驰丰和锋源泰创德帆工力科信通捷佳岳川'];
const SUFFIXES = ['有限公司', '有限公司', '股份有限公司', '有限责任公司'];

// ---------------------------------------------------------------------------------------------- the generated rows

const BENCH = 'b'; // ids: ent-b0001, prd-b000001, dmd-b00001, dc-b000001
const DAY_MS = 86_400_000;
/** Asia/Shanghai dates. */
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const yuanToFen = (yuan: number) => Math.max(100, Math.round(yuan) * 100);

interface Maker {
  row: Record<string, unknown>;
  id: string;
  group: string;
  inProvince: boolean;
  certifications: string[];
  /** How often the maker wins a contract, relative to the others. */
  pull: number;
}

interface ProductRow {
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

type Row = Record<string, unknown>;

interface Generated {
  makers: Maker[];
  products: ProductRow[];
  demands: Row[];
  candidates: Row[];
  openDemandIds: string[];
  closedDemands: number;
  contracts: number;
}

function makeMakers(count: number): Maker[] {
  const names = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    const id = `ent-${BENCH}${pad(i + 1, 4)}`;
    const group = GROUPS[i % GROUPS.length] as string;
    const inProvince = chance(0.72);
    const region: Region = pick(REGIONS);
    const outside = pick(OUTSIDE);
    const place = countyOf(region);
    let name = '';
    do {
      const brand = inProvince ? region.brand[0] : outside[1];
      name = `${brand}${pick(TRADE_FIRST)}${pick(TRADE_SECOND)}${pick(GROUP_LINES[group] ?? [])}${pick(SUFFIXES)}`;
    } while (names.has(name));
    names.add(name);
    const industry = GROUP_INDUSTRY[group];
    const industries = industry ? [industry] : sample(MACHINE_TOOL_INDUSTRIES, int(1, 3));
    const certifications = chance(0.08) ? [] : [ISO_9001, ...sample(GROUP_CERTIFICATIONS[group] ?? [], int(0, 3))];
    return {
      id,
      group,
      inProvince,
      certifications,
      // A few makers win most contracts: PAST_DEALS from none to many.
      pull: chance(0.5) ? 0 : int(1, 6) ** 2,
      row: {
        id,
        // Registered in Guizhou: a county of the region; else the city outside (their Guizhou office is the region).
        credit_code: creditCode('91', inProvince ? place.code : outside[0]),
        name,
        name_en: null,
        type: 'MANUFACTURER',
        region_code: region.code,
        industries,
        address: `贵州省${cityOf(region)}${place.name}${pick(place.streets)}${int(1, 399)}号`,
        contact_name: personName(),
        contact_phone: phone(region),
        founded_year: int(1965, 2022),
        scale: chance(0.6) ? 'ABOVE_DESIGNATED_SIZE' : 'BELOW_DESIGNATED_SIZE',
        certifications,
      },
    };
  });
}

/** A specification's parameters: `count` of the class's, in an order of their own, each with its own values. */
const parameters = (v: ClassVocabulary, count: number) =>
  shuffle(v.params)
    .slice(0, count)
    .map((param) => param());

function makeProduct(n: number, maker: Maker, classCode: string): ProductRow {
  const v = VOCABULARY[classCode] as ClassVocabulary;
  const k = int(0, v.nouns.length - 1);
  const noun = v.nouns[k] as string;
  const model = `${v.models[k] ?? v.models[0]}${range(100, 990, 10)}${p('', '', 'A', 'B', 'E', 'Pro')}`;
  const [lo, hi] = v.price;
  const base = (lo + (hi - lo) * int(0, 80) * 0.01) * (maker.inProvince ? 1 : 1.08);
  const min = yuanToFen(base);
  const max = Math.max(min, yuanToFen(base * (1.1 + int(0, 50) * 0.01)));
  const group = classCode.slice(0, 2);
  const industries = (maker.row.industries as Industry[]) ?? [];
  const service = v.parts
    ? '随货提供材质证明、检验报告及合格证，可按图样定制'
    : `提供安装调试、操作培训及${p(1, 2, 3)}年质保`;
  return {
    id: `prd-${BENCH}${pad(n, 6)}`,
    enterprise_id: maker.id,
    name: `${noun} ${model}`,
    class_code: classCode,
    industry: GROUP_INDUSTRY[group] ?? pick(industries.length > 0 ? industries : MACHINE_TOOL_INDUSTRIES),
    specification: `${noun}，型号${model}：${parameters(v, int(3, v.params.length)).join('；')}。适用于${sample(v.uses, int(1, 2)).join('；')}。执行${pick(v.standards)}，${service}。`,
    price_min_fen: min,
    price_max_fen: max,
    annual_capacity: range(v.capacity[0], v.capacity[1]),
    lead_time_days: range(v.lead[0], v.lead[1], 5),
    certifications: maker.certifications.filter(() => chance(0.7)),
    government_procurement: chance(['MT', 'IR', 'PE'].includes(group) ? 0.5 : 0.15),
    major_project: chance(['EM', 'PE', 'AV', 'AS'].includes(group) ? 0.5 : 0.15),
  };
}

const PROCUREMENT: Record<string, readonly (readonly [string, number])[]> = {
  ENTERPRISE: [
    ['INVITED_TENDER', 3],
    ['COMPETITIVE_NEGOTIATION', 3],
    ['DIRECT_PURCHASE', 2],
    ['SINGLE_SOURCE', 1],
    ['PUBLIC_TENDER', 1],
  ],
  GOVERNMENT_PROCUREMENT: [
    ['PUBLIC_TENDER', 7],
    ['COMPETITIVE_NEGOTIATION', 2],
    ['SINGLE_SOURCE', 1],
  ],
  MAJOR_PROJECT: [
    ['PUBLIC_TENDER', 6],
    ['INVITED_TENDER', 3],
    ['COMPETITIVE_NEGOTIATION', 1],
  ],
};
const PROJECT_KINDS: Record<string, readonly string[]> = {
  GOVERNMENT_PROCUREMENT: ['实训基地设备采购项目', '检验检测能力提升项目', '设备更新采购项目', '中试验证平台采购项目'],
  MAJOR_PROJECT: ['技术改造项目', '产业园配套能力建设项目', '智能化改造工程', '配套电网工程', '示范工厂建设项目'],
};
const LOSING_REASONS = [
  '报价超出预算上限',
  '交货期无法满足项目进度要求',
  '技术参数未完全响应采购文件要求',
  '综合评分低于成交供应商',
  '产能不足，无法按期批量供货',
];

function makeDemand(
  id: string,
  buyerId: string,
  classCode: string,
  status: 'PUBLISHED' | 'CLOSED',
  surveyedOn: string,
  deadline: string,
): Row & { quantity: number; budget_min_fen: number; budget_max_fen: number } {
  const v = VOCABULARY[classCode] as ClassVocabulary;
  const kind = weighted([
    ['ENTERPRISE', 6],
    ['GOVERNMENT_PROCUREMENT', 2],
    ['MAJOR_PROJECT', 2],
  ] as const);
  const region = pick(REGIONS);
  const noun = pick(v.nouns);
  const quantity = range(v.quantity[0], v.quantity[1]);
  const [lo, hi] = v.price;
  const unit = (lo + (hi - lo) * int(0, 100) * 0.01) * (0.85 + int(0, 35) * 0.01);
  const service = v.parts
    ? '含运输，随货提供材质证明、检验报告及合格证，首批须通过来料检验'
    : `含运输、安装调试及操作培训，质保期不少于${p(1, 2, 3)}年`;
  const year = Number(surveyedOn.slice(0, 4));
  return {
    id,
    buyer_id: buyerId,
    buyer_kind: kind,
    project_name:
      kind === 'ENTERPRISE' ? null : `${cityOf(region)}${pick(PROJECT_KINDS[kind] ?? [])}（${year}年第${int(1, 9)}批）`,
    class_code: classCode,
    industry: GROUP_INDUSTRY[classCode.slice(0, 2)] ?? pick(MACHINE_TOOL_INDUSTRIES),
    specification: `采购${noun}${quantity}${v.unit.replace(/（.*）/, '')}，技术要求：${parameters(v, int(3, 6)).join('；')}。主要用于${pick(v.uses)}，交货地点${cityOf(region)}，执行${pick(v.standards)}，${service}。`,
    quantity,
    budget_min_fen: yuanToFen(quantity * unit * 0.85),
    budget_max_fen: yuanToFen(quantity * unit * 1.12),
    deadline,
    delivery_region_code: region.code,
    procurement_type: weighted(PROCUREMENT[kind] ?? []),
    status,
    surveyed_on: surveyedOn,
  };
}

/** Everything generated, from a PRNG stream of its own: the same rows from run to run (but for the dates). */
function generate(demoEnterpriseIds: readonly string[]): Generated {
  return stream(20261205 + 1).draw(() => {
    const makers = makeMakers(Math.max(20, Math.round(productCount / 40)));
    const makersOf = new Map(GROUPS.map((g) => [g, makers.filter((m) => m.group === g)]));
    const products: ProductRow[] = [];
    const productsOf = new Map<string, ProductRow[]>(CLASSES.map((c) => [c, []]));
    for (let n = 1; n <= productCount; n++) {
      const classCode = CLASSES[(n - 1) % CLASSES.length] as string;
      const group = classCode.slice(0, 2);
      // Mostly a maker of the group; now and then one of another line that makes it too.
      const maker = pick(chance(0.9) ? (makersOf.get(group) ?? makers) : makers);
      const product = makeProduct(n, maker, classCode);
      products.push(product);
      productsOf.get(classCode)?.push(product);
    }
    const buyers = [...demoEnterpriseIds, ...makers.map((m) => m.id)];
    const demands: Row[] = [];
    const openDemandIds: string[] = [];
    for (let n = 1; n <= demandCount; n++) {
      const id = `dmd-${BENCH}${pad(n, 5)}`;
      const surveyed = addDays(today, -int(0, 90));
      demands.push(makeDemand(id, pick(buyers), pick(CLASSES), 'PUBLISHED', surveyed, addDays(today, int(20, 365))));
      openDemandIds.push(id);
    }
    // A past year of closed demands, most with a contract: the makers with pull win most of them.
    const pull = new Map(makers.map((m) => [m.id, m.pull]));
    const favouredOf = new Map(
      CLASSES.map((c) => [
        c,
        (productsOf.get(c) ?? []).flatMap((product) =>
          Array.from({ length: pull.get(product.enterprise_id) ?? 0 }, () => product),
        ),
      ]),
    );
    const candidates: Row[] = [];
    const closedDemands = Math.max(1, Math.round(demandCount * 0.6));
    let contracts = 0;
    for (let n = 1; n <= closedDemands; n++) {
      const id = `dmd-${BENCH}c${pad(n, 5)}`;
      const classCode = pick(CLASSES);
      const surveyed = addDays(today, -int(120, 480));
      const demand = makeDemand(id, pick(buyers), classCode, 'CLOSED', surveyed, addDays(surveyed, int(30, 90)));
      demands.push(demand);
      const ofClass = productsOf.get(classCode) ?? [];
      if (ofClass.length === 0) continue;
      const favoured = favouredOf.get(classCode) ?? [];
      const shortlist = new Set<ProductRow>();
      const winner = chance(0.85) && favoured.length > 0 ? pick(favoured) : pick(ofClass);
      shortlist.add(winner);
      for (let k = int(0, 2); k > 0; k--) shortlist.add(pick(ofClass));
      const decided = chance(0.85);
      for (const product of shortlist) {
        const won = decided && product === winner;
        const candidate: Row = {
          id: `dc-${BENCH}${pad(candidates.length + 1, 6)}`,
          demand_id: id,
          product_id: product.id,
          status: won ? 'CONTRACT' : 'NO_DEAL',
          contract_amount_fen: won
            ? Math.max(1, Math.round((demand.budget_min_fen + demand.budget_max_fen) / 2 / 100) * 100)
            : null,
          contract_date: won ? addDays(demand.deadline as string, int(5, 40)) : null,
          reason: won ? null : pick(LOSING_REASONS),
        };
        if (won) contracts += 1;
        candidates.push(candidate);
      }
    }
    return { makers, products, demands, candidates, openDemandIds, closedDemands, contracts };
  });
}

/** Rows per INSERT statement: 14 columns × 500 stays far below PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 500;

/** Migrated, seeded with the demo data, loaded with the generated rows (one transaction) and analyzed. */
async function load(db: Database): Promise<Generated & { seconds: number }> {
  const started = performance.now();
  await db.dropSchema();
  await db.migrate(enterprises.migrations);
  await enterprises.seed(db);
  const demo = (await db.table('enterprise').select('id').orderBy('id')) as { id: string }[];
  const generated = generate(demo.map((row) => row.id));
  await db.transaction(async (tx) => {
    const insert = async (table: string, rows: readonly Row[]) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        await tx.table(table).insert(rows.slice(i, i + ROWS_PER_STATEMENT));
      }
    };
    await insert(
      'enterprise',
      generated.makers.map((m) => m.row),
    );
    await insert('product', generated.products as unknown as Row[]);
    await insert('demand', generated.demands);
    await insert('demand_candidate', generated.candidates);
  });
  const s = db.schema;
  await db.raw(`analyze ${s}.enterprise, ${s}.region, ${s}.product, ${s}.demand, ${s}.demand_candidate`);
  return { ...generated, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------- the requests

const MATCHES = `query ($id: ID!, $inProvinceOnly: Boolean) { demand(id: $id) {
  matches(first: ${FIRST}, inProvinceOnly: $inProvinceOnly) {
    score inProvince product { id name maker { name } } factors { factor weight value points explanation } } } }`;

interface Match {
  score: number;
  inProvince: boolean;
  product: { id: string; name: string; maker: { name: string } };
  factors: { factor: string; weight: number; value: number; points: number; explanation: string }[];
}

const signingSecret = randomBytes(32).toString('base64url');
/** Servers first, then databases: run at the end whatever happened. */
const closers: (() => Promise<void>)[] = [];

/** One request as the gateway sends it: the body signed for the caller, timed from send to last byte. */
async function matches(
  server: RunningServer,
  id: string,
  inProvinceOnly: boolean,
): Promise<{ ms: number; matches: Match[] }> {
  const body = JSON.stringify({ query: MATCHES, variables: { id, inProvinceOnly } });
  const headers = {
    'content-type': 'application/json',
    [IDENTITY_HEADER]: signIdentity(PUBLIC_CLAIMS, signingSecret, body),
  };
  const began = performance.now();
  const response = await fetch(server.url, { method: 'POST', headers, body });
  const text = await response.text();
  const ms = performance.now() - began;
  let answer: { data?: { demand: { matches: Match[] | null } | null }; errors?: { message: string }[] };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new Error(`${id}: HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
  const found = answer.data?.demand?.matches;
  if (answer.errors?.length || !found) {
    throw new Error(`${id}${inProvinceOnly ? ' (in province)' : ''}: ${answer.errors?.[0]?.message ?? 'no matches'}`);
  }
  return { ms, matches: found };
}

// ---------------------------------------------------------------------------------------------- the report

const ms = (value: number) => `${value.toFixed(1)} ms`;
const n = (value: number) => value.toLocaleString('en');

interface Run {
  label: string;
  inProvinceOnly: boolean;
  samples: number[];
  /** Matches returned per answer. */
  returned: number[];
  /** Every SPECIFICATION and PAST_DEALS value of the matches returned. */
  specification: number[];
  pastDeals: number[];
  unordered: number;
  outside: number;
}

const summaryOf = (values: readonly number[]) =>
  `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}, median ${percentile(values, 0.5).toFixed(2)}`;

/** EXPLAIN (ANALYZE, BUFFERS) of the ranking statement the subgraph sends for one demand. */
async function explain(db: Database, server: RunningServer, id: string, inProvinceOnly: boolean): Promise<void> {
  const statements: { sql: string; bindings: unknown[] }[] = [];
  const record = (query: { sql: string; bindings?: unknown[] }) => {
    statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  };
  db.knex.on('query', record);
  try {
    await matches(server, id, inProvinceOnly);
  } finally {
    db.knex.off('query', record);
  }
  const ranking = statements.filter(({ sql }) => /^\s*with w as/i.test(sql));
  console.log(
    `\n=== ${id}${inProvinceOnly ? ', inProvinceOnly' : ''}: ${statements.length} statements, ` +
      `${ranking.length} ranking`,
  );
  const client = db.knex.client as {
    acquireConnection(): Promise<{
      query(text: string, values: unknown[]): Promise<{ rows: Record<string, string>[] }>;
    }>;
    releaseConnection(connection: unknown): Promise<void>;
  };
  const connection = await client.acquireConnection();
  try {
    for (const { sql, bindings } of ranking) {
      const plan = await connection.query(`explain (analyze, buffers) ${sql}`, bindings);
      console.log(`-- bindings: ${JSON.stringify(bindings)}\n${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}`);
    }
  } finally {
    await client.releaseConnection(connection);
  }
}

// ---------------------------------------------------------------------------------------------- the run

const postgresUrl = benchDatabaseUrl(values.postgres, BENCH_DATABASE);
const started = performance.now();

try {
  console.log(
    `bench:matching — ${n(productCount)} generated products, ${n(demandCount)} open demands; PostgreSQL at ${shown(postgresUrl)}`,
  );
  await ensureDatabase(postgresUrl);
  const db = await Database.open({ schema: enterprises.name, url: postgresUrl });
  closers.unshift(() => db.close());
  const loaded = await load(db);
  const s = db.schema;
  const [counts] = await db.raw<{ makers: number; outside: number; products: number; open: number; dealers: number }>(
    `select (select count(*) from ${s}.enterprise where id like 'ent-${BENCH}%')::int as makers,
            (select count(*) from ${s}.enterprise where id like 'ent-${BENCH}%' and not in_province)::int as outside,
            (select count(*) from ${s}.product)::int as products,
            (select count(*) from ${s}.demand where status = 'PUBLISHED' and deadline >= current_date)::int as open,
            (select count(distinct p.enterprise_id) from ${s}.demand_candidate c
               join ${s}.product p on p.id = c.product_id where c.status = 'CONTRACT')::int as dealers`,
  );
  const [{ version } = { version: '?' }] = await db.raw<{ version: string }>(
    "select split_part(current_setting('server_version'), ' ', 1) as version",
  );
  // Products ranked per demand: those of its class group (all, and in province).
  const [group] = await db.raw<{ avg: number; min: number; max: number; avg_in: number }>(
    `select avg(n)::float8 as avg, min(n)::int as min, max(n)::int as max, avg(n_in)::float8 as avg_in
       from (select d.id, count(*) as n, count(*) filter (where e.in_province) as n_in
               from ${s}.demand d
               join ${s}.product p on substr(p.class_code, 1, 2) = substr(d.class_code, 1, 2)
               join ${s}.enterprise e on e.id = p.enterprise_id
              where d.id like 'dmd-${BENCH}0%' group by d.id) per_demand`,
  );
  console.log(
    `loaded in ${loaded.seconds.toFixed(1)} s (migrated, demo data, generated rows, analyzed): ` +
      `${n(counts?.makers ?? 0)} makers (${n(counts?.outside ?? 0)} registered outside Guizhou), ` +
      `${n(counts?.products ?? 0)} products in all, ${n(counts?.open ?? 0)} open demands in all, ` +
      `${n(loaded.closedDemands)} closed demands with ${n(loaded.contracts)} contracts ` +
      `(${n(counts?.dealers ?? 0)} makers with a contract)`,
  );

  const server = await serveSubgraph(enterprises, {
    db,
    signingSecret,
    port: 0,
    logger: createLogger('bench-matching'),
  });
  closers.unshift(() => server.close());

  const random = stream(Date.now() % 2 ** 31);
  const ids = loaded.openDemandIds;
  const runs: Run[] = [false, true].map((inProvinceOnly) => ({
    label: inProvinceOnly ? `top ${FIRST}, inProvinceOnly: true` : `top ${FIRST}`,
    inProvinceOnly,
    samples: [],
    returned: [],
    specification: [],
    pastDeals: [],
    unordered: 0,
    outside: 0,
  }));
  for (let i = 0; i < WARM_UP; i++) {
    for (const run of runs)
      await matches(
        server,
        random.draw(() => pick(ids)),
        run.inProvinceOnly,
      );
  }
  for (let round = 0; round < rounds; round++) {
    const id = random.draw(() => pick(ids));
    for (const run of round % 2 === 0 ? runs : [...runs].reverse()) {
      const answer = await matches(server, id, run.inProvinceOnly);
      run.samples.push(answer.ms);
      run.returned.push(answer.matches.length);
      for (const [k, match] of answer.matches.entries()) {
        if (k > 0 && match.score > (answer.matches[k - 1]?.score ?? Number.POSITIVE_INFINITY)) run.unordered += 1;
        if (run.inProvinceOnly && !match.inProvince) run.outside += 1;
        for (const factor of match.factors) {
          if (factor.factor === 'SPECIFICATION') run.specification.push(factor.value);
          if (factor.factor === 'PAST_DEALS') run.pastDeals.push(factor.value);
        }
      }
    }
  }

  const [cpu] = cpus();
  const load1 = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const machine = `${cpus().length} × ${cpu?.model.trim() ?? 'CPU'}, load average ${load1}`;
  console.log(
    `\nPostgreSQL ${version}; ${rounds} rounds after ${WARM_UP} to warm up, one request at a time, as PUBLIC, ` +
      `a random open demand each; Node ${process.version}, ${machine}\n`,
  );
  const table = [
    ['measured', 'requests', 'p50', 'p95', 'max', 'matches'],
    ...runs.map((run) => [
      run.label,
      n(run.samples.length),
      ms(percentile(run.samples, 0.5)),
      ms(percentile(run.samples, 0.95)),
      ms(Math.max(...run.samples)),
      `${Math.min(...run.returned)}–${Math.max(...run.returned)}`,
    ]),
  ];
  printTable(table);

  console.log(
    `\nproducts ranked per demand (its class group): ${n(Math.round(group?.avg ?? 0))} on average ` +
      `(${n(group?.min ?? 0)} to ${n(group?.max ?? 0)}), ${n(Math.round(group?.avg_in ?? 0))} of them in province`,
  );
  const [plain] = runs as [Run, Run];
  console.log(
    `SPECIFICATION values of the matches returned: ${summaryOf(plain.specification)}; ` +
      `PAST_DEALS: ${summaryOf(plain.pastDeals)} (${n(new Set(plain.pastDeals).size)} distinct)`,
  );
  const problems = runs.flatMap((run) => [
    ...(run.unordered > 0 ? [`${run.label}: ${n(run.unordered)} matches scored above the one before`] : []),
    ...(run.outside > 0 ? [`${run.label}: ${n(run.outside)} matches of makers outside Guizhou`] : []),
  ]);
  for (const problem of problems) console.log(`UNEXPECTED: ${problem}`);

  const worst = Math.max(...runs.map((run) => percentile(run.samples, 0.95)));
  const verdict = worst < TARGET_MS ? 'PASS' : 'MISS';
  const total = (performance.now() - started) / 1000;
  const figures = (run: Run) =>
    `p50 ${ms(percentile(run.samples, 0.5))}, p95 ${ms(percentile(run.samples, 0.95))}, max ${ms(Math.max(...run.samples))}`;
  console.log(
    `\nSummary — PostgreSQL ${version}, ${n(counts?.products ?? 0)} products, ${n(counts?.open ?? 0)} open demands; ` +
      `${machine}; run in ${total.toFixed(0)} s (load ${loaded.seconds.toFixed(1)} s):\n` +
      runs.map((run) => `  ${run.label}: ${figures(run)}`).join('\n') +
      `\nTarget: p95 of one demand's top ${FIRST} under ${TARGET_MS} ms: ${ms(worst)} — ${verdict}`,
  );
  if (values.explain) {
    const id = random.draw(() => pick(ids));
    for (const run of runs) await explain(db, server, id, run.inProvinceOnly);
  }
  if (problems.length > 0) {
    process.exitCode = 1;
    process.stderr.write(`bench:matching: ${problems.length} unexpected answers (above)\n`);
  }
} catch (error) {
  process.exitCode = 1;
  process.stderr.write(`bench:matching failed: ${(error as Error).message}\n`);
} finally {
  for (const close of closers) await close().catch(() => {});
}
