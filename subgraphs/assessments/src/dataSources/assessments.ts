import {
  alignByKey,
  badUserInput,
  type Connection,
  changedWindow,
  type Database,
  findRemovals,
  groupByKey,
  numberRange,
  oneOrIn,
  parseListPage,
  type Removal,
  type RemovalArgs,
  regionCriteria,
  toConnection,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { AssessmentFilter, AssessmentOrder } from '../__generated__/resolvers-types.ts';
import {
  ASSESSMENT_ORDERS,
  type Assessment,
  type AssessmentConnection,
  type AssessmentCriteria,
  AssessmentModel,
  type AssessmentStatsRow,
  type IndicatorScore,
} from '../models/assessment.ts';
import { type Indicator, type Scheme, SchemeModel } from '../models/scheme.ts';

export interface ListArgs {
  first?: number | null;
  after?: string | null;
  filter?: AssessmentFilter | null;
  orderBy?: AssessmentOrder | null;
}

interface RegionStatsKey {
  regionCode: string;
  criteria: AssessmentCriteria;
  groupBy: readonly string[];
}

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** Per request: batches and caches every assessment lookup the request makes. */
export class AssessmentSource {
  private readonly model: AssessmentModel;
  private readonly schemeModel: SchemeModel;
  /** Schemes by year; null where a year has none. */
  readonly schemeOf: DataLoader<number, Scheme | null>;
  /** A platform's total in a year, by "platform/year". */
  readonly totalOf: DataLoader<{ platformId: string; year: number }, number | null, string>;
  readonly byId: DataLoader<string, Assessment | null>;
  /** Newest first, so the latest assessment is the first. */
  readonly ofPlatform: DataLoader<string, Assessment[]>;
  readonly scoresOf: DataLoader<string, IndicatorScore[]>;
  private readonly statsOfRegion: DataLoader<RegionStatsKey, AssessmentStatsRow[], string>;

  constructor(private readonly db: Database) {
    const model = new AssessmentModel(db);
    this.model = model;
    const schemes = new SchemeModel(db);
    this.schemeModel = schemes;
    this.schemeOf = new DataLoader(async (years) => alignByKey(years, await schemes.find(years), (s) => s.year));
    this.totalOf = new DataLoader(
      async (keys) => {
        const totals = await model.totalsOf(keys);
        return keys.map((key) => totals.get(`${key.platformId}/${key.year}`) ?? null);
      },
      { cacheKeyFn: (key) => `${key.platformId}/${key.year}` },
    );
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids), (a) => a.id));
    this.ofPlatform = new DataLoader(async (platformIds) =>
      groupByKey(platformIds, await model.findByPlatformIds(platformIds), (a) => a.platformId),
    );
    this.scoresOf = new DataLoader(async (ids) => groupByKey(ids, await model.findScores(ids), (s) => s.assessmentId));
    // Regions asking the same question are answered by one statement.
    const question = ({ criteria, groupBy }: RegionStatsKey) => JSON.stringify([criteria, groupBy]);
    this.statsOfRegion = new DataLoader(
      async (keys) => {
        const answers = new Map<string, Map<string, AssessmentStatsRow[]>>();
        for (const key of keys) {
          if (answers.has(question(key))) continue;
          const regions = keys.filter((other) => question(other) === question(key)).map((other) => other.regionCode);
          answers.set(question(key), await model.statsByRegion(regions, key.criteria, key.groupBy));
        }
        return keys.map((key) => answers.get(question(key))?.get(key.regionCode) ?? []);
      },
      { cacheKeyFn: (key) => `${key.regionCode}\u0000${question(key)}` },
    );
  }

  async criteria(filter: AssessmentFilter | null | undefined, field: string): Promise<AssessmentCriteria> {
    const f = filter ?? {};
    const outside = (year: number | null | undefined) => year != null && (year < FIRST_YEAR || year > LAST_YEAR);
    if (outside(f.year)) throw badUserInput(`${field}.year`, `must be between ${FIRST_YEAR} and ${LAST_YEAR}`);
    if (outside(f.years?.min) || outside(f.years?.max)) {
      throw badUserInput(`${field}.years`, `must lie between ${FIRST_YEAR} and ${LAST_YEAR}`);
    }
    const years = numberRange(f.years, `${field}.years`);
    const total = numberRange(f.total, `${field}.total`);
    if ((total?.max ?? 0) > 100) throw badUserInput(`${field}.total.max`, 'totals are at most 100');
    return {
      years:
        f.year != null
          ? { min: Math.max(f.year, years?.min ?? f.year), max: Math.min(f.year, years?.max ?? f.year) }
          : years,
      grades: oneOrIn(f.grade, f.gradeIn, `${field}.grade`),
      platformId: f.platformId ?? null,
      regionCodes: regionCriteria(f, field),
      total,
      changed: await changedWindow(this.db, f.updatedSince, `${field}.updatedSince`),
    };
  }

  async list(args: ListArgs): Promise<AssessmentConnection> {
    const criteria = await this.criteria(args.filter, 'filter');
    const page = parseListPage(args, criteria.changed, '', ASSESSMENT_ORDERS);
    const rows = await this.model.findPage(criteria, page);
    return toConnection(rows, page, () => this.model.count(criteria));
  }

  async stats(filter: AssessmentFilter | null | undefined, groupBy: readonly string[]): Promise<AssessmentStatsRow[]> {
    return this.model.stats(await this.criteria(filter, 'filter'), groupBy);
  }

  async statsOf(
    regionCode: string,
    filter: AssessmentFilter | null | undefined,
    groupBy: readonly string[],
  ): Promise<AssessmentStatsRow[]> {
    if (new Set(groupBy).size > 3)
      throw badUserInput('assessmentStats.groupBy', 'groups by at most 3 dimensions at once');
    const criteria = await this.criteria(filter, 'assessmentStats.filter');
    return this.statsOfRegion.load({ regionCode, criteria, groupBy: [...new Set(groupBy)] });
  }

  removals(args: RemovalArgs): Promise<Connection<Removal>> {
    return findRemovals(this.db, 'Assessment', args);
  }

  async latestOf(platformId: string): Promise<Assessment | null> {
    return (await this.ofPlatform.load(platformId))[0] ?? null;
  }

  /** A year's indicators, or the latest scheme's. */
  async indicators(year: number | null | undefined): Promise<Indicator[] | null> {
    const chosen = year ?? (await this.schemeModel.latestYear());
    if (chosen == null) return [];
    return (await this.schemeOf.load(chosen))?.indicators ?? null;
  }

  schemes(): Promise<Scheme[]> {
    return this.schemeModel.find();
  }

  saveScheme(...args: Parameters<SchemeModel['save']>): Promise<Scheme> {
    return this.schemeModel.save(...args);
  }
}
