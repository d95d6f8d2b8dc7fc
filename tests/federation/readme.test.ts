/**
 * The README's GraphQL examples are what a newcomer pastes first: every one must be valid
 * against the graph the gateway serves (checked, not run, so its mutations store nothing).
 */
import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  type DocumentNode,
  getIntrospectionQuery,
  type IntrospectionQuery,
  Kind,
  parse,
  validate,
} from 'graphql';
import { expect, it } from 'vitest';
import { gatewayQuery } from '../support/federation.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] as string);

/** A block may hold several operations, to be sent one at a time: each with the block's fragments. */
function operationsOf(example: string): DocumentNode[] {
  const { definitions } = parse(example);
  const fragments = definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  return definitions
    .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] }));
}

it('finds the examples', () => {
  expect(examples.length).toBeGreaterThanOrEqual(5);
});

it('has every GraphQL example of the README valid against the composed graph', async () => {
  const introspection = await gatewayQuery<IntrospectionQuery>(getIntrospectionQuery());
  expect(introspection.errors).toBeUndefined();
  const schema = buildClientSchema(introspection.data as IntrospectionQuery);
  const invalid = examples
    .map((example) => ({
      example,
      errors: operationsOf(example).flatMap((operation) => validate(schema, operation).map((error) => error.message)),
    }))
    .filter(({ errors }) => errors.length > 0);
  expect(invalid).toEqual([]);
});
