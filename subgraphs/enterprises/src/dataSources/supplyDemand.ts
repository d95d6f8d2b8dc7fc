import { alignByKey, badUserInput, type Claims, type Database, parsePage, REGIONS, toConnection } from '@gzequip/kit';
import DataLoader from 'dataloader';
import type {
  DemandInput,
  MatchFactorName,
  MatchingEventFilter,
  MatchingEventInput,
  OutcomeInput,
  ProductInput,
} from '../__generated__/resolvers-types.ts';
import { type Demand, type DemandCandidate, DemandModel, type DemandStatsRow } from '../models/demand.ts';
import {
  EVENT_ORDERS,
  type EventDeal,
  type EventLinks,
  EventModel,
  type MatchingEvent,
  type MatchingEventConnection,
} from '../models/events.ts';
import { matchDemand, type SupplierMatch } from '../models/matching.ts';
import { type Product, type ProductClass, ProductModel } from '../models/product.ts';

/** Most matches one demand lists. */
const MAX_MATCHES = 100;

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
    this.candidatesOf = new DataLoader(async (ids) => {
      const found = await demands.candidatesOf(ids);
      return ids.map((id) => found.get(id) ?? []);
    });
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

  shortlist(demandId: string, productId: string): Promise<DemandCandidate> {
    return this.demands.shortlist(demandId, productId, this.viewer);
  }

  recordOutcome(candidateId: string, version: number, input: OutcomeInput): Promise<DemandCandidate> {
    return this.demands.recordOutcome(candidateId, version, input, this.viewer);
  }
}
