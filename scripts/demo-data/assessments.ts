/**
 * The assessment office's demo data: the schemes (2024 on three first-level indicators scored
 * by assessors; 2025 and 2026 the national scheme's tree, scored partly from the graph), and each
 * platform's 2024–2025 assessment with scores drawn to earn a planned grade, ranked, with the
 * subsidy it earned. A platform is assessed only for years after it was set up.
 */
import type { PlatformRow } from './platforms.ts';
import { chance, int, must, pad, pick } from './world.ts';

type Grade = 'EXCELLENT' | 'GOOD' | 'PASS' | 'POOR';

// biome-ignore format: data table
const INDICATORS = [
  { code: 'ORGANISATION', name: '组织管理', name_en: 'Organisation & management', weight: 20 },
  { code: 'OPERATION', name: '运行使用', name_en: 'Operation & use', weight: 40 },
  { code: 'SHARING_SERVICE', name: '共享服务成效', name_en: 'Sharing service', weight: 40 },
];

/** Results recorded before rounds, with first-level scores only. */
const FIRST_LEVEL_ONLY_YEARS = [2024];
const SCORED_YEAR_SUBSIDY_FEN: Record<Grade, number | null> = {
  EXCELLENT: 30_000_000,
  GOOD: 15_000_000,
  PASS: null,
  POOR: null,
};

type Rule = {
  kind: string;
  floor?: number;
  cap?: number;
  norm?: number;
  thresholds?: { atLeast: number; score: number }[];
};
type SchemeIndicator = [
  code: string,
  parent: string | null,
  name: string,
  nameEn: string,
  weight: number,
  source: string,
  metric?: string,
  rule?: Rule,
  withinDays?: number,
];

/** The national open-sharing scheme's three first-level indicators, with leaves the graph can fill. */
// biome-ignore format: data table
const NATIONAL: SchemeIndicator[] = [
  ['ORGANISATION', null, '组织管理', 'Organisation & management', 20, 'GROUP'],
  ['ORG_OPEN_SHARE', 'ORGANISATION', '仪器开放比例', 'Share of instruments opened', 8, 'METRIC', 'OPEN_INSTRUMENT_SHARE', { kind: 'LINEAR', cap: 0.8 }],
  ['ORG_CREDENTIALS', 'ORGANISATION', '资质认定', 'Credentials in force', 4, 'METRIC', 'CREDENTIALS_IN_FORCE', { kind: 'THRESHOLDS', thresholds: [{ atLeast: 1, score: 60 }, { atLeast: 2, score: 85 }, { atLeast: 3, score: 100 }] }],
  ['ORG_MANAGEMENT', 'ORGANISATION', '协调机制、技术队伍与线上服务', 'Coordination, technical staff and online service', 8, 'ENTERED'],
  ['OPERATION', null, '运行使用', 'Operation & use', 40, 'GROUP'],
  ['OP_EFFECTIVE_HOURS', 'OPERATION', '有效机时', 'Effective machine hours', 25, 'METRIC', 'EFFECTIVE_HOURS_PER_INSTRUMENT', { kind: 'RATIO_TO_NORM', norm: 1600 }],
  ['OP_UPKEEP', 'OPERATION', '设备维护、闲置盘活与重大项目支撑', 'Upkeep, idle equipment and support for major projects', 15, 'ENTERED'],
  ['SHARING_SERVICE', null, '共享服务成效', 'Sharing service', 40, 'GROUP'],
  ['SS_EXTERNAL_HOURS', 'SHARING_SERVICE', '对外服务机时', 'External service hours', 12, 'METRIC', 'EXTERNAL_HOURS_PER_INSTRUMENT', { kind: 'LINEAR', cap: 400 }],
  ['SS_UNITS', 'SHARING_SERVICE', '服务用户数', 'Outside units served', 8, 'METRIC', 'UNITS_SERVED', { kind: 'LINEAR', cap: 20 }],
  ['SS_RATING', 'SHARING_SERVICE', '用户评价', 'User ratings', 8, 'METRIC', 'MEAN_RATING', { kind: 'THRESHOLDS', thresholds: [{ atLeast: 3, score: 60 }, { atLeast: 4, score: 85 }, { atLeast: 4.5, score: 100 }] }],
  ['SS_RESPONSE', 'SHARING_SERVICE', '咨询两日内答复', 'Inquiries answered within two days', 6, 'METRIC', 'THREADS_ANSWERED_SHARE', { kind: 'LINEAR', cap: 0.9 }, 2],
  ['SS_ORDERS', 'SHARING_SERVICE', '订单结算', 'Orders settled', 6, 'METRIC', 'ORDERS_SETTLED', { kind: 'LINEAR', cap: 10 }],
];

