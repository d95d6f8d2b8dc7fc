import {
  alignByKey,
  type Change,
  type ChildPageKey,
  type Claims,
  type Connection,
  childConnectionLoader,
  type Database,
  loadChangePages,
  type Page,
  toConnection,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import {
  type Instrument,
  type InstrumentConnection,
  type InstrumentFilter,
  InstrumentModel,
  type OperationsChanges,
} from '../models/instrument.ts';

/** Per request and per caller: batches and caches every instrument lookup the request makes. */
export class InstrumentSource {
  private readonly model: InstrumentModel;
  readonly byId: DataLoader<string, Instrument | null>;
  private readonly pagesByOwner: DataLoader<ChildPageKey, InstrumentConnection, string>;
  private readonly pagesByPlatform: DataLoader<ChildPageKey, InstrumentConnection, string>;
  private readonly historyPages: DataLoader<ChildPageKey, Connection<Change>, string>;

  constructor(
    db: Database,
    private readonly viewer: Claims,
  ) {
    const model = new InstrumentModel(db);
    this.model = model;
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids, viewer), (i) => i.id));
    this.pagesByOwner = childConnectionLoader(
      (keys) => model.findPagesBy('owner_id', keys, viewer),
      (i) => i.id,
    );
    this.pagesByPlatform = childConnectionLoader(
      (keys) => model.findPagesBy('platform_id', keys, viewer),
      (i) => i.id,
    );
    this.historyPages = childConnectionLoader(
      (keys) => loadChangePages(db, 'Instrument', keys),
      (change) => change.id,
    );
  }

  async list(filter: InstrumentFilter, page: Page): Promise<InstrumentConnection> {
    const rows = await this.model.findPage(filter, page, this.viewer);
    return toConnection(
      rows,
      page,
      (i) => i.id,
      () => this.model.count(filter, this.viewer),
    );
  }

  pageOfOwner(ownerId: string, page: Page): Promise<InstrumentConnection> {
    return this.pagesByOwner.load({ parentId: ownerId, page });
  }

  pageOfPlatform(platformId: string, page: Page): Promise<InstrumentConnection> {
    return this.pagesByPlatform.load({ parentId: platformId, page });
  }

  history(instrumentId: string, page: Page): Promise<Connection<Change>> {
    return this.historyPages.load({ parentId: instrumentId, page });
  }

  async updateOperations(id: string, version: number, changes: OperationsChanges): Promise<Instrument> {
    const updated = await this.model.updateOperations(id, version, changes, this.viewer);
    this.byId.clear(id).prime(id, updated);
    return updated;
  }
}
