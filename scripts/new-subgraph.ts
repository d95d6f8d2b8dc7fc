/**
 * `pnpm new-subgraph NAME`: a new source in the house style, from scripts/templates/subgraph/,
 * wired into composition, `pnpm start`, the tests and CI, installed, with its resolver types
 * generated and the supergraph composed. Refuses, writing nothing, a NAME that cannot be one.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCommandLine, pnpmCommand, repoRoot, stop } from './lib/cli.ts';
import {
  nameProblem,
  nextDefaultPort,
  type ScaffoldFile,
  scaffoldFiles,
  TEMPLATE_DIR,
  tokensFor,
  type WiringEdit,
  wiringEdits,
} from './lib/subgraphScaffold.ts';

const pnpm = pnpmCommand();
const { positionals } = parseCommandLine(
  `Usage: ${pnpm} new-subgraph NAME

Creates subgraphs/NAME/, a working subgraph in the house style with one example entity to rename
and reshape into the source's own: for NAME demo, the type DemoItem, the queries demoItems and
demoItem, the mutations createDemoItem and updateDemoItem. Its files:
  schema.graphql, codegen.mappers.json, src/ (resolvers, data source with DataLoaders, model on the
  kit's write path, migration with constraints, demo data) and test/ (passing as generated).
Wires it into package.json, scripts/lib/devEnvironment.ts and schema/supergraph.config.json with
the next free default port, then runs ${pnpm} install, Biome, ${pnpm} codegen and ${pnpm} compose.
CI, codegen and the end-to-end tests find it by its folder.

NAME: lower-case letters and digits, starting with a letter, not taken (e.g. standards).`,
  {},
  true,
);

if (positionals.length !== 1) stop(`Give one NAME (got ${positionals.length}). Run with --help for more.`, 2);
const name = positionals[0] as string;
const problem = nameProblem(name);
if (problem) stop(problem);

// Everything is worked out first: a refusal below leaves the checkout as it was.
const tokens = tokensFor(name, nextDefaultPort());
let files: ScaffoldFile[];
let edits: WiringEdit[];
try {
  files = scaffoldFiles(tokens);
  edits = wiringEdits(tokens);
} catch (error) {
  stop((error as Error).message);
}

for (const file of files) {
  mkdirSync(dirname(join(repoRoot, file.path)), { recursive: true });
  writeFileSync(join(repoRoot, file.path), file.content);
}
for (const edit of edits) writeFileSync(join(repoRoot, edit.path), edit.after);

const folder = `subgraphs/${name}`;
const [pnpmProgram, ...pnpmPrefix] = pnpm.split(' ') as [string, ...string[]];

/** Runs one pnpm command in the checkout; its output is shown only when it fails. */
function run(args: string[]): boolean {
  const started = performance.now();
  const result = spawnSync(pnpmProgram, [...pnpmPrefix, ...args], { cwd: repoRoot, encoding: 'utf8' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    console.log(`  ✓ ${pnpm} ${args.join(' ')} (${seconds} s)`);
    return true;
  }
  console.log(`  ✗ ${pnpm} ${args.join(' ')} failed:\n${result.stdout ?? ''}${result.stderr ?? result.error ?? ''}`);
  return false;
}

console.log(`Created ${folder}/ from ${TEMPLATE_DIR}/ (${files.length} files) and wired it in:`);
for (const edit of edits) console.log(`  ${edit.path.padEnd(31)} ${edit.purpose}`);
console.log('');

const steps: (() => boolean)[] = [
  // The lockfile gains the new package: never frozen. Its dependencies are the kit's, already in
  // the store, so no network is needed; with an empty store, the ordinary install fetches them.
  () => run(['install', '--offline', '--no-frozen-lockfile']) || run(['install', '--no-frozen-lockfile']),
  // The templates are formatted for one name length; Biome lays out (and sorts imports) for this one.
  () => run(['exec', 'biome', 'check', '--write', folder, ...edits.map((edit) => edit.path)]),
  () => run(['codegen']),
  () => run(['compose']),
];
for (const step of steps) {
  if (!step()) {
    stop(
      `\nThe files are written; fix the cause above, then run ${pnpm} install && ${pnpm} codegen && ${pnpm} compose.\n` +
        `To start again instead: remove ${folder}/ and the lines added to ${edits.map((edit) => edit.path).join(', ')}.`,
    );
  }
}

const { Name } = tokens;
console.log(`
The ${name} subgraph is ready, on default port ${tokens.port} (${tokens.NAME}_PORT, ${tokens.NAME}_DATABASE_URL,
${tokens.NAME}_URL as for the others). schema/supergraph.graphql now has ${Name}Item, ${name}Items, ${name}Item,
create${Name}Item and update${Name}Item.

Next:
  ${pnpm} exec vitest run ${folder}    its tests: the model, and the subgraph over PGlite with a signed identity
  ${pnpm} start                             then, through the gateway:
      { ${name}Items(first: 5) { totalCount edges { node { name quantity region { name } } } } }
      create${Name}Item as an administrator: ${pnpm} dev-token --role ADMIN
  Make ${Name}Item the source's own: schema.graphql first, then src/ and test/, ${pnpm} codegen, ${pnpm} compose.
  git add ${folder} package.json pnpm-lock.yaml scripts/lib/devEnvironment.ts schema/`);
