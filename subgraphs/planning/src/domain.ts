/** The planning source's vocabulary; the SDL enums mirror it and the migration checks it. */

/** An enterprise's id as the enterprises subgraph gives them: a key, not a foreign key. */
export const ENTERPRISE_ID_PATTERN = '^ent-[0-9a-z]{1,32}$';

export const ZONE_STATUSES = ['PRIORITY', 'UNDER_STUDY', 'RESTRICTED'] as const;
export const PLANT_STATUSES = ['OPERATING', 'CLOSED'] as const;
export const PHASE_OUT_STATUSES = ['SCHEDULED', 'COMPLETED'] as const;

/** The first-class heavy metals a zone's quota caps (GB 21900-2008, table 1), in the API's order. */
export const METALS = [
  'LEAD',
  'MERCURY',
  'CADMIUM',
  'TOTAL_CHROMIUM',
  'HEXAVALENT_CHROMIUM',
  'ARSENIC',
  'NICKEL',
] as const;
export type Metal = (typeof METALS)[number];

/** Every limit of a zone: water and wastewater (t/day), then the metals (kg/year). */
export const LIMIT_KINDS = ['WATER', 'WASTEWATER', ...METALS] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

export function unitOf(kind: LimitKind): string {
  return kind === 'WATER' || kind === 'WASTEWATER' ? 't/day' : 'kg/year';
}

export const PLATING_PROCESSES = [
  'ZINC',
  'COPPER',
  'NICKEL',
  'DECORATIVE_CHROME',
  'HARD_CHROME',
  'CADMIUM',
  'TIN',
  'PRECIOUS_METAL',
  'ELECTROLESS_NICKEL',
  'ANODISING',
  'CONVERSION_COATING',
] as const;

export const PLANNING_LIMITS = {
  name: 100,
  note: 2000,
  controlUnit: 40,
  description: 500,
  basis: 500,
  linesPerProcess: 50,
  milestonePlatforms: 50,
  /** t/day or kg/year: far above any zone's, small enough for numeric(14,3). */
  amount: 1_000_000,
  areaHectares: 100_000,
} as const;

/** Amounts are kept to three decimals (1 kg/day, 1 g/year). */
export const AMOUNT_DECIMALS = 3;
