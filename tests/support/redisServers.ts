/**
 * Real Redis topologies for tests, made of `redis-server` processes on free ports, nothing kept
 * on disk, each in a temp folder of its own: a master watched by one Sentinel, and a Cluster of
 * three masters. Each gives the REDIS_URL that names it and a `stop` that ends every process it
 * started and removes its folder.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `redis-server` (and so, from the same package, `redis-cli`) is on the PATH. */
export const redisServerInstalled = !spawnSync('redis-server', ['--version']).error;

export interface RedisTopologyProcesses {
  url: string;
  stop(): Promise<void>;
}

/** `count` distinct free ports: each held until all are found, so none is handed out twice. */
async function freePorts(count: number): Promise<number[]> {
  const held: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
      held.push(server);
    }
    return held.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

function cli(args: string[], timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('redis-cli', ['-h', '127.0.0.1', ...args], { timeout: timeoutMs }, (error, stdout, stderr) =>
      error
        ? reject(
            new Error(`${error.message}${error.killed ? ` (killed after ${timeoutMs} ms)` : ''}\n${stdout}${stderr}`),
          )
        : resolve(stdout),
    );
  });
}

/** Polls `check` until it resolves true, or fails after `ms` naming `what`. */
async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

class Processes {
  readonly dir = mkdtempSync(join(tmpdir(), 'gzequip-redis-'));
  private readonly children: ChildProcess[] = [];

  /** A redis-server (or Sentinel, with `--sentinel` among `args`) answering PING on `port`. */
  async server(port: number, args: string[]): Promise<void> {
    const child = spawn(
      'redis-server',
      [...args, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir],
      { stdio: 'ignore' },
    );
    this.children.push(child);
    const exited = new Promise<never>((_resolve, reject) =>
      child.once('exit', (code) => reject(new Error(`redis-server on port ${port} exited with ${code}`))),
    );
    exited.catch(() => {});
    await Promise.race([
      until(`redis-server on port ${port}`, async () => (await cli(['-p', String(port), 'ping'])).trim() === 'PONG'),
      exited,
    ]);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 3_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Starts `start` on fresh processes; whatever it started is stopped again if it fails. */
async function topology(start: (processes: Processes) => Promise<string>): Promise<RedisTopologyProcesses> {
  const processes = new Processes();
  try {
    return { url: await start(processes), stop: () => processes.stop() };
  } catch (error) {
    await processes.stop();
    throw error;
  }
}

/** A master and one Sentinel watching it (quorum 1): `redis-sentinel://127.0.0.1:<port>/<master>`. */
export function startSentinel(master = 'gzequip'): Promise<RedisTopologyProcesses> {
  return topology(async (processes) => {
    const [masterPort, sentinelPort] = (await freePorts(2)) as [number, number];
    await processes.server(masterPort, []);
    // Sentinel rewrites its configuration file, so it gets one of its own.
    const config = join(processes.dir, 'sentinel.conf');
    writeFileSync(
      config,
      [
        `sentinel monitor ${master} 127.0.0.1 ${masterPort} 1`,
        `sentinel down-after-milliseconds ${master} 5000`,
        '',
      ].join('\n'),
    );
    await processes.server(sentinelPort, [config, '--sentinel']);
    await until('the Sentinel to know its master', async () =>
      (await cli(['-p', String(sentinelPort), 'sentinel', 'get-master-addr-by-name', master])).includes(
        String(masterPort),
      ),
    );
    return `redis-sentinel://127.0.0.1:${sentinelPort}/${master}`;
  });
}

/** Three masters sharing the slots: `redis-cluster://127.0.0.1:<a>,127.0.0.1:<b>,127.0.0.1:<c>`. */
export function startCluster(): Promise<RedisTopologyProcesses> {
  return topology(async (processes) => {
    // A client port and a cluster-bus port for each node.
    const ports = await freePorts(6);
    const nodes = ports.slice(0, 3);
    await Promise.all(
      nodes.map((port, i) =>
        processes.server(port, [
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(processes.dir, `nodes-${port}.conf`),
          '--cluster-port',
          String(ports[i + 3]),
          '--cluster-node-timeout',
          '5000',
        ]),
      ),
    );
    const addresses = nodes.map((port) => `127.0.0.1:${port}`);
    // Creating waits for the nodes to meet, which takes seconds on a busy machine (5 s was cut off in CI).
    await cli(['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], 60_000);
    for (const port of nodes) {
      await until(`cluster node ${port} to be ready`, async () =>
        (await cli(['-p', String(port), 'cluster', 'info'])).includes('cluster_state:ok'),
      );
    }
    return `redis-cluster://${addresses.join(',')}`;
  });
}
