/**
 * Matching events: recorded by administrators on the write path (the event is versioned, its
 * links replaced with it), listed newest first, and their deals computed from the survey's
 * contracts — never stored twice.
 */
import { randomUUID } from 'node:crypto';
import {
  appError,
  badUserInputs,
  type Claims,
  type Connection,
  type ConstraintFields,
  countRows,
  type Database,
  dateOf,
  ErrorCode,
  type InputProblem,
  insertVersioned,
  isDate,
  keysetPage,
  type OrderFields,
  type Page,
  REGIONS,
  Role,
  runWrite,
} from '@gzequip/kit';
import type { Knex } from 'knex';
import type { Industry, MatchingEventInput } from '../__generated__/resolvers-types.ts';
import { EVENT_LIMITS } from '../migrations/20261206000000_matching_events.ts';

interface EventRow {
  id: string;
  name: string;
  held_on: string | Date;
  place: string;
  region_code: string;
  industries: Industry[];
  version: number;
}

export interface MatchingEvent {
  id: string;
  name: string;
  heldOn: string;
  place: string;
  regionCode: string;
  industries: Industry[];
  version: number;
}

export interface EventLinks {
  participantIds: string[];
  demandIds: string[];
  productIds: string[];
}

export interface EventDeal {
  demandId: string;
  productId: string;
  contractAmountFen: number;
  contractDate: string;
}

export type MatchingEventConnection = Connection<MatchingEvent>;

export interface EventCriteria {
  year: number | null;
  industry: Industry | null;
  regionCode: string | null;
}

export const EVENT_ORDERS: OrderFields<MatchingEvent> = {
  HELD_ON: { column: 'held_on', value: (event) => event.heldOn },
};

const EVENT = { table: 'matching_event', typename: 'MatchingEvent' };
const LINKS = [
  { table: 'matching_event_participant', column: 'enterprise_id', field: 'participantIds' },
  { table: 'matching_event_demand', column: 'demand_id', field: 'demandIds' },
  { table: 'matching_event_product', column: 'product_id', field: 'productIds' },
] as const;

const CONSTRAINTS: ConstraintFields = {
  matching_event_participant_enterprise_id_foreign: {
    field: 'input.participantIds',
    reason: 'names an enterprise the registry does not hold',
  },
  matching_event_demand_demand_id_foreign: { field: 'input.demandIds', reason: 'names a demand that does not exist' },
  matching_event_product_product_id_foreign: {
    field: 'input.productIds',
    reason: 'names a product that does not exist',
  },
  matching_event_region_code_foreign: { field: 'input.regionCode', reason: 'is not a region of Guizhou' },
};

function toEvent(row: EventRow): MatchingEvent {
  return {
    id: row.id,
    name: row.name,
    heldOn: dateOf(row.held_on),
    place: row.place,
    regionCode: row.region_code,
    industries: row.industries,
    version: row.version,
  };
}

function applyCriteria(query: Knex.QueryBuilder, criteria: EventCriteria): void {
  if (criteria.year !== null) query.whereRaw('extract(year from held_on) = ?', [criteria.year]);
  if (criteria.industry) query.whereRaw('industries @> array[?]::text[]', [criteria.industry]);
  if (criteria.regionCode) query.where('region_code', criteria.regionCode);
}

/** The event's fields and links, and every problem with them. */
function eventColumns(input: MatchingEventInput) {
  const problems: InputProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field: `input.${field}`, reason });
  const name = input.name.trim();
  const place = input.place.trim();
  if (name.length < 1 || name.length > EVENT_LIMITS.name)
    problem('name', `must be 1 to ${EVENT_LIMITS.name} characters`);
  if (place.length < 1 || place.length > EVENT_LIMITS.place)
    problem('place', `must be 1 to ${EVENT_LIMITS.place} characters`);
  const heldOn = input.heldOn;
  if (!isDate(heldOn)) {
    problem('heldOn', `must be a date, YYYY-MM-DD; got ${JSON.stringify(heldOn)}`);
  }
  if (!REGIONS[input.regionCode])
    problem('regionCode', `${JSON.stringify(input.regionCode)} is not a region of Guizhou`);
  const links: EventLinks = {
    participantIds: [...new Set(input.participantIds ?? [])],
    demandIds: [...new Set(input.demandIds ?? [])],
    productIds: [...new Set(input.productIds ?? [])],
  };
  for (const { field } of LINKS) {
    if (links[field].length > EVENT_LIMITS.links) problem(field, `may name at most ${EVENT_LIMITS.links}`);
  }
  return {
    columns: {
      name,
      held_on: heldOn,
      place,
      region_code: input.regionCode,
      industries: [...new Set(input.industries ?? [])],
    },
    links,
    problems,
  };
}

