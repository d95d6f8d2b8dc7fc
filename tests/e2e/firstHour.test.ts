/**
 * The first hour of a new user, as the commands behave for real: a busy port, a data folder
 * another start holds, Ctrl-C, `--help` on every command, and the way the banner names pnpm.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { pnpmCommandFor } from '../../scripts/lib/cli.ts';
import { repoRoot } from '../../scripts/lib/devEnvironment.ts';
import { bareEnvironment } from '../../scripts/lib/federationProcess.ts';

const run = promisify(execFile);
const folders: string[] = [];

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'gzequip-first-hour-'));
  folders.push(path);
  return path;
}

/** `pnpm start` to its end: its exit code and everything it printed. */
async function startToEnd(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('pnpm', ['start'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

const STACK = /\n\s+at .+:\d+/;

afterAll(() => {
  for (const path of folders) rmSync(path, { recursive: true, force: true });
});

describe('pnpm start refuses in one line, and before it writes anything', () => {
  it('when a port is taken', async () => {
    const data = join(folder(), 'data');
    const env = await bareEnvironment(data);
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(Number(env.PORT), '127.0.0.1', resolve));
    try {
      const { code, output } = await startToEnd(env);
      expect(code).toBe(1);
      expect(output).toContain(`Port ${env.PORT} is in use`);
      expect(output).toMatch(/PORT=<port>/);
      expect(output).not.toMatch(STACK);
      expect(existsSync(data)).toBe(false);
    } finally {
      taken.close();
    }
  });

  it('when another process holds the data folder', async () => {
    const data = join(folder(), 'data');
    mkdirSync(data);
    // A live process (this one) holds the lock beside the folder.
    writeFileSync(join(data, 'pglite.lock'), String(process.pid));
    const { code, output } = await startToEnd(await bareEnvironment(data));
    expect(code).toBe(1);
    expect(output).toContain(`is in use by process ${process.pid}`);
    expect(output).toContain('PGLITE_DATA_DIR');
    expect(output).not.toMatch(STACK);
    expect(existsSync(join(data, 'pglite'))).toBe(false);
  });
});

describe('Ctrl-C', () => {
  it('ends pnpm start cleanly: exit 0, no ELIFECYCLE', async () => {
    const env = await bareEnvironment(join(folder(), 'data'));
    // `script` gives pnpm a terminal, as a person's would be; ^C there signals the whole foreground group.
    // `exec`: a person's interactive shell ignores that ^C, but the `$SHELL -c` script runs would die
    // of it (dash does not exec the command itself) and report 130 whatever pnpm did.
    const child = spawn('script', ['-qfec', 'exec pnpm start', '/dev/null'], {
      cwd: repoRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const deadline = Date.now() + 60_000;
    while (!output.includes('graph is up') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(output).toContain('graph is up');
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.write('\x03');
    expect(await exited, output).toBe(0);
    expect(output).not.toMatch(/ELIFECYCLE|Command failed/);
  });
});

describe('--help', () => {
  // pnpm answers `pnpm start --help` itself (start is one of its commands); `--` passes it on.
  it.each<[string, string?]>([
    ['start', '--'],
    ['dev-token'],
    ['db:reset'],
    ['query'],
    ['bench:startup'],
    ['bench:edge'],
    ['bench:search'],
    ['bench:booking'],
    ['bench:matching'],
    ['demo-data'],
    ['new-subgraph'],
    ['import:instruments'],
    ['export:instruments'],
    ['legacy-fixture'],
    ['reconcile'],
    ['pay:simulate'],
  ])('pnpm %s --help prints its usage and runs nothing', async (command, separator) => {
    const { stdout } = await run('pnpm', ['--silent', command, ...(separator ? [separator] : []), '--help'], {
      cwd: repoRoot,
    });
    expect(stdout).toMatch(/^Usage: .*(pnpm|npx -y pnpm@\S+) /);
  });

  it('an unknown option is one line and exit code 2', async () => {
    await expect(run('pnpm', ['--silent', 'dev-token', '--rol', 'ADMIN'], { cwd: repoRoot })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^Unknown option '--rol'.*\nRun with --help to see the options\.\n/),
    });
  });
});

describe('how the banner and messages name pnpm', () => {
  const bin = (dir: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'pnpm'), '#!/bin/sh\n');
    chmodSync(join(dir, 'pnpm'), 0o755);
    return dir;
  };

  it('says pnpm where the pinned pnpm is installed, and npx -y pnpm@… where npx brought it', () => {
    const installed = bin(join(folder(), 'usr', 'bin'));
    const fromNpx = bin(join(folder(), '.npm', '_npx', 'a1b2c3', 'node_modules', '.bin'));
    const agent = 'pnpm/12.4.2 npm/? node/v20.20.2 linux x64';
    expect(pnpmCommandFor({ PATH: installed, npm_config_user_agent: agent }, '12.4.2')).toBe('pnpm');
    expect(pnpmCommandFor({ PATH: fromNpx, npm_config_user_agent: agent }, '12.4.2')).toBe('npx -y pnpm@12.4.2');
    expect(pnpmCommandFor({ PATH: installed, npm_config_user_agent: 'pnpm/9.0.0' }, '12.4.2')).toBe(
      'npx -y pnpm@12.4.2',
    );
    expect(pnpmCommandFor({ PATH: '/nowhere' }, '12.4.2')).toBe('npx -y pnpm@12.4.2');
  });
});
