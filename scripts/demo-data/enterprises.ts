/**
 * The enterprise registry's demo data: regions, and enterprises and institutions with valid
 * credit codes. Universities, institutes and testing bodies are named one by one (in the county
 * their name names); manufacturers and platform operators are generated, with trade names that
 * belong to their region and lines of business that decide which instruments they own.
 */
import {
  AS,
  AU,
  AV,
  cityOf,
  countyOf,
  creditCode,
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
  type Region,
  regionOf,
  sample,
  shared,
  shuffle,
} from './world.ts';

interface Unit {
  type: EnterpriseType;
  region: string;
  county?: string;
  name: string;
  nameEn: string;
  industries: readonly Industry[];
  founded: number;
  /** A manufacturer's line of business (a key of MAKER_LINES). */
  line?: string;
}

// biome-ignore format: data table
const NAMED_UNITS: readonly Unit[] = [
  { type: 'UNIVERSITY', region: '520100', county: '520111', name: '贵州大学', nameEn: 'Guizhou University', industries: [AV, AU, EM, PE], founded: 1958 },
  { type: 'UNIVERSITY', region: '520100', county: '520103', name: '贵州理工学院', nameEn: 'Guizhou Institute of Technology', industries: [AV, AS, EM, IR], founded: 2013 },
  { type: 'UNIVERSITY', region: '520200', county: '520201', name: '六盘水师范学院', nameEn: 'Liupanshui Normal University', industries: [EM, PE], founded: 2009 },
  { type: 'UNIVERSITY', region: '520300', county: '520302', name: '遵义师范学院', nameEn: 'Zunyi Normal University', industries: [AS, AU, PE], founded: 2001 },
  { type: 'UNIVERSITY', region: '520600', county: '520602', name: '铜仁学院', nameEn: 'Tongren University', industries: [PE, AU], founded: 2006 },
  { type: 'UNIVERSITY', region: '522700', county: '522701', name: '黔南民族师范学院', nameEn: 'Qiannan Normal University for Nationalities', industries: [IR, EM], founded: 1997 },
  { type: 'RESEARCH_INSTITUTE', region: '520100', county: '520115', name: '贵州省装备制造技术研究院', nameEn: 'Guizhou Institute of Equipment Manufacturing Technology', industries: [AV, AU, EM, IR], founded: 1965 },
  { type: 'RESEARCH_INSTITUTE', region: '520100', county: '520102', name: '贵州省电力装备工程技术研究所', nameEn: 'Guizhou Power Equipment Engineering Research Institute', industries: [PE, IR], founded: 1979 },
  { type: 'RESEARCH_INSTITUTE', region: '520100', county: '520103', name: '贵阳市精密测量与计量技术研究所', nameEn: 'Guiyang Institute of Precision Measurement and Metrology', industries: [AV, AS, AU], founded: 1972 },
  { type: 'RESEARCH_INSTITUTE', region: '520300', county: '520303', name: '遵义市航天电子技术应用研究所', nameEn: 'Zunyi Institute of Aerospace Electronics Applications', industries: [AS, PE], founded: 1970 },
  { type: 'RESEARCH_INSTITUTE', region: '520400', county: '520403', name: '安顺市航空材料与工艺研究所', nameEn: 'Anshun Institute of Aviation Materials and Processes', industries: [AV, AS], founded: 1968 },
  { type: 'RESEARCH_INSTITUTE', region: '522600', county: '522601', name: '黔东南州机电技术研究所', nameEn: 'Qiandongnan Institute of Electromechanical Technology', industries: [AS, AU, EM], founded: 1983 },
  { type: 'RESEARCH_INSTITUTE', region: 'GUIAN', county: '520111', name: '贵安新区智能制造研究院', nameEn: "Gui'an Institute of Intelligent Manufacturing", industries: [IR, AU, PE], founded: 2016 },
  { type: 'RESEARCH_INSTITUTE', region: 'GUIAN', county: '520181', name: '贵安新区增材制造与新材料研究院', nameEn: "Gui'an Institute of Additive Manufacturing and Advanced Materials", industries: [AV, AS, IR], founded: 2018 },
  { type: 'TESTING_INSTITUTION', region: '520100', county: '520115', name: '贵州黔测检验检测技术有限公司', nameEn: 'Guizhou Qiance Inspection and Testing Technology Co., Ltd.', industries: [AV, AU, EM], founded: 2009 },
  { type: 'TESTING_INSTITUTION', region: '520100', county: '520113', name: '贵阳筑标计量检测有限公司', nameEn: 'Guiyang Zhubiao Metrology and Testing Co., Ltd.', industries: [PE, IR], founded: 2012 },
  { type: 'TESTING_INSTITUTION', region: '520300', county: '520303', name: '遵义航天电器检测中心有限公司', nameEn: 'Zunyi Aerospace Electrical Testing Centre Co., Ltd.', industries: [AS, PE], founded: 1998 },
  { type: 'TESTING_INSTITUTION', region: '520300', county: '520304', name: '遵义汽车零部件质量检测有限公司', nameEn: 'Zunyi Auto Parts Quality Testing Co., Ltd.', industries: [AU], founded: 2011 },
  { type: 'TESTING_INSTITUTION', region: '520400', county: '520403', name: '安顺航空产品检测技术有限公司', nameEn: 'Anshun Aviation Product Testing Technology Co., Ltd.', industries: [AV, AS], founded: 2006 },
  { type: 'TESTING_INSTITUTION', region: '520500', county: '520502', name: '毕节矿用设备安全检测有限公司', nameEn: 'Bijie Mining Equipment Safety Testing Co., Ltd.', industries: [EM, PE], founded: 2010 },
  { type: 'TESTING_INSTITUTION', region: '522300', county: '522301', name: '兴义电力设备试验检测有限公司', nameEn: 'Xingyi Power Equipment Testing Co., Ltd.', industries: [PE], founded: 2013 },
  { type: 'TESTING_INSTITUTION', region: 'GUIAN', county: '520181', name: '贵安智造检验检测认证有限公司', nameEn: "Gui'an Zhizao Testing and Certification Co., Ltd.", industries: [IR, PE, AU], founded: 2017 },
];

