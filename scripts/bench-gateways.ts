/**
 * `pnpm bench:gateways [--rounds 3] [--seconds 10] [--warmup 5] [--connections 50]
 * [--gateways ours,ours-no-dedup,stock,hive] [--gateway-flags FLAGS]`: the gateway core on the public benchmark's workload
 * (graphql-hive/graphql-gateways-benchmark: four small subgraphs and its fragment-heavy query),
 * with the same subgraphs behind every gateway in one run:
 *   ours    this project's gateway as production runs it (scripts/lib/gatewayWorkload/ourGateway.ts),
 *           identical subgraph reads in flight shared among callers with the same identity;
 *   ours-no-dedup   the same with that sharing off (SUBGRAPH_DEDUPLICATION=false);
 *   stock   `@apollo/gateway` + `@apollo/server` with defaults;
 *   hive    `@graphql-hive/gateway` from npm, its CLI with defaults.
 * Each gateway, the subgraphs and the load run in processes of their own. Every gateway's answer
 * is first checked against a plain, non-federated schema over the same data: a fast wrong answer
 * is marked and cannot win. Then a warm-up each, and rounds in alternating order, CONNECTIONS
 * clients sending as fast as they are answered: requests per second, p50/p95/p99, errors (a
 * non-200 or an answer with errors), the gateway's peak resident memory, subgraph requests per
 * query (alone and under load), and each round's ratio to stock. All on this machine's cores, which
 * the load, the subgraphs and the gateway share.
 */
import type { ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { printTable } from './lib/benchReport.ts';
import { parseCommandLine, pnpmCommand, repoRoot, stop } from './lib/cli.ts';
import { freePort, groupCpuMs, groupResidentBytes } from './lib/federationProcess.ts';
import {
  BODY,
  launch,
  lineOf,
  post,
  readyAt,
  startOurGateway,
  startWorkloadSubgraphs,
  stopAll,
  TSX,
} from './lib/gatewayWorkload/processes.ts';
import { publishedPackage } from './lib/gatewayWorkload/publishedPackage.ts';
import { expectedAnswer } from './lib/gatewayWorkload/workload.ts';

/** This project's patch of @apollo/gateway's executor, which the stock gateway runs without. */
const GATEWAY_PATCH = 'gateway/patches/@apollo__gateway@2.14.4.patch';

const GATEWAYS = ['ours', 'ours-no-dedup', 'stock', 'hive'] as const;
type Gateway = (typeof GATEWAYS)[number];

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} bench:gateways [--rounds 3] [--seconds 10] [--warmup 5] [--connections 50] [--gateways ours,ours-no-dedup,stock,hive]

This project's gateway, stock @apollo/gateway and Hive Gateway on the public benchmark's workload.
--gateway-flags passes Node flags to this project's gateway processes only (say, --max-semi-space-size=32).`,
  {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    gateways: { type: 'string', default: GATEWAYS.join(',') },
    'gateway-flags': { type: 'string', default: '' },
  },
);

function count(name: string, min: number, max: number): number {
  const raw = values[name as keyof typeof values] as string;
  const number = Number(raw);
  if (!Number.isSafeInteger(number) || number < min || number > max)
    stop(`--${name} takes ${min} to ${max}, not ${raw}`);
  return number;
}
const rounds = count('rounds', 1, 50);
const seconds = count('seconds', 1, 600);
const warmup = count('warmup', 0, 600);
const connections = count('connections', 1, 1000);
const chosen = (values.gateways as string).split(',').map((name) => name.trim()) as Gateway[];
for (const name of chosen)
  if (!GATEWAYS.includes(name)) stop(`--gateways: unknown ${name}; known are ${GATEWAYS.join(', ')}`);

const { subgraphBase, supergraphPath, host } = await startWorkloadSubgraphs();

async function subgraphRequests(): Promise<number> {
  const stats = (await (await fetch(`${subgraphBase}/stats`)).json()) as Record<string, number>;
  return Object.values(stats).reduce((sum, n) => sum + n, 0);
}

// -- the gateways
interface Running {
  name: Gateway;
  url: string;
  child: ChildProcess;
  correct: boolean;
  /** Subgraph requests for one query sent alone. */
  alone: number;
}

async function startGateway(name: Gateway): Promise<Running> {
  let child: ChildProcess;
  let url: string;
  if (name === 'ours' || name === 'ours-no-dedup') {
    const flags = (values['gateway-flags'] as string).split(' ').filter(Boolean);
    ({ child, url } = await startOurGateway(supergraphPath, { deduplicate: name === 'ours', flags }));
  } else {
    const port = await freePort();
    const env = { PORT: String(port), SUPERGRAPH_PATH: supergraphPath };
    if (name === 'stock') {
      child = launch(process.execPath, [...TSX, 'scripts/lib/gatewayWorkload/stockGateway.ts'], {
        ...env,
        STOCK_GATEWAY_DIR: publishedPackage('@apollo/gateway', GATEWAY_PATCH),
      });
      url = `http://127.0.0.1:${port}/`;
    } else {
      child = launch(
        join(repoRoot, 'node_modules/.bin/hive-gateway'),
        ['supergraph', supergraphPath, '--host', '127.0.0.1', '--port', String(port)],
        { ...env, NODE_ENV: 'production' },
      );
      url = `http://127.0.0.1:${port}/graphql`;
    }
    child.stdout?.resume();
    child.stderr?.resume();
    await readyAt(url, child, name);
  }
  const before = await subgraphRequests();
  const answer = await post(url, BODY);
  const alone = (await subgraphRequests()) - before;
  const correct = answer.status === 200 && !answer.json.errors && isDeepStrictEqual(answer.json.data, expected);
  if (!correct) {
    console.log(`${name}: its answer differs from the reference: ${JSON.stringify(answer.json).slice(0, 400)}`);
  }
  return { name, url, child, correct, alone };
}

