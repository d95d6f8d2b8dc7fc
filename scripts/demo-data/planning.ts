/**
 * The planning source's demo data: eight electroplating zones in seven prefectures and Gui'an —
 * priority zones beside the aviation, aerospace and automotive bases, zones under study, and two
 * restricted by ecological red lines — with capacities and heavy-metal quotas of the size such
 * zones are given; the plating plants of local manufacturers in them, with what they hold; the
 * backward capacity scheduled to go; and the regional platform layout plan's milestones (2022, the
 * action plan's horizon, from the department's planned layout; 2025 where it grows).
 *
 * A zone's allocated amounts are not written: the database sums them from the plants' holdings.
 */
import type { Enterprise } from './enterprises.ts';
import type { LayoutTargetRow } from './platformServices.ts';
import { regionOf } from './world.ts';

type Limits = [water: number, wastewater: number, metals: Partial<Record<Metal, number>>];
type Metal = 'LEAD' | 'MERCURY' | 'CADMIUM' | 'TOTAL_CHROMIUM' | 'HEXAVALENT_CHROMIUM' | 'ARSENIC' | 'NICKEL';
const METALS: readonly Metal[] = [
  'LEAD',
  'MERCURY',
  'CADMIUM',
  'TOTAL_CHROMIUM',
  'HEXAVALENT_CHROMIUM',
  'ARSENIC',
  'NICKEL',
];

interface ZoneSpec {
  id: string;
  name: string;
  nameEn: string;
  region: string;
  status: 'PRIORITY' | 'UNDER_STUDY' | 'RESTRICTED';
  area: number;
  controlUnit: string;
  note: string;
  limits: Limits;
}

// biome-ignore format: data table
const ZONES: readonly ZoneSpec[] = [
  { id: 'zone-01', name: '贵阳市白云区电镀集中区', nameEn: 'Baiyun Electroplating Cluster, Guiyang', region: '520100', status: 'PRIORITY', area: 32.5,
    controlUnit: 'ZH52011320002', note: '优先培育区：服务贵阳航空、数控机床和轴承企业，集中治污，园区污水处理厂设计规模3000吨/日。',
    limits: [3000, 2400, { LEAD: 40, MERCURY: 0.5, CADMIUM: 5, TOTAL_CHROMIUM: 900, HEXAVALENT_CHROMIUM: 150, ARSENIC: 2, NICKEL: 700 }] },
  { id: 'zone-02', name: '遵义市播州区表面处理产业园', nameEn: 'Bozhou Surface Treatment Park, Zunyi', region: '520300', status: 'PRIORITY', area: 18,
    controlUnit: 'ZH52032120003', note: '优先培育区：配套航天电器、输变电装备和液压件；水资源承载力偏紧，新增用水须先行论证。',
    limits: [1200, 960, { LEAD: 20, CADMIUM: 1, TOTAL_CHROMIUM: 600, HEXAVALENT_CHROMIUM: 100, NICKEL: 450 }] },
  { id: 'zone-03', name: '安顺市平坝区夏云电镀集中区', nameEn: 'Xiayun Electroplating Cluster, Pingba, Anshun', region: '520400', status: 'PRIORITY', area: 24,
    controlUnit: 'ZH52040320001', note: '优先培育区：民用航空产业基地配套，承接航空紧固件镀镉、阳极氧化等特种表面处理。',
    limits: [2200, 1760, { LEAD: 30, MERCURY: 0.3, CADMIUM: 12, TOTAL_CHROMIUM: 500, HEXAVALENT_CHROMIUM: 80, ARSENIC: 1, NICKEL: 400 }] },
  { id: 'zone-04', name: '贵安新区湖潮电镀集中区', nameEn: 'Huchao Electroplating Cluster, Gui\'an New Area', region: 'GUIAN', status: 'UNDER_STUDY', area: 15,
    controlUnit: 'ZH52900120004', note: '积极谋划推动区：布局研究中，待水资源论证和规划环评批复后转为优先培育区。',
    limits: [1500, 1200, { LEAD: 15, CADMIUM: 3, TOTAL_CHROMIUM: 300, HEXAVALENT_CHROMIUM: 50, NICKEL: 300 }] },
  { id: 'zone-05', name: '六盘水市钟山区电镀集聚区', nameEn: 'Zhongshan Electroplating Cluster, Liupanshui', region: '520200', status: 'UNDER_STUDY', area: 12,
    controlUnit: 'ZH52020120002', note: '积极谋划推动区：服务煤矿机械液压支架镀铬，环境容量论证中。',
    limits: [900, 720, { LEAD: 10, TOTAL_CHROMIUM: 400, HEXAVALENT_CHROMIUM: 60, NICKEL: 120 }] },
  { id: 'zone-06', name: '黔南州福泉市马场坪电镀集中区', nameEn: 'Machangping Electroplating Cluster, Fuquan, Qiannan', region: '522700', status: 'PRIORITY', area: 20,
    controlUnit: 'ZH52270220001', note: '优先培育区：配套专用汽车和数控机床，园区配套重金属废水分质处理设施。',
    limits: [1800, 1440, { LEAD: 25, CADMIUM: 2, TOTAL_CHROMIUM: 500, HEXAVALENT_CHROMIUM: 80, NICKEL: 350 }] },
  { id: 'zone-07', name: '铜仁市碧江区电镀点', nameEn: 'Bijiang Electroplating Site, Tongren', region: '520600', status: 'RESTRICTED', area: 6,
    controlUnit: 'ZH52060210001', note: '限制区：位于锦江流域优先保护单元，不再新增电镀产能，现有产能限期退出或入园。',
    limits: [400, 320, { LEAD: 5, TOTAL_CHROMIUM: 150, HEXAVALENT_CHROMIUM: 25, NICKEL: 60 }] },
  { id: 'zone-08', name: '毕节市七星关区电镀点', nameEn: 'Qixingguan Electroplating Site, Bijie', region: '520500', status: 'RESTRICTED', area: 5,
    controlUnit: 'ZH52050210002', note: '限制区：邻近饮用水水源保护区，禁止新建、扩建电镀项目，氰化镀锌等落后工艺限期淘汰。',
    limits: [350, 280, { LEAD: 5, TOTAL_CHROMIUM: 80, HEXAVALENT_CHROMIUM: 10, NICKEL: 40 }] },
];

