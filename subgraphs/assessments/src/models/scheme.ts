import {
  appError,
  badUserInput,
  type Claims,
  canonicalJson,
  type Database,
  ErrorCode,
  insertVersioned,
  notFound,
  runWrite,
  updateVersioned,
} from '@gzequip/kit';
import type {
  AssessmentMetric,
  AssessmentSchemeInput,
  Grade,
  IndicatorSource,
  ScoringRuleKind,
} from '../__generated__/resolvers-types.ts';

export interface ScoringRule {
  kind: ScoringRuleKind;
  floor: number | null;
  cap: number | null;
  norm: number | null;
  thresholds: { atLeast: number; score: number }[] | null;
}

export interface Indicator {
  year: number;
  code: string;
  name: string;
  nameEn: string;
  weight: number;
  parentCode: string | null;
  level: number;
  source: IndicatorSource;
  metric: AssessmentMetric | null;
  withinDays: number | null;
  rule: ScoringRule | null;
}

export interface GradeBand {
  grade: Grade;
  minTotal: number;
  subsidyFen: number | null;
  poolShareBasisPoints: number | null;
}

export interface Scheme {
  year: number;
  name: string;
  indicators: Indicator[];
  grades: GradeBand[];
  regionWeights: { platforms: number; industryCoverage: number; openInstruments: number };
  tieBreakCode: string | null;
  subsidyPoolFen: number | null;
  frozen: boolean;
  version: number;
  updatedAt: string;
}

interface SchemeRow {
  year: number;
  name: string;
  region_platform_weight: string;
  region_industry_weight: string;
  region_open_weight: string;
  tie_break_code: string | null;
  subsidy_pool_fen: string | null;
  version: number;
  updated_at: Date;
  frozen: boolean;
}

interface IndicatorRow {
  year: number;
  code: string;
  parent_code: string | null;
  name: string;
  name_en: string;
  weight: string;
  position: number;
  source: string;
  metric: string | null;
  within_days: number | null;
  rule_kind: string | null;
  rule_floor: string | null;
  rule_cap: string | null;
  rule_norm: string | null;
  rule_thresholds: { atLeast: number; score: number }[] | string | null;
}

interface GradeRow {
  year: number;
  grade: string;
  min_total: string;
  subsidy_fen: string | null;
  pool_share_bp: number | null;
}

const GRADE_ORDER: Grade[] = ['EXCELLENT', 'GOOD', 'PASS', 'POOR'];
const numberOrNull = (value: string | number | null) => (value === null ? null : Number(value));

/** The scheme's indicators, each with its depth; rows come in the scheme's order, parents first. */
function toIndicators(rows: IndicatorRow[]): Indicator[] {
  const levels = new Map<string, number>();
  return rows.map((row) => {
    const level = row.parent_code ? (levels.get(row.parent_code) ?? 0) + 1 : 1;
    levels.set(row.code, level);
    const thresholds = typeof row.rule_thresholds === 'string' ? JSON.parse(row.rule_thresholds) : row.rule_thresholds;
    return {
      year: row.year,
      code: row.code,
      name: row.name,
      nameEn: row.name_en,
      weight: Number(row.weight),
      parentCode: row.parent_code,
      level,
      source: row.source as IndicatorSource,
      metric: row.metric as AssessmentMetric | null,
      withinDays: row.within_days,
      rule: row.rule_kind
        ? {
            kind: row.rule_kind as ScoringRuleKind,
            floor: numberOrNull(row.rule_floor),
            cap: numberOrNull(row.rule_cap),
            norm: numberOrNull(row.rule_norm),
            thresholds,
          }
        : null,
    };
  });
}

/** Which input field a refusal of the database names. */
const SCHEME_FIELDS = {
  scheme_rules: { field: 'input', reason: 'region weights must sum to 100; the name is 1–200 characters' },
  scheme_indicator_code_format: {
    field: 'input.indicators.code',
    reason: 'upper case letters, digits and _, at most 40',
  },
  scheme_indicator_names: { field: 'input.indicators.name', reason: 'names are 1–100 characters' },
  scheme_indicator_weight_range: { field: 'input.indicators.weight', reason: 'must be more than 0 and at most 100' },
  scheme_indicator_metric: {
    field: 'input.indicators.metric',
    reason: 'METRIC indicators name a metric (and only THREADS_ANSWERED_SHARE a withinDays of 1–30)',
  },
  scheme_indicator_rule: {
    field: 'input.indicators.rule',
    reason:
      'METRIC indicators need a rule: LINEAR a cap above its floor, RATIO_TO_NORM a norm above 0, THRESHOLDS 1–10 steps',
  },
  scheme_indicator_pkey: { field: 'input.indicators.code', reason: 'each code once' },
  scheme_grade_rules: {
    field: 'input.grades',
    reason: 'minTotal is 0–100 (POOR at 0); a grade has a subsidyFen or a poolShareBasisPoints (0–10000), not both',
  },
  scheme_grade_pkey: { field: 'input.grades', reason: 'one band per grade' },
  scheme_valid: { field: 'input', useDetail: true },
};

