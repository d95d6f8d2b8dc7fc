/**
 * `pnpm schema:diff [--against FILE | --against git:REF]`: what `schema/supergraph.graphql`
 * changes for clients against the deployed supergraph (`schema/deployed/supergraph.graphql`):
 * breaking changes, dangerous changes and additions of the API schema. Exits 1 on a breaking
 * change that `schema/deployed/accepted-breaking-changes.json` does not list, 2 when it cannot
 * compare (a file unreadable or not a supergraph).
 */
import { join } from 'node:path';
import { parseCommandLine, pnpmCommand, repoRoot, stop } from './lib/cli.ts';
import {
  acceptedPath,
  deployedPath,
  diffSupergraphs,
  exitCodeOf,
  formatDiff,
  loadAgainst,
  readAccepted,
  readText,
  SchemaDiffError,
  supergraphPath,
} from './lib/schemaDiff.ts';

const pnpm = pnpmCommand();
const { values } = parseCommandLine(
  `Usage: ${pnpm} schema:diff [--against FILE | --against git:REF]

Compares the API schema (what clients can query) of ${supergraphPath} with the deployed
supergraph's, and prints the breaking changes, the dangerous ones and the additions.
Exits 0 when nothing breaks, 1 on a breaking change not listed in
${acceptedPath}, 2 when it cannot compare.

Options:
  --against FILE      compare with this supergraph instead of ${deployedPath}
                      (one fetched from production, say)
  --against git:REF   compare with ${supergraphPath} as committed at a git ref (git:origin/main)

An intended breaking change, once its consumers were told, passes when ${acceptedPath}
lists it: { "change": "<the description printed>", "reason": "…", "acceptedBy": "…" }.
After a rollout, ${pnpm} schema:deployed records the supergraph now live.`,
  { against: { type: 'string' } },
);

try {
  // INIT_CWD: where the command was typed, for a relative --against (pnpm runs scripts at the root).
  const against = loadAgainst(values.against, repoRoot, process.env.INIT_CWD ?? process.cwd());
  const current = readText(join(repoRoot, supergraphPath), supergraphPath);
  const names = { deployed: against.name, current: supergraphPath };
  const diff = diffSupergraphs(against.sdl, current, readAccepted(), names);
  console.log(formatDiff(diff, names));
  process.exitCode = exitCodeOf(diff);
} catch (error) {
  if (error instanceof SchemaDiffError) stop(`schema:diff: ${error.message}`, 2);
  throw error;
}
