/** `pnpm start` as a child process, for the end-to-end test and the start-up benchmark. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { envName } from '@gzequip/kit';
import { repoRoot } from './cli.ts';
import { subgraphFolders } from './subgraphFolders.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * The environment of a machine with nothing configured (no database, cache or subgraph URLs,
 * no secrets), with free ports and its own data folder. A free port for the gateway, the portal and
 * each subgraph of the checkout at `root` (found by its folder, so a new one needs no line here).
 */
export async function bareEnvironment(dataDir: string, root = repoRoot): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/(_DATABASE_URL|_URL|_PORT|SECRET)$|^(PORT|PGLITE_DATA_DIR|LOG_LEVEL|DATA_DIR)$/.test(name)) env[name] = value;
  }
  const names = subgraphFolders(root);
  const [gateway, portal, ...subgraphPorts] = await Promise.all(Array.from({ length: names.length + 2 }, freePort));
  return {
    ...env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PORT: String(gateway),
    PORTAL_PORT: String(portal),
    ...Object.fromEntries(names.map((name, i) => [envName(name, 'PORT'), String(subgraphPorts[i])])),
  };
}

export interface FederationProcess {
  child: ChildProcess;
  gatewayUrl: string;
  /** The portal's address, as the banner prints it. */
  portalUrl: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
  /** Resident memory of `pnpm start` and every process under it, in bytes. */
  residentBytes(): number;
  /** Each live process under `pnpm start`: its pid, command line and resident memory. */
  processes(): { pid: number; command: string; residentBytes: number }[];
}

/** Runs `pnpm start` in the checkout at `cwd` and resolves once it prints the gateway's address. */
export async function startFederation(
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
  cwd = repoRoot,
): Promise<FederationProcess> {
  const child = spawn('pnpm', ['start'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + timeoutMs;
  const ready = /POST (http:\S+)/;
  const portal = /Portal:\s+open (http:\S+)/;
  while (!ready.test(output) || !portal.test(output)) {
    if (child.exitCode !== null) throw new Error(`pnpm start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      process.kill(-(child.pid as number), 'SIGKILL');
      throw new Error(`pnpm start did not come up in ${timeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    env,
    gatewayUrl: (ready.exec(output) as RegExpExecArray)[1] as string,
    portalUrl: (portal.exec(output) as RegExpExecArray)[1] as string,
    stop: async () => {
      // pnpm may exit before the server under it has closed its database: wait for the group.
      const group = child.pid as number;
      if (groupMembers(group).length === 0) return;
      process.kill(-group, 'SIGTERM');
      const deadline = Date.now() + 15_000;
      while (groupMembers(group).length > 0) {
        if (Date.now() > deadline) process.kill(-group, 'SIGKILL');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    residentBytes: () => groupResidentBytes(child.pid as number),
    processes: () =>
      groupMembers(child.pid as number).flatMap((pid) => {
        try {
          return [
            {
              pid: Number(pid),
              command: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim(),
              residentBytes: residentBytesOf(pid),
            },
          ];
        } catch {
          return [];
        }
      }),
  };
}

/** The live (not zombie) processes of a process group, from Linux's /proc. */
function groupMembers(groupId: number): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After the command name: state, parent, process group.
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(group) === groupId && state !== 'Z';
    } catch {
      return false; // it ended between listing and reading
    }
  });
}

function residentBytesOf(pid: string): number {
  try {
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return rss ? Number(rss[1]) * 1024 : 0;
  } catch {
    return 0; // it ended meanwhile
  }
}

/** Sums VmRSS over the processes of a process group. */
export function groupResidentBytes(groupId: number): number {
  return groupMembers(groupId).reduce((total, pid) => total + residentBytesOf(pid), 0);
}

/** CPU time (user + system) the processes of a process group have used so far, in milliseconds. */
export function groupCpuMs(groupId: number): number {
  // /proc/<pid>/stat counts in clock ticks of 1/100 s on Linux.
  return groupMembers(groupId).reduce((total, pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are the 14th and 15th fields of the line, the 12th and 13th after the name.
      return total + (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return total;
    }
  }, 0);
}
