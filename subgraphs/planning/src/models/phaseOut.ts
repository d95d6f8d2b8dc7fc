/**
 * Backward capacity to be phased out: a plant's lines, the amounts they free and a deadline.
 * Completing one gives its amounts back to the zone in the same transaction (as much of them as
 * the plant still holds: a release meanwhile may have given some back already).
 */
import { randomUUID } from 'node:crypto';
import {
  appError,
  applyChangedWindow,
  badUserInputs,
  type ChangedWindow,
  type Claims,
  type Connection,
  type ConstraintFields,
  countRows,
  type Database,
  type DateRange,
  dateOf,
  ErrorCode,
  type InputProblem,
  insertVersioned,
  isDate,
  keysetPage,
  notFound,
  type OrderFields,
  type Page,
  runWrite,
  updateVersioned,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type { PhaseOutInput, PhaseOutStatus, PlatingProcess } from '../__generated__/resolvers-types.ts';
import { mustAdminister } from '../access.ts';
import { PLANNING_LIMITS } from '../domain.ts';
import { type Amounts, amountsFromStored, atMost, compact, isEmpty, minus, parseAmounts } from './amounts.ts';
import { beyondHolding, holdingOf, lockPlant, lockZone, PLANT_CONSTRAINTS, setHolding } from './plant.ts';

interface PhaseOutRow {
  id: string;
  plant_id: string;
  description: string;
  process: PlatingProcess | null;
  lines: number;
  deadline: string | Date;
  status: PhaseOutStatus;
  completed_on: string | Date | null;
  releases: Record<string, number | string> | string;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface PhaseOut {
  id: string;
  plantId: string;
  description: string;
  process: PlatingProcess | null;
  lines: number;
  deadline: string;
  status: PhaseOutStatus;
  overdue: boolean;
  completedOn: string | null;
  releases: Amounts;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type PhaseOutConnection = Connection<PhaseOut>;

export interface PhaseOutCriteria {
  statuses: PhaseOutStatus[] | null;
  overdue: boolean | null;
  deadline: DateRange | null;
  plantId: string | null;
  zoneId: string | null;
  regionCodes: string[] | null;
  changed: ChangedWindow | null;
  /** Today in Guizhou, for `overdue`. */
  today: string;
}

export const PHASE_OUT_ORDERS: OrderFields<PhaseOut> = {
  DEADLINE: { column: 'deadline', value: (p) => p.deadline },
  CREATED_AT: { column: 'created_at', value: (p) => p.createdAt },
  UPDATED_AT: { column: 'updated_at', value: (p) => p.updatedAt },
};

const PHASE_OUT = { table: 'phase_out', typename: 'PhaseOut', jsonColumns: ['releases'] };

const CONSTRAINTS: ConstraintFields = {
  ...PLANT_CONSTRAINTS,
  phase_out_description_length: {
    field: 'input.description',
    reason: `must be 1 to ${PLANNING_LIMITS.description} characters`,
  },
  phase_out_lines_range: { field: 'input.lines', reason: `must be 1 to ${PLANNING_LIMITS.linesPerProcess}` },
};

function toPhaseOut(row: PhaseOutRow, today: string): PhaseOut {
  const deadline = dateOf(row.deadline);
  return {
    id: row.id,
    plantId: row.plant_id,
    description: row.description,
    process: row.process,
    lines: row.lines,
    deadline,
    status: row.status,
    overdue: row.status === 'SCHEDULED' && deadline < today,
    completedOn: row.completed_on ? dateOf(row.completed_on) : null,
    releases: amountsFromStored(row.releases),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function applyCriteria(query: Knex.QueryBuilder, criteria: PhaseOutCriteria, db: Database): void {
  if (criteria.statuses) query.whereIn('status', criteria.statuses);
  if (criteria.overdue !== null) {
    const overdue = (where: Knex.QueryBuilder) =>
      where.where('status', 'SCHEDULED').where('deadline', '<', criteria.today);
    if (criteria.overdue) query.where(overdue);
    else query.whereNot(overdue);
  }
  if (criteria.deadline?.from) query.where('deadline', '>=', criteria.deadline.from);
  if (criteria.deadline?.to) query.where('deadline', '<=', criteria.deadline.to);
  if (criteria.plantId) query.where('plant_id', criteria.plantId);
  if (criteria.zoneId) query.whereIn('plant_id', db.table('plant').select('id').where('zone_id', criteria.zoneId));
  if (criteria.regionCodes) {
    query.whereIn(
      'plant_id',
      db
        .table('plant')
        .select('id')
        .whereIn('zone_id', db.table('zone').select('id').whereIn('region_code', criteria.regionCodes)),
    );
  }
  applyChangedWindow(query, criteria.changed);
}

export class PhaseOutModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[], today: string): Promise<PhaseOut[]> {
    const rows = await this.db.table<PhaseOutRow>('phase_out').whereIn('id', [...ids]);
    return rows.map((row) => toPhaseOut(row, today));
  }

  /** Each plant's phase-outs, by deadline. */
  async findByPlantIds(plantIds: readonly string[], today: string): Promise<PhaseOut[]> {
    const rows = await this.db
      .table<PhaseOutRow>('phase_out')
      .whereIn('plant_id', [...plantIds])
      .orderBy(['deadline', 'id']);
    return rows.map((row) => toPhaseOut(row, today));
  }

  async findPage(criteria: PhaseOutCriteria, page: Page<PhaseOut>): Promise<PhaseOut[]> {
    const rows = (await keysetPage(this.filtered(criteria), page)) as PhaseOutRow[];
    return rows.map((row) => toPhaseOut(row, criteria.today));
  }

  count(criteria: PhaseOutCriteria): Promise<number> {
    return countRows(this.filtered(criteria));
  }

  /** Schedules a phase-out of a plant's lines; what it releases must be held by the plant now. */
  schedule(input: PhaseOutInput, viewer: Claims, today: string): Promise<PhaseOut> {
    mustAdminister(viewer, 'schedule phase-outs');
    const { amounts, problems } = parseAmounts(input.releases, 'input.releases');
    const description = input.description.trim();
    const problem = (field: string, reason: string) => problems.push({ field: `input.${field}`, reason });
    if (!description || description.length > PLANNING_LIMITS.description) {
      problem('description', `must be 1 to ${PLANNING_LIMITS.description} characters`);
    }
    if (!Number.isInteger(input.lines) || input.lines < 1 || input.lines > PLANNING_LIMITS.linesPerProcess) {
      problem('lines', `must be 1 to ${PLANNING_LIMITS.linesPerProcess}`);
    }
    if (!isDate(input.deadline))
      problem('deadline', `must be a date, YYYY-MM-DD; got ${JSON.stringify(input.deadline)}`);
    if (problems.length > 0) throw badUserInputs(problems);
    return runWrite(
      this.db,
      async (tx) => {
        const plant = await lockPlant(tx, input.plantId);
        if (plant.status !== 'OPERATING') {
          throw appError(ErrorCode.CONFLICT, `Plant ${plant.id} is ${plant.status}: nothing is left to phase out`, {
            field: 'input.plantId',
          });
        }
        const beyond: InputProblem[] = beyondHolding(await holdingOf(tx, plant.id), amounts, 'input.releases');
        if (beyond.length > 0) throw badUserInputs(beyond);
        const row = await insertVersioned<PhaseOutRow>(
          tx,
          PHASE_OUT,
          {
            id: `pho-${randomUUID().replaceAll('-', '').slice(0, 12)}`,
            plant_id: plant.id,
            description,
            process: input.process ?? null,
            lines: input.lines,
            deadline: input.deadline,
            status: 'SCHEDULED',
            releases: compact(amounts),
          },
          viewer,
        );
        return toPhaseOut(row, today);
      },
      CONSTRAINTS,
    );
  }

  /** Completes a phase-out and gives its amounts (as far as the plant still holds them) back to the zone. */
  complete(id: string, version: number, viewer: Claims, today: string): Promise<PhaseOut> {
    mustAdminister(viewer, 'complete phase-outs');
    return runWrite(
      this.db,
      async (tx) => {
        // The plant first, as every change of a holding locks it: then the phase-out.
        const found = (await tx.table('phase_out').where({ id }).first('plant_id')) as { plant_id: string } | undefined;
        if (!found) throw notFound('PhaseOut', id);
        const plant = await lockPlant(tx, found.plant_id);
        const current = (await tx.table<PhaseOutRow>('phase_out').where({ id }).forUpdate().first()) as PhaseOutRow;
        if (current.status !== 'SCHEDULED') {
          throw appError(ErrorCode.CONFLICT, `Phase-out ${id} is already ${current.status}`, { field: 'id' });
        }
        const stored = {
          ...current,
          deadline: dateOf(current.deadline),
          completed_on: null,
        };
        const row = await updateVersioned<PhaseOutRow>(
          tx,
          PHASE_OUT,
          id,
          version,
          { status: 'COMPLETED', completed_on: today },
          viewer,
          stored as PhaseOutRow,
        );
        await lockZone(tx, plant.zone_id);
        const held = await holdingOf(tx, plant.id);
        const released = atMost(amountsFromStored(current.releases), held);
        if (!isEmpty(released)) {
          await setHolding(tx, plant, plant.version, held, minus(held, released), {}, viewer);
        }
        return toPhaseOut(row, today);
      },
      CONSTRAINTS,
    );
  }

  private filtered(criteria: PhaseOutCriteria) {
    const query = this.db.table<PhaseOutRow>('phase_out');
    applyCriteria(query, criteria, this.db);
    return query;
  }
}
