/**
 * What a platform offers: services with a price or price range in fen, a lead time and the
 * instruments they use. Operators keep them on the kit's write path.
 */
import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  badUserInputs,
  type Claims,
  type ConstraintFields,
  type Database,
  deleteVersioned,
  type InputProblem,
  insertVersioned,
  notFound,
  runWrite,
  staleVersion,
  updateVersioned,
} from '@gzequip/kit';
import type { ServiceInput, ServiceUnit } from '../__generated__/resolvers-types.ts';
import { INSTRUMENT_ID_PATTERN, PLATFORM_LIMITS } from '../migrations/20261208000000_services_credentials_threads.ts';
import { mustOperate } from './access.ts';

export interface ServiceRow {
  id: string;
  platform_id: string;
  name: string;
  description: string | null;
  unit: string;
  unit_note: string | null;
  price_min_fen: string | number;
  price_max_fen: string | number;
  lead_time_days: number;
  instrument_ids: string[];
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

export interface Service {
  id: string;
  platformId: string;
  name: string;
  description: string | null;
  unit: ServiceUnit;
  unitNote: string | null;
  priceMinFen: number;
  priceMaxFen: number;
  leadTimeDays: number;
  instrumentIds: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

const SERVICE = { table: 'service', typename: 'Service' };
const SERVICE_COLUMNS: readonly (keyof ServiceRow)[] = [
  'id',
  'platform_id',
  'name',
  'description',
  'unit',
  'unit_note',
  'price_min_fen',
  'price_max_fen',
  'lead_time_days',
  'instrument_ids',
  'version',
  'created_at',
  'updated_at',
];

const CONSTRAINTS: ConstraintFields = {
  service_platform_name_key: { field: 'input.name', reason: 'the platform already offers a service of this name' },
  service_price_min_not_negative: { field: 'input.priceMinFen', reason: 'must be 0 or more' },
  service_price_range: { field: 'input.priceMinFen', reason: 'must not be above priceMaxFen' },
  service_lead_time_range: { field: 'input.leadTimeDays', reason: `must be 0 to ${PLATFORM_LIMITS.leadTimeDays}` },
  service_instrument_ids_valid: { field: 'input.instrumentIds', reason: 'must be at most 50 instrument ids' },
  service_platform_id_foreign: { field: 'platformId', reason: 'is not a platform' },
};

export function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    platformId: row.platform_id,
    name: row.name,
    description: row.description,
    unit: row.unit as ServiceUnit,
    unitNote: row.unit_note,
    priceMinFen: Number(row.price_min_fen),
    priceMaxFen: Number(row.price_max_fen),
    leadTimeDays: row.lead_time_days,
    instrumentIds: row.instrument_ids,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The columns of a service input, and every problem with it (the database checks the same again). */
function serviceColumns(input: ServiceInput): { columns: Record<string, unknown>; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field: `input.${field}`, reason });
  const name = input.name.trim();
  if (name.length < 1 || name.length > PLATFORM_LIMITS.serviceName) {
    problem('name', `must be 1 to ${PLATFORM_LIMITS.serviceName} characters`);
  }
  const description = input.description?.trim() || null;
  if (description && description.length > PLATFORM_LIMITS.description) {
    problem('description', `must be at most ${PLATFORM_LIMITS.description} characters`);
  }
  const unitNote = input.unitNote?.trim() || null;
  if (unitNote && unitNote.length > PLATFORM_LIMITS.unitNote) {
    problem('unitNote', `must be at most ${PLATFORM_LIMITS.unitNote} characters`);
  }
  if (input.priceMinFen < 0) problem('priceMinFen', `must be 0 or more, got ${input.priceMinFen}`);
  if (input.priceMaxFen < 0) problem('priceMaxFen', `must be 0 or more, got ${input.priceMaxFen}`);
  if (input.priceMinFen > input.priceMaxFen) {
    problem('priceMinFen', `must not be above priceMaxFen (${input.priceMinFen} > ${input.priceMaxFen})`);
  }
  if (
    !Number.isInteger(input.leadTimeDays) ||
    input.leadTimeDays < 0 ||
    input.leadTimeDays > PLATFORM_LIMITS.leadTimeDays
  ) {
    problem('leadTimeDays', `must be 0 to ${PLATFORM_LIMITS.leadTimeDays}, got ${input.leadTimeDays}`);
  }
  const instrumentIds = [...new Set(input.instrumentIds ?? [])];
  if (instrumentIds.length > PLATFORM_LIMITS.instruments) {
    problem('instrumentIds', `may name at most ${PLATFORM_LIMITS.instruments}`);
  }
  const pattern = new RegExp(INSTRUMENT_ID_PATTERN);
  instrumentIds.forEach((id, i) => {
    if (!pattern.test(id)) problem(`instrumentIds[${i}]`, `${JSON.stringify(id)} is not an instrument id (ins-…)`);
  });
  return {
    columns: {
      name,
      description,
      unit: input.unit,
      unit_note: unitNote,
      price_min_fen: input.priceMinFen,
      price_max_fen: input.priceMaxFen,
      lead_time_days: input.leadTimeDays,
      instrument_ids: instrumentIds,
    },
    problems,
  };
}

