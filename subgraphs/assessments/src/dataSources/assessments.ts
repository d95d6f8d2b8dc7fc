import { alignByKey, type Database, groupByKey, type Page, toConnection } from '@gzequip/kit';
import DataLoader from 'dataloader';
import {
  type Assessment,
  type AssessmentConnection,
  type AssessmentFilter,
  AssessmentModel,
  type IndicatorScore,
} from '../models/assessment.ts';
import { type Indicator, IndicatorModel } from '../models/indicator.ts';

/** Per request: batches and caches every assessment lookup the request makes. */
export class AssessmentSource {
  private readonly model: AssessmentModel;
  private readonly indicatorModel: IndicatorModel;
  readonly byId: DataLoader<string, Assessment | null>;
  /** Newest first, so the latest assessment is the first. */
  readonly ofPlatform: DataLoader<string, Assessment[]>;
  readonly scoresOf: DataLoader<string, IndicatorScore[]>;

  constructor(db: Database) {
    const model = new AssessmentModel(db);
    this.model = model;
    this.indicatorModel = new IndicatorModel(db);
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids), (a) => a.id));
    this.ofPlatform = new DataLoader(async (platformIds) =>
      groupByKey(platformIds, await model.findByPlatformIds(platformIds), (a) => a.platformId),
    );
    this.scoresOf = new DataLoader(async (ids) => groupByKey(ids, await model.findScores(ids), (s) => s.assessmentId));
  }

  async list(filter: AssessmentFilter, page: Page): Promise<AssessmentConnection> {
    const rows = await this.model.findPage(filter, page);
    return toConnection(
      rows,
      page,
      (a) => a.id,
      () => this.model.count(filter),
    );
  }

  async latestOf(platformId: string): Promise<Assessment | null> {
    return (await this.ofPlatform.load(platformId))[0] ?? null;
  }

  indicators(): Promise<Indicator[]> {
    return this.indicatorModel.findAll();
  }
}
