/**
 * Quotes and orders between an enterprise and a platform. Only the two parties and administrators
 * see them, by every path; anyone else is told they do not exist. An order moves only as the
 * `order_move` table allows, for the side asking — the database refuses any other move.
 */
import { randomUUID } from 'node:crypto';
import {
  appError,
  badUserInput,
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
  notFound,
  type OrderFields,
  type Page,
  runWrite,
  staleVersion,
  todayInGuizhou,
  updateVersioned,
} from '@gzequip/kit';
import type { OrderStatus, QuoteInput, QuoteStatus } from '../__generated__/resolvers-types.ts';
import { ORDER_LIMITS } from '../migrations/20261209100000_quotes_orders.ts';
import { partOf, restrictToParties } from './access.ts';
import { type ThreadRow, toThread } from './thread.ts';

interface QuoteRow {
  id: string;
  thread_id: string;
  platform_id: string;
  enterprise_id: string;
  service_id: string | null;
  booking_id: string | null;
  description: string;
  amount_fen: string | number;
  valid_until: string | Date;
  status: string;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

export interface Quote {
  id: string;
  threadId: string;
  platformId: string;
  enterpriseId: string;
  serviceId: string | null;
  bookingId: string | null;
  description: string;
  amountFen: number;
  validUntil: string;
  status: QuoteStatus;
  version: number;
  createdAt: string;
}

interface OrderRow {
  id: string;
  quote_id: string;
  platform_id: string;
  enterprise_id: string;
  amount_fen: string | number;
  status: string;
  dispute_reason: string | null;
  resolution: string | null;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

export interface Order {
  id: string;
  quoteId: string;
  platformId: string;
  enterpriseId: string;
  amountFen: number;
  status: OrderStatus;
  disputeReason: string | null;
  resolution: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type OrderConnection = Connection<Order>;

export const ORDER_ORDERS: OrderFields<Order> = {
  CREATED_AT: { column: 'created_at', value: (o) => o.createdAt },
  UPDATED_AT: { column: 'updated_at', value: (o) => o.updatedAt },
};

const QUOTE = { table: 'quote', typename: 'Quote' };
const ORDER = { table: 'service_order', typename: 'Order' };

const CONSTRAINTS: ConstraintFields = {
  quote_amount_range: { field: 'input.amountFen', reason: 'must be 1 fen or more' },
  quote_description_length: {
    field: 'input.description',
    reason: `must be 1 to ${ORDER_LIMITS.description} characters`,
  },
  quote_booking_id_format: { field: 'input.bookingId', reason: 'is not a booking id (bkg-…)' },
  service_order_quote_key: { field: 'quoteId', reason: 'the quote already has an order' },
  service_order_moves: { field: 'to', reason: 'the order cannot make that move' },
};

const instant = (value: string | Date) => new Date(value).toISOString();

function toQuote(row: QuoteRow): Quote {
  return {
    id: row.id,
    threadId: row.thread_id,
    platformId: row.platform_id,
    enterpriseId: row.enterprise_id,
    serviceId: row.service_id,
    bookingId: row.booking_id,
    description: row.description,
    amountFen: Number(row.amount_fen),
    validUntil: dateOf(row.valid_until),
    status: row.status as QuoteStatus,
    version: row.version,
    createdAt: instant(row.created_at),
  };
}

function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    quoteId: row.quote_id,
    platformId: row.platform_id,
    enterpriseId: row.enterprise_id,
    amountFen: Number(row.amount_fen),
    status: row.status as OrderStatus,
    disputeReason: row.dispute_reason,
    resolution: row.resolution,
    version: row.version,
    createdAt: instant(row.created_at),
    updatedAt: instant(row.updated_at),
  };
}

function forbidden(message: string) {
  return appError(ErrorCode.FORBIDDEN, message);
}

export class OrderModel {
  constructor(private readonly db: Database) {}

  async quotesByIds(ids: readonly string[], viewer: Claims): Promise<Quote[]> {
    const query = this.db.table<QuoteRow>('quote').whereIn('id', [...ids]);
    restrictToParties(query, viewer);
    return ((await query) as QuoteRow[]).map(toQuote);
  }

  async ordersByIds(ids: readonly string[], viewer: Claims): Promise<Order[]> {
    const query = this.db.table<OrderRow>('service_order').whereIn('id', [...ids]);
    restrictToParties(query, viewer);
    return ((await query) as OrderRow[]).map(toOrder);
  }

