import { alignByKey, type Claims, type Database, parsePage, toConnection } from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { OrderFilter, OrderStatus, QuoteInput } from '../__generated__/resolvers-types.ts';
import { ORDER_ORDERS, type Order, type OrderConnection, OrderModel, type Quote } from '../models/order.ts';

/** Per request and caller: the caller's quotes and orders, batched; nothing of anyone else's. */
export class OrderSource {
  private readonly model: OrderModel;
  readonly quoteById: DataLoader<string, Quote | null>;
  readonly orderById: DataLoader<string, Order | null>;
  readonly orderOfQuote: DataLoader<string, Order | null>;

  constructor(
    db: Database,
    private readonly viewer: Claims,
  ) {
    const model = new OrderModel(db);
    this.model = model;
    this.quoteById = new DataLoader(async (ids) => alignByKey(ids, await model.quotesByIds(ids, viewer), (q) => q.id));
    this.orderById = new DataLoader(async (ids) => alignByKey(ids, await model.ordersByIds(ids, viewer), (o) => o.id));
    this.orderOfQuote = new DataLoader(async (ids) =>
      alignByKey(ids, await model.ordersOfQuotes(ids, viewer), (o) => o.quoteId),
    );
  }

  async list(args: {
    filter?: OrderFilter | null;
    first?: number | null;
    after?: string | null;
  }): Promise<OrderConnection> {
    const page = parsePage<Order>(
      { first: args.first, after: args.after, orderBy: { field: 'CREATED_AT', direction: 'DESC' } },
      '',
      ORDER_ORDERS,
    );
    const f = args.filter ?? {};
    const { rows, count } = await this.model.findPage(
      { status: f.status ?? null, platformId: f.platformId ?? null },
      page,
      this.viewer,
    );
    return toConnection(rows, page, count);
  }

  quote(threadId: string, version: number, input: QuoteInput): Promise<Quote> {
    return this.model.quote(threadId, version, input, this.viewer);
  }

  accept(quoteId: string, version: number): Promise<Order> {
    return this.model.accept(quoteId, version, this.viewer);
  }

  withdraw(quoteId: string, version: number): Promise<Quote> {
    return this.model.withdraw(quoteId, version, this.viewer);
  }

  move(orderId: string, version: number, to: OrderStatus, reason: string | null | undefined): Promise<Order> {
    return this.model.move(orderId, version, to, reason ?? null, this.viewer);
  }
}
