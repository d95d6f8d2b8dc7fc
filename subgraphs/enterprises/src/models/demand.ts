/**
 * The demand survey: what buyers need, what they shortlist and how it ended, and the figure the
 * department asks for — the share of surveyed demand won by suppliers registered in Guizhou.
 * Every write is on the kit's write path.
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
  countRows,
  type Database,
  type DateRange,
  dateOf,
  ErrorCode,
  type InputProblem,
  insertVersioned,
  isDate,
  keysetPage,
  loadChildPages,
  type NumberRange,
  notFound,
  type OrderFields,
  type Page,
  REGIONS,
  Role,
  runWrite,
  staleVersion,
  todayInGuizhou,
  updateVersioned,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type {
  BuyerKind,
  CandidateStatus,
  DemandInput,
  DemandStatus,
  Industry,
  OutcomeInput,
  ProcurementType,
} from '../__generated__/resolvers-types.ts';
import { SUPPLY_LIMITS } from '../migrations/20261205000000_supply_and_demand.ts';

export interface DemandRow {
  id: string;
  buyer_id: string;
  buyer_kind: string;
  project_name: string | null;
  class_code: string;
  industry: string;
  specification: string;
  quantity: number;
  budget_min_fen: string | number;
  budget_max_fen: string | number;
  deadline: string | Date;
  delivery_region_code: string;
  procurement_type: string;
  status: string;
  surveyed_on: string | Date;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

export interface Demand {
  id: string;
  buyerId: string;
  buyerKind: BuyerKind;
  projectName: string | null;
  classCode: string;
  industry: Industry;
  specification: string;
  quantity: number;
  budgetMinFen: number;
  budgetMaxFen: number;
  deadline: string;
  deliveryRegionCode: string;
  procurementType: ProcurementType;
  status: DemandStatus;
  surveyedOn: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type DemandConnection = Connection<Demand>;

/** A checked demand filter, ready to become SQL. */
export interface DemandCriteria {
  statuses: DemandStatus[] | null;
  open: boolean | null;
  buyerId: string | null;
  buyerKinds: BuyerKind[] | null;
  procurementTypes: ProcurementType[] | null;
  classCodes: string[] | null;
  industries: Industry[] | null;
  deliveryRegionCodes: string[] | null;
  budgetFen: NumberRange | null;
  deadline: DateRange | null;
  surveyedOn: DateRange | null;
  changed: ChangedWindow | null;
}

export const DEMAND_ORDERS: OrderFields<Demand> = {
  DEADLINE: { column: 'deadline', value: (d) => d.deadline },
  SURVEYED_ON: { column: 'surveyed_on', value: (d) => d.surveyedOn },
  BUDGET: { column: 'budget_max_fen', value: (d) => d.budgetMaxFen },
  CREATED_AT: { column: 'created_at', value: (d) => d.createdAt },
  UPDATED_AT: { column: 'updated_at', value: (d) => d.updatedAt },
};

/** The filter's conditions, as SQL: every list and count of demands goes through it. */
function applyCriteria(query: Knex.QueryBuilder, criteria: DemandCriteria | undefined): void {
  if (!criteria) return;
  if (criteria.statuses) query.whereIn('status', criteria.statuses);
  if (criteria.open !== null) {
    const open = "(status = 'PUBLISHED' and deadline >= ?::date)";
    query.whereRaw(criteria.open ? open : `not ${open}`, [todayInGuizhou()]);
  }
  if (criteria.buyerId) query.where('buyer_id', criteria.buyerId);
  if (criteria.buyerKinds) query.whereIn('buyer_kind', criteria.buyerKinds);
  if (criteria.procurementTypes) query.whereIn('procurement_type', criteria.procurementTypes);
  if (criteria.classCodes) query.whereIn('class_code', criteria.classCodes);
  if (criteria.industries) query.whereIn('industry', criteria.industries);
  if (criteria.deliveryRegionCodes) query.whereIn('delivery_region_code', criteria.deliveryRegionCodes);
  if (criteria.budgetFen?.min != null) query.where('budget_max_fen', '>=', criteria.budgetFen.min);
  if (criteria.budgetFen?.max != null) query.where('budget_min_fen', '<=', criteria.budgetFen.max);
  for (const [column, range] of [
    ['deadline', criteria.deadline],
    ['surveyed_on', criteria.surveyedOn],
  ] as const) {
    if (range?.from) query.where(column, '>=', range.from);
    if (range?.to) query.where(column, '<=', range.to);
  }
  applyChangedWindow(query, criteria.changed);
}

