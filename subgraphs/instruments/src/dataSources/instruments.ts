import {
  alignByKey,
  type ChildPageKey,
  type Claims,
  childConnectionLoader,
  type Database,
  type Page,
  toConnection,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import {
  type Instrument,
  type InstrumentConnection,
  type InstrumentFilter,
  InstrumentModel,
} from '../models/instrument.ts';

/** Per request and per caller: batches and caches every instrument lookup the request makes. */
export class InstrumentSource {
  private readonly model: InstrumentModel;
  readonly byId: DataLoader<string, Instrument | null>;
  private readonly pagesByOwner: DataLoader<ChildPageKey, InstrumentConnection, string>;
  private readonly pagesByPlatform: DataLoader<ChildPageKey, InstrumentConnection, string>;

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
}
