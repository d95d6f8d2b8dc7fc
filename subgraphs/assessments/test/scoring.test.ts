import { describe, expect, it } from 'vitest';
import type { Indicator, Scheme } from '../src/models/scheme.ts';
import { type AssessmentFigures, evaluate, figuresOfYear, ruleScore, subsidies } from '../src/models/scoring.ts';

const leaf = (code: string, parentCode: string | null, weight: number, extra: Partial<Indicator>): Indicator => ({
  year: 2026,
  code,
  name: code,
  nameEn: code,
  weight,
  parentCode,
  level: parentCode ? 2 : 1,
  source: 'ENTERED',
  metric: null,
  withinDays: null,
  rule: null,
  ...extra,
});

const SCHEME: Scheme = {
  year: 2026,
  name: 'test',
  indicators: [
    leaf('OPERATION', null, 60, { source: 'GROUP' }),
    leaf('HOURS', 'OPERATION', 40, {
      source: 'METRIC',
      metric: 'EFFECTIVE_HOURS_PER_INSTRUMENT',
      rule: { kind: 'RATIO_TO_NORM', norm: 1600, floor: null, cap: null, thresholds: null },
    }),
    leaf('UPKEEP', 'OPERATION', 20, {}),
    leaf('RESPONSE', null, 40, {
      source: 'METRIC',
      metric: 'THREADS_ANSWERED_SHARE',
      withinDays: 2,
      rule: { kind: 'LINEAR', floor: 0.5, cap: 1, norm: null, thresholds: null },
    }),
  ],
  grades: [
    { grade: 'EXCELLENT', minTotal: 90, subsidyFen: null, poolShareBasisPoints: 6000 },
    { grade: 'GOOD', minTotal: 85, subsidyFen: 100, poolShareBasisPoints: null },
    { grade: 'PASS', minTotal: 60, subsidyFen: null, poolShareBasisPoints: null },
    { grade: 'POOR', minTotal: 0, subsidyFen: null, poolShareBasisPoints: null },
  ],
  regionWeights: { platforms: 100, industryCoverage: 0, openInstruments: 0 },
  tieBreakCode: null,
  subsidyPoolFen: 1_000,
  frozen: false,
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const figures = (changes: Partial<AssessmentFigures>): AssessmentFigures => ({
  ...figuresOfYear(2026, [], []),
  ...changes,
});

describe('scoring rules', () => {
  it('scores linearly between floor and cap, by ratio to a norm, and by thresholds', () => {
    const linear = { kind: 'LINEAR' as const, floor: 10, cap: 30, norm: null, thresholds: null };
    expect([0, 10, 20, 30, 99].map((value) => ruleScore(linear, value))).toEqual([0, 0, 50, 100, 100]);
    const ratio = { kind: 'RATIO_TO_NORM' as const, floor: null, cap: null, norm: 1600, thresholds: null };
    expect(ruleScore(ratio, 800)).toBe(50);
    expect(ruleScore(ratio, 2400)).toBe(100);
    const steps = [
      { atLeast: 3, score: 60 },
      { atLeast: 4, score: 85 },
    ];
    const thresholds = { kind: 'THRESHOLDS' as const, floor: null, cap: null, norm: null, thresholds: steps };
    expect([2.9, 3, 3.99, 4.5].map((value) => ruleScore(thresholds, value))).toEqual([0, 60, 60, 85]);
    expect(ruleScore(ratio, null)).toBe(0);
  });
});

describe('evaluate', () => {
  const busy = figures({
    instruments: 2,
    effectiveHours: 2400, // 1,200 an instrument: 75 against the norm
    threadsOpened: 4,
    threadsAnsweredWithinDays: [1, 3, ...Array(28).fill(4)], // 3 of 4 within two days: 0.75 → 50
  });

  it('weighs groups by their scored children, and the total by the weight scored', () => {
    const live = evaluate(SCHEME, busy, new Map());
    const byCode = Object.fromEntries(live.indicators.map((result) => [result.indicator.code, result]));
    expect(byCode.HOURS).toMatchObject({ value: 1200, score: 75 });
    expect(byCode.RESPONSE).toMatchObject({ value: 0.75, score: 50 });
    expect(byCode.UPKEEP?.score).toBeNull();
    expect(byCode.OPERATION?.score).toBe(75); // only HOURS is scored
    expect(live.scoredWeight).toBe(0.8);
    expect(live.total).toBe(62.5); // (75 × 40 + 50 × 40) / 80
    expect(live.missing).toEqual(['UPKEEP']);
  });

  it('is the plain weighted sum once every indicator has a score', () => {
    const full = evaluate(SCHEME, busy, new Map([['UPKEEP', { score: 90, comment: 'good' }]]));
    expect(full.total).toBe(68); // 75 × 0.4 + 90 × 0.2 + 50 × 0.4
    expect(full.grade).toBe('PASS');
    expect(full.scoredWeight).toBe(1);
    expect(full.missing).toEqual([]);
    expect(full.indicators.find((result) => result.indicator.code === 'UPKEEP')?.comment).toBe('good');
  });
});

describe('subsidies', () => {
  it('splits a pool share in whole fen, the remainder to the best ranked, and pays fixed amounts', () => {
    const earned = subsidies(SCHEME, [
      { platformId: 'a', grade: 'EXCELLENT' },
      { platformId: 'b', grade: 'EXCELLENT' },
      { platformId: 'c', grade: 'EXCELLENT' },
      { platformId: 'd', grade: 'GOOD' },
      { platformId: 'e', grade: 'POOR' },
    ]);
    // 60% of 1,000 fen = 600 among three: 200 each.
    expect([...earned.entries()]).toEqual([
      ['a', 200],
      ['b', 200],
      ['c', 200],
      ['d', 100],
      ['e', 0],
    ]);
    const seven = subsidies({ ...SCHEME, subsidyPoolFen: 1_001 }, [
      { platformId: 'a', grade: 'EXCELLENT' },
      { platformId: 'b', grade: 'EXCELLENT' },
      { platformId: 'c', grade: 'EXCELLENT' },
      { platformId: 'd', grade: 'EXCELLENT' },
    ]);
    // floor(600.6) = 600 among four: 150 each, nothing left over.
    expect([...seven.values()]).toEqual([150, 150, 150, 150]);
    const odd = subsidies({ ...SCHEME, subsidyPoolFen: 1_005 }, [
      { platformId: 'a', grade: 'EXCELLENT' },
      { platformId: 'b', grade: 'EXCELLENT' },
    ]);
    // floor(603) = 603 between two: 302 to the first, 301 to the second.
    expect([...odd.values()]).toEqual([302, 301]);
  });
});
