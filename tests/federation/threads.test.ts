/**
 * Talking to a platform online, through the gateway as the people involved would: an SME's user
 * finds a Zunyi platform with a valid CMA credential for salt-spray testing, asks about the
 * service, the operator answers, the SME sees one unread message. Nobody else reads the thread —
 * not a third enterprise, not an anonymous caller, not another platform's operator, not a direct
 * `_entities` request — and a thread keeps its whole history.
 */
import { type Claims, Role } from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, gatewayQuery, subgraphQuery, token } from '../support/federation.ts';

const SME = 'ent-031';
const THIRD = 'ent-040';

let sme: string;
let third: string;
let otherOperator: string;
let operator: string;
let platformId: string;
let serviceId: string;
const threads: string[] = [];

const SEARCH = `query ($text: String, $filter: PlatformSearchFilter) {
  searchPlatforms(text: $text, filter: $filter, first: 10) {
    totalCount
    edges { relevance node { id name region { code } accredited(kind: CMA)
      services { id name priceMinFen priceMaxFen unit }
      credentials { kind number status validUntil scope } } }
    facets { kind { kind count } credential { kind count } region { region { code } count } } } }`;
const OPEN = `mutation ($input: OpenThreadInput!) {
  openThread(input: $input) { id status subject mySide unreadCount version service { id name } platform { id } } }`;
const POST = `mutation ($threadId: ID!, $input: MessageInput!) {
  postMessage(threadId: $threadId, input: $input) { id side body attachments { name url } } }`;
const READ = `query ($id: ID!) { thread(id: $id) { id status mySide unreadCount version
  messages { totalCount edges { node { id side body } } } } }`;
const MARK = 'mutation ($threadId: ID!) { markThreadRead(threadId: $threadId) { id unreadCount } }';
const CLOSE = `mutation ($threadId: ID!, $version: Int!, $reason: String!) {
  closeThread(threadId: $threadId, version: $version, reason: $reason) { id status closedReason version } }`;
const MINE = `query ($filter: ThreadFilter) { threads(filter: $filter, first: 50) {
  totalCount edges { node { id unreadCount platform { id } } } } }`;

interface ThreadAnswer {
  id: string;
  status: string;
  mySide: string | null;
  unreadCount: number;
  version: number;
  messages: { totalCount: number; edges: { node: { id: string; side: string; body: string } }[] };
}

const claimsOf = (role: Claims['role'], enterpriseId: string | null, platformIds: string[] = []): Claims => ({
  userId: `user-${enterpriseId ?? platformIds[0]}`,
  role,
  enterpriseId,
  platformIds,
  scopes: [],
});

async function messageCount(threadId: string): Promise<number> {
  const db = await database('platforms');
  const [row] = (await db.table('message').where({ thread_id: threadId }).count({ count: '*' })) as {
    count: string | number;
  }[];
  return Number(row?.count ?? 0);
}

async function openThread(bearer = sme) {
  const answer = await gatewayQuery<{ openThread: ThreadAnswer }>(
    OPEN,
    {
      input: {
        platformId,
        serviceId,
        subject: '咨询中性盐雾试验周期和报价',
        body: '我司有一批汽车紧固件需做480小时中性盐雾试验，请问周期和报价？',
        attachments: [{ name: '试样清单.xlsx', url: 'https://files.example.cn/inquiry/samples.xlsx' }],
      },
    },
    { bearer },
  );
  if (answer.data?.openThread) threads.push(answer.data.openThread.id);
  return answer;
}

beforeAll(async () => {
  sme = await token({ role: Role.ENTERPRISE_USER, sub: 'sme-buyer', enterpriseId: SME });
  third = await token({ role: Role.ENTERPRISE_USER, sub: 'third-party', enterpriseId: THIRD });
  // The platform is found by search in the first test; its operator's token is made there.
});

