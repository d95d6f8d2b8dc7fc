/**
 * `pnpm new-subgraph` for real, in a copy of this working tree (the tracked files and the new ones
 * git does not ignore, so uncommitted work is what is tested): names that cannot be a subgraph
 * are refused with nothing written; `demo` is generated, and then it holds to what CI asks of
 * every subgraph (generated code and supergraph current, types, lint, its own tests) and
 * `pnpm start` serves it through the gateway. The copy is thrown away: no demo is ever kept.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/cli.ts';
import { bareEnvironment, type FederationProcess, startFederation } from '../../scripts/lib/federationProcess.ts';

const work = mkdtempSync(join(tmpdir(), 'gzequip-new-subgraph-'));
const copy = join(work, 'repo');
const dataDir = join(work, 'data');
/** The files the generator changes besides its folder, and those it must leave alone when it refuses. */
const WIRING = ['package.json', 'scripts/lib/devEnvironment.ts', 'schema/supergraph.config.json'];

/** Copies the working tree as git sees it (without node_modules, .data and other ignored files). */
function copyWorkingTree(): void {
  let files: string[];
  try {
    files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
      .split('\0')
      .filter(Boolean);
  } catch {
    // Not a git checkout (an unpacked archive): everything but what is installed or generated at run time.
    const skipped = new Set(['node_modules', '.git', '.data']);
    cpSync(repoRoot, copy, { recursive: true, filter: (source) => !skipped.has(source.split('/').pop() ?? '') });
    return;
  }
  for (const file of files) {
    // A tracked file deleted in the working tree is listed but absent: the copy goes without it too.
    if (!existsSync(join(repoRoot, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(copy, file));
  }
}

/**
 * The environment of a machine with nothing configured (see bareEnvironment) and none of this
 * test run's own settings: a nested Vitest must not write this run's JSON report or think it runs
 * inside a worker.
 */
async function cleanEnvironment(overrides: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const env = await bareEnvironment(dataDir, copy);
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name === 'TEST') delete env[name];
  delete env.FORCE_COLOR;
  // Plain output, for the assertions on it and for a readable failure.
  return { ...env, NO_COLOR: '1', ...overrides };
}

/** Runs a command in the copy to its end: its exit code and everything it printed. */
async function inCopy(
  command: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const childEnv = env ?? (await cleanEnvironment());
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: copy, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

const pnpm = (...args: string[]) => inCopy('pnpm', args);

/** What the generator could have written: the wiring files and the list of subgraph folders. */
function snapshot(): string {
  return JSON.stringify([
    readdirSync(join(copy, 'subgraphs')).sort(),
    WIRING.map((file) => readFileSync(join(copy, file), 'utf8')),
  ]);
}

async function gatewayQuery<TData>(
  url: string,
  query: string,
  bearer?: string,
): Promise<{ data?: TData; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query }),
  }).catch((error: unknown) => {
    throw new Error(`${error} (${(error as Error).cause}); pnpm start printed since it was up:\n${servedOutput}`);
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    data?: TData;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
let federation: FederationProcess | undefined;
/** What `pnpm start` prints once it is up, for a failure to show. */
let servedOutput = '';

beforeAll(async () => {
  copyWorkingTree();
  // The lockfile of a working tree may be ahead of what is committed, and will gain the new
  // subgraph: never frozen. Offline: every package is in the store the repository's install filled.
  const install = await pnpm('install', '--offline', '--no-frozen-lockfile');
  expect(install.code, install.output).toBe(0);
  console.log(`new-subgraph e2e: copied and installed in ${seconds()}`);
}, 300_000);

afterAll(async () => {
  await federation?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('pnpm new-subgraph', () => {
  it('refuses a name that cannot be a subgraph, saying why, and writes nothing', async () => {
    const before = snapshot();
    for (const [args, reason] of [
      [[], /Give one NAME \(got 0\)/],
      [['Demo'], /lower-case letters and digits, starting with a letter/],
      [['2fast'], /lower-case letters and digits, starting with a letter/],
      [['my-source'], /lower-case letters and digits, starting with a letter/],
      [['planning'], /subgraphs\/planning already exists/],
      [['gateway'], /@gzequip\/gateway is already a package/],
      [['select'], /PostgreSQL reserves it/],
      [['demo', 'extra'], /Give one NAME \(got 2\)/],
    ] as const) {
      const { code, output } = await pnpm('--silent', 'new-subgraph', ...args);
      expect(code, output).not.toBe(0);
      expect(output).toMatch(reason);
      expect(output).not.toMatch(/\n\s+at .+:\d+/); // a sentence, not a stack trace
    }
    expect(snapshot()).toBe(before);
  }, 120_000);

  it('makes a subgraph that is wired in, current and clean: codegen, composition, types and lint', async () => {
    const generated = await pnpm('new-subgraph', 'demo');
    expect(generated.code, generated.output).toBe(0);
    expect(generated.output).toContain('The demo subgraph is ready');
    console.log(`new-subgraph e2e: generated in ${seconds()}`);

    const config = JSON.parse(readFileSync(join(copy, 'schema/supergraph.config.json'), 'utf8'));
    expect(config.subgraphs.demo.sdl).toBe('../subgraphs/demo/schema.graphql');
    const supergraph = readFileSync(join(copy, 'schema/supergraph.graphql'), 'utf8');
    expect(/type DemoItem\s+@join__type\(graph: DEMO, key: "id"\)/.test(supergraph)).toBe(true);

    for (const check of ['codegen:check', 'compose:check', 'typecheck']) {
      const { code, output } = await pnpm(check);
      expect(code, `${check}:\n${output}`).toBe(0);
    }
    // Biome's rules are per file: what the generator wrote or changed is all it can break (the rest
    // of the tree is pnpm test's to lint, and a working tree may hold someone's unfinished file).
    const lint = await pnpm('exec', 'biome', 'check', 'subgraphs/demo', ...WIRING);
    expect(lint.code, lint.output).toBe(0);
    console.log(`new-subgraph e2e: checked in ${seconds()}`);
  }, 600_000);

  it("passes its own tests as generated (on PGlite, whatever this run's databases)", async () => {
    const { code, output } = await inCopy(
      'pnpm',
      ['exec', 'vitest', 'run', 'subgraphs/demo'],
      await cleanEnvironment({ LOG_LEVEL: 'silent' }),
    );
    expect(code, output).toBe(0);
    expect(output).toMatch(/Tests\s+\d+ passed/);
    console.log(`new-subgraph e2e: its tests passed in ${seconds()}`);
  }, 600_000);

  it('runs under pnpm start: its demo data and its mutations through the gateway', async () => {
    const env = await cleanEnvironment();
    expect(env.DEMO_PORT).toMatch(/^\d+$/);
    federation = await startFederation(env, 300_000, copy);
    const { gatewayUrl, child } = federation;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk) => {
        servedOutput += chunk;
      });
    }
    // Signed with the secret this start generated into its data folder. Asked for first, and without
    // blocking: an event loop held up for seconds finds the gateway has closed its idle keep-alive socket.
    const token = await inCopy('pnpm', ['--silent', 'dev-token', '--role', 'ADMIN'], env);
    expect(token.code, token.output).toBe(0);
    const admin = token.output.trim();

    type Items = { demoItems: { totalCount: number; edges: { node: { id: string; region: { name: string } } }[] } };
    const seeded = JSON.parse(readFileSync(join(copy, 'subgraphs/demo/src/seed/demo-data.json'), 'utf8')).item;
    const list = await gatewayQuery<Items>(
      gatewayUrl,
      '{ demoItems(first: 50) { totalCount edges { node { id region { name } } } } }',
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.demoItems.totalCount).toBe(seeded.length);
    expect(list.data?.demoItems.edges.map((edge) => edge.node.id)).toEqual(
      seeded.map((row: { id: string }) => row.id).sort(),
    );
    // Region names come from the enterprises source: the demo joins the graph.
    for (const { node } of list.data?.demoItems.edges ?? []) expect(node.region.name).toMatch(/\p{Script=Han}/u);

    const create =
      'mutation { createDemoItem(input: { name: "Through the gateway", regionCode: "520300", quantity: 3 }) { id version region { name } } }';
    const refused = await gatewayQuery(gatewayUrl, create);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const created = await gatewayQuery<{ createDemoItem: { id: string; version: number; region: { name: string } } }>(
      gatewayUrl,
      create,
      admin,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createDemoItem).toMatchObject({ version: 1, region: { name: '遵义市' } });
    const id = created.data?.createDemoItem.id;
    const readBack = await gatewayQuery<{ demoItem: { name: string } }>(
      gatewayUrl,
      `{ demoItem(id: "${id}") { name } }`,
    );
    expect(readBack.data).toEqual({ demoItem: { name: 'Through the gateway' } });

    const ready = (await (await fetch(gatewayUrl.replace(/graphql$/, 'ready'))).json()) as {
      subgraphs: Record<string, string>;
    };
    expect(ready.subgraphs.demo).toBe('ok');
    console.log(`new-subgraph e2e: served through the gateway in ${seconds()}`);
  }, 600_000);
});
