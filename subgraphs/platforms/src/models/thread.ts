/**
 * Talking to a platform online: an enterprise's user opens an inquiry thread with a platform,
 * both sides post messages, each side's reading is kept. Only the two parties and administrators
 * see a thread — every read here takes the caller and answers nothing to anyone else. Messages are
 * never changed (the database refuses it): a correction is a new message.
 */
import { randomUUID } from 'node:crypto';
import {
  appError,
  badUserInput,
  badUserInputs,
  type ChildPage,
  type ChildPageKey,
  type Claims,
  type Connection,
  type ConstraintFields,
  countRows,
  type Database,
  ErrorCode,
  type InputProblem,
  insertVersioned,
  keysetPage,
  loadChildPages,
  notFound,
  type OrderFields,
  type Page,
  Role,
  runWrite,
  staleVersion,
  updateVersioned,
} from '@gzequip/kit';
import type {
  AttachmentInput,
  MessageInput,
  OpenThreadInput,
  ThreadSide,
  ThreadStatus,
} from '../__generated__/resolvers-types.ts';
import { INSTRUMENT_ID_PATTERN, PLATFORM_LIMITS } from '../migrations/20261208000000_services_credentials_threads.ts';
import { partOf, restrictToParties } from './access.ts';

export interface ThreadRow {
  id: string;
  platform_id: string;
  enterprise_id: string;
  opened_by: string;
  subject: string;
  service_id: string | null;
  instrument_id: string | null;
  status: string;
  closed_reason: string | null;
  quote_id: string | null;
  enterprise_read_to: string | number;
  platform_read_to: string | number;
  last_message_at: string | Date | null;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

export interface Thread {
  id: string;
  platformId: string;
  enterpriseId: string;
  openedBy: string;
  subject: string;
  serviceId: string | null;
  instrumentId: string | null;
  status: ThreadStatus;
  closedReason: string | null;
  quoteId: string | null;
  enterpriseReadTo: number;
  platformReadTo: number;
  lastMessageAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface MessageRow {
  id: string | number;
  thread_id: string;
  side: string;
  author_id: string;
  body: string;
  attachments: { name: string; url: string }[];
  created_at: string | Date;
}

export interface Message {
  id: string;
  threadId: string;
  side: ThreadSide;
  authorId: string;
  body: string;
  attachments: { name: string; url: string }[];
  createdAt: string;
}

export type ThreadConnection = Connection<Thread>;
export type MessageConnection = Connection<Message>;

/** Latest message first; threads opened the same millisecond by id. */
export const THREAD_ORDERS: OrderFields<Thread> = {
  LAST_MESSAGE: { column: 'last_message_at', value: (t) => t.lastMessageAt ?? t.createdAt },
};

export interface ThreadCriteria {
  platformId: string | null;
  status: ThreadStatus | null;
  unread: boolean | null;
}

const THREAD = { table: 'thread', typename: 'Thread' };

const CONSTRAINTS: ConstraintFields = {
  thread_platform_id_foreign: { field: 'input.platformId', reason: 'is not a platform' },
  thread_service_of_platform: { field: 'input.serviceId', reason: 'is not a service of this platform' },
  thread_subject_length: { field: 'input.subject', reason: `must be 1 to ${PLATFORM_LIMITS.subject} characters` },
  thread_instrument_id_format: { field: 'input.instrumentId', reason: 'is not an instrument id (ins-…)' },
  message_body_length: { field: 'input.body', reason: `must be 1 to ${PLATFORM_LIMITS.body} characters` },
  message_attachments_valid: {
    field: 'input.attachments',
    reason: 'must be at most 10, each a name and an http(s) URL',
  },
  message_thread_open: { field: 'threadId', reason: 'the thread is not open' },
};

const instant = (value: string | Date) => new Date(value).toISOString();

export function toThread(row: ThreadRow): Thread {
  return {
    id: row.id,
    platformId: row.platform_id,
    enterpriseId: row.enterprise_id,
    openedBy: row.opened_by,
    subject: row.subject,
    serviceId: row.service_id,
    instrumentId: row.instrument_id,
    status: row.status as ThreadStatus,
    closedReason: row.closed_reason,
    quoteId: row.quote_id,
    enterpriseReadTo: Number(row.enterprise_read_to),
    platformReadTo: Number(row.platform_read_to),
    lastMessageAt: row.last_message_at === null ? null : instant(row.last_message_at),
    version: row.version,
    createdAt: instant(row.created_at),
    updatedAt: instant(row.updated_at),
  };
}

function toMessage(row: MessageRow): Message {
  return {
    id: String(row.id),
    threadId: row.thread_id,
    side: row.side as ThreadSide,
    authorId: row.author_id,
    body: row.body,
    attachments: row.attachments,
    createdAt: instant(row.created_at),
  };
}

/** The caller's side in the threads it may list (every listed thread has the same one). */
function sideOfViewer(viewer: Claims): ThreadSide | null {
  if (viewer.role === Role.ENTERPRISE_USER) return 'ENTERPRISE';
  if (viewer.role === Role.PLATFORM_OPERATOR) return 'PLATFORM';
  return null;
}

const readColumn = (side: ThreadSide) => (side === 'ENTERPRISE' ? 'enterprise_read_to' : 'platform_read_to');
const otherSide = (side: ThreadSide): ThreadSide => (side === 'ENTERPRISE' ? 'PLATFORM' : 'ENTERPRISE');

/** A message's body and attachments, checked (the database checks the same again). */
function messageColumns(input: MessageInput | OpenThreadInput, problems: InputProblem[]) {
  const body = input.body.trim();
  if (body.length < 1 || body.length > PLATFORM_LIMITS.body) {
    problems.push({
      field: 'input.body',
      reason: body.length < 1 ? 'is empty: write the message' : `must be at most ${PLATFORM_LIMITS.body} characters`,
    });
  }
  const attachments = (input.attachments ?? []).map((attachment: AttachmentInput, i: number) => {
    const name = attachment.name.trim();
    const url = attachment.url.trim();
    if (name.length < 1 || name.length > PLATFORM_LIMITS.attachmentName) {
      problems.push({
        field: `input.attachments[${i}].name`,
        reason: `must be 1 to ${PLATFORM_LIMITS.attachmentName} characters`,
      });
    }
    if (!/^https?:\/\/\S+$/.test(url) || url.length > PLATFORM_LIMITS.attachmentUrl) {
      problems.push({
        field: `input.attachments[${i}].url`,
        reason: 'must be an http or https address of at most 1,000 characters',
      });
    }
    return { name, url };
  });
  if (attachments.length > PLATFORM_LIMITS.attachments) {
    problems.push({ field: 'input.attachments', reason: `may hold at most ${PLATFORM_LIMITS.attachments}` });
  }
  return { body, attachments };
}

export class ThreadModel {
  constructor(private readonly db: Database) {}

