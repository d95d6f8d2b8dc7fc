/**
 * The README's first command, for real: `pnpm start` in a child process on the embedded
 * default (no database URL, nothing but Node), queried over HTTP through the gateway; then
 * started again on the same data, as a user's second day would.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'gzequip-e2e-'));
const ISSUE_QUERY =
  '{ instruments(first: 50) { edges { node { name owner { name creditCode } platform { name latestAssessment { year grade } } } } } }';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The environment of a machine with nothing configured: no database, cache or subgraph URLs. */
async function bareEnvironment(): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/(_DATABASE_URL|_URL|_PORT|SECRET)$|^(PORT|PGLITE_DATA_DIR|LOG_LEVEL)$/.test(name)) env[name] = value;
  }
  const [gateway, ...subgraphs] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  return {
    ...env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PORT: String(gateway),
    INSTRUMENTS_PORT: String(subgraphs[0]),
    ENTERPRISES_PORT: String(subgraphs[1]),
    PLATFORMS_PORT: String(subgraphs[2]),
    ASSESSMENTS_PORT: String(subgraphs[3]),
  };
}

interface Started {
  child: ChildProcess;
  gatewayUrl: string;
  env: NodeJS.ProcessEnv;
}

async function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn('pnpm', ['start'], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 120_000;
  while (!/POST (http:\S+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(`pnpm start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`pnpm start did not come up in 120 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, env, gatewayUrl: (/POST (http:\S+)/.exec(output) as RegExpExecArray)[1] as string };
}

async function stop({ child }: Started): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-(child.pid as number), 'SIGTERM');
  await exited;
}

async function query<T>(url: string, text: string, bearer?: string): Promise<{ data: T; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query: text }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { data: T; errors?: unknown[] };
}

type IssueResult = {
  instruments: {
    edges: {
      node: {
        name: string;
        owner: { name: string; creditCode: string };
        platform: { name: string; latestAssessment: { year: number; grade: string } | null } | null;
      };
    }[];
  };
};

describe('pnpm start on a machine with only Node', () => {
  const running: Started[] = [];
  afterAll(async () => {
    for (const started of running) await stop(started);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings up four subgraphs and the gateway, and answers the issue query from four databases', async () => {
    const started = await start(await bareEnvironment());
    running.push(started);

    const result = await query<IssueResult>(started.gatewayUrl, ISSUE_QUERY);
    expect(result.errors).toBeUndefined();
    const rows = result.data.instruments.edges.map((edge) => edge.node);
    expect(rows).toHaveLength(50);
    for (const row of rows) {
      expect(row.name).toMatch(/\p{Script=Han}/u);
      expect(row.owner.name).toMatch(/\p{Script=Han}/u);
      expect(row.owner.creditCode).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
    }
    expect(rows.filter((row) => row.platform?.latestAssessment?.grade).length).toBeGreaterThan(25);

    const health = await fetch(started.gatewayUrl.replace(/graphql$/, 'health'));
    expect(await health.json()).toEqual({
      status: 'ok',
      subgraphs: { enterprises: 'ok', platforms: 'ok', instruments: 'ok', assessments: 'ok' },
    });

    // `pnpm dev-token` signs with the secret `pnpm start` generated: an administrator sees the
    // instruments their owners do not share; the public does not.
    const adminToken = execFileSync('pnpm', ['--silent', 'dev-token', '--role', 'ADMIN'], {
      cwd: repoRoot,
      env: started.env,
      encoding: 'utf8',
    }).trim();
    const total = '{ instruments { totalCount } }';
    const asPublic = await query<{ instruments: { totalCount: number } }>(started.gatewayUrl, total);
    const asAdmin = await query<{ instruments: { totalCount: number } }>(started.gatewayUrl, total, adminToken);
    expect(asAdmin.data.instruments.totalCount).toBeGreaterThan(asPublic.data.instruments.totalCount);
  });

  it('starts again on the data it kept, without seeding twice', async () => {
    const first = running.pop() as Started;
    await stop(first);
    const again = await start(first.env);
    running.push(again);
    const admin = execFileSync('pnpm', ['--silent', 'dev-token', '--role', 'ADMIN'], {
      cwd: repoRoot,
      env: again.env,
      encoding: 'utf8',
    }).trim();
    const result = await query<{ instruments: { totalCount: number } }>(
      again.gatewayUrl,
      '{ instruments { totalCount } }',
      admin,
    );
    expect(result.data.instruments.totalCount).toBe(132);
  });
});
