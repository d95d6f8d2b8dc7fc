import {
  alignByKey,
  badUserInput,
  type ChildPageKey,
  type Claims,
  childConnectionLoader,
  type Database,
  type Page,
  parsePage,
  toConnection,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import type { MessageInput, OpenThreadInput, ThreadFilter } from '../__generated__/resolvers-types.ts';
import { partOf } from '../models/access.ts';
import {
  type Message,
  type MessageConnection,
  THREAD_ORDERS,
  type Thread,
  type ThreadConnection,
  ThreadModel,
} from '../models/thread.ts';

/** Per request and caller: the caller's threads and their messages, batched; nothing of anyone else's. */
export class ThreadSource {
  private readonly model: ThreadModel;
  readonly byId: DataLoader<string, Thread | null>;
  private readonly unread: DataLoader<Thread, number, string>;
  private readonly messagePages: DataLoader<ChildPageKey<unknown, Message>, MessageConnection, string>;

  constructor(
    db: Database,
    private readonly viewer: Claims,
  ) {
    const model = new ThreadModel(db);
    this.model = model;
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids, viewer), (t) => t.id));
    this.unread = new DataLoader(
      async (threads) => {
        const side = partOf(viewer, threads[0] as Thread);
        if (side === null || side === 'ADMIN') return threads.map(() => 0);
        const counts = await model.unreadCounts(threads, side);
        return threads.map((thread) => counts.get(thread.id) ?? 0);
      },
      { cacheKeyFn: (thread) => thread.id },
    );
    this.messagePages = childConnectionLoader((keys) => model.messagePages(keys));
  }

  async list(args: {
    filter?: ThreadFilter | null;
    first?: number | null;
    after?: string | null;
  }): Promise<ThreadConnection> {
    const f = args.filter ?? {};
    const page = parsePage<Thread>(
      { first: args.first, after: args.after, orderBy: { field: 'LAST_MESSAGE', direction: 'DESC' } },
      '',
      THREAD_ORDERS,
    );
    const criteria = { platformId: f.platformId ?? null, status: f.status ?? null, unread: f.unread ?? null };
    const { rows, count } = await this.model.findPage(criteria, page, this.viewer);
    return toConnection(rows, page, count);
  }

  unreadCount(thread: Thread): Promise<number> {
    return this.unread.load(thread);
  }

  messages(thread: Thread, page: Page<Message>): Promise<MessageConnection> {
    return this.messagePages.load({ parentId: thread.id, page });
  }

  async open(input: OpenThreadInput): Promise<Thread> {
    const thread = await this.model.open(input, this.viewer);
    this.byId.prime(thread.id, thread);
    return thread;
  }

  post(threadId: string, input: MessageInput): Promise<Message> {
    return this.model.post(threadId, input, this.viewer);
  }

  async markRead(threadId: string): Promise<Thread> {
    const thread = await this.model.markRead(threadId, this.viewer);
    this.byId.clear(threadId).prime(threadId, thread);
    return thread;
  }

  async close(threadId: string, version: number, reason: string): Promise<Thread> {
    if (version < 1) throw badUserInput('version', 'must be the version you read (1 or more)');
    const thread = await this.model.close(threadId, version, reason, this.viewer);
    this.byId.clear(threadId).prime(threadId, thread);
    return thread;
  }
}
