/**
 * Plants and what they hold of their zone's limits. Every change of a holding — a new plant, an
 * allocation, a release, a closure, a completed phase-out — goes through `lockZone` and
 * `setHolding` in one transaction: the zone row first (FOR SHARE), then its limits FOR UPDATE in
 * one order, so that concurrent changes to one zone queue up and each decides on what the one
 * before left; and the database's check refuses any overdraw that got past that.
 */
import { randomUUID } from 'node:crypto';
import {
  appError,
  applyChangedWindow,
  badUserInput,
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
  notFound,
  type OrderFields,
  type Page,
  runWrite,
  updateVersioned,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type {
  AmountsInput,
  HeavyMetal,
  PlantInput,
  PlantStatus,
  PlatingProcess,
  ProcessLinesInput,
} from '../__generated__/resolvers-types.ts';
import { mustAdminister } from '../access.ts';
import { ENTERPRISE_ID_PATTERN, LIMIT_KINDS, type LimitKind, PLANNING_LIMITS } from '../domain.ts';
import { type Amounts, amountOf, compact, isEmpty, minus, parseAmounts, plus, positiveKinds } from './amounts.ts';
import { fitOf, type PlantFit, type ZoneLimit } from './fit.ts';
import { type LimitRow, toLimit } from './zone.ts';

interface PlantRow {
  id: string;
  zone_id: string;
  enterprise_id: string;
  name: string;
  status: PlantStatus;
  process_lines: ProcessLinesInput[] | string;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface Plant {
  id: string;
  zoneId: string;
  enterpriseId: string;
  name: string;
  status: PlantStatus;
  processLines: { process: PlatingProcess; lines: number }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type PlantConnection = Connection<Plant>;

export interface PlantCriteria {
  zoneIds: string[] | null;
  enterpriseId: string | null;
  statuses: PlantStatus[] | null;
  process: PlatingProcess | null;
  emits: HeavyMetal | null;
  regionCodes: string[] | null;
  nameContains: string | null;
  changed: ChangedWindow | null;
}

export const PLANT_ORDERS: OrderFields<Plant> = {
  NAME: { column: 'name', value: (p) => p.name },
  CREATED_AT: { column: 'created_at', value: (p) => p.createdAt },
  UPDATED_AT: { column: 'updated_at', value: (p) => p.updatedAt },
};

/** A plant's holding enters its history with its other fields, but lives in plant_allocation. */
export const PLANT = {
  table: 'plant',
  typename: 'Plant',
  jsonColumns: ['process_lines'],
  recordedOnly: ['allocation'],
};

export const PLANT_CONSTRAINTS: ConstraintFields = {
  plant_name_length: { field: 'input.name', reason: `must be 1 to ${PLANNING_LIMITS.name} characters` },
  plant_enterprise_id_format: { field: 'input.enterpriseId', reason: 'is not an enterprise id (ent-…)' },
  plant_process_lines_valid: { field: 'input.processLines', reason: 'must name each process once, 1 to 50 lines' },
  plant_zone_id_foreign: { field: 'input.zoneId', reason: 'is not a zone' },
  zone_limit_within_capacity: { field: 'amounts', reason: "would take more than the zone's limit leaves" },
  plant_allocation_amount_positive: { field: 'amounts', reason: 'would leave a negative holding' },
};

export function toPlant(row: PlantRow): Plant {
  const lines = typeof row.process_lines === 'string' ? JSON.parse(row.process_lines) : row.process_lines;
  return {
    id: row.id,
    zoneId: row.zone_id,
    enterpriseId: row.enterprise_id,
    name: row.name,
    status: row.status,
    processLines: lines as Plant['processLines'],
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function applyCriteria(query: Knex.QueryBuilder, criteria: PlantCriteria | undefined, db: Database): void {
  if (!criteria) return;
  if (criteria.zoneIds) query.whereIn('zone_id', criteria.zoneIds);
  if (criteria.enterpriseId) query.where('enterprise_id', criteria.enterpriseId);
  if (criteria.statuses) query.whereIn('status', criteria.statuses);
  if (criteria.process) {
    query.whereRaw('process_lines @> ?::jsonb', [JSON.stringify([{ process: criteria.process }])]);
  }
  if (criteria.emits) {
    query.whereIn('id', db.table('plant_allocation').select('plant_id').where({ kind: criteria.emits }));
  }
  if (criteria.regionCodes) {
    query.whereIn('zone_id', db.table('zone').select('id').whereIn('region_code', criteria.regionCodes));
  }
  if (criteria.nameContains) query.whereILike('name', containsPattern(criteria.nameContains));
  applyChangedWindow(query, criteria.changed);
}

/** Process lines from an input: each process once, 1–50 lines, in the order given. */
function processLines(lines: readonly ProcessLinesInput[], field: string): InputProblem[] {
  const problems: InputProblem[] = [];
  if (lines.length === 0) problems.push({ field, reason: 'must name at least one process line' });
  const seen = new Set<string>();
  lines.forEach(({ process, lines: count }, i) => {
    if (seen.has(process)) problems.push({ field: `${field}[${i}].process`, reason: `names ${process} a second time` });
    seen.add(process);
    if (!Number.isInteger(count) || count < 1 || count > PLANNING_LIMITS.linesPerProcess) {
      problems.push({ field: `${field}[${i}].lines`, reason: `must be 1 to ${PLANNING_LIMITS.linesPerProcess}` });
    }
  });
  return problems;
}

interface LockedZone {
  id: string;
  status: string;
  limits: ZoneLimit[];
}

/** The zone and its limits, locked for a change of holdings (see the module's comment). */
export async function lockZone(tx: Database, zoneId: string): Promise<LockedZone | null> {
  const zone = (await tx.table('zone').where({ id: zoneId }).forShare().first('id', 'status')) as
    | { id: string; status: string }
    | undefined;
  if (!zone) return null;
  const rows = await tx.table<LimitRow>('zone_limit').where({ zone_id: zoneId }).orderBy('kind').forUpdate();
  return { ...zone, limits: rows.map(toLimit) };
}

/** What one plant holds now, read inside the caller's transaction. */
export async function holdingOf(tx: Database, plantId: string): Promise<Amounts> {
  const rows = (await tx.table('plant_allocation').where({ plant_id: plantId })) as {
    kind: LimitKind;
    amount: string | number;
  }[];
  return Object.fromEntries(rows.map((row) => [row.kind, Number(row.amount)]));
}

/** The CONFLICT of a holding that does not fit, naming the limits it would overdraw. */
function doesNotFit(plantName: string, fit: PlantFit, field: string) {
  return appError(ErrorCode.CONFLICT, `${plantName} does not fit zone ${fit.zoneId}: ${fit.reason}`, {
    field,
    limits: fit.headroom.filter((h) => !h.fits).map((h) => h.kind),
  });
}

/**
 * Writes a plant's holding (`from` → `to`) as allocation rows, in the limits' order; the
 * database's trigger moves the zone's allocated amounts with them.
 */
async function writeHolding(tx: Database, plant: { id: string; zoneId: string }, from: Amounts, to: Amounts) {
  for (const kind of LIMIT_KINDS) {
    const before = amountOf(from, kind);
    const after = amountOf(to, kind);
    if (before === after) continue;
    const key = { plant_id: plant.id, kind };
    if (after === 0) await tx.table('plant_allocation').where(key).delete();
    else if (before === 0) await tx.table('plant_allocation').insert({ ...key, zone_id: plant.zoneId, amount: after });
    else await tx.table('plant_allocation').where(key).update({ amount: after });
  }
}

/**
 * Changes a locked plant's holding and other columns at `version`, recording both in its history.
 * The caller has locked the zone with `lockZone` and checked the change.
 */
export async function setHolding(
  tx: Database,
  locked: PlantRow,
  version: number,
  from: Amounts,
  to: Amounts,
  columns: Record<string, unknown>,
  viewer: Claims,
): Promise<Plant> {
  await writeHolding(tx, { id: locked.id, zoneId: locked.zone_id }, from, to);
  const row = await updateVersioned<PlantRow>(
    tx,
    PLANT,
    locked.id,
    version,
    { ...columns, allocation: compact(to) },
    viewer,
    { ...locked, allocation: compact(from) } as PlantRow,
  );
  return toPlant(row);
}

/** The plant row, locked for a change, and NOT_FOUND if there is none. */
export async function lockPlant(tx: Database, id: string): Promise<PlantRow> {
  const row = await tx.table<PlantRow>('plant').where({ id }).forUpdate().first();
  if (!row) throw notFound('Plant', id);
  return row;
}

/** The amounts of `release` a holding does not cover, as input problems. */
export function beyondHolding(held: Amounts, release: Amounts, field: string): InputProblem[] {
  return positiveKinds(release)
    .filter((kind) => amountOf(release, kind) > amountOf(held, kind))
    .map((kind) => ({
      field,
      reason: `releases ${amountOf(release, kind)} of ${kind}, but the plant holds ${amountOf(held, kind)}`,
    }));
}

export class PlantModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<Plant[]> {
    return (await this.db.table<PlantRow>('plant').whereIn('id', [...ids])).map(toPlant);
  }

  async findPage(criteria: PlantCriteria, page: Page<Plant>): Promise<Plant[]> {
    return ((await keysetPage(this.filtered(criteria), page)) as PlantRow[]).map(toPlant);
  }

  count(criteria: PlantCriteria): Promise<number> {
    return countRows(this.filtered(criteria));
  }

  /** A page of plants for each zone or enterprise, in one statement per page and filter. */
  async findPagesBy(
    parentColumn: 'zone_id' | 'enterprise_id',
    keys: readonly ChildPageKey<PlantCriteria, Plant>[],
  ): Promise<ChildPage<Plant>[]> {
    const pages = await loadChildPages<PlantRow, PlantCriteria>(
      this.db,
      'plant',
      parentColumn,
      keys,
      (query, criteria) => applyCriteria(query, criteria, this.db),
    );
    return pages.map(({ rows, total }) => ({ rows: rows.map(toPlant), total }));
  }

  /** What each plant holds, by plant id. */
  async holdingsOf(plantIds: readonly string[]): Promise<Map<string, Amounts>> {
    const rows = (await this.db.table('plant_allocation').whereIn('plant_id', [...plantIds])) as {
      plant_id: string;
      kind: LimitKind;
      amount: string | number;
    }[];
    const holdings = new Map<string, Amounts>(plantIds.map((id) => [id, {}]));
    for (const row of rows) (holdings.get(row.plant_id) as Amounts)[row.kind] = Number(row.amount);
    return holdings;
  }

  /** A new plant with its allocation, in a PRIORITY zone, only if the allocation fits. */
  register(input: PlantInput, viewer: Claims): Promise<Plant> {
    mustAdminister(viewer, 'register plants');
    const { amounts, problems } = parseAmounts(input.allocation, 'input.allocation');
    problems.push(...processLines(input.processLines, 'input.processLines'));
    const name = input.name.trim();
    if (!name || name.length > PLANNING_LIMITS.name) {
      problems.push({ field: 'input.name', reason: `must be 1 to ${PLANNING_LIMITS.name} characters` });
    }
    if (!new RegExp(ENTERPRISE_ID_PATTERN).test(input.enterpriseId)) {
      problems.push({ field: 'input.enterpriseId', reason: 'is not an enterprise id (ent-…)' });
    }
    if (problems.length > 0) throw badUserInputs(problems);
    return runWrite(
      this.db,
      async (tx) => {
        const zone = await lockZone(tx, input.zoneId);
        if (!zone) throw badUserInput('input.zoneId', `is not a zone: ${input.zoneId}`);
        if (zone.status !== 'PRIORITY') {
          throw badUserInput('input.zoneId', `zone ${zone.id} is ${zone.status}: only PRIORITY zones take new plants`);
        }
        const fit = fitOf(zone, zone.limits, amounts);
        if (!fit.fits) throw doesNotFit(name, fit, 'input.allocation');
        const id = `plant-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
        const row = await insertVersioned<PlantRow>(
          tx,
          PLANT,
          {
            id,
            zone_id: zone.id,
            enterprise_id: input.enterpriseId,
            name,
            status: 'OPERATING',
            process_lines: input.processLines.map(({ process, lines }) => ({ process, lines })),
            allocation: compact(amounts),
          },
          viewer,
        );
        await writeHolding(tx, { id, zoneId: zone.id }, {}, amounts);
        return toPlant(row);
      },
      PLANT_CONSTRAINTS,
    );
  }

  /** More of the zone's limits for an operating plant; CONFLICT when it does not fit. */
  allocate(plantId: string, version: number, input: AmountsInput, viewer: Claims): Promise<Plant> {
    mustAdminister(viewer, 'allocate to plants');
    const { amounts, problems } = parseAmounts(input, 'amounts');
    if (problems.length > 0) throw badUserInputs(problems);
    if (isEmpty(amounts)) throw badUserInput('amounts', 'allocates nothing: give at least one amount above 0');
    return runWrite(
      this.db,
      async (tx) => {
        const plant = await lockPlant(tx, plantId);
        if (plant.status !== 'OPERATING') {
          throw appError(ErrorCode.CONFLICT, `Plant ${plantId} is ${plant.status}: nothing can be allocated to it`, {
            field: 'plantId',
          });
        }
        const zone = (await lockZone(tx, plant.zone_id)) as LockedZone;
        const fit = fitOf(zone, zone.limits, amounts);
        if (!fit.fits) throw doesNotFit(plant.name, fit, 'amounts');
        const held = await holdingOf(tx, plantId);
        return setHolding(tx, plant, version, held, plus(held, amounts), {}, viewer);
      },
      PLANT_CONSTRAINTS,
    );
  }

  /** Gives amounts back to the zone; more than the plant holds is BAD_USER_INPUT, and nothing changes. */
  release(plantId: string, version: number, input: AmountsInput, viewer: Claims): Promise<Plant> {
    mustAdminister(viewer, 'release allocations');
    const { amounts, problems } = parseAmounts(input, 'amounts');
    if (problems.length > 0) throw badUserInputs(problems);
    if (isEmpty(amounts)) throw badUserInput('amounts', 'releases nothing: give at least one amount above 0');
    return runWrite(
      this.db,
      async (tx) => {
        const plant = await lockPlant(tx, plantId);
        await lockZone(tx, plant.zone_id);
        const held = await holdingOf(tx, plantId);
        const beyond = beyondHolding(held, amounts, 'amounts');
        if (beyond.length > 0) throw badUserInputs(beyond);
        return setHolding(tx, plant, version, held, minus(held, amounts), {}, viewer);
      },
      PLANT_CONSTRAINTS,
    );
  }

  /** Closes a plant: it gives back all it holds, and its scheduled phase-outs count as completed. */
  close(plantId: string, version: number, viewer: Claims, today: string): Promise<Plant> {
    mustAdminister(viewer, 'close plants');
    return runWrite(
      this.db,
      async (tx) => {
        const plant = await lockPlant(tx, plantId);
        if (plant.status === 'CLOSED') {
          throw appError(ErrorCode.CONFLICT, `Plant ${plantId} is already closed`, { field: 'plantId' });
        }
        await lockZone(tx, plant.zone_id);
        const held = await holdingOf(tx, plantId);
        const scheduled = (await tx
          .table('phase_out')
          .where({ plant_id: plantId, status: 'SCHEDULED' })
          .orderBy('id')
          .forUpdate()) as { id: string; version: number }[];
        for (const phaseOut of scheduled) {
          await updateVersioned(
            tx,
            { table: 'phase_out', typename: 'PhaseOut' },
            phaseOut.id,
            phaseOut.version,
            { status: 'COMPLETED', completed_on: today },
            viewer,
          );
        }
        return setHolding(tx, plant, version, held, {}, { status: 'CLOSED' }, viewer);
      },
      PLANT_CONSTRAINTS,
    );
  }

  private filtered(criteria: PlantCriteria) {
    const query = this.db.table<PlantRow>('plant');
    applyCriteria(query, criteria, this.db);
    return query;
  }
}
