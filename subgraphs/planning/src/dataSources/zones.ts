import {
  alignByKey,
  badUserInput,
  badUserInputs,
  type Change,
  type ChildPageKey,
  type Connection,
  changedWindow,
  childConnectionLoader,
  type Database,
  groupByKey,
  loadChangePages,
  notFound,
  numberRange,
  oneOrIn,
  type Page,
  parseListPage,
  regionCriteria,
  searchText,
  toConnection,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { PlantDemandInput, ZoneFilter, ZoneOrder } from '../__generated__/resolvers-types.ts';
import { amountProblems, parseAmounts } from '../models/amounts.ts';
import { fitOf, type PlantFit, type ZoneLimit } from '../models/fit.ts';
import { ZONE_ORDERS, type Zone, type ZoneConnection, type ZoneCriteria, ZoneModel } from '../models/zone.ts';

export interface ZoneListArgs {
  first?: number | null;
  after?: string | null;
  filter?: ZoneFilter | null;
  orderBy?: ZoneOrder | null;
}

type PageKey = ChildPageKey<ZoneCriteria, Zone>;

/** Per request: batches and caches every zone lookup the request makes. */
export class ZoneSource {
  readonly model: ZoneModel;
  readonly byId: DataLoader<string, Zone | null>;
  readonly limitsOf: DataLoader<string, ZoneLimit[]>;
  private readonly pagesByRegion: DataLoader<PageKey, ZoneConnection, string>;
  private readonly historyPages: DataLoader<ChildPageKey<unknown, Change>, Connection<Change>, string>;

  constructor(private readonly db: Database) {
    const model = new ZoneModel(db);
    this.model = model;
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids), (z) => z.id));
    this.limitsOf = new DataLoader(async (ids) => groupByKey(ids, await model.limitsOf(ids), (l) => l.zoneId));
    this.pagesByRegion = childConnectionLoader((keys) => model.findPagesByRegion(keys));
    this.historyPages = childConnectionLoader((keys) => loadChangePages(db, 'Zone', keys));
  }

  /** A zone another record points at: NOT_FOUND if it is gone (the record's foreign key forbids that). */
  async existing(id: string): Promise<Zone> {
    const zone = await this.byId.load(id);
    if (!zone) throw notFound('Zone', id);
    return zone;
  }

  async criteria(filter: ZoneFilter | null | undefined, field: string): Promise<ZoneCriteria> {
    const f = filter ?? {};
    let remaining: ZoneCriteria['remaining'] = null;
    if (f.remaining) {
      const problems = amountProblems(f.remaining.kgPerYear, `${field}.remaining.kgPerYear`);
      if (problems.length > 0) throw badUserInputs(problems);
      remaining = { kind: f.remaining.metal, atLeast: f.remaining.kgPerYear };
    }
    return {
      statuses: oneOrIn(f.status, f.statusIn, `${field}.status`),
      regionCodes: regionCriteria(f, field),
      nameContains: searchText(f.nameContains, `${field}.nameContains`),
      area: numberRange(f.areaHectares, `${field}.areaHectares`),
      remaining,
      changed: await changedWindow(this.db, f.updatedSince, `${field}.updatedSince`),
    };
  }

  private async listArgs(args: ZoneListArgs, prefix: string): Promise<{ criteria: ZoneCriteria; page: Page<Zone> }> {
    const criteria = await this.criteria(args.filter, prefix ? `${prefix}.filter` : 'filter');
    return { criteria, page: parseListPage(args, criteria.changed, prefix, ZONE_ORDERS) };
  }

  async list(args: ZoneListArgs): Promise<ZoneConnection> {
    const { criteria, page } = await this.listArgs(args, '');
    return toConnection(await this.model.findPage(criteria, page), page, () => this.model.count(criteria));
  }

  async pageOfRegion(regionCode: string, args: ZoneListArgs): Promise<ZoneConnection> {
    const { criteria, page } = await this.listArgs(args, 'zones');
    return this.pagesByRegion.load({ parentId: regionCode, page, filter: criteria });
  }

  /** Whether a plant asking for `demand` fits the zone now (a read: nothing is held). */
  async fit(zoneId: string, demand: PlantDemandInput): Promise<PlantFit> {
    const { amounts, problems } = parseAmounts(demand, 'demand');
    if (problems.length > 0) throw badUserInputs(problems);
    const zone = await this.byId.load(zoneId);
    if (!zone) throw badUserInput('zoneId', `is not a zone: ${zoneId}`);
    return fitOf(zone, await this.limitsOf.load(zoneId), amounts);
  }

  /** The zones the filter names where the plant fits now, the most room on its binding limit first. */
  async fitting(demand: PlantDemandInput, filter: ZoneFilter | null | undefined): Promise<PlantFit[]> {
    const { amounts, problems } = parseAmounts(demand, 'demand');
    if (problems.length > 0) throw badUserInputs(problems);
    const zones = await this.model.findAll(await this.criteria(filter, 'filter'));
    const fits = await Promise.all(zones.map(async (zone) => fitOf(zone, await this.limitsOf.load(zone.id), amounts)));
    const room = (fit: PlantFit) => fit.binding?.headroomShare ?? 1;
    return fits.filter((fit) => fit.fits).sort((a, b) => room(b) - room(a) || a.zoneId.localeCompare(b.zoneId));
  }

  history(zoneId: string, page: Page<Change>): Promise<Connection<Change>> {
    return this.historyPages.load({ parentId: zoneId, page });
  }
}
