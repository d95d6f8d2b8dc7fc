/**
 * Writes the demo data the subgraphs seed their databases with:
 *   subgraphs/{enterprises,platforms,instruments,assessments}/src/seed/demo-data.json
 *
 * Run from the repository root: node --import tsx scripts/generate-demo-data.ts
 *
 * Everything is fictional but shaped like Guizhou's advanced equipment manufacturing sector: ten
 * regions, six key industries, enterprises with valid unified social credit codes, public service
 * platforms, large instruments in the NRII record format, and the 2024–2025 platform assessments.
 * The output is deterministic: one seeded PRNG, no clock. Keys are the tables' column names.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine, pnpmCommand } from './lib/cli.ts';

parseCommandLine(
  `Usage: ${pnpmCommand()} demo-data

Writes the demo data every subgraph seeds an empty database with
(subgraphs/<name>/src/seed/demo-data.json), deterministically.`,
  {},
);

// ---------------------------------------------------------------------------------------------- vocabulary

type Industry =
  | 'AVIATION'
  | 'AEROSPACE'
  | 'AUTOMOTIVE'
  | 'ENGINEERING_MINING_MACHINERY'
  | 'POWER_EQUIPMENT'
  | 'INDUSTRIAL_ROBOTS';
type EnterpriseType =
  | 'MANUFACTURER'
  | 'TESTING_INSTITUTION'
  | 'UNIVERSITY'
  | 'RESEARCH_INSTITUTE'
  | 'PLATFORM_OPERATOR';
type PlatformKind =
  | 'INSTRUMENT_SHARING'
  | 'TESTING_CERTIFICATION'
  | 'RESEARCH_DEVELOPMENT'
  | 'INDUSTRIAL_DESIGN'
  | 'INDUSTRIAL_INTERNET'
  | 'TECHNOLOGY_TRANSFER'
  | 'TRAINING';
type SharingMode = 'EXTERNAL' | 'INTERNAL' | 'NOT_SHARED';
type InstrumentStatus =
  | 'NORMAL'
  | 'STANDBY'
  | 'REMOTE_SERVICE'
  | 'OCCASIONAL_FAULT'
  | 'FREQUENT_FAULTS'
  | 'AWAITING_REPAIR'
  | 'AWAITING_SCRAPPING';
type Grade = 'EXCELLENT' | 'GOOD' | 'PASS' | 'POOR';

const AV: Industry = 'AVIATION';
const AS: Industry = 'AEROSPACE';
const AU: Industry = 'AUTOMOTIVE';
const EM: Industry = 'ENGINEERING_MINING_MACHINERY';
const PE: Industry = 'POWER_EQUIPMENT';
const IR: Industry = 'INDUSTRIAL_ROBOTS';
const INDUSTRIES: readonly Industry[] = [AV, AS, AU, EM, PE, IR];
const INDUSTRY_LABEL: Record<Industry, string> = {
  AVIATION: '航空',
  AEROSPACE: '航天',
  AUTOMOTIVE: '汽车',
  ENGINEERING_MINING_MACHINERY: '工程及矿山机械',
  POWER_EQUIPMENT: '电力装备',
  INDUSTRIAL_ROBOTS: '工业机器人',
};

// ---------------------------------------------------------------------------------------------- regions

/** A county-level division used in credit codes, and the place name that follows the region in addresses. */
type County = readonly [code: string, place: string];

interface Region {
  code: string;
  name: string;
  nameEn: string;
  areaCode: string;
  brand: readonly [string, string]; // the short name companies put before their trade name
  counties: readonly County[];
  focus: readonly Industry[]; // the industries the region's enterprises lean towards
  makers: number; // generated manufacturers
  operators: number; // generated platform operators
  instruments: number;
}

// biome-ignore format: data table
const REGIONS: readonly Region[] = [
  { code: '520100', name: '贵阳市', nameEn: 'Guiyang', areaCode: '0851', brand: ['贵阳', 'Guiyang'],
    counties: [['520102', '南明区'], ['520103', '云岩区'], ['520111', '花溪区'], ['520113', '白云区'], ['520115', '观山湖区']],
    focus: [AV, AU, EM, PE, IR], makers: 6, operators: 3, instruments: 32 },
  { code: '520200', name: '六盘水市', nameEn: 'Liupanshui', areaCode: '0858', brand: ['六盘水', 'Liupanshui'],
    counties: [['520201', '钟山区'], ['520204', '水城区'], ['520281', '盘州市']],
    focus: [EM, PE], makers: 3, operators: 1, instruments: 10 },
  { code: '520300', name: '遵义市', nameEn: 'Zunyi', areaCode: '0851', brand: ['遵义', 'Zunyi'],
    counties: [['520302', '红花岗区'], ['520303', '汇川区'], ['520304', '播州区']],
    focus: [AS, AU, PE], makers: 5, operators: 1, instruments: 18 },
  { code: '520400', name: '安顺市', nameEn: 'Anshun', areaCode: '0851', brand: ['安顺', 'Anshun'],
    counties: [['520402', '西秀区'], ['520403', '平坝区']],
    focus: [AV, AU], makers: 4, operators: 1, instruments: 16 },
  { code: '520500', name: '毕节市', nameEn: 'Bijie', areaCode: '0857', brand: ['毕节', 'Bijie'],
    counties: [['520502', '七星关区'], ['520521', '大方县']],
    focus: [EM, PE], makers: 2, operators: 1, instruments: 8 },
  { code: '520600', name: '铜仁市', nameEn: 'Tongren', areaCode: '0856', brand: ['铜仁', 'Tongren'],
    counties: [['520602', '碧江区'], ['520603', '万山区']],
    focus: [PE, AU], makers: 2, operators: 1, instruments: 8 },
  { code: '522300', name: '黔西南布依族苗族自治州', nameEn: 'Qianxinan', areaCode: '0859', brand: ['黔西南', 'Qianxinan'],
    counties: [['522301', '兴义市'], ['522302', '兴仁市']],
    focus: [PE, EM], makers: 2, operators: 1, instruments: 8 },
  { code: '522600', name: '黔东南苗族侗族自治州', nameEn: 'Qiandongnan', areaCode: '0855', brand: ['黔东南', 'Qiandongnan'],
    counties: [['522601', '凯里市']],
    focus: [AS, AU, EM], makers: 2, operators: 1, instruments: 8 },
  { code: '522700', name: '黔南布依族苗族自治州', nameEn: 'Qiannan', areaCode: '0854', brand: ['黔南', 'Qiannan'],
    counties: [['522701', '都匀市'], ['522702', '福泉市']],
    focus: [IR, EM, PE], makers: 2, operators: 1, instruments: 8 },
  // Gui'an has no GB/T 2260 code: a project code under Guiyang; its credit codes use the counties it was carved from.
  { code: 'GUIAN', name: '贵安新区', nameEn: "Gui'an New Area", areaCode: '0851', brand: ['贵安', "Gui'an"],
    counties: [['520181', '湖潮乡'], ['520111', '党武镇']],
    focus: [IR, AV, PE], makers: 2, operators: 1, instruments: 16 },
];

// ---------------------------------------------------------------------------------------------- enterprises

/** Universities, institutes and testing bodies, named one by one; manufacturers and operators are generated. */
interface NamedUnit {
  type: EnterpriseType;
  region: string;
  county?: string;
  name: string;
  nameEn: string;
  industries: Industry[];
  founded: number;
}

