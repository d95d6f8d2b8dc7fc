/**
 * A small federation of fixture subgraphs (SDL and resolvers in the test, no database), served over
 * HTTP on one port as `/<name>`, composed, and behind this project's real gateway: for behaviour
 * of the gateway that the project's own subgraphs do not exercise.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type GatewayConfig, type RunningGateway, startGateway } from '@gzequip/gateway';
import { closeServer } from '@gzequip/kit';
import { execute, type GraphQLSchema, parse } from 'graphql';
import { pino } from 'pino';
import { type GraphQLResponse, gatewayConfig, post } from './federation.ts';

type Resolvers = Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers'];

export interface FixtureSubgraph {
  name: string;
  typeDefs: string;
  resolvers: NonNullable<Resolvers>;
}

export interface FixtureFederation {
  gateway: RunningGateway;
  /** Requests each subgraph has answered. */
  calls: Record<string, number>;
  /** The gateway's log lines. */
  logs: Record<string, unknown>[];
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<TData>>;
  close(): Promise<void>;
}

export async function fixtureFederation(
  subgraphs: FixtureSubgraph[],
  settings: Partial<GatewayConfig> = {},
): Promise<FixtureFederation> {
  const schemas = new Map<string, GraphQLSchema>(
    subgraphs.map(({ name, typeDefs, resolvers }) => [
      name,
      buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers }),
    ]),
  );
  const calls: Record<string, number> = Object.fromEntries(subgraphs.map(({ name }) => [name, 0]));
  const server = createServer((request, response) => {
    const name = request.url?.slice(1) ?? '';
    const schema = schemas.get(name);
    if (!schema) {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      calls[name] = (calls[name] ?? 0) + 1;
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const result = await execute({ schema, document: parse(query), variableValues: variables });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const composed = composeServices(
    subgraphs.map(({ name, typeDefs }) => ({ name, url: `${base}/${name}`, typeDefs: parse(typeDefs) })),
  );
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  const supergraphPath = join(mkdtempSync(join(tmpdir(), 'gzequip-fixture-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);

  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const config = gatewayConfig({}, {}, { supergraphPath, ...settings });
  // Fixture lists declare no @listSize, so the cost estimate would take each for a full page.
  const budgets = Object.fromEntries(Object.keys(config.costBudgets).map((role) => [role, Number.MAX_SAFE_INTEGER]));
  const gateway = await startGateway(
    {
      ...config,
      costBudgets: budgets as typeof config.costBudgets,
      heavyOperations: { ...config.heavyOperations, cost: Number.MAX_SAFE_INTEGER },
    },
    logger,
  );
  return {
    gateway,
    calls,
    logs,
    query: (query, variables = {}) => post(gateway.url, { query, variables }, {}),
    close: async () => {
      await gateway.close();
      await closeServer(server, 1_000);
    },
  };
}
