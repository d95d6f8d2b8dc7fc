/**
 * Electroplating zones and their limits: read in pages and by id, created and edited by
 * administrators through the kit's write path. A limit's allocated amount is never written here:
 * the database keeps it as the sum of the plants' allocations.
 */
import { randomUUID } from 'node:crypto';
import {
  appError,
  applyChangedWindow,
  badUserInputs,
  type ChangedWindow,
  type ChildPage,
  type ChildPageKey,
  type Claims,
  type Connection,
  type ConstraintFields,
  containsPattern,
  countRows,
  type Database,
  ErrorCode,
  type InputProblem,
  insertVersioned,
  keysetPage,
  loadChildPages,
  type NumberRange,
  notFound,
  type OrderFields,
  type Page,
  REGIONS,
  runWrite,
  updateVersioned,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type { ZoneChanges, ZoneInput, ZoneStatus } from '../__generated__/resolvers-types.ts';
import { mustAdminister } from '../access.ts';
import { LIMIT_KINDS, type LimitKind, type Metal, PLANNING_LIMITS } from '../domain.ts';
import { type Amounts, amountOf, amountProblems, metalAmounts } from './amounts.ts';
import { toZoneLimit, type ZoneLimit } from './fit.ts';

interface ZoneRow {
  id: string;
  name: string;
  name_en: string | null;
  region_code: string;
  status: ZoneStatus;
  area_hectares: string | number;
  control_unit: string | null;
  note: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface Zone {
  id: string;
  name: string;
  nameEn: string | null;
  regionCode: string;
  status: ZoneStatus;
  admitsNewPlants: boolean;
  areaHectares: number;
  controlUnit: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type ZoneConnection = Connection<Zone>;

/** A checked zone filter, ready to become SQL. */
export interface ZoneCriteria {
  statuses: ZoneStatus[] | null;
  regionCodes: string[] | null;
  nameContains: string | null;
  area: NumberRange | null;
  remaining: { kind: Metal; atLeast: number } | null;
  changed: ChangedWindow | null;
}

export const ZONE_ORDERS: OrderFields<Zone> = {
  NAME: { column: 'name', value: (z) => z.name },
  AREA: { column: 'area_hectares', value: (z) => z.areaHectares },
  CREATED_AT: { column: 'created_at', value: (z) => z.createdAt },
  UPDATED_AT: { column: 'updated_at', value: (z) => z.updatedAt },
};

const ZONE = { table: 'zone', typename: 'Zone', recordedOnly: ['limits'] };

/** The constraints' fields, named as the input (`input` of createZone, `changes` of updateZone) names them. */
function constraintsOf(prefix: string): ConstraintFields {
  const named = (field: string, reason: string) => ({ field: `${prefix}.${field}`, reason });
  return {
    zone_name_key: named('name', 'is the name of another zone'),
    zone_name_length: named('name', `must be 1 to ${PLANNING_LIMITS.name} characters`),
    zone_name_en_length: named('nameEn', `must be 1 to ${PLANNING_LIMITS.name} characters`),
    zone_region_code_format: named('regionCode', 'is not a region code'),
    zone_area_range: named('areaHectares', `must be above 0 and at most ${PLANNING_LIMITS.areaHectares}`),
    zone_control_unit_length: named('controlUnit', `must be 1 to ${PLANNING_LIMITS.controlUnit} characters`),
    zone_note_length: named('note', `must be at most ${PLANNING_LIMITS.note} characters`),
    zone_limit_capacity_range: { field: prefix, reason: `capacities must be 0 to ${PLANNING_LIMITS.amount}` },
    zone_limit_within_capacity: { field: prefix, reason: 'lowers a limit below what the plants in the zone hold' },
  };
}

function toZone(row: ZoneRow): Zone {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.name_en,
    regionCode: row.region_code,
    status: row.status,
    admitsNewPlants: row.status === 'PRIORITY',
    areaHectares: Number(row.area_hectares),
    controlUnit: row.control_unit,
    note: row.note,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export interface LimitRow {
  zone_id: string;
  kind: LimitKind;
  capacity: string | number;
  allocated: string | number;
}

export function toLimit(row: LimitRow): ZoneLimit {
  return toZoneLimit(row.zone_id, row.kind, Number(row.capacity), Number(row.allocated));
}

function applyCriteria(query: Knex.QueryBuilder, criteria: ZoneCriteria | undefined, db: Database): void {
  if (!criteria) return;
  if (criteria.statuses) query.whereIn('status', criteria.statuses);
  if (criteria.regionCodes) query.whereIn('region_code', criteria.regionCodes);
  if (criteria.nameContains) {
    const pattern = containsPattern(criteria.nameContains);
    query.where((where) => where.whereILike('name', pattern).orWhereILike('name_en', pattern));
  }
  if (criteria.area?.min != null) query.where('area_hectares', '>=', criteria.area.min);
  if (criteria.area?.max != null) query.where('area_hectares', '<=', criteria.area.max);
  if (criteria.remaining) {
    const { kind, atLeast } = criteria.remaining;
    query.whereIn(
      'id',
      db.table('zone_limit').select('zone_id').where({ kind }).whereRaw('capacity - allocated >= ?', [atLeast]),
    );
  }
  applyChangedWindow(query, criteria.changed);
}

/** A zone's editable columns from an input, checked, with the problems found. */
function zoneColumns(
  input: ZoneChanges | ZoneInput,
  prefix: string,
): { columns: Record<string, unknown>; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field: `${prefix}.${field}`, reason });
  const columns: Record<string, unknown> = {};
  const text = (field: 'name' | 'nameEn' | 'controlUnit', column: string, max: number) => {
    const value = input[field];
    if (value === undefined) return;
    const trimmed = value?.trim() || null;
    if (field === 'name' && !trimmed) problem(field, 'must not be empty');
    else if (trimmed && trimmed.length > max) problem(field, `must be at most ${max} characters`);
    columns[column] = trimmed;
  };
  text('name', 'name', PLANNING_LIMITS.name);
  text('nameEn', 'name_en', PLANNING_LIMITS.name);
  text('controlUnit', 'control_unit', PLANNING_LIMITS.controlUnit);
  if (input.note !== undefined) {
    if (input.note && input.note.length > PLANNING_LIMITS.note) {
      problem('note', `must be at most ${PLANNING_LIMITS.note} characters`);
    }
    columns.note = input.note?.trim() || null;
  }
  if (input.status != null) columns.status = input.status;
  if (input.areaHectares != null) {
    const area = input.areaHectares;
    if (!(area > 0 && area <= PLANNING_LIMITS.areaHectares)) {
      problem('areaHectares', `must be above 0 and at most ${PLANNING_LIMITS.areaHectares}`);
    }
    columns.area_hectares = area;
  }
  if ('regionCode' in input) {
    if (!Object.hasOwn(REGIONS, input.regionCode)) {
      problem('regionCode', `is not a region code: ${JSON.stringify(input.regionCode)}`);
    }
    columns.region_code = input.regionCode;
  }
  return { columns, problems };
}

/** The capacities an input sets, by limit kind (only those it names), checked. */
function capacities(input: ZoneChanges | ZoneInput, prefix: string): { amounts: Amounts; problems: InputProblem[] } {
  const metals = metalAmounts(input.quotas, `${prefix}.quotas`);
  const amounts: Amounts = { ...metals.amounts };
  const problems = [...metals.problems];
  for (const [field, kind] of [
    ['waterTonsPerDay', 'WATER'],
    ['wastewaterTonsPerDay', 'WASTEWATER'],
  ] as const) {
    const value = input[field];
    if (value == null) continue;
    problems.push(...amountProblems(value, `${prefix}.${field}`));
    amounts[kind] = value;
  }
  return { amounts, problems };
}

export class ZoneModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<Zone[]> {
    const rows = await this.db.table<ZoneRow>('zone').whereIn('id', [...ids]);
    return rows.map(toZone);
  }

  /** A page in the page's order, fetching one extra row to tell whether another page follows. */
  async findPage(criteria: ZoneCriteria, page: Page<Zone>): Promise<Zone[]> {
    return ((await keysetPage(this.filtered(criteria), page)) as ZoneRow[]).map(toZone);
  }

  /** Every zone the criteria match (for fit checks over many zones), by id. */
  async findAll(criteria: ZoneCriteria): Promise<Zone[]> {
    return ((await this.filtered(criteria).orderBy('id')) as ZoneRow[]).map(toZone);
  }

  count(criteria: ZoneCriteria): Promise<number> {
    return countRows(this.filtered(criteria));
  }

  /** A page of zones for each region, in one statement per page and filter. */
  async findPagesByRegion(keys: readonly ChildPageKey<ZoneCriteria, Zone>[]): Promise<ChildPage<Zone>[]> {
    const pages = await loadChildPages<ZoneRow, ZoneCriteria>(this.db, 'zone', 'region_code', keys, (query, criteria) =>
      applyCriteria(query, criteria, this.db),
    );
    return pages.map(({ rows, total }) => ({ rows: rows.map(toZone), total }));
  }

  /** Every limit of each zone, in the limits' order. */
  async limitsOf(zoneIds: readonly string[]): Promise<ZoneLimit[]> {
    const rows = await this.db.table<LimitRow>('zone_limit').whereIn('zone_id', [...zoneIds]);
    const order = (kind: LimitKind) => LIMIT_KINDS.indexOf(kind);
    return rows.map(toLimit).sort((a, b) => a.zoneId.localeCompare(b.zoneId) || order(a.kind) - order(b.kind));
  }

  create(input: ZoneInput, viewer: Claims): Promise<Zone> {
    mustAdminister(viewer, 'create zones');
    const { columns, problems } = zoneColumns(input, 'input');
    const limits = capacities(input, 'input');
    if (problems.length + limits.problems.length > 0) throw badUserInputs([...problems, ...limits.problems]);
    const id = `zone-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    return runWrite(
      this.db,
      async (tx) => {
        const row = await insertVersioned<ZoneRow>(
          tx,
          ZONE,
          { id, ...columns, limits: capacityRecord(limits.amounts) },
          viewer,
        );
        await tx
          .table('zone_limit')
          .insert(LIMIT_KINDS.map((kind) => ({ zone_id: id, kind, capacity: amountOf(limits.amounts, kind) })));
        return toZone(row);
      },
      constraintsOf('input'),
    );
  }

  /**
   * An edit based on `version`. A limit lowered below what the plants hold is CONFLICT naming it.
   * The zone row is locked first: changes of holdings in flight (which hold it FOR SHARE) finish
   * before, and later ones see the new status and limits.
   */
  update(id: string, version: number, changes: ZoneChanges, viewer: Claims): Promise<Zone> {
    mustAdminister(viewer, 'change zones');
    const { columns, problems } = zoneColumns(changes, 'changes');
    const limits = capacities(changes, 'changes');
    if (problems.length + limits.problems.length > 0) throw badUserInputs([...problems, ...limits.problems]);
    return runWrite(
      this.db,
      async (tx) => {
        const current = await tx.table<ZoneRow>('zone').where({ id }).forUpdate().first();
        if (!current) throw notFound('Zone', id);
        const stored = (await tx.table<LimitRow>('zone_limit').where({ zone_id: id }).orderBy('kind').forUpdate()).map(
          toLimit,
        );
        const below = stored.filter(
          (limit) => limit.kind in limits.amounts && amountOf(limits.amounts, limit.kind) < limit.allocated,
        );
        if (below.length > 0) {
          throw appError(
            ErrorCode.CONFLICT,
            `The plants in zone ${id} hold more than that: ${below
              .map((l) => `${l.kind} ${l.allocated} ${l.unit} (asked for ${amountOf(limits.amounts, l.kind)})`)
              .join(', ')}. Release or phase out first`,
            { field: 'changes', limits: below.map((l) => l.kind) },
          );
        }
        const before = Object.fromEntries(stored.map((limit) => [limit.kind, limit.capacity]));
        const after = { ...before, ...limits.amounts };
        const row = await updateVersioned<ZoneRow>(tx, ZONE, id, version, { ...columns, limits: after }, viewer, {
          ...current,
          limits: before,
        } as ZoneRow);
        for (const limit of stored) {
          const capacity = amountOf(limits.amounts, limit.kind);
          if (limit.kind in limits.amounts && capacity !== limit.capacity) {
            await tx.table('zone_limit').where({ zone_id: id, kind: limit.kind }).update({ capacity });
          }
        }
        return toZone(row);
      },
      constraintsOf('changes'),
    );
  }

  private filtered(criteria: ZoneCriteria) {
    const query = this.db.table<ZoneRow>('zone');
    applyCriteria(query, criteria, this.db);
    return query;
  }
}

/** Every limit's capacity, for the history. */
function capacityRecord(amounts: Amounts): Amounts {
  return Object.fromEntries(LIMIT_KINDS.map((kind) => [kind, amountOf(amounts, kind)]));
}