// biome-ignore format: data table
const NAMED_UNITS: readonly NamedUnit[] = [
  { type: 'UNIVERSITY', region: '520100', county: '520111', name: '贵州大学', nameEn: 'Guizhou University', industries: [AV, AU, EM, PE], founded: 1958 },
  { type: 'UNIVERSITY', region: '520100', county: '520103', name: '贵州理工学院', nameEn: 'Guizhou Institute of Technology', industries: [AV, AS, EM, IR], founded: 2013 },
  { type: 'UNIVERSITY', region: '520200', county: '520201', name: '六盘水师范学院', nameEn: 'Liupanshui Normal University', industries: [EM, PE], founded: 2009 },
  { type: 'UNIVERSITY', region: '520300', county: '520302', name: '遵义师范学院', nameEn: 'Zunyi Normal University', industries: [AS, AU, PE], founded: 2001 },
  { type: 'UNIVERSITY', region: '520600', county: '520602', name: '铜仁学院', nameEn: 'Tongren University', industries: [PE, AU], founded: 2006 },
  { type: 'UNIVERSITY', region: '522700', county: '522701', name: '黔南民族师范学院', nameEn: 'Qiannan Normal University for Nationalities', industries: [IR, EM], founded: 1997 },
  { type: 'RESEARCH_INSTITUTE', region: '520100', name: '贵州省装备制造技术研究院', nameEn: 'Guizhou Institute of Equipment Manufacturing Technology', industries: [AV, AU, EM, IR], founded: 1965 },
  { type: 'RESEARCH_INSTITUTE', region: '520100', name: '贵州省电力装备工程技术研究所', nameEn: 'Guizhou Power Equipment Engineering Research Institute', industries: [PE, IR], founded: 1979 },
  { type: 'RESEARCH_INSTITUTE', region: '520100', name: '贵阳市精密测量与计量技术研究所', nameEn: 'Guiyang Institute of Precision Measurement and Metrology', industries: [AV, AS, AU], founded: 1972 },
  { type: 'RESEARCH_INSTITUTE', region: '520300', name: '遵义市航天电子技术应用研究所', nameEn: 'Zunyi Institute of Aerospace Electronics Applications', industries: [AS, PE], founded: 1970 },
  { type: 'RESEARCH_INSTITUTE', region: '520400', name: '安顺市航空材料与工艺研究所', nameEn: 'Anshun Institute of Aviation Materials and Processes', industries: [AV, AS], founded: 1968 },
  { type: 'RESEARCH_INSTITUTE', region: '522600', name: '黔东南州机电技术研究所', nameEn: 'Qiandongnan Institute of Electromechanical Technology', industries: [AS, AU, EM], founded: 1983 },
  { type: 'RESEARCH_INSTITUTE', region: 'GUIAN', name: '贵安新区智能制造研究院', nameEn: "Gui'an Institute of Intelligent Manufacturing", industries: [IR, AU, PE], founded: 2016 },
  { type: 'RESEARCH_INSTITUTE', region: 'GUIAN', name: '贵安新区增材制造与新材料研究院', nameEn: "Gui'an Institute of Additive Manufacturing and Advanced Materials", industries: [AV, AS, IR], founded: 2018 },
  { type: 'TESTING_INSTITUTION', region: '520100', name: '贵州黔测检验检测技术有限公司', nameEn: 'Guizhou Qiance Inspection and Testing Technology Co., Ltd.', industries: [AV, AU, EM], founded: 2009 },
  { type: 'TESTING_INSTITUTION', region: '520100', name: '贵阳筑标计量检测有限公司', nameEn: 'Guiyang Zhubiao Metrology and Testing Co., Ltd.', industries: [PE, IR], founded: 2012 },
  { type: 'TESTING_INSTITUTION', region: '520300', name: '遵义航天电器检测中心有限公司', nameEn: 'Zunyi Aerospace Electrical Testing Centre Co., Ltd.', industries: [AS, PE], founded: 1998 },
  { type: 'TESTING_INSTITUTION', region: '520300', name: '遵义汽车零部件质量检测有限公司', nameEn: 'Zunyi Auto Parts Quality Testing Co., Ltd.', industries: [AU], founded: 2011 },
  { type: 'TESTING_INSTITUTION', region: '520400', name: '安顺航空产品检测技术有限公司', nameEn: 'Anshun Aviation Product Testing Technology Co., Ltd.', industries: [AV, AS], founded: 2006 },
  { type: 'TESTING_INSTITUTION', region: '520500', name: '毕节矿用设备安全检测有限公司', nameEn: 'Bijie Mining Equipment Safety Testing Co., Ltd.', industries: [EM, PE], founded: 2010 },
  { type: 'TESTING_INSTITUTION', region: '522300', name: '兴义电力设备试验检测有限公司', nameEn: 'Xingyi Power Equipment Testing Co., Ltd.', industries: [PE], founded: 2013 },
  { type: 'TESTING_INSTITUTION', region: 'GUIAN', name: '贵安智造检验检测认证有限公司', nameEn: "Gui'an Zhizao Testing and Certification Co., Ltd.", industries: [IR, PE, AU], founded: 2017 },
];

/** Trade names (字号) for generated companies, each used once. */
// biome-ignore format: data table
const TRADE_NAMES: readonly (readonly [string, string])[] = [
  ['黔航', 'Qianhang'], ['筑星', 'Zhuxing'], ['华睿', 'Huarui'], ['宏锐', 'Hongrui'], ['精诚', 'Jingcheng'],
  ['乌江', 'Wujiang'], ['红枫', 'Hongfeng'], ['苗岭', 'Miaoling'], ['娄山', 'Loushan'], ['赤水', 'Chishui'],
  ['梵净', 'Fanjing'], ['黔能', 'Qianneng'], ['星火', 'Xinghuo'], ['航宇', 'Hangyu'], ['永固', 'Yonggu'],
  ['博远', 'Boyuan'], ['众鑫', 'Zhongxin'], ['拓新', 'Tuoxin'], ['天驰', 'Tianchi'], ['金筑', 'Jinzhu'],
  ['凯达', 'Kaida'], ['鼎盛', 'Dingsheng'], ['锐驰', 'Ruichi'], ['安航', 'Anhang'], ['瑞丰', 'Ruifeng'],
  ['泰和', 'Taihe'], ['凉都', 'Liangdu'], ['黔锋', 'Qianfeng'], ['清源', 'Qingyuan'], ['远航', 'Yuanhang'],
  ['恒达', 'Hengda'], ['新黔', 'Xinqian'], ['兴黔', 'Xingqian'], ['贵鑫', 'Guixin'], ['中黔', 'Zhongqian'],
  ['盛华', 'Shenghua'], ['明德', 'Mingde'], ['九鼎', 'Jiuding'], ['联创', 'Lianchuang'], ['智远', 'Zhiyuan'],
  ['启航', 'Qihang'], ['百川', 'Baichuan'], ['云帆', 'Yunfan'], ['达创', 'Dachuang'], ['黔智', 'Qianzhi'],
];

/** What a manufacturer makes: the words after its trade name, the industries that puts it in, and the earliest
 * plausible founding year (third-front plants from the 1960s; new energy and robotics only recently). */
// biome-ignore format: data table
const MAKER_LINES: readonly (readonly [string, string, readonly Industry[], number])[] = [
  ['精密制造', 'Precision Manufacturing', [AV, AS], 1965], ['航空零部件', 'Aviation Components', [AV], 1966],
  ['航空锻造', 'Aero Forging', [AV, AS], 1966], ['航天精密电子', 'Aerospace Precision Electronics', [AS], 1966],
  ['微特电机', 'Micro Motor', [AS, IR], 1970], ['汽车零部件', 'Auto Parts', [AU], 1980],
  ['新能源汽车', 'New Energy Vehicle', [AU, PE], 2012], ['专用汽车', 'Special Vehicle', [AU, EM], 1985],
  ['矿山机械', 'Mining Machinery', [EM], 1965], ['工程机械', 'Construction Machinery', [EM], 1966],
  ['液压科技', 'Hydraulic Technology', [EM, AU], 1995], ['电力设备', 'Power Equipment', [PE], 1970],
  ['输变电装备', 'Power Transmission Equipment', [PE], 1990], ['电气', 'Electric', [PE, IR], 1968],
  ['智能装备', 'Intelligent Equipment', [IR, EM], 2010], ['机器人科技', 'Robotics Technology', [IR], 2013],
  ['数控机床', 'CNC Machine Tool', [IR, AV], 1985], ['轴承', 'Bearing', [AU, EM], 1968],
  ['紧固件', 'Fastener', [AV, AS, AU], 1970],
];

// biome-ignore format: data table
const OPERATOR_LINES: readonly (readonly [string, string])[] = [
  ['工业互联网科技', 'Industrial Internet Technology'], ['产业技术服务', 'Industrial Technology Services'],
  ['科技服务', 'Technology Services'], ['智造服务', 'Smart Manufacturing Services'],
  ['科技成果转化服务', 'Technology Transfer Services'], ['仪器共享服务', 'Instrument Sharing Services'],
  ['工业设计', 'Industrial Design'], ['产业发展', 'Industrial Development'],
];

const COMPANY_SUFFIXES = ['有限公司', '有限公司', '股份有限公司', '有限责任公司'];
// biome-ignore format: data table
const ROADS = ['科技大道', '创新路', '兴业大道', '航天路', '长江路', '黄河路', '工业大道', '高新路', '产业大道',
  '开发大道', '迎宾大道', '新园路', '智造路', '湖滨路', '金马大道', '百花大道', '经开大道'];
