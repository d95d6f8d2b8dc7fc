import {
  appError,
  badUserInput,
  badUserInputs,
  type Claims,
  type Connection,
  countRows,
  type Database,
  ErrorCode,
  INDUSTRIES,
  insertVersioned,
  keysetPage,
  notFound,
  type Page,
  runWrite,
  toConnection,
  todayInGuizhou,
  updateVersioned,
  type VersionedRow,
} from '@gzequip/kit';
import type { Grade, RoundStatus } from '../__generated__/resolvers-types.ts';
import type { Scheme } from './scheme.ts';
import { type AssessmentFigures, type EnteredScore, type Evaluation, evaluate, subsidies } from './scoring.ts';

export interface Round {
  id: string;
  year: number;
  status: RoundStatus;
  figuresTakenAt: string;
  publishedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A platform as the graph described it when the round took its figures. */
export interface PlatformSnapshot {
  platformId: string;
  platformName: string;
  regionCode: string | null;
  operatorId: string | null;
  industries: string[];
  figures: AssessmentFigures;
}

export interface RegionSnapshot {
  regionCode: string;
  instruments: number;
  openInstruments: number;
}

/** A platform of a round: what the graph said of it, and who assesses it. */
export interface RoundEntry extends PlatformSnapshot {
  id: string;
  roundId: string;
  assessorId: string | null;
  assessorEnterpriseId: string | null;
  version: number;
}

export interface RegionResult {
  regionCode: string;
  rank: number;
  score: number;
  platforms: number;
  meanPlatformTotal: number;
  industriesCovered: number;
  instruments: number;
  openInstruments: number;
}

interface RoundRow {
  id: string;
  year: number;
  status: string;
  figures_taken_at: Date;
  published_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface EntryRow {
  id: string;
  round_id: string;
  platform_id: string;
  platform_name: string;
  region_code: string | null;
  operator_id: string | null;
  industries: string[];
  figures: AssessmentFigures | string;
  assessor_id: string | null;
  assessor_enterprise_id: string | null;
  version: number;
}

interface RegionRow {
  round_id: string;
  region_code: string;
  instruments: number;
  open_instruments: number;
  score: string | null;
  rank: number | null;
}

const ROUND = { table: 'assessment_round', typename: 'AssessmentRound' };
const ENTRY = { table: 'round_entry', typename: 'RoundEntry', jsonColumns: ['figures'] };
const SCORE = { table: 'round_score', typename: 'RoundScore' };

const ROUND_FIELDS = {
  assessment_round_year_key: { field: 'year', reason: 'the year already has a round' },
  assessment_round_year_foreign: { field: 'year', reason: 'the year has no scheme: save one first' },
  round_score_range: { field: 'scores.score', reason: 'must be 0–100' },
  round_score_comment_length: { field: 'scores.comment', reason: 'must be 1–500 characters' },
  assessment_platform_year_key: { field: 'id', reason: 'a platform of the round already has a result for the year' },
};

const toIso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

function toRound(row: RoundRow): Round {
  return {
    id: row.id,
    year: row.year,
    status: row.status as RoundStatus,
    figuresTakenAt: new Date(row.figures_taken_at).toISOString(),
    publishedAt: toIso(row.published_at),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function toEntry(row: EntryRow): RoundEntry {
  return {
    id: row.id,
    roundId: row.round_id,
    platformId: row.platform_id,
    platformName: row.platform_name,
    regionCode: row.region_code,
    operatorId: row.operator_id,
    industries: row.industries,
    figures: typeof row.figures === 'string' ? JSON.parse(row.figures) : row.figures,
    assessorId: row.assessor_id,
    assessorEnterpriseId: row.assessor_enterprise_id,
    version: row.version,
  };
}

const entryId = (roundId: string, platformId: string) => `${roundId}/${platformId}`;

function entryColumns(roundId: string, snapshot: PlatformSnapshot) {
  return {
    round_id: roundId,
    platform_id: snapshot.platformId,
    platform_name: snapshot.platformName,
    region_code: snapshot.regionCode,
    operator_id: snapshot.operatorId,
    industries: snapshot.industries,
    figures: snapshot.figures,
  };
}

/** Rounds, their entries and scores; every change through the kit's versioned write path. */
export class RoundModel {
  constructor(private readonly db: Database) {}

  async findByYears(years: readonly number[]): Promise<Round[]> {
    return (await this.db.table<RoundRow>(ROUND.table).whereIn('year', [...years])).map(toRound);
  }

  async findByIds(ids: readonly string[]): Promise<Round[]> {
    return (await this.db.table<RoundRow>(ROUND.table).whereIn('id', [...ids])).map(toRound);
  }

  async findAll(): Promise<Round[]> {
    return (await this.db.table<RoundRow>(ROUND.table).orderBy('year', 'desc')).map(toRound);
  }

  /** A page of a round's entries, by id; narrowed to one assessor's, or to those missing entered scores. */
  async entryPage(
    roundId: string,
    page: Page<RoundEntry>,
    narrow: { assessorId?: string | null; missingAnyOf?: string[] | null },
  ): Promise<Connection<RoundEntry>> {
    const filtered = () => {
      const query = this.db.table<EntryRow>('round_entry as e').where('e.round_id', roundId);
      if (narrow.assessorId !== undefined) query.where('e.assessor_id', narrow.assessorId);
      const codes = narrow.missingAnyOf;
      if (codes) {
        query.whereRaw(
          `(select count(*) from ??.round_score s where s.round_id = e.round_id and s.platform_id = e.platform_id
             and s.indicator_code = any(?::text[])) < ?`,
          [this.db.schema, codes, codes.length],
        );
      }
      return query;
    };
    const rows = ((await keysetPage(filtered(), page)) as EntryRow[]).map(toEntry);
    return toConnection(rows, page, () => countRows(filtered()));
  }

  async entriesByIds(ids: readonly string[]): Promise<RoundEntry[]> {
    return ((await this.db.table<EntryRow>('round_entry').whereIn('id', [...ids])) as EntryRow[]).map(toEntry);
  }

  /** Entered scores of the given entries. */
  async enteredScores(entryIds: readonly string[]): Promise<Map<string, Map<string, EnteredScore>>> {
    const rows = (await this.db
      .table('round_score')
      .whereRaw("round_id || '/' || platform_id = any(?::text[])", [[...entryIds]])) as {
      round_id: string;
      platform_id: string;
      indicator_code: string;
      score: string;
      comment: string;
    }[];
    const scores = new Map<string, Map<string, EnteredScore>>(entryIds.map((id) => [id, new Map()]));
    for (const row of rows) {
      scores
        .get(entryId(row.round_id, row.platform_id))
        ?.set(row.indicator_code, { score: Number(row.score), comment: row.comment });
    }
    return scores;
  }

  async regionResults(roundId: string): Promise<RegionResult[]> {
    const rows = await this.db
      .table<RegionRow>('round_region')
      .where({ round_id: roundId })
      .whereNotNull('rank')
      .orderBy('rank');
    const entries = (await this.db
      .table('round_entry')
      .where({ round_id: roundId })
      .select('region_code', 'industries', 'platform_id')) as {
      region_code: string | null;
      industries: string[];
      platform_id: string;
    }[];
    const totals = new Map(
      (
        (await this.db.table('assessment').where({ round_id: roundId }).select('platform_id', 'total')) as {
          platform_id: string;
          total: string;
        }[]
      ).map((row) => [row.platform_id, Number(row.total)]),
    );
    return rows.map((row) => {
      const mine = entries.filter((entry) => entry.region_code === row.region_code);
      return {
        regionCode: row.region_code,
        rank: row.rank as number,
        score: Number(row.score),
        platforms: mine.length,
        meanPlatformTotal: meanOf(mine.map((entry) => totals.get(entry.platform_id) ?? 0)),
        industriesCovered: industriesCovered(mine),
        instruments: row.instruments,
        openInstruments: row.open_instruments,
      };
    });
  }

  async gradeCounts(roundId: string): Promise<{ grade: Grade; count: number }[]> {
    const rows = (await this.db
      .table('assessment')
      .where({ round_id: roundId })
      .groupBy('grade')
      .select('grade', this.db.knex.raw('count(*)::int as count'))) as { grade: Grade; count: number }[];
    return (['EXCELLENT', 'GOOD', 'PASS', 'POOR'] as Grade[]).map((grade) => ({
      grade,
      count: rows.find((row) => row.grade === grade)?.count ?? 0,
    }));
  }

  async subsidyTotal(roundId: string): Promise<number> {
    const row = (await this.db
      .table('assessment')
      .where({ round_id: roundId })
      .sum({ total: 'subsidy_fen' })
      .first()) as { total: string | null } | undefined;
    return Number(row?.total ?? 0);
  }

  /** Opens a year's round with the figures just taken; one round a year, and only under a scheme. */
  async open(year: number, platforms: PlatformSnapshot[], regions: RegionSnapshot[], by: Claims): Promise<Round> {
    const id = `rnd-${year}`;
    return runWrite(
      this.db,
      async (tx) => {
        const row = await insertVersioned<RoundRow & { id: string }>(
          tx,
          ROUND,
          { id, year, status: 'OPEN', figures_taken_at: new Date().toISOString() },
          by,
        );
        for (const snapshot of platforms) {
          await insertVersioned(tx, ENTRY, { id: entryId(id, snapshot.platformId), ...entryColumns(id, snapshot) }, by);
        }
        await insertRegions(tx, id, regions);
        return toRound(row);
      },
      ROUND_FIELDS,
    );
  }

  /** Takes the figures again while the round is OPEN: platforms new to the graph join, gone ones leave. */
  async refresh(
    id: string,
    version: number,
    platforms: PlatformSnapshot[],
    regions: RegionSnapshot[],
    by: Claims,
  ): Promise<Round> {
    return runWrite(
      this.db,
      async (tx) => {
        const round = await lockRound(tx, id);
        mustBe(round, 'OPEN', 'take its figures again');
        const row = await updateVersioned<RoundRow>(
          tx,
          ROUND,
          id,
          version,
          { figures_taken_at: new Date().toISOString() },
          by,
          round,
        );
        const existing = new Map(
          (await tx.table<EntryRow>('round_entry').where({ round_id: id }).forUpdate()).map((entry) => [
            entry.platform_id,
            entry,
          ]),
        );
        for (const snapshot of platforms) {
          const current = existing.get(snapshot.platformId);
          const columns = entryColumns(id, snapshot);
          if (current) {
            await updateVersioned(tx, ENTRY, current.id, current.version, columns, by, current);
            existing.delete(snapshot.platformId);
          } else {
            await insertVersioned(tx, ENTRY, { id: entryId(id, snapshot.platformId), ...columns }, by);
          }
        }
        for (const gone of existing.values()) await tx.table('round_entry').where({ id: gone.id }).delete();
        await tx.table('round_region').where({ round_id: id }).delete();
        await insertRegions(tx, id, regions);
        return toRound(row);
      },
      ROUND_FIELDS,
    );
  }

  async assign(
    roundId: string,
    platformIds: readonly string[],
    assessorId: string,
    assessorEnterpriseId: string | null,
    by: Claims,
  ): Promise<Round> {
    if (platformIds.length === 0 || platformIds.length > 500) throw badUserInput('platformIds', 'give 1 to 500');
    return runWrite(
      this.db,
      async (tx) => {
        const round = await lockRound(tx, roundId, 'share');
        mustBe(round, 'OPEN', 'assign assessors');
        const entries = await tx
          .table<EntryRow>('round_entry')
          .where({ round_id: roundId })
          .whereIn('platform_id', [...platformIds])
          .forUpdate();
        const unknown = platformIds.filter((platformId) => !entries.some((entry) => entry.platform_id === platformId));
        if (unknown.length > 0) {
          throw badUserInput('platformIds', `not in round ${roundId}: ${unknown.join(', ')}`);
        }
        const own = entries.filter((entry) => assessorEnterpriseId && entry.operator_id === assessorEnterpriseId);
        if (own.length > 0) throw ownPlatform(own.map((entry) => entry.platform_id));
        for (const entry of entries) {
          await updateVersioned(
            tx,
            ENTRY,
            entry.id,
            entry.version,
            { assessor_id: assessorId, assessor_enterprise_id: assessorEnterpriseId },
            by,
            entry,
          );
        }
        return toRound(round);
      },
      ROUND_FIELDS,
    );
  }

  /** The assigned assessor's scores of ENTERED indicators, while the round is OPEN. */
  async score(
    roundId: string,
    platformId: string,
    scores: readonly { indicatorCode: string; score: number; comment: string }[],
    scheme: Scheme,
    by: Claims,
  ): Promise<RoundEntry> {
    const entered = new Set(scheme.indicators.filter((i) => i.source === 'ENTERED').map((i) => i.code));
    if (scores.length === 0) throw badUserInput('scores', 'give at least one score');
    const problems = scores.flatMap((given, index) => {
      if (!entered.has(given.indicatorCode)) {
        return [
          {
            field: `scores[${index}].indicatorCode`,
            reason: `${given.indicatorCode} is not an ENTERED indicator of the ${scheme.year} scheme`,
          },
        ];
      }
      if (scores.findIndex((other) => other.indicatorCode === given.indicatorCode) !== index) {
        return [{ field: `scores[${index}].indicatorCode`, reason: `${given.indicatorCode} is scored twice` }];
      }
      return [];
    });
    if (problems.length > 0) throw badUserInputs(problems);
    return runWrite(
      this.db,
      async (tx) => {
        const round = await lockRound(tx, roundId, 'share');
        mustBe(round, 'OPEN', 'take scores');
        const entry = (await tx
          .table('round_entry')
          .where({ id: entryId(roundId, platformId) })
          .first()) as EntryRow | undefined;
        if (!entry) throw notFound('RoundEntry', entryId(roundId, platformId));
        if (by.enterpriseId && entry.operator_id === by.enterpriseId) throw ownPlatform([platformId]);
        if (!by.userId || entry.assessor_id !== by.userId) {
          throw appError(ErrorCode.FORBIDDEN, `Only the assessor assigned to ${platformId} in ${roundId} scores it`);
        }
        for (const given of scores) {
          const id = `${entry.id}/${given.indicatorCode}`;
          const columns = { score: given.score, comment: given.comment.trim(), scored_by: by.userId };
          const current = await tx.table<VersionedRow>(SCORE.table).where({ id }).forUpdate().first();
          if (current) await updateVersioned(tx, SCORE, id, current.version, columns, by, current);
          else {
            await insertVersioned(
              tx,
              SCORE,
              { id, round_id: roundId, platform_id: platformId, indicator_code: given.indicatorCode, ...columns },
              by,
            );
          }
        }
        return toEntry(entry);
      },
      ROUND_FIELDS,
    );
  }

  /** OPEN ⇄ IN_REVIEW. */
  async move(id: string, version: number, from: RoundStatus, to: RoundStatus, by: Claims): Promise<Round> {
    return runWrite(this.db, async (tx) => {
      const round = await lockRound(tx, id);
      mustBe(round, from, `move it to ${to}`);
      return toRound(await updateVersioned<RoundRow>(tx, ROUND, id, version, { status: to }, by, round));
    });
  }

  /**
   * Publishes an IN_REVIEW round whose entered scores are all there: each platform's result
   * (total, grade, rank, subsidy, every indicator's score with its figure and comment) becomes an
   * assessment of the year, and each region gets its score and rank.
   */
  async publish(id: string, version: number, scheme: Scheme, by: Claims): Promise<Round> {
    return runWrite(
      this.db,
      async (tx) => {
        const round = await lockRound(tx, id);
        const entries = (await tx.table<EntryRow>('round_entry').where({ round_id: id }).orderBy('id')).map(toEntry);
        const scores = await new RoundModel(tx).enteredScores(entries.map((entry) => entry.id));
        const evaluated = entries.map((entry) => ({
          entry,
          evaluation: evaluate(scheme, entry.figures, scores.get(entry.id) ?? new Map()),
        }));
        const missing = evaluated.flatMap(({ entry, evaluation }) =>
          evaluation.missing.map((code) => ({ field: `${entry.platformId}.${code}`, reason: 'has no score yet' })),
        );
        if (missing.length > 0) throw badUserInputs(missing);
        mustBe(round, 'IN_REVIEW', 'publish it (review it first)');
        const published = await updateVersioned<RoundRow>(
          tx,
          ROUND,
          id,
          version,
          { status: 'PUBLISHED', published_at: new Date().toISOString() },
          by,
          round,
        );
        const ranked = rank(evaluated, scheme.tieBreakCode);
        const earned = subsidies(
          scheme,
          ranked.map(({ entry, evaluation }) => ({ platformId: entry.platformId, grade: evaluation.grade })),
        );
        const assessedOn = todayInGuizhou();
        for (const [index, { entry, evaluation }] of ranked.entries()) {
          const assessmentId = `asm-${round.year}-${entry.platformId}`;
          await tx.table('assessment').insert({
            id: assessmentId,
            platform_id: entry.platformId,
            year: round.year,
            total: evaluation.total,
            grade: evaluation.grade,
            assessed_on: assessedOn,
            region_code: entry.regionCode,
            round_id: id,
            rank: index + 1,
            subsidy_fen: earned.get(entry.platformId) ?? 0,
          });
          await tx.table('assessment_score').insert(
            evaluation.indicators.map((result) => ({
              assessment_id: assessmentId,
              year: round.year,
              indicator_code: result.indicator.code,
              score: result.score ?? 0,
              value: result.value,
              comment: result.comment,
            })),
          );
        }
        await scoreRegions(tx, id, scheme, evaluated);
        return toRound(published);
      },
      ROUND_FIELDS,
    );
  }
}

/** Best first: total, then the tie-break indicator's score, then platform id. */
function rank<T extends { entry: RoundEntry; evaluation: Evaluation }>(
  evaluated: T[],
  tieBreakCode: string | null,
): T[] {
  const tieBreak = (evaluation: Evaluation) =>
    evaluation.indicators.find((result) => result.indicator.code === tieBreakCode)?.score ?? 0;
  return [...evaluated].sort(
    (a, b) =>
      b.evaluation.total - a.evaluation.total ||
      tieBreak(b.evaluation) - tieBreak(a.evaluation) ||
      a.entry.platformId.localeCompare(b.entry.platformId),
  );
}

const meanOf = (values: number[]) =>
  values.length > 0 ? Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100 : 0;

function industriesCovered(entries: readonly { industries: string[] }[]): number {
  const served = new Set(entries.flatMap((entry) => entry.industries));
  return INDUSTRIES.filter((industry) => served.has(industry)).length;
}

/** A region's score: its platforms' mean total, key industries covered and instruments opened, weighed by the scheme. */
async function scoreRegions(
  tx: Database,
  roundId: string,
  scheme: Scheme,
  evaluated: { entry: RoundEntry; evaluation: Evaluation }[],
): Promise<void> {
  const regions = await tx.table<RegionRow>('round_region').where({ round_id: roundId });
  const weights = scheme.regionWeights;
  const scored = regions
    .map((region) => {
      const mine = evaluated.filter(({ entry }) => entry.regionCode === region.region_code);
      const mean = meanOf(mine.map(({ evaluation }) => evaluation.total));
      const coverage = industriesCovered(mine.map(({ entry }) => entry)) / INDUSTRIES.length;
      const open = region.instruments > 0 ? region.open_instruments / region.instruments : 0;
      const score =
        (weights.platforms * mean) / 100 + weights.industryCoverage * coverage + weights.openInstruments * open;
      const ranked = mine.length > 0 || region.instruments > 0; // a region with neither is not ranked
      return { code: region.region_code, ranked, score: Math.round(score * 100) / 100 };
    })
    .filter((region) => region.ranked)
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  for (const [index, region] of scored.entries()) {
    await tx
      .table('round_region')
      .where({ round_id: roundId, region_code: region.code })
      .update({ score: region.score, rank: index + 1 });
  }
}

async function insertRegions(tx: Database, roundId: string, regions: readonly RegionSnapshot[]): Promise<void> {
  if (regions.length === 0) return;
  await tx.table('round_region').insert(
    regions.map((region) => ({
      round_id: roundId,
      region_code: region.regionCode,
      instruments: region.instruments,
      open_instruments: region.openInstruments,
    })),
  );
}

async function lockRound(tx: Database, id: string, mode: 'update' | 'share' = 'update'): Promise<RoundRow> {
  const query = tx.table<RoundRow>(ROUND.table).where({ id });
  const round = (await (mode === 'update' ? query.forUpdate() : query.forShare()).first()) as RoundRow | undefined;
  if (!round) throw notFound('AssessmentRound', id);
  return round;
}

function mustBe(round: RoundRow, status: RoundStatus, toDo: string): void {
  if (round.status !== status) {
    throw appError(ErrorCode.CONFLICT, `Round ${round.id} is ${round.status}: it must be ${status} to ${toDo}`, {
      field: 'id',
      status: round.status,
    });
  }
}

function ownPlatform(platformIds: readonly string[]) {
  return appError(
    ErrorCode.FORBIDDEN,
    `An assessor never assesses a platform their own enterprise operates: ${platformIds.join(', ')}`,
    { platformIds },
  );
}

export type RoundEntryConnection = Connection<RoundEntry>;
