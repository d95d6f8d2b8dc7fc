/**
 * Every request the gateway cannot run is answered as GraphQL JSON with a 4xx status and a code
 * from the registry — never an HTML page, a stack trace or a path on the server — in development
 * and in production alike. Production also keeps the schema to itself.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../../scripts/compose.ts';
import { subgraphs } from '../../../scripts/lib/devEnvironment.ts';
import { closeTestGateways, rawRequest, type Started, send, testGateway } from '../../support/edge.ts';

interface Case {
  name: string;
  send: (url: string) => Promise<{ status: number; contentType: string; text: string }>;
  status: number;
  code: string;
  message: RegExp;
  field?: string;
}

const json =
  (body: string, headers: Record<string, string> = {}) =>
  async (url: string) => {
    const response = await send(url, body, headers);
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: response.text };
  };

const CASES: Case[] = [
  { name: 'malformed JSON', send: json('{"query": '), status: 400, code: 'BAD_REQUEST', message: /not valid JSON/ },
  {
    name: 'a body that is not declared JSON',
    send: json('{"query":"{ regions { code } }"}', { 'content-type': 'text/plain' }),
    status: 415,
    code: 'BAD_REQUEST',
    message: /Content-Type: application\/json/,
  },
  {
    name: 'a charset other than UTF-8',
    send: json('{"query":"{ regions { code } }"}', { 'content-type': 'application/json; charset=latin1' }),
    status: 415,
    code: 'BAD_REQUEST',
    message: /charset latin1 .* send UTF-8/,
  },
  {
    name: 'an oversize body',
    send: json(JSON.stringify({ query: '{ regions { code } }', padding: 'x'.repeat(2_000_000) })),
    status: 413,
    code: 'BAD_REQUEST',
    message: /limit is 1048576 bytes/,
  },
  {
    name: 'oversize headers',
    send: (url) =>
      rawRequest(url, {
        headers: { 'content-type': 'application/json', 'x-padding': 'x'.repeat(20_000) },
        body: '{"query":"{ regions { code } }"}',
      }),
    status: 431,
    code: 'BAD_REQUEST',
    message: /headers are larger than/,
  },
  {
    name: 'an unknown operation name',
    send: json(JSON.stringify({ query: 'query Regions { regions { code } }', operationName: 'Instruments' })),
    status: 400,
    code: 'BAD_REQUEST',
    message: /Unknown operation named "Instruments"; the document defines Regions/,
  },
  {
    name: 'several operations and no name',
    send: json(JSON.stringify({ query: 'query A { regions { code } } query B { regions { name } }' })),
    status: 400,
    code: 'BAD_REQUEST',
    message: /say which to run with operationName/,
  },
  {
    name: 'a subscription on a graph without one',
    send: json(JSON.stringify({ query: 'subscription { instrumentChanged }' })),
    status: 400,
    code: 'BAD_REQUEST',
    message: /no subscription operations/,
  },
  {
    name: 'a persisted-query hash that does not match its query',
    send: json(
      JSON.stringify({
        query: '{ regions { code } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
      }),
    ),
    status: 400,
    code: 'PERSISTED_QUERY_HASH_MISMATCH',
    message: /is not the SHA-256 of the query/,
  },
  {
    name: 'a NUL byte written into the query',
    send: json(JSON.stringify({ query: '{ instruments(filter: { nameContains: "显\\u0000微镜" }) { totalCount } }' })),
    status: 400,
    code: 'BAD_USER_INPUT',
    field: 'filter.nameContains',
    message: /NUL character/,
  },
  {
    name: 'a NUL byte in a variable',
    send: json(
      JSON.stringify({
        query: 'query ($text: String) { instruments(filter: { nameContains: $text }) { totalCount } }',
        variables: { text: '显\u0000微镜' },
      }),
    ),
    status: 400,
    code: 'BAD_USER_INPUT',
    field: '$text',
    message: /NUL character/,
  },
  {
    name: 'an unpaired surrogate in a variable',
    send: json(
      '{"query":"query ($f: InstrumentFilter) { instruments(filter: $f) { totalCount } }","variables":{"f":{"nameContains":"a\\ud800b"}}}',
    ),
    status: 400,
    code: 'BAD_USER_INPUT',
    field: '$f.nameContains',
    message: /not valid Unicode/,
  },
  {
    name: 'a GET of the root',
    send: (url) => rawRequest(url.replace(/\/graphql$/, '/'), { method: 'GET' }),
    status: 404,
    code: 'NOT_FOUND',
    message: /GraphQL is at POST \/graphql/,
  },
  {
    name: 'a variable of the wrong type',
    send: json(
      JSON.stringify({ query: 'query ($n: Int!) { instruments(first: $n) { totalCount } }', variables: { n: 'many' } }),
    ),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /Int cannot represent/,
  },
];

/** The supergraph the subgraphs compose to with their mutations taken out: a graph with no Mutation root. */
function supergraphWithoutMutations(): string {
  // The type and its description, if it has one.
  const withoutMutation = (text: string) =>
    text.replace(/(?:"""(?:(?!""")[\s\S])*"""\n)?type Mutation \{[\s\S]*?\n\}\n/, '');
  const sdl = composeSupergraph(Object.fromEntries(subgraphs.map(({ name }) => [name, withoutMutation])));
  expect(sdl).not.toContain('type Mutation');
  const file = join(mkdtempSync(join(tmpdir(), 'gzequip-supergraph-')), 'supergraph.graphql');
  writeFileSync(file, sdl);
  return file;
}

describe.each([
  { mode: 'development', production: false },
  { mode: 'production', production: true },
])('malformed requests in $mode', ({ production }) => {
  let started: Started;
  afterAll(closeTestGateways);

  it.each(CASES)('answers $name with $status and $code', async (testCase) => {
    // Without GraphiQL (production's default), the root has nothing to serve but directions.
    started ??= await testGateway({ production, introspection: !production, graphiql: false });
    const response = await testCase.send(started.gateway.url);
    expect(response.status).toBe(testCase.status);
    expect(response.contentType).toMatch(/^application\/(graphql-response\+)?json/);
    expect(response.text).not.toMatch(/<html|<pre>|\bat .+:\d+:\d+|node_modules|\/work\/|\/home\//i);
    const body = JSON.parse(response.text) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions.code).toBe(testCase.code);
    expect(body.errors[0]?.message).toMatch(testCase.message);
    if (testCase.field) expect(body.errors[0]?.extensions.field).toBe(testCase.field);
  });

  it('answers a mutation on a graph with no Mutation root with 400', async () => {
    const { gateway } = await testGateway({ production, supergraphPath: supergraphWithoutMutations() });
    const response = await send(gateway.url, { query: 'mutation { updateInstrumentOperations }' });
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]).toMatchObject({
      message: 'This graph has no mutation operations',
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it(production ? 'suggests no field names and refuses introspection' : 'suggests field names', async () => {
    started ??= await testGateway({ production, introspection: !production });
    const typo = await send(started.gateway.url, { query: '{ instrumnts { totalCount } }' });
    expect(typo.status).toBe(400);
    expect(typo.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    if (production) expect(typo.text).not.toMatch(/Did you mean/);
    else expect(typo.json.errors?.[0]?.message).toMatch(/Did you mean "instruments"/);
    const introspection = await send(started.gateway.url, { query: '{ __schema { types { name } } }' });
    if (production) {
      expect(introspection.status).toBe(400);
      expect(introspection.text).not.toContain('Instrument');
    } else {
      expect(introspection.json.data?.__schema).toBeTruthy();
    }
  });
});
