import {
  applyChangedWindow,
  type ChangedWindow,
  type Connection,
  countRows,
  type Database,
  groupedStats,
  keysetPage,
  type NumberRange,
  type OrderFields,
  type Page,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type { Grade } from '../__generated__/resolvers-types.ts';

interface AssessmentRow {
  id: string;
  platform_id: string;
  year: number;
  total: string | number;
  grade: string;
  assessed_on: string;
  assessor_note: string | null;
  region_code: string | null;
  round_id: string | null;
  rank: number | null;
  subsidy_fen: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface Assessment {
  id: string;
  platformId: string;
  year: number;
  total: number;
  grade: Grade;
  assessedOn: string;
  regionCode: string | null;
  roundId: string | null;
  rank: number | null;
  subsidyFen: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A published score: the indicator is found in the year's scheme. */
export interface IndicatorScore {
  assessmentId: string;
  year: number;
  indicatorCode: string;
  score: number;
  value: number | null;
  comment: string | null;
}

export type AssessmentConnection = Connection<Assessment>;

/** A checked assessment filter, ready to become SQL. */
export interface AssessmentCriteria {
  years: NumberRange | null;
  grades: Grade[] | null;
  platformId: string | null;
  regionCodes: string[] | null;
  total: NumberRange | null;
  changed: ChangedWindow | null;
}

export const ASSESSMENT_ORDERS: OrderFields<Assessment> = {
  YEAR: { column: 'year', value: (a) => a.year },
  TOTAL: { column: 'total', value: (a) => a.total },
  ASSESSED_ON: { column: 'assessed_on', value: (a) => a.assessedOn },
  CREATED_AT: { column: 'created_at', value: (a) => a.createdAt },
  UPDATED_AT: { column: 'updated_at', value: (a) => a.updatedAt },
  // Unranked results sort after every rank.
  RANK: { column: 'rank_order', value: (a) => a.rank ?? UNRANKED },
};

const UNRANKED = 2_147_483_647;

export interface AssessmentStatsRow {
  year: number | null;
  grade: Grade | null;
  regionCode: string | null;
  count: number;
  meanTotal: number;
  minTotal: number;
  maxTotal: number;
}

const DIMENSIONS = { YEAR: { sql: 'r.year' }, GRADE: { sql: 'r.grade' }, REGION: { sql: 'r.region_code' } };
const MEASURES = {
  count: 'count(*)::int',
  meanTotal: 'round(avg(r.total), 2)::float8',
  minTotal: 'min(r.total)::float8',
  maxTotal: 'max(r.total)::float8',
};

function toStatsRow(row: Record<string, string | number | null>): AssessmentStatsRow {
  return {
    year: (row.YEAR as number | undefined) ?? null,
    grade: (row.GRADE as Grade | undefined) ?? null,
    regionCode: (row.REGION as string | undefined) ?? null,
    count: Number(row.count),
    meanTotal: Number(row.meanTotal),
    minTotal: Number(row.minTotal),
    maxTotal: Number(row.maxTotal),
  };
}

function applyCriteria(query: Knex.QueryBuilder, criteria: AssessmentCriteria): void {
  if (criteria.years?.min != null) query.where('year', '>=', criteria.years.min);
  if (criteria.years?.max != null) query.where('year', '<=', criteria.years.max);
  if (criteria.grades) query.whereIn('grade', criteria.grades);
  if (criteria.platformId) query.where('platform_id', criteria.platformId);
  if (criteria.regionCodes) query.whereIn('region_code', criteria.regionCodes);
  if (criteria.total?.min != null) query.where('total', '>=', criteria.total.min);
  if (criteria.total?.max != null) query.where('total', '<=', criteria.total.max);
  applyChangedWindow(query, criteria.changed);
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
    regionCode: row.region_code,
    roundId: row.round_id,
    rank: row.rank,
    subsidyFen: row.subsidy_fen === null ? null : Number(row.subsidy_fen),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
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

  /** A page in the page's order, fetching one extra row to tell whether another page follows. */
  async findPage(criteria: AssessmentCriteria, page: Page<Assessment>): Promise<Assessment[]> {
    // Ranked results first: the rank to order by, unranked ones after every rank.
    const ranked = this.filtered(criteria).select('*', this.db.knex.raw(`coalesce(rank, ${UNRANKED}) as rank_order`));
    return (await keysetPage(this.db.query().from(ranked.as('a')), page)).map(toAssessment);
  }

  async count(criteria: AssessmentCriteria): Promise<number> {
    return countRows(this.filtered(criteria));
  }

  async stats(criteria: AssessmentCriteria, groupBy: readonly string[]): Promise<AssessmentStatsRow[]> {
    return (await groupedStats(this.db, this.filtered(criteria), DIMENSIONS, groupBy, MEASURES)).map(toStatsRow);
  }

  /** The same statistics for each of several regions, in one statement. */
  async statsByRegion(
    regionCodes: readonly string[],
    criteria: AssessmentCriteria,
    groupBy: readonly string[],
  ): Promise<Map<string, AssessmentStatsRow[]>> {
    const query = this.filtered(criteria).whereIn('region_code', [...regionCodes]);
    const others = groupBy.filter((dimension) => dimension !== 'REGION');
    const rows = await groupedStats(this.db, query, DIMENSIONS, ['REGION', ...others], MEASURES, 'groupBy', 4);
    const byRegion = new Map<string, AssessmentStatsRow[]>(regionCodes.map((code) => [code, []]));
    for (const row of rows) {
      const stats = toStatsRow(row);
      byRegion
        .get(stats.regionCode as string)
        ?.push(groupBy.includes('REGION') ? stats : { ...stats, regionCode: null });
    }
    return byRegion;
  }

  /** Scores of the given assessments, in their scheme's order. */
  async findScores(assessmentIds: readonly string[]): Promise<IndicatorScore[]> {
    const rows = await this.db
      .table<{
        assessment_id: string;
        year: number;
        indicator_code: string;
        score: string;
        value: string | null;
        comment: string | null;
      }>('assessment_score as s')
      .join('scheme_indicator as i', (join) => join.on('i.year', 's.year').andOn('i.code', 's.indicator_code'))
      .whereIn('s.assessment_id', [...assessmentIds])
      .select('s.assessment_id', 's.year', 's.indicator_code', 's.score', 's.value', 's.comment')
      .orderBy(['s.assessment_id', 'i.position']);
    return rows.map((row) => ({
      assessmentId: row.assessment_id,
      year: row.year,
      indicatorCode: row.indicator_code,
      score: Number(row.score),
      value: row.value === null ? null : Number(row.value),
      comment: row.comment,
    }));
  }

  /** The totals of the given platforms in the given years, keyed "platform/year". */
  async totalsOf(keys: readonly { platformId: string; year: number }[]): Promise<Map<string, number>> {
    const rows = (await this.db
      .table(TABLE)
      .whereIn(
        ['platform_id', 'year'],
        keys.map((key) => [key.platformId, key.year]),
      )
      .select('platform_id', 'year', 'total')) as { platform_id: string; year: number; total: string }[];
    return new Map(rows.map((row) => [`${row.platform_id}/${row.year}`, Number(row.total)]));
  }

  private filtered(criteria: AssessmentCriteria) {
    const query = this.db.table<AssessmentRow>(TABLE);
    applyCriteria(query, criteria);
    return query;
  }
}
