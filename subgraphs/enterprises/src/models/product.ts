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
  type NumberRange,
  notFound,
  type OrderFields,
  type Page,
  Role,
  runWrite,
  updateVersioned,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type { Industry, ProductInput } from '../__generated__/resolvers-types.ts';
import { MAX_CERTIFICATION_LENGTH, MAX_CERTIFICATIONS } from '../migrations/20261204000000_registry.ts';
import { SUPPLY_LIMITS } from '../migrations/20261205000000_supply_and_demand.ts';

const PRODUCT = { table: 'product', typename: 'Product' };

const PRODUCT_CONSTRAINTS: ConstraintFields = {
  product_class_code_foreign: { field: 'input.classCode', reason: 'is not a class of equipment (see productClasses)' },
  product_class_is_leaf: { field: 'input.classCode', reason: 'must be a class (four characters), not a group' },
  product_price_range: { field: 'input.priceMinFen', reason: 'must not be above priceMaxFen' },
  product_certifications_valid: {
    field: 'input.certifications',
    reason: 'may hold at most 20, each 1 to 100 characters',
  },
};

/** The columns of a product input, and every problem with it (the database checks the same again). */
function productColumns(input: ProductInput): { columns: Record<string, unknown>; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field: `input.${field}`, reason });
  const name = input.name.trim();
  const specification = input.specification.trim();
  if (name.length < 1 || name.length > SUPPLY_LIMITS.name)
    problem('name', `must be 1 to ${SUPPLY_LIMITS.name} characters`);
  if (specification.length < 1 || specification.length > SUPPLY_LIMITS.specification) {
    problem('specification', `must be 1 to ${SUPPLY_LIMITS.specification} characters`);
  }
  if (input.classCode.length !== 4)
    problem('classCode', 'must be a class (four characters; see productClasses), not a group');
  if (input.priceMinFen > input.priceMaxFen) {
    problem('priceMinFen', `must not be above priceMaxFen (${input.priceMinFen} > ${input.priceMaxFen})`);
  }
  if (!Number.isInteger(input.annualCapacity) || input.annualCapacity < 1)
    problem('annualCapacity', 'must be 1 or more');
  if (!Number.isInteger(input.leadTimeDays) || input.leadTimeDays < 0 || input.leadTimeDays > 3650) {
    problem('leadTimeDays', 'must be 0 to 3650');
  }
  const certifications = [...new Set((input.certifications ?? []).map((c) => c.trim()))];
  if (certifications.length > MAX_CERTIFICATIONS) problem('certifications', `may hold at most ${MAX_CERTIFICATIONS}`);
  certifications.forEach((c, i) => {
    if (c === '' || c.length > MAX_CERTIFICATION_LENGTH) {
      problem(`certifications[${i}]`, `must be 1 to ${MAX_CERTIFICATION_LENGTH} characters`);
    }
  });
  return {
    columns: {
      name,
      class_code: input.classCode,
      specification,
      price_min_fen: input.priceMinFen,
      price_max_fen: input.priceMaxFen,
      annual_capacity: input.annualCapacity,
      lead_time_days: input.leadTimeDays,
      certifications,
      government_procurement: input.governmentProcurement ?? false,
      major_project: input.majorProject ?? false,
    },
    problems,
  };
}

function forbidden(message: string) {
  return appError(ErrorCode.FORBIDDEN, message);
}