function schemeIndicatorRow(year: number, indicator: SchemeIndicator, position: number) {
  const [code, parent, name, nameEn, weight, source, metric, rule, withinDays] = indicator;
  return {
    year,
    code,
    parent_code: parent,
    name,
    name_en: nameEn,
    weight,
    position,
    source,
    metric: metric ?? null,
    within_days: withinDays ?? null,
    rule_kind: rule?.kind ?? null,
    rule_floor: rule?.floor ?? null,
    rule_cap: rule?.cap ?? null,
    rule_norm: rule?.norm ?? null,
    // jsonb: as JSON text, so the driver does not send an array
    rule_thresholds: rule?.thresholds ? JSON.stringify(rule.thresholds) : null,
  };
}

/** The schemes, with their indicators and grade bands, in the order the tables are filled. */
export function buildSchemes(): { scheme: object[]; scheme_indicator: object[]; scheme_grade: object[] } {
  const scheme: object[] = [];
  const schemeIndicator: object[] = [];
  const schemeGrade: object[] = [];
  const bands = (year: number, subsidy: (grade: Grade) => object) =>
    (Object.entries({ EXCELLENT: 90, GOOD: 85, PASS: 60, POOR: 0 }) as [Grade, number][]).map(([grade, min]) => ({
      year,
      grade,
      min_total: min,
      subsidy_fen: null,
      pool_share_bp: null,
      ...subsidy(grade),
    }));
  for (const year of FIRST_LEVEL_ONLY_YEARS) {
    scheme.push({
      year,
      name: `${year}年度科研仪器开放共享评价`,
      region_platform_weight: 100,
      region_industry_weight: 0,
      region_open_weight: 0,
      tie_break_code: 'SHARING_SERVICE',
      subsidy_pool_fen: null,
    });
    INDICATORS.forEach((indicator, i) => {
      schemeIndicator.push(
        schemeIndicatorRow(
          year,
          [indicator.code, null, indicator.name, indicator.name_en, indicator.weight, 'ENTERED'],
          i + 1,
        ),
      );
    });
    schemeGrade.push(...bands(year, (grade) => ({ subsidy_fen: SCORED_YEAR_SUBSIDY_FEN[grade] })));
  }
  // 2025 under the national tree, its published results recorded with first-level scores (the
  // live score can be read beside them); 2026 the same tree with a subsidy pool, for a round.
  const poolShares: Record<Grade, number | null> = { EXCELLENT: 6000, GOOD: 4000, PASS: null, POOR: null };
  for (const year of [2025, 2026]) {
    scheme.push({
      year,
      name: `${year}年度科研仪器开放共享评价（国家指标体系）`,
      region_platform_weight: 60,
      region_industry_weight: 20,
      region_open_weight: 20,
      tie_break_code: 'SHARING_SERVICE',
      subsidy_pool_fen: year === 2026 ? 300_000_000 : null,
    });
    NATIONAL.forEach((indicator, i) => {
      schemeIndicator.push(schemeIndicatorRow(year, indicator, i + 1));
    });
    schemeGrade.push(
      ...bands(year, (grade) =>
        year === 2026 ? { pool_share_bp: poolShares[grade] } : { subsidy_fen: SCORED_YEAR_SUBSIDY_FEN[grade] },
      ),
    );
  }
  return { scheme, scheme_indicator: schemeIndicator, scheme_grade: schemeGrade };
}

/**
 * The grade each platform earns, by platform number (plt-01 first); '-' means not assessed that year.
 * plt-24 was never assessed; plt-18 and plt-22 have no 2025 assessment yet.
 */
