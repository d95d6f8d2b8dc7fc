/**
 * What an image build does, done without a container engine, and the result started: the build
 * context as Dockerfile.dockerignore lets it through is copied to a temporary folder, the build
 * stage's and the deploy stages' commands from deploy/Dockerfile run there (`pnpm fetch --prod`,
 * `pnpm --filter ... deploy --prod`, the portal's vite build; from this machine's store, the
 * registry asked only for metadata it lacks), and each deployed package is started as the image
 * would start it: the target's ENV, WORKDIR and exec-form CMD (`node --import tsx src/main.ts`,
 * the portal's `server/main.ts`). A subgraph on the embedded database, and the gateway in front
 * of it, must answer /health, pass the image's HEALTHCHECK, serve a query from the subgraph's
 * demo data, and exit 0 on SIGTERM as PID 1 would be asked to; the portal must pass its
 * HEALTHCHECK and serve its built page and assets, pointing browsers at the gateway.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContextFilter, commandsOf, execForm, imageConfig, readDockerfile, type Stage } from './dockerfile.ts';
import { pinnedPnpm, portVariable, repoRoot, subgraphs } from './facts.ts';

const run = promisify(execFile);

/** The subgraph deployed and started here: a small one whose demo data loads in seconds. */
const SUBGRAPH = 'enterprises';

let work: string;
let context: string;
let stages: Stage[];
const started: { name: string; child: ChildProcess; output: string[] }[] = [];

/** Every file of the checkout that the build context admits, as BuildKit would send it. */
function copyBuildContext(to: string): number {
  const ignore = buildContextFilter();
  let count = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const relativePath = relative(repoRoot, path);
      if (entry.isDirectory()) {
        // Not walked for speed; dockerfile.test.ts checks that the ignore file keeps them out.
        if (!['node_modules', '.git', '.data'].includes(entry.name)) walk(path);
      } else if (entry.isFile() && !ignore.ignores(relativePath)) {
        mkdirSync(dirname(join(to, relativePath)), { recursive: true });
        copyFileSync(path, join(to, relativePath));
        count++;
      }
    }
  };
  walk(repoRoot);
  return count;
}

/**
 * A stage's RUN commands, with the image's /out a folder here; pnpm takes packages from the store
 * first (`--prefer-offline` where the Dockerfile does not say `--offline`).
 */
async function runStage(stage: Stage, out: string): Promise<void> {
  for (const step of stage.steps) {
    if (step.keyword === 'WORKDIR' || step.keyword === 'COPY') continue; // the context folder is the workdir
    expect(step.keyword, `${stage.name} line ${step.line}`).toBe('RUN');
    for (let command of commandsOf(step)) {
      // pnpm is this machine's (the same version: dockerfile.test.ts checks the install's).
      if (command.startsWith('npm install --global pnpm@') || command.startsWith('npm cache clean')) continue;
      if (/^pnpm (fetch|--filter \S+ deploy)\b/.test(command) && !command.includes('--offline')) {
        command += ' --prefer-offline';
      }
      command = command.replace(/(^|\s)\/out(?=\/|\s|$)/g, `$1${out}`);
      await run('sh', ['-c', command], { cwd: context, maxBuffer: 16 * 1024 * 1024 });
    }
  }
}