export interface ProductRow {
  id: string;
  enterprise_id: string;
  name: string;
  class_code: string;
  industry: string;
  specification: string;
  price_min_fen: string | number;
  price_max_fen: string | number;
  annual_capacity: number;
  lead_time_days: number;
  certifications: string[];
  government_procurement: boolean;
  major_project: boolean;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

/** What a product is read as: its stored fields, not the large generated columns matching uses. */
export const PRODUCT_COLUMNS: readonly (keyof ProductRow)[] = [
  'id',
  'enterprise_id',
  'name',
  'class_code',
  'industry',
  'specification',
  'price_min_fen',
  'price_max_fen',
  'annual_capacity',
  'lead_time_days',
  'certifications',
  'government_procurement',
  'major_project',
  'version',
  'created_at',
  'updated_at',
];

export interface Product {
  id: string;
  makerId: string;
  name: string;
  classCode: string;
  industry: Industry;
  specification: string;
  priceMinFen: number;
  priceMaxFen: number;
  annualCapacity: number;
  leadTimeDays: number;
  certifications: string[];
  governmentProcurement: boolean;
  majorProject: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type ProductConnection = Connection<Product>;

/** A checked product filter, ready to become SQL. */
export interface ProductCriteria {
  classCodes: string[] | null;
  industries: Industry[] | null;
  makerId: string | null;
  /** The maker's region. */
  regionCodes: string[] | null;
  inProvince: boolean | null;
  textContains: string | null;
  priceFen: NumberRange | null;
  governmentProcurement: boolean | null;
  majorProject: boolean | null;
  changed: ChangedWindow | null;
}

export const PRODUCT_ORDERS: OrderFields<Product> = {
  NAME: { column: 'name', value: (p) => p.name },
  PRICE: { column: 'price_min_fen', value: (p) => p.priceMinFen },
  CREATED_AT: { column: 'created_at', value: (p) => p.createdAt },
  UPDATED_AT: { column: 'updated_at', value: (p) => p.updatedAt },
};

/** The filter's conditions, as SQL: every list and count of products goes through it. */
function applyCriteria(query: Knex.QueryBuilder, criteria: ProductCriteria | undefined, schema: string): void {
  if (!criteria) return;
  if (criteria.classCodes) query.whereIn('class_code', criteria.classCodes);
  if (criteria.industries) query.whereIn('industry', criteria.industries);
  if (criteria.makerId) query.where('enterprise_id', criteria.makerId);
  const { regionCodes, inProvince } = criteria;
  if (regionCodes || inProvince !== null) {
    query.whereIn('enterprise_id', (makers) => {
      makers.select('id').from(`${schema}.enterprise`);
      if (regionCodes) makers.whereIn('region_code', regionCodes);
      if (inProvince !== null) makers.where('in_province', inProvince);
    });
  }
  // search_text is the lower-cased name and specification, under a trigram index.
  if (criteria.textContains) query.whereLike('search_text', containsPattern(criteria.textContains.toLowerCase()));
  if (criteria.priceFen?.min != null) query.where('price_max_fen', '>=', criteria.priceFen.min);
  if (criteria.priceFen?.max != null) query.where('price_min_fen', '<=', criteria.priceFen.max);
  if (criteria.governmentProcurement !== null) query.where('government_procurement', criteria.governmentProcurement);
  if (criteria.majorProject !== null) query.where('major_project', criteria.majorProject);
  applyChangedWindow(query, criteria.changed);
}

export interface ProductClass {
  code: string;
  name: string;
  nameEn: string;
  industry: Industry | null;
  groupCode: string | null;
}

interface ProductClassRow {
  code: string;
  name: string;
  name_en: string;
  industry: string | null;
  group_code: string | null;
}

function toProductClass(row: ProductClassRow): ProductClass {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    industry: row.industry as Industry | null,
    groupCode: row.group_code,
  };
}

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    makerId: row.enterprise_id,
    name: row.name,
    classCode: row.class_code,
    industry: row.industry as Industry,
    specification: row.specification,
    priceMinFen: Number(row.price_min_fen),
    priceMaxFen: Number(row.price_max_fen),
    annualCapacity: row.annual_capacity,
    leadTimeDays: row.lead_time_days,
    certifications: row.certifications,
    governmentProcurement: row.government_procurement,
    majorProject: row.major_project,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export class ProductModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<Product[]> {
    const rows = await this.db
      .table('product')
      .select([...PRODUCT_COLUMNS])
      .whereIn('id', [...ids]);
    return (rows as ProductRow[]).map(toProduct);
  }

  /** A page in the page's order, fetching one extra row to tell whether another page follows. */
  async findPage(criteria: ProductCriteria, page: Page<Product>): Promise<Product[]> {
    const query = this.filtered(criteria).select([...PRODUCT_COLUMNS]);
    return ((await keysetPage(query, page)) as ProductRow[]).map(toProduct);
  }

  count(criteria: ProductCriteria): Promise<number> {
    return countRows(this.filtered(criteria));
  }

