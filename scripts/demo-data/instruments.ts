/**
 * The instrument registry's demo data: large instruments in the NRII record format. Each is owned
 * by an enterprise of its region whose industries meet the instrument's and, for a manufacturer,
 * whose line of business uses such an instrument; it entered service after its owner was founded
 * and its model came out; and if shared, it is listed on a platform of its region that lists
 * instruments and serves one of its industries.
 */
import type { Enterprise } from './enterprises.ts';
import { INSTRUMENT_HOSTS, type PlatformRow } from './platforms.ts';
import {
  AS,
  AU,
  AV,
  chance,
  dateIn,
  EM,
  type EnterpriseType,
  type Industry,
  IR,
  industries,
  int,
  must,
  PE,
  pad,
  personName,
  phone,
  pick,
  REGIONS,
  sample,
  shared,
  shuffle,
  THIS_YEAR,
  weighted,
} from './world.ts';

export type SharingMode = 'EXTERNAL' | 'INTERNAL' | 'NOT_SHARED';
export type InstrumentStatus =
  | 'NORMAL'
  | 'STANDBY'
  | 'REMOTE_SERVICE'
  | 'OCCASIONAL_FAULT'
  | 'FREQUENT_FAULTS'
  | 'AWAITING_REPAIR'
  | 'AWAITING_SCRAPPING';

/** A model on the market: who makes it, where, and the year it came out. */
type Maker = readonly [manufacturer: string, model: string, country: string, since: number];
type Fee = readonly [unit: 'hour' | 'sample' | 'day', min: number, max: number]; // yuan

export interface InstrumentKind {
  name: string;
  /** The manufacturers' lines of business that use this kind (universities, institutes and testing bodies all may). */
  owners: readonly string[];
  nameEn: string;
  classCode: string; // NRII class: major, middle, minor
  industries: readonly Industry[];
  disciplines: readonly string[];
  makers: readonly Maker[];
  value: readonly [number, number]; // original value range, ¥10k
  fee: Fee;
  indicators: string;
  functions: string;
  service: string;
  bench?: boolean; // a test bench: special purpose, sometimes self-built
  /** Kinds of unit that would not keep one (a testing body does not machine parts). */
  notFor?: readonly EnterpriseType[];
}