const BUILDINGS = ['实验楼A座', '实验楼B座', '检测中心', '研发楼', '分析测试中心', '试验厂房', '理化实验室'];
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任龙',
];
const GIVEN_CHARS = [...'建国明华伟芳敏静丽强磊军洋勇艳杰涛超霞平刚桂英文斌波宇浩凯鹏婷雪琳晨俊红云飞黔筑兰松'];

// ---------------------------------------------------------------------------------------------- platforms

interface PlatformPlan {
  region: string;
  kind: PlatformKind;
  industries: Industry[];
  name: string;
  nameEn: string;
  host: string;
}

// biome-ignore format: data table
const PLATFORM_PLANS: readonly PlatformPlan[] = [
  { region: '520100', kind: 'TESTING_CERTIFICATION', industries: [AV, AS], name: '贵州省航空装备检验检测公共服务平台', nameEn: 'Guizhou Aviation Equipment Inspection and Testing Public Service Platform', host: 'www.gzhkjc.cn' },
  { region: '520100', kind: 'INDUSTRIAL_INTERNET', industries: [AV, AU, PE, IR], name: '贵州工业云先进装备制造服务平台', nameEn: 'Guizhou Industrial Cloud Advanced Equipment Manufacturing Service Platform', host: 'zb.gzgyy.cn' },
  { region: '520100', kind: 'INSTRUMENT_SHARING', industries: [AS, AU, EM], name: '贵州省大型科学仪器开放共享服务平台', nameEn: 'Guizhou Large Scientific Instrument Open Sharing Service Platform', host: 'www.gzdxyq.cn' },
  { region: '520100', kind: 'RESEARCH_DEVELOPMENT', industries: [EM, IR], name: '贵阳市智能制造共性技术研发平台', nameEn: 'Guiyang Intelligent Manufacturing Generic Technology R&D Platform', host: 'www.gyznzz.cn' },
  { region: '520100', kind: 'TECHNOLOGY_TRANSFER', industries: [AU, PE], name: '贵州省装备制造科技成果转移转化服务平台', nameEn: 'Guizhou Equipment Manufacturing Technology Transfer Service Platform', host: 'www.gzzbjszy.cn' },
  { region: '520300', kind: 'TESTING_CERTIFICATION', industries: [AS], name: '遵义市航天电子元器件检测公共服务平台', nameEn: 'Zunyi Aerospace Electronic Components Testing Public Service Platform', host: 'www.zyhtjc.cn' },
  { region: '520300', kind: 'RESEARCH_DEVELOPMENT', industries: [AU, EM], name: '遵义市汽车零部件产业公共技术服务平台', nameEn: 'Zunyi Auto Parts Industry Public Technical Service Platform', host: 'www.zyqclbj.cn' },
  { region: '520300', kind: 'TRAINING', industries: [AS, IR], name: '遵义市装备制造技能人才实训基地', nameEn: 'Zunyi Equipment Manufacturing Skills Training Base', host: 'px.zyzbzz.cn' },
  { region: '520400', kind: 'TESTING_CERTIFICATION', industries: [AV], name: '安顺市航空产品质量检验检测平台', nameEn: 'Anshun Aviation Product Quality Inspection and Testing Platform', host: 'www.ashkjc.cn' },
  { region: '520400', kind: 'INDUSTRIAL_DESIGN', industries: [AV, AU], name: '安顺市民用航空产业工业设计中心', nameEn: 'Anshun Civil Aviation Industrial Design Centre', host: 'www.ashksj.cn' },
  { region: '520400', kind: 'RESEARCH_DEVELOPMENT', industries: [AV, AS], name: '安顺市航空新材料研发公共服务平台', nameEn: 'Anshun Aviation Advanced Materials R&D Public Service Platform', host: 'www.ashkxcl.cn' },
  { region: 'GUIAN', kind: 'INSTRUMENT_SHARING', industries: [AV, AS, IR], name: '贵安新区增材制造与精密测量共享平台', nameEn: "Gui'an Additive Manufacturing and Precision Measurement Sharing Platform", host: 'www.gazczz.cn' },
  { region: 'GUIAN', kind: 'INDUSTRIAL_INTERNET', industries: [PE, IR], name: '贵安新区工业互联网标识解析服务平台', nameEn: "Gui'an Industrial Internet Identifier Resolution Service Platform", host: 'id.gagyhlw.cn' },
  { region: 'GUIAN', kind: 'TESTING_CERTIFICATION', industries: [PE, IR], name: '贵安新区智能装备检验检测认证平台', nameEn: "Gui'an Intelligent Equipment Testing and Certification Platform", host: 'www.gaznjc.cn' },
  { region: '520200', kind: 'TESTING_CERTIFICATION', industries: [EM], name: '六盘水市矿山装备安全检测服务平台', nameEn: 'Liupanshui Mining Equipment Safety Testing Service Platform', host: 'www.lpsksjc.cn' },
  { region: '520200', kind: 'TRAINING', industries: [EM, PE], name: '六盘水市煤机装备产教融合实训平台', nameEn: 'Liupanshui Coal Machinery Industry-Education Training Platform', host: 'sx.lpsmjzb.cn' },
  { region: '520500', kind: 'TESTING_CERTIFICATION', industries: [EM, PE], name: '毕节市矿用设备检验检测公共服务平台', nameEn: 'Bijie Mining Equipment Inspection and Testing Public Service Platform', host: 'www.bjkyjc.cn' },
  { region: '520500', kind: 'TECHNOLOGY_TRANSFER', industries: [EM], name: '毕节市工程机械技术转移服务中心', nameEn: 'Bijie Construction Machinery Technology Transfer Centre', host: 'www.bjgcjx.cn' },
  { region: '522300', kind: 'TESTING_CERTIFICATION', industries: [PE], name: '黔西南州电力装备检测试验公共服务平台', nameEn: 'Qianxinan Power Equipment Testing Public Service Platform', host: 'www.qxndljc.cn' },
  { region: '522300', kind: 'INSTRUMENT_SHARING', industries: [AU, PE], name: '黔西南州装备制造仪器设备共享平台', nameEn: 'Qianxinan Equipment Manufacturing Instrument Sharing Platform', host: 'yq.qxnzbzz.cn' },
  { region: '520600', kind: 'RESEARCH_DEVELOPMENT', industries: [AU, PE], name: '铜仁市新能源汽车电池材料研发平台', nameEn: 'Tongren New Energy Vehicle Battery Materials R&D Platform', host: 'www.trxnycl.cn' },
  { region: '522600', kind: 'INDUSTRIAL_DESIGN', industries: [AU, EM], name: '黔东南州装备制造工业设计服务平台', nameEn: 'Qiandongnan Equipment Manufacturing Industrial Design Service Platform', host: 'www.qdngysj.cn' },
  { region: '522700', kind: 'INSTRUMENT_SHARING', industries: [EM, IR], name: '黔南州先进装备制造仪器共享服务平台', nameEn: 'Qiannan Advanced Equipment Manufacturing Instrument Sharing Platform', host: 'yq.qnxjzb.cn' },
  { region: '522700', kind: 'TRAINING', industries: [IR], name: '黔南州工业机器人应用实训平台', nameEn: 'Qiannan Industrial Robot Application Training Platform', host: 'sx.qnjqr.cn' },
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

// ---------------------------------------------------------------------------------------------- instruments

type Maker = readonly [manufacturer: string, model: string, country: string];
type Fee = readonly [unit: 'hour' | 'sample' | 'day', min: number, max: number]; // yuan

interface InstrumentKind {
  name: string;
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
}

// biome-ignore format: data table
const INSTRUMENT_KINDS: readonly InstrumentKind[] = [
  { name: '扫描电子显微镜', nameEn: 'Scanning electron microscope', classCode: '010102', industries: [AV, AS, AU, PE],
    disciplines: ['材料科学与工程', '机械工程', '物理学'], value: [150, 420], fee: ['hour', 400, 900],
    makers: [['Carl Zeiss', 'Sigma 300', '德国'], ['Hitachi High-Tech', 'SU5000', '日本'], ['Thermo Fisher Scientific', 'Apreo 2', '美国']],
    indicators: '分辨率0.8 nm@15 kV、1.6 nm@1 kV；加速电压0.02–30 kV；放大倍数10–1,000,000×；配备能谱仪（EDS），元素分析范围Be4–U92。',
    functions: '用于金属、陶瓷、复合材料及零部件断口的微观形貌观察，结合能谱开展微区成分分析与失效分析。', service: '材料微观形貌观察、断口分析与能谱成分测试' },
  { name: '透射电子显微镜', nameEn: 'Transmission electron microscope', classCode: '010101', industries: [AV, AS],
    disciplines: ['材料科学与工程', '物理学'], value: [800, 1600], fee: ['hour', 1200, 2000],
    makers: [['Thermo Fisher Scientific', 'Talos F200X', '美国'], ['JEOL', 'JEM-F200', '日本']],
    indicators: '点分辨率≤0.24 nm，线分辨率≤0.10 nm；加速电压80–200 kV；STEM-HAADF分辨率≤0.16 nm；配备能谱仪与电子能量损失谱仪。',
    functions: '用于高温合金、钛合金等航空航天材料的微观组织、析出相与晶体缺陷表征。', service: '材料微观组织与晶体结构表征' },
  { name: '电感耦合等离子体质谱仪', nameEn: 'Inductively coupled plasma mass spectrometer', classCode: '010201', industries: [AV, AS, PE],
    disciplines: ['化学', '材料科学与工程'], value: [180, 320], fee: ['sample', 300, 800],
    makers: [['Agilent Technologies', '7900', '美国'], ['Thermo Fisher Scientific', 'iCAP RQ', '美国']],
    indicators: '质量范围2–260 amu；检出限Be<1 ppt、In<0.5 ppt、U<0.5 ppt；短期稳定性RSD<3%；长期稳定性RSD<4%（2 h）。',
    functions: '用于高温合金、电工材料及电镀液中微量与痕量元素的定量分析。', service: '微量及痕量元素定量分析' },
  { name: 'X射线衍射仪', nameEn: 'X-ray diffractometer', classCode: '010301', industries: [AV, AS, AU, PE],
    disciplines: ['材料科学与工程', '物理学', '化学'], value: [120, 260], fee: ['sample', 200, 500],
    makers: [['Bruker', 'D8 Advance', '德国'], ['Rigaku', 'SmartLab', '日本']],
    indicators: '测角仪半径≥250 mm；2θ范围−110°至168°；角度重现性±0.0001°；Cu靶，最大功率3 kW；配备一维阵列探测器。',
    functions: '用于物相定性定量分析、晶粒尺寸与残余奥氏体测定、薄膜与织构分析。', service: '物相分析、残余奥氏体测定与织构测试' },
  { name: 'X射线残余应力分析仪', nameEn: 'X-ray residual stress analyzer', classCode: '010302', industries: [AV, AS, AU, EM],
    disciplines: ['机械工程', '材料科学与工程', '力学'], value: [80, 180], fee: ['sample', 300, 600],
    makers: [['Proto Manufacturing', 'LXRD', '加拿大'], ['Pulstec', 'μ-X360s', '日本']],
    indicators: 'sin²ψ法与cos α法；应力测量精度±20 MPa；ψ角范围±45°；配备Cr、Mn、Cu靶管；可配合电解抛光开展深度剖面测量。',
    functions: '用于焊接件、喷丸强化件、齿轮与轴承等零部件表面及深度方向残余应力测量。', service: '零部件残余应力检测' },
  { name: '工业CT', nameEn: 'Industrial computed tomography system', classCode: '080102', industries: [AV, AS, AU],
    disciplines: ['机械工程', '仪器科学与技术', '材料科学与工程'], value: [300, 1200], fee: ['hour', 800, 1500],
    makers: [['Carl Zeiss', 'METROTOM 1500', '德国'], ['YXLON', 'FF35 CT', '德国'], ['三英精密仪器', 'nanoVoxel-4000', '中国']],
    indicators: '射线源最高电压225 kV；最小焦点尺寸≤3 μm；最大检测尺寸Φ350 mm×500 mm；空间分辨率≤5 μm；尺寸测量误差≤(9+L/50) μm。',
    functions: '用于铸件、增材制造件及复合材料构件内部缺陷三维检测、壁厚分析与尺寸测量。', service: '工业CT无损检测与三维尺寸测量' },
  { name: '直读光谱仪', nameEn: 'Optical emission spectrometer', classCode: '010401', industries: [AV, AU, EM, PE],
    disciplines: ['材料科学与工程', '化学'], value: [60, 150], fee: ['sample', 100, 300],
    makers: [['SPECTRO', 'SPECTROMAXx', '德国'], ['OBLF', 'QSN750-II', '德国'], ['钢研纳克', 'SparkCCD 7000', '中国']],
    indicators: '波长范围120–800 nm；可分析Fe、Al、Cu、Ni、Ti、Co基等多种基体；C、P、S检出限≤5 ppm；全数字等离子体激发光源。',
    functions: '用于金属材料炉前及成品化学成分快速分析，支撑原材料入厂检验与牌号鉴定。', service: '金属材料化学成分分析' },
  { name: '傅里叶变换红外光谱仪', nameEn: 'Fourier transform infrared spectrometer', classCode: '010402', industries: [AS, AU, PE],
    disciplines: ['化学', '材料科学与工程'], value: [50, 120], fee: ['sample', 150, 300],
    makers: [['Thermo Fisher Scientific', 'Nicolet iS50', '美国'], ['Bruker', 'VERTEX 70v', '德国']],
    indicators: '光谱范围7800–350 cm⁻¹；分辨率优于0.09 cm⁻¹；信噪比≥55000:1（1 min）；配备ATR、漫反射及显微红外附件。',
    functions: '用于高分子材料、绝缘材料、密封件与涂层的成分鉴定和老化分析。', service: '高分子及绝缘材料成分鉴定' },
  { name: '同步热分析仪', nameEn: 'Simultaneous thermal analyzer', classCode: '010501', industries: [AV, AS, PE],
    disciplines: ['材料科学与工程', '化学', '动力工程及工程热物理'], value: [60, 130], fee: ['sample', 200, 400],
    makers: [['NETZSCH', 'STA 449 F5', '德国'], ['METTLER TOLEDO', 'TGA/DSC 3+', '瑞士']],
    indicators: '温度范围室温至1600 ℃；天平分辨率0.1 μg；DSC灵敏度≤1 μW；升温速率0.001–50 K/min；可联用红外或质谱。',
    functions: '用于材料热稳定性、相变温度、比热容与反应动力学测试。', service: '材料热重及差示扫描量热分析' },
  { name: '激光粒度仪', nameEn: 'Laser particle size analyzer', classCode: '020501', industries: [AV, AS, IR],
    disciplines: ['材料科学与工程', '化学工程与技术'], value: [50, 90], fee: ['sample', 100, 200],
    makers: [['Malvern Panalytical', 'Mastersizer 3000', '英国'], ['丹东百特仪器', 'Bettersize 2600', '中国']],
    indicators: '测量范围0.01–3500 μm；准确性误差≤0.6%（D50）；重复性误差≤0.5%；配备湿法与干法分散系统。',
    functions: '用于增材制造金属粉末、磨料及浆料的粒度分布测试。', service: '粉末粒度分布测试' },
  { name: '万能材料试验机', nameEn: 'Universal testing machine', classCode: '020101', industries: [AV, AS, AU, EM, PE],
    disciplines: ['力学', '材料科学与工程', '机械工程'], value: [60, 300], fee: ['sample', 100, 300],
    makers: [['MTS Systems', 'Criterion C45', '美国'], ['Instron', '5985', '美国'], ['济南试金集团', 'WAW-1000', '中国']],
    indicators: '最大试验力600 kN；试验力精度±0.5%；位移分辨率0.01 μm；横梁速度0.001–500 mm/min；配备高温炉（≤1100 ℃）及引伸计。',
    functions: '用于金属、非金属材料及构件的拉伸、压缩、弯曲、剪切等力学性能测试。', service: '材料拉伸、压缩与弯曲等力学性能测试' },
  { name: '电液伺服疲劳试验机', nameEn: 'Servo-hydraulic fatigue testing machine', classCode: '020102', industries: [AV, AS, AU, EM],
    disciplines: ['力学', '机械工程', '航空宇航科学与技术'], value: [80, 400], fee: ['hour', 300, 600],
    makers: [['MTS Systems', 'Landmark 370.25', '美国'], ['Instron', '8802', '美国'], ['长春机械科学研究院', 'PLD-250', '中国']],
    indicators: '最大动态载荷±250 kN；频率范围0.01–100 Hz；载荷示值精度±0.5%；作动器行程±75 mm；支持低周、高周疲劳及断裂韧性试验。',
    functions: '用于材料及零部件疲劳寿命、裂纹扩展速率和断裂韧性测试。', service: '材料及零部件疲劳性能测试' },
  { name: '金相显微镜', nameEn: 'Metallographic microscope', classCode: '020301', industries: [AV, AU, EM, PE],
    disciplines: ['材料科学与工程', '机械工程'], value: [50, 80], fee: ['sample', 100, 200],
    makers: [['Carl Zeiss', 'Axio Imager.M2m', '德国'], ['Olympus', 'BX53M', '日本'], ['Leica Microsystems', 'DM6 M', '德国']],
    indicators: '物镜5×–100×；明场、暗场、偏光、微分干涉成像；电动载物台；金相分析软件支持晶粒度、夹杂物、球化率自动评级。',
    functions: '用于金属材料显微组织观察、晶粒度评级与非金属夹杂物分析。', service: '金相组织检验与评级' },
  { name: '三坐标测量机', nameEn: 'Coordinate measuring machine', classCode: '030101', industries: [AV, AS, AU, EM, IR],
    disciplines: ['仪器科学与技术', '机械工程'], value: [80, 350], fee: ['hour', 300, 600],
    makers: [['海克斯康测量技术（青岛）', 'Global S 09.15.08', '中国'], ['Carl Zeiss', 'CONTURA 10/16/6', '德国'], ['Mitutoyo', 'CRYSTA-Apex V 9106', '日本']],
    indicators: '测量行程900×1500×800 mm；长度测量最大允许误差MPEE=(1.5+L/333) μm；探测误差MPEP=1.7 μm；配备扫描测头及自动换针架。',
    functions: '用于箱体、叶片、齿轮、模具等复杂零部件的几何尺寸与形位公差精密测量。', service: '零部件尺寸与形位公差精密测量' },
  { name: '激光跟踪仪', nameEn: 'Laser tracker', classCode: '030102', industries: [AV, AS, EM, IR],
    disciplines: ['仪器科学与技术', '机械工程', '航空宇航科学与技术'], value: [90, 180], fee: ['hour', 400, 800],
    makers: [['Leica Geosystems', 'Absolute Tracker AT960', '瑞士'], ['FARO', 'Vantage E6', '美国']],
    indicators: '测量半径0–60 m；空间测量不确定度±(15 μm+6 μm/m)；角度分辨率0.07″；配备T-Probe手持测头及T-Scan扫描仪。',
    functions: '用于飞机部件装配对接、大型工装型架及设备安装的大尺寸空间坐标测量。', service: '大尺寸空间坐标测量与装配检测' },
  { name: '光学三维扫描仪', nameEn: 'Optical 3D scanner', classCode: '030103', industries: [AV, AU, IR],
    disciplines: ['机械工程', '仪器科学与技术'], value: [60, 160], fee: ['hour', 300, 600],
    makers: [['Carl Zeiss（GOM）', 'ATOS 5', '德国'], ['先临三维', 'OptimScan-Q12', '中国']],
    indicators: '单幅测量范围100×75–1000×750 mm；点距0.03–0.5 mm；单次扫描1200万点；测量精度≤0.01 mm；配备摄影测量系统。',
    functions: '用于零部件全尺寸三维扫描、逆向建模与CAD数模比对检测。', service: '三维扫描、逆向建模与全尺寸比对' },
  { name: '扭矩测试台', nameEn: 'Torque test bench', classCode: '030301', industries: [AU, EM, IR], bench: true,
    disciplines: ['机械工程', '仪器科学与技术'], value: [60, 150], fee: ['hour', 300, 500],
    makers: [['HBK', 'T40B', '德国'], ['湘仪动力测试仪器', 'CTB-5000', '中国']],
    indicators: '扭矩量程0–5000 N·m；测量精度±0.1% FS；转速范围0–8000 r/min；可开展静态、动态扭矩及扭转疲劳测试。',
    functions: '用于减速器、传动轴、联轴器及机器人关节的扭矩、刚度与传动效率测试。', service: '传动部件扭矩与效率测试' },
  { name: '电磁兼容测试系统', nameEn: 'Electromagnetic compatibility test system', classCode: '040101', industries: [AS, AU, PE, IR],
    disciplines: ['电气工程', '电子科学与技术', '信息与通信工程'], value: [500, 2000], fee: ['hour', 1000, 2000],
    makers: [['Rohde & Schwarz', 'ESW44 / EMC32', '德国'], ['Keysight Technologies', 'N9038B', '美国']],
    indicators: '3 m法半电波暗室；频率范围9 kHz–18 GHz；场均匀性满足IEC 61000-4-3（0–6 dB）；具备辐射发射、传导发射、辐射抗扰度、静电放电、浪涌全项测试能力。',
    functions: '用于汽车电子、电力电子设备、机器人控制器等产品的电磁兼容预测试与认证测试。', service: '电磁兼容（EMC）预测试与认证测试' },
  { name: '动态信号测试分析系统', nameEn: 'Dynamic signal acquisition and analysis system', classCode: '040102', industries: [AV, AU, EM],
    disciplines: ['力学', '机械工程', '交通运输工程'], value: [60, 200], fee: ['hour', 200, 500],
    makers: [['Siemens（LMS）', 'SCADAS Mobile', '比利时'], ['东方振动和噪声技术研究所', 'INV3062C', '中国']],
    indicators: '通道数64；采样率204.8 kHz/通道；24位A/D；动态范围≥150 dB；支持模态分析、噪声源识别与阶次分析。',
    functions: '用于整机及结构件的振动噪声测试、模态试验与运行工况分析。', service: '振动噪声与模态测试' },
  { name: '局部放电检测仪', nameEn: 'Partial discharge detector', classCode: '040201', industries: [PE],
    disciplines: ['电气工程'], value: [50, 120], fee: ['sample', 500, 1500],
    makers: [['OMICRON', 'MPD 800', '奥地利'], ['华乘电气科技', 'PDS-G1500', '中国']],
    indicators: '测量频率范围0–32 MHz；最小可测放电量≤0.1 pC；相位分辨率0.1°；符合IEC 60270；支持多通道同步测量与放电模式识别。',
    functions: '用于变压器、GIS、电缆及开关柜等高压设备局部放电测试与绝缘缺陷诊断。', service: '高压设备局部放电检测' },
  { name: '高压开关试验系统', nameEn: 'High-voltage switchgear test system', classCode: '040202', industries: [PE], bench: true,
    disciplines: ['电气工程'], value: [300, 1200], fee: ['sample', 3000, 8000],
    makers: [['西安高压电器研究院', 'HVTS-126', '中国'], ['苏州华电电气', 'HDTS-252', '中国']],
    indicators: '工频耐受电压0–550 kV；雷电冲击电压发生器2400 kV/240 kJ；回路电阻测试电流100–600 A；机械特性测试分辨率0.1 ms。',
    functions: '用于断路器、隔离开关、开关柜等高压开关设备的绝缘、机械特性与温升型式试验。', service: '高压开关设备型式试验与出厂试验' },
  { name: '变压器综合测试系统', nameEn: 'Transformer comprehensive test system', classCode: '040203', industries: [PE],
    disciplines: ['电气工程'], value: [60, 200], fee: ['sample', 1000, 3000],
    makers: [['武汉华天电力', 'HTBZ-III', '中国'], ['OMICRON', 'CPC 100', '奥地利']],
    indicators: '空载与负载损耗测试精度±0.2%；变比测量范围0.8–10000，精度±0.1%；直流电阻测试电流最大40 A；支持频响法绕组变形测试。',
    functions: '用于电力变压器及互感器的空载、负载、变比、直流电阻和绕组变形测试。', service: '变压器及互感器例行与诊断试验' },
  { name: '电池充放电测试系统', nameEn: 'Battery charge-discharge test system', classCode: '040301', industries: [AU, PE],
    disciplines: ['电气工程', '化学', '动力工程及工程热物理'], value: [80, 300], fee: ['hour', 150, 400],
    makers: [['Arbin Instruments', 'RBT-1000V', '美国'], ['新威尔电子', 'CT-4008T', '中国']],
    indicators: '电压范围0–1000 V；电流范围±500 A；电压电流精度±0.05% FS；能量回馈效率≥92%；支持工况模拟与交流阻抗测试。',
    functions: '用于动力电池单体、模组及电池包的容量、倍率、循环寿命和工况模拟测试。', service: '动力电池性能与寿命测试' },
  { name: '电动振动试验系统', nameEn: 'Electrodynamic vibration test system', classCode: '100201', industries: [AV, AS, AU, PE],
    disciplines: ['力学', '机械工程', '航空宇航科学与技术'], value: [80, 400], fee: ['hour', 400, 900],
    makers: [['苏州苏试试验集团', 'DC-6000-60', '中国'], ['东菱振动', 'ES-10-240', '中国'], ['Brüel & Kjær（LDS）', 'V8-640', '英国']],
    indicators: '额定正弦推力60 kN；频率范围5–2500 Hz；最大位移51 mm p-p；最大加速度100 g；配备水平滑台及温湿度综合箱接口。',
    functions: '用于产品正弦、随机、冲击及温湿振三综合环境适应性试验。', service: '振动、冲击及三综合环境试验' },
  { name: '高低温湿热试验箱', nameEn: 'Temperature and humidity chamber', classCode: '100202', industries: [AV, AS, AU, PE, IR],
    disciplines: ['机械工程', '电气工程'], value: [50, 150], fee: ['hour', 80, 200],
    makers: [['ESPEC', 'PSL-4KPH', '日本'], ['重庆哈丁环境试验技术', 'HLT-1000', '中国'], ['Weiss Technik', 'WK3-1000/70', '德国']],
    indicators: '温度范围−70 ℃至+150 ℃；湿度范围10%–98% RH；温度波动度±0.3 ℃；升降温速率≥5 ℃/min；工作室容积1000 L。',
    functions: '用于整机和零部件高温、低温、温度循环及交变湿热环境试验。', service: '高低温及湿热环境可靠性试验' },
  { name: '复合盐雾腐蚀试验系统', nameEn: 'Cyclic corrosion test system', classCode: '100203', industries: [AV, AU, EM, PE],
    disciplines: ['材料科学与工程', '化学'], value: [50, 90], fee: ['day', 300, 600],
    makers: [['Ascott Analytical', 'CC1300iP', '英国'], ['Q-Lab', 'Q-FOG CRH1100', '美国']],
    indicators: '试验箱容积1300 L；温度范围室温+5 ℃至+70 ℃；湿度控制范围30%–98% RH；可编程中性盐雾、醋酸盐雾及干湿交替循环试验。',
    functions: '用于涂镀层、电镀件及零部件耐腐蚀性能评价。', service: '中性盐雾及循环腐蚀试验' },
  { name: '相控阵超声检测系统', nameEn: 'Phased array ultrasonic testing system', classCode: '080201', industries: [AV, AS, EM, PE],
    disciplines: ['仪器科学与技术', '材料科学与工程'], value: [50, 120], fee: ['sample', 300, 800],
    makers: [['Evident（Olympus）', 'OmniScan X3', '日本'], ['汕头超声电子', 'SyncScan 2', '中国']],
    indicators: '相控阵通道32:128PR；常规超声通道4个；脉冲重复频率≤20 kHz；支持全聚焦成像（TFM）、TOFD检测及C扫描成像。',
    functions: '用于焊缝、锻件、复合材料构件内部缺陷的超声检测与成像。', service: '超声相控阵与TOFD无损检测' },
  { name: '红外热像仪', nameEn: 'Infrared thermal imager', classCode: '080301', industries: [AV, AU, PE],
    disciplines: ['仪器科学与技术', '电气工程'], value: [50, 150], fee: ['hour', 200, 500],
    makers: [['FLIR Systems', 'X8580 SLS', '美国'], ['InfraTec', 'ImageIR 9400', '德国']],
    indicators: '探测器分辨率1280×1024；NETD≤20 mK；测温范围−20 ℃至3000 ℃；全帧频≥180 Hz；支持锁相热成像无损检测。',
    functions: '用于复合材料脱粘缺陷锁相热成像检测、电气设备发热故障诊断与热分布测试。', service: '红外热成像检测与热分布分析' },
  { name: '矿用设备防爆检测系统', nameEn: 'Explosion-proof test system for mining equipment', classCode: '080401', industries: [EM, PE], bench: true,
    disciplines: ['矿业工程', '安全科学与工程', '电气工程'], value: [150, 600], fee: ['sample', 2000, 6000],
    makers: [['中矿安检装备', 'FB-2000', '中国'], ['南阳防爆检测装备', 'EXT-500', '中国']],
    indicators: '爆炸压力测定范围0–10 MPa，采样率≥100 kHz；隔爆外壳水压试验最高5 MPa；具备内部点燃不传爆试验及本质安全火花试验能力，符合GB/T 3836系列。',
    functions: '用于矿用电气设备隔爆外壳、本质安全电路及防爆性能检验。', service: '矿用防爆电气产品检验' },
  { name: '液压综合试验台', nameEn: 'Hydraulic comprehensive test bench', classCode: '100303', industries: [AV, AU, EM], bench: true,
    disciplines: ['机械工程', '动力工程及工程热物理'], value: [100, 600], fee: ['hour', 300, 800],
    makers: [['Bosch Rexroth', 'HTS-315', '德国'], ['徐州液压试验设备', 'YST-400', '中国']],
    indicators: '最高试验压力42 MPa；最大流量400 L/min；油温控制20–80 ℃±2 ℃；压力与流量测量精度±0.5% FS；可开展泵、阀、油缸性能及耐久试验。',
    functions: '用于液压泵、马达、阀及油缸的出厂试验、型式试验与可靠性试验。', service: '液压元件性能与耐久试验' },
  { name: '五轴联动加工中心', nameEn: 'Five-axis machining centre', classCode: '100101', industries: [AV, AS, AU, IR],
    disciplines: ['机械工程', '航空宇航科学与技术'], value: [300, 1200], fee: ['hour', 400, 1000],
    makers: [['DMG MORI', 'DMU 65 monoBLOCK', '德国'], ['科德数控', 'KMC800U', '中国'], ['GF Machining Solutions', 'MILL P 800 U', '瑞士']],
    indicators: '工作台直径800 mm；行程X/Y/Z 800/800/550 mm；主轴最高转速20000 r/min；定位精度≤5 μm；五轴联动，配备在机测量系统。',
    functions: '用于叶片、叶轮、机匣等复杂曲面零件的精密加工与工艺验证。', service: '复杂曲面零件五轴精密加工与工艺验证' },
  { name: '金属3D打印机', nameEn: 'Metal additive manufacturing system', classCode: '100102', industries: [AV, AS, IR],
    disciplines: ['机械工程', '材料科学与工程', '航空宇航科学与技术'], value: [200, 800], fee: ['hour', 500, 1200],
    makers: [['西安铂力特', 'BLT-S310', '中国'], ['湖南华曙高科', 'FS273M', '中国'], ['EOS', 'M 290', '德国']],
    indicators: '成形尺寸250×250×400 mm；激光功率500 W；层厚20–100 μm；成形效率≤40 cm³/h；可成形钛合金、高温合金、铝合金及不锈钢。',
    functions: '用于航空航天复杂结构件、随形冷却模具等金属零件的激光选区熔化成形与打样。', service: '金属增材制造打样与小批量制造' },
  { name: '六自由度工业机器人测试平台', nameEn: 'Six-axis industrial robot test platform', classCode: '100401', industries: [IR, AU], bench: true,
    disciplines: ['控制科学与工程', '机械工程'], value: [150, 500], fee: ['hour', 500, 1000],
    makers: [['Leica Geosystems', 'AT960 RTS', '瑞士'], ['上海机器人检测装备', 'RPT-600', '中国']],
    indicators: '依据GB/T 12642开展测试；位姿准确度与重复性测量不确定度≤0.01 mm；负载测试0–500 kg；配备六维力传感器与激光跟踪测量系统。',
    functions: '用于六自由度工业机器人位姿准确度、重复性、轨迹特性及负载性能测试。', service: '工业机器人性能检测与评定' },
  { name: '发动机试验台架', nameEn: 'Engine test bench', classCode: '100301', industries: [AV, AU], bench: true,
    disciplines: ['动力工程及工程热物理', '交通运输工程'], value: [300, 1500], fee: ['hour', 800, 2000],
    makers: [['AVL List', 'PUMA Open 2', '奥地利'], ['湘仪动力测试仪器', 'CAC-460', '中国']],
    indicators: '电力测功机额定功率460 kW；最高转速10000 r/min；扭矩测量精度±0.1% FS；配备排放分析仪、油耗仪与燃烧分析系统。',
    functions: '用于发动机性能、耐久及排放标定试验。', service: '发动机性能与耐久试验' },
  { name: '整车转鼓试验台', nameEn: 'Chassis dynamometer', classCode: '100302', industries: [AU], bench: true,
    disciplines: ['交通运输工程', '动力工程及工程热物理'], value: [400, 1800], fee: ['hour', 1000, 2500],
    makers: [['HORIBA', 'VULCAN EMS-CD48L', '日本'], ['AVL List', 'RoadSim 4x4', '奥地利']],
    indicators: '滚筒直径48英寸；最高试验车速200 km/h；最大吸收功率220 kW；轴距调整范围2000–4500 mm；配套环境舱−30 ℃至+50 ℃。',
    functions: '用于整车动力性、经济性、排放及新能源汽车续驶里程测试。', service: '整车动力性、经济性与续驶里程测试' },
];

const EXTERNAL_RULES = [
  '通过贵州省大型科研仪器开放共享平台在线预约，提前3个工作日提交申请，经设备管理员审核后安排机时。',
  '面向社会开放，委托测试由本单位技术人员操作；自主上机用户须经培训考核合格。',
  '优先保障本单位科研任务，其余机时对外开放；预约后未按时使用且未提前24小时取消的，按预约时长的50%收费。',
  '可使用创新券支付；送样检测一般5个工作日内出具报告，加急服务另行收费。',
];
const INTERNAL_RULE = '仅面向本单位及所属集团内部用户开放，需经部门负责人审批。';
const NOT_SHARED_RULE = '设备承担本单位重点型号研制任务，机时饱和，暂不对外开放共享。';

// biome-ignore format: data table
const SOURCE_WEIGHTS: readonly (readonly [string, number])[] = [['PURCHASED', 92], ['DONATED', 5], ['OTHER', 3]];
// biome-ignore format: data table
const STATUS_WEIGHTS: readonly (readonly [InstrumentStatus, number])[] = [
  ['NORMAL', 76], ['STANDBY', 6], ['REMOTE_SERVICE', 5], ['OCCASIONAL_FAULT', 5],
  ['FREQUENT_FAULTS', 2], ['AWAITING_REPAIR', 4], ['AWAITING_SCRAPPING', 2],
];

// ---------------------------------------------------------------------------------------------- assessments

// biome-ignore format: data table
const INDICATORS = [
  { code: 'ORGANISATION', name: '组织管理', name_en: 'Organisation & management', weight: 20, position: 1 },
  { code: 'OPERATION', name: '运行使用', name_en: 'Operation & use', weight: 40, position: 2 },
  { code: 'SHARING_SERVICE', name: '共享服务成效', name_en: 'Sharing service', weight: 40, position: 3 },
];

/**
 * The grade each platform earns, by platform number (plt-01 first); '-' means not assessed that year.
 * plt-24 was never assessed; plt-18 and plt-22 have no 2025 assessment yet.
 */
const GRADE_PLAN: Record<number, string> = {
  2024: 'EEGPPGPPEPGEPGPOPOPGOPP-',
  2025: 'EEEPGGOPEPGEPGPPP-PGO-P-',
};
const GRADE_LETTERS: Record<string, Grade> = { E: 'EXCELLENT', G: 'GOOD', P: 'PASS', O: 'POOR' };
/** Per-indicator score range (hundredths) to draw from when aiming at a grade. */
const SCORE_RANGE: Record<Grade, readonly [number, number]> = {
  EXCELLENT: [8800, 9900],
  GOOD: [8000, 9500],
  PASS: [6200, 9000],
  POOR: [4500, 7200],
};
const NOTES: Record<Grade, readonly string[]> = {
  EXCELLENT: ['仪器开放共享率高，对外服务成效显著。', '服务制度完善，用户满意度高。'],
  GOOD: ['运行管理规范，对外服务机时稳步增长。', '共享服务较好，建议加强线上服务能力。'],
  PASS: ['基本完成年度目标，有效机时偏低。', '需进一步完善收费标准和服务流程公示。'],
  POOR: ['有效机时和对外服务机时明显不足，予以通报并限期整改。', '组织管理不到位，共享服务成效差。'],
};

// ---------------------------------------------------------------------------------------------- helpers

/** mulberry32: a small, fast PRNG; the same seed always gives the same data. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(20201216); // the day the provincial action plan was signed

function int(min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function chance(probability: number): boolean {
  return random() < probability;
}

function pick<T>(items: readonly T[]): T {
  return items[int(0, items.length - 1)] as T;
}

function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function sample<T>(items: readonly T[], count: number): T[] {
  return shuffle(items).slice(0, count);
}

function weighted<T>(options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = int(1, total);
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  throw new Error('unreachable: weights exhausted');
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

/** Industries in their canonical order, without duplicates. */
function industries(list: readonly Industry[]): Industry[] {
  return INDUSTRIES.filter((industry) => list.includes(industry));
}

function shared(a: readonly Industry[], b: readonly Industry[]): Industry[] {
  return industries(a.filter((industry) => b.includes(industry)));
}

function personName(): string {
  return pick(SURNAMES) + (chance(0.25) ? pick(GIVEN_CHARS) : pick(GIVEN_CHARS) + pick(GIVEN_CHARS));
}

function phone(region: Region): string {
  return `${region.areaCode}-8${pad(int(0, 9999999), 7)}`;
}

/** GB 32100-2015 unified social credit code: 17 characters plus a check character. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usedCreditCodes = new Set<string>();

function creditCode(authorityAndKind: string, county: string): string {
  let body = '';
  for (let i = 0; i < 9; i++) body += CODE_ALPHABET.charAt(int(0, 30));
  const first17 = authorityAndKind + county + body;
  let sum = 0;
  let weight = 1; // 3^(i-1) mod 31
  for (const char of first17) {
    sum += CODE_ALPHABET.indexOf(char) * weight;
    weight = (weight * 3) % 31;
  }
  const check = 31 - (sum % 31);
  const code = first17 + CODE_ALPHABET.charAt(check === 31 ? 0 : check);
  if (usedCreditCodes.has(code)) return creditCode(authorityAndKind, county);
  usedCreditCodes.add(code);
  return code;
}

// ---------------------------------------------------------------------------------------------- rows

function buildRegions(): object[] {
  return REGIONS.map((r) => ({
    code: r.code,
    name: r.name,
    name_en: r.nameEn,
    parent_code: r.code === 'GUIAN' ? '520100' : null,
    kind: r.code === 'GUIAN' ? 'NEW_AREA' : 'PREFECTURE',
  }));
}

/** A region's generated manufacturers and platform operators, each taking a trade name of its own. */
function generatedUnits(r: Region, tradeNames: (readonly [string, string])[]): NamedUnit[] {
  const units: NamedUnit[] = [];
  const lines = shuffle(MAKER_LINES.filter(([, , served]) => shared(served, r.focus).length > 0));
  for (let k = 0; k < r.makers + r.operators; k++) {
    const [trade, tradeEn] = must(tradeNames.pop(), 'trade name');
    const [prefix, prefixEn] = k % 2 === 0 ? ['贵州', 'Guizhou'] : r.brand;
    if (k < r.makers) {
      const [line, lineEn, served, since] = must(lines[k % lines.length], 'maker line');
      const name = `${prefix}${trade}${line}${pick(COMPANY_SUFFIXES)}`;
      const nameEn = `${prefixEn} ${tradeEn} ${lineEn} Co., Ltd.`;
      const extra = served.length < 3 && chance(0.35) ? [pick(r.focus)] : [];
      units.push({
        type: 'MANUFACTURER',
        region: r.code,
        name,
        nameEn,
        industries: [...served, ...extra],
        founded: int(since, 2020),
      });
    } else {
      const [line, lineEn] = pick(OPERATOR_LINES);
      const name = `${prefix}${trade}${line}有限公司`;
      const nameEn = `${prefixEn} ${tradeEn} ${lineEn} Co., Ltd.`;
      const served = sample(r.focus, int(1, Math.min(3, r.focus.length)));
      units.push({
        type: 'PLATFORM_OPERATOR',
        region: r.code,
        name,
        nameEn,
        industries: served,
        founded: int(2008, 2018),
      });
    }
  }
  return units;
}

type EnterpriseRow = ReturnType<typeof enterpriseRow>;
type PlatformRow = ReturnType<typeof platformRow>;

function enterpriseRow(unit: NamedUnit, index: number) {
  const r = must(
    REGIONS.find((candidate) => candidate.code === unit.region),
    unit.region,
  );
  const county = pick(r.counties.filter(([code]) => !unit.county || code === unit.county));
  const publicBody = unit.type === 'UNIVERSITY' || unit.type === 'RESEARCH_INSTITUTE';
  const city = r.code === 'GUIAN' ? '贵安新区' : r.name;
  return {
    id: `ent-${pad(index + 1, 3)}`,
    credit_code: creditCode(publicBody ? '12' : '91', county[0]),
    name: unit.name,
    name_en: unit.nameEn,
    type: unit.type,
    region_code: r.code,
    industries: industries(unit.industries),
    address: `贵州省${city}${county[1]}${pick(ROADS)}${int(1, 399)}号`,
    contact_name: personName(),
    contact_phone: phone(r),
    founded_year: unit.founded,
  };
}

function buildEnterprises(): EnterpriseRow[] {
  const tradeNames = shuffle(TRADE_NAMES);
  const units = REGIONS.flatMap((r) => [
    ...NAMED_UNITS.filter((unit) => unit.region === r.code),
    ...generatedUnits(r, tradeNames),
  ]);
  return units.map(enterpriseRow);
}

function chooseOperator(plan: PlatformPlan, enterprises: EnterpriseRow[], platforms: PlatformRow[]): EnterpriseRow {
  const preference = OPERATOR_PREFERENCE[plan.kind];
  const rank = (e: EnterpriseRow) =>
    preference.indexOf(e.type) * 100 + platforms.filter((p) => p.operator_id === e.id).length;
  const candidates = enterprises.filter((e) => e.region_code === plan.region && preference.includes(e.type));
  return must(candidates.sort((a, b) => rank(a) - rank(b))[0], `operator for ${plan.name}`);
}

function platformRow(plan: PlatformPlan, operator: EnterpriseRow, index: number) {
  const audience = plan.name.startsWith('贵州') ? '全省' : REGIONS.find((r) => r.code === plan.region)?.name;
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
    website: `https://${plan.host}`,
    established_year: Math.max(int(2012, 2021), Math.min(2021, operator.founded_year + 1)),
  };
}

