/**
 * The assessment office's demo data: the indicators, and each platform's yearly assessment with
 * scores drawn to earn a planned grade. A platform is assessed only for years after it was set up.
 */
import type { PlatformRow } from './platforms.ts';
import { chance, int, must, pad, pick } from './world.ts';

type Grade = 'EXCELLENT' | 'GOOD' | 'PASS' | 'POOR';

// biome-ignore format: data table
export const INDICATORS = [
  { code: 'ORGANISATION', name: '组织管理', name_en: 'Organisation & management', weight: 20, position: 1 },
  { code: 'OPERATION', name: '运行使用', name_en: 'Operation & use', weight: 40, position: 2 },
  { code: 'SHARING_SERVICE', name: '共享服务成效', name_en: 'Sharing service', weight: 40, position: 3 },
];

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
  const assessment: object[] = [];
  const assessmentScore: object[] = [];
  for (const [year, plan] of Object.entries(GRADE_PLAN).map(([y, p]) => [Number(y), p] as const)) {
    platforms.forEach((platform, index) => {
      const letter = plan.charAt(index);
      if (letter === '-' || platform.established_year >= year) return;
      const target = must(GRADE_LETTERS[letter], `grade letter ${letter}`);
      const { scores, totalHundredths } = scoresFor(target);
      const id = `asm-${year}-${platform.id.slice(4)}`;
      assessment.push({
        id,
        platform_id: platform.id,
        year,
        total: totalHundredths / 100,
        grade: target,
        assessed_on: `${year + 1}-03-${pad(int(5, 28), 2)}`,
        assessor_note: chance(0.7) ? pick(NOTES[target]) : null,
        region_code: platform.region_code,
      });
      INDICATORS.forEach((indicator, i) => {
        assessmentScore.push({
          assessment_id: id,
          indicator_code: indicator.code,
          score: must(scores[i], 'score') / 100,
        });
      });
    });
  }
  return { assessment, assessment_score: assessmentScore };
}