// biome-ignore format: data table
export const INSTRUMENT_KINDS: readonly InstrumentKind[] = [
  { name: '扫描电子显微镜', owners: ['精密制造', '航空锻造', '航空零部件', '航天精密电子'], nameEn: 'Scanning electron microscope', classCode: '010102', industries: [AV, AS, AU, PE],
    disciplines: ['材料科学与工程', '机械工程', '物理学'], value: [150, 420], fee: ['hour', 400, 900],
    makers: [['Carl Zeiss', 'Sigma 300', '德国', 2015], ['Hitachi High-Tech', 'SU5000', '日本', 2013], ['Thermo Fisher Scientific', 'Apreo 2', '美国', 2019]],
    indicators: '分辨率0.8 nm@15 kV、1.6 nm@1 kV；加速电压0.02–30 kV；放大倍数10–1,000,000×；配备能谱仪（EDS），元素分析范围Be4–U92。',
    functions: '用于金属、陶瓷、复合材料及零部件断口的微观形貌观察，结合能谱开展微区成分分析与失效分析。', service: '材料微观形貌观察、断口分析与能谱成分测试' },
  { name: '透射电子显微镜', owners: [], nameEn: 'Transmission electron microscope', classCode: '010101', industries: [AV, AS],
    disciplines: ['材料科学与工程', '物理学'], value: [800, 1600], fee: ['hour', 1200, 2000],
    makers: [['Thermo Fisher Scientific', 'Talos F200X', '美国', 2014], ['JEOL', 'JEM-F200', '日本', 2016]],
    indicators: '点分辨率≤0.24 nm，线分辨率≤0.10 nm；加速电压80–200 kV；STEM-HAADF分辨率≤0.16 nm；配备能谱仪与电子能量损失谱仪。',
    functions: '用于高温合金、钛合金等航空航天材料的微观组织、析出相与晶体缺陷表征。', service: '材料微观组织与晶体结构表征' },
  { name: '电感耦合等离子体质谱仪', owners: ['航天精密电子'], nameEn: 'Inductively coupled plasma mass spectrometer', classCode: '010201', industries: [AV, AS, PE],
    disciplines: ['化学', '材料科学与工程'], value: [180, 320], fee: ['sample', 300, 800],
    makers: [['Agilent Technologies', '7900', '美国', 2014], ['Thermo Fisher Scientific', 'iCAP RQ', '美国', 2016]],
    indicators: '质量范围2–260 amu；检出限Be<1 ppt、In<0.5 ppt、U<0.5 ppt；短期稳定性RSD<3%；长期稳定性RSD<4%（2 h）。',
    functions: '用于高温合金、电工材料及电镀液中微量与痕量元素的定量分析。', service: '微量及痕量元素定量分析' },
  { name: 'X射线衍射仪', owners: ['航空锻造', '轴承', '精密制造'], nameEn: 'X-ray diffractometer', classCode: '010301', industries: [AV, AS, AU, PE],
    disciplines: ['材料科学与工程', '物理学', '化学'], value: [120, 260], fee: ['sample', 200, 500],
    makers: [['Bruker', 'D8 Advance', '德国', 2001], ['Rigaku', 'SmartLab', '日本', 2006]],
    indicators: '测角仪半径≥250 mm；2θ范围−110°至168°；角度重现性±0.0001°；Cu靶，最大功率3 kW；配备一维阵列探测器。',
    functions: '用于物相定性定量分析、晶粒尺寸与残余奥氏体测定、薄膜与织构分析。', service: '物相分析、残余奥氏体测定与织构测试' },
  { name: 'X射线残余应力分析仪', owners: ['航空锻造', '航空零部件', '轴承', '汽车零部件', '工程机械', '矿山机械'], nameEn: 'X-ray residual stress analyzer', classCode: '010302', industries: [AV, AS, AU, EM],
    disciplines: ['机械工程', '材料科学与工程', '力学'], value: [80, 180], fee: ['sample', 300, 600],
    makers: [['Proto Manufacturing', 'LXRD', '加拿大', 2003], ['Pulstec', 'μ-X360s', '日本', 2016]],
    indicators: 'sin²ψ法与cos α法；应力测量精度±20 MPa；ψ角范围±45°；配备Cr、Mn、Cu靶管；可配合电解抛光开展深度剖面测量。',
    functions: '用于焊接件、喷丸强化件、齿轮与轴承等零部件表面及深度方向残余应力测量。', service: '零部件残余应力检测' },
  { name: '工业CT', owners: ['精密制造', '航空零部件', '航空锻造', '汽车零部件', '新能源汽车'], nameEn: 'Industrial computed tomography system', classCode: '080102', industries: [AV, AS, AU],
    disciplines: ['机械工程', '仪器科学与技术', '材料科学与工程'], value: [300, 1200], fee: ['hour', 800, 1500],
    makers: [['Carl Zeiss', 'METROTOM 1500', '德国', 2012], ['YXLON', 'FF35 CT', '德国', 2016], ['三英精密仪器', 'nanoVoxel-4000', '中国', 2016]],
    indicators: '射线源最高电压225 kV；最小焦点尺寸≤3 μm；最大检测尺寸Φ350 mm×500 mm；空间分辨率≤5 μm；尺寸测量误差≤(9+L/50) μm。',
    functions: '用于铸件、增材制造件及复合材料构件内部缺陷三维检测、壁厚分析与尺寸测量。', service: '工业CT无损检测与三维尺寸测量' },
  { name: '直读光谱仪', owners: ['航空锻造', '汽车零部件', '矿山机械', '工程机械', '轴承', '紧固件', '电力设备', '精密制造'], nameEn: 'Optical emission spectrometer', classCode: '010401', industries: [AV, AU, EM, PE],
    disciplines: ['材料科学与工程', '化学'], value: [60, 150], fee: ['sample', 100, 300],
    makers: [['SPECTRO', 'SPECTROMAXx', '德国', 2008], ['OBLF', 'QSN750-II', '德国', 2012], ['钢研纳克', 'SparkCCD 7000', '中国', 2014]],
    indicators: '波长范围120–800 nm；可分析Fe、Al、Cu、Ni、Ti、Co基等多种基体；C、P、S检出限≤5 ppm；全数字等离子体激发光源。',
    functions: '用于金属材料炉前及成品化学成分快速分析，支撑原材料入厂检验与牌号鉴定。', service: '金属材料化学成分分析' },
  { name: '傅里叶变换红外光谱仪', owners: ['航天精密电子', '电气', '输变电装备', '新能源汽车', '汽车零部件'], nameEn: 'Fourier transform infrared spectrometer', classCode: '010402', industries: [AS, AU, PE],
    disciplines: ['化学', '材料科学与工程'], value: [50, 120], fee: ['sample', 150, 300],
    makers: [['Thermo Fisher Scientific', 'Nicolet iS50', '美国', 2012], ['Bruker', 'VERTEX 70v', '德国', 2006]],
    indicators: '光谱范围7800–350 cm⁻¹；分辨率优于0.09 cm⁻¹；信噪比≥55000:1（1 min）；配备ATR、漫反射及显微红外附件。',
    functions: '用于高分子材料、绝缘材料、密封件与涂层的成分鉴定和老化分析。', service: '高分子及绝缘材料成分鉴定' },
  { name: '同步热分析仪', owners: ['航天精密电子', '电气', '新能源汽车'], nameEn: 'Simultaneous thermal analyzer', classCode: '010501', industries: [AV, AS, PE],
    disciplines: ['材料科学与工程', '化学', '动力工程及工程热物理'], value: [60, 130], fee: ['sample', 200, 400],
    makers: [['NETZSCH', 'STA 449 F5', '德国', 2015], ['METTLER TOLEDO', 'TGA/DSC 3+', '瑞士', 2015]],
    indicators: '温度范围室温至1600 ℃；天平分辨率0.1 μg；DSC灵敏度≤1 μW；升温速率0.001–50 K/min；可联用红外或质谱。',
    functions: '用于材料热稳定性、相变温度、比热容与反应动力学测试。', service: '材料热重及差示扫描量热分析' },
  { name: '激光粒度仪', owners: ['精密制造'], nameEn: 'Laser particle size analyzer', classCode: '020501', industries: [AV, AS, IR],
    disciplines: ['材料科学与工程', '化学工程与技术'], value: [50, 90], fee: ['sample', 100, 200],
    makers: [['Malvern Panalytical', 'Mastersizer 3000', '英国', 2011], ['丹东百特仪器', 'Bettersize 2600', '中国', 2015]],
    indicators: '测量范围0.01–3500 μm；准确性误差≤0.6%（D50）；重复性误差≤0.5%；配备湿法与干法分散系统。',
    functions: '用于增材制造金属粉末、磨料及浆料的粒度分布测试。', service: '粉末粒度分布测试' },
  { name: '万能材料试验机', owners: ['航空锻造', '航空零部件', '汽车零部件', '紧固件', '轴承', '工程机械', '矿山机械', '精密制造', '专用汽车', '电力设备', '输变电装备'], nameEn: 'Universal testing machine', classCode: '020101', industries: [AV, AS, AU, EM, PE],
    disciplines: ['力学', '材料科学与工程', '机械工程'], value: [60, 300], fee: ['sample', 100, 300],
    makers: [['MTS Systems', 'Criterion C45', '美国', 2011], ['Instron', '5985', '美国', 2011], ['济南试金集团', 'WAW-1000', '中国', 2000]],
    indicators: '最大试验力600 kN；试验力精度±0.5%；位移分辨率0.01 μm；横梁速度0.001–500 mm/min；配备高温炉（≤1100 ℃）及引伸计。',
    functions: '用于金属、非金属材料及构件的拉伸、压缩、弯曲、剪切等力学性能测试。', service: '材料拉伸、压缩与弯曲等力学性能测试' },
  { name: '电液伺服疲劳试验机', owners: ['航空锻造', '航空零部件', '汽车零部件', '工程机械', '专用汽车', '液压科技', '紧固件'], nameEn: 'Servo-hydraulic fatigue testing machine', classCode: '020102', industries: [AV, AS, AU, EM],
    disciplines: ['力学', '机械工程', '航空宇航科学与技术'], value: [80, 400], fee: ['hour', 300, 600],
    makers: [['MTS Systems', 'Landmark 370.25', '美国', 2008], ['Instron', '8802', '美国', 2000], ['长春机械科学研究院', 'PLD-250', '中国', 2005]],
    indicators: '最大动态载荷±250 kN；频率范围0.01–100 Hz；载荷示值精度±0.5%；作动器行程±75 mm；支持低周、高周疲劳及断裂韧性试验。',
    functions: '用于材料及零部件疲劳寿命、裂纹扩展速率和断裂韧性测试。', service: '材料及零部件疲劳性能测试' },
  { name: '金相显微镜', owners: ['航空锻造', '汽车零部件', '矿山机械', '轴承', '紧固件', '精密制造', '电力设备'], nameEn: 'Metallographic microscope', classCode: '020301', industries: [AV, AU, EM, PE],
    disciplines: ['材料科学与工程', '机械工程'], value: [50, 80], fee: ['sample', 100, 200],
    makers: [['Carl Zeiss', 'Axio Imager.M2m', '德国', 2010], ['Olympus', 'BX53M', '日本', 2015], ['Leica Microsystems', 'DM6 M', '德国', 2016]],
    indicators: '物镜5×–100×；明场、暗场、偏光、微分干涉成像；电动载物台；金相分析软件支持晶粒度、夹杂物、球化率自动评级。',
    functions: '用于金属材料显微组织观察、晶粒度评级与非金属夹杂物分析。', service: '金相组织检验与评级' },
  { name: '三坐标测量机', owners: ['精密制造', '航空零部件', '汽车零部件', '工程机械', '数控机床', '轴承', '机器人科技', '智能装备', '液压科技', '航空锻造'], nameEn: 'Coordinate measuring machine', classCode: '030101', industries: [AV, AS, AU, EM, IR],
    disciplines: ['仪器科学与技术', '机械工程'], value: [80, 350], fee: ['hour', 300, 600],
    makers: [['海克斯康测量技术（青岛）', 'Global S 09.15.08', '中国', 2015], ['Carl Zeiss', 'CONTURA 10/16/6', '德国', 2012], ['Mitutoyo', 'CRYSTA-Apex V 9106', '日本', 2016]],
    indicators: '测量行程900×1500×800 mm；长度测量最大允许误差MPEE=(1.5+L/333) μm；探测误差MPEP=1.7 μm；配备扫描测头及自动换针架。',
    functions: '用于箱体、叶片、齿轮、模具等复杂零部件的几何尺寸与形位公差精密测量。', service: '零部件尺寸与形位公差精密测量' },
  { name: '激光跟踪仪', owners: ['航空零部件', '精密制造', '工程机械', '矿山机械', '机器人科技', '智能装备'], nameEn: 'Laser tracker', classCode: '030102', industries: [AV, AS, EM, IR],
    disciplines: ['仪器科学与技术', '机械工程', '航空宇航科学与技术'], value: [90, 180], fee: ['hour', 400, 800],
    makers: [['Leica Geosystems', 'Absolute Tracker AT960', '瑞士', 2015], ['FARO', 'Vantage E6', '美国', 2019]],
    indicators: '测量半径0–60 m；空间测量不确定度±(15 μm+6 μm/m)；角度分辨率0.07″；配备T-Probe手持测头及T-Scan扫描仪。',
    functions: '用于飞机部件装配对接、大型工装型架及设备安装的大尺寸空间坐标测量。', service: '大尺寸空间坐标测量与装配检测' },
  { name: '光学三维扫描仪', owners: ['航空零部件', '汽车零部件', '新能源汽车', '机器人科技', '智能装备', '专用汽车'], nameEn: 'Optical 3D scanner', classCode: '030103', industries: [AV, AU, IR],
    disciplines: ['机械工程', '仪器科学与技术'], value: [60, 160], fee: ['hour', 300, 600],
    makers: [['Carl Zeiss（GOM）', 'ATOS 5', '德国', 2017], ['先临三维', 'OptimScan-Q12', '中国', 2018]],
    indicators: '单幅测量范围100×75–1000×750 mm；点距0.03–0.5 mm；单次扫描1200万点；测量精度≤0.01 mm；配备摄影测量系统。',
    functions: '用于零部件全尺寸三维扫描、逆向建模与CAD数模比对检测。', service: '三维扫描、逆向建模与全尺寸比对' },
  { name: '扭矩测试台', owners: ['汽车零部件', '工程机械', '机器人科技', '智能装备', '微特电机', '液压科技', '专用汽车', '矿山机械'], nameEn: 'Torque test bench', classCode: '030301', industries: [AU, EM, IR], bench: true,
    disciplines: ['机械工程', '仪器科学与技术'], value: [60, 150], fee: ['hour', 300, 500],
    makers: [['HBK', 'T40B', '德国', 2010], ['湘仪动力测试仪器', 'CTB-5000', '中国', 2012]],
    indicators: '扭矩量程0–5000 N·m；测量精度±0.1% FS；转速范围0–8000 r/min；可开展静态、动态扭矩及扭转疲劳测试。',
    functions: '用于减速器、传动轴、联轴器及机器人关节的扭矩、刚度与传动效率测试。', service: '传动部件扭矩与效率测试' },
  { name: '电磁兼容测试系统', owners: ['航天精密电子', '新能源汽车', '电气', '电力设备', '机器人科技', '微特电机'], nameEn: 'Electromagnetic compatibility test system', classCode: '040101', industries: [AS, AU, PE, IR],
    disciplines: ['电气工程', '电子科学与技术', '信息与通信工程'], value: [500, 2000], fee: ['hour', 1000, 2000],
    makers: [['Rohde & Schwarz', 'ESW44 / EMC32', '德国', 2016], ['Keysight Technologies', 'N9038B', '美国', 2019]],
    indicators: '3 m法半电波暗室；频率范围9 kHz–18 GHz；场均匀性满足IEC 61000-4-3（0–6 dB）；具备辐射发射、传导发射、辐射抗扰度、静电放电、浪涌全项测试能力。',
    functions: '用于汽车电子、电力电子设备、机器人控制器等产品的电磁兼容预测试与认证测试。', service: '电磁兼容（EMC）预测试与认证测试' },
  { name: '动态信号测试分析系统', owners: ['航空零部件', '汽车零部件', '专用汽车', '工程机械', '矿山机械', '新能源汽车'], nameEn: 'Dynamic signal acquisition and analysis system', classCode: '040102', industries: [AV, AU, EM],
    disciplines: ['力学', '机械工程', '交通运输工程'], value: [60, 200], fee: ['hour', 200, 500],
    makers: [['Siemens（LMS）', 'SCADAS Mobile', '比利时', 2008], ['东方振动和噪声技术研究所', 'INV3062C', '中国', 2013]],
    indicators: '通道数64；采样率204.8 kHz/通道；24位A/D；动态范围≥150 dB；支持模态分析、噪声源识别与阶次分析。',
    functions: '用于整机及结构件的振动噪声测试、模态试验与运行工况分析。', service: '振动噪声与模态测试' },
  { name: '局部放电检测仪', owners: ['电力设备', '输变电装备', '电气'], nameEn: 'Partial discharge detector', classCode: '040201', industries: [PE],
    disciplines: ['电气工程'], value: [50, 120], fee: ['sample', 500, 1500],
    makers: [['OMICRON', 'MPD 800', '奥地利', 2020], ['华乘电气科技', 'PDS-G1500', '中国', 2014]],
    indicators: '测量频率范围0–32 MHz；最小可测放电量≤0.1 pC；相位分辨率0.1°；符合IEC 60270；支持多通道同步测量与放电模式识别。',
    functions: '用于变压器、GIS、电缆及开关柜等高压设备局部放电测试与绝缘缺陷诊断。', service: '高压设备局部放电检测' },
  { name: '高压开关试验系统', owners: ['电力设备', '输变电装备', '电气'], nameEn: 'High-voltage switchgear test system', classCode: '040202', industries: [PE], bench: true,
    disciplines: ['电气工程'], value: [300, 1200], fee: ['sample', 3000, 8000],
    makers: [['西安高压电器研究院', 'HVTS-126', '中国', 2008], ['苏州华电电气', 'HDTS-252', '中国', 2012]],
    indicators: '工频耐受电压0–550 kV；雷电冲击电压发生器2400 kV/240 kJ；回路电阻测试电流100–600 A；机械特性测试分辨率0.1 ms。',
    functions: '用于断路器、隔离开关、开关柜等高压开关设备的绝缘、机械特性与温升型式试验。', service: '高压开关设备型式试验与出厂试验' },
  { name: '变压器综合测试系统', owners: ['电力设备', '输变电装备'], nameEn: 'Transformer comprehensive test system', classCode: '040203', industries: [PE],
    disciplines: ['电气工程'], value: [60, 200], fee: ['sample', 1000, 3000],
    makers: [['武汉华天电力', 'HTBZ-III', '中国', 2010], ['OMICRON', 'CPC 100', '奥地利', 2003]],
    indicators: '空载与负载损耗测试精度±0.2%；变比测量范围0.8–10000，精度±0.1%；直流电阻测试电流最大40 A；支持频响法绕组变形测试。',
    functions: '用于电力变压器及互感器的空载、负载、变比、直流电阻和绕组变形测试。', service: '变压器及互感器例行与诊断试验' },
  { name: '电池充放电测试系统', owners: ['新能源汽车'], nameEn: 'Battery charge-discharge test system', classCode: '040301', industries: [AU, PE],
    disciplines: ['电气工程', '化学', '动力工程及工程热物理'], value: [80, 300], fee: ['hour', 150, 400],
    makers: [['Arbin Instruments', 'RBT-1000V', '美国', 2016], ['新威尔电子', 'CT-4008T', '中国', 2016]],
    indicators: '电压范围0–1000 V；电流范围±500 A；电压电流精度±0.05% FS；能量回馈效率≥92%；支持工况模拟与交流阻抗测试。',
    functions: '用于动力电池单体、模组及电池包的容量、倍率、循环寿命和工况模拟测试。', service: '动力电池性能与寿命测试' },
  { name: '电动振动试验系统', owners: ['航天精密电子', '航空零部件', '汽车零部件', '新能源汽车', '电气', '微特电机'], nameEn: 'Electrodynamic vibration test system', classCode: '100201', industries: [AV, AS, AU, PE],
    disciplines: ['力学', '机械工程', '航空宇航科学与技术'], value: [80, 400], fee: ['hour', 400, 900],
    makers: [['苏州苏试试验集团', 'DC-6000-60', '中国', 2008], ['东菱振动', 'ES-10-240', '中国', 2010], ['Brüel & Kjær（LDS）', 'V8-640', '英国', 2006]],
    indicators: '额定正弦推力60 kN；频率范围5–2500 Hz；最大位移51 mm p-p；最大加速度100 g；配备水平滑台及温湿度综合箱接口。',
    functions: '用于产品正弦、随机、冲击及温湿振三综合环境适应性试验。', service: '振动、冲击及三综合环境试验' },
  { name: '高低温湿热试验箱', owners: ['航天精密电子', '汽车零部件', '新能源汽车', '电气', '电力设备', '机器人科技', '微特电机', '智能装备'], nameEn: 'Temperature and humidity chamber', classCode: '100202', industries: [AV, AS, AU, PE, IR],
    disciplines: ['机械工程', '电气工程'], value: [50, 150], fee: ['hour', 80, 200],
    makers: [['ESPEC', 'PSL-4KPH', '日本', 2010], ['重庆哈丁环境试验技术', 'HLT-1000', '中国', 2010], ['Weiss Technik', 'WK3-1000/70', '德国', 2008]],
    indicators: '温度范围−70 ℃至+150 ℃；湿度范围10%–98% RH；温度波动度±0.3 ℃；升降温速率≥5 ℃/min；工作室容积1000 L。',
    functions: '用于整机和零部件高温、低温、温度循环及交变湿热环境试验。', service: '高低温及湿热环境可靠性试验' },
  { name: '复合盐雾腐蚀试验系统', owners: ['汽车零部件', '紧固件', '专用汽车', '工程机械', '矿山机械', '电力设备', '输变电装备', '航空零部件'], nameEn: 'Cyclic corrosion test system', classCode: '100203', industries: [AV, AU, EM, PE],
    disciplines: ['材料科学与工程', '化学'], value: [50, 90], fee: ['day', 300, 600],
    makers: [['Ascott Analytical', 'CC1300iP', '英国', 2013], ['Q-Lab', 'Q-FOG CRH1100', '美国', 2012]],
    indicators: '试验箱容积1300 L；温度范围室温+5 ℃至+70 ℃；湿度控制范围30%–98% RH；可编程中性盐雾、醋酸盐雾及干湿交替循环试验。',
    functions: '用于涂镀层、电镀件及零部件耐腐蚀性能评价。', service: '中性盐雾及循环腐蚀试验' },
  { name: '相控阵超声检测系统', owners: ['航空锻造', '航空零部件', '矿山机械', '工程机械', '电力设备', '输变电装备'], nameEn: 'Phased array ultrasonic testing system', classCode: '080201', industries: [AV, AS, EM, PE],
    disciplines: ['仪器科学与技术', '材料科学与工程'], value: [50, 120], fee: ['sample', 300, 800],
    makers: [['Evident（Olympus）', 'OmniScan X3', '日本', 2020], ['汕头超声电子', 'SyncScan 2', '中国', 2016]],
    indicators: '相控阵通道32:128PR；常规超声通道4个；脉冲重复频率≤20 kHz；支持全聚焦成像（TFM）、TOFD检测及C扫描成像。',
    functions: '用于焊缝、锻件、复合材料构件内部缺陷的超声检测与成像。', service: '超声相控阵与TOFD无损检测' },
  { name: '红外热像仪', owners: ['航空零部件', '汽车零部件', '电力设备', '输变电装备', '电气', '新能源汽车'], nameEn: 'Infrared thermal imager', classCode: '080301', industries: [AV, AU, PE],
    disciplines: ['仪器科学与技术', '电气工程'], value: [50, 150], fee: ['hour', 200, 500],
    makers: [['FLIR Systems', 'X8580 SLS', '美国', 2019], ['InfraTec', 'ImageIR 9400', '德国', 2014]],
    indicators: '探测器分辨率1280×1024；NETD≤20 mK；测温范围−20 ℃至3000 ℃；全帧频≥180 Hz；支持锁相热成像无损检测。',
    functions: '用于复合材料脱粘缺陷锁相热成像检测、电气设备发热故障诊断与热分布测试。', service: '红外热成像检测与热分布分析' },
  { name: '矿用设备防爆检测系统', owners: ['矿山机械', '电气'], nameEn: 'Explosion-proof test system for mining equipment', classCode: '080401', industries: [EM, PE], bench: true,
    disciplines: ['矿业工程', '安全科学与工程', '电气工程'], value: [150, 600], fee: ['sample', 2000, 6000],
    makers: [['中矿安检装备', 'FB-2000', '中国', 2010], ['南阳防爆检测装备', 'EXT-500', '中国', 2012]],
    indicators: '爆炸压力测定范围0–10 MPa，采样率≥100 kHz；隔爆外壳水压试验最高5 MPa；具备内部点燃不传爆试验及本质安全火花试验能力，符合GB/T 3836系列。',
    functions: '用于矿用电气设备隔爆外壳、本质安全电路及防爆性能检验。', service: '矿用防爆电气产品检验' },
  { name: '液压综合试验台', owners: ['液压科技', '工程机械', '矿山机械', '专用汽车', '航空零部件'], nameEn: 'Hydraulic comprehensive test bench', classCode: '100303', industries: [AV, AU, EM], bench: true,
    disciplines: ['机械工程', '动力工程及工程热物理'], value: [100, 600], fee: ['hour', 300, 800],
    makers: [['Bosch Rexroth', 'HTS-315', '德国', 2008], ['徐州液压试验设备', 'YST-400', '中国', 2008]],
    indicators: '最高试验压力42 MPa；最大流量400 L/min；油温控制20–80 ℃±2 ℃；压力与流量测量精度±0.5% FS；可开展泵、阀、油缸性能及耐久试验。',
    functions: '用于液压泵、马达、阀及油缸的出厂试验、型式试验与可靠性试验。', service: '液压元件性能与耐久试验' },
  { name: '五轴联动加工中心', notFor: ['TESTING_INSTITUTION'], owners: ['精密制造', '航空零部件', '航空锻造', '数控机床', '汽车零部件'], nameEn: 'Five-axis machining centre', classCode: '100101', industries: [AV, AS, AU, IR],
    disciplines: ['机械工程', '航空宇航科学与技术'], value: [300, 1200], fee: ['hour', 400, 1000],
    makers: [['DMG MORI', 'DMU 65 monoBLOCK', '德国', 2017], ['科德数控', 'KMC800U', '中国', 2016], ['GF Machining Solutions', 'MILL P 800 U', '瑞士', 2015]],
    indicators: '工作台直径800 mm；行程X/Y/Z 800/800/550 mm；主轴最高转速20000 r/min；定位精度≤5 μm；五轴联动，配备在机测量系统。',
    functions: '用于叶片、叶轮、机匣等复杂曲面零件的精密加工与工艺验证。', service: '复杂曲面零件五轴精密加工与工艺验证' },
  { name: '金属3D打印机', notFor: ['TESTING_INSTITUTION'], owners: ['精密制造', '航空零部件', '智能装备'], nameEn: 'Metal additive manufacturing system', classCode: '100102', industries: [AV, AS, IR],
    disciplines: ['机械工程', '材料科学与工程', '航空宇航科学与技术'], value: [200, 800], fee: ['hour', 500, 1200],
    makers: [['西安铂力特', 'BLT-S310', '中国', 2017], ['湖南华曙高科', 'FS273M', '中国', 2016], ['EOS', 'M 290', '德国', 2014]],
    indicators: '成形尺寸250×250×400 mm；激光功率500 W；层厚20–100 μm；成形效率≤40 cm³/h；可成形钛合金、高温合金、铝合金及不锈钢。',
    functions: '用于航空航天复杂结构件、随形冷却模具等金属零件的激光选区熔化成形与打样。', service: '金属增材制造打样与小批量制造' },
  { name: '六自由度工业机器人测试平台', owners: ['机器人科技', '智能装备'], nameEn: 'Six-axis industrial robot test platform', classCode: '100401', industries: [IR, AU], bench: true,
    disciplines: ['控制科学与工程', '机械工程'], value: [150, 500], fee: ['hour', 500, 1000],
    makers: [['上海机器人检测装备', 'RPT-600', '中国', 2016], ['沈阳智能机器人检测装备', 'SRT-500', '中国', 2018]],
    indicators: '依据GB/T 12642开展测试；位姿准确度与重复性测量不确定度≤0.01 mm；负载测试0–500 kg；配备六维力传感器与激光跟踪测量系统。',
    functions: '用于六自由度工业机器人位姿准确度、重复性、轨迹特性及负载性能测试。', service: '工业机器人性能检测与评定' },
  { name: '发动机试验台架', owners: ['汽车零部件', '专用汽车', '航空零部件'], nameEn: 'Engine test bench', classCode: '100301', industries: [AV, AU], bench: true,
    disciplines: ['动力工程及工程热物理', '交通运输工程'], value: [300, 1500], fee: ['hour', 800, 2000],
    makers: [['AVL List', 'PUMA Open 2', '奥地利', 2015], ['湘仪动力测试仪器', 'CAC-460', '中国', 2012]],
    indicators: '电力测功机额定功率460 kW；最高转速10000 r/min；扭矩测量精度±0.1% FS；配备排放分析仪、油耗仪与燃烧分析系统。',
    functions: '用于发动机性能、耐久及排放标定试验。', service: '发动机性能与耐久试验' },
  { name: '整车转鼓试验台', owners: ['新能源汽车', '专用汽车'], nameEn: 'Chassis dynamometer', classCode: '100302', industries: [AU], bench: true,
    disciplines: ['交通运输工程', '动力工程及工程热物理'], value: [400, 1800], fee: ['hour', 1000, 2500],
    makers: [['HORIBA', 'VULCAN EMS-CD48L', '日本', 2012], ['AVL List', 'RoadSim 4x4', '奥地利', 2014]],
    indicators: '滚筒直径48英寸；最高试验车速200 km/h；最大吸收功率220 kW；轴距调整范围2000–4500 mm；配套环境舱−30 ℃至+50 ℃。',
    functions: '用于整车动力性、经济性、排放及新能源汽车续驶里程测试。', service: '整车动力性、经济性与续驶里程测试' },
];

