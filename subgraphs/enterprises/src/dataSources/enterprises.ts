import {
  alignByKey,
  type ChildPageKey,
  type Connection,
  changedWindow,
  childConnectionLoader,
  type Database,
  findRemovals,
  numberRange,
  oneOrIn,
  type Page,
  parseListPage,
  type Removal,
  type RemovalArgs,
  regionCriteria,
  searchText,
  toConnection,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { EnterpriseFilter, EnterpriseOrder } from '../__generated__/resolvers-types.ts';
import {
  ENTERPRISE_ORDERS,
  type Enterprise,
  type EnterpriseConnection,
  type EnterpriseCriteria,
  EnterpriseModel,
  type EnterpriseStatsRow,
} from '../models/enterprise.ts';

export interface ListArgs {
  first?: number | null;
  after?: string | null;
  filter?: EnterpriseFilter | null;
  orderBy?: EnterpriseOrder | null;
}

/** Per request: batches and caches every enterprise lookup the request makes. */
export class EnterpriseSource {
  private readonly model: EnterpriseModel;
  readonly byId: DataLoader<string, Enterprise | null>;
  readonly byCreditCode: DataLoader<string, Enterprise | null>;
  private readonly pagesByRegion: DataLoader<
    ChildPageKey<EnterpriseCriteria, Enterprise>,
    EnterpriseConnection,
    string
  >;

  constructor(private readonly db: Database) {
    const model = new EnterpriseModel(db);
    this.model = model;
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids), (e) => e.id));
    this.byCreditCode = new DataLoader(async (codes) =>
      alignByKey(codes, await model.findByCreditCodes(codes), (e) => e.creditCode),
    );
    this.pagesByRegion = childConnectionLoader((keys) => model.findPagesByRegion(keys));
  }

  async criteria(filter: EnterpriseFilter | null | undefined, field: string): Promise<EnterpriseCriteria> {
    const f = filter ?? {};
    return {
      types: oneOrIn(f.type, f.typeIn, `${field}.type`),
      industries: oneOrIn(f.industry, f.industryIn, `${field}.industry`),
      regionCodes: regionCriteria(f, field),
      foundedYear: numberRange(f.foundedYear, `${field}.foundedYear`),
      nameContains: searchText(f.nameContains, `${field}.nameContains`),
      changed: await changedWindow(this.db, f.updatedSince, `${field}.updatedSince`),
    };
  }

  private async listArgs(
    args: ListArgs,
    prefix: string,
  ): Promise<{ criteria: EnterpriseCriteria; page: Page<Enterprise> }> {
    const criteria = await this.criteria(args.filter, prefix ? `${prefix}.filter` : 'filter');
    return { criteria, page: parseListPage(args, criteria.changed, prefix, ENTERPRISE_ORDERS) };
  }

  async list(args: ListArgs): Promise<EnterpriseConnection> {
    const { criteria, page } = await this.listArgs(args, '');
    const rows = await this.model.findPage(criteria, page);
    return toConnection(rows, page, () => this.model.count(criteria));
  }

  async pageOfRegion(regionCode: string, args: ListArgs): Promise<EnterpriseConnection> {
    const { criteria, page } = await this.listArgs(args, 'enterprises');
    return this.pagesByRegion.load({ parentId: regionCode, page, filter: criteria });
  }

  async stats(filter: EnterpriseFilter | null | undefined, groupBy: readonly string[]): Promise<EnterpriseStatsRow[]> {
    return this.model.stats(await this.criteria(filter, 'filter'), groupBy);
  }

  removals(args: RemovalArgs): Promise<Connection<Removal>> {
    return findRemovals(this.db, 'Enterprise', args);
  }
}