  /** The order placed on each quote, if any (the caller can see the quote, so the order too). */
  async ordersOfQuotes(quoteIds: readonly string[], viewer: Claims): Promise<Order[]> {
    const query = this.db.table<OrderRow>('service_order').whereIn('quote_id', [...quoteIds]);
    restrictToParties(query, viewer);
    return ((await query) as OrderRow[]).map(toOrder);
  }

  async findPage(
    criteria: { status: OrderStatus | null; platformId: string | null },
    page: Page<Order>,
    viewer: Claims,
  ): Promise<{ rows: Order[]; count: () => Promise<number> }> {
    const filtered = () => {
      const query = this.db.table<OrderRow>('service_order');
      restrictToParties(query, viewer);
      if (criteria.status) query.where('status', criteria.status);
      if (criteria.platformId) query.where('platform_id', criteria.platformId);
      return query;
    };
    return {
      rows: ((await keysetPage(filtered(), page)) as OrderRow[]).map(toOrder),
      count: () => countRows(filtered()),
    };
  }

  /** The platform's operators turn an open thread into a quote; the thread is then QUOTED. */
  quote(threadId: string, version: number, input: QuoteInput, viewer: Claims): Promise<Quote> {
    const problems: InputProblem[] = [];
    const description = input.description.trim();
    if (description.length < 1 || description.length > ORDER_LIMITS.description) {
      problems.push({ field: 'input.description', reason: `must be 1 to ${ORDER_LIMITS.description} characters` });
    }
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen < 1) {
      problems.push({
        field: 'input.amountFen',
        reason: `must be a whole number of fen, 1 or more, got ${input.amountFen}`,
      });
    }
    const today = todayInGuizhou();
    if (!isDate(input.validUntil)) {
      problems.push({
        field: 'input.validUntil',
        reason: `must be a date, YYYY-MM-DD; got ${JSON.stringify(input.validUntil)}`,
      });
    } else if (input.validUntil < today) {
      problems.push({ field: 'input.validUntil', reason: `${input.validUntil} has passed (today is ${today})` });
    }
    return runWrite(
      this.db,
      async (tx) => {
        const row = (await tx.table('thread').where({ id: threadId }).forUpdate().first()) as ThreadRow | undefined;
        const thread = row ? toThread(row) : undefined;
        const side = thread ? partOf(viewer, thread) : null;
        if (!thread || !side) throw notFound('Thread', threadId);
        if (side !== 'PLATFORM')
          throw forbidden(`Only the operators of platform ${thread.platformId} quote on its threads`);
        if (thread.version !== version) throw staleVersion('Thread', threadId, thread.version, version);
        if (thread.status !== 'OPEN') {
          throw appError(
            ErrorCode.CONFLICT,
            `Thread ${threadId} is ${thread.status}: only an open thread takes a quote`,
            {
              field: 'threadId',
            },
          );
        }
        const serviceId = input.serviceId ?? thread.serviceId;
        if (
          serviceId &&
          !(await tx.table('service').where({ id: serviceId, platform_id: thread.platformId }).first('id'))
        ) {
          problems.push({ field: 'input.serviceId', reason: `is not a service of platform ${thread.platformId}` });
        }
        if (problems.length > 0) throw badUserInputs(problems);
        const quote = await insertVersioned<QuoteRow>(
          tx,
          QUOTE,
          {
            id: `quo-${randomUUID().replaceAll('-', '').slice(0, 12)}`,
            thread_id: threadId,
            platform_id: thread.platformId,
            enterprise_id: thread.enterpriseId,
            service_id: serviceId ?? null,
            booking_id: input.bookingId ?? null,
            description,
            amount_fen: input.amountFen,
            valid_until: input.validUntil,
          },
          viewer,
        );
        await updateVersioned(
          tx,
          { table: 'thread', typename: 'Thread' },
          threadId,
          version,
          {
            status: 'QUOTED',
            quote_id: quote.id,
          },
          viewer,
          row,
        );
        return toQuote(quote);
      },
      CONSTRAINTS,
    );
  }