function buildPlatforms(enterprises: EnterpriseRow[]): PlatformRow[] {
  const rows: PlatformRow[] = [];
  for (const plan of PLATFORM_PLANS) rows.push(platformRow(plan, chooseOperator(plan, enterprises, rows), rows.length));
  return rows;
}

function buildCapabilities(platforms: PlatformRow[]): object[] {
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

function feeText(kind: InstrumentKind, owner: EnterpriseRow, mode: SharingMode): string {
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

/** A local platform to list an instrument on: first every platform gets two, then ~80% of the rest get one. */
function hostPlatform(local: PlatformRow[], tags: Industry[], hosted: Map<string, number>): PlatformRow | null {
  const needy = local.filter((p) => (hosted.get(p.id) ?? 0) < 2);
  const pool = needy.length > 0 ? needy : chance(0.8) ? local : [];
  if (pool.length === 0) return null;
  const best = Math.max(...pool.map((p) => shared(p.industries, tags).length));
  const platform = pick(pool.filter((p) => shared(p.industries, tags).length === best));
  hosted.set(platform.id, (hosted.get(platform.id) ?? 0) + 1);
  return platform;
}

function buildInstruments(enterprises: EnterpriseRow[], platforms: PlatformRow[]): object[] {
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
    const owners = shuffle(enterprises.filter((e) => e.region_code === r.code && e.type !== 'PLATFORM_OPERATOR'));
    const local = platforms.filter((p) => p.region_code === r.code);
    for (let k = 0; k < r.instruments; k++) {
      const id = `ins-${pad(rows.length + 1, 3)}`;
      const owner = must(owners[k % owners.length], `owner in ${r.code}`);
      const kind = pick(INSTRUMENT_KINDS.filter((c) => shared(c.industries, owner.industries).length > 0));
      const overlap = shared(kind.industries, owner.industries);
      const tags = industries(sample(overlap, int(1, Math.min(3, overlap.length))));
      const mode = must(modes[rows.length], 'sharing mode');
      const platform = hostPlatform(local, tags, hosted);
      const selfBuilt = kind.bench === true && chance(0.3);
      const [manufacturer, model, country] = selfBuilt
        ? [owner.name, `ZY-${int(100, 999)}`, '中国']
        : pick(kind.makers);
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
        customs_supervised: country !== '中国' && publicBody && chance(0.35),
        original_value: int(kind.value[0] * 100, kind.value[1] * 100) / 100,
        country,
        manufacturer,
        model,
        start_of_use: `${int(2008, 2024)}-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`,
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
        service_url: platform && mode !== 'NOT_SHARED' ? `${platform.website}/instruments/${id}` : null,
        sharing_mode: mode,
        address: `${owner.address}${pick(BUILDINGS)}${int(1, 5)}楼`,
        contact_name: personName(),
        contact_phone: phone(r),
        status: weighted(STATUS_WEIGHTS),
        region_code: r.code,
        industries: tags,
        owner_id: owner.id,
        owner_type: owner.type,
        platform_id: platform ? platform.id : null,
      });
    }
  }
  return rows;
}

