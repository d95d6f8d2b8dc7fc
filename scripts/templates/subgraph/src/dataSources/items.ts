import {
  alignByKey,
  type Change,
  type ChildPageKey,
  type Connection,
  changedWindow,
  childConnectionLoader,
  type Database,
  loadChangePages,
  numberRange,
  oneOrIn,
  type Page,
  parseListPage,
  regionCriteria,
  searchText,
  toConnection,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { __Name__ItemFilter, __Name__ItemOrder } from '../__generated__/resolvers-types.ts';
import {
  type __Name__Item,
  type __Name__ItemConnection,
  ITEM_ORDERS,
  type ItemCriteria,
  ItemModel,
} from '../models/item.ts';

export interface ItemListArgs {
  first?: number | null;
  after?: string | null;
  filter?: __Name__ItemFilter | null;
  orderBy?: __Name__ItemOrder | null;
}

/** Per request: batches and caches every item lookup the request makes. */
export class ItemSource {
  readonly model: ItemModel;
  /** Every lookup by id (the `item` field, `_entities`) in one statement per request tick. */
  readonly byId: DataLoader<string, __Name__Item | null>;
  private readonly historyPages: DataLoader<ChildPageKey<unknown, Change>, Connection<Change>, string>;

  constructor(private readonly db: Database) {
    const model = new ItemModel(db);
    this.model = model;
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids), (item) => item.id));
    this.historyPages = childConnectionLoader((keys) => loadChangePages(db, '__Name__Item', keys));
  }

  async criteria(filter: __Name__ItemFilter | null | undefined, field: string): Promise<ItemCriteria> {
    const f = filter ?? {};
    return {
      statuses: oneOrIn(f.status, f.statusIn, `${field}.status`),
      regionCodes: regionCriteria(f, field),
      nameContains: searchText(f.nameContains, `${field}.nameContains`),
      quantity: numberRange(f.quantity, `${field}.quantity`),
      changed: await changedWindow(this.db, f.updatedSince, `${field}.updatedSince`),
    };
  }

  async list(args: ItemListArgs): Promise<__Name__ItemConnection> {
    const criteria = await this.criteria(args.filter, 'filter');
    const page = parseListPage(args, criteria.changed, '', ITEM_ORDERS);
    return toConnection(await this.model.findPage(criteria, page), page, () => this.model.count(criteria));
  }

  /** A page of the items' histories, one statement for every item of a page. */
  history(itemId: string, page: Page<Change>): Promise<Connection<Change>> {
    return this.historyPages.load({ parentId: itemId, page });
  }
}