  /** A page of each maker's products, in one statement per page and filter. */
  async findPagesByMaker(keys: readonly ChildPageKey<ProductCriteria, Product>[]): Promise<ChildPage<Product>[]> {
    const pages = await loadChildPages<ProductRow, ProductCriteria>(
      this.db,
      'product',
      'enterprise_id',
      keys,
      (query, criteria) => applyCriteria(query, criteria, this.db.schema),
      PRODUCT_COLUMNS,
    );
    return pages.map(({ rows, total }) => ({ rows: rows.map(toProduct), total }));
  }

  /** The codes a class or group code stands for; null if it is neither. */
  async classCodesOf(code: string): Promise<string[] | null> {
    const rows = (await this.db
      .table('product_class')
      .select('code', 'group_code')
      .where('code', code)
      .orWhere('group_code', code)) as { code: string; group_code: string | null }[];
    if (rows.length === 0) return null;
    const group = rows.filter((row) => row.group_code === code).map((row) => row.code);
    return group.length > 0 ? group : [code];
  }

  private filtered(criteria: ProductCriteria) {
    const query = this.db.table('product');
    applyCriteria(query, criteria, this.db.schema);
    return query;
  }

  /** The groups, or the classes of one group. */
  async classes(groupCode: string | null): Promise<ProductClass[]> {
    const query = this.db.table<ProductClassRow>('product_class').orderBy('code');
    if (groupCode) query.where('group_code', groupCode);
    else query.whereNull('group_code');
    return (await query).map(toProductClass);
  }

  async classesByCodes(codes: readonly string[]): Promise<ProductClass[]> {
    return (await this.db.table<ProductClassRow>('product_class').whereIn('code', [...codes])).map(toProductClass);
  }

  /**
   * Files a product of the caller's enterprise (administrators: of `makerId`), or replaces one the
   * caller's enterprise makes, if `version` is still the stored one.
   */
  save(
    id: string | null,
    version: number | null,
    makerId: string | null,
    input: ProductInput,
    viewer: Claims,
  ): Promise<Product> {
    const { columns, problems } = productColumns(input);
    return runWrite(
      this.db,
      async (tx) => {
        const productClass = (await tx
          .table<ProductClassRow>('product_class')
          .where({ code: input.classCode })
          .first()) as ProductClassRow | undefined;
        if (!productClass && input.classCode.length === 4) {
          problems.push({ field: 'input.classCode', reason: 'is not a class of equipment (see productClasses)' });
        }
        const row = { ...columns, industry: input.industry ?? productClass?.industry };
        if (id === null) {
          const maker = this.makerFor(makerId, viewer);
          if (problems.length > 0) throw badUserInputs(problems);
          const id = `prd-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
          return toProduct(
            await insertVersioned<ProductRow>(tx, PRODUCT, { id, enterprise_id: maker, ...row }, viewer),
          );
        }
        const current = (await tx.table<ProductRow>('product').where({ id }).forUpdate().first()) as
          | ProductRow
          | undefined;
        if (!current) throw notFound('Product', id);
        if (viewer.role !== Role.ADMIN && viewer.enterpriseId !== current.enterprise_id) {
          throw forbidden(
            `Only the users of its maker (${current.enterprise_id}) and administrators may change product ${id}`,
          );
        }
        if (version === null)
          throw badUserInput('version', 'is required to change a product: send the version you read');
        if (problems.length > 0) throw badUserInputs(problems);
        return toProduct(await updateVersioned<ProductRow>(tx, PRODUCT, id, version, row, viewer, current));
      },
      PRODUCT_CONSTRAINTS,
    );
  }

  /** The maker a new product is filed for: the caller's own enterprise, or (administrators) the one named. */
  private makerFor(makerId: string | null, viewer: Claims): string {
    if (viewer.role === Role.ADMIN) {
      if (!makerId) throw badUserInput('makerId', 'is required when an administrator files a product');
      return makerId;
    }
    if (viewer.role === Role.PUBLIC || viewer.role === Role.PARTNER || !viewer.enterpriseId) {
      throw forbidden('Sign in as a user of the maker to file its products');
    }
    if (makerId && makerId !== viewer.enterpriseId) {
      throw forbidden(`You may file products of your own unit (${viewer.enterpriseId}) only, not ${makerId}`);
    }
    return viewer.enterpriseId;
  }
}
