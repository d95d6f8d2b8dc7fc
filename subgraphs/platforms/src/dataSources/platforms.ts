import {
  alignByKey,
  type ChildPageKey,
  childConnectionLoader,
  type Database,
  groupByKey,
  type Page,
  toConnection,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import { type Capability, CapabilityModel } from '../models/capability.ts';
import { type Platform, type PlatformConnection, type PlatformFilter, PlatformModel } from '../models/platform.ts';

/** Per request: batches and caches every platform lookup the request makes. */
export class PlatformSource {
  private readonly model: PlatformModel;
  readonly byId: DataLoader<string, Platform | null>;
  readonly capabilitiesOf: DataLoader<string, Capability[]>;
  private readonly pagesByOperator: DataLoader<ChildPageKey, PlatformConnection, string>;

  constructor(db: Database) {
    const model = new PlatformModel(db);
    const capabilities = new CapabilityModel(db);
    this.model = model;
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids), (p) => p.id));
    this.capabilitiesOf = new DataLoader(async (ids) =>
      groupByKey(ids, await capabilities.findByPlatformIds(ids), (c) => c.platformId),
    );
    this.pagesByOperator = childConnectionLoader(
      (keys) => model.findPagesByOperator(keys),
      (p) => p.id,
    );
  }

  async list(filter: PlatformFilter, page: Page): Promise<PlatformConnection> {
    const rows = await this.model.findPage(filter, page);
    return toConnection(
      rows,
      page,
      (p) => p.id,
      () => this.model.count(filter),
    );
  }

  pageOfOperator(operatorId: string, page: Page): Promise<PlatformConnection> {
    return this.pagesByOperator.load({ parentId: operatorId, page });
  }
}
