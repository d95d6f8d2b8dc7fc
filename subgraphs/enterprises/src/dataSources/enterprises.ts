import {
  alignByKey,
  type ChildPageKey,
  childConnectionLoader,
  type Database,
  type Page,
  toConnection,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import {
  type Enterprise,
  type EnterpriseConnection,
  type EnterpriseFilter,
  EnterpriseModel,
} from '../models/enterprise.ts';

/** Per request: batches and caches every enterprise lookup the request makes. */
export class EnterpriseSource {
  private readonly model: EnterpriseModel;
  readonly byId: DataLoader<string, Enterprise | null>;
  readonly byCreditCode: DataLoader<string, Enterprise | null>;
  private readonly pagesByRegion: DataLoader<ChildPageKey, EnterpriseConnection, string>;

  constructor(db: Database) {
    const model = new EnterpriseModel(db);
    this.model = model;
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids), (e) => e.id));
    this.byCreditCode = new DataLoader(async (codes) =>
      alignByKey(codes, await model.findByCreditCodes(codes), (e) => e.creditCode),
    );
    this.pagesByRegion = childConnectionLoader(
      (keys) => model.findPagesByRegion(keys),
      (e) => e.id,
    );
  }

  async list(filter: EnterpriseFilter, page: Page): Promise<EnterpriseConnection> {
    const rows = await this.model.findPage(filter, page);
    return toConnection(
      rows,
      page,
      (e) => e.id,
      () => this.model.count(filter),
    );
  }

  pageOfRegion(regionCode: string, page: Page): Promise<EnterpriseConnection> {
    return this.pagesByRegion.load({ parentId: regionCode, page });
  }
}