afterAll(async () => {
  const db = await database('platforms');
  // Messages are history the database will not let go of, except with the whole thread in a test's cleanup.
  await db.raw(`alter table "${db.schema}".message disable trigger message_is_history`);
  try {
    await db.table('message').whereIn('thread_id', threads).del();
  } finally {
    await db.raw(`alter table "${db.schema}".message enable trigger message_is_history`);
  }
  await db.table('change_history').whereIn('record_id', threads).del();
  await db.table('thread').whereIn('id', threads).del();
});

describe('an SME asks a Zunyi testing platform about salt-spray testing', () => {
  it('finds it, asks, gets an answer, and sees one unread message', async () => {
    const found = await gatewayQuery<{
      searchPlatforms: {
        totalCount: number;
        edges: {
          relevance: number;
          node: {
            id: string;
            region: { code: string };
            accredited: boolean;
            services: { id: string; name: string }[];
            credentials: { kind: string; status: string; scope: string }[];
          };
        }[];
        facets: { credential: { kind: string; count: number }[] };
      };
    }>(SEARCH, { text: '盐雾', filter: { regionCode: '520300', accreditedBy: 'CMA' } }, { bearer: sme });
    expect(found.errors).toBeUndefined();
    const hits = found.data?.searchPlatforms.edges ?? [];
    expect(hits.length).toBeGreaterThan(0);
    expect(found.data?.searchPlatforms.totalCount).toBe(hits.length);
    // Every hit holds a CMA in force: the credential facet counts them all under CMA.
    expect(found.data?.searchPlatforms.facets.credential.find((f) => f.kind === 'CMA')?.count).toBe(hits.length);
    for (const { node } of hits) {
      expect(node.region.code).toBe('520300');
      expect(node.accredited).toBe(true);
      expect(node.credentials.some((c) => c.kind === 'CMA' && c.status === 'IN_FORCE')).toBe(true);
    }
    const platform = hits.find(({ node }) => node.services.some((s) => s.name.includes('盐雾')))?.node;
    expect(platform).toBeDefined();
    platformId = platform?.id as string;
    serviceId = platform?.services.find((s) => s.name.includes('盐雾'))?.id as string;
    operator = await token({ role: Role.PLATFORM_OPERATOR, sub: `operator-${platformId}`, platformIds: [platformId] });
    otherOperator = await token({ role: Role.PLATFORM_OPERATOR, sub: 'operator-other', platformIds: ['plt-01'] });

    const opened = await openThread();
    expect(opened.errors).toBeUndefined();
    const thread = opened.data?.openThread as ThreadAnswer & { service: { id: string } };
    expect(thread).toMatchObject({ status: 'OPEN', mySide: 'ENTERPRISE', unreadCount: 0, service: { id: serviceId } });

    // The operator sees the question unread, answers it, and has then read everything.
    const inbox = await gatewayQuery<{ threads: { edges: { node: { id: string; unreadCount: number } }[] } }>(
      MINE,
      { filter: { unread: true } },
      { bearer: operator },
    );
    expect(inbox.data?.threads.edges.find((edge) => edge.node.id === thread.id)?.node.unreadCount).toBe(1);
    const answer = await gatewayQuery<{ postMessage: { side: string } }>(
      POST,
      { threadId: thread.id, input: { body: '您好，480小时中性盐雾试验周期约25个工作日，每件试样¥600，可先寄样。' } },
      { bearer: operator },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.postMessage.side).toBe('PLATFORM');
    const operatorView = await gatewayQuery<{ thread: ThreadAnswer }>(READ, { id: thread.id }, { bearer: operator });
    expect(operatorView.data?.thread).toMatchObject({ mySide: 'PLATFORM', unreadCount: 0 });

    // The SME has one unread message, until it reads the thread.
    const smeView = await gatewayQuery<{ thread: ThreadAnswer }>(READ, { id: thread.id }, { bearer: sme });
    expect(smeView.data?.thread).toMatchObject({ unreadCount: 1, status: 'OPEN' });
    expect(smeView.data?.thread.messages.edges.map((edge) => edge.node.side)).toEqual(['ENTERPRISE', 'PLATFORM']);
    const unread = await gatewayQuery<{ threads: { edges: { node: { id: string } }[] } }>(
      MINE,
      { filter: { unread: true } },
      { bearer: sme },
    );
    expect(unread.data?.threads.edges.map((edge) => edge.node.id)).toContain(thread.id);
    const marked = await gatewayQuery<{ markThreadRead: { unreadCount: number } }>(
      MARK,
      { threadId: thread.id },
      { bearer: sme },
    );
    expect(marked.data?.markThreadRead.unreadCount).toBe(0);
  });

  it('shows an expired CMA credential as expired, and it does not count', async () => {
    const answer = await gatewayQuery<{
      searchPlatforms: {
        edges: { node: { id: string; accredited: boolean; credentials: { kind: string; status: string }[] } }[];
      };
    }>(SEARCH, { text: '盐雾' });
    const expiredOnly = answer.data?.searchPlatforms.edges.find(
      ({ node }) =>
        node.credentials.some((c) => c.kind === 'CMA' && c.status === 'EXPIRED') &&
        !node.credentials.some((c) => c.kind === 'CMA' && c.status === 'IN_FORCE'),
    );
    expect(expiredOnly).toBeDefined();
    expect(expiredOnly?.node.accredited).toBe(false);
    const accredited = await gatewayQuery<{ searchPlatforms: { edges: { node: { id: string } }[] } }>(SEARCH, {
      text: '盐雾',
      filter: { accreditedBy: 'CMA' },
    });
    expect(accredited.data?.searchPlatforms.edges.map((edge) => edge.node.id)).not.toContain(expiredOnly?.node.id);
  });
});