export class ServiceModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<Service[]> {
    const rows = await this.db
      .table('service')
      .select([...SERVICE_COLUMNS])
      .whereIn('id', [...ids]);
    return (rows as ServiceRow[]).map(toService);
  }

  async findByPlatformIds(platformIds: readonly string[]): Promise<Service[]> {
    const rows = await this.db
      .table('service')
      .select([...SERVICE_COLUMNS])
      .whereIn('platform_id', [...platformIds])
      .orderBy(['platform_id', 'name', 'id']);
    return (rows as ServiceRow[]).map(toService);
  }

  /** Adds a service to a platform (no id), or replaces one if `version` is still the stored one. */
  save(platformId: string, id: string | null, version: number | null, input: ServiceInput, viewer: Claims) {
    mustOperate(viewer, platformId, 'change its services');
    const { columns, problems } = serviceColumns(input);
    return runWrite(
      this.db,
      async (tx) => {
        if (!(await tx.table('platform').where({ id: platformId }).first('id'))) throw notFound('Platform', platformId);
        if (id === null) {
          if (problems.length > 0) throw badUserInputs(problems);
          const row = {
            id: `svc-${randomUUID().replaceAll('-', '').slice(0, 12)}`,
            platform_id: platformId,
            ...columns,
          };
          return toService(await insertVersioned<ServiceRow>(tx, SERVICE, row, viewer));
        }
        const current = (await tx.table('service').where({ id }).forUpdate().first()) as ServiceRow | undefined;
        if (!current || current.platform_id !== platformId) throw notFound('Service', id);
        if (version === null)
          throw badUserInput('version', 'is required to change a service: send the version you read');
        if (problems.length > 0) throw badUserInputs(problems);
        return toService(await updateVersioned<ServiceRow>(tx, SERVICE, id, version, columns, viewer, current));
      },
      CONSTRAINTS,
    );
  }

  /** Withdraws a service; threads about it keep their history and lose only the link. */
  remove(id: string, version: number, viewer: Claims): Promise<boolean> {
    return runWrite(this.db, async (tx) => {
      const current = (await tx.table('service').where({ id }).forUpdate().first()) as ServiceRow | undefined;
      if (!current) throw notFound('Service', id);
      mustOperate(viewer, current.platform_id, 'withdraw its services');
      if (current.version !== version) throw staleVersion('Service', id, current.version, version);
      await tx.table('thread').where({ service_id: id }).update({ service_id: null });
      // What is no longer offered cannot be ordered: its open quotes are withdrawn.
      const offered = (await tx.table('quote').where({ service_id: id, status: 'OFFERED' }).forUpdate()) as {
        id: string;
        version: number;
      }[];
      for (const quote of offered) {
        await updateVersioned(
          tx,
          { table: 'quote', typename: 'Quote' },
          quote.id,
          quote.version,
          { status: 'WITHDRAWN' },
          viewer,
        );
      }
      await deleteVersioned<ServiceRow>(tx, SERVICE, id, viewer);
      return true;
    });
  }
}
