/**
 * What a use of an instrument costs, in integer fen: the rate of the user's price group, per hour
 * of time used or per sample, never less than the group's minimum charge. Pure, so that the demo
 * data and the write path charge alike.
 */

export type PriceGroup = 'OWN_UNIT' | 'IN_PROVINCE_SME' | 'OTHER';
export type ChargeUnit = 'HOUR' | 'SAMPLE';

export interface Price {
  group: PriceGroup;
  unit: ChargeUnit;
  rateFen: number;
  minimumChargeFen: number;
}

/** Per hour: the minutes used at the hourly rate, rounded to the fen. Per sample: the samples. */
export function chargeFen(price: Omit<Price, 'group'>, usedMinutes: number, samples: number | null): number {
  const amount =
    price.unit === 'HOUR' ? Math.round((price.rateFen * usedMinutes) / 60) : price.rateFen * Math.max(samples ?? 1, 1);
  return Math.max(amount, price.minimumChargeFen);
}

/**
 * The price group of a requesting unit: the owner's own unit; an enterprise registered in Guizhou
 * (its credit code's registering authority is industry and commerce, 9, and its division code
 * starts with 52); or anyone else. The registry of enterprises does not yet say which are small or
 * medium, so every in-province enterprise gets the SME group.
 */
export function priceGroupOf(requesterId: string, ownerId: string, requesterCreditCode: string | null): PriceGroup {
  if (requesterId === ownerId) return 'OWN_UNIT';
  if (requesterCreditCode?.startsWith('9') && requesterCreditCode.slice(2, 4) === '52') return 'IN_PROVINCE_SME';
  return 'OTHER';
}