export const EXTERNAL_RULES = [
  '通过贵州省大型科研仪器开放共享平台在线预约，提前3个工作日提交申请，经设备管理员审核后安排机时。',
  '面向社会开放，委托测试由本单位技术人员操作；自主上机用户须经培训考核合格。',
  '优先保障本单位科研任务，其余机时对外开放；预约后未按时使用且未提前24小时取消的，按预约时长的50%收费。',
  '可使用创新券支付；送样检测一般5个工作日内出具报告，加急服务另行收费。',
];
export const INTERNAL_RULE = '仅面向本单位及所属集团内部用户开放，需经部门负责人审批。';
export const NOT_SHARED_RULE = '设备承担本单位重点型号研制任务，机时饱和，暂不对外开放共享。';

// biome-ignore format: data table
export const SOURCE_WEIGHTS: readonly (readonly [string, number])[] = [['PURCHASED', 92], ['DONATED', 5], ['OTHER', 3]];
// biome-ignore format: data table
export const STATUS_WEIGHTS: readonly (readonly [InstrumentStatus, number])[] = [
  ['NORMAL', 76], ['STANDBY', 6], ['REMOTE_SERVICE', 5], ['OCCASIONAL_FAULT', 5],
  ['FREQUENT_FAULTS', 2], ['AWAITING_REPAIR', 4], ['AWAITING_SCRAPPING', 2],
];

