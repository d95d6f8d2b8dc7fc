/**
 * What the gateway benchmarks share: child processes in groups of their own (killed on exit), the
 * workload's subgraphs started and a supergraph composed over them, and this project's gateway
 * started over it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { repoRoot, stop } from '../cli.ts';
import { freePort } from '../federationProcess.ts';
import { SUBGRAPH_SDL, WORKLOAD_QUERY } from './workload.ts';

export const TSX = ['--import', 'tsx'];
export const BODY = JSON.stringify({ query: WORKLOAD_QUERY, operationName: 'TestQuery' });

const children: ChildProcess[] = [];

export function launch(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

export function stopAll(): void {
  for (const child of children) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {}
  }
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

/** Resolves with the first stdout line matching `pattern`, or fails with what the process said. */
export function lineOf(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${output}`)));
  });
}

export async function post(
  url: string,
  body: string,
): Promise<{ status: number; json: { data?: unknown; errors?: unknown } }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, json: (await response.json()) as { data?: unknown; errors?: unknown } };
}

/** Polls a gateway until it answers the workload query with 200. */
export async function readyAt(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) stop(`${what} exited with ${child.exitCode}`);
    try {
      if ((await post(url, BODY)).status === 200) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  stop(`${what} did not answer in 60 s`);
}

/** The workload's subgraphs in a process of their own, and the supergraph composed over them. */
export async function startWorkloadSubgraphs(): Promise<{
  subgraphBase: string;
  supergraphPath: string;
  host: ChildProcess;
}> {
  const host = launch(process.execPath, [...TSX, 'scripts/lib/gatewayWorkload/subgraphServer.ts'], {});
  const port = Number((await lineOf(host, /ready (\d+)/, 'the subgraphs'))[1]);
  const subgraphBase = `http://127.0.0.1:${port}`;
  const composed = composeServices(
    Object.entries(SUBGRAPH_SDL).map(([name, sdl]) => ({ name, url: `${subgraphBase}/${name}`, typeDefs: parse(sdl) })),
  );
  if (composed.errors) stop(`the workload does not compose: ${composed.errors.map((e) => e.message).join('; ')}`);
  const supergraphPath = join(mkdtempSync(join(tmpdir(), 'gzequip-bench-gateways-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl as string);
  return { subgraphBase, supergraphPath, host };
}

/** This project's gateway over the workload (ourGateway.ts), once it answers. */
export async function startOurGateway(
  supergraphPath: string,
  { deduplicate = true, flags = [] as string[] } = {},
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = launch(process.execPath, [...flags, ...TSX, 'scripts/lib/gatewayWorkload/ourGateway.ts'], {
    PORT: String(port),
    SUPERGRAPH_PATH: supergraphPath,
    SUBGRAPH_DEDUPLICATION: String(deduplicate),
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const url = `http://127.0.0.1:${port}/graphql`;
  await readyAt(url, child, 'this gateway');
  return { url, child };
}
