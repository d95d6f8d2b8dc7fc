/**
 * The __name__ subgraph as the gateway meets it: started by the kit over its own database (an
 * in-memory PGlite, or PostgreSQL when __NAME___DATABASE_URL is set) in a fresh schema, with the
 * demo data, and queried over HTTP with an identity signed as the gateway signs it.
 */
import {
  type Claims,
  Database,
  databaseUrlFor,
  IDENTITY_HEADER,
  PUBLIC_CLAIMS,
  prepareDatabase,
  Role,
  type RunningServer,
  runWrite,
  serveSubgraph,
  signIdentity,
} from '@gzequip/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { __name__ } from '../src/index.ts';
import { type ItemRow, itemConstraints } from '../src/models/item.ts';

const SIGNING_SECRET = 'test-subgraph-signing-secret-0123456789abcdef';
const ADMIN: Claims = { ...PUBLIC_CLAIMS, userId: 'test-admin', role: Role.ADMIN };

let db: Database;
let server: RunningServer;

beforeAll(async () => {
  const url = databaseUrlFor(__name__.name);
  // A fresh schema: nothing an earlier run left behind.
  const earlier = await Database.open({ schema: __name__.name, url });
  await earlier.dropSchema();
  await earlier.close();
  db = await prepareDatabase(__name__, { url });
  server = await serveSubgraph(__name__, { db, signingSecret: SIGNING_SECRET, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

interface Answer<TData> {
  status: number;
  data?: TData | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A request as the gateway sends it: the identity header signed for exactly this body (or `identity`). */
async function ask<TData = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  { claims = PUBLIC_CLAIMS, identity }: { claims?: Claims; identity?: string | null } = {},
): Promise<Answer<TData>> {
  const body = JSON.stringify({ query, variables });
  const header = identity === undefined ? signIdentity(claims, SIGNING_SECRET, body) : identity;
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(header === null ? {} : { [IDENTITY_HEADER]: header }) },
    body,
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer<TData>, 'status'>) };
}

const storedRows = async (): Promise<ItemRow[]> => (await db.table<ItemRow>('item').orderBy('id')) as ItemRow[];

interface ItemNode {
  id: string;
  name: string;
  status: string;
  regionCode: string;
  quantity: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface ListData {
  __name__Items: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: ItemNode }[];
  };
}

const NODE = 'id name status regionCode quantity version createdAt updatedAt';
const LIST = `query ($first: Int, $after: String, $filter: __Name__ItemFilter, $orderBy: __Name__ItemOrder) {
  __name__Items(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${NODE} } }
  }
}`;

/** Every item of a list, page after page, with the number of pages it took. */
async function everyPage(variables: Record<string, unknown>): Promise<{ nodes: ItemNode[]; pages: number }> {
  const nodes: ItemNode[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const answer: Answer<ListData> = await ask<ListData>(LIST, { ...variables, after });
    expect(answer.errors).toBeUndefined();
    const list = (answer.data as ListData).__name__Items;
    nodes.push(...list.edges.map((edge) => edge.node));
    pages += 1;
    if (!list.pageInfo.hasNextPage) return { nodes, pages };
    after = list.pageInfo.endCursor;
  }
}

