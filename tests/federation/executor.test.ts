/**
 * The patched executor (gateway/patches/@apollo__gateway@2.14.4.patch) against a plain,
 * non-federated schema over the same data: whatever the patch changed — directives, paths through
 * nested lists with nulls in them, abstract types, entity fetches — must answer as graphql-js does.
 */
import { buildSchema, execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureFederation, fixtureFederation } from '../support/fixtureFederation.ts';

interface Booking {
  id: string;
  hours: number;
  userId: string | null;
}

const ENTERPRISES = [
  { id: 'e1', name: '贵阳精密仪器' },
  { id: 'e2', name: '遵义航空检测' },
];
const INSTRUMENTS = [
  { id: 'i1', name: '扫描电镜', ownerId: 'e1', kind: 'Microscope', magnification: 300_000 },
  { id: 'i2', name: '盐雾试验箱', ownerId: null, kind: 'Chamber', volumeLitres: 800 },
  { id: 'i3', name: '三坐标测量机', ownerId: 'e2', kind: 'Chamber', volumeLitres: 0 },
];
const BOOKINGS: Record<string, (Booking | null)[]> = {
  i1: [{ id: 'b1', hours: 2, userId: 'e2' }, null, { id: 'b2', hours: 5, userId: null }],
  i2: [],
  i3: [null, { id: 'b3', hours: 1, userId: 'e1' }],
};
const enterprise = (id: string | null) => ENTERPRISES.find((candidate) => candidate.id === id) ?? null;

const REFERENCE = buildSchema(`
  type Query { instruments: [Instrument] }
  interface Instrument { id: ID!  name: String!  owner: Enterprise  bookings: [Booking] }
  type Microscope implements Instrument { id: ID!  name: String!  owner: Enterprise  bookings: [Booking]  magnification: Int }
  type Chamber implements Instrument { id: ID!  name: String!  owner: Enterprise  bookings: [Booking]  volumeLitres: Int }
  type Enterprise { id: ID!  name: String!  instruments: [Instrument] }
  type Booking { id: ID!  hours: Int!  user: Enterprise }
`);

function referenceInstrument(instrument: (typeof INSTRUMENTS)[number]): Record<string, unknown> {
  return {
    ...instrument,
    __typename: instrument.kind,
    owner: () => referenceEnterprise(instrument.ownerId),
    bookings: () =>
      (BOOKINGS[instrument.id] ?? []).map(
        (booking) => booking && { ...booking, user: () => referenceEnterprise(booking.userId) },
      ),
  };
}
function referenceEnterprise(id: string | null): Record<string, unknown> | null {
  const found = enterprise(id);
  return (
    found && {
      ...found,
      instruments: () => INSTRUMENTS.filter((instrument) => instrument.ownerId === id).map(referenceInstrument),
    }
  );
}

const QUERIES: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'nested lists with nulls in them, through three subgraphs',
    query: '{ instruments { id bookings { id hours user { name instruments { name bookings { hours } } } } } }',
  },
  {
    name: '@skip and @include on fields and fragments, with variables and literals',
    query: `query ($withOwner: Boolean!, $skipHours: Boolean!) {
      instruments {
        name @include(if: true)
        id @skip(if: true)
        owner @include(if: $withOwner) { name }
        bookings { hours @skip(if: $skipHours) ... @include(if: $withOwner) { user { id } } }
      }
    }`,
    variables: { withOwner: true, skipHours: true },
  },
  {
    name: 'the same with the variables the other way',
    query: `query ($withOwner: Boolean!, $skipHours: Boolean!) {
      instruments { owner @include(if: $withOwner) { name } bookings { hours @skip(if: $skipHours) ... @include(if: $withOwner) { user { id } } } }
    }`,
    variables: { withOwner: false, skipHours: false },
  },
  {
    name: 'aliases, __typename and fragments on the implementations',
    query: `{
      all: instruments {
        kind: __typename
        label: name
        ... on Microscope { magnification owner { who: name } }
        ... Chamber
      }
    }
    fragment Chamber on Chamber { volumeLitres first: bookings { id } }`,
  },
];