  /** The threads among `ids` the caller is a party to. */
  async findByIds(ids: readonly string[], viewer: Claims): Promise<Thread[]> {
    const query = this.db.table<ThreadRow>('thread').whereIn('id', [...ids]);
    restrictToParties(query, viewer);
    return ((await query) as ThreadRow[]).map(toThread);
  }

  async findPage(
    criteria: ThreadCriteria,
    page: Page<Thread>,
    viewer: Claims,
  ): Promise<{ rows: Thread[]; count: () => Promise<number> }> {
    const filtered = () => {
      const query = this.db.table<ThreadRow>('thread');
      restrictToParties(query, viewer);
      if (criteria.platformId) query.where('platform_id', criteria.platformId);
      if (criteria.status) query.where('status', criteria.status);
      if (criteria.unread !== null) {
        const side = sideOfViewer(viewer);
        if (!side) {
          // An administrator reads as no side: nothing is unread for them.
          if (criteria.unread) query.whereRaw('false');
        } else {
          const unread = this.db.knex.raw(
            `exists (select 1 from "${this.db.schema}".message m
                      where m.thread_id = thread.id and m.side = ? and m.id > thread.${readColumn(side)})`,
            [otherSide(side)],
          );
          if (criteria.unread) query.whereRaw('?', [unread]);
          else query.whereRaw('not ?', [unread]);
        }
      }
      return query;
    };
    return {
      rows: ((await keysetPage(filtered(), page)) as ThreadRow[]).map(toThread),
      count: () => countRows(filtered()),
    };
  }

