/**
 * Amounts of a zone's limits — water and wastewater in t/day, metals in kg/year — as the API
 * sends them and as the database keeps them (one number per limit kind).
 */
import type { InputProblem } from '@gzequip/kit';
import type { AmountsInput, HeavyMetal } from '../__generated__/resolvers-types.ts';
import { AMOUNT_DECIMALS, LIMIT_KINDS, type LimitKind, METALS, PLANNING_LIMITS } from '../domain.ts';

/** Limit kind → amount; a kind left out is 0. */
export type Amounts = Partial<Record<LimitKind, number>>;

/** A plant's holding as the API gives it. */
export interface Allocation {
  waterTonsPerDay: number;
  wastewaterTonsPerDay: number;
  emissions: { metal: HeavyMetal; kgPerYear: number }[];
}

const SCALE = 10 ** AMOUNT_DECIMALS;

/** Rounded to the kept decimals, so that sums of stored amounts compare exactly. */
export function rounded(value: number): number {
  return Math.round(value * SCALE) / SCALE;
}

/** Whether a number has no more decimals than an amount keeps. */
function keptExactly(value: number): boolean {
  return Math.abs(value * SCALE - Math.round(value * SCALE)) < 1e-6;
}

/** Problems with one amount (`field` names it in errors), none when it is fine. */
export function amountProblems(value: number, field: string): InputProblem[] {
  if (!Number.isFinite(value) || value < 0) return [{ field, reason: `must be 0 or more, got ${value}` }];
  if (value > PLANNING_LIMITS.amount) return [{ field, reason: `must be at most ${PLANNING_LIMITS.amount}` }];
  if (!keptExactly(value)) return [{ field, reason: `has more than ${AMOUNT_DECIMALS} decimals: ${value}` }];
  return [];
}

/** `[{ metal, kgPerYear }]` as amounts by metal, each metal once. */
export function metalAmounts(
  entries: readonly { metal: HeavyMetal; kgPerYear: number }[] | null | undefined,
  field: string,
): { amounts: Amounts; problems: InputProblem[] } {
  const amounts: Amounts = {};
  const problems: InputProblem[] = [];
  (entries ?? []).forEach(({ metal, kgPerYear }, i) => {
    if (metal in amounts) problems.push({ field: `${field}[${i}].metal`, reason: `names ${metal} a second time` });
    problems.push(...amountProblems(kgPerYear, `${field}[${i}].kgPerYear`));
    amounts[metal] = kgPerYear;
  });
  return { amounts, problems };
}

/** An AmountsInput, checked: every amount 0 or more, at most three decimals, a metal once. */
export function parseAmounts(input: AmountsInput, field: string): { amounts: Amounts; problems: InputProblem[] } {
  const water = input.waterTonsPerDay ?? 0;
  const wastewater = input.wastewaterTonsPerDay ?? 0;
  const metals = metalAmounts(input.emissions, `${field}.emissions`);
  return {
    amounts: { WATER: water, WASTEWATER: wastewater, ...metals.amounts },
    problems: [
      ...amountProblems(water, `${field}.waterTonsPerDay`),
      ...amountProblems(wastewater, `${field}.wastewaterTonsPerDay`),
      ...metals.problems,
    ],
  };
}

export function amountOf(amounts: Amounts, kind: LimitKind): number {
  return amounts[kind] ?? 0;
}

/** The kinds with an amount above 0, in the limits' order. */
export function positiveKinds(amounts: Amounts): LimitKind[] {
  return LIMIT_KINDS.filter((kind) => amountOf(amounts, kind) > 0);
}

export function isEmpty(amounts: Amounts): boolean {
  return positiveKinds(amounts).length === 0;
}

export function plus(a: Amounts, b: Amounts): Amounts {
  return Object.fromEntries(LIMIT_KINDS.map((kind) => [kind, rounded(amountOf(a, kind) + amountOf(b, kind))]));
}

export function minus(a: Amounts, b: Amounts): Amounts {
  return Object.fromEntries(LIMIT_KINDS.map((kind) => [kind, rounded(amountOf(a, kind) - amountOf(b, kind))]));
}

/** The smaller of the two, kind by kind. */
export function atMost(a: Amounts, b: Amounts): Amounts {
  return Object.fromEntries(LIMIT_KINDS.map((kind) => [kind, Math.min(amountOf(a, kind), amountOf(b, kind))]));
}

/** Only the positive amounts, for storing and for the history (so equal holdings compare equal). */
export function compact(amounts: Amounts): Amounts {
  return Object.fromEntries(positiveKinds(amounts).map((kind) => [kind, amountOf(amounts, kind)]));
}

export function toAllocation(amounts: Amounts): Allocation {
  return {
    waterTonsPerDay: amountOf(amounts, 'WATER'),
    wastewaterTonsPerDay: amountOf(amounts, 'WASTEWATER'),
    emissions: METALS.filter((metal) => amountOf(amounts, metal) > 0).map((metal) => ({
      metal,
      kgPerYear: amountOf(amounts, metal),
    })),
  };
}

/** A jsonb or numeric-string record read back from the database as numbers. */
export function amountsFromStored(stored: Record<string, number | string> | string | null): Amounts {
  const record = typeof stored === 'string' ? (JSON.parse(stored) as Record<string, number | string>) : stored;
  return Object.fromEntries(
    Object.entries(record ?? {})
      .filter(([kind]) => (LIMIT_KINDS as readonly string[]).includes(kind))
      .map(([kind, value]) => [kind, Number(value)]),
  );
}
