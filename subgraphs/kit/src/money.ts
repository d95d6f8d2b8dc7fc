import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** The largest amount the graph takes: ¥10 billion, in fen. */
export const MAX_FEN = 1_000_000_000_000;

function fenOf(value: unknown, fail: (message: string) => GraphQLError): number {
  const amount = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0 || amount > MAX_FEN) {
    throw fail(`Fen must be a whole number of fen from 0 to ${MAX_FEN}, got ${JSON.stringify(value)}`);
  }
  return amount;
}

/**
 * Money in fen as a whole number beyond GraphQL's 32-bit Int (¥21 million is 2.1 billion fen):
 * a JSON number on the wire, a bigint column in the database (which drivers hand back as text).
 */
export const FenScalar = new GraphQLScalarType({
  name: 'Fen',
  description: 'An amount in fen (¥1 = 100 fen), a whole number from 0 to 1,000,000,000,000',
  serialize: (value) => fenOf(value, (message) => new GraphQLError(message)),
  parseValue: (value) =>
    fenOf(value, (message) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) {
      throw new GraphQLError('Fen must be a whole number', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return fenOf(Number(ast.value), (message) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } }));
  },
});