/** Reads and edits schemes; the database checks their shape when the transaction commits. */
export class SchemeModel {
  constructor(private readonly db: Database) {}

  /** The schemes of the given years (every scheme when left out), latest first. */
  async find(years?: readonly number[]): Promise<Scheme[]> {
    const schemes = this.db
      .table<SchemeRow>('scheme as s')
      .select(
        's.*',
        this.db.knex.raw('exists (select 1 from ?? a where a.year = s.year) as frozen', [
          `${this.db.schema}.assessment`,
        ]),
      );
    if (years) schemes.whereIn('s.year', [...years]);
    const rows = (await schemes.orderBy('s.year', 'desc')) as SchemeRow[];
    const found = rows.map((row) => row.year);
    const [indicators, grades] = await Promise.all([
      this.db.table<IndicatorRow>('scheme_indicator').whereIn('year', found).orderBy(['year', 'position']),
      this.db.table<GradeRow>('scheme_grade').whereIn('year', found),
    ]);
    return rows.map((row) => ({
      year: row.year,
      name: row.name,
      indicators: toIndicators(indicators.filter((indicator) => indicator.year === row.year)),
      grades: grades
        .filter((grade) => grade.year === row.year)
        .map((grade) => ({
          grade: grade.grade as Grade,
          minTotal: Number(grade.min_total),
          subsidyFen: numberOrNull(grade.subsidy_fen),
          poolShareBasisPoints: grade.pool_share_bp,
        }))
        .sort((a, b) => GRADE_ORDER.indexOf(a.grade) - GRADE_ORDER.indexOf(b.grade)),
      regionWeights: {
        platforms: Number(row.region_platform_weight),
        industryCoverage: Number(row.region_industry_weight),
        openInstruments: Number(row.region_open_weight),
      },
      tieBreakCode: row.tie_break_code,
      subsidyPoolFen: numberOrNull(row.subsidy_pool_fen),
      frozen: row.frozen,
      version: row.version,
      updatedAt: new Date(row.updated_at).toISOString(),
    }));
  }

  async latestYear(): Promise<number | null> {
    const row = (await this.db.table('scheme').max('year as year').first()) as { year: number | null } | undefined;
    return row?.year ?? null;
  }

  /**
   * Creates (no version) or replaces (the version read) a year's scheme, whole: the indicators
   * and grade bands are rewritten, the scheme row gets the next version and a history entry.
   */
  async save(year: number, version: number | null, input: AssessmentSchemeInput, by: Claims): Promise<Scheme> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badUserInput('year', 'must be 2000–2100');
    const { indicatorRows, gradeRows } = schemeRows(year, input);
    const schemeColumns = {
      name: input.name.trim(),
      region_platform_weight: input.regionWeights.platforms,
      region_industry_weight: input.regionWeights.industryCoverage,
      region_open_weight: input.regionWeights.openInstruments,
      tie_break_code: input.tieBreakCode ?? null,
      subsidy_pool_fen: input.subsidyPoolFen ?? null,
    };
    // The indicators and grades as the history records them (the key columns left out).
    const tree = { indicators: indicatorRows.map(asWritten), grades: gradeRows.map(asWritten) };
    await runWrite(
      this.db,
      async (tx) => {
        const current = await tx.table<{ year: number; version: number }>('scheme').where({ year }).forUpdate().first();
        if (version == null) {
          if (current) {
            throw appError(ErrorCode.CONFLICT, `The ${year} scheme exists: send the version you read to replace it`, {
              field: 'version',
              currentVersion: current.version,
            });
          }
          await insertVersioned(tx, SCHEME_ENTITY, { id: String(year), year, ...schemeColumns, ...tree }, by);
        } else {
          if (!current) throw notFound('AssessmentScheme', String(year));
          if (await tx.table('assessment').where({ year }).first()) {
            throw appError(
              ErrorCode.CONFLICT,
              `Results of ${year} are published under this scheme: it can no longer change`,
              { field: 'year' },
            );
          }
          const before = {
            indicators: (await tx.table('scheme_indicator').where({ year }).orderBy('position')).map(asWritten),
            grades: (await tx.table('scheme_grade').where({ year })).map(asWritten),
          };
          await updateVersioned(tx, SCHEME_ENTITY, String(year), version, { ...schemeColumns, ...tree }, by, {
            ...current,
            ...before,
            id: String(year),
          });
          await tx.table('scheme_grade').where({ year }).delete();
          await tx.table('scheme_indicator').where({ year }).delete();
        }
        await tx.table('scheme_indicator').insert(indicatorRows);
        await tx.table('scheme_grade').insert(gradeRows);
      },
      SCHEME_FIELDS,
    );
    const [saved] = await this.find([year]);
    return saved as Scheme;
  }
}

