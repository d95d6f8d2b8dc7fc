import {
  alignByKey,
  type Change,
  type ChildPageKey,
  type Claims,
  type Connection,
  changedWindow,
  childConnectionLoader,
  type Database,
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
  EnterpriseFilter,
  EnterpriseOrder,
  EnterprisePatch,
  EnterpriseRecordInput,
  EnterpriseSearchOrder,
} from '../__generated__/resolvers-types.ts';
import {
  ENTERPRISE_ORDERS,
  type Enterprise,
  type EnterpriseConnection,
  type EnterpriseCriteria,
  EnterpriseModel,
  type EnterpriseStatsRow,
} from '../models/enterprise.ts';
import { type EnterprisePushResult, RegistryModel } from '../models/registry.ts';
import {
  ENTERPRISE_SEARCH_ORDERS,
  type EnterpriseHit,
  EnterpriseSearch,
  type EnterpriseSearchConnection,
} from '../models/search.ts';

export interface SearchArgs {
  text?: string | null;
  filter?: EnterpriseFilter | null;
  orderBy?: EnterpriseSearchOrder | null;
  first?: number | null;
  after?: string | null;
}

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

  private readonly registry: RegistryModel;
  private readonly historyPages: DataLoader<ChildPageKey<unknown, Change>, Connection<Change>, string>;

  constructor(
    private readonly db: Database,
    private readonly viewer: Claims,
  ) {
    const model = new EnterpriseModel(db);
    this.model = model;
    this.registry = new RegistryModel(db);
    this.historyPages = childConnectionLoader((keys) => loadChangePages(db, 'Enterprise', keys));
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
      inProvince: f.inProvince ?? null,
      scales: valuesIn(f.scaleIn, `${field}.scaleIn`),
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

  /** `withFacets`: the request selects the facets (then the total comes with them). */
  async search(args: SearchArgs, withFacets: boolean): Promise<EnterpriseSearchConnection> {
    const text = searchText(args.text, 'text');
    const criteria = await this.criteria(args.filter, 'filter');
    // Without text there is no relevance: by name. RELEVANCE and NEWEST only run downwards.
    let field = args.orderBy?.field ?? 'RELEVANCE';
    if (field === 'RELEVANCE' && !text) field = 'NAME';
    const direction = field === 'RELEVANCE' || field === 'NEWEST' ? 'DESC' : (args.orderBy?.direction ?? 'ASC');
    const page = parsePage<EnterpriseHit>(
      { first: args.first, after: args.after, orderBy: { field, direction } },
      '',
      ENTERPRISE_SEARCH_ORDERS,
    );
    return new EnterpriseSearch(this.db).search(text, criteria, page, withFacets);
  }

  history(enterpriseId: string, page: Page<Change>): Promise<Connection<Change>> {
    return this.historyPages.load({ parentId: enterpriseId, page });
  }

  /** A partner's push: every record's outcome (see the registry model for the rules). */
  push(records: readonly EnterpriseRecordInput[]): Promise<EnterprisePushResult[]> {
    return this.registry.push(records, this.viewer);
  }

  /** An edit returns the record as stored; the request's caches learn it. */
  async update(id: string, version: number, patch: EnterprisePatch): Promise<Enterprise> {
    const enterprise = await this.registry.update(id, version, patch, this.viewer);
    this.byId.clear(id).prime(id, enterprise);
    this.byCreditCode.clear(enterprise.creditCode).prime(enterprise.creditCode, enterprise);
    return enterprise;
  }
}
