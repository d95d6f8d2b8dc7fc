import {
  alignByKey,
  type Change,
  type ChildPageKey,
  type Claims,
  type Connection,
  changedWindow,
  childConnectionLoader,
  classCodePrefix,
  type Database,
  dateRange,
  findRemovals,
  loadChangePages,
  numberRange,
  oneOrIn,
  type Page,
  parseListPage,
  type Removal,
  type RemovalArgs,
  regionCriteria,
  searchText,
  toConnection,
  valuesIn,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { InstrumentFilter, InstrumentOrder } from '../__generated__/resolvers-types.ts';
import {
  INSTRUMENT_ORDERS,
  type Instrument,
  type InstrumentConnection,
  type InstrumentCriteria,
  InstrumentModel,
  type InstrumentStatsRow,
  type OperationsChanges,
} from '../models/instrument.ts';

/** The arguments every instrument list takes. */
export interface ListArgs {
  first?: number | null;
  after?: string | null;
  filter?: InstrumentFilter | null;
  orderBy?: InstrumentOrder | null;
}

type PageKey = ChildPageKey<InstrumentCriteria, Instrument>;

/** Per request and per caller: batches and caches every instrument lookup the request makes. */
export class InstrumentSource {
  private readonly model: InstrumentModel;
  readonly byId: DataLoader<string, Instrument | null>;
  private readonly pagesByOwner: DataLoader<PageKey, InstrumentConnection, string>;
  private readonly pagesByPlatform: DataLoader<PageKey, InstrumentConnection, string>;
  private readonly pagesByRegion: DataLoader<PageKey, InstrumentConnection, string>;
  private readonly historyPages: DataLoader<ChildPageKey<unknown, Change>, Connection<Change>, string>;

  constructor(
    private readonly db: Database,
    private readonly viewer: Claims,
  ) {
    const model = new InstrumentModel(db);
    this.model = model;
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids, viewer), (i) => i.id));
    this.pagesByOwner = childConnectionLoader((keys) => model.findPagesBy('owner_id', keys, viewer));
    this.pagesByPlatform = childConnectionLoader((keys) => model.findPagesBy('platform_id', keys, viewer));
    this.pagesByRegion = childConnectionLoader((keys) => model.findPagesBy('region_code', keys, viewer));
    this.historyPages = childConnectionLoader((keys) => loadChangePages(db, 'Instrument', keys));
  }

  /** A filter checked and ready for SQL; `field` names it in errors. */
  async criteria(filter: InstrumentFilter | null | undefined, field: string): Promise<InstrumentCriteria> {
    const f = filter ?? {};
    return {
      industries: oneOrIn(f.industry, f.industryIn, `${field}.industry`),
      regionCodes: regionCriteria(f, field),
      ownerId: f.ownerId ?? null,
      ownerTypes: valuesIn(f.ownerTypeIn, `${field}.ownerTypeIn`),
      platformId: f.platformId ?? null,
      sharingModes: oneOrIn(f.sharingMode, f.sharingModeIn, `${field}.sharingMode`),
      statuses: oneOrIn(f.status, f.statusIn, `${field}.status`),
      classCodePrefix: classCodePrefix(f.classCode, `${field}.classCode`),
      originalValue: numberRange(f.originalValue, `${field}.originalValue`),
      startOfUse: dateRange(f.startOfUse, `${field}.startOfUse`),
      nameContains: searchText(f.nameContains, `${field}.nameContains`),
      changed: await changedWindow(this.db, f.updatedSince, `${field}.updatedSince`),
    };
  }

  private async listArgs(
    args: ListArgs,
    prefix: string,
  ): Promise<{ criteria: InstrumentCriteria; page: Page<Instrument> }> {
    const criteria = await this.criteria(args.filter, prefix ? `${prefix}.filter` : 'filter');
    return { criteria, page: parseListPage(args, criteria.changed, prefix, INSTRUMENT_ORDERS) };
  }

  async list(args: ListArgs): Promise<InstrumentConnection> {
    const { criteria, page } = await this.listArgs(args, '');
    const rows = await this.model.findPage(criteria, page, this.viewer);
    return toConnection(rows, page, () => this.model.count(criteria, this.viewer));
  }

  async pageOfOwner(ownerId: string, args: ListArgs): Promise<InstrumentConnection> {
    const { criteria, page } = await this.listArgs(args, 'instruments');
    return this.pagesByOwner.load({ parentId: ownerId, page, filter: criteria });
  }

  async pageOfPlatform(platformId: string, args: ListArgs): Promise<InstrumentConnection> {
    const { criteria, page } = await this.listArgs(args, 'instruments');
    return this.pagesByPlatform.load({ parentId: platformId, page, filter: criteria });
  }

  async pageOfRegion(regionCode: string, args: ListArgs): Promise<InstrumentConnection> {
    const { criteria, page } = await this.listArgs(args, 'instruments');
    return this.pagesByRegion.load({ parentId: regionCode, page, filter: criteria });
  }

  async stats(filter: InstrumentFilter | null | undefined, groupBy: readonly string[]): Promise<InstrumentStatsRow[]> {
    return this.model.stats(await this.criteria(filter, 'filter'), groupBy, this.viewer);
  }

  removals(args: RemovalArgs): Promise<Connection<Removal>> {
    return findRemovals(this.db, 'Instrument', args);
  }

  history(instrumentId: string, page: Page<Change>): Promise<Connection<Change>> {
    return this.historyPages.load({ parentId: instrumentId, page });
  }

  async updateOperations(id: string, version: number, changes: OperationsChanges): Promise<Instrument> {
    const updated = await this.model.updateOperations(id, version, changes, this.viewer);
    this.byId.clear(id).prime(id, updated);
    return updated;
  }
}