/**
 * The scheme's table, written through the versioned path: its key is the year. Indicators and
 * grades are not columns of it; the edit writes them, and its history entry records them.
 */
const SCHEME_ENTITY = {
  table: 'scheme',
  typename: 'AssessmentScheme',
  key: 'year',
  recordedOnly: ['indicators', 'grades'],
};

const NUMERIC = new Set(['weight', 'rule_floor', 'rule_cap', 'rule_norm', 'min_total', 'subsidy_fen']);

/** A stored indicator or grade row as schemeRows writes it, so that only real changes count. */
function asWritten({ year: _year, ...row }: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => {
      if (value === null) return [column, null];
      if (NUMERIC.has(column)) return [column, Number(value)];
      if (column === 'rule_thresholds')
        return [column, canonicalJson(typeof value === 'string' ? JSON.parse(value) : value)];
      return [column, value];
    }),
  );
}

/** The rows of a scheme input; what the database cannot see (order, references) is checked here. */
function schemeRows(year: number, input: AssessmentSchemeInput) {
  const seen = new Map<string, IndicatorSource>();
  const indicatorRows = input.indicators.map((indicator, index) => {
    const field = `input.indicators[${index}]`;
    if (indicator.parentCode != null) {
      const parent = seen.get(indicator.parentCode);
      if (parent === undefined) {
        throw badUserInput(`${field}.parentCode`, `${indicator.parentCode} must be an indicator listed before it`);
      }
      if (parent !== 'GROUP') throw badUserInput(`${field}.parentCode`, `${indicator.parentCode} is not a GROUP`);
    }
    seen.set(indicator.code, indicator.source);
    const rule = indicator.rule;
    if (rule?.thresholds) {
      const ascending = rule.thresholds.every(
        (step, i, steps) => i === 0 || step.atLeast > (steps[i - 1]?.atLeast ?? 0),
      );
      if (!ascending) throw badUserInput(`${field}.rule.thresholds`, 'must rise by atLeast');
      if (rule.thresholds.some((step) => step.score < 0 || step.score > 100)) {
        throw badUserInput(`${field}.rule.thresholds`, 'scores are 0–100');
      }
    }
    return {
      year,
      code: indicator.code,
      parent_code: indicator.parentCode ?? null,
      name: indicator.name.trim(),
      name_en: indicator.nameEn.trim(),
      weight: indicator.weight,
      position: index + 1,
      source: indicator.source,
      metric: indicator.metric ?? null,
      within_days: indicator.withinDays ?? null,
      rule_kind: rule?.kind ?? null,
      rule_floor: rule?.floor ?? null,
      rule_cap: rule?.cap ?? null,
      rule_norm: rule?.norm ?? null,
      rule_thresholds: rule?.thresholds ? JSON.stringify(rule.thresholds) : null,
    };
  });
  if (input.tieBreakCode != null && !seen.has(input.tieBreakCode)) {
    throw badUserInput('input.tieBreakCode', `${input.tieBreakCode} is not one of the indicators`);
  }
  const gradeRows = input.grades.map((band) => ({
    year,
    grade: band.grade,
    min_total: band.minTotal,
    subsidy_fen: band.subsidyFen ?? null,
    pool_share_bp: band.poolShareBasisPoints ?? null,
  }));
  return { indicatorRows, gradeRows };
}
