/**
 * The __name__ source's items: read in pages and by id, created and edited by administrators
 * through the kit's write path (one transaction, the database's constraints as the last word, a
 * version per edit, the history of every change).
 */
import { randomUUID } from 'node:crypto';
import {
  applyChangedWindow,
  badUserInputs,
  type ChangedWindow,
  type Claims,
  type Connection,
  type ConstraintFields,
  containsPattern,
  countRows,
  type Database,
  type InputProblem,
  insertVersioned,
  keysetPage,
  type NumberRange,
  type OrderFields,
  type Page,
  REGIONS,
  runWrite,
  updateVersioned,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type {
  __Name__ItemChanges,
  __Name__ItemInput,
  __Name__ItemStatus,
} from '../__generated__/resolvers-types.ts';
import { mustAdminister } from '../access.ts';
import { ITEM_LIMITS } from '../domain.ts';

export interface ItemRow {
  id: string;
  name: string;
  status: __Name__ItemStatus;
  region_code: string;
  quantity: number;
  note: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface __Name__Item {
  id: string;
  name: string;
  status: __Name__ItemStatus;
  regionCode: string;
  quantity: number;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type __Name__ItemConnection = Connection<__Name__Item>;

/** A checked item filter, ready to become SQL. */
export interface ItemCriteria {
  statuses: __Name__ItemStatus[] | null;
  regionCodes: string[] | null;
  nameContains: string | null;
  quantity: NumberRange | null;
  changed: ChangedWindow | null;
}

export const ITEM_ORDERS: OrderFields<__Name__Item> = {
  NAME: { column: 'name', value: (item) => item.name },
  QUANTITY: { column: 'quantity', value: (item) => item.quantity },
  CREATED_AT: { column: 'created_at', value: (item) => item.createdAt },
  UPDATED_AT: { column: 'updated_at', value: (item) => item.updatedAt },
};

const ITEM = { table: 'item', typename: '__Name__Item' };

/** The constraints' fields, named as the input (`input` of create, `changes` of update) names them. */
export function itemConstraints(prefix: string): ConstraintFields {
  const named = (field: string, reason: string) => ({ field: `${prefix}.${field}`, reason });
  return {
    item_name_key: named('name', 'is the name of another item'),
    item_name_length: named('name', `must be 1 to ${ITEM_LIMITS.name} characters`),
    item_status_known: named('status', 'is not a known status'),
    item_region_code_format: named('regionCode', 'is not a region code'),
    item_quantity_range: named('quantity', `must be a whole number from 0 to ${ITEM_LIMITS.quantity}`),
    item_note_length: named('note', `must be at most ${ITEM_LIMITS.note} characters`),
  };
}

export function toItem(row: ItemRow): __Name__Item {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    regionCode: row.region_code,
    quantity: row.quantity,
    note: row.note,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * An item's columns from an input, checked, with every problem found (not only the first), so
 * that a form can mark each field. Fields left out (undefined) are left out of the columns.
 */
export function itemColumns(
  input: __Name__ItemInput | __Name__ItemChanges,
  prefix: string,
): { columns: Record<string, unknown>; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field: `${prefix}.${field}`, reason });
  const columns: Record<string, unknown> = {};
  if (input.name !== undefined) {
    const name = input.name?.trim() ?? '';
    if (!name) problem('name', 'must not be empty');
    else if (name.length > ITEM_LIMITS.name) problem('name', `must be at most ${ITEM_LIMITS.name} characters`);
    columns.name = name;
  }
  if (input.status != null) columns.status = input.status;
  if (input.regionCode !== undefined) {
    if (input.regionCode === null || !Object.hasOwn(REGIONS, input.regionCode)) {
      problem('regionCode', `is not a region code: ${JSON.stringify(input.regionCode)}`);
    }
    columns.region_code = input.regionCode;
  }
  if (input.quantity !== undefined) {
    const quantity = input.quantity;
    if (quantity === null || !Number.isInteger(quantity) || quantity < 0 || quantity > ITEM_LIMITS.quantity) {
      problem('quantity', `must be a whole number from 0 to ${ITEM_LIMITS.quantity}, got ${quantity}`);
    }
    columns.quantity = quantity;
  }
  if (input.note !== undefined) {
    const note = input.note?.trim() || null;
    if (note && note.length > ITEM_LIMITS.note) problem('note', `must be at most ${ITEM_LIMITS.note} characters`);
    columns.note = note;
  }
  return { columns, problems };
}

function applyCriteria(query: Knex.QueryBuilder, criteria: ItemCriteria): void {
  if (criteria.statuses) query.whereIn('status', criteria.statuses);
  if (criteria.regionCodes) query.whereIn('region_code', criteria.regionCodes);
  if (criteria.nameContains) query.whereILike('name', containsPattern(criteria.nameContains));
  if (criteria.quantity?.min != null) query.where('quantity', '>=', criteria.quantity.min);
  if (criteria.quantity?.max != null) query.where('quantity', '<=', criteria.quantity.max);
  applyChangedWindow(query, criteria.changed);
}

export class ItemModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<__Name__Item[]> {
    const rows = await this.db.table<ItemRow>('item').whereIn('id', [...ids]);
    return rows.map(toItem);
  }

  /** A page in the page's order, fetching one extra row to tell whether another page follows. */
  async findPage(criteria: ItemCriteria, page: Page<__Name__Item>): Promise<__Name__Item[]> {
    return ((await keysetPage(this.filtered(criteria), page)) as ItemRow[]).map(toItem);
  }

  count(criteria: ItemCriteria): Promise<number> {
    return countRows(this.filtered(criteria));
  }

  create(input: __Name__ItemInput, viewer: Claims): Promise<__Name__Item> {
    mustAdminister(viewer, 'create items');
    const { columns, problems } = itemColumns(input, 'input');
    if (problems.length > 0) throw badUserInputs(problems);
    const id = `__name__-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    return runWrite(
      this.db,
      async (tx) => toItem(await insertVersioned<ItemRow>(tx, ITEM, { id, ...columns }, viewer)),
      itemConstraints('input'),
    );
  }

  /** An edit based on `version`: CONFLICT when the item has changed since (the kit's updateVersioned). */
  update(id: string, version: number, changes: __Name__ItemChanges, viewer: Claims): Promise<__Name__Item> {
    mustAdminister(viewer, 'change items');
    const { columns, problems } = itemColumns(changes, 'changes');
    if (problems.length > 0) throw badUserInputs(problems);
    return runWrite(
      this.db,
      async (tx) => toItem(await updateVersioned<ItemRow>(tx, ITEM, id, version, columns, viewer)),
      itemConstraints('changes'),
    );
  }

  private filtered(criteria: ItemCriteria) {
    const query = this.db.table<ItemRow>('item');
    applyCriteria(query, criteria);
    return query;
  }
}
