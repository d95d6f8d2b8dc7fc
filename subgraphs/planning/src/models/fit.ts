/**
 * "Does a new plant fit?": a zone's limits against what a plant asks of them. Pure, so that the
 * read-only check and the allocation inside its transaction decide by the same rule.
 */
import type { HeavyMetal } from '../__generated__/resolvers-types.ts';
import { LIMIT_KINDS, type LimitKind, type Metal, unitOf } from '../domain.ts';
import { type Amounts, amountOf, rounded } from './amounts.ts';

/** One of a zone's limits. */
export interface ZoneLimit {
  zoneId: string;
  kind: LimitKind;
  metal: HeavyMetal | null;
  unit: string;
  capacity: number;
  allocated: number;
  remaining: number;
}

export interface Headroom extends Omit<ZoneLimit, 'zoneId'> {
  requested: number;
  headroom: number;
  headroomShare: number | null;
  fits: boolean;
}

export interface PlantFit {
  zoneId: string;
  fits: boolean;
  reason: string | null;
  binding: Headroom | null;
  headroom: Headroom[];
}

export function toZoneLimit(zoneId: string, kind: LimitKind, capacity: number, allocated: number): ZoneLimit {
  return {
    zoneId,
    kind,
    metal: kind === 'WATER' || kind === 'WASTEWATER' ? null : (kind as Metal),
    unit: unitOf(kind),
    capacity,
    allocated,
    remaining: rounded(capacity - allocated),
  };
}

/**
 * Each limit against the request, in the limits' order. The binding limit is the one the plant
 * draws on with the least headroom left as a share of its capacity (a limit of 0 that is asked
 * for ranks below every other): the first to fail, or the tightest when all fit.
 */
export function fitOf(
  zone: { id: string; status: string },
  limits: readonly ZoneLimit[],
  requested: Amounts,
): PlantFit {
  const byKind = new Map(limits.map((limit) => [limit.kind, limit]));
  const headroom = LIMIT_KINDS.map((kind): Headroom => {
    const { zoneId: _zone, ...limit } = byKind.get(kind) ?? toZoneLimit(zone.id, kind, 0, 0);
    const asked = amountOf(requested, kind);
    const left = rounded(limit.remaining - asked);
    return {
      ...limit,
      requested: asked,
      headroom: left,
      headroomShare: limit.capacity > 0 ? Math.round((left / limit.capacity) * 10_000) / 10_000 : null,
      fits: left >= 0,
    };
  });
  const drawn = headroom.filter((h) => h.requested > 0);
  const rank = (h: Headroom) => h.headroomShare ?? Number.NEGATIVE_INFINITY;
  const binding = drawn.reduce<Headroom | null>(
    (tightest, h) => (!tightest || rank(h) < rank(tightest) ? h : tightest),
    null,
  );
  const over = headroom.filter((h) => !h.fits);
  const reasons: string[] = [];
  if (zone.status !== 'PRIORITY') {
    reasons.push(`zone ${zone.id} is ${zone.status}: only PRIORITY zones take new plants or larger allocations`);
  }
  if (over.length > 0) {
    reasons.push(
      `it would overdraw ${over
        .map((h) => `${h.kind} (asks ${h.requested} ${h.unit}, ${h.remaining} left)`)
        .join(', ')}`,
    );
  }
  return {
    zoneId: zone.id,
    fits: reasons.length === 0,
    reason: reasons.length > 0 ? reasons.join('; ') : null,
    binding,
    headroom,
  };
}