describe('the patched executor', () => {
  let graph: FixtureFederation;

  beforeAll(async () => {
    graph = await fixtureFederation([
      {
        name: 'catalogue',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
          type Query { instruments: [Instrument] }
          interface Instrument @key(fields: "id") { id: ID!  name: String!  owner: Enterprise }
          type Microscope implements Instrument @key(fields: "id") { id: ID!  name: String!  owner: Enterprise  magnification: Int }
          type Chamber implements Instrument @key(fields: "id") { id: ID!  name: String!  owner: Enterprise  volumeLitres: Int }
          type Enterprise @key(fields: "id") { id: ID! }`,
        resolvers: {
          Query: {
            instruments: () => INSTRUMENTS.map((instrument) => ({ ...instrument, __typename: instrument.kind })),
          },
          Instrument: {
            // Entities of the interface, which the other two subgraphs know only by id.
            __resolveReference: ({ id }: { id: string }) => {
              const found = INSTRUMENTS.find((instrument) => instrument.id === id);
              return found && { ...found, __typename: found.kind };
            },
            __resolveType: ({ kind }: { kind: string }) => kind,
          },
          Microscope: {
            __resolveReference: ({ id }: { id: string }) => INSTRUMENTS.find((instrument) => instrument.id === id),
            owner: ({ ownerId }: { ownerId: string | null }) => (ownerId ? { id: ownerId } : null),
          },
          Chamber: {
            __resolveReference: ({ id }: { id: string }) => INSTRUMENTS.find((instrument) => instrument.id === id),
            owner: ({ ownerId }: { ownerId: string | null }) => (ownerId ? { id: ownerId } : null),
          },
        },
      },
      {
        name: 'registry',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])
          type Enterprise @key(fields: "id") { id: ID!  name: String!  instruments: [Instrument] }
          type Instrument @key(fields: "id") @interfaceObject { id: ID! }`,
        resolvers: {
          Enterprise: {
            __resolveReference: ({ id }: { id: string }) => enterprise(id),
            instruments: ({ id }: { id: string }) =>
              INSTRUMENTS.filter((instrument) => instrument.ownerId === id).map(({ id: instrumentId }) => ({
                id: instrumentId,
              })),
          },
        },
      },
      {
        name: 'bookings',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])
          type Instrument @key(fields: "id") @interfaceObject { id: ID!  bookings: [Booking] }
          type Booking { id: ID!  hours: Int!  user: Enterprise }
          type Enterprise @key(fields: "id", resolvable: false) { id: ID! }`,
        resolvers: {
          Instrument: {
            __resolveReference: ({ id }: { id: string }) => ({ id }),
            bookings: ({ id }: { id: string }) =>
              (BOOKINGS[id] ?? []).map(
                (booking) => booking && { ...booking, user: booking.userId ? { id: booking.userId } : null },
              ),
          },
        },
      },
    ]);
  });
  afterAll(() => graph.close());

  it.each(QUERIES)('answers $name as a plain schema does', async ({ query, variables }) => {
    const expected = await execute({
      schema: REFERENCE,
      document: parse(query),
      rootValue: { instruments: () => INSTRUMENTS.map(referenceInstrument) },
      variableValues: variables ?? {},
    });
    expect(expected.errors).toBeUndefined();
    const answer = await graph.query(query, variables);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual(JSON.parse(JSON.stringify(expected.data)));
  });

  it('fetches nothing for a field its @include turns off (the plan holds it under a condition)', async () => {
    const query = 'query ($withName: Boolean!) { instruments { id owner { id name @include(if: $withName) } } }';
    const before = { ...graph.calls };
    const without = await graph.query(query, { withName: false });
    expect(without.data).toEqual({
      instruments: [
        { id: 'i1', owner: { id: 'e1' } },
        { id: 'i2', owner: null },
        { id: 'i3', owner: { id: 'e2' } },
      ],
    });
    expect(graph.calls.registry).toBe(before.registry);
    await graph.query(query, { withName: true });
    expect(graph.calls.registry).toBe((before.registry ?? 0) + 1);
  });
});