/** What the caller may list: drafts only of the buyer the caller acts for (all, for administrators). */
function applyVisibility(query: Knex.QueryBuilder, viewer: Claims): void {
  if (viewer.role === Role.ADMIN) return;
  const ownBuyer = viewer.role !== Role.PUBLIC && viewer.role !== Role.PARTNER ? viewer.enterpriseId : null;
  if (ownBuyer) query.where((visible) => visible.whereNot('status', 'DRAFT').orWhere('buyer_id', ownBuyer));
  else query.whereNot('status', 'DRAFT');
}

interface CandidateRow {
  id: string;
  demand_id: string;
  product_id: string;
  status: string;
  contract_amount_fen: string | number | null;
  contract_date: string | Date | null;
  reason: string | null;
  version: number;
}

export interface DemandCandidate {
  id: string;
  demandId: string;
  productId: string;
  status: CandidateStatus;
  contractAmountFen: number | null;
  contractDate: string | null;
  reason: string | null;
  version: number;
}

export interface DemandStatsRow {
  industry: Industry | null;
  classCode: string | null;
  regionCode: string | null;
  year: number | null;
  quarter: string | null;
  demands: number;
  surveyedAmountFen: number;
  contractedAmountFen: number;
  inProvinceAmountFen: number;
  inProvinceShare: number | null;
  inProvinceShareOfContracted: number | null;
}

const DEMAND = { table: 'demand', typename: 'Demand' };
const CANDIDATE = { table: 'demand_candidate', typename: 'DemandCandidate' };

