/**
 * The subgraphs of a checkout, found by their folders rather than listed: what the end-to-end
 * environment, CI and `pnpm new-subgraph` go by (codegen.ts and .ci/run find them the same way).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cli.ts';

/** Each folder under subgraphs/ with a schema.graphql (the kit has none), by name. */
export function subgraphFolders(root = repoRoot): string[] {
  return readdirSync(join(root, 'subgraphs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'subgraphs', entry.name, 'schema.graphql')))
    .map((entry) => entry.name)
    .sort();
}
