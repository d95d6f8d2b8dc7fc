import { type Connection, countRows, type Database, keysetPage, type Page } from '@gzequip/kit';
import type { Grade } from '../__generated__/resolvers-types.ts';
import { type Indicator, toIndicator } from './indicator.ts';

interface AssessmentRow {
  id: string;
  platform_id: string;
  year: number;
  total: string | number;
  grade: string;
  assessed_on: string;
  assessor_note: string | null;
}

export interface Assessment {
  id: string;
  platformId: string;
  year: number;
  total: number;
  grade: Grade;
  assessedOn: string;
}

export interface IndicatorScore {
  assessmentId: string;
  indicator: Indicator;
  score: number;
}

export type AssessmentConnection = Connection<Assessment>;

export interface AssessmentFilter {
  year?: number | null;
  grade?: Grade | null;
  platformId?: string | null;
}

const TABLE = 'assessment';

function toAssessment(row: AssessmentRow): Assessment {
  return {
    id: row.id,
    platformId: row.platform_id,
    year: row.year,
    total: Number(row.total),
    grade: row.grade as Grade,
    assessedOn: row.assessed_on,
  };
}

export class AssessmentModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<Assessment[]> {
    return (await this.db.table<AssessmentRow>(TABLE).whereIn('id', [...ids])).map(toAssessment);
  }

  /** Every assessment of the given platforms, newest year first. */
  async findByPlatformIds(platformIds: readonly string[]): Promise<Assessment[]> {
    const rows = await this.db
      .table<AssessmentRow>(TABLE)
      .whereIn('platform_id', [...platformIds])
      .orderBy([{ column: 'platform_id' }, { column: 'year', order: 'desc' }]);
    return rows.map(toAssessment);
  }

  /** A page in id order, fetching one extra row to tell whether another page follows. */
  async findPage(filter: AssessmentFilter, page: Page): Promise<Assessment[]> {
    return (await keysetPage(this.filtered(filter), page)).map(toAssessment);
  }

  async count(filter: AssessmentFilter): Promise<number> {
    return countRows(this.filtered(filter));
  }

  /** Scores of the given assessments with their indicators, in the scheme's order. */
  async findScores(assessmentIds: readonly string[]): Promise<IndicatorScore[]> {
    const rows = await this.db
      .table<{ assessment_id: string; score: string; code: string; name: string; name_en: string; weight: string }>(
        'assessment_score as s',
      )
      .join('indicator as i', 'i.code', 's.indicator_code')
      .whereIn('s.assessment_id', [...assessmentIds])
      .select('s.assessment_id', 's.score', 'i.code', 'i.name', 'i.name_en', 'i.weight')
      .orderBy(['s.assessment_id', 'i.position']);
    return rows.map((row) => ({
      assessmentId: row.assessment_id,
      indicator: toIndicator(row),
      score: Number(row.score),
    }));
  }

  private filtered(filter: AssessmentFilter) {
    const query = this.db.table<AssessmentRow>(TABLE);
    if (filter.year) query.where('year', filter.year);
    if (filter.grade) query.where('grade', filter.grade);
    if (filter.platformId) query.where('platform_id', filter.platformId);
    return query;
  }
}