describe('a thread is the two parties’ only', () => {
  it('is read by no third enterprise, anonymous caller, other operator or direct _entities request', async () => {
    const opened = await openThread();
    const id = opened.data?.openThread.id as string;
    for (const bearer of [third, otherOperator, undefined]) {
      const read = await gatewayQuery<{ thread: unknown }>(READ, { id }, bearer ? { bearer } : {});
      expect(read.errors).toBeUndefined();
      expect(read.data?.thread).toBeNull();
      const listed = await gatewayQuery<{ threads: { totalCount: number; edges: { node: { id: string } }[] } }>(
        MINE,
        {},
        bearer ? { bearer } : {},
      );
      expect(listed.data?.threads.edges.map((edge) => edge.node.id) ?? []).not.toContain(id);
      const posted = await gatewayQuery(
        POST,
        { threadId: id, input: { body: '我也想知道' } },
        bearer ? { bearer } : {},
      );
      expect(posted.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const marked = await gatewayQuery(MARK, { threadId: id }, bearer ? { bearer } : {});
      expect(marked.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const anonymousList = await gatewayQuery<{ threads: { totalCount: number } }>(MINE);
    expect(anonymousList.data?.threads.totalCount).toBe(0);

    // Straight to the platforms subgraph, signed as the gateway signs: the entity resolves to null.
    const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Thread { id subject messages { edges { node { body } } } } } }`;
    for (const claims of [
      claimsOf(Role.ENTERPRISE_USER, THIRD),
      claimsOf(Role.PUBLIC, null),
      claimsOf(Role.PLATFORM_OPERATOR, null, ['plt-01']),
      claimsOf(Role.PARTNER, null),
    ]) {
      const direct = await subgraphQuery<{ _entities: unknown[] }>(
        'platforms',
        ENTITIES,
        { r: [{ __typename: 'Thread', id }] },
        { claims },
      );
      expect(direct.data?._entities).toEqual([null]);
    }
    const own = await subgraphQuery<{ _entities: { id: string }[] }>(
      'platforms',
      ENTITIES,
      { r: [{ __typename: 'Thread', id }] },
      { claims: claimsOf(Role.ENTERPRISE_USER, SME) },
    );
    expect(own.data?._entities[0]?.id).toBe(id);
    // An administrator reads it, as no side.
    const admin = await token({ role: Role.ADMIN, sub: 'department' });
    const adminView = await gatewayQuery<{ thread: ThreadAnswer }>(READ, { id }, { bearer: admin });
    expect(adminView.data?.thread).toMatchObject({ id, mySide: null, unreadCount: 0 });
  });
});

describe('bad messages and closed threads', () => {
  it('refuses an empty message, a bad attachment, a closed thread, and an SME closing, storing nothing', async () => {
    const opened = await openThread();
    const id = opened.data?.openThread.id as string;
    const before = await messageCount(id);
    const bad: [Record<string, unknown>, string][] = [
      [{ body: '   ' }, 'input.body'],
      [{ body: 'x'.repeat(4001) }, 'input.body'],
      [
        { body: '见附件', attachments: [{ name: '图纸', url: 'ftp://files.example.cn/a.pdf' }] },
        'input.attachments[0].url',
      ],
      [
        { body: '见附件', attachments: [{ name: ' ', url: 'https://files.example.cn/a.pdf' }] },
        'input.attachments[0].name',
      ],
    ];
    for (const [input, field] of bad) {
      const answer = await gatewayQuery(POST, { threadId: id, input }, { bearer: sme });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const emptyOpen = await gatewayQuery(OPEN, { input: { platformId, subject: '空', body: '' } }, { bearer: sme });
    expect(emptyOpen.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.body' });
    const otherService = await gatewayQuery(
      OPEN,
      { input: { platformId: 'plt-01', serviceId, subject: '问', body: '问一下' } },
      { bearer: sme },
    );
    expect(otherService.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.serviceId' });

    const bySme = await gatewayQuery(CLOSE, { threadId: id, version: 1, reason: '不需要了' }, { bearer: sme });
    expect(bySme.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const closed = await gatewayQuery<{ closeThread: { status: string; version: number } }>(
      CLOSE,
      { threadId: id, version: 1, reason: '已线下报价' },
      { bearer: operator },
    );
    expect(closed.data?.closeThread).toMatchObject({ status: 'CLOSED', version: 2 });
    for (const bearer of [sme, operator]) {
      const late = await gatewayQuery(POST, { threadId: id, input: { body: '还在吗？' } }, { bearer });
      expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }
    const again = await gatewayQuery(CLOSE, { threadId: id, version: 2, reason: '再关' }, { bearer: operator });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await messageCount(id)).toBe(before);
  });

  it('never lets a message change: the database refuses an edit or a removal', async () => {
    const opened = await openThread();
    const id = opened.data?.openThread.id as string;
    const db = await database('platforms');
    await expect(db.table('message').where({ thread_id: id }).update({ body: '改过的' })).rejects.toThrow(
      /never changed or removed/,
    );
    await expect(db.table('message').where({ thread_id: id }).del()).rejects.toThrow(/never changed or removed/);
    // Nor does a closed thread take a message by any path, the database being the last word.
    await db.table('thread').where({ id }).update({ status: 'CLOSED', closed_reason: '测试' });
    await expect(
      db.table('message').insert({ thread_id: id, side: 'ENTERPRISE', author_id: 'x', body: '绕过' }),
    ).rejects.toThrow(/is not open/);
  });

  it('serialises posts and a close on one thread: no message lands after it is closed', async () => {
    const opened = await openThread();
    const id = opened.data?.openThread.id as string;
    const posts = Array.from({ length: 8 }, (_, i) =>
      gatewayQuery(POST, { threadId: id, input: { body: `第${i + 1}条` } }, { bearer: i % 2 ? sme : operator }),
    );
    const close = gatewayQuery(CLOSE, { threadId: id, version: 1, reason: '结束' }, { bearer: operator });
    const answers = await Promise.all([...posts, close]);
    const postsDone = answers.slice(0, 8).filter((answer) => !answer.errors).length;
    for (const answer of answers.slice(0, 8)) {
      if (answer.errors) expect(answer.errors[0]?.extensions?.code).toBe('CONFLICT');
    }
    expect(answers[8]?.errors).toBeUndefined();
    // Every post either landed before the close or was refused: the count is the proof. (Comparing
    // created_at with the thread's updated_at is not: both are their transaction's start, and a close
    // that began first but waited for a post's lock carries the earlier time. It failed so in CI.)
    expect(await messageCount(id)).toBe(1 + postsDone);
  });
});
