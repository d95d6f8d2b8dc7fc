import {
  appError,
  type ChildPage,
  type ChildPageKey,
  type Claims,
  type Connection,
  type ConstraintFields,
  containsPattern,
  countRows,
  type Database,
  ErrorCode,
  keysetPage,
  loadChildPages,
  notFound,
  type Page,
  Role,
  runWrite,
  updateVersioned,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type {
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
  version: number;
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
  version: number;
  /** ISO 8601 */
  updatedAt: string;
}

export type InstrumentConnection = Connection<Instrument>;

export interface InstrumentFilter {
  industry?: Industry | null;
  regionCode?: string | null;
  ownerId?: string | null;
  platformId?: string | null;
  sharingMode?: SharingMode | null;
  status?: InstrumentStatus | null;
  nameContains?: string | null;
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
    version: row.version,
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

  /** A page in id order, fetching one extra row to tell whether another page follows. */
  async findPage(filter: InstrumentFilter, page: Page, viewer: Claims): Promise<Instrument[]> {
    return (await keysetPage(this.filtered(filter, viewer), page)).map(toInstrument);
  }

  async count(filter: InstrumentFilter, viewer: Claims): Promise<number> {
    return countRows(this.filtered(filter, viewer));
  }

  /** A page of instruments for each owner (or platform), in one statement. */
  async findPagesBy(
    parentColumn: 'owner_id' | 'platform_id',
    keys: readonly ChildPageKey[],
    viewer: Claims,
  ): Promise<ChildPage<Instrument>[]> {
    const pages = await loadChildPages<InstrumentRow>(this.db, TABLE, parentColumn, keys, (query) =>
      restrictToVisible(query, viewer),
    );
    return pages.map(({ rows, total }) => ({ rows: rows.map(toInstrument), total }));
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

  private filtered(filter: InstrumentFilter, viewer: Claims) {
    const query = this.db.table<InstrumentRow>(TABLE);
    restrictToVisible(query, viewer);
    if (filter.industry) query.whereRaw('? = any(industries)', [filter.industry]);
    if (filter.regionCode) query.where('region_code', filter.regionCode);
    if (filter.ownerId) query.where('owner_id', filter.ownerId);
    if (filter.platformId) query.where('platform_id', filter.platformId);
    if (filter.sharingMode) query.where('sharing_mode', filter.sharingMode);
    if (filter.status) query.where('status', filter.status);
    if (filter.nameContains) {
      const pattern = containsPattern(filter.nameContains);
      query.where((where) =>
        where.whereILike('name', pattern).orWhereILike('name_en', pattern).orWhereILike('model', pattern),
      );
    }
    return query;
  }
}
