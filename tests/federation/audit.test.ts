/**
 * The cases of graphql-hive's federation-gateway-audit that stock `@apollo/gateway` 2.14 answers
 * wrongly, rebuilt here on fixture subgraphs and asked through this project's gateway: each test
 * names the audit suite it stands for. The corrections are in gateway/src/plannerCorrections.ts and
 * gateway/patches/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureFederation, fixtureFederation } from '../support/fixtureFederation.ts';

type Row = Record<string, unknown>;

describe('a field a @requires asks for with arguments (requires-with-argument)', () => {
  // The booking source works out an instrument's third user from its first three bookings; the
  // client may ask for any number of bookings alongside.
  const bookings = [
    { id: 'b1', instrumentId: 'i1', userId: 'u2' },
    { id: 'b2', instrumentId: 'i1', userId: 'u3' },
    { id: 'b3', instrumentId: 'i1', userId: 'u1' },
    { id: 'b4', instrumentId: 'i2', userId: 'u1' },
    { id: 'b5', instrumentId: 'i2', userId: 'u1' },
    { id: 'b6', instrumentId: 'i2', userId: 'u2' },
  ];
  const of = (instrumentId: string, limit: number) =>
    bookings.filter((booking) => booking.instrumentId === instrumentId).slice(0, limit);
  let graph: FixtureFederation;

  beforeAll(async () => {
    graph = await fixtureFederation([
      {
        name: 'catalogue',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
          type Query { instruments: [Instrument] }
          type Instrument @key(fields: "id") { id: ID! }
          type Booking @key(fields: "id") { id: ID!  userId: ID }`,
        resolvers: {
          Query: { instruments: () => [{ id: 'i1' }, { id: 'i2' }] },
          Booking: {
            __resolveReference: ({ id }: { id: string }) => bookings.find((booking) => booking.id === id),
          },
        },
      },
      {
        name: 'booking',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])
          type Instrument @key(fields: "id") {
            id: ID!
            bookings(limit: Int!): [Booking]
            thirdUser: User @requires(fields: "bookings(limit: 3) { userId }")
          }
          type Booking @key(fields: "id") { id: ID!  userId: ID @external }
          type User { id: ID! }`,
        resolvers: {
          Instrument: {
            __resolveReference: (reference: { id: string; bookings?: { userId: string }[] }) => {
              if (reference.bookings && reference.bookings.length !== 3) {
                throw new Error(`thirdUser needs 3 bookings, was given ${reference.bookings.length}`);
              }
              return { id: reference.id, thirdUserId: reference.bookings?.[2]?.userId };
            },
            bookings: ({ id }: { id: string }, { limit }: { limit: number }) =>
              of(id, limit).map((booking) => ({ id: booking.id })),
            thirdUser: ({ thirdUserId }: { thirdUserId?: string }) => (thirdUserId ? { id: thirdUserId } : null),
          },
        },
      },
    ]);
  });
  afterAll(() => graph.close());

  const expected = [
    { thirdUser: { id: 'u1' }, bookings: [{ id: 'b1' }] },
    { thirdUser: { id: 'u2' }, bookings: [{ id: 'b4' }] },
  ];

  it('answers the required field from three bookings alone', async () => {
    const { data, errors } = await graph.query('{ instruments { thirdUser { id } } }');
    expect(errors).toBeUndefined();
    expect(data).toEqual({ instruments: [{ thirdUser: { id: 'u1' } }, { thirdUser: { id: 'u2' } }] });
  });

  it('gives the client the one booking it asked for beside it, not the three the requirement took', async () => {
    const { data, errors } = await graph.query('{ instruments { thirdUser { id } bookings(limit: 1) { id } } }');
    expect(errors).toBeUndefined();
    expect(data).toEqual({ instruments: expected });
  });

  it('does so with the limit in a variable, and through two fragments selecting the same field', async () => {
    const withVariable = await graph.query(
      'query ($limit: Int = 1) { instruments { thirdUser { id } bookings(limit: $limit) { id } } }',
    );
    expect(withVariable.data).toEqual({ instruments: expected });
    const withFragments = await graph.query(`
      query ($limit: Int = 1) { instruments { thirdUser { id } ...First ...Again } }
      fragment First on Instrument { bookings(limit: $limit) { id } }
      fragment Again on Instrument { bookings(limit: $limit) { id } }`);
    expect(withFragments.errors).toBeUndefined();
    expect(withFragments.data).toEqual({ instruments: expected });
  });

  it('keeps the order of the fields as asked, and a client alias as given', async () => {
    const { data } = await graph.query(
      '{ instruments { bookings(limit: 2) { id } thirdUser { id } first: bookings(limit: 1) { id } } }',
    );
    const [first] = (data as { instruments: Row[] }).instruments;
    expect(Object.keys(first as Row)).toEqual(['bookings', 'thirdUser', 'first']);
    expect(first).toEqual({ bookings: [{ id: 'b1' }, { id: 'b2' }], thirdUser: { id: 'u1' }, first: [{ id: 'b1' }] });
  });

  it('gives the name back under a field the client selects twice, whichever selection holds it', async () => {
    const { data, errors } = await graph.query(
      '{ instruments { thirdUser { id } bookings(limit: 1) { id } } instruments { id } }',
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ instruments: expected.map((row, i) => ({ ...row, id: `i${i + 1}` })) });
  });
});

describe('two @requires needing one field with different arguments (requires-with-argument-conflict)', () => {
  let graph: FixtureFederation;

  beforeAll(async () => {
    const services = [{ id: 's1', hours: 2, priceCNY: 300, priceUSD: 42 }];
    graph = await fixtureFederation([
      {
        name: 'services',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
          type Query { services: [Service] }
          type Service @key(fields: "id") { id: ID!  hours: Int  price(currency: String!): Int }`,
        resolvers: {
          Query: { services: () => services },
          Service: {
            price: (service: (typeof services)[number], { currency }: { currency: string }) =>
              currency === 'USD' ? service.priceUSD : service.priceCNY,
          },
        },
      },
      {
        name: 'charges',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])
          type Service @key(fields: "id") {
            id: ID!
            hours: Int @external
            price(currency: String!): Int @external
            chargeCNY: Int @requires(fields: "price(currency: \\"CNY\\") hours")
            chargeUSD: Int @requires(fields: "price(currency: \\"USD\\") hours")
          }`,
        resolvers: {
          Service: {
            __resolveReference: (reference: { id: string; price?: number; hours?: number }) => reference,
            chargeCNY: ({ price, hours }: { price: number; hours: number }) => price * hours,
            chargeUSD: ({ price, hours }: { price: number; hours: number }) => price * hours,
          },
        },
      },
    ]);
  });
  afterAll(() => graph.close());

  it('answers each alone with its own price', async () => {
    expect((await graph.query('{ services { chargeCNY } }')).data).toEqual({ services: [{ chargeCNY: 600 }] });
    expect((await graph.query('{ services { chargeUSD } }')).data).toEqual({ services: [{ chargeUSD: 84 }] });
  });

  it('refuses both together, saying why and what to do, before asking any subgraph', async () => {
    const before = { ...graph.calls };
    const response = await graph.query('{ services { id ... on Service { chargeCNY } chargeUSD } }');
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'SELECTION_NOT_RESOLVABLE',
      fields: ['Service.chargeCNY', 'Service.chargeUSD'],
    });
    expect(response.errors?.[0]?.message).toMatch(/Service\.price with different arguments.*separate operations/);
    expect(graph.calls).toEqual(before);
  });
});

describe('a @requires re-entering a subgraph that has several keys (keys-mashup)', () => {
  let graph: FixtureFederation;

  beforeAll(async () => {
    const enterprises: Record<string, { id: string; creditCode: string; name: string }> = {
      e1: { id: 'e1', creditCode: '91520100MA6DKXXX1A', name: '贵阳精密仪器' },
    };
    graph = await fixtureFederation([
      {
        name: 'registry',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
          type Enterprise @key(fields: "id") @key(fields: "creditCode", resolvable: false) {
            id: ID!  creditCode: String!  name: String!
          }`,
        resolvers: {
          Enterprise: { __resolveReference: ({ id }: { id: string }) => enterprises[id] ?? null },
        },
      },
      {
        name: 'platforms',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@requires", "@external"])
          type Query { platform: Platform }
          type Platform { id: ID!  operators: [Enterprise!]! }
          type Enterprise @key(fields: "creditCode", resolvable: false) @key(fields: "id creditCode") {
            id: ID!  creditCode: String!  name: String! @external  label: String! @requires(fields: "name")
          }`,
        resolvers: {
          Query: { platform: () => ({ id: 'p1', operators: [{ id: 'e1', creditCode: '91520100MA6DKXXX1A' }] }) },
          Enterprise: {
            // Only the key "id creditCode" can be resolved here: a representation without an id finds nothing.
            __resolveReference: (reference: { id?: string; creditCode: string; name?: string }) =>
              reference.id ? reference : null,
            label: ({ name }: { name: string }) => `运营单位：${name}`,
          },
        },
      },
    ]);
  });
  afterAll(() => graph.close());

  it('goes back by the key that subgraph can resolve, and answers the required field', async () => {
    const { data, errors } = await graph.query('{ platform { operators { id name label } } }');
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      platform: { operators: [{ id: 'e1', name: '贵阳精密仪器', label: '运营单位：贵阳精密仪器' }] },
    });
  });
});

describe('a root field no subgraph can resolve as selected (non-resolvable-interface-object)', () => {
  let graph: FixtureFederation;

  beforeAll(async () => {
    graph = await fixtureFederation([
      {
        name: 'nodes',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])
          interface Node @key(fields: "id") { id: ID! }
          type Query { node: Node }`,
        resolvers: { Query: { node: () => ({ __typename: 'Node', id: 'n1' }) } },
      },
      {
        name: 'details',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])
          type Node @key(fields: "id", resolvable: false) @interfaceObject { id: ID!  detail: String }
          type Query { detailed: Node }`,
        resolvers: { Query: { detailed: () => ({ id: 'n2', detail: 'from details' }) } },
      },
    ]);
  });
  afterAll(() => graph.close());

  it('is answered with an error naming it, not a silent null', async () => {
    const before = { ...graph.calls };
    const response = await graph.query('{ node { detail } }');
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'SELECTION_NOT_RESOLVABLE', fields: ['node'] });
    expect(response.errors?.[0]?.message).toContain('"node"');
    expect(graph.calls).toEqual(before);
  });

  it('leaves the fields a subgraph can resolve alone', async () => {
    const { data, errors } = await graph.query('{ detailed { id detail } }');
    expect(errors).toBeUndefined();
    expect(data).toEqual({ detailed: { id: 'n2', detail: 'from details' } });
  });
});

describe('a subgraph answering null for a non-null field', () => {
  let graph: FixtureFederation;

  beforeAll(async () => {
    graph = await fixtureFederation([
      {
        name: 'catalogue',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
          type Query { instruments: [Instrument] }
          type Instrument @key(fields: "id") { id: ID! }`,
        resolvers: { Query: { instruments: () => [{ id: 'i1' }, { id: 'i2' }] } },
      },
      {
        name: 'records',
        typeDefs: `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
          type Instrument @key(fields: "id") { id: ID!  serial: String! }`,
        resolvers: {
          // i2's record is missing: its entity comes back null, its serial with it.
          Instrument: {
            __resolveReference: ({ id }: { id: string }) => (id === 'i1' ? { id, serial: 'GZ-0001' } : null),
          },
        },
      },
    ]);
  });
  afterAll(() => graph.close());

  it('nulls the nearest nullable parent and says so in errors, masked, with the cause in the log', async () => {
    const response = await graph.query('{ instruments { id serial } }');
    expect(response.data).toEqual({ instruments: [{ id: 'i1', serial: 'GZ-0001' }, null] });
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors ?? [];
    expect(error?.path).toEqual(['instruments', 1, 'serial']);
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const logged = graph.logs.find(
      (line) => line.requestId === error?.extensions?.requestId && line.msg === 'unexpected error',
    );
    expect(JSON.stringify(logged)).toContain('Cannot return null for non-nullable field Instrument.serial');
  });
});
