import { describe, expect, it } from 'vitest';
import { atMost, minus, parseAmounts, plus, toAllocation } from '../src/models/amounts.ts';
import { fitOf, toZoneLimit } from '../src/models/fit.ts';
import { plannedBy } from '../src/models/layout.ts';

const zone = { id: 'zone-t', status: 'PRIORITY' };
const limits = [
  toZoneLimit('zone-t', 'WATER', 1000, 900),
  toZoneLimit('zone-t', 'WASTEWATER', 800, 400),
  toZoneLimit('zone-t', 'CADMIUM', 2, 1.5),
  toZoneLimit('zone-t', 'NICKEL', 100, 0),
];

describe('a fit check', () => {
  it('shows every limit, zero where the zone has none, with what is left after the plant', () => {
    const fit = fitOf(zone, limits, { WATER: 50, CADMIUM: 0.25 });
    expect(fit.fits).toBe(true);
    expect(fit.reason).toBeNull();
    expect(fit.headroom).toHaveLength(9);
    expect(fit.headroom.find((h) => h.kind === 'LEAD')).toMatchObject({
      capacity: 0,
      remaining: 0,
      headroom: 0,
      fits: true,
    });
    expect(fit.headroom.find((h) => h.kind === 'WATER')).toMatchObject({
      requested: 50,
      headroom: 50,
      headroomShare: 0.05,
    });
  });

  it('binds on the limit with the least room left as a share of it, among those the plant draws on', () => {
    // Water leaves 50 of 1,000 (5%), cadmium 0.25 of 2 (12.5%): water binds, though cadmium has less in absolute terms.
    expect(fitOf(zone, limits, { WATER: 50, CADMIUM: 0.25 }).binding?.kind).toBe('WATER');
    // Nickel is untouched but tighter limits are not drawn on: only what the plant asks for can bind.
    expect(fitOf(zone, limits, { NICKEL: 90 }).binding).toMatchObject({ kind: 'NICKEL', headroomShare: 0.1 });
    expect(fitOf(zone, limits, {}).binding).toBeNull();
  });

  it('fails on every limit the plant would overdraw, the worst binding, and names them', () => {
    const fit = fitOf(zone, limits, { WATER: 150, CADMIUM: 1 });
    expect(fit.fits).toBe(false);
    expect(fit.headroom.filter((h) => !h.fits).map((h) => h.kind)).toEqual(['WATER', 'CADMIUM']);
    expect(fit.binding?.kind).toBe('CADMIUM'); // −0.5 of 2 is worse than −50 of 1,000
    expect(fit.reason).toBe('it would overdraw WATER (asks 150 t/day, 100 left), CADMIUM (asks 1 kg/year, 0.5 left)');
  });

  it('fails any request of a metal the zone may not emit at all', () => {
    const fit = fitOf(zone, limits, { MERCURY: 0.001 });
    expect(fit.fits).toBe(false);
    expect(fit.binding).toMatchObject({ kind: 'MERCURY', headroomShare: null });
  });

  it('refuses a zone that is not a priority zone, whatever room it has', () => {
    const fit = fitOf({ id: 'zone-r', status: 'RESTRICTED' }, limits, { WATER: 1 });
    expect(fit.fits).toBe(false);
    expect(fit.reason).toMatch(/zone zone-r is RESTRICTED: only PRIORITY zones take new plants/);
  });

  it('fits a request that takes exactly what is left', () => {
    expect(fitOf(zone, limits, { WATER: 100, CADMIUM: 0.5 }).fits).toBe(true);
  });
});

describe('amounts', () => {
  it('are checked: not negative, three decimals at most, a metal once', () => {
    const { problems } = parseAmounts(
      {
        waterTonsPerDay: -1,
        wastewaterTonsPerDay: 0.0005,
        emissions: [
          { metal: 'LEAD', kgPerYear: 1 },
          { metal: 'LEAD', kgPerYear: 2 },
          { metal: 'NICKEL', kgPerYear: Number.NaN },
        ],
      },
      'a',
    );
    expect(problems.map((p) => p.field)).toEqual([
      'a.waterTonsPerDay',
      'a.wastewaterTonsPerDay',
      'a.emissions[1].metal',
      'a.emissions[2].kgPerYear',
    ]);
  });

  it('add and subtract without floating-point drift, and read back as the API gives them', () => {
    const held = plus({ CADMIUM: 0.1 }, { CADMIUM: 0.2, WATER: 10 });
    expect(held.CADMIUM).toBe(0.3);
    expect(minus(held, { CADMIUM: 0.3 }).CADMIUM).toBe(0);
    expect(atMost({ WATER: 50, CADMIUM: 1 }, { WATER: 20 })).toMatchObject({ WATER: 20, CADMIUM: 0 });
    expect(toAllocation({ WATER: 10, NICKEL: 2, LEAD: 0 })).toEqual({
      waterTonsPerDay: 10,
      wastewaterTonsPerDay: 0,
      emissions: [{ metal: 'NICKEL', kgPerYear: 2 }],
    });
  });
});

describe('the layout plan', () => {
  const milestones = [
    {
      id: 'a',
      regionCode: '520300',
      industry: 'AEROSPACE' as const,
      year: 2022,
      platforms: 2,
      basis: null,
      version: 1,
      updatedAt: '',
    },
    {
      id: 'b',
      regionCode: '520300',
      industry: 'AEROSPACE' as const,
      year: 2025,
      platforms: 3,
      basis: null,
      version: 1,
      updatedAt: '',
    },
  ];
  it('wants the latest milestone due by the year, nothing before the first', () => {
    expect(plannedBy(milestones, 2021)).toBe(0);
    expect(plannedBy(milestones, 2022)).toBe(2);
    expect(plannedBy(milestones, 2024)).toBe(2);
    expect(plannedBy(milestones, 2030)).toBe(3);
  });
});