/** The building an instrument stands in, by the kind of unit that owns it. */
export const BUILDINGS: Record<EnterpriseType, readonly string[]> = {
  UNIVERSITY: ['实验楼A座', '实验楼B座', '分析测试中心', '工程训练中心'],
  RESEARCH_INSTITUTE: ['研发楼', '分析测试中心', '中试基地'],
  TESTING_INSTITUTION: ['检测中心', '试验大楼', '理化实验室'],
  MANUFACTURER: ['理化实验室', '试验厂房', '质检中心', '技术中心'],
  PLATFORM_OPERATOR: ['服务中心'],
};

/** The first year instruments in the data entered service. */
const FIRST_YEAR = 2008;
/** Duty-free research imports stay under customs supervision for five years. */
export const CUSTOMS_YEARS = 5;

/** Whether an owner would have an instrument of this kind at all. */
export function fits(kind: InstrumentKind, owner: Pick<Enterprise, 'type' | 'industries' | 'line'>): boolean {
  if (shared(kind.industries, owner.industries).length === 0) return false;
  if (owner.type === 'PLATFORM_OPERATOR' || kind.notFor?.includes(owner.type)) return false;
  return owner.type !== 'MANUFACTURER' || (owner.line !== null && kind.owners.includes(owner.line));
}

