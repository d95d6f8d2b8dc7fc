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
  parsePage,
  type Removal,
  type RemovalArgs,
  regionCriteria,
  searchText,
  toConnection,
  valuesIn,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type {
  InstrumentFilter,
  InstrumentOrder,
  InstrumentPushInput,
  InstrumentRecordInput,
  InstrumentRecordPatch,
  InstrumentSearchOrder,
} from '../__generated__/resolvers-types.ts';
import { ClassificationModel, type InstrumentClass } from '../models/classification.ts';
import {
  INSTRUMENT_ORDERS,
  type Instrument,
  type InstrumentConnection,
  type InstrumentCriteria,
  InstrumentModel,
  type InstrumentStatsRow,
  type OperationsChanges,
  type PushResult,
} from '../models/instrument.ts';
import { InstrumentSearch, type InstrumentSearchConnection, SEARCH_ORDERS, type SearchHit } from '../models/search.ts';
import { freeWindowOf } from './bookings.ts';

export interface SearchArgs {
  text?: string | null;
  filter?: InstrumentFilter | null;
  orderBy?: InstrumentSearchOrder | null;
  first?: number | null;
  after?: string | null;
}

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
  private readonly classification: ClassificationModel;
  readonly classByCode: DataLoader<string, InstrumentClass | null>;

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
    const classification = new ClassificationModel(db);
    this.classification = classification;
    this.classByCode = new DataLoader(async (codes) =>
      alignByKey(codes, await classification.findByCodes(codes), (c) => c.code),
    );
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
      hasFee: f.hasFee ?? null,
      reviewStatuses: valuesIn(f.reviewStatusIn, `${field}.reviewStatusIn`),
      changed: await changedWindow(this.db, f.updatedSince, `${field}.updatedSince`),
      freeBetween: freeWindowOf(f.freeBetween, `${field}.freeBetween`, this.viewer, this.db.schema),
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

  /** `withFacets`: the request selects the facets (then the total comes with them). */
  async search(args: SearchArgs, withFacets: boolean): Promise<InstrumentSearchConnection> {
    const text = searchText(args.text, 'text');
    const criteria = await this.criteria(args.filter, 'filter');
    // Without text there is no relevance: the newest come first. RELEVANCE and NEWEST only run downwards.
    let field = args.orderBy?.field ?? 'RELEVANCE';
    if (field === 'RELEVANCE' && !text) field = 'NEWEST';
    const direction = field === 'RELEVANCE' || field === 'NEWEST' ? 'DESC' : (args.orderBy?.direction ?? 'ASC');
    const page = parsePage<SearchHit>(
      { first: args.first, after: args.after, orderBy: { field, direction } },
      '',
      SEARCH_ORDERS,
    );
    return new InstrumentSearch(this.db).search(text, criteria, page, this.viewer, withFacets);
  }

  classes(parentCode: string | null | undefined): Promise<InstrumentClass[]> {
    return this.classification.children(parentCode?.trim() || null);
  }

  /** Every edit returns the record as stored; the request's cache learns it. */
  private remember(instrument: Instrument): Instrument {
    this.byId.clear(instrument.id).prime(instrument.id, instrument);
    return instrument;
  }

  async updateOperations(id: string, version: number, changes: OperationsChanges): Promise<Instrument> {
    return this.remember(await this.model.updateOperations(id, version, changes, this.viewer));
  }

  async create(ownerId: string | null | undefined, input: InstrumentRecordInput): Promise<Instrument> {
    return this.remember(await this.model.create(ownerId ?? null, input, this.viewer));
  }

  async updateRecord(id: string, version: number, patch: InstrumentRecordPatch): Promise<Instrument> {
    return this.remember(await this.model.updateRecord(id, version, patch, this.viewer));
  }

  async submit(id: string, version: number): Promise<Instrument> {
    return this.remember(await this.model.submit(id, version, this.viewer));
  }

  async publish(id: string, version: number): Promise<Instrument> {
    return this.remember(await this.model.publish(id, version, this.viewer));
  }

  async reject(id: string, version: number, reason: string): Promise<Instrument> {
    return this.remember(await this.model.reject(id, version, reason, this.viewer));
  }

  async retire(id: string, version: number): Promise<Instrument> {
    return this.remember(await this.model.retire(id, version, this.viewer));
  }

  /** A partner's push: every record's outcome (see the model for the rules). */
  push(records: readonly InstrumentPushInput[]): Promise<PushResult[]> {
    return this.model.push(records, this.viewer);
  }
}