  /** The enterprise accepts a quote still offered and valid: an order is placed for its amount. */
  accept(quoteId: string, version: number, viewer: Claims): Promise<Order> {
    return runWrite(
      this.db,
      async (tx) => {
        const row = (await tx.table('quote').where({ id: quoteId }).forUpdate().first()) as QuoteRow | undefined;
        const quote = row ? toQuote(row) : undefined;
        const side = quote ? partOf(viewer, quote) : null;
        if (!quote || !side) throw notFound('Quote', quoteId);
        if (side !== 'ENTERPRISE')
          throw forbidden(`Only the users of enterprise ${quote.enterpriseId} accept its quotes`);
        if (quote.version !== version) throw staleVersion('Quote', quoteId, quote.version, version);
        if (quote.status !== 'OFFERED') {
          throw appError(ErrorCode.CONFLICT, `Quote ${quoteId} is ${quote.status}: it can no longer be accepted`, {
            field: 'quoteId',
          });
        }
        if (quote.validUntil < todayInGuizhou()) {
          throw appError(
            ErrorCode.CONFLICT,
            `Quote ${quoteId} was valid until ${quote.validUntil}: ask for a new one`,
            {
              field: 'quoteId',
            },
          );
        }
        await updateVersioned(tx, QUOTE, quoteId, version, { status: 'ACCEPTED' }, viewer, row);
        const order = await insertVersioned<OrderRow>(
          tx,
          ORDER,
          {
            id: `ord-${randomUUID().replaceAll('-', '').slice(0, 12)}`,
            quote_id: quoteId,
            platform_id: quote.platformId,
            enterprise_id: quote.enterpriseId,
            amount_fen: quote.amountFen,
          },
          viewer,
        );
        return toOrder(order);
      },
      CONSTRAINTS,
    );
  }

  /** The platform withdraws a quote not yet accepted. */
  withdraw(quoteId: string, version: number, viewer: Claims): Promise<Quote> {
    return runWrite(this.db, async (tx) => {
      const row = (await tx.table('quote').where({ id: quoteId }).forUpdate().first()) as QuoteRow | undefined;
      const quote = row ? toQuote(row) : undefined;
      const side = quote ? partOf(viewer, quote) : null;
      if (!quote || !side) throw notFound('Quote', quoteId);
      if (side !== 'PLATFORM')
        throw forbidden(`Only the operators of platform ${quote.platformId} withdraw its quotes`);
      if (quote.status !== 'OFFERED') {
        throw appError(ErrorCode.CONFLICT, `Quote ${quoteId} is ${quote.status}`, { field: 'quoteId' });
      }
      return toQuote(
        await updateVersioned<QuoteRow>(tx, QUOTE, quoteId, version, { status: 'WITHDRAWN' }, viewer, row),
      );
    });
  }

  /**
   * Moves an order one step, if the move table allows it for the caller's side (an administrator
   * resolves disputes); a dispute needs a reason, a resolution says what was decided.
   */
  move(orderId: string, version: number, to: OrderStatus, reason: string | null, viewer: Claims): Promise<Order> {
    const why = reason?.trim() || null;
    return runWrite(
      this.db,
      async (tx) => {
        const row = (await tx.table('service_order').where({ id: orderId }).forUpdate().first()) as
          | OrderRow
          | undefined;
        const order = row ? toOrder(row) : undefined;
        const side = order ? partOf(viewer, order) : null;
        if (!order || !side) throw notFound('Order', orderId);
        if (order.version !== version) throw staleVersion('Order', orderId, order.version, version);
        const moves = (await tx.table('order_move').where({ from_status: order.status, to_status: to })) as {
          side: string;
        }[];
        if (moves.length === 0) {
          throw appError(ErrorCode.CONFLICT, `Order ${orderId} is ${order.status}: it cannot go to ${to}`, {
            field: 'to',
          });
        }
        if (moves.every((move) => move.side === 'LEDGER')) {
          throw appError(ErrorCode.CONFLICT, `Order ${orderId} is settled by its payment, not by a move`, {
            field: 'to',
          });
        }
        if (!moves.some((move) => move.side === side)) {
          throw forbidden(
            `Moving an order from ${order.status} to ${to} is for ${moves.map((m) => m.side.toLowerCase()).join(' or ')}`,
          );
        }
        if (to === 'DISPUTED' && !why)
          throw badUserInput('reason', 'is required to dispute an order: say what is wrong');
        if (side === 'ADMIN' && !why)
          throw badUserInput('reason', 'is required to resolve a dispute: say what was decided');
        if (why && why.length > ORDER_LIMITS.reason) {
          throw badUserInput('reason', `must be at most ${ORDER_LIMITS.reason} characters`);
        }
        const changes =
          to === 'DISPUTED'
            ? { status: to, dispute_reason: why }
            : side === 'ADMIN'
              ? { status: to, resolution: why }
              : { status: to };
        return toOrder(await updateVersioned<OrderRow>(tx, ORDER, orderId, version, changes, viewer, row));
      },
      CONSTRAINTS,
    );
  }
}
