/**
 * Writing the registry: partners push records by credit code, an enterprise's users edit their
 * own record, administrators any — all on the kit's write path (one transaction each, the
 * database's constraints, registry errors, history).
 */
import { randomUUID } from 'node:crypto';
import {
  appError,
  badUserInput,
  badUserInputs,
  type Claims,
  type ConstraintFields,
  changedColumns,
  type Database,
  ErrorCode,
  type FieldError,
  fieldErrorsOf,
  insertVersioned,
  notFound,
  Role,
  runWrite,
  updateVersioned,
} from '@gzequip/kit';
import type { EnterprisePatch, EnterpriseRecordInput } from '../__generated__/resolvers-types.ts';
import type { EnterpriseRow } from '../db.ts';
import { ENTERPRISE_TEXT_LIMITS } from '../migrations/20261204000000_registry.ts';
import { type Enterprise, toEnterprise } from './enterprise.ts';
import { enterpriseColumns, fieldOfColumn, regionMismatch } from './record.ts';

export type PushOutcome = 'ADDED' | 'UPDATED' | 'UNCHANGED';

/** What happened to one pushed record. */
export interface EnterprisePushResult {
  index: number;
  creditCode: string;
  outcome: PushOutcome | 'REJECTED';
  enterpriseId: string | null;
  errors: FieldError[];
}

/** Most records one push may carry: each is its own transaction (as for instruments). */
export const MAX_PUSH_RECORDS = 100;

const ENTITY = { table: 'enterprise', typename: 'Enterprise' };

/** Each constraint of the registry, named for the field it guards (prefix: `record`, `input`). */
function constraintFields(prefix: string): ConstraintFields {
  const named = (column: string, reason?: string) => ({
    field: `${prefix}.${fieldOfColumn(column)}`,
    ...(reason ? { reason } : {}),
  });
  return {
    ...Object.fromEntries(
      Object.entries(ENTERPRISE_TEXT_LIMITS).map(([column, limit]) => [
        `enterprise_${column}_length`,
        named(column, `must be at most ${limit} characters`),
      ]),
    ),
    enterprise_name_not_blank: named('name', 'is required'),
    enterprise_founded_year_range: named('founded_year', 'must be from 1900 to this year'),
    enterprise_certifications_valid: named('certifications', 'may hold at most 20, each 1 to 100 characters'),
    enterprise_scale_check: named('scale'),
    enterprise_type_check: named('type'),
    enterprise_region_code_foreign: named('region_code', 'is not a region of Guizhou (see regions)'),
    enterprise_credit_code_key: named('credit_code'),
  };
}

function forbidden(message: string) {
  return appError(ErrorCode.FORBIDDEN, message);
}

/** Who may edit a record: the enterprise's own users, and administrators. */
export function canEdit(viewer: Claims, enterpriseId: string): boolean {
  if (viewer.role === Role.ADMIN) return true;
  return viewer.role !== Role.PARTNER && viewer.role !== Role.PUBLIC && viewer.enterpriseId === enterpriseId;
}

export class RegistryModel {
  constructor(private readonly db: Database) {}

  /**
   * A partner's push (partners and administrators): each record on its own, in order, every
   * outcome reported — a refused record does not stop the others.
   */
  async push(records: readonly EnterpriseRecordInput[], viewer: Claims): Promise<EnterprisePushResult[]> {
    if (viewer.role !== Role.PARTNER && viewer.role !== Role.ADMIN) {
      throw forbidden('Only partner systems (role PARTNER) and administrators may push enterprises');
    }
    if (records.length > MAX_PUSH_RECORDS) {
      throw badUserInput('records', `may hold at most ${MAX_PUSH_RECORDS} records per push, got ${records.length}`);
    }
    const results: EnterprisePushResult[] = [];
    for (const [index, record] of records.entries()) {
      const creditCode = record.creditCode.trim().toUpperCase();
      try {
        const { outcome, id } = await this.pushOne(record, viewer);
        results.push({ index, creditCode, outcome, enterpriseId: id, errors: [] });
      } catch (error) {
        results.push({ index, creditCode, outcome: 'REJECTED', enterpriseId: null, errors: fieldErrorsOf(error) });
      }
    }
    return results;
  }

  /** One pushed record in its own transaction: found by credit code, added, updated or left unchanged. */
  private async pushOne(record: EnterpriseRecordInput, viewer: Claims): Promise<{ outcome: PushOutcome; id: string }> {
    const { columns, problems } = enterpriseColumns(record, 'record');
    if (problems.length > 0) throw badUserInputs(problems);
    const { credit_code: creditCode, ...fields } = columns;
    // Fields a push leaves out are cleared: the partner's record is the whole record.
    const whole = {
      name_en: null,
      address: null,
      founded_year: null,
      contact_name: null,
      contact_phone: null,
      scale: null,
      ...fields,
    };
    const attempt = () =>
      runWrite(
        this.db,
        async (tx): Promise<{ outcome: PushOutcome; id: string }> => {
          const current = (await tx
            .table<EnterpriseRow>('enterprise')
            .where({ credit_code: creditCode as string })
            .forUpdate()
            .first()) as EnterpriseRow | undefined;
          if (!current) {
            const id = `ent-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
            await insertVersioned(tx, ENTITY, { id, credit_code: creditCode, ...whole }, viewer);
            return { outcome: 'ADDED', id };
          }
          const changed = changedColumns(current, whole);
          if (Object.keys(changed).length === 0) return { outcome: 'UNCHANGED', id: current.id };
          await updateVersioned(tx, ENTITY, current.id, current.version, changed, viewer, current);
          return { outcome: 'UPDATED', id: current.id };
        },
        constraintFields('record'),
      );
    try {
      return await attempt();
    } catch (error) {
      // Two pushes adding the same code at once: the loser finds the winner's row and updates it.
      const constraint = (error as { extensions?: { constraint?: string } }).extensions?.constraint;
      if (constraint === 'enterprise_credit_code_key') return attempt();
      throw error;
    }
  }

  /** An edit of one record by its own users or an administrator, if `version` is still current. */
  update(id: string, expectedVersion: number, patch: EnterprisePatch, viewer: Claims): Promise<Enterprise> {
    const { columns, problems } = enterpriseColumns(patch, 'input');
    for (const required of ['name', 'industries', 'region_code', 'certifications']) {
      if (columns[required] === null)
        problems.push({ field: `input.${fieldOfColumn(required)}`, reason: 'cannot be cleared' });
    }
    return runWrite(
      this.db,
      async (tx) => {
        const current = (await tx.table<EnterpriseRow>('enterprise').where({ id }).forUpdate().first()) as
          | EnterpriseRow
          | undefined;
        if (!current) throw notFound('Enterprise', id);
        if (!canEdit(viewer, id)) {
          throw forbidden(`Only the users of enterprise ${id} and administrators may edit its record`);
        }
        const mismatch = regionMismatch(current.credit_code, columns.region_code as string | undefined);
        if (mismatch) problems.push({ field: `input.${mismatch.field}`, reason: mismatch.reason });
        if (problems.length > 0) throw badUserInputs(problems);
        return toEnterprise(
          await updateVersioned<EnterpriseRow>(tx, ENTITY, id, expectedVersion, columns, viewer, current),
        );
      },
      constraintFields('input'),
    );
  }
}