/**
 * Trade names (字号) for generated companies, each used once. One that names a place (a mountain,
 * a river, a city's nickname) goes only to a company of the regions it belongs to.
 */
// biome-ignore format: data table
export const TRADE_NAMES: readonly (readonly [string, string, (readonly string[])?])[] = [
  ['黔航', 'Qianhang'], ['筑星', 'Zhuxing', ['520100', 'GUIAN']], ['华睿', 'Huarui'], ['宏锐', 'Hongrui'],
  ['精诚', 'Jingcheng'], ['乌江', 'Wujiang', ['520300', '520600', '520100']], ['红枫', 'Hongfeng', ['520100', 'GUIAN']],
  ['苗岭', 'Miaoling', ['522600', '522700']], ['娄山', 'Loushan', ['520300']], ['赤水', 'Chishui', ['520300']],
  ['梵净', 'Fanjing', ['520600']], ['黔能', 'Qianneng'], ['星火', 'Xinghuo'], ['航宇', 'Hangyu'], ['永固', 'Yonggu'],
  ['博远', 'Boyuan'], ['众鑫', 'Zhongxin'], ['拓新', 'Tuoxin'], ['天驰', 'Tianchi'], ['金筑', 'Jinzhu', ['520100', 'GUIAN']],
  ['凯达', 'Kaida'], ['鼎盛', 'Dingsheng'], ['锐驰', 'Ruichi'], ['安航', 'Anhang', ['520400']], ['瑞丰', 'Ruifeng'],
  ['泰和', 'Taihe'], ['凉都', 'Liangdu', ['520200']], ['黔锋', 'Qianfeng'], ['清源', 'Qingyuan'], ['远航', 'Yuanhang'],
  ['恒达', 'Hengda'], ['新黔', 'Xinqian'], ['兴黔', 'Xingqian'], ['贵鑫', 'Guixin'], ['中黔', 'Zhongqian'],
  ['盛华', 'Shenghua'], ['明德', 'Mingde'], ['九鼎', 'Jiuding'], ['联创', 'Lianchuang'], ['智远', 'Zhiyuan'],
  ['启航', 'Qihang'], ['百川', 'Baichuan'], ['云帆', 'Yunfan'], ['达创', 'Dachuang'], ['黔智', 'Qianzhi'],
];

/**
 * What a manufacturer makes: its line (the words after its trade name, and the key instruments
 * are matched on), the industries that puts it in, and the earliest plausible founding year
 * (third-front plants from the 1960s; new energy and robotics only recently).
 */
