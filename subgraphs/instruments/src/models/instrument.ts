import {
  appError,
  applyChangedWindow,
  type ChangedWindow,
  type ChildPage,
  type ChildPageKey,
  type Claims,
  type Connection,
  type ConstraintFields,
  containsPattern,
  countRows,
  type Database,
  type DateRange,
  type Dimension,
  ErrorCode,
  groupedStats,
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
  InstrumentSource,
  InstrumentStatus,
  SharingMode,
} from '../__generated__/resolvers-types.ts';
import { TEXT_LIMITS } from '../migrations/20261130000000_instrument_edits.ts';

/** A row of `instruments.instrument`. */
interface InstrumentRow {
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
  changed: ChangedWindow | null;
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
  changed: null,
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

function toInstrument(row: InstrumentRow): Instrument {
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
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * The one place that decides who sees an instrument: every query of this model goes through it,
 * so lists, lookups and entity references cannot disagree. An instrument its owner does not
 * share is visible only to the owner's users and administrators.
 */
function restrictToVisible(query: Knex.QueryBuilder, viewer: Claims): void {
  if (viewer.role === Role.ADMIN) return;
  query.where((visible) => {
    visible.whereNot('sharing_mode', 'NOT_SHARED');
    if (viewer.enterpriseId) visible.orWhere('owner_id', viewer.enterpriseId);
  });
}

/** The filter's conditions, as SQL; every list, count and statistic of this model goes through it. */
function applyCriteria(query: Knex.QueryBuilder, criteria: InstrumentCriteria): void {
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
  applyChangedWindow(query, criteria.changed);
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

const OPERATIONS_COLUMNS: Record<keyof OperationsChanges, string> = {
  status: 'status',
  sharingMode: 'sharing_mode',
  feeText: 'fee_text',
  sharingRules: 'sharing_rules',
  serviceContent: 'service_content',
  serviceUrl: 'service_url',
  address: 'address',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
};

const FIELD_OF_COLUMN = Object.fromEntries(
  Object.entries(OPERATIONS_COLUMNS).map(([field, column]) => [column, field]),
);

/** Each constraint on an editable column, named for the field it guards. */
const CONSTRAINT_FIELDS: ConstraintFields = {
  ...Object.fromEntries(
    Object.entries(TEXT_LIMITS).map(([column, limit]) => [
      `instrument_${column}_length`,
      { field: FIELD_OF_COLUMN[column] ?? column, reason: `must be at most ${limit} characters` },
    ]),
  ),
  instrument_service_url_scheme: { field: 'serviceUrl', reason: 'must be an http:// or https:// address' },
  instrument_status_check: { field: 'status' },
  instrument_sharing_mode_check: { field: 'sharingMode' },
};

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
   * Applies an owner's edit on the write path: NOT_FOUND for an instrument the caller may not
   * see, FORBIDDEN for one they see but may not run, CONFLICT for a stale version.
   */
  async updateOperations(
    id: string,
    expectedVersion: number,
    changes: OperationsChanges,
    viewer: Claims,
  ): Promise<Instrument> {
    return runWrite(
      this.db,
      async (tx) => {
        const query = tx.table<InstrumentRow>(TABLE).where({ id });
        restrictToVisible(query, viewer);
        const row = (await query.first()) as InstrumentRow | undefined;
        if (!row) throw notFound('Instrument', id);
        if (!canOperate(viewer, toInstrument(row))) {
          throw appError(
            ErrorCode.FORBIDDEN,
            `Only the owner's users, the platform's operators and administrators may edit instrument ${id}`,
          );
        }
        const columns = Object.fromEntries(
          Object.entries(changes).map(([field, value]) => [
            OPERATIONS_COLUMNS[field as keyof OperationsChanges],
            value,
          ]),
        );
        const updated = await updateVersioned<InstrumentRow>(
          tx,
          { table: TABLE, typename: 'Instrument' },
          id,
          expectedVersion,
          columns,
          viewer,
        );
        return toInstrument(updated);
      },
      CONSTRAINT_FIELDS,
    );
  }

  private filtered(criteria: InstrumentCriteria, viewer: Claims) {
    const query = this.db.table<InstrumentRow>(TABLE);
    restrictToVisible(query, viewer);
    applyCriteria(query, criteria);
    return query;
  }
}
