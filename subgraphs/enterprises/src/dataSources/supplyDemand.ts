import { alignByKey, badUserInput, type Claims, type Database } from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { DemandInput, MatchFactorName, OutcomeInput, ProductInput } from '../__generated__/resolvers-types.ts';
import { type Demand, type DemandCandidate, DemandModel, type DemandStatsRow } from '../models/demand.ts';
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
