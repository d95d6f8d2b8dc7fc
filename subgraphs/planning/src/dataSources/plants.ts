import {
  alignByKey,
  type Change,
  type ChildPageKey,
  type Connection,
  changedWindow,
  childConnectionLoader,
  type Database,
  dateRange,
  groupByKey,
  loadChangePages,
  notFound,
  oneOrIn,
  type Page,
  parseListPage,
  regionCriteria,
  searchText,
  toConnection,
  todayInGuizhou,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { PhaseOutFilter, PhaseOutOrder, PlantFilter, PlantOrder } from '../__generated__/resolvers-types.ts';
import type { Amounts } from '../models/amounts.ts';
import {
  PHASE_OUT_ORDERS,
  type PhaseOut,
  type PhaseOutConnection,
  type PhaseOutCriteria,
  PhaseOutModel,
} from '../models/phaseOut.ts';
import { PLANT_ORDERS, type Plant, type PlantConnection, type PlantCriteria, PlantModel } from '../models/plant.ts';

interface ListArgs<TFilter, TOrder> {
  first?: number | null;
  after?: string | null;
  filter?: TFilter | null;
  orderBy?: TOrder | null;
}
export type PlantListArgs = ListArgs<PlantFilter, PlantOrder>;
export type PhaseOutListArgs = ListArgs<PhaseOutFilter, PhaseOutOrder>;

type PageKey = ChildPageKey<PlantCriteria, Plant>;

/** Per request: batches and caches every lookup of plants, their holdings and their phase-outs. */
export class PlantSource {
  readonly model: PlantModel;
  readonly phaseOutModel: PhaseOutModel;
  readonly byId: DataLoader<string, Plant | null>;
  readonly holdingOf: DataLoader<string, Amounts>;
  readonly phaseOutById: DataLoader<string, PhaseOut | null>;
  readonly phaseOutsOf: DataLoader<string, PhaseOut[]>;
  private readonly pagesByZone: DataLoader<PageKey, PlantConnection, string>;
  private readonly pagesByEnterprise: DataLoader<PageKey, PlantConnection, string>;
  private readonly historyPages: DataLoader<ChildPageKey<unknown, Change>, Connection<Change>, string>;
  /** Today in Guizhou, fixed for the request (whether a phase-out is overdue). */
  readonly today = todayInGuizhou();

  constructor(private readonly db: Database) {
    const model = new PlantModel(db);
    const phaseOuts = new PhaseOutModel(db);
    this.model = model;
    this.phaseOutModel = phaseOuts;
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids), (p) => p.id));
    this.holdingOf = new DataLoader(async (ids) => {
      const holdings = await model.holdingsOf(ids);
      return ids.map((id) => holdings.get(id) ?? {});
    });
    this.phaseOutById = new DataLoader(async (ids) =>
      alignByKey(ids, await phaseOuts.findByIds(ids, this.today), (p) => p.id),
    );
    this.phaseOutsOf = new DataLoader(async (ids) =>
      groupByKey(ids, await phaseOuts.findByPlantIds(ids, this.today), (p) => p.plantId),
    );
    this.pagesByZone = childConnectionLoader((keys) => model.findPagesBy('zone_id', keys));
    this.pagesByEnterprise = childConnectionLoader((keys) => model.findPagesBy('enterprise_id', keys));
    this.historyPages = childConnectionLoader((keys) => loadChangePages(db, 'Plant', keys));
  }

  /** A plant another record points at: NOT_FOUND if it is gone (the record's foreign key forbids that). */
  async existing(id: string): Promise<Plant> {
    const plant = await this.byId.load(id);
    if (!plant) throw notFound('Plant', id);
    return plant;
  }

  async criteria(filter: PlantFilter | null | undefined, field: string): Promise<PlantCriteria> {
    const f = filter ?? {};
    return {
      zoneIds: oneOrIn(f.zoneId, f.zoneIdIn, `${field}.zoneId`),
      enterpriseId: f.enterpriseId ?? null,
      statuses: oneOrIn(f.status, f.statusIn, `${field}.status`),
      process: f.process ?? null,
      emits: f.emits ?? null,
      regionCodes: regionCriteria(f, field),
      nameContains: searchText(f.nameContains, `${field}.nameContains`),
      changed: await changedWindow(this.db, f.updatedSince, `${field}.updatedSince`),
    };
  }

  private async listArgs(args: PlantListArgs, prefix: string) {
    const criteria = await this.criteria(args.filter, prefix ? `${prefix}.filter` : 'filter');
    return { criteria, page: parseListPage(args, criteria.changed, prefix, PLANT_ORDERS) };
  }

  async list(args: PlantListArgs): Promise<PlantConnection> {
    const { criteria, page } = await this.listArgs(args, '');
    return toConnection(await this.model.findPage(criteria, page), page, () => this.model.count(criteria));
  }

  async pageOfZone(zoneId: string, args: PlantListArgs): Promise<PlantConnection> {
    const { criteria, page } = await this.listArgs(args, 'plants');
    return this.pagesByZone.load({ parentId: zoneId, page, filter: criteria });
  }

  async pageOfEnterprise(enterpriseId: string, args: PlantListArgs): Promise<PlantConnection> {
    const { criteria, page } = await this.listArgs(args, 'plants');
    return this.pagesByEnterprise.load({ parentId: enterpriseId, page, filter: criteria });
  }

  async phaseOuts(args: PhaseOutListArgs): Promise<PhaseOutConnection> {
    const f = args.filter ?? {};
    const criteria: PhaseOutCriteria = {
      statuses: oneOrIn(f.status, f.statusIn, 'filter.status'),
      overdue: f.overdue ?? null,
      deadline: dateRange(f.deadline, 'filter.deadline'),
      plantId: f.plantId ?? null,
      zoneId: f.zoneId ?? null,
      regionCodes: regionCriteria(f, 'filter'),
      changed: await changedWindow(this.db, f.updatedSince, 'filter.updatedSince'),
      today: this.today,
    };
    const page = parseListPage(args, criteria.changed, '', PHASE_OUT_ORDERS);
    const rows = await this.phaseOutModel.findPage(criteria, page);
    return toConnection(rows, page, () => this.phaseOutModel.count(criteria));
  }

  history(plantId: string, page: Page<Change>): Promise<Connection<Change>> {
    return this.historyPages.load({ parentId: plantId, page });
  }
}
