/**
 * Stock `@apollo/gateway` with `@apollo/server`'s standalone server, all defaults, over
 * SUPERGRAPH_PATH: the gateway as published, from STOCK_GATEWAY_DIR (see publishedPackage.ts),
 * not the copy this project patched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const { ApolloGateway } = (await import(
  pathToFileURL(join(process.env.STOCK_GATEWAY_DIR as string, 'dist/index.js')).href
)) as typeof import('@apollo/gateway');
const gateway = new ApolloGateway({ supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH as string, 'utf8') });
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: '127.0.0.1' } });
console.log(`ready ${url}`);