interface Load {
  requests: number;
  errors: number;
  firstError?: string;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

interface Measured extends Load {
  peakRss: number;
  /** Subgraph requests per query. */
  perQuery: number;
  /** CPU milliseconds per query: the gateway's, and the subgraphs'. */
  gatewayCpu: number;
  subgraphCpu: number;
}

async function load(gateway: Running, duration: number): Promise<Measured> {
  const before = await subgraphRequests();
  const gatewayCpuBefore = groupCpuMs(gateway.child.pid as number);
  const subgraphCpuBefore = groupCpuMs(host.pid as number);
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, groupResidentBytes(gateway.child.pid as number));
  }, 250);
  const loader = launch(process.execPath, [...TSX, 'scripts/lib/gatewayWorkload/load.ts'], {
    TARGET_URL: gateway.url,
    CONNECTIONS: String(connections),
    SECONDS: String(duration),
    BODY,
  });
  const result = JSON.parse((await lineOf(loader, /\{.*\}\n/, 'the load'))[0]) as Load;
  clearInterval(sampler);
  const queries = Math.max(1, result.requests);
  const perQuery = ((await subgraphRequests()) - before) / queries;
  const gatewayCpu = (groupCpuMs(gateway.child.pid as number) - gatewayCpuBefore) / queries;
  const subgraphCpu = (groupCpuMs(host.pid as number) - subgraphCpuBefore) / queries;
  return { ...result, peakRss, perQuery, gatewayCpu, subgraphCpu };
}

const expected = await expectedAnswer();
console.log(
  `bench:gateways — ${connections} connections, ${rounds} rounds of ${seconds} s after ${warmup} s of warm-up, ` +
    `${cpus().length} cores (load, subgraphs and gateway share them)`,
);
const gateways: Running[] = [];
for (const name of chosen) gateways.push(await startGateway(name));
if (warmup > 0) for (const gateway of gateways) await load(gateway, warmup);

const results = new Map<Gateway, Measured[]>(chosen.map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  // Alternate the order, so that no gateway always runs first or last.
  const order = gateways.map((_, i) => gateways[(i + round) % gateways.length] as Running);
  for (const gateway of order) {
    const result = await load(gateway, seconds);
    results.get(gateway.name)?.push(result);
    if (result.firstError)
      console.log(`${gateway.name}, round ${round + 1}: ${result.errors} errors, first: ${result.firstError}`);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const stock = results.get('stock');
const ms = (value: number) => `${value.toFixed(0)} ms`;
const table = [
  [
    'gateway',
    'answer',
    'req/s (median)',
    'range',
    '× stock',
    'p50',
    'p95',
    'p99',
    'errors',
    'peak RSS',
    'subgraph req/query alone',
    'under load',
    'CPU ms/query: gateway',
    'subgraphs',
    'gateway CPU × stock',
  ],
  ...gateways.map((gateway) => {
    const runs = results.get(gateway.name) ?? [];
    const ratios = stock ? runs.map((run, i) => run.perSecond / (stock[i]?.perSecond ?? Number.NaN)) : [];
    // How many times less CPU a query costs this gateway than stock: its efficiency, whatever the subgraphs take.
    const cpuRatios = stock ? runs.map((run, i) => (stock[i]?.gatewayCpu ?? Number.NaN) / run.gatewayCpu) : [];
    return [
      gateway.name,
      gateway.correct ? 'correct' : 'WRONG',
      median(runs.map((run) => run.perSecond)).toFixed(0),
      `${Math.min(...runs.map((r) => r.perSecond)).toFixed(0)}–${Math.max(...runs.map((r) => r.perSecond)).toFixed(0)}`,
      ratios.length ? `${median(ratios).toFixed(2)}×` : '—',
      ms(median(runs.map((r) => r.p50))),
      ms(median(runs.map((r) => r.p95))),
      ms(median(runs.map((r) => r.p99))),
      String(runs.reduce((sum, r) => sum + r.errors, 0)),
      `${(Math.max(...runs.map((r) => r.peakRss)) / 2 ** 20).toFixed(0)} MiB`,
      String(gateway.alone),
      median(runs.map((r) => r.perQuery)).toFixed(1),
      median(runs.map((r) => r.gatewayCpu)).toFixed(1),
      median(runs.map((r) => r.subgraphCpu)).toFixed(1),
      cpuRatios.length ? `${median(cpuRatios).toFixed(2)}×` : '—',
    ];
  }),
];
printTable(table, 2);
console.log(
  "× stock: the median of each round's ratio; latencies and CPU: the median over rounds. " +
    'Gateway CPU × stock: how many times less CPU a query costs the gateway than stock.',
);
stopAll();
process.exit(gateways.every((gateway) => gateway.correct) ? 0 : 1);