  /** Messages from the other side each thread's reader has not read, one statement. */
  async unreadCounts(threads: readonly Thread[], side: ThreadSide): Promise<Map<string, number>> {
    const rows = (await this.db
      .table('message as m')
      .join('thread as t', 't.id', 'm.thread_id')
      .whereIn(
        'm.thread_id',
        threads.map((thread) => thread.id),
      )
      .where('m.side', otherSide(side))
      .whereRaw(`m.id > t.${readColumn(side)}`)
      .groupBy('m.thread_id')
      .select('m.thread_id', this.db.knex.raw('count(*)::int as unread'))) as { thread_id: string; unread: number }[];
    return new Map(rows.map((row) => [row.thread_id, Number(row.unread)]));
  }

  /** A page of messages of each thread, oldest first, in one statement per page. */
  async messagePages(keys: readonly ChildPageKey<unknown, Message>[]): Promise<ChildPage<Message>[]> {
    const pages = await loadChildPages<MessageRow & { id: string }>(this.db, 'message', 'thread_id', keys);
    return pages.map(({ rows, total }) => ({ rows: rows.map(toMessage), total }));
  }

  /** An enterprise's user opens a thread with a platform, with its first message, in one transaction. */
  open(input: OpenThreadInput, viewer: Claims): Promise<Thread> {
    const enterpriseId = this.askingEnterprise(input.enterpriseId ?? null, viewer);
    const problems: InputProblem[] = [];
    const subject = input.subject.trim();
    if (subject.length < 1 || subject.length > PLATFORM_LIMITS.subject) {
      problems.push({ field: 'input.subject', reason: `must be 1 to ${PLATFORM_LIMITS.subject} characters` });
    }
    if (input.instrumentId && !new RegExp(INSTRUMENT_ID_PATTERN).test(input.instrumentId)) {
      problems.push({
        field: 'input.instrumentId',
        reason: `${JSON.stringify(input.instrumentId)} is not an instrument id (ins-…)`,
      });
    }
    const message = messageColumns(input, problems);
    return runWrite(
      this.db,
      async (tx) => {
        if (!(await tx.table('platform').where({ id: input.platformId }).first('id'))) {
          throw notFound('Platform', input.platformId);
        }
        if (input.serviceId) {
          const service = await tx
            .table('service')
            .where({ id: input.serviceId, platform_id: input.platformId })
            .first('id');
          if (!service)
            problems.push({ field: 'input.serviceId', reason: `is not a service of platform ${input.platformId}` });
        }
        if (problems.length > 0) throw badUserInputs(problems);
        const thread = await insertVersioned<ThreadRow>(
          tx,
          THREAD,
          {
            id: `thr-${randomUUID().replaceAll('-', '').slice(0, 12)}`,
            platform_id: input.platformId,
            enterprise_id: enterpriseId,
            opened_by: viewer.userId ?? 'unknown',
            subject,
            service_id: input.serviceId ?? null,
            instrument_id: input.instrumentId ?? null,
          },
          viewer,
        );
        const first = await this.insertMessage(tx, thread.id, 'ENTERPRISE', viewer, message);
        return this.readUpTo(tx, thread.id, 'ENTERPRISE', first.id);
      },
      CONSTRAINTS,
    );
  }

  /** One side posts to an open thread; its own message counts as read for it. */
  post(threadId: string, input: MessageInput, viewer: Claims): Promise<Message> {
    const problems: InputProblem[] = [];
    const message = messageColumns(input, problems);
    return runWrite(
      this.db,
      async (tx) => {
        const thread = await this.lockedFor(tx, threadId, viewer);
        const side = partOf(viewer, thread);
        if (side === 'ADMIN') {
          throw appError(ErrorCode.FORBIDDEN, 'Administrators read threads; only the enterprise and the platform post');
        }
        if (thread.status !== 'OPEN') {
          throw appError(ErrorCode.CONFLICT, `Thread ${threadId} is ${thread.status}: it takes no more messages`, {
            field: 'threadId',
          });
        }
        if (problems.length > 0) throw badUserInputs(problems);
        const posted = await this.insertMessage(tx, threadId, side as ThreadSide, viewer, message);
        await this.readUpTo(tx, threadId, side as ThreadSide, posted.id);
        return toMessage(posted);
      },
      CONSTRAINTS,
    );
  }