export function toDemand(row: DemandRow): Demand {
  return {
    id: row.id,
    buyerId: row.buyer_id,
    buyerKind: row.buyer_kind as BuyerKind,
    projectName: row.project_name,
    classCode: row.class_code,
    industry: row.industry as Industry,
    specification: row.specification,
    quantity: row.quantity,
    budgetMinFen: Number(row.budget_min_fen),
    budgetMaxFen: Number(row.budget_max_fen),
    deadline: dateOf(row.deadline),
    deliveryRegionCode: row.delivery_region_code,
    procurementType: row.procurement_type as ProcurementType,
    status: row.status as DemandStatus,
    surveyedOn: dateOf(row.surveyed_on),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function toCandidate(row: CandidateRow): DemandCandidate {
  return {
    id: row.id,
    demandId: row.demand_id,
    productId: row.product_id,
    status: row.status as CandidateStatus,
    contractAmountFen: row.contract_amount_fen === null ? null : Number(row.contract_amount_fen),
    contractDate: row.contract_date === null ? null : dateOf(row.contract_date),
    reason: row.reason,
    version: row.version,
  };
}

/** The buyer's users and administrators: who sees a draft and the outcomes, and who acts for the buyer. */
export function actsForBuyer(viewer: Claims, demand: Pick<Demand, 'buyerId'>): boolean {
  if (viewer.role === Role.ADMIN) return true;
  return viewer.role !== Role.PUBLIC && viewer.role !== Role.PARTNER && viewer.enterpriseId === demand.buyerId;
}

/** A published or closed demand is public; a draft is its buyer's. */
export function canSeeDemand(viewer: Claims, demand: Pick<Demand, 'buyerId' | 'status'>): boolean {
  return demand.status !== 'DRAFT' || actsForBuyer(viewer, demand);
}

function forbidden(message: string) {
  return appError(ErrorCode.FORBIDDEN, message);
}

const DEMAND_CONSTRAINTS: ConstraintFields = {
  demand_class_code_foreign: { field: 'input.classCode', reason: 'is not a class of equipment (see productClasses)' },
  demand_class_is_leaf: { field: 'input.classCode', reason: 'must be a class (four characters), not a group' },
  demand_budget_range: { field: 'input.budgetMinFen', reason: 'must not be above budgetMaxFen' },
  demand_quantity_positive: { field: 'input.quantity', reason: 'must be 1 or more' },
  demand_delivery_region_code_foreign: { field: 'input.deliveryRegionCode', reason: 'is not a region of Guizhou' },
  demand_candidate_demand_product_key: { field: 'productId', reason: 'is already on the shortlist' },
  demand_candidate_one_contract: { field: 'input.status', reason: 'the demand already has a contract' },
};

/** The columns a demand input sets, and every problem with it that needs no database. */
function demandColumns(input: DemandInput, today: string) {
  const problems: InputProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field: `input.${field}`, reason });
  const projectName = input.projectName?.trim() || null;
  if (input.buyerKind === 'ENTERPRISE' && projectName) {
    problem('projectName', 'is for GOVERNMENT_PROCUREMENT and MAJOR_PROJECT demands only');
  }
  if (input.buyerKind !== 'ENTERPRISE' && !projectName) problem('projectName', `is required for ${input.buyerKind}`);
  if (projectName && projectName.length > SUPPLY_LIMITS.projectName) {
    problem('projectName', `must be at most ${SUPPLY_LIMITS.projectName} characters`);
  }
  const specification = input.specification.trim();
  if (specification.length < 1 || specification.length > SUPPLY_LIMITS.specification) {
    problem('specification', `must be 1 to ${SUPPLY_LIMITS.specification} characters`);
  }
  if (!Number.isInteger(input.quantity) || input.quantity < 1)
    problem('quantity', `must be 1 or more, got ${input.quantity}`);
  if (input.budgetMinFen > input.budgetMaxFen) {
    problem('budgetMinFen', `must not be above budgetMaxFen (${input.budgetMinFen} > ${input.budgetMaxFen})`);
  }
  if (!isDate(input.deadline)) problem('deadline', `must be a date, YYYY-MM-DD; got ${JSON.stringify(input.deadline)}`);
  else if (input.deadline < today) problem('deadline', `${input.deadline} is in the past (today is ${today})`);
  if (!REGIONS[input.deliveryRegionCode]) {
    problem(
      'deliveryRegionCode',
      `${JSON.stringify(input.deliveryRegionCode)} is not a region of Guizhou (see regions)`,
    );
  }
  if (input.classCode.length !== 4)
    problem('classCode', 'must be a class (four characters; see productClasses), not a group');
  return {
    columns: {
      buyer_kind: input.buyerKind,
      project_name: projectName,
      class_code: input.classCode,
      specification,
      quantity: input.quantity,
      budget_min_fen: input.budgetMinFen,
      budget_max_fen: input.budgetMaxFen,
      deadline: input.deadline,
      delivery_region_code: input.deliveryRegionCode,
      procurement_type: input.procurementType,
    },
    problems,
  };
}

/** The demand's industry: as given, or its class's; an unknown class joins the problems. */
async function classIndustry(tx: Database, input: DemandInput, problems: InputProblem[]): Promise<string | undefined> {
  const productClass = (await tx.table('product_class').where({ code: input.classCode }).first()) as
    | { industry: string | null }
    | undefined;
  if (!productClass && input.classCode.length === 4) {
    problems.push({ field: 'input.classCode', reason: 'is not a class of equipment (see productClasses)' });
  }
  return input.industry ?? productClass?.industry ?? undefined;
}

