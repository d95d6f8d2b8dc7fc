/**
 * Composes the subgraphs' SDL (named in schema/supergraph.config.json) into
 * schema/supergraph.graphql, the file the gateway serves.
 *   pnpm compose         writes it
 *   pnpm compose:check   fails when the committed file is not what composition gives now
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const schemaDir = new URL('../schema/', import.meta.url);
const supergraphFile = new URL('supergraph.graphql', schemaDir);

interface SupergraphConfig {
  subgraphs: Record<string, { sdl: string; url: string }>;
}

/** `edits` rewrite a subgraph's SDL before composing (tests use it to prove changes are caught). */
export function composeSupergraph(edits: Record<string, (sdl: string) => string> = {}): string {
  const config = JSON.parse(readFileSync(new URL('supergraph.config.json', schemaDir), 'utf8')) as SupergraphConfig;
  const services = Object.entries(config.subgraphs).map(([name, { sdl, url }]) => ({
    name,
    url,
    typeDefs: parse((edits[name] ?? ((text: string) => text))(readFileSync(new URL(sdl, schemaDir), 'utf8'))),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}

function main(): void {
  const supergraph = composeSupergraph();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(supergraphFile, 'utf8');
    } catch {}
    if (committed !== supergraph) {
      console.error('schema/supergraph.graphql is stale: a subgraph SDL changed. Run `pnpm compose` and commit it.');
      process.exit(1);
    }
    console.log('schema/supergraph.graphql is up to date');
    return;
  }
  writeFileSync(supergraphFile, supergraph);
  console.log('wrote schema/supergraph.graphql');
}

if (import.meta.url === `file://${process.argv[1]}`) main();