  /** The caller's side has read every message so far. */
  markRead(threadId: string, viewer: Claims): Promise<Thread> {
    return runWrite(this.db, async (tx) => {
      const thread = await this.lockedFor(tx, threadId, viewer);
      const side = partOf(viewer, thread);
      if (side === 'ADMIN') return thread;
      const [latest] = (await tx.table('message').where({ thread_id: threadId }).max({ id: 'id' })) as {
        id: string | number | null;
      }[];
      return this.readUpTo(tx, threadId, side as ThreadSide, latest?.id ?? 0);
    });
  }

  /** The platform's operators (or an administrator) close an open thread, saying why. */
  close(threadId: string, version: number, reason: string, viewer: Claims): Promise<Thread> {
    const why = reason.trim();
    return runWrite(this.db, async (tx) => {
      const thread = await this.lockedFor(tx, threadId, viewer);
      if (partOf(viewer, thread) === 'ENTERPRISE') {
        throw appError(ErrorCode.FORBIDDEN, 'The platform closes a thread; the enterprise may simply stop writing');
      }
      if (thread.version !== version) throw staleVersion('Thread', threadId, thread.version, version);
      if (thread.status !== 'OPEN') {
        throw appError(ErrorCode.CONFLICT, `Thread ${threadId} is already ${thread.status}`, { field: 'threadId' });
      }
      if (why.length < 1 || why.length > 500) throw badUserInput('reason', 'must be 1 to 500 characters: say why');
      const row = await updateVersioned<ThreadRow>(
        tx,
        THREAD,
        threadId,
        version,
        { status: 'CLOSED', closed_reason: why },
        viewer,
      );
      return toThread(row);
    });
  }

  /** The thread, locked; NOT_FOUND for anyone not a party (a thread's existence is the parties' business). */
  private async lockedFor(tx: Database, threadId: string, viewer: Claims): Promise<Thread> {
    const row = (await tx.table('thread').where({ id: threadId }).forUpdate().first()) as ThreadRow | undefined;
    const thread = row ? toThread(row) : undefined;
    if (!thread || !partOf(viewer, thread)) throw notFound('Thread', threadId);
    return thread;
  }

  /** A side has read up to a message (reading is not an edit: no version, no history). */
  private async readUpTo(
    tx: Database,
    threadId: string,
    side: ThreadSide,
    messageId: string | number,
  ): Promise<Thread> {
    const rows: unknown[] = await tx
      .table('thread')
      .where({ id: threadId })
      .update({ [readColumn(side)]: messageId })
      .returning('*');
    return toThread(rows[0] as ThreadRow);
  }

  private async insertMessage(
    tx: Database,
    threadId: string,
    side: ThreadSide,
    viewer: Claims,
    message: { body: string; attachments: { name: string; url: string }[] },
  ): Promise<MessageRow> {
    const rows: unknown[] = await tx
      .table('message')
      .insert({
        thread_id: threadId,
        side,
        author_id: viewer.userId ?? 'unknown',
        body: message.body,
        attachments: JSON.stringify(message.attachments),
      })
      .returning('*');
    return rows[0] as MessageRow;
  }

  /** The enterprise a thread is opened for: the caller's own, or (administrators) the one named. */
  private askingEnterprise(enterpriseId: string | null, viewer: Claims): string {
    if (viewer.role === Role.ADMIN) {
      if (!enterpriseId) throw badUserInput('input.enterpriseId', 'is required when an administrator opens a thread');
      return enterpriseId;
    }
    if (viewer.role !== Role.ENTERPRISE_USER || !viewer.enterpriseId) {
      throw appError(ErrorCode.FORBIDDEN, 'Sign in as a user of an enterprise to ask a platform');
    }
    if (enterpriseId && enterpriseId !== viewer.enterpriseId) {
      throw appError(ErrorCode.FORBIDDEN, `You may ask for your own enterprise (${viewer.enterpriseId}) only`);
    }
    return viewer.enterpriseId;
  }
}