type Process =
  | 'ZINC'
  | 'COPPER'
  | 'NICKEL'
  | 'DECORATIVE_CHROME'
  | 'HARD_CHROME'
  | 'CADMIUM'
  | 'TIN'
  | 'PRECIOUS_METAL'
  | 'ELECTROLESS_NICKEL'
  | 'ANODISING'
  | 'CONVERSION_COATING';

interface PlantSpec {
  id: string;
  zone: string;
  enterprise: string;
  name: string;
  lines: Partial<Record<Process, number>>;
  holds: Limits;
}

// biome-ignore format: data table
const PLANTS: readonly PlantSpec[] = [
  { id: 'plant-001', zone: 'zone-01', enterprise: 'ent-010', name: '金筑精密表面处理车间', lines: { ANODISING: 2, CADMIUM: 1, ELECTROLESS_NICKEL: 1 },
    holds: [350, 280, { CADMIUM: 1.2, TOTAL_CHROMIUM: 60, HEXAVALENT_CHROMIUM: 12, NICKEL: 45 }] },
  { id: 'plant-002', zone: 'zone-01', enterprise: 'ent-011', name: '红枫数控导轨镀铬车间', lines: { HARD_CHROME: 2, CONVERSION_COATING: 1 },
    holds: [280, 224, { TOTAL_CHROMIUM: 180, HEXAVALENT_CHROMIUM: 36 }] },
  { id: 'plant-003', zone: 'zone-01', enterprise: 'ent-012', name: '云帆轴承表面处理厂', lines: { ZINC: 2, CONVERSION_COATING: 2 },
    holds: [300, 240, { LEAD: 2.5, TOTAL_CHROMIUM: 20, HEXAVALENT_CHROMIUM: 4, NICKEL: 15 }] },
  { id: 'plant-004', zone: 'zone-02', enterprise: 'ent-028', name: '智远航天电子连接器镀金车间', lines: { PRECIOUS_METAL: 3, NICKEL: 2 },
    holds: [420, 336, { LEAD: 3, NICKEL: 160 }] },
  { id: 'plant-005', zone: 'zone-02', enterprise: 'ent-026', name: '娄山输变电母排镀锡镀锌车间', lines: { TIN: 2, ZINC: 1 },
    holds: [380, 304, { LEAD: 8, TOTAL_CHROMIUM: 15, HEXAVALENT_CHROMIUM: 3 }] },
  { id: 'plant-006', zone: 'zone-02', enterprise: 'ent-029', name: '贵鑫液压活塞杆镀铬厂', lines: { HARD_CHROME: 2 },
    holds: [300, 240, { TOTAL_CHROMIUM: 260, HEXAVALENT_CHROMIUM: 52 }] },
  { id: 'plant-007', zone: 'zone-03', enterprise: 'ent-037', name: '中黔紧固件镀镉镀锌厂', lines: { CADMIUM: 2, ZINC: 2, CONVERSION_COATING: 1 },
    holds: [520, 416, { CADMIUM: 6.5, TOTAL_CHROMIUM: 45, HEXAVALENT_CHROMIUM: 9, NICKEL: 20 }] },
  { id: 'plant-008', zone: 'zone-03', enterprise: 'ent-035', name: '拓新航空零部件阳极氧化车间', lines: { ANODISING: 3, CADMIUM: 1 },
    holds: [360, 288, { CADMIUM: 3, TOTAL_CHROMIUM: 70, HEXAVALENT_CHROMIUM: 14 }] },
  { id: 'plant-009', zone: 'zone-03', enterprise: 'ent-034', name: '安航轴承磷化车间', lines: { CONVERSION_COATING: 2 },
    holds: [150, 120, { NICKEL: 8 }] },
  { id: 'plant-010', zone: 'zone-04', enterprise: 'ent-062', name: '星火精密特种表面处理车间', lines: { CADMIUM: 1, ANODISING: 1 },
    holds: [200, 160, { CADMIUM: 1.5, TOTAL_CHROMIUM: 40, HEXAVALENT_CHROMIUM: 8 }] },
  { id: 'plant-011', zone: 'zone-05', enterprise: 'ent-019', name: '远航液压支架镀铬厂', lines: { HARD_CHROME: 3 },
    holds: [380, 304, { TOTAL_CHROMIUM: 220, HEXAVALENT_CHROMIUM: 40 }] },
  { id: 'plant-012', zone: 'zone-06', enterprise: 'ent-056', name: '精诚专用汽车涂装前处理及镀锌车间', lines: { ZINC: 2, CONVERSION_COATING: 2 },
    holds: [420, 336, { LEAD: 4, TOTAL_CHROMIUM: 30, HEXAVALENT_CHROMIUM: 6, NICKEL: 25 }] },
  { id: 'plant-013', zone: 'zone-06', enterprise: 'ent-057', name: '博远数控导轨镀铬车间', lines: { HARD_CHROME: 1, NICKEL: 1 },
    holds: [200, 160, { TOTAL_CHROMIUM: 90, HEXAVALENT_CHROMIUM: 18, NICKEL: 40 }] },
  { id: 'plant-014', zone: 'zone-07', enterprise: 'ent-045', name: '宏锐液压镀铬车间', lines: { HARD_CHROME: 2 },
    holds: [260, 208, { TOTAL_CHROMIUM: 120, HEXAVALENT_CHROMIUM: 22 }] },
  { id: 'plant-015', zone: 'zone-08', enterprise: 'ent-041', name: '盛华专用汽车镀锌车间', lines: { ZINC: 2 },
    holds: [240, 192, { LEAD: 3, TOTAL_CHROMIUM: 40, HEXAVALENT_CHROMIUM: 8 }] },
];