export function feeText(kind: InstrumentKind, owner: Enterprise, mode: SharingMode): string {
  const [unit, min, max] = kind.fee;
  const external = Math.round(int(min, max) / 10) * 10;
  const internal = Math.round(external / 20) * 10;
  const per = { hour: '小时', sample: '样', day: '24小时' }[unit];
  if (mode === 'NOT_SHARED') return '暂不对外提供服务。';
  if (mode === 'INTERNAL') return `内部核算，${internal}元/${per}。`;
  if (owner.type === 'UNIVERSITY') return `校内用户${internal}元/${per}，校外用户${external}元/${per}。`;
  if (unit === 'hour') return `按机时收费，对外服务${external}元/小时，不足1小时按1小时计。`;
  if (unit === 'day') return `按试验时长收费，${external}元/24小时，连续试验7天以上九折。`;
  return `按样品收费，${external}元/样，批量检测可协商。`;
}

/**
 * A platform of the region to list a shared instrument on, serving one of its industries: first
 * every such platform gets two, then about four in five of the rest are listed.
 */
function hostPlatform(local: PlatformRow[], tags: Industry[], hosted: Map<string, number>): PlatformRow | null {
  const serving = local.filter((p) => shared(p.industries, tags).length > 0);
  const needy = serving.filter((p) => (hosted.get(p.id) ?? 0) < 2);
  const pool = needy.length > 0 ? needy : chance(0.8) ? serving : [];
  if (pool.length === 0) return null;
  const platform = pick(pool);
  hosted.set(platform.id, (hosted.get(platform.id) ?? 0) + 1);
  return platform;
}

