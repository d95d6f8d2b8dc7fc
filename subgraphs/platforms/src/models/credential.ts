/**
 * What vouches for a platform: accreditations (CNAS, CMA, calibration …) with their number, scope
 * and validity. Whether one is in force is read against today in Guizhou's calendar, never
 * stored, so an expired credential shows as expired the day after and no longer counts. And the
 * service figures a platform reports each year.
 */
import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  badUserInputs,
  type Claims,
  type ConstraintFields,
  type Database,
  dateOf,
  type InputProblem,
  insertVersioned,
  isDate,
  notFound,
  runWrite,
  todayInGuizhou,
  updateVersioned,
} from '@gzequip/kit';
import type { CredentialInput, CredentialKind, CredentialStatus } from '../__generated__/resolvers-types.ts';
import { PLATFORM_LIMITS } from '../migrations/20261208000000_services_credentials_threads.ts';
import { mustOperate } from './access.ts';

interface CredentialRow {
  id: string;
  platform_id: string;
  kind: string;
  number: string;
  issuer: string | null;
  scope: string;
  valid_from: string | Date;
  valid_until: string | Date;
  version: number;
}

export interface Credential {
  id: string;
  platformId: string;
  kind: CredentialKind;
  number: string;
  issuer: string | null;
  scope: string;
  validFrom: string;
  validUntil: string;
  status: CredentialStatus;
  version: number;
}

export interface ServiceFigures {
  platformId: string;
  year: number;
  enterprisesServed: number;
  servicesDelivered: number;
  revenueFen: number;
}

const CREDENTIAL = { table: 'credential', typename: 'Credential' };
const CREDENTIAL_COLUMNS: readonly (keyof CredentialRow)[] = [
  'id',
  'platform_id',
  'kind',
  'number',
  'issuer',
  'scope',
  'valid_from',
  'valid_until',
  'version',
];

const CONSTRAINTS: ConstraintFields = {
  credential_kind_number_key: {
    field: 'input.number',
    reason: 'a credential of this kind and number is already filed',
  },
  credential_validity_order: { field: 'input.validUntil', reason: 'must not be before validFrom' },
  credential_number_length: {
    field: 'input.number',
    reason: `must be 1 to ${PLATFORM_LIMITS.credentialNumber} characters`,
  },
  credential_scope_length: {
    field: 'input.scope',
    reason: `must be 1 to ${PLATFORM_LIMITS.credentialScope} characters`,
  },
  credential_platform_id_foreign: { field: 'platformId', reason: 'is not a platform' },
};

/** SQL for today in Guizhou's calendar (Asia/Shanghai), as a date. */
const TODAY_SQL = "(now() at time zone 'Asia/Shanghai')::date";

/**
 * SQL: the credential rows in force on a day (an SQL date expression; today in Asia/Shanghai by
 * default), for queries that count them — the same rule as a credential's status: valid from that
 * day or earlier, until that day or later.
 */
export function inForceSql(alias: string, day = TODAY_SQL): string {
  return `(${alias}.valid_from <= ${day} and ${alias}.valid_until >= ${day})`;
}

function statusOf(validFrom: string, validUntil: string, today: string): CredentialStatus {
  if (validUntil < today) return 'EXPIRED';
  return validFrom > today ? 'NOT_YET_VALID' : 'IN_FORCE';
}

function toCredential(row: CredentialRow, today: string): Credential {
  const validFrom = dateOf(row.valid_from);
  const validUntil = dateOf(row.valid_until);
  return {
    id: row.id,
    platformId: row.platform_id,
    kind: row.kind as CredentialKind,
    number: row.number,
    issuer: row.issuer,
    scope: row.scope,
    validFrom,
    validUntil,
    status: statusOf(validFrom, validUntil, today),
    version: row.version,
  };
}

