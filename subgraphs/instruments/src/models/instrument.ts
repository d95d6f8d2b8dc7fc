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
  changedColumns,
  containsPattern,
  countRows,
  type Database,
  type DateRange,
  type Dimension,
  ErrorCode,
  type FieldError,
  fieldErrorsOf,
  groupedStats,
  type InputProblem,
  insertVersioned,
  keysetPage,
  loadChildPages,
  type NumberRange,
  notFound,
  type OrderFields,
  type Page,
  Role,
  runWrite,
  updateVersioned,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type {
  EnterpriseType,
  Industry,
  InstrumentPurpose,
  InstrumentPushInput,
  InstrumentRecordInput,
  InstrumentRecordPatch,
  InstrumentReviewStatus,
  InstrumentSource,
  InstrumentStatus,
  SharingMode,
} from '../__generated__/resolvers-types.ts';
import { TEXT_LIMITS } from '../migrations/20261130000000_instrument_edits.ts';
import { MAX_REJECTION_REASON, RECORD_TEXT_LIMITS } from '../migrations/20261202000000_instrument_records.ts';
import { type FreeWindow, freeWindowSql } from './calendar.ts';
import { RECORD_COLUMNS, recordColumns } from './record.ts';

/** A row of `instruments.instrument`. */
export interface InstrumentRow {
  id: string;
  asset_number: string;
  name: string;
  name_en: string | null;
  class_code: string;
  source: string;
  customs_supervised: boolean;
  original_value: string | number;
  country: string;
  manufacturer: string;
  model: string;
  start_of_use: string;
  purpose: string;
  technical_indicators: string;
  main_functions: string;
  disciplines: string[];
  service_content: string | null;
  sharing_rules: string | null;
  fee_text: string | null;
  service_url: string | null;
  image_url: string | null;
  sharing_mode: string;
  status: string;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  region_code: string;
  industries: Industry[];
  owner_id: string;
  platform_id: string | null;
  owner_type: string | null;
  owner_credit_code: string | null;
  review_status: string;
  rejection_reason: string | null;
  published_at: Date | null;
  classified: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface Instrument {
  id: string;
  assetNumber: string;
  name: string;
  nameEn: string | null;
  classCode: string;
  source: InstrumentSource;
  customsSupervised: boolean;
  originalValue: number;
  country: string;
  manufacturer: string;
  model: string;
  startOfUse: string;
  purpose: InstrumentPurpose;
  technicalIndicators: string;
  mainFunctions: string;
  disciplines: string[];
  serviceContent: string | null;
  sharingRules: string | null;
  feeText: string | null;
  serviceUrl: string | null;
  imageUrl: string | null;
  sharingMode: SharingMode;
  status: InstrumentStatus;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  regionCode: string;
  industries: Industry[];
  ownerId: string;
  platformId: string | null;
  ownerType: EnterpriseType | null;
  ownerCreditCode: string | null;
  reviewStatus: InstrumentReviewStatus;
  rejectionReason: string | null;
  /** ISO 8601 */
  publishedAt: string | null;
  classified: boolean;
  version: number;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601 */
  updatedAt: string;
}

export type InstrumentConnection = Connection<Instrument>;

/** A checked instrument filter (see `parseInstrumentFilter`), ready to become SQL. */
export interface InstrumentCriteria {
  industries: Industry[] | null;
  regionCodes: string[] | null;
  ownerId: string | null;
  ownerTypes: EnterpriseType[] | null;
  platformId: string | null;
  sharingModes: SharingMode[] | null;
  statuses: InstrumentStatus[] | null;
  classCodePrefix: string | null;
  originalValue: NumberRange | null;
  startOfUse: DateRange | null;
  nameContains: string | null;
  hasFee: boolean | null;
  reviewStatuses: InstrumentReviewStatus[] | null;
  changed: ChangedWindow | null;
  freeBetween: FreeWindow | null;
}

export const NO_CRITERIA: InstrumentCriteria = {
  industries: null,
  regionCodes: null,
  ownerId: null,
  ownerTypes: null,
  platformId: null,
  sharingModes: null,
  statuses: null,
  classCodePrefix: null,
  originalValue: null,
  startOfUse: null,
  nameContains: null,
  hasFee: null,
  reviewStatuses: null,
  changed: null,
  freeBetween: null,
};

/** What instrument lists can be ordered by, besides id. */
export const INSTRUMENT_ORDERS: OrderFields<Instrument> = {
  NAME: { column: 'name', value: (i) => i.name },
  ORIGINAL_VALUE: { column: 'original_value', value: (i) => i.originalValue },
  START_OF_USE: { column: 'start_of_use', value: (i) => i.startOfUse },
  CREATED_AT: { column: 'created_at', value: (i) => i.createdAt },
  UPDATED_AT: { column: 'updated_at', value: (i) => i.updatedAt },
};

/** What instrument statistics can be grouped by, as SQL over the filtered rows. */
const DIMENSIONS: Record<string, Dimension> = {
  REGION: { sql: 'r.region_code' },
  INDUSTRY: { sql: 'r.industries', unnest: true },
  CLASS_MAJOR: { sql: 'substr(r.class_code, 1, 2)' },
  CLASS_MIDDLE: { sql: 'substr(r.class_code, 1, 4)' },
  SHARING_MODE: { sql: 'r.sharing_mode' },
  STATUS: { sql: 'r.status' },
  OWNER_TYPE: { sql: 'r.owner_type' },
  YEAR_IN_SERVICE: { sql: 'extract(year from r.start_of_use)::int' },
};

export interface InstrumentStatsRow {
  regionCode: string | null;
  industry: Industry | null;
  classMajor: string | null;
  classMiddle: string | null;
  sharingMode: SharingMode | null;
  status: InstrumentStatus | null;
  ownerType: EnterpriseType | null;
  yearInService: number | null;
  count: number;
  totalOriginalValue: number;
}

const TABLE = 'instrument';

export function toInstrument(row: InstrumentRow): Instrument {
  return {
    id: row.id,
    assetNumber: row.asset_number,
    name: row.name,
    nameEn: row.name_en,
    classCode: row.class_code,
    source: row.source as InstrumentSource,
    customsSupervised: row.customs_supervised,
    originalValue: Number(row.original_value),
    country: row.country,
    manufacturer: row.manufacturer,
    model: row.model,
    startOfUse: row.start_of_use,
    purpose: row.purpose as InstrumentPurpose,
    technicalIndicators: row.technical_indicators,
    mainFunctions: row.main_functions,
    disciplines: row.disciplines,
    serviceContent: row.service_content,
    sharingRules: row.sharing_rules,
    feeText: row.fee_text,
    serviceUrl: row.service_url,
    imageUrl: row.image_url,
    sharingMode: row.sharing_mode as SharingMode,
    status: row.status as InstrumentStatus,
    address: row.address,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    regionCode: row.region_code,
    industries: row.industries,
    ownerId: row.owner_id,
    platformId: row.platform_id,
    ownerType: row.owner_type as EnterpriseType | null,
    ownerCreditCode: row.owner_credit_code,
    reviewStatus: row.review_status as InstrumentReviewStatus,
    rejectionReason: row.rejection_reason,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    classified: row.classified,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * The one place that decides who sees an instrument: every query of this model goes through it,
 * so lists, lookups, counts, facets, statistics and entity references cannot disagree.
 * - A classified instrument: its owner's users, and no one else (not administrators).
 * - Otherwise administrators see everything, the owner's users their unit's records, a platform's
 *   operators the instruments it hosts, in every review state;
 * - and everyone else the published instruments the owner shares.
 */
export function restrictToVisible(query: Knex.QueryBuilder, viewer: Claims): void {
  query.where((visible) => {
    if (viewer.enterpriseId) visible.where('owner_id', viewer.enterpriseId);
    visible.orWhere((unclassified) => {
      unclassified.where('classified', false);
      if (viewer.role === Role.ADMIN) return;
      unclassified.andWhere((seen) => {
        seen.where((listed) => listed.where('review_status', 'PUBLISHED').whereNot('sharing_mode', 'NOT_SHARED'));
        if (viewer.role === Role.PLATFORM_OPERATOR && viewer.platformIds.length > 0) {
          seen.orWhereIn('platform_id', viewer.platformIds);
        }
      });
    });
  });
}

/** The filter's conditions, as SQL; every list, count and statistic of this model goes through it. */
export function applyCriteria(query: Knex.QueryBuilder, criteria: InstrumentCriteria): void {
  if (criteria.industries) query.whereRaw('industries && ?::text[]', [criteria.industries]);
  if (criteria.regionCodes) query.whereIn('region_code', criteria.regionCodes);
  if (criteria.ownerId) query.where('owner_id', criteria.ownerId);
  if (criteria.ownerTypes) query.whereIn('owner_type', criteria.ownerTypes);
  if (criteria.platformId) query.where('platform_id', criteria.platformId);
  if (criteria.sharingModes) query.whereIn('sharing_mode', criteria.sharingModes);
  if (criteria.statuses) query.whereIn('status', criteria.statuses);
  if (criteria.classCodePrefix) query.whereLike('class_code', `${criteria.classCodePrefix}%`);
  if (criteria.originalValue?.min != null) query.where('original_value', '>=', criteria.originalValue.min);
  if (criteria.originalValue?.max != null) query.where('original_value', '<=', criteria.originalValue.max);
  if (criteria.startOfUse?.from) query.where('start_of_use', '>=', criteria.startOfUse.from);
  if (criteria.startOfUse?.to) query.where('start_of_use', '<=', criteria.startOfUse.to);
  if (criteria.nameContains) {
    const pattern = containsPattern(criteria.nameContains);
    query.where((where) =>
      where.whereILike('name', pattern).orWhereILike('name_en', pattern).orWhereILike('model', pattern),
    );
  }
  if (criteria.hasFee === true) query.whereNotNull('fee_text');
  if (criteria.hasFee === false) query.whereNull('fee_text');
  if (criteria.reviewStatuses) query.whereIn('review_status', criteria.reviewStatuses);
  applyChangedWindow(query, criteria.changed);
  if (criteria.freeBetween) {
    const free = freeWindowSql(criteria.freeBetween);
    query.whereRaw(free.sql, free.bindings);
  }
}

/** Who may change how an instrument is run: its owner's users, its platform's operators, administrators. */
export function canOperate(viewer: Claims, instrument: Instrument): boolean {
  if (viewer.role === Role.ADMIN) return true;
  if (viewer.role === Role.ENTERPRISE_USER) return viewer.enterpriseId === instrument.ownerId;
  if (viewer.role === Role.PLATFORM_OPERATOR) {
    return instrument.platformId !== null && viewer.platformIds.includes(instrument.platformId);
  }
  return false;
}

/** Edit history is for the same people, and for the owner's operators of other kinds (not the public). */
export function canSeeHistory(viewer: Claims, instrument: Instrument): boolean {
  return canOperate(viewer, instrument) || (viewer.enterpriseId !== null && viewer.enterpriseId === instrument.ownerId);
}

/** Columns `updateOperations` may change, as the API names them. */
export interface OperationsChanges {
  status?: InstrumentStatus;
  sharingMode?: SharingMode;
  feeText?: string | null;
  sharingRules?: string | null;
  serviceContent?: string | null;
  serviceUrl?: string | null;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

/** Each constraint of the record, named for the field it guards (prefix: `input`, `record`…). */
function constraintFields(prefix: string): ConstraintFields {
  const fieldOf = Object.fromEntries(Object.entries(RECORD_COLUMNS).map(([field, column]) => [column, field]));
  const named = (field: string, reason?: string) => ({ field: `${prefix}.${field}`, ...(reason ? { reason } : {}) });
  return {
    ...Object.fromEntries(
      Object.entries({ ...TEXT_LIMITS, ...RECORD_TEXT_LIMITS }).map(([column, limit]) => [
        `instrument_${column}_length`,
        named(fieldOf[column] ?? column, `must be at most ${limit} characters`),
      ]),
    ),
    instrument_service_url_scheme: named('serviceUrl', 'must be an http:// or https:// address'),
    instrument_image_url_scheme: named('imageUrl', 'must be an http:// or https:// address'),
    instrument_status_check: named('status'),
    instrument_sharing_mode_check: named('sharingMode'),
    instrument_class_code_fkey: named('classCode', 'is not a class of the NRII classification (see instrumentClasses)'),
    instrument_original_value_check: named('originalValue', 'must be more than 0'),
    instrument_disciplines_at_most_four: named('disciplines', 'may name at most four disciplines'),
    instrument_owner_asset_number_key: named('assetNumber'),
    instrument_classified_not_shared: named('sharingMode', 'must be NOT_SHARED for a classified instrument'),
  };
}

const TYPENAME = 'Instrument';
const ENTITY = { table: TABLE, typename: TYPENAME };

function forbidden(message: string) {
  return appError(ErrorCode.FORBIDDEN, message);
}

function wrongState(instrument: Instrument, action: string, allowed: readonly string[]) {
  return appError(
    ErrorCode.CONFLICT,
    `Instrument ${instrument.id} is ${instrument.reviewStatus}; only ${allowed.join(' or ')} instruments can be ${action}`,
    { field: 'reviewStatus', reviewStatus: instrument.reviewStatus },
  );
}

/** What editing a record's fields does to its review: a rejected record is a draft again, a published one goes back to review. */
const REVIEW_AFTER_EDIT: Partial<Record<InstrumentReviewStatus, InstrumentReviewStatus>> = {
  REJECTED: 'DRAFT',
  PUBLISHED: 'SUBMITTED',
};

function reviewColumns(status: InstrumentReviewStatus): Record<string, unknown> {
  return { review_status: status, ...(status === 'REJECTED' ? {} : { rejection_reason: null }) };
}

export type PushOutcome = 'ADDED' | 'UPDATED' | 'UNCHANGED';

/** What happened to one pushed record. */
export interface PushResult {
  index: number;
  ownerCreditCode: string;
  assetNumber: string;
  outcome: PushOutcome | 'REJECTED';
  instrumentId: string | null;
  errors: FieldError[];
}

/**
 * Most records one push may carry: each is its own transaction, and a hundred answer well inside
 * the gateway's subgraph timeout even on the embedded database (500 took 3.6–5.5 s there).
 */
export const MAX_PUSH_RECORDS = 100;

/** A fresh id for a record filed through the API. */
function newInstrumentId(): string {
  return `ins-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

function mustBeAdministrator(viewer: Claims, action: string): void {
  if (viewer.role !== Role.ADMIN) throw forbidden(`Only administrators may ${action} instruments`);
}

/** A classified record is never shared; the database says so too (instrument_classified_not_shared). */
function checkClassified(record: Record<string, unknown>, prefix: string, problems: InputProblem[]): void {
  if (record.classified === true && record.sharing_mode && record.sharing_mode !== 'NOT_SHARED') {
    problems.push({ field: `${prefix}.sharingMode`, reason: 'must be NOT_SHARED for a classified instrument' });
  }
}

/**
 * Whose a new record is: an owner's user files for their own unit, a platform's operator for an
 * instrument their platform hosts (owner named), an administrator for any owner.
 */
function ownerOfNewRecord(ownerId: string | null, platformId: string | null, viewer: Claims): string {
  switch (viewer.role) {
    case Role.ENTERPRISE_USER:
      if (!viewer.enterpriseId) throw forbidden('Your sign-in names no unit to file instruments for');
      if (ownerId && ownerId !== viewer.enterpriseId) {
        throw forbidden(`You may file instruments for your own unit (${viewer.enterpriseId}) only, not ${ownerId}`);
      }
      return viewer.enterpriseId;
    case Role.PLATFORM_OPERATOR:
      if (!platformId || !viewer.platformIds.includes(platformId)) {
        throw forbidden('A platform operator files instruments for a platform they operate: give input.platformId');
      }
      if (!ownerId) throw badUserInput('ownerId', 'is required: name the unit that owns the instrument');
      return ownerId;
    case Role.ADMIN:
      if (!ownerId) throw badUserInput('ownerId', 'is required: name the unit that owns the instrument');
      return ownerId;
    default:
      throw forbidden("Only an owner's users, platform operators and administrators may file instruments");
  }
}

export class InstrumentModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[], viewer: Claims): Promise<Instrument[]> {
    const query = this.db.table<InstrumentRow>(TABLE).whereIn('id', [...ids]);
    restrictToVisible(query, viewer);
    return (await query).map(toInstrument);
  }

  /** A page in the page's order, fetching one extra row to tell whether another page follows. */
  async findPage(criteria: InstrumentCriteria, page: Page<Instrument>, viewer: Claims): Promise<Instrument[]> {
    return (await keysetPage(this.filtered(criteria, viewer), page)).map(toInstrument);
  }

  async count(criteria: InstrumentCriteria, viewer: Claims): Promise<number> {
    return countRows(this.filtered(criteria, viewer));
  }

  /** A page of instruments for each owner, platform or region, in one statement per page and filter. */
  async findPagesBy(
    parentColumn: 'owner_id' | 'platform_id' | 'region_code',
    keys: readonly ChildPageKey<InstrumentCriteria, Instrument>[],
    viewer: Claims,
  ): Promise<ChildPage<Instrument>[]> {
    const pages = await loadChildPages<InstrumentRow, InstrumentCriteria>(
      this.db,
      TABLE,
      parentColumn,
      keys,
      (query, criteria) => {
        restrictToVisible(query, viewer);
        applyCriteria(query, criteria ?? NO_CRITERIA);
      },
    );
    return pages.map(({ rows, total }) => ({ rows: rows.map(toInstrument), total }));
  }

  /** Counts and value of the visible instruments matching `criteria`, grouped by `groupBy`. */
  async stats(criteria: InstrumentCriteria, groupBy: readonly string[], viewer: Claims): Promise<InstrumentStatsRow[]> {
    const rows = await groupedStats(this.db, this.filtered(criteria, viewer), DIMENSIONS, groupBy, {
      count: 'count(*)::int',
      totalOriginalValue: 'coalesce(sum(r.original_value), 0)::float8',
    });
    return rows.map((row) => ({
      regionCode: (row.REGION as string | undefined) ?? null,
      industry: (row.INDUSTRY as Industry | undefined) ?? null,
      classMajor: (row.CLASS_MAJOR as string | undefined) ?? null,
      classMiddle: (row.CLASS_MIDDLE as string | undefined) ?? null,
      sharingMode: (row.SHARING_MODE as SharingMode | undefined) ?? null,
      status: (row.STATUS as InstrumentStatus | undefined) ?? null,
      ownerType: (row.OWNER_TYPE as EnterpriseType | undefined) ?? null,
      yearInService: (row.YEAR_IN_SERVICE as number | undefined) ?? null,
      count: Number(row.count),
      totalOriginalValue: Math.round(Number(row.totalOriginalValue) * 100) / 100,
    }));
  }

  /**
   * Applies an owner's edit of how the instrument is run: NOT_FOUND for an instrument the caller
   * may not see, FORBIDDEN for one they see but may not run, CONFLICT for a stale version.
   */
  updateOperations(id: string, expectedVersion: number, changes: OperationsChanges, viewer: Claims) {
    const columns = Object.fromEntries(
      Object.entries(changes).map(([field, value]) => [RECORD_COLUMNS[field as keyof OperationsChanges], value]),
    );
    return this.edit(id, expectedVersion, viewer, 'input', (instrument) => {
      this.mayEdit(viewer, instrument);
      return columns;
    });
  }

  /** Files a new record as a DRAFT for `ownerId` (see the createInstrument mutation for who may). */
  async create(ownerId: string | null, input: InstrumentRecordInput, viewer: Claims): Promise<Instrument> {
    const owner = ownerOfNewRecord(ownerId, input.platformId ?? null, viewer);
    const { columns, problems } = recordColumns(input, 'input');
    checkClassified({ classified: false, sharing_mode: null, ...columns }, 'input', problems);
    if (problems.length > 0) throw badUserInputs(problems);
    return runWrite(
      this.db,
      async (tx) => {
        const creditCode = await tx.table('owner').where({ id: owner }).first('credit_code');
        const row = await insertVersioned<InstrumentRow>(
          tx,
          ENTITY,
          {
            id: newInstrumentId(),
            ...columns,
            owner_id: owner,
            owner_credit_code: (creditCode as { credit_code?: string } | undefined)?.credit_code ?? null,
            review_status: 'DRAFT',
          },
          viewer,
        );
        return toInstrument(row);
      },
      constraintFields('input'),
    );
  }

  /** Edits the record's fields; a rejected record becomes a draft, a published one goes back to review. */
  updateRecord(id: string, expectedVersion: number, patch: InstrumentRecordPatch, viewer: Claims) {
    const { columns, problems } = recordColumns(patch, 'input');
    return this.edit(id, expectedVersion, viewer, 'input', (instrument, row) => {
      this.mayEdit(viewer, instrument);
      if (instrument.reviewStatus === 'RETIRED') throw wrongState(instrument, 'edited', ['not RETIRED']);
      if (columns.platform_id && viewer.role === Role.PLATFORM_OPERATOR) {
        if (!viewer.platformIds.includes(columns.platform_id as string)) {
          problems.push({ field: 'input.platformId', reason: 'must be a platform you operate' });
        }
      }
      checkClassified({ ...row, ...columns }, 'input', problems);
      if (problems.length > 0) throw badUserInputs(problems);
      const changed = changedColumns(row, columns);
      const next = REVIEW_AFTER_EDIT[instrument.reviewStatus];
      return Object.keys(changed).length > 0 && next ? { ...changed, ...reviewColumns(next) } : changed;
    });
  }

  /** DRAFT → SUBMITTED, by those who may edit it; a classified record stays with its owner. */
  submit(id: string, expectedVersion: number, viewer: Claims) {
    return this.edit(id, expectedVersion, viewer, 'id', (instrument) => {
      this.mayEdit(viewer, instrument);
      if (instrument.classified) {
        throw forbidden(
          `Instrument ${id} is classified: it stays with its owner and cannot be submitted for publication`,
        );
      }
      if (instrument.reviewStatus !== 'DRAFT') throw wrongState(instrument, 'submitted', ['DRAFT']);
      return reviewColumns('SUBMITTED');
    });
  }

  /** SUBMITTED → PUBLISHED, by an administrator. */
  publish(id: string, expectedVersion: number, viewer: Claims) {
    return this.edit(id, expectedVersion, viewer, 'id', (instrument) => {
      mustBeAdministrator(viewer, 'publish');
      if (instrument.reviewStatus !== 'SUBMITTED') throw wrongState(instrument, 'published', ['SUBMITTED']);
      return { ...reviewColumns('PUBLISHED'), published_at: new Date() };
    });
  }

  /** SUBMITTED → REJECTED with the reason its owner reads, by an administrator. */
  reject(id: string, expectedVersion: number, reason: string, viewer: Claims) {
    const text = reason.trim();
    return this.edit(id, expectedVersion, viewer, 'reason', (instrument) => {
      mustBeAdministrator(viewer, 'reject');
      if (text === '') throw badUserInput('reason', 'is required: tell the owner what to change');
      if (text.length > MAX_REJECTION_REASON) {
        throw badUserInput('reason', `must be at most ${MAX_REJECTION_REASON} characters`);
      }
      if (instrument.reviewStatus !== 'SUBMITTED') throw wrongState(instrument, 'rejected', ['SUBMITTED']);
      return { review_status: 'REJECTED', rejection_reason: text };
    });
  }

  /** Any state but RETIRED → RETIRED, by those who may edit it or an administrator. */
  retire(id: string, expectedVersion: number, viewer: Claims) {
    return this.edit(id, expectedVersion, viewer, 'id', (instrument) => {
      if (viewer.role !== Role.ADMIN) this.mayEdit(viewer, instrument);
      if (instrument.reviewStatus === 'RETIRED') throw wrongState(instrument, 'retired', ['not RETIRED']);
      return reviewColumns('RETIRED');
    });
  }

  /**
   * A partner's push (partners and administrators): each record on its own, one after another,
   * every outcome reported — a refused record does not stop the others.
   */
  async push(records: readonly InstrumentPushInput[], viewer: Claims): Promise<PushResult[]> {
    if (viewer.role !== Role.PARTNER && viewer.role !== Role.ADMIN) {
      throw forbidden('Only partner systems (role PARTNER) and administrators may push instruments');
    }
    if (records.length > MAX_PUSH_RECORDS) {
      throw badUserInput('records', `may hold at most ${MAX_PUSH_RECORDS} records per push, got ${records.length}`);
    }
    const results: PushResult[] = [];
    for (const [index, { ownerCreditCode, record }] of records.entries()) {
      const result = { index, ownerCreditCode, assetNumber: record.assetNumber };
      try {
        const { outcome, id } = await this.pushOne(ownerCreditCode, record, viewer);
        results.push({ ...result, outcome, instrumentId: id, errors: [] });
      } catch (error) {
        results.push({ ...result, outcome: 'REJECTED', instrumentId: null, errors: fieldErrorsOf(error) });
      }
    }
    return results;
  }

  /**
   * One record of a partner's push, in its own transaction: found by (owner's credit code, asset
   * number), added as SUBMITTED, updated (back to review if it was published), or left unchanged.
   */
  private async pushOne(
    ownerCreditCode: string,
    input: InstrumentRecordInput,
    viewer: Claims,
  ): Promise<{ outcome: PushOutcome; id: string }> {
    const { columns, problems } = recordColumns(input, 'record');
    if (input.classified) {
      problems.push({
        field: 'record.classified',
        reason: 'classified instruments stay with their owner and are not pushed',
      });
    }
    const code = ownerCreditCode.trim().toUpperCase();
    if (problems.length > 0) throw badUserInputs(problems);
    const attempt = () =>
      runWrite(
        this.db,
        async (tx): Promise<{ outcome: PushOutcome; id: string }> => {
          const owner = (await tx.table('owner').where({ credit_code: code }).first('id')) as
            | { id: string }
            | undefined;
          if (!owner) {
            throw badUserInput(
              'ownerCreditCode',
              `${JSON.stringify(code)} is not the credit code of an owner the instrument registry knows`,
            );
          }
          const current = (await tx
            .table<InstrumentRow>(TABLE)
            .where({ owner_id: owner.id, asset_number: columns.asset_number as string })
            .forUpdate()
            .first()) as InstrumentRow | undefined;
          if (!current) {
            const row = await insertVersioned<InstrumentRow>(
              tx,
              ENTITY,
              {
                id: newInstrumentId(),
                ...columns,
                owner_id: owner.id,
                owner_credit_code: code,
                review_status: 'SUBMITTED',
              },
              viewer,
            );
            return { outcome: 'ADDED', id: row.id };
          }
          if (current.classified) {
            throw forbidden(`The record with asset number ${current.asset_number} is classified and kept by its owner`);
          }
          const changed = changedColumns(current, columns);
          if (Object.keys(changed).length === 0) return { outcome: 'UNCHANGED', id: current.id };
          const next = REVIEW_AFTER_EDIT[current.review_status as InstrumentReviewStatus];
          await updateVersioned(
            tx,
            ENTITY,
            current.id,
            current.version,
            { ...changed, ...(next ? reviewColumns(next) : {}) },
            viewer,
            current,
          );
          return { outcome: 'UPDATED', id: current.id };
        },
        constraintFields('record'),
      );
    try {
      return await attempt();
    } catch (error) {
      // Two pushes adding the same key at once: the loser finds the winner's row and updates it.
      const constraint = (error as { extensions?: { constraint?: string } }).extensions?.constraint;
      if (constraint === 'instrument_owner_asset_number_key') return attempt();
      throw error;
    }
  }

  /** Who may edit a record's fields and submit it (classified records are only ever seen by their owner's users). */
  private mayEdit(viewer: Claims, instrument: Instrument): void {
    if (!canOperate(viewer, instrument)) {
      throw forbidden(
        `Only the owner's users, the operators of the platform hosting it and administrators may change instrument ${instrument.id}`,
      );
    }
  }

  /**
   * The write path of every edit: the instrument as the caller may see it (NOT_FOUND otherwise),
   * `decide` says which columns change (or throws), and the versioned update stores them with
   * their history, all in one transaction.
   */
  private edit(
    id: string,
    expectedVersion: number,
    viewer: Claims,
    prefix: string,
    decide: (instrument: Instrument, row: InstrumentRow) => Record<string, unknown>,
  ): Promise<Instrument> {
    return runWrite(
      this.db,
      async (tx) => {
        const query = tx.table<InstrumentRow>(TABLE).where({ id }).forUpdate();
        restrictToVisible(query, viewer);
        const row = (await query.first()) as InstrumentRow | undefined;
        if (!row) throw notFound(TYPENAME, id);
        const columns = decide(toInstrument(row), row);
        return toInstrument(
          await updateVersioned<InstrumentRow>(tx, ENTITY, id, expectedVersion, columns, viewer, row),
        );
      },
      constraintFields(prefix),
    );
  }

  private filtered(criteria: InstrumentCriteria, viewer: Claims) {
    const query = this.db.table<InstrumentRow>(TABLE);
    restrictToVisible(query, viewer);
    applyCriteria(query, criteria);
    return query;
  }
}