/** The model and the year it entered service: after the owner was founded and the model came out. */
export function makeAndYear(
  kind: InstrumentKind,
  owner: Enterprise,
): { maker: Maker; selfBuilt: boolean; year: number } {
  const earliest = Math.max(FIRST_YEAR, owner.founded_year);
  if (kind.bench === true && chance(0.3)) {
    return {
      maker: [owner.name, `ZY-${int(100, 999)}`, '中国', earliest],
      selfBuilt: true,
      year: int(earliest, THIS_YEAR - 1),
    };
  }
  const available = kind.makers.filter(([, , , since]) => since < THIS_YEAR);
  const maker = pick(available);
  return { maker, selfBuilt: false, year: int(Math.max(earliest, maker[3]), THIS_YEAR - 1) };
}

/** When the demo catalogue went public (a fixed moment: the demo data never reads the clock). */
export const CATALOGUE_PUBLISHED = `${THIS_YEAR}-03-01T00:00:00.000Z`;

export function buildInstruments(enterprises: Enterprise[], platforms: PlatformRow[]): object[] {
  const rows: object[] = [];
  const total = REGIONS.reduce((sum, r) => sum + r.instruments, 0);
  const notShared = Math.round(total * 0.05);
  const internal = Math.round(total * 0.1);
  const modes = shuffle<SharingMode>([
    ...Array<SharingMode>(notShared).fill('NOT_SHARED'),
    ...Array<SharingMode>(internal).fill('INTERNAL'),
    ...Array<SharingMode>(total - notShared - internal).fill('EXTERNAL'),
  ]);
  const assetBase = new Map<string, number>();
  const hosted = new Map<string, number>();
  for (const r of REGIONS) {
    const owners = enterprises.filter(
      (e) => e.region_code === r.code && INSTRUMENT_KINDS.some((kind) => fits(kind, e)),
    );
    if (owners.length === 0) throw new Error(`no enterprise in ${r.code} could own an instrument`);
    const queue = shuffle(owners);
    const local = platforms.filter((p) => p.region_code === r.code && INSTRUMENT_HOSTS.includes(p.kind));
    for (let k = 0; k < r.instruments; k++) {
      const id = `ins-${pad(rows.length + 1, 3)}`;
      const owner = must(queue[k % queue.length], `owner in ${r.code}`);
      const kind = pick(INSTRUMENT_KINDS.filter((candidate) => fits(candidate, owner)));
      const overlap = shared(kind.industries, owner.industries);
      const tags = industries(sample(overlap, int(1, Math.min(3, overlap.length))));
      const mode = must(modes[rows.length], 'sharing mode');
      const platform = mode === 'NOT_SHARED' ? null : hostPlatform(local, tags, hosted);
      const { maker, selfBuilt, year } = makeAndYear(kind, owner);
      const [manufacturer, model, country] = maker;
      const publicBody = owner.type === 'UNIVERSITY' || owner.type === 'RESEARCH_INSTITUTE';
      const seq = assetBase.get(owner.id) ?? int(10, 80) * 100;
      assetBase.set(owner.id, seq + int(1, 40));
      rows.push({
        id,
        asset_number: `GZ${owner.id.slice(4)}-${pad(seq, 4)}`,
        name: kind.name,
        name_en: kind.nameEn,
        class_code: kind.classCode,
        source: selfBuilt ? 'SELF_BUILT' : weighted(SOURCE_WEIGHTS),
        customs_supervised: country !== '中国' && publicBody && year > THIS_YEAR - CUSTOMS_YEARS && chance(0.6),
        original_value: int(kind.value[0] * 100, kind.value[1] * 100) / 100,
        country,
        manufacturer,
        model,
        start_of_use: dateIn(year),
        purpose: kind.bench || chance(0.1) ? 'SPECIAL' : 'GENERAL',
        technical_indicators: kind.indicators,
        main_functions: kind.functions,
        disciplines: sample(kind.disciplines, int(1, Math.min(4, kind.disciplines.length))),
        service_content:
          mode === 'NOT_SHARED'
            ? `主要用于本单位${kind.service}。`
            : `面向省内装备制造企业、高校和科研院所提供${kind.service}服务，可出具检测数据或报告。`,
        sharing_rules:
          mode === 'EXTERNAL' ? pick(EXTERNAL_RULES) : mode === 'INTERNAL' ? INTERNAL_RULE : NOT_SHARED_RULE,
        fee_text: feeText(kind, owner, mode),
        service_url: platform ? `${platform.website}/instruments/${id}` : null,
        sharing_mode: mode,
        address: `${owner.address}${pick(BUILDINGS[owner.type])}${int(1, 5)}楼`,
        contact_name: personName(),
        contact_phone: phone(r),
        status: weighted(STATUS_WEIGHTS),
        region_code: r.code,
        industries: tags,
        owner_id: owner.id,
        owner_type: owner.type,
        owner_credit_code: owner.credit_code,
        platform_id: platform ? platform.id : null,
        review_status: 'PUBLISHED',
        published_at: CATALOGUE_PUBLISHED,
      });
    }
  }
  return rows;
}
