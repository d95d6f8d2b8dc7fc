import {
  alignByKey,
  badUserInput,
  type Change,
  type ChildPageKey,
  type Claims,
  type Connection,
  changedWindow,
  childConnectionLoader,
  type Database,
  dateRange,
  loadChangePages,
  numberRange,
  oneOrIn,
  type Page,
  parseListPage,
  parsePage,
  REGIONS,
  regionCriteria,
  searchText,
  toConnection,
  valuesIn,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type {
  DemandFilter,
  DemandInput,
  DemandOrder,
  MatchFactorName,
  MatchingEventFilter,
  MatchingEventInput,
  OutcomeInput,
  ProductFilter,
  ProductInput,
  ProductOrder,
} from '../__generated__/resolvers-types.ts';
import {
  DEMAND_ORDERS,
  type Demand,
  type DemandCandidate,
  type DemandConnection,
  type DemandCriteria,
  DemandModel,
  type DemandStatsRow,
} from '../models/demand.ts';
import {
  EVENT_ORDERS,
  type EventDeal,
  type EventLinks,
  EventModel,
  type MatchingEvent,
  type MatchingEventConnection,
} from '../models/events.ts';
import { matchDemand, type SupplierMatch } from '../models/matching.ts';
import {
  PRODUCT_ORDERS,
  type Product,
  type ProductClass,
  type ProductConnection,
  type ProductCriteria,
  ProductModel,
} from '../models/product.ts';

/** Most matches one demand lists. */
const MAX_MATCHES = 100;

export interface ProductListArgs {
  filter?: ProductFilter | null;
  orderBy?: ProductOrder | null;
  first?: number | null;
  after?: string | null;
}

export interface DemandListArgs {
  filter?: DemandFilter | null;
  orderBy?: DemandOrder | null;
  first?: number | null;
  after?: string | null;
}

/** Per request and per caller: products, classes, demands and their shortlists, batched. */
export class SupplyDemandSource {
  private readonly demands: DemandModel;
  private readonly products: ProductModel;
  readonly productById: DataLoader<string, Product | null>;
  readonly classByCode: DataLoader<string, ProductClass | null>;
  readonly demandById: DataLoader<string, Demand | null>;
  readonly candidatesOf: DataLoader<string, DemandCandidate[]>;
  private readonly events: EventModel;
  readonly eventById: DataLoader<string, MatchingEvent | null>;
  readonly eventLinks: DataLoader<string, EventLinks>;
  readonly eventDeals: DataLoader<string, EventDeal[]>;
  private readonly productPages: DataLoader<ChildPageKey<ProductCriteria, Product>, ProductConnection, string>;
  private readonly demandPages: DataLoader<ChildPageKey<DemandCriteria, Demand>, DemandConnection, string>;
  private readonly productHistory: DataLoader<ChildPageKey<unknown, Change>, Connection<Change>, string>;
  private readonly demandHistory: DataLoader<ChildPageKey<unknown, Change>, Connection<Change>, string>;
  private readonly checkedFilters = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Database,
    private readonly viewer: Claims,
  ) {
    const demands = new DemandModel(db);
    const products = new ProductModel(db);
    this.demands = demands;
    this.products = products;
    this.productById = new DataLoader(async (ids) => alignByKey(ids, await products.findByIds(ids), (p) => p.id));
    this.classByCode = new DataLoader(async (codes) =>
      alignByKey(codes, await products.classesByCodes(codes), (c) => c.code),
    );
    this.demandById = new DataLoader(async (ids) => alignByKey(ids, await demands.findByIds(ids, viewer), (d) => d.id));
    const events = new EventModel(db);
    this.events = events;
    this.eventById = new DataLoader(async (ids) => alignByKey(ids, await events.findByIds(ids), (e) => e.id));
    this.eventLinks = new DataLoader(async (ids) => {
      const found = await events.linksOf(ids);
      return ids.map((id) => found.get(id) ?? { participantIds: [], demandIds: [], productIds: [] });
    });
    this.eventDeals = new DataLoader(async (ids) => {
      const found = await events.dealsOf(ids);
      return ids.map((id) => found.get(id) ?? []);
    });
    this.productPages = childConnectionLoader((keys) => products.findPagesByMaker(keys));
    this.demandPages = childConnectionLoader((keys) => demands.findPagesByBuyer(keys, viewer));
    this.productHistory = childConnectionLoader((keys) => loadChangePages(db, 'Product', keys));
    this.demandHistory = childConnectionLoader((keys) => loadChangePages(db, 'Demand', keys));
    this.candidatesOf = new DataLoader(async (ids) => {
      const found = await demands.candidatesOf(ids);
      return ids.map((id) => found.get(id) ?? []);
    });
  }

  /** The codes a filter's class or group code stands for, checked. */
  private async classCodes(code: string | null | undefined, field: string): Promise<string[] | null> {
    if (code == null) return null;
    const codes = await this.products.classCodesOf(code.trim().toUpperCase());
    if (!codes)
      throw badUserInput(field, `${JSON.stringify(code)} is not a class or group of equipment (see productClasses)`);
    return codes;
  }

  private async productCriteria(filter: ProductFilter | null | undefined, field: string): Promise<ProductCriteria> {
    const f = filter ?? {};
    return {
      classCodes: await this.classCodes(f.classCode, `${field}.classCode`),
      industries: oneOrIn(f.industry, f.industryIn, `${field}.industry`),
      makerId: f.makerId ?? null,
      regionCodes: regionCriteria(f, field),
      inProvince: f.inProvince ?? null,
      textContains: searchText(f.textContains, `${field}.textContains`),
      priceFen: numberRange(f.priceFen, `${field}.priceFen`),
      governmentProcurement: f.governmentProcurement ?? null,
      majorProject: f.majorProject ?? null,
      changed: await changedWindow(this.db, f.updatedSince, `${field}.updatedSince`),
    };
  }

  private async demandCriteria(filter: DemandFilter | null | undefined, field: string): Promise<DemandCriteria> {
    const f = filter ?? {};
    return {
      statuses: oneOrIn(f.status, f.statusIn, `${field}.status`),
      open: f.open ?? null,
      buyerId: f.buyerId ?? null,
      buyerKinds: oneOrIn(f.buyerKind, f.buyerKindIn, `${field}.buyerKind`),
      procurementTypes: valuesIn(f.procurementTypeIn, `${field}.procurementTypeIn`),
      classCodes: await this.classCodes(f.classCode, `${field}.classCode`),
      industries: oneOrIn(f.industry, f.industryIn, `${field}.industry`),
      deliveryRegionCodes: regionCriteria(
        {
          regionCode: f.deliveryRegionCode,
          regionCodeIn: f.deliveryRegionCodeIn,
          includeAdministered: f.includeAdministered,
        },
        field,
        'deliveryRegionCode',
      ),
      budgetFen: numberRange(f.budgetFen, `${field}.budgetFen`),
      deadline: dateRange(f.deadline, `${field}.deadline`),
      surveyedOn: dateRange(f.surveyedOn, `${field}.surveyedOn`),
      changed: await changedWindow(this.db, f.updatedSince, `${field}.updatedSince`),
    };
  }

  async listProducts(args: ProductListArgs): Promise<ProductConnection> {
    const criteria = await this.productCriteria(args.filter, 'filter');
    const page = parseListPage(args, criteria.changed, '', PRODUCT_ORDERS);
    return toConnection(await this.products.findPage(criteria, page), page, () => this.products.count(criteria));
  }

  /**
   * A filter under a list of parents is checked once, not once a parent (a class filter reads the
   * classes; updatedSince, the horizon).
   */
  private onceFor<T>(key: string, check: () => Promise<T>): Promise<T> {
    let checked = this.checkedFilters.get(key) as Promise<T> | undefined;
    if (!checked) {
      checked = check();
      this.checkedFilters.set(key, checked);
    }
    return checked;
  }

  async productsOf(makerId: string, args: ProductListArgs): Promise<ProductConnection> {
    const criteria = await this.onceFor(`products ${JSON.stringify(args.filter ?? null)}`, () =>
      this.productCriteria(args.filter, 'products.filter'),
    );
    const page = parseListPage(args, criteria.changed, 'products', PRODUCT_ORDERS);
    return this.productPages.load({ parentId: makerId, page, filter: criteria });
  }

  async listDemands(args: DemandListArgs): Promise<DemandConnection> {
    const criteria = await this.demandCriteria(args.filter, 'filter');
    const page = parseListPage(args, criteria.changed, '', DEMAND_ORDERS);
    return toConnection(await this.demands.findPage(criteria, page, this.viewer), page, () =>
      this.demands.count(criteria, this.viewer),
    );
  }

  async demandsOf(buyerId: string, args: DemandListArgs): Promise<DemandConnection> {
    const criteria = await this.onceFor(`demands ${JSON.stringify(args.filter ?? null)}`, () =>
      this.demandCriteria(args.filter, 'demands.filter'),
    );
    const page = parseListPage(args, criteria.changed, 'demands', DEMAND_ORDERS);
    return this.demandPages.load({ parentId: buyerId, page, filter: criteria });
  }

  productChanges(productId: string, page: Page<Change>): Promise<Connection<Change>> {
    return this.productHistory.load({ parentId: productId, page });
  }

  demandChanges(demandId: string, page: Page<Change>): Promise<Connection<Change>> {
    return this.demandHistory.load({ parentId: demandId, page });
  }

  classes(groupCode: string | null | undefined): Promise<ProductClass[]> {
    return this.products.classes(groupCode?.trim() || null);
  }

  async weights(): Promise<{ factor: MatchFactorName; weight: number }[]> {
    return (await this.db.table('match_weight').select('factor', 'weight').orderBy('factor')) as {
      factor: MatchFactorName;
      weight: number;
    }[];
  }

  matches(
    demand: Demand,
    first: number | null | undefined,
    inProvinceOnly: boolean | null | undefined,
  ): Promise<SupplierMatch[]> {
    const count = first ?? 20;
    if (!Number.isInteger(count) || count < 1 || count > MAX_MATCHES) {
      throw badUserInput('first', `must be between 1 and ${MAX_MATCHES}, got ${count}`);
    }
    return matchDemand(this.db, demand, count, inProvinceOnly ?? false);
  }

  share(groupBy: readonly string[]): Promise<DemandStatsRow[]> {
    return this.demands.share(groupBy);
  }

  async saveProduct(
    id: string | null | undefined,
    version: number | null | undefined,
    makerId: string | null | undefined,
    input: ProductInput,
  ): Promise<Product> {
    const product = await this.products.save(id ?? null, version ?? null, makerId ?? null, input, this.viewer);
    this.productById.clear(product.id).prime(product.id, product);
    return product;
  }

  /** Matching events, the latest first. */
  async listEvents(args: {
    filter?: MatchingEventFilter | null;
    first?: number | null;
    after?: string | null;
  }): Promise<MatchingEventConnection> {
    const f = args.filter ?? {};
    if (f.regionCode && !REGIONS[f.regionCode]) {
      throw badUserInput('filter.regionCode', `${JSON.stringify(f.regionCode)} is not a region of Guizhou`);
    }
    if (f.year != null && (f.year < 2000 || f.year > 2100)) throw badUserInput('filter.year', 'must be 2000 to 2100');
    const page = parsePage<MatchingEvent>(
      { first: args.first, after: args.after, orderBy: { field: 'HELD_ON', direction: 'DESC' } },
      '',
      EVENT_ORDERS,
    );
    const criteria = { year: f.year ?? null, industry: f.industry ?? null, regionCode: f.regionCode ?? null };
    const { rows, count } = await this.events.findPage(criteria, page);
    return toConnection(rows, page, count);
  }

  async recordEvent(input: MatchingEventInput): Promise<MatchingEvent> {
    const event = await this.events.record(input, this.viewer);
    this.eventById.prime(event.id, event);
    return event;
  }

  async post(input: DemandInput): Promise<Demand> {
    const demand = await this.demands.post(input, this.viewer);
    this.demandById.prime(demand.id, demand);
    return demand;
  }

  async updateDemand(id: string, version: number, input: DemandInput): Promise<Demand> {
    const demand = await this.demands.update(id, version, input, this.viewer);
    this.demandById.clear(id).prime(id, demand);
    return demand;
  }

  async closeDemand(id: string, version: number): Promise<Demand> {
    const demand = await this.demands.close(id, version, this.viewer);
    this.demandById.clear(id).prime(id, demand);
    return demand;
  }

  shortlist(demandId: string, productId: string): Promise<DemandCandidate> {
    return this.demands.shortlist(demandId, productId, this.viewer);
  }

  recordOutcome(candidateId: string, version: number, input: OutcomeInput): Promise<DemandCandidate> {
    return this.demands.recordOutcome(candidateId, version, input, this.viewer);
  }
}