export class EventModel {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<MatchingEvent[]> {
    return (await this.db.table<EventRow>('matching_event').whereIn('id', [...ids])).map(toEvent);
  }

  async findPage(
    criteria: EventCriteria,
    page: Page<MatchingEvent>,
  ): Promise<{ rows: MatchingEvent[]; count: () => Promise<number> }> {
    const filtered = () => {
      const query = this.db.table<EventRow>('matching_event');
      applyCriteria(query, criteria);
      return query;
    };
    return {
      rows: ((await keysetPage(filtered(), page)) as EventRow[]).map(toEvent),
      count: () => countRows(filtered()),
    };
  }

  /** The links of many events, one statement a kind of link. */
  async linksOf(eventIds: readonly string[]): Promise<Map<string, EventLinks>> {
    const links = new Map<string, EventLinks>(
      eventIds.map((id) => [id, { participantIds: [], demandIds: [], productIds: [] }]),
    );
    for (const { table, column, field } of LINKS) {
      const rows = (await this.db
        .table(table)
        .whereIn('event_id', [...eventIds])
        .orderBy([column])) as Record<string, string>[];
      for (const row of rows) links.get(row.event_id as string)?.[field].push(row[column] as string);
    }
    return links;
  }

  /** The contracts that came of many events, one statement: brought demand won by brought product, on or after the day. */
  async dealsOf(eventIds: readonly string[]): Promise<Map<string, EventDeal[]>> {
    const s = `"${this.db.schema}"`;
    const rows = await this.db.raw<{
      event_id: string;
      demand_id: string;
      product_id: string;
      contract_amount_fen: string | number;
      contract_date: string | Date;
    }>(
      `select e.id as event_id, c.demand_id, c.product_id, c.contract_amount_fen, c.contract_date
         from ${s}.matching_event e
         join ${s}.matching_event_demand ed on ed.event_id = e.id
         join ${s}.matching_event_product ep on ep.event_id = e.id
         join ${s}.demand_candidate c on c.demand_id = ed.demand_id and c.product_id = ep.product_id
        where e.id = any(?::text[]) and c.status = 'CONTRACT' and c.contract_date >= e.held_on
        order by e.id, c.contract_date, c.demand_id`,
      [[...eventIds]],
    );
    const deals = new Map<string, EventDeal[]>(eventIds.map((id) => [id, []]));
    for (const row of rows) {
      deals.get(row.event_id)?.push({
        demandId: row.demand_id,
        productId: row.product_id,
        contractAmountFen: Number(row.contract_amount_fen),
        contractDate: dateOf(row.contract_date),
      });
    }
    return deals;
  }

  /** Records an event (administrators) with its links, in one transaction. */
  record(input: MatchingEventInput, viewer: Claims): Promise<MatchingEvent> {
    if (viewer.role !== Role.ADMIN) {
      throw appError(ErrorCode.FORBIDDEN, 'Only administrators of the department record matching events');
    }
    const { columns, links, problems } = eventColumns(input);
    return runWrite(
      this.db,
      async (tx) => {
        if (problems.length > 0) throw badUserInputs(problems);
        const id = `evt-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
        const row = await insertVersioned<EventRow>(tx, EVENT, { id, ...columns }, viewer);
        for (const { table, column, field } of LINKS) {
          const values = links[field].map((value) => ({ event_id: id, [column]: value }));
          if (values.length > 0) await tx.table(table).insert(values);
        }
        return toEvent(row);
      },
      CONSTRAINTS,
    );
  }
}