export class DemandModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[], viewer: Claims): Promise<Demand[]> {
    const rows = await this.db.table<DemandRow>('demand').whereIn('id', [...ids]);
    return rows.map(toDemand).filter((demand) => canSeeDemand(viewer, demand));
  }

  /** The shortlists of many demands, one statement. */
  async candidatesOf(demandIds: readonly string[]): Promise<Map<string, DemandCandidate[]>> {
    const rows = await this.db
      .table<CandidateRow>('demand_candidate')
      .whereIn('demand_id', [...demandIds])
      .orderBy('id');
    const byDemand = new Map<string, DemandCandidate[]>();
    for (const row of rows) byDemand.set(row.demand_id, [...(byDemand.get(row.demand_id) ?? []), toCandidate(row)]);
    return byDemand;
  }

  /** Posts a demand for the caller's enterprise (an administrator: for `buyerId`), every field checked at once. */
  post(input: DemandInput, viewer: Claims): Promise<Demand> {
    const buyerId = this.buyerOf(input.buyerId ?? null, viewer);
    const today = todayInGuizhou();
    const { columns, problems } = demandColumns(input, today);
    return runWrite(
      this.db,
      async (tx) => {
        const industry = await classIndustry(tx, input, problems);
        if (problems.length > 0) throw badUserInputs(problems);
        const row = await insertVersioned<DemandRow>(
          tx,
          DEMAND,
          {
            id: `dem-${randomUUID().replaceAll('-', '').slice(0, 12)}`,
            buyer_id: buyerId,
            ...columns,
            industry,
            status: input.publish ? 'PUBLISHED' : 'DRAFT',
            surveyed_on: today,
          },
          viewer,
        );
        return toDemand(row);
      },
      DEMAND_CONSTRAINTS,
    );
  }

  /**
   * Replaces a draft or published demand of the buyer the caller acts for, if `version` is still
   * the stored one; `publish` publishes a draft. A draft published is surveyed that day.
   */
  update(id: string, version: number, input: DemandInput, viewer: Claims): Promise<Demand> {
    const today = todayInGuizhou();
    const { columns, problems } = demandColumns(input, today);
    return runWrite(
      this.db,
      async (tx) => {
        const demand = await this.demandForBuyer(tx, id, viewer);
        if (demand.version !== version) throw staleVersion('Demand', id, demand.version, version);
        if (input.buyerId && input.buyerId !== demand.buyerId) {
          problems.push({ field: 'input.buyerId', reason: `a demand keeps its buyer (${demand.buyerId})` });
        }
        if (demand.status === 'CLOSED') {
          throw appError(ErrorCode.CONFLICT, `Demand ${id} is CLOSED and can no longer change`, { field: 'id' });
        }
        if (demand.status === 'PUBLISHED' && !input.publish) {
          problems.push({ field: 'input.publish', reason: 'a published demand stays published: close it instead' });
        }
        const industry = await classIndustry(tx, input, problems);
        if (problems.length > 0) throw badUserInputs(problems);
        const publishing = demand.status === 'DRAFT' && input.publish;
        const changes = {
          ...columns,
          industry,
          ...(publishing ? { status: 'PUBLISHED', surveyed_on: today } : {}),
        };
        return toDemand(await updateVersioned<DemandRow>(tx, DEMAND, id, version, changes, viewer));
      },
      DEMAND_CONSTRAINTS,
    );
  }

  /** Closes a draft or published demand of the buyer the caller acts for; its shortlist stays as it is. */
  close(id: string, version: number, viewer: Claims): Promise<Demand> {
    return runWrite(
      this.db,
      async (tx) => {
        const demand = await this.demandForBuyer(tx, id, viewer);
        if (demand.version !== version) throw staleVersion('Demand', id, demand.version, version);
        if (demand.status === 'CLOSED') {
          throw appError(ErrorCode.CONFLICT, `Demand ${id} is already CLOSED`, { field: 'id' });
        }
        return toDemand(await updateVersioned<DemandRow>(tx, DEMAND, id, version, { status: 'CLOSED' }, viewer));
      },
      DEMAND_CONSTRAINTS,
    );
  }

  /** A page of the demands the caller may see, in the page's order (one extra row tells a next page). */
  async findPage(criteria: DemandCriteria, page: Page<Demand>, viewer: Claims): Promise<Demand[]> {
    return ((await keysetPage(this.filtered(criteria, viewer), page)) as DemandRow[]).map(toDemand);
  }

  count(criteria: DemandCriteria, viewer: Claims): Promise<number> {
    return countRows(this.filtered(criteria, viewer));
  }

  /** A page of each buyer's demands the caller may see, in one statement per page and filter. */
  async findPagesByBuyer(
    keys: readonly ChildPageKey<DemandCriteria, Demand>[],
    viewer: Claims,
  ): Promise<ChildPage<Demand>[]> {
    const pages = await loadChildPages<DemandRow, DemandCriteria>(
      this.db,
      'demand',
      'buyer_id',
      keys,
      (query, criteria) => {
        applyCriteria(query, criteria);
        applyVisibility(query, viewer);
      },
    );
    return pages.map(({ rows, total }) => ({ rows: rows.map(toDemand), total }));
  }

  private filtered(criteria: DemandCriteria, viewer: Claims) {
    const query = this.db.table<DemandRow>('demand');
    applyCriteria(query, criteria);
    applyVisibility(query, viewer);
    return query;
  }

  /** The buyer shortlists a product for its published demand. */
  shortlist(demandId: string, productId: string, viewer: Claims): Promise<DemandCandidate> {
    return runWrite(
      this.db,
      async (tx) => {
        const demand = await this.demandForBuyer(tx, demandId, viewer);
        if (demand.status !== 'PUBLISHED') {
          throw appError(
            ErrorCode.CONFLICT,
            `Demand ${demandId} is ${demand.status}: only a published demand takes a shortlist`,
            {
              field: 'demandId',
            },
          );
        }
        if (!(await tx.table('product').where({ id: productId }).first('id'))) throw notFound('Product', productId);
        const row = await insertVersioned<CandidateRow>(
          tx,
          CANDIDATE,
          {
            id: `dc-${randomUUID().replaceAll('-', '').slice(0, 12)}`,
            demand_id: demandId,
            product_id: productId,
            status: 'SHORTLISTED',
          },
          viewer,
        );
        return toCandidate(row);
      },
      DEMAND_CONSTRAINTS,
    );
  }

  /** The buyer records how a shortlisted product ended; a contract closes the demand. */
  recordOutcome(candidateId: string, version: number, input: OutcomeInput, viewer: Claims): Promise<DemandCandidate> {
    const problems: InputProblem[] = [];
    const problem = (field: string, reason: string) => problems.push({ field: `input.${field}`, reason });
    if (input.status === 'SHORTLISTED') problem('status', 'must be INTENTION, CONTRACT or NO_DEAL');
    const contract = input.status === 'CONTRACT';
    if (contract && (input.contractAmountFen == null || input.contractAmountFen < 1)) {
      problem('contractAmountFen', 'is required for a contract (1 fen or more)');
    }
    if (!contract && input.contractAmountFen != null) problem('contractAmountFen', 'is for a CONTRACT only');
    if (contract && (!input.contractDate || !isDate(input.contractDate)))
      problem('contractDate', 'is required for a contract, YYYY-MM-DD');
    else if (contract && input.contractDate && input.contractDate > todayInGuizhou())
      problem('contractDate', 'is in the future');
    const reason = input.reason?.trim() || null;
    if (input.status === 'NO_DEAL' && !reason) problem('reason', 'is required when there is no deal: say why');
    if (input.status !== 'NO_DEAL' && reason) problem('reason', 'is for NO_DEAL only');
    if (reason && reason.length > SUPPLY_LIMITS.reason)
      problem('reason', `must be at most ${SUPPLY_LIMITS.reason} characters`);
    return runWrite(
      this.db,
      async (tx) => {
        const current = (await tx
          .table<CandidateRow>('demand_candidate')
          .where({ id: candidateId })
          .forUpdate()
          .first()) as CandidateRow | undefined;
        if (!current) throw notFound('DemandCandidate', candidateId);
        const demand = await this.demandForBuyer(tx, current.demand_id, viewer);
        if (current.version !== version) throw staleVersion('DemandCandidate', candidateId, current.version, version);
        if (problems.length > 0) throw badUserInputs(problems);
        if (contract && input.contractDate && input.contractDate < demand.surveyedOn) {
          throw badUserInput('input.contractDate', `must not be before the demand was surveyed (${demand.surveyedOn})`);
        }
        const row = await updateVersioned<CandidateRow>(
          tx,
          CANDIDATE,
          candidateId,
          version,
          {
            status: input.status,
            contract_amount_fen: contract ? input.contractAmountFen : null,
            contract_date: contract ? input.contractDate : null,
            reason,
          },
          viewer,
          current,
        );
        if (contract && demand.status !== 'CLOSED') {
          await updateVersioned(tx, DEMAND, demand.id, demand.version, { status: 'CLOSED' }, viewer);
        }
        return toCandidate(row);
      },
      DEMAND_CONSTRAINTS,
    );
  }

  /** Surveyed demand (published or closed) and the contracts won, by industry and/or year. */
  async share(groupBy: readonly string[]): Promise<DemandStatsRow[]> {
    const dimensions: Record<string, string> = {
      INDUSTRY: 'd.industry',
      CLASS: 'd.class_code',
      REGION: 'd.delivery_region_code',
      YEAR: 'extract(year from d.surveyed_on)::int',
      QUARTER: 'to_char(d.surveyed_on, \'YYYY-"Q"Q\')',
    };
    const unique = [...new Set(groupBy)];
    if (unique.length > 3) throw badUserInput('groupBy', 'may name at most three dimensions');
    const keys = unique.map((dimension) => ({ dimension, sql: dimensions[dimension] as string }));
    const select = keys.map(({ dimension, sql }) => `${sql} as "${dimension}"`);
    const schema = this.db.schema;
    const rows = await this.db.raw<Record<string, string | number | null>>(
      `select ${[...select, 'count(*)::int as demands'].join(', ')},
              coalesce(sum(d.budget_max_fen), 0)::bigint as surveyed,
              coalesce(sum(c.contract_amount_fen), 0)::bigint as contracted,
              coalesce(sum(c.contract_amount_fen) filter (where e.in_province), 0)::bigint as in_province
         from "${schema}".demand d
         left join "${schema}".demand_candidate c on c.demand_id = d.id and c.status = 'CONTRACT'
         left join "${schema}".product p on p.id = c.product_id
         left join "${schema}".enterprise e on e.id = p.enterprise_id
        where d.status in ('PUBLISHED', 'CLOSED')
        ${keys.length > 0 ? `group by ${keys.map((_, i) => i + 1).join(', ')} order by ${keys.map((_, i) => i + 1).join(', ')}` : ''}`,
    );
    return rows.map((row) => {
      const surveyed = Number(row.surveyed);
      const contracted = Number(row.contracted);
      const inProvince = Number(row.in_province);
      const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
      return {
        industry: (row.INDUSTRY as Industry | undefined) ?? null,
        classCode: (row.CLASS as string | undefined) ?? null,
        regionCode: (row.REGION as string | undefined) ?? null,
        year: row.YEAR === undefined || row.YEAR === null ? null : Number(row.YEAR),
        quarter: (row.QUARTER as string | undefined) ?? null,
        demands: Number(row.demands),
        surveyedAmountFen: surveyed,
        contractedAmountFen: contracted,
        inProvinceAmountFen: inProvince,
        inProvinceShare: ratio(inProvince, surveyed),
        inProvinceShareOfContracted: ratio(inProvince, contracted),
      };
    });
  }

  /** The buyer a demand is posted for: the caller's own enterprise, or (administrators) the one named. */
  private buyerOf(buyerId: string | null, viewer: Claims): string {
    if (viewer.role === Role.ADMIN) {
      if (!buyerId) throw badUserInput('input.buyerId', 'is required when an administrator posts a demand');
      return buyerId;
    }
    if (viewer.role === Role.PUBLIC || viewer.role === Role.PARTNER || !viewer.enterpriseId) {
      throw forbidden('Sign in as a user of the buying unit to post its demand');
    }
    if (buyerId && buyerId !== viewer.enterpriseId) {
      throw forbidden(`You may post demands for your own unit (${viewer.enterpriseId}) only, not ${buyerId}`);
    }
    return viewer.enterpriseId;
  }

  /** A demand the caller acts for, locked; NOT_FOUND if they may not see it, FORBIDDEN if they may see but not act. */
  private async demandForBuyer(tx: Database, demandId: string, viewer: Claims): Promise<Demand> {
    const row = (await tx.table<DemandRow>('demand').where({ id: demandId }).forUpdate().first()) as
      | DemandRow
      | undefined;
    const demand = row ? toDemand(row) : undefined;
    if (!demand || !canSeeDemand(viewer, demand)) throw notFound('Demand', demandId);
    if (!actsForBuyer(viewer, demand)) {
      throw forbidden(
        `Only the users of the buyer (${demand.buyerId}) and administrators may act on demand ${demandId}`,
      );
    }
    return demand;
  }
}
