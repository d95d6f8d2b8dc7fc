/**
 * How a scheme turns a platform's figures and an assessor's scores into indicator scores, a
 * total and a grade. Pure functions: the live score, a round in progress and a published round
 * all go through them, so the three can never disagree on the arithmetic.
 */
import type { AssessmentMetric, Grade } from '../__generated__/resolvers-types.ts';
import type { GradeBand, Indicator, Scheme, ScoringRule } from './scheme.ts';

/** A platform's figures for one year, as the graph gave them (see Platform.assessmentFigures). */
export interface AssessmentFigures {
  year: number;
  instruments: number;
  openInstruments: number;
  effectiveHours: number;
  externalHours: number;
  services: number;
  unitsServed: number;
  meanRating: number | null;
  credentialsInForce: number;
  threadsOpened: number;
  threadsAnsweredWithinDays: number[];
  ordersSettled: number;
}

export interface EnteredScore {
  score: number;
  comment: string;
}

export interface IndicatorResult {
  indicator: Indicator;
  value: number | null;
  score: number | null;
  comment: string | null;
}

export interface Evaluation {
  indicators: IndicatorResult[];
  /** Over the weight that has a score, two decimals. */
  total: number;
  grade: Grade;
  /** The share of the scheme's weight that has a score, 0–1. */
  scoredWeight: number;
  /** ENTERED indicators without a score. */
  missing: string[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The figure an indicator reads; null when the platform has nothing to divide by. */
export function metricValue(metric: AssessmentMetric, withinDays: number | null, f: AssessmentFigures): number | null {
  switch (metric) {
    case 'EFFECTIVE_HOURS_PER_INSTRUMENT':
      return ratio(f.effectiveHours, f.instruments);
    case 'EXTERNAL_HOURS_PER_INSTRUMENT':
      return ratio(f.externalHours, f.instruments);
    case 'SHARE_RATE':
      return ratio(f.externalHours, f.effectiveHours);
    case 'OPEN_INSTRUMENT_SHARE':
      return ratio(f.openInstruments, f.instruments);
    case 'SERVICES':
      return f.services;
    case 'UNITS_SERVED':
      return f.unitsServed;
    case 'MEAN_RATING':
      return f.meanRating;
    case 'CREDENTIALS_IN_FORCE':
      return f.credentialsInForce;
    case 'ORDERS_SETTLED':
      return f.ordersSettled;
    case 'THREADS_ANSWERED_SHARE':
      return ratio(f.threadsAnsweredWithinDays[(withinDays ?? 1) - 1] ?? 0, f.threadsOpened);
  }
}

/** A figure's score under a rule, 0–100; a missing figure scores 0. */
export function ruleScore(rule: ScoringRule, value: number | null): number {
  if (value === null) return 0;
  switch (rule.kind) {
    case 'LINEAR': {
      const floor = rule.floor ?? 0;
      const cap = rule.cap ?? floor;
      return Math.min(100, Math.max(0, ((value - floor) / (cap - floor)) * 100));
    }
    case 'RATIO_TO_NORM':
      return Math.min(100, Math.max(0, (value / (rule.norm ?? 1)) * 100));
    case 'THRESHOLDS':
      return (rule.thresholds ?? []).reduce((score, step) => (value >= step.atLeast ? step.score : score), 0);
  }
}

export function gradeOf(grades: readonly GradeBand[], total: number): Grade {
  return grades.find((band) => total >= band.minTotal)?.grade ?? 'POOR';
}

/**
 * Scores every indicator: METRIC ones from the figures (none without figures), ENTERED ones from
 * what assessors entered, groups as the weighted mean of their scored children. The total is
 * over the first-level weight that has a score; published rounds have every score, so there it
 * is the plain weighted sum.
 */
export function evaluate(
  scheme: Scheme,
  figures: AssessmentFigures | null,
  entered: ReadonlyMap<string, EnteredScore>,
): Evaluation {
  const results = new Map<string, IndicatorResult>();
  const children = new Map<string, Indicator[]>();
  for (const indicator of scheme.indicators) {
    const siblings = children.get(indicator.parentCode ?? '') ?? [];
    siblings.push(indicator);
    children.set(indicator.parentCode ?? '', siblings);
  }
  // A group's weighted mean over its scored children, and the weight those children carry.
  const scoreOf = (indicator: Indicator): { score: number | null; scored: number } => {
    let score: number | null = null;
    let scored = 0;
    let value: number | null = null;
    let comment: string | null = null;
    if (indicator.source === 'GROUP') {
      let sum = 0;
      for (const child of children.get(indicator.code) ?? []) {
        const outcome = scoreOf(child);
        if (outcome.score === null) continue;
        sum += outcome.score * outcome.scored;
        scored += outcome.scored;
      }
      score = scored > 0 ? sum / scored : null;
    } else if (indicator.source === 'METRIC' && indicator.metric && indicator.rule && figures) {
      value = metricValue(indicator.metric, indicator.withinDays, figures);
      score = ruleScore(indicator.rule, value);
      scored = indicator.weight;
    } else if (indicator.source === 'ENTERED') {
      const given = entered.get(indicator.code);
      if (given) {
        score = given.score;
        comment = given.comment;
        scored = indicator.weight;
      }
    }
    results.set(indicator.code, {
      indicator,
      value: value === null ? null : Math.round(value * 10_000) / 10_000,
      score: score === null ? null : round2(score),
      comment,
    });
    return { score, scored };
  };
  let sum = 0;
  let scored = 0;
  for (const top of children.get('') ?? []) {
    const outcome = scoreOf(top);
    if (outcome.score === null) continue;
    sum += outcome.score * outcome.scored;
    scored += outcome.scored;
  }
  const total = scored > 0 ? round2(sum / scored) : 0;
  return {
    indicators: scheme.indicators.map((indicator) => results.get(indicator.code) as IndicatorResult),
    total,
    grade: gradeOf(scheme.grades, total),
    scoredWeight: round2(scored / 100),
    missing: scheme.indicators
      .filter((indicator) => indicator.source === 'ENTERED' && !entered.has(indicator.code))
      .map((indicator) => indicator.code),
  };
}

/** The year's figures out of the lists the owning subgraphs keep for every year. */
export function figuresOfYear(
  year: number,
  sharingYears: readonly Partial<AssessmentFigures & { year: number }>[] | null | undefined,
  activity: readonly Partial<AssessmentFigures & { year: number }>[] | null | undefined,
): AssessmentFigures {
  const sharing = sharingYears?.find((entry) => entry.year === year) ?? {};
  const done = activity?.find((entry) => entry.year === year) ?? {};
  return {
    year,
    instruments: sharing.instruments ?? 0,
    openInstruments: sharing.openInstruments ?? 0,
    effectiveHours: sharing.effectiveHours ?? 0,
    externalHours: sharing.externalHours ?? 0,
    services: sharing.services ?? 0,
    unitsServed: sharing.unitsServed ?? 0,
    meanRating: sharing.meanRating ?? null,
    credentialsInForce: done.credentialsInForce ?? 0,
    threadsOpened: done.threadsOpened ?? 0,
    threadsAnsweredWithinDays: done.threadsAnsweredWithinDays ?? Array(30).fill(0),
    ordersSettled: done.ordersSettled ?? 0,
  };
}

/**
 * Splits each grade's subsidy among its platforms, in integer fen: a fixed amount each, or the
 * grade's share of the pool split evenly, the fen left over going one each to the best ranked.
 * `ranked` is best first.
 */
export function subsidies(
  scheme: Scheme,
  ranked: readonly { platformId: string; grade: Grade }[],
): Map<string, number> {
  const earned = new Map<string, number>();
  for (const band of scheme.grades) {
    const platforms = ranked.filter((entry) => entry.grade === band.grade);
    if (platforms.length === 0) continue;
    if (band.subsidyFen != null) {
      for (const entry of platforms) earned.set(entry.platformId, band.subsidyFen);
    } else if (band.poolShareBasisPoints != null && scheme.subsidyPoolFen != null) {
      const share = Math.floor((scheme.subsidyPoolFen * band.poolShareBasisPoints) / 10_000);
      const each = Math.floor(share / platforms.length);
      const left = share - each * platforms.length;
      platforms.forEach((entry, index) => {
        earned.set(entry.platformId, each + (index < left ? 1 : 0));
      });
    } else {
      for (const entry of platforms) earned.set(entry.platformId, 0);
    }
  }
  return earned;
}

/** A live assessment: an evaluation of a year's figures under the year's scheme. */
export type LiveEvaluation = Evaluation & { year: number };