// biome-ignore format: data table
export const MAKER_LINES: readonly (readonly [line: string, lineEn: string, served: readonly Industry[], since: number])[] = [
  ['精密制造', 'Precision Manufacturing', [AV, AS], 1965], ['航空零部件', 'Aviation Components', [AV], 1966],
  ['航空锻造', 'Aero Forging', [AV, AS], 1966], ['航天精密电子', 'Aerospace Precision Electronics', [AS], 1966],
  ['微特电机', 'Micro Motor', [AS, IR], 1970], ['汽车零部件', 'Auto Parts', [AU], 1980],
  ['新能源汽车', 'New Energy Vehicle', [AU], 2012], ['专用汽车', 'Special Vehicle', [AU, EM], 1985],
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

export interface EnterpriseRow {
  id: string;
  credit_code: string;
  name: string;
  name_en: string;
  type: EnterpriseType;
  region_code: string;
  industries: Industry[];
  address: string;
  contact_name: string;
  contact_phone: string;
  founded_year: number;
}

/** A row with what the other generators need to know of it (its county, a manufacturer's line). */
export interface Enterprise extends EnterpriseRow {
  county: string;
  line: string | null;
}

export function buildRegions(): object[] {
  return REGIONS.map((r) => ({
    code: r.code,
    name: r.name,
    name_en: r.nameEn,
    parent_code: r.code === 'GUIAN' ? '520100' : null,
    kind: r.code === 'GUIAN' ? 'NEW_AREA' : 'PREFECTURE',
  }));
}

/** A region's generated manufacturers and platform operators, each taking a trade name of its own. */
function generatedUnits(r: Region, tradeNames: (readonly [string, string, (readonly string[])?])[]): Unit[] {
  const units: Unit[] = [];
  const lines = shuffle(MAKER_LINES.filter(([, , served]) => shared(served, r.focus).length > 0));
  for (let k = 0; k < r.makers + r.operators; k++) {
    const at = tradeNames.findIndex(([, , places]) => !places || places.includes(r.code));
    const [trade, tradeEn] = must(tradeNames.splice(at, 1)[0], 'trade name');
    const [prefix, prefixEn] = k % 2 === 0 ? ['贵州', 'Guizhou'] : r.brand;
    if (k < r.makers) {
      const [line, lineEn, served, since] = must(lines[k % lines.length], 'maker line');
      units.push({
        type: 'MANUFACTURER',
        region: r.code,
        name: `${prefix}${trade}${line}${pick(COMPANY_SUFFIXES)}`,
        nameEn: `${prefixEn} ${tradeEn} ${lineEn} Co., Ltd.`,
        industries: served,
        founded: int(since, 2020),
        line,
      });
    } else {
      const [line, lineEn] = pick(OPERATOR_LINES);
      units.push({
        type: 'PLATFORM_OPERATOR',
        region: r.code,
        name: `${prefix}${trade}${line}有限公司`,
        nameEn: `${prefixEn} ${tradeEn} ${lineEn} Co., Ltd.`,
        industries: sample(r.focus, int(1, Math.min(3, r.focus.length))),
        founded: int(2008, 2018),
      });
    }
  }
  return units;
}

function enterpriseOf(unit: Unit, index: number): Enterprise {
  const r = regionOf(unit.region);
  const place = countyOf(r, unit.county);
  const publicBody = unit.type === 'UNIVERSITY' || unit.type === 'RESEARCH_INSTITUTE';
  return {
    id: `ent-${pad(index + 1, 3)}`,
    credit_code: creditCode(publicBody ? '12' : '91', place.code),
    name: unit.name,
    name_en: unit.nameEn,
    type: unit.type,
    region_code: r.code,
    industries: industries(unit.industries),
    address: `贵州省${cityOf(r)}${place.name}${pick(place.streets)}${int(1, 399)}号`,
    contact_name: personName(),
    contact_phone: phone(r),
    founded_year: unit.founded,
    county: place.code,
    line: unit.line ?? null,
  };
}

export function buildEnterprises(): Enterprise[] {
  const tradeNames = shuffle(TRADE_NAMES);
  // Place-bound names first, so that their regions get them before general ones run out.
  tradeNames.sort((a, b) => Number(!a[2]) - Number(!b[2]));
  const units = REGIONS.flatMap((r) => [
    ...NAMED_UNITS.filter((unit) => unit.region === r.code),
    ...generatedUnits(r, tradeNames),
  ]);
  return units.map(enterpriseOf);
}

/** The row as the enterprises subgraph stores it. */
export function enterpriseRow({ county: _county, line: _line, ...row }: Enterprise): EnterpriseRow {
  return row;
}
