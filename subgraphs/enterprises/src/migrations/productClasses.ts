/**
 * The classes of equipment the demand survey and the makers' products are filed under: groups
 * (two letters) and classes (the group and two digits), each with the key industry it mostly
 * serves. Data, not code: the migration loads it into `product_class`.
 */
import type { Industry } from '../__generated__/resolvers-types.ts';

export interface ProductClassRow {
  code: string;
  name: string;
  name_en: string;
  industry: Industry | null;
}

export const PRODUCT_GROUPS: ProductClassRow[] = [
  { code: 'MT', name: '数控机床', name_en: 'CNC machine tools', industry: null },
  { code: 'AV', name: '航空装备及零部件', name_en: 'Aviation equipment and parts', industry: 'AVIATION' },
  { code: 'AS', name: '航天装备及零部件', name_en: 'Aerospace equipment and parts', industry: 'AEROSPACE' },
  { code: 'AU', name: '汽车及零部件', name_en: 'Vehicles and parts', industry: 'AUTOMOTIVE' },
  {
    code: 'EM',
    name: '工程及矿山机械',
    name_en: 'Engineering and mining machinery',
    industry: 'ENGINEERING_MINING_MACHINERY',
  },
  { code: 'PE', name: '电力装备', name_en: 'Power equipment', industry: 'POWER_EQUIPMENT' },
  {
    code: 'IR',
    name: '工业机器人及智能装备',
    name_en: 'Industrial robots and intelligent equipment',
    industry: 'INDUSTRIAL_ROBOTS',
  },
];

export const PRODUCT_CLASSES: ProductClassRow[] = [
  { code: 'MT01', name: '五轴联动加工中心', name_en: 'Five-axis machining centre', industry: 'AVIATION' },
  { code: 'MT02', name: '立式加工中心', name_en: 'Vertical machining centre', industry: 'AUTOMOTIVE' },
  { code: 'MT03', name: '数控车床', name_en: 'CNC lathe', industry: 'AUTOMOTIVE' },
  { code: 'MT04', name: '数控磨床', name_en: 'CNC grinding machine', industry: 'AUTOMOTIVE' },
  { code: 'AV01', name: '航空锻件', name_en: 'Aviation forgings', industry: 'AVIATION' },
  { code: 'AV02', name: '航空紧固件', name_en: 'Aviation fasteners', industry: 'AVIATION' },
  { code: 'AV03', name: '航空液压元件', name_en: 'Aviation hydraulic components', industry: 'AVIATION' },
  { code: 'AS01', name: '航天电连接器', name_en: 'Aerospace electrical connectors', industry: 'AEROSPACE' },
  { code: 'AS02', name: '航天精密结构件', name_en: 'Aerospace precision structural parts', industry: 'AEROSPACE' },
  { code: 'AU01', name: '专用汽车', name_en: 'Special-purpose vehicles', industry: 'AUTOMOTIVE' },
  { code: 'AU02', name: '汽车发动机零部件', name_en: 'Engine parts', industry: 'AUTOMOTIVE' },
  { code: 'AU03', name: '汽车轴承', name_en: 'Automotive bearings', industry: 'AUTOMOTIVE' },
  { code: 'EM01', name: '液压支架', name_en: 'Hydraulic roof supports', industry: 'ENGINEERING_MINING_MACHINERY' },
  { code: 'EM02', name: '掘进机', name_en: 'Roadheaders', industry: 'ENGINEERING_MINING_MACHINERY' },
  { code: 'EM03', name: '装载机', name_en: 'Wheel loaders', industry: 'ENGINEERING_MINING_MACHINERY' },
  { code: 'EM04', name: '液压油缸', name_en: 'Hydraulic cylinders', industry: 'ENGINEERING_MINING_MACHINERY' },
  { code: 'PE01', name: '变压器', name_en: 'Transformers', industry: 'POWER_EQUIPMENT' },
  { code: 'PE02', name: '高压开关设备', name_en: 'High-voltage switchgear', industry: 'POWER_EQUIPMENT' },
  { code: 'PE03', name: '电线电缆', name_en: 'Wires and cables', industry: 'POWER_EQUIPMENT' },
  { code: 'IR01', name: '工业机器人', name_en: 'Industrial robots', industry: 'INDUSTRIAL_ROBOTS' },
  { code: 'IR02', name: '智能检测装备', name_en: 'Intelligent inspection equipment', industry: 'INDUSTRIAL_ROBOTS' },
  { code: 'IR03', name: '自动化生产线', name_en: 'Automated production lines', industry: 'INDUSTRIAL_ROBOTS' },
];
