/**
 * The public gateway benchmark's workload (graphql-hive/graphql-gateways-benchmark): four small
 * subgraphs — accounts, inventory, products, reviews — with their fixed data, written here in Node,
 * the fragment-heavy query its k6 script sends, and a plain, non-federated schema over the same
 * data that gives the answer every gateway must return.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { buildSchema, execute, type GraphQLSchema, parse } from 'graphql';
import { REVIEW_ROWS } from './reviewTexts.ts';

const USERS = [
  { id: '1', name: 'Uri Goldshtein', username: 'urigo', birthday: 1234567890 },
  { id: '2', name: 'Dotan Simha', username: 'dotansimha', birthday: 1234567890 },
  { id: '3', name: 'Kamil Kisiela', username: 'kamilkisiela', birthday: 1234567890 },
  { id: '4', name: 'Arda Tanrikulu', username: 'ardatan', birthday: 1234567890 },
  { id: '5', name: 'Gil Gardosh', username: 'gilgardosh', birthday: 1234567890 },
  { id: '6', name: 'Laurin Quast', username: 'laurin', birthday: 1234567890 },
];

const PRODUCTS = [
  { upc: '1', name: 'Table', price: 899, weight: 100 },
  { upc: '2', name: 'Couch', price: 1299, weight: 1000 },
  { upc: '3', name: 'Glass', price: 15, weight: 20 },
  { upc: '4', name: 'Chair', price: 499, weight: 100 },
  { upc: '5', name: 'TV', price: 1299, weight: 1000 },
  { upc: '6', name: 'Lamp', price: 6999, weight: 300 },
  { upc: '7', name: 'Grill', price: 3999, weight: 2000 },
  { upc: '8', name: 'Fridge', price: 100000, weight: 6000 },
  { upc: '9', name: 'Sofa', price: 9999, weight: 800 },
];

const IN_STOCK: Record<string, boolean> = {
  '1': true,
  '2': false,
  '3': false,
  '4': false,
  '5': true,
  '6': true,
  '7': true,
  '8': false,
  '9': true,
};

interface ReviewRow {
  id: string;
  body: string;
  upc: string;
}

/** Every author the reviews subgraph knows wrote the first two reviews (as the benchmark's does). */
const AUTHORED = REVIEW_ROWS.slice(0, 2);

function shippingEstimate({ price, weight }: { price?: number | null; weight?: number | null }): number | null {
  if (price == null) return null;
  if (price > 1000) return 0;
  return weight == null ? null : Math.trunc(weight / 2);
}

const FEDERATION =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@external", "@requires", "@provides", "@shareable", "@listSize"])';

/**
 * Each subgraph's SDL, as the benchmark's subgraphs declare them, in Federation 2 syntax, with the
 * list sizes (`@listSize`) this project's subgraphs declare for its gateway's cost estimate.
 */
export const SUBGRAPH_SDL: Record<string, string> = {
  accounts: `${FEDERATION}
    type Query { me: User  user(id: ID!): User  users: [User] @listSize(assumedSize: 6) }
    type User @key(fields: "id") { id: ID!  name: String  username: String @shareable  birthday: Int }`,
  inventory: `${FEDERATION}
    type Product @key(fields: "upc") {
      upc: String!  weight: Int @external  price: Int @external  inStock: Boolean
      shippingEstimate: Int @requires(fields: "price weight")
    }`,
  products: `${FEDERATION}
    type Query { topProducts(first: Int = 5): [Product] @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false) }
    type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }`,
  reviews: `${FEDERATION}
    type Review @key(fields: "id") { id: ID!  body: String  product: Product  author: User @provides(fields: "username") }
    type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] @listSize(assumedSize: 4) }
    type Product @key(fields: "upc") { upc: String!  reviews: [Review] @listSize(assumedSize: 4) }`,
};

const sdl = (name: string) => parse(SUBGRAPH_SDL[name] as string);

export const SUBGRAPHS: Record<string, GraphQLSchema> = {
  accounts: buildSubgraphSchema({
    typeDefs: sdl('accounts'),
    resolvers: {
      Query: {
        me: () => USERS[0],
        user: (_root: unknown, { id }: { id: string }) => USERS.find((user) => user.id === id),
        users: () => USERS,
      },
      User: { __resolveReference: ({ id }: { id: string }) => USERS.find((user) => user.id === id) },
    },
  }),
  inventory: buildSubgraphSchema({
    typeDefs: sdl('inventory'),
    resolvers: {
      Product: {
        __resolveReference: (product: { upc: string; price?: number; weight?: number }) => ({
          ...product,
          inStock: IN_STOCK[product.upc] ?? null,
        }),
        shippingEstimate,
      },
    },
  }),
  products: buildSubgraphSchema({
    typeDefs: sdl('products'),
    resolvers: {
      Query: { topProducts: (_root: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first) },
      Product: { __resolveReference: ({ upc }: { upc: string }) => PRODUCTS.find((product) => product.upc === upc) },
    },
  }),
  reviews: buildSubgraphSchema({
    typeDefs: sdl('reviews'),
    resolvers: {
      Review: {
        __resolveReference: ({ id }: { id: string }) => REVIEW_ROWS.find((review) => review.id === id),
        product: (review: ReviewRow) => ({ upc: review.upc }),
        author: () => ({ id: '1', username: 'urigo' }),
      },
      User: {
        __resolveReference: ({ id }: { id: string }) => ({ id, username: 'user' }),
        reviews: () => AUTHORED,
      },
      Product: { reviews: ({ upc }: { upc: string }) => REVIEW_ROWS.filter((review) => review.upc === upc) },
    },
  }),
};

/** The benchmark's k6 query. */
export const WORKLOAD_QUERY = `fragment User on User { id username name }
fragment Review on Review { id body }
fragment Product on Product { inStock name price shippingEstimate upc weight }
query TestQuery {
  users { ...User reviews { ...Review product { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } } } }
  topProducts { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } }
}`;

/** The same data as one plain schema: what a correct gateway answers. */
const reference = buildSchema(`
  type Query { me: User  user(id: ID!): User  users: [User]  topProducts(first: Int = 5): [Product] }
  type User { id: ID!  name: String  username: String  birthday: Int  reviews: [Review] }
  type Product { upc: String!  weight: Int  price: Int  inStock: Boolean  shippingEstimate: Int  name: String  reviews: [Review] }
  type Review { id: ID!  body: String  product: Product  author: User }
`);

const productOf = (upc: string) => {
  const product = PRODUCTS.find((p) => p.upc === upc);
  return (
    product && {
      ...product,
      inStock: IN_STOCK[upc],
      shippingEstimate: shippingEstimate(product),
      reviews: REVIEW_ROWS.filter((review) => review.upc === upc).map(reviewOf),
    }
  );
};
const userOf = (user: (typeof USERS)[number]) => ({ ...user, reviews: () => AUTHORED.map(reviewOf) });
function reviewOf(review: ReviewRow): object {
  return { ...review, product: () => productOf(review.upc), author: () => userOf(USERS[0] as (typeof USERS)[number]) };
}

export async function expectedAnswer(): Promise<unknown> {
  const result = await execute({
    schema: reference,
    document: parse(WORKLOAD_QUERY),
    rootValue: {
      users: USERS.map(userOf),
      topProducts: ({ first }: { first: number }) => PRODUCTS.slice(0, first).map((p) => productOf(p.upc)),
    },
  });
  if (result.errors) throw new Error(`the reference schema failed: ${result.errors[0]?.message}`);
  return JSON.parse(JSON.stringify(result.data));
}