/** The image's paths on this machine: its COPY destinations mapped back to what was copied. */
function hostPaths(stagesOfImage: Stage[], outs: Record<string, string>): (value: string) => string {
  const mapping: [string, string][] = [];
  for (const step of stagesOfImage.flatMap((stage) => stage.steps)) {
    if (step.keyword !== 'COPY') continue;
    const [source, destination] = step.args.split(/\s+/) as [string, string];
    const host = step.from ? (outs[step.from] as string) : join(context, source);
    mapping.push([destination, host]);
  }
  mapping.sort((a, b) => b[0].length - a[0].length);
  return (value) => {
    for (const [image, host] of mapping) {
      if (value === image || value.startsWith(`${image}/`)) return host + value.slice(image.length);
    }
    return value;
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Container {
  env: Record<string, string>;
  cwd: string;
  cmd: string[];
  healthcheck: string[];
  port: number;
  child: ChildProcess;
  output: string[];
}

/** Starts a deployed package as its image would, with `settings` over the image's ENV. */
async function startAsImage(service: string, outs: Record<string, string>, settings: Record<string, string>) {
  const config = imageConfig(stages, service);
  const toHost = hostPaths(config.chain, outs);
  const port = await freePort();
  const env: Record<string, string> = {
    // Only what the image and the orchestrator give it: not this machine's database URLs.
    PATH: process.env.PATH ?? '',
    ...Object.fromEntries(Object.entries(config.env).map(([key, value]) => [key, toHost(value)])),
    // Loopback only on this machine (the image says 0.0.0.0).
    HOST: '127.0.0.1',
    [portVariable(service)]: String(port),
    ...settings,
  };
  const cmd = execForm(config.cmd) as string[];
  const healthcheck = execForm(config.healthcheck?.replace(/^CMD\s+/, '')) as string[];
  const cwd = toHost(config.workdir as string);
  const [program, ...args] = cmd;
  expect(program).toBe('node');
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  started.push({ name: service, child, output });
  const container: Container = {
    env,
    cwd,
    cmd,
    healthcheck: healthcheck.map(toHost),
    port,
    child,
    output,
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${service} exited ${child.exitCode}:\n${output.join('')}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok) return container;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${service} did not answer /health:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The image's HEALTHCHECK, run in the container's environment; its exit code. */
async function healthcheck(container: Container, ...extra: string[]): Promise<number> {
  const [, ...args] = container.healthcheck;
  try {
    await run(process.execPath, [...args, ...extra], { cwd: container.cwd, env: container.env });
    return 0;
  } catch (error) {
    return (error as { code: number }).code;
  }
}

async function stop(container: Container): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => container.child.once('exit', (code) => resolve(code)));
  container.child.kill('SIGTERM');
  return exited;
}

const secret = () => randomBytes(32).toString('base64url');
const outs: Record<string, string> = {};

beforeAll(async () => {
  const { stdout } = await run('pnpm', ['--version']);
  expect(stdout.trim(), 'the pnpm this test builds with').toBe(pinnedPnpm());
  work = mkdtempSync(join(tmpdir(), 'gzequip-image-'));
  context = join(work, 'context');
  expect(copyBuildContext(context)).toBeGreaterThan(100);
  ({ stages } = readDockerfile());
  await runStage(stages.find((stage) => stage.name === 'build') as Stage, '/out');
  for (const service of [SUBGRAPH, 'gateway', 'portal']) {
    outs[`deploy-${service}`] = join(work, 'out', service);
    await runStage(stages.find((stage) => stage.name === `deploy-${service}`) as Stage, outs[`deploy-${service}`]);
  }
}, 240_000);

afterAll(async () => {
  for (const { child } of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('an image built without a container engine', () => {
  it('holds the package, its production dependencies and tsx, and no tests or development tools', () => {
    for (const service of [SUBGRAPH, 'gateway', 'portal']) {
      const out = outs[`deploy-${service}`] as string;
      const script = execForm(imageConfig(stages, service).cmd)?.at(-1) as string;
      expect(existsSync(join(out, script)), `${service}: ${script}`).toBe(true);
      expect(existsSync(join(out, 'node_modules/tsx/package.json')), service).toBe(true);
      expect(existsSync(join(out, 'node_modules/@gzequip/kit/src/index.ts')), service).toBe(true);
      expect(existsSync(join(out, 'test')), service).toBe(false);
      expect(existsSync(join(out, 'node_modules/vitest')), service).toBe(false);
      expect(existsSync(join(out, 'node_modules/@types')), service).toBe(false);
    }
    expect(existsSync(join(outs['deploy-gateway'] as string, 'schema/supergraph.graphql'))).toBe(true);
  });

  it("holds the portal's built page, and none of the browser's libraries or the build's tools", () => {
    const out = outs['deploy-portal'] as string;
    expect(existsSync(join(out, 'dist/index.html'))).toBe(true);
    expect(existsSync(join(out, 'dist/persisted-query-manifest.json'))).toBe(true);
    expect(readdirSync(join(out, 'dist/assets')).some((name) => /^index-[\w-]+\.js$/.test(name))).toBe(true);
    for (const name of ['vite', 'preact', 'preact-iso', '@preact/signals', 'echarts', 'graphql']) {
      expect(existsSync(join(out, 'node_modules', name)), name).toBe(false);
    }
    for (const name of ['express', 'helmet', 'compression', '@gzequip/kit']) {
      expect(existsSync(join(out, 'node_modules', name, 'package.json')), name).toBe(true);
    }
  });

  it('runs: a subgraph on the embedded database and the gateway in front of it answer, pass the HEALTHCHECK, serve its data, and stop at SIGTERM', async () => {
    const signing = secret();
    const subgraph = await startAsImage(SUBGRAPH, outs, {
      SUBGRAPH_SIGNING_SECRET: signing,
      PGLITE_DATA_DIR: 'memory://',
    });
    expect(await (await fetch(`http://127.0.0.1:${subgraph.port}/health`)).json()).toMatchObject({ status: 'ok' });
    expect(await healthcheck(subgraph)).toBe(0);
    expect(await healthcheck(subgraph, '/ready')).toBe(0);
    expect(await healthcheck(subgraph, '/no-such-path')).toBe(1);

    // Every other subgraph at a port where nothing listens: only the one started here answers.
    const elsewhere = Object.fromEntries(
      subgraphs().map(({ name }) => [`${name.toUpperCase()}_URL`, 'http://127.0.0.1:9/graphql']),
    );
    const gateway = await startAsImage('gateway', outs, {
      ...elsewhere,
      [`${SUBGRAPH.toUpperCase()}_URL`]: `http://127.0.0.1:${subgraph.port}/graphql`,
      JWT_SECRET: secret(),
      SUBGRAPH_SIGNING_SECRET: signing,
    });
    expect(gateway.env.NODE_ENV).toBe('production');
    expect(gateway.env.SUPERGRAPH_PATH).toBe(join(outs['deploy-gateway'] as string, 'schema/supergraph.graphql'));
    expect(await healthcheck(gateway)).toBe(0);
    const ready = (await (await fetch(`http://127.0.0.1:${gateway.port}/ready`)).json()) as {
      subgraphs: Record<string, string>;
    };
    expect(ready.subgraphs[SUBGRAPH]).toBe('ok');

    const response = await fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ enterprises(first: 1) { totalCount } }' }),
    });
    const body = (await response.json()) as { data?: { enterprises?: { totalCount: number } }; errors?: unknown };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data?.enterprises?.totalCount).toBeGreaterThan(0);

    expect(await stop(gateway)).toBe(0);
    expect(await stop(subgraph)).toBe(0);
  });

  it('runs: the portal passes the HEALTHCHECK, serves its built page and assets pointing browsers at the gateway, and stops at SIGTERM', async () => {
    const graphUrl = 'https://graph.gzequip.example/graphql';
    const portal = await startAsImage('portal', outs, { GRAPH_PUBLIC_URL: graphUrl });
    expect(portal.env.NODE_ENV).toBe('production');
    expect(await (await fetch(`http://127.0.0.1:${portal.port}/health`)).json()).toEqual({ status: 'ok' });
    expect(await healthcheck(portal)).toBe(0);
    expect(await healthcheck(portal, '/ready')).toBe(0);
    expect(await healthcheck(portal, '/assets/no-such-file.js')).toBe(1);

    const page = await fetch(`http://127.0.0.1:${portal.port}/instruments/ins-054`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self' https://graph.gzequip.example");
    const html = await page.text();
    expect(html).toContain('<meta name="gzequip-portal"');
    expect(html).toContain(`&quot;graphUrl&quot;:&quot;${graphUrl}&quot;`);
    expect(html).toContain('&quot;devSignIn&quot;:false');
    const script = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, html).toBeDefined();
    const asset = await fetch(`http://127.0.0.1:${portal.port}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await asset.text()).length).toBeGreaterThan(1_000);

    expect(await stop(portal)).toBe(0);
  });
});