function credentialColumns(input: CredentialInput): { columns: Record<string, unknown>; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field: `input.${field}`, reason });
  const number = input.number.trim();
  if (number.length < 1 || number.length > PLATFORM_LIMITS.credentialNumber) {
    problem('number', `must be 1 to ${PLATFORM_LIMITS.credentialNumber} characters`);
  }
  const scope = input.scope.trim();
  if (scope.length < 1 || scope.length > PLATFORM_LIMITS.credentialScope) {
    problem('scope', `must be 1 to ${PLATFORM_LIMITS.credentialScope} characters`);
  }
  const issuer = input.issuer?.trim() || null;
  if (issuer && issuer.length > PLATFORM_LIMITS.issuer)
    problem('issuer', `must be at most ${PLATFORM_LIMITS.issuer} characters`);
  for (const field of ['validFrom', 'validUntil'] as const) {
    if (!isDate(input[field])) problem(field, `must be a date, YYYY-MM-DD; got ${JSON.stringify(input[field])}`);
  }
  if (isDate(input.validFrom) && isDate(input.validUntil) && input.validUntil < input.validFrom) {
    problem('validUntil', `${input.validUntil} is before validFrom ${input.validFrom}`);
  }
  return {
    columns: {
      kind: input.kind,
      number,
      issuer,
      scope,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
    },
    problems,
  };
}

export class CredentialModel {
  constructor(private readonly db: Database) {}

  /** Each platform's credentials: in force first, then by the day they end, latest first. */
  async findByPlatformIds(platformIds: readonly string[]): Promise<Credential[]> {
    const today = todayInGuizhou();
    const rows = (await this.db
      .table('credential')
      .select([...CREDENTIAL_COLUMNS])
      .whereIn('platform_id', [...platformIds])
      .orderBy([
        { column: 'platform_id' },
        { column: 'valid_until', order: 'desc' },
        { column: 'id' },
      ])) as CredentialRow[];
    const credentials = rows.map((row) => toCredential(row, today));
    const rank = (c: Credential) => (c.status === 'IN_FORCE' ? 0 : c.status === 'NOT_YET_VALID' ? 1 : 2);
    return credentials.sort((a, b) => (a.platformId === b.platformId ? rank(a) - rank(b) : 0));
  }

  async figuresOf(platformIds: readonly string[]): Promise<ServiceFigures[]> {
    const rows = (await this.db
      .table('service_figure')
      .whereIn('platform_id', [...platformIds])
      .orderBy([{ column: 'platform_id' }, { column: 'year', order: 'desc' }])) as {
      platform_id: string;
      year: number;
      enterprises_served: number;
      services_delivered: number;
      revenue_fen: string | number;
    }[];
    return rows.map((row) => ({
      platformId: row.platform_id,
      year: row.year,
      enterprisesServed: row.enterprises_served,
      servicesDelivered: row.services_delivered,
      revenueFen: Number(row.revenue_fen),
    }));
  }

  /** Files a credential of a platform (no id), or replaces one if `version` is still the stored one. */
  save(platformId: string, id: string | null, version: number | null, input: CredentialInput, viewer: Claims) {
    mustOperate(viewer, platformId, 'change its credentials');
    const { columns, problems } = credentialColumns(input);
    const today = todayInGuizhou();
    return runWrite(
      this.db,
      async (tx) => {
        if (!(await tx.table('platform').where({ id: platformId }).first('id'))) throw notFound('Platform', platformId);
        if (id === null) {
          if (problems.length > 0) throw badUserInputs(problems);
          const row = {
            id: `crd-${randomUUID().replaceAll('-', '').slice(0, 12)}`,
            platform_id: platformId,
            ...columns,
          };
          return toCredential(await insertVersioned<CredentialRow>(tx, CREDENTIAL, row, viewer), today);
        }
        const current = (await tx.table('credential').where({ id }).forUpdate().first()) as CredentialRow | undefined;
        if (!current || current.platform_id !== platformId) throw notFound('Credential', id);
        if (version === null)
          throw badUserInput('version', 'is required to change a credential: send the version you read');
        if (problems.length > 0) throw badUserInputs(problems);
        const stored = { ...current, valid_from: dateOf(current.valid_from), valid_until: dateOf(current.valid_until) };
        return toCredential(
          await updateVersioned<CredentialRow>(tx, CREDENTIAL, id, version, columns, viewer, stored),
          today,
        );
      },
      CONSTRAINTS,
    );
  }
}