interface PhaseOutSpec {
  id: string;
  plant: string;
  description: string;
  process: Process | null;
  lines: number;
  deadline: string;
  completedOn: string | null;
  releases: Limits;
}

// biome-ignore format: data table
const PHASE_OUTS: readonly PhaseOutSpec[] = [
  { id: 'pho-001', plant: 'plant-003', description: '含氰镀铜线1条（已拆除）', process: 'COPPER', lines: 1, deadline: '2026-06-30', completedOn: '2026-05-20',
    releases: [60, 48, { LEAD: 0.5 }] },
  { id: 'pho-002', plant: 'plant-014', description: '手工硬铬线2条，退出后入园铜仁市外优先培育区', process: 'HARD_CHROME', lines: 2, deadline: '2025-12-31', completedOn: null,
    releases: [260, 208, { TOTAL_CHROMIUM: 120, HEXAVALENT_CHROMIUM: 22 }] },
  { id: 'pho-003', plant: 'plant-015', description: '氰化镀锌线1条', process: 'ZINC', lines: 1, deadline: '2027-06-30', completedOn: null,
    releases: [120, 96, { LEAD: 1.5, TOTAL_CHROMIUM: 20, HEXAVALENT_CHROMIUM: 4 }] },
  { id: 'pho-004', plant: 'plant-007', description: '手工挂镀镉线1条，改为自动线', process: 'CADMIUM', lines: 1, deadline: '2027-12-31', completedOn: null,
    releases: [80, 64, { CADMIUM: 2 }] },
];

