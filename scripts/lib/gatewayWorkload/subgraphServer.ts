/**
 * The workload's four subgraphs on one port, `/accounts`, `/inventory`, `/products`, `/reviews`
 * (as the benchmark serves them), in a process of their own. Documents are parsed and validated
 * once, so that the subgraphs cost as little as they can. `GET /stats` tells how many requests
 * each has answered. Prints `ready <port>` once it listens.
 */
import { createServer } from 'node:http';
import { type DocumentNode, execute, parse, validate } from 'graphql';
import { SUBGRAPHS } from './workload.ts';

const documents = new Map<string, DocumentNode>();
const served: Record<string, number> = Object.fromEntries(Object.keys(SUBGRAPHS).map((name) => [name, 0]));

const server = createServer((request, response) => {
  const name = request.url?.slice(1) ?? '';
  if (request.method === 'GET' && name === 'stats') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served));
    return;
  }
  const schema = SUBGRAPHS[name];
  if (!schema || request.method !== 'POST') {
    response.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', async () => {
    served[name] = (served[name] ?? 0) + 1;
    const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    const key = `${name}\u0000${query}`;
    let document = documents.get(key);
    if (!document) {
      document = parse(query);
      const errors = validate(schema, document);
      if (errors.length > 0) {
        response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors }));
        return;
      }
      documents.set(key, document);
    }
    const result = await execute({
      schema,
      document,
      variableValues: variables ?? null,
      operationName: operationName ?? null,
    });
    const body = Buffer.from(JSON.stringify(result));
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`ready ${typeof address === 'object' && address ? address.port : ''}`);
});