function gradeOf(total: number): Grade {
  if (total >= 90) return 'EXCELLENT';
  if (total >= 85) return 'GOOD';
  if (total >= 60) return 'PASS';
  return 'POOR';
}

/** Draws indicator scores (in hundredths) until their weighted total earns the planned grade. */
function scoresFor(target: Grade): { scores: number[]; totalHundredths: number } {
  const [low, high] = SCORE_RANGE[target];
  for (let attempt = 0; attempt < 1000; attempt++) {
    const scores = INDICATORS.map(() => int(low, high));
    const weightedSum = scores.reduce((sum, score, i) => sum + score * must(INDICATORS[i], 'indicator').weight, 0);
    const totalHundredths = Math.floor((weightedSum + 50) / 100); // half away from zero; all values positive
    if (gradeOf(totalHundredths / 100) === target) return { scores, totalHundredths };
  }
  throw new Error(`could not draw scores for ${target}`);
}

function buildAssessments(platforms: PlatformRow[]): { assessment: object[]; assessment_score: object[] } {
  const assessment: object[] = [];
  const assessmentScore: object[] = [];
  for (const year of [2024, 2025]) {
    const plan = must(GRADE_PLAN[year], `grade plan ${year}`);
    platforms.forEach((platform, index) => {
      const letter = plan.charAt(index);
      if (letter === '-') return;
      const target = must(GRADE_LETTERS[letter], `grade letter ${letter}`);
      const { scores, totalHundredths } = scoresFor(target);
      const id = `asm-${year}-${platform.id.slice(4)}`;
      assessment.push({
        id,
        platform_id: platform.id,
        year,
        total: totalHundredths / 100,
        grade: target,
        assessed_on: `${year + 1}-03-${pad(int(5, 28), 2)}`,
        assessor_note: chance(0.7) ? pick(NOTES[target]) : null,
        region_code: platform.region_code,
      });
      INDICATORS.forEach((indicator, i) => {
        assessmentScore.push({
          assessment_id: id,
          indicator_code: indicator.code,
          score: must(scores[i], 'score') / 100,
        });
      });
    });
  }
  return { assessment, assessment_score: assessmentScore };
}

// ---------------------------------------------------------------------------------------------- main

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function writeSeed(subgraph: string, tables: Record<string, object[]>): void {
  const dir = join(root, 'subgraphs', subgraph, 'src', 'seed');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'demo-data.json'), `${JSON.stringify(tables, null, 2)}\n`);
  const counts = Object.entries(tables).map(([table, rows]) => `${table} ${rows.length}`);
  console.log(`${subgraph}: ${counts.join(', ')}`);
}

const enterprise = buildEnterprises();
const platform = buildPlatforms(enterprise);
writeSeed('enterprises', { region: buildRegions(), enterprise });
writeSeed('platforms', { platform, capability: buildCapabilities(platform) });
writeSeed('instruments', { instrument: buildInstruments(enterprise, platform) });
writeSeed('assessments', { indicator: INDICATORS, ...buildAssessments(platform) });