/** Milestones of the layout plan beyond the action plan's horizon: region, industry, platforms by 2025, why. */
// biome-ignore format: data table
const GROWTH_2025: readonly [string, LayoutTargetRow['industry'], number, string][] = [
  ['520100', 'INDUSTRIAL_ROBOTS', 3, '贵阳市智能制造示范工厂增多，2025年前增设工业机器人检测认证平台一个。'],
  ['520300', 'AEROSPACE', 3, '遵义市航天电器产能扩大，2025年前增设航天电子可靠性试验平台一个。'],
  ['520400', 'AVIATION', 3, '安顺市航空产业城扩建，2025年前增设航空复合材料检测平台一个。'],
  ['GUIAN', 'INDUSTRIAL_ROBOTS', 1, '贵安新区引进工业机器人整机企业，2025年前规划机器人应用创新平台一个。'],
  ['522300', 'ENGINEERING_MINING_MACHINERY', 1, '黔西南州智能矿山装备起步，2025年前规划矿山装备检测平台一个。'],
];

const entries = (limits: Limits): [string, number][] => [
  ['WATER', limits[0]],
  ['WASTEWATER', limits[1]],
  ...METALS.map((metal): [string, number] => [metal, limits[2][metal] ?? 0]),
];

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`planning demo data: ${what}`);
  return value;
}

export function buildPlanning(
  enterprises: readonly Enterprise[],
  layout: readonly LayoutTargetRow[],
): Record<string, object[]> {
  const zone = ZONES.map((z) => {
    regionOf(z.region); // a region of the registry, or it throws
    return {
      id: z.id,
      name: z.name,
      name_en: z.nameEn,
      region_code: z.region,
      status: z.status,
      area_hectares: z.area,
      control_unit: z.controlUnit,
      note: z.note,
    };
  });
  const zone_limit = ZONES.flatMap((z) =>
    entries(z.limits).map(([kind, capacity]) => ({ zone_id: z.id, kind, capacity })),
  );
  const plant = PLANTS.map((p) => {
    const zoneSpec = must(
      ZONES.find((z) => z.id === p.zone),
      `${p.id} is in no zone`,
    );
    const owner = must(
      enterprises.find((e) => e.id === p.enterprise),
      `${p.id}'s enterprise ${p.enterprise} is not in the registry`,
    );
    // A plant runs in its operator's prefecture (Gui'an's plants in Gui'an).
    if (owner.type !== 'MANUFACTURER' || owner.region_code !== zoneSpec.region) {
      throw new Error(`planning demo data: ${p.id} is run by ${owner.id}, not a manufacturer of ${zoneSpec.region}`);
    }
    return {
      id: p.id,
      zone_id: p.zone,
      enterprise_id: p.enterprise,
      name: p.name,
      status: 'OPERATING',
      process_lines: JSON.stringify(Object.entries(p.lines).map(([process, lines]) => ({ process, lines }))),
    };
  });
  const plant_allocation = PLANTS.flatMap((p) =>
    entries(p.holds)
      .filter(([, amount]) => amount > 0)
      .map(([kind, amount]) => ({ plant_id: p.id, zone_id: p.zone, kind, amount })),
  );
  // Every zone keeps its plants' holdings within its limits, as the database insists.
  for (const z of ZONES) {
    for (const [kind, capacity] of entries(z.limits)) {
      const held = plant_allocation
        .filter((a) => a.zone_id === z.id && a.kind === kind)
        .reduce((sum, a) => sum + a.amount, 0);
      if (held > capacity) throw new Error(`planning demo data: ${z.id} holds ${held} of ${kind}, over ${capacity}`);
    }
  }
  const phase_out = PHASE_OUTS.map((o) => ({
    id: o.id,
    plant_id: o.plant,
    description: o.description,
    process: o.process,
    lines: o.lines,
    deadline: o.deadline,
    status: o.completedOn ? 'COMPLETED' : 'SCHEDULED',
    completed_on: o.completedOn,
    releases: JSON.stringify(Object.fromEntries(entries(o.releases).filter(([, amount]) => amount > 0))),
  }));
  const milestone = (region: string, industry: string, year: number, platforms: number, basis: string) => ({
    id: `${region}-${industry}-${year}`,
    region_code: region,
    industry,
    year,
    platforms,
    basis,
  });
  const layout_milestone = [
    ...layout.map((t) => milestone(t.region_code, t.industry, 2022, t.platforms_expected, t.basis)),
    ...GROWTH_2025.map(([region, industry, platforms, basis]) => milestone(region, industry, 2025, platforms, basis)),
  ].sort((a, b) => a.id.localeCompare(b.id));
  return { zone, zone_limit, plant, plant_allocation, phase_out, layout_milestone };
}