const GRADE_PLAN: Record<number, string> = {
  2024: 'EEGPPGPPEPGEPGPOPOPGOPP-',
  2025: 'EEEPGGOPEPGEPGPPP-PGO-P-',
};
const GRADE_LETTERS: Record<string, Grade> = { E: 'EXCELLENT', G: 'GOOD', P: 'PASS', O: 'POOR' };
/** Per-indicator score range (hundredths) to draw from when aiming at a grade. */
const SCORE_RANGE: Record<Grade, readonly [number, number]> = {
  EXCELLENT: [8800, 9900],
  GOOD: [8000, 9500],
  PASS: [6200, 9000],
  POOR: [4500, 7200],
};
const NOTES: Record<Grade, readonly string[]> = {
  EXCELLENT: ['仪器开放共享率高，对外服务成效显著。', '服务制度完善，用户满意度高。'],
  GOOD: ['运行管理规范，对外服务机时稳步增长。', '共享服务较好，建议加强线上服务能力。'],
  PASS: ['基本完成年度目标，有效机时偏低。', '需进一步完善收费标准和服务流程公示。'],
  POOR: ['有效机时和对外服务机时明显不足，予以通报并限期整改。', '组织管理不到位，共享服务成效差。'],
};

function gradeOf(total: number): Grade {
  if (total >= 90) return 'EXCELLENT';
  if (total >= 85) return 'GOOD';
  if (total >= 60) return 'PASS';
  return 'POOR';
}

/** Draws indicator scores (in hundredths) until their weighted total earns the planned grade. */
function scoresFor(target: Grade): { scores: number[]; totalHundredths: number } {
  const [low, high] = SCORE_RANGE[target];
  for (let attempt = 0; attempt < 1000; attempt++) {
    const scores = INDICATORS.map(() => int(low, high));
    const weightedSum = scores.reduce((sum, score, i) => sum + score * must(INDICATORS[i], 'indicator').weight, 0);
    const totalHundredths = Math.floor((weightedSum + 50) / 100); // half away from zero; all values positive
    if (gradeOf(totalHundredths / 100) === target) return { scores, totalHundredths };
  }
  throw new Error(`could not draw scores for ${target}`);
}

export function buildAssessments(platforms: readonly PlatformRow[]): {
  assessment: object[];
  assessment_score: object[];
} {
  const assessment: Record<string, unknown>[] = [];
  const assessmentScore: object[] = [];
  for (const [year, plan] of Object.entries(GRADE_PLAN).map(([y, p]) => [Number(y), p] as const)) {
    const ofYear: { row: Record<string, unknown>; sharing: number }[] = [];
    platforms.forEach((platform, index) => {
      const letter = plan.charAt(index);
      if (letter === '-' || platform.established_year >= year) return;
      const target = must(GRADE_LETTERS[letter], `grade letter ${letter}`);
      const { scores, totalHundredths } = scoresFor(target);
      const id = `asm-${year}-${platform.id.slice(4)}`;
      const row: Record<string, unknown> = {
        id,
        platform_id: platform.id,
        year,
        total: totalHundredths / 100,
        grade: target,
        assessed_on: `${year + 1}-03-${pad(int(5, 28), 2)}`,
        assessor_note: chance(0.7) ? pick(NOTES[target]) : null,
        region_code: platform.region_code,
      };
      ofYear.push({ row, sharing: must(scores[2], 'sharing service score') });
      INDICATORS.forEach((indicator, i) => {
        assessmentScore.push({
          assessment_id: id,
          year,
          indicator_code: indicator.code,
          score: must(scores[i], 'score') / 100,
        });
      });
    });
    // Ranked by total, ties broken on sharing service, as the scheme says.
    ofYear.sort((a, b) => Number(b.row.total) - Number(a.row.total) || b.sharing - a.sharing);
    ofYear.forEach(({ row }, index) => {
      assessment.push({ ...row, rank: index + 1, subsidy_fen: SCORED_YEAR_SUBSIDY_FEN[row.grade as Grade] ?? 0 });
    });
  }
  return { assessment, assessment_score: assessmentScore };
}
