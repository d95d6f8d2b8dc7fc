import {
  alignByKey,
  type ChildPageKey,
  type Connection,
  changedWindow,
  childConnectionLoader,
  type Database,
  findRemovals,
  groupByKey,
  notFound,
  numberRange,
  oneOrIn,
  type Page,
  parseListPage,
  type Removal,
  type RemovalArgs,
  regionCriteria,
  searchText,
  toConnection,
  todayInGuizhou,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { PlatformFilter, PlatformOrder } from '../__generated__/resolvers-types.ts';
import { ActivityModel, type PlatformActivityYear } from '../models/activity.ts';
import { type Capability, CapabilityModel } from '../models/capability.ts';
import {
  PLATFORM_ORDERS,
  type Platform,
  type PlatformConnection,
  type PlatformCriteria,
  PlatformModel,
  type PlatformStatsRow,
} from '../models/platform.ts';

export interface ListArgs {
  first?: number | null;
  after?: string | null;
  filter?: PlatformFilter | null;
  orderBy?: PlatformOrder | null;
}

type PageKey = ChildPageKey<PlatformCriteria, Platform>;

/** Per request: batches and caches every platform lookup the request makes. */
export class PlatformSource {
  private readonly model: PlatformModel;
  readonly byId: DataLoader<string, Platform | null>;
  readonly capabilitiesOf: DataLoader<string, Capability[]>;
  /** Each platform's years of activity, oldest first: the same for every caller. */
  readonly activityOf: DataLoader<string, PlatformActivityYear[]>;
  private readonly pagesByOperator: DataLoader<PageKey, PlatformConnection, string>;
  private readonly pagesByRegion: DataLoader<PageKey, PlatformConnection, string>;

  constructor(private readonly db: Database) {
    const model = new PlatformModel(db);
    const capabilities = new CapabilityModel(db);
    this.model = model;
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids), (p) => p.id));
    this.capabilitiesOf = new DataLoader(async (ids) =>
      groupByKey(ids, await capabilities.findByPlatformIds(ids), (c) => c.platformId),
    );
    const activity = new ActivityModel(db);
    this.activityOf = new DataLoader(async (ids) =>
      groupByKey(ids, await activity.findByPlatformIds(ids, todayInGuizhou()), (a) => a.platformId),
    );
    this.pagesByOperator = childConnectionLoader((keys) => model.findPagesBy('operator_id', keys));
    this.pagesByRegion = childConnectionLoader((keys) => model.findPagesBy('region_code', keys));
  }

  /** A platform another record points at: NOT_FOUND if it is gone (the record's foreign key forbids that). */
  async existing(id: string): Promise<Platform> {
    const platform = await this.byId.load(id);
    if (!platform) throw notFound('Platform', id);
    return platform;
  }

  async criteria(filter: PlatformFilter | null | undefined, field: string): Promise<PlatformCriteria> {
    const f = filter ?? {};
    return {
      kinds: oneOrIn(f.kind, f.kindIn, `${field}.kind`),
      industries: oneOrIn(f.industry, f.industryIn, `${field}.industry`),
      regionCodes: regionCriteria(f, field),
      operatorId: f.operatorId ?? null,
      establishedYear: numberRange(f.establishedYear, `${field}.establishedYear`),
      nameContains: searchText(f.nameContains, `${field}.nameContains`),
      capabilityContains: searchText(f.capabilityContains, `${field}.capabilityContains`),
      changed: await changedWindow(this.db, f.updatedSince, `${field}.updatedSince`),
    };
  }

  private async listArgs(
    args: ListArgs,
    prefix: string,
  ): Promise<{ criteria: PlatformCriteria; page: Page<Platform> }> {
    const criteria = await this.criteria(args.filter, prefix ? `${prefix}.filter` : 'filter');
    return { criteria, page: parseListPage(args, criteria.changed, prefix, PLATFORM_ORDERS) };
  }

  async list(args: ListArgs): Promise<PlatformConnection> {
    const { criteria, page } = await this.listArgs(args, '');
    const rows = await this.model.findPage(criteria, page);
    return toConnection(rows, page, () => this.model.count(criteria));
  }

  async pageOfOperator(operatorId: string, args: ListArgs): Promise<PlatformConnection> {
    const { criteria, page } = await this.listArgs(args, 'platforms');
    return this.pagesByOperator.load({ parentId: operatorId, page, filter: criteria });
  }

  async pageOfRegion(regionCode: string, args: ListArgs): Promise<PlatformConnection> {
    const { criteria, page } = await this.listArgs(args, 'platforms');
    return this.pagesByRegion.load({ parentId: regionCode, page, filter: criteria });
  }

  async stats(filter: PlatformFilter | null | undefined, groupBy: readonly string[]): Promise<PlatformStatsRow[]> {
    return this.model.stats(await this.criteria(filter, 'filter'), groupBy);
  }

  removals(args: RemovalArgs): Promise<Connection<Removal>> {
    return findRemovals(this.db, 'Platform', args);
  }
}