describe('the list of items', () => {
  it('holds the demo data, each item once across pages, with totalCount the whole list', async () => {
    const stored = await storedRows();
    expect(stored.length).toBeGreaterThan(2);
    const { nodes, pages } = await everyPage({ first: 2 });
    expect(nodes.map((node) => node.id)).toEqual(stored.map((row) => row.id));
    expect(pages).toBe(Math.ceil(stored.length / 2));
    const first = await ask<ListData>(LIST, { first: 1 });
    expect(first.data?.__name__Items.totalCount).toBe(stored.length);
    expect(first.data?.__name__Items.edges[0]?.node.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('orders by a field, ties broken by id, the same across pages', async () => {
    const expected = (await storedRows())
      .sort((a, b) => b.quantity - a.quantity || a.id.localeCompare(b.id))
      .map((row) => row.id);
    const { nodes } = await everyPage({ first: 2, orderBy: { field: 'QUANTITY', direction: 'DESC' } });
    expect(nodes.map((node) => node.id)).toEqual(expected);
  });

  it('filters, a prefecture standing for the areas it administers when asked', async () => {
    const retired = await everyPage({ filter: { status: 'RETIRED' } });
    const stored = await storedRows();
    expect(retired.nodes.map((node) => node.id)).toEqual(
      stored.filter((row) => row.status === 'RETIRED').map((row) => row.id),
    );
    const guiyang = await everyPage({ filter: { regionCode: '520100', includeAdministered: true } });
    expect(new Set(guiyang.nodes.map((node) => node.regionCode))).toEqual(
      new Set(stored.filter((row) => ['520100', 'GUIAN'].includes(row.region_code)).map((row) => row.region_code)),
    );
  });

  it('refuses an impossible filter as BAD_USER_INPUT naming it, never an empty answer', async () => {
    const unknownRegion = await ask(LIST, { filter: { regionCode: '999999' } });
    expect(unknownRegion.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });
    const range = await ask(LIST, { filter: { quantity: { min: 5, max: 1 } } });
    expect(range.errors?.[0]?.message).toBe('Invalid filter.quantity: min 5 is above max 1');
    const tooMany = await ask(LIST, { first: 501 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('costs the same SQL statements for a page of 1 as for a page of 500', async () => {
    const statementsFor = async (first: number) => {
      const before = db.statements.count;
      const answer = await ask(LIST, { first });
      expect(answer.errors).toBeUndefined();
      return db.statements.count - before;
    };
    expect(await statementsFor(500)).toBe(await statementsFor(1));
  });
});

describe('one item', () => {
  it('is found by id, and by its key through _entities (null for an id that does not exist)', async () => {
    const [row] = await storedRows();
    const byId = await ask<{ __name__Item: ItemNode }>(`query ($id: ID!) { __name__Item(id: $id) { ${NODE} } }`, {
      id: row?.id,
    });
    expect(byId.data?.__name__Item).toMatchObject({ id: row?.id, name: row?.name, quantity: row?.quantity });
    const entities = await ask<{ _entities: unknown[] }>(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on __Name__Item { id name region { code } } } }`,
      {
        representations: [
          { __typename: '__Name__Item', id: row?.id },
          { __typename: '__Name__Item', id: 'no-such-item' },
        ],
      },
    );
    expect(entities.data?._entities).toEqual([{ id: row?.id, name: row?.name, region: { code: row?.region_code } }, null]);
  });

  it('is not answered to a request the gateway did not sign', async () => {
    const answer = await ask('{ __typename }', {}, { identity: null });
    expect(answer.status).toBe(401);
    expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

const CREATE = `mutation ($input: __Name__ItemInput!) { create__Name__Item(input: $input) { ${NODE} note } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $changes: __Name__ItemChanges!) {
  update__Name__Item(id: $id, version: $version, changes: $changes) { ${NODE} note }
}`;
const HISTORY = `query ($id: ID!) { __name__Item(id: $id) { history { totalCount edges { node { version changedBy role fields { field from to } } } } } }`;

describe('creating and editing items', () => {
  const input = { name: 'Created in a test', regionCode: '520300', quantity: 12, note: 'first' };

  it('is for administrators: anyone else is FORBIDDEN, and nothing is stored', async () => {
    const before = await storedRows();
    const answer = await ask(CREATE, { input });
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await storedRows()).toEqual(before);
  });

  it('creates an item at version 1, with the first entry of its history (shown to administrators only)', async () => {
    const created = await ask<{ create__Name__Item: ItemNode }>(CREATE, { input }, { claims: ADMIN });
    expect(created.errors).toBeUndefined();
    const item = created.data?.create__Name__Item as ItemNode;
    expect(item).toMatchObject({ name: 'Created in a test', status: 'ACTIVE', quantity: 12, version: 1 });
    expect(item.id).toMatch(/^__name__-[0-9a-f]{12}$/);
    expect(item.createdAt).toBe(item.updatedAt);

    const history = await ask<{ __name__Item: { history: { totalCount: number; edges: unknown[] } } }>(
      HISTORY,
      { id: item.id },
      { claims: ADMIN },
    );
    expect(history.data?.__name__Item.history.edges).toEqual([
      {
        node: {
          version: 1,
          changedBy: 'test-admin',
          role: 'ADMIN',
          fields: expect.arrayContaining([{ field: 'name', from: 'null', to: '"Created in a test"' }]),
        },
      },
    ]);
    const asPublic = await ask<{ __name__Item: { history: unknown } }>(HISTORY, { id: item.id });
    expect(asPublic.data?.__name__Item.history).toBeNull();
  });

  it('edits at the version read, and refuses an edit based on a stale one with CONFLICT, changing nothing', async () => {
    const [row] = await storedRows();
    const id = row?.id as string;
    const edited = await ask<{ update__Name__Item: ItemNode }>(
      UPDATE,
      { id, version: row?.version, changes: { quantity: 77, note: null } },
      { claims: ADMIN },
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data?.update__Name__Item).toMatchObject({ id, quantity: 77, note: null, version: 2 });

    const stale = await ask(UPDATE, { id, version: 1, changes: { quantity: 1 } }, { claims: ADMIN });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 2 });
    expect((await db.table<ItemRow>('item').where({ id }).first())?.quantity).toBe(77);
  });

  it('refuses bad input naming every field to fix, and stores nothing', async () => {
    const before = await storedRows();
    const answer = await ask(
      CREATE,
      { input: { name: ' ', regionCode: 'nowhere', quantity: -3 } },
      { claims: ADMIN },
    );
    const error = answer.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toMatch(/^Invalid input\.name: must not be empty \(and 2 more: input\.regionCode, input\.quantity\)$/);
    expect(await storedRows()).toEqual(before);
  });

  it("refuses a second item of the same name with CONFLICT (the database's unique key), and stores nothing", async () => {
    const [row] = await storedRows();
    const before = await storedRows();
    const answer = await ask(CREATE, { input: { ...input, name: row?.name } }, { claims: ADMIN });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    expect(await storedRows()).toEqual(before);
  });

  it("holds a write by any path to the database's checks, refused as the registry's errors", async () => {
    const before = await storedRows();
    const write = runWrite(
      db,
      async (tx) => {
        await tx.table('item').insert({ id: '__name__-direct', name: 'Direct', region_code: '520100', quantity: 5 });
        // A second statement that breaks a check: the whole transaction goes, the first row with it.
        await tx.table('item').insert({ id: '__name__-broken', name: 'Broken', region_code: '520100', quantity: -1 });
      },
      itemConstraints('input'),
    );
    await expect(write).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.quantity' },
    });
    expect(await storedRows()).toEqual(before);
  });
});
