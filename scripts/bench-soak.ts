/**
 * `pnpm bench:soak [--minutes 10] [--share 0.7] [--probe 10] [--connections 50]`: this gateway
 * (production settings) on the public benchmark's workload for a long stretch. First it finds the
 * maximum (CONNECTIONS clients as fast as they are answered, PROBE seconds), then it sends SHARE of
 * that rate, evenly paced, for MINUTES, and prints every 30 s: requests answered, errors, p99, the
 * gateway's resident memory. At the end: errors in all, and how much resident memory grew after
 * the first minute.
 */

import { Pool } from 'undici';
import { percentile } from './lib/benchReport.ts';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import { groupResidentBytes } from './lib/federationProcess.ts';
import {
  BODY,
  launch,
  lineOf,
  startOurGateway,
  startWorkloadSubgraphs,
  stopAll,
  TSX,
} from './lib/gatewayWorkload/processes.ts';

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} bench:soak [--minutes 10] [--share 0.7] [--probe 10] [--connections 50]

This gateway at a share of its measured maximum for minutes: errors and memory every 30 s.`,
  {
    minutes: { type: 'string', default: '10' },
    share: { type: 'string', default: '0.7' },
    probe: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
);
const minutes = Number(values.minutes);
const share = Number(values.share);
const probe = Number(values.probe);
const connections = Number(values.connections);
if (!(minutes > 0 && minutes <= 600)) stop('--minutes takes more than 0, at most 600');
if (!(share > 0 && share <= 1)) stop('--share takes more than 0, at most 1');
if (!Number.isInteger(probe) || probe < 1) stop('--probe takes a whole number of seconds');
if (!Number.isInteger(connections) || connections < 1) stop('--connections takes a whole number');

const WINDOW_MS = 30_000;
const { supergraphPath } = await startWorkloadSubgraphs();
const gateway = await startOurGateway(supergraphPath);
const rss = () => groupResidentBytes(gateway.child.pid as number);

// The maximum: the load process, as bench:gateways runs it.
const probeRun = launch(process.execPath, [...TSX, 'scripts/lib/gatewayWorkload/load.ts'], {
  TARGET_URL: gateway.url,
  CONNECTIONS: String(connections),
  SECONDS: String(probe),
  BODY,
});
const maximum = (JSON.parse((await lineOf(probeRun, /\{.*\}\n/, 'the probe'))[0]) as { perSecond: number }).perSecond;
const rate = maximum * share;
console.log(
  `bench:soak — maximum ${maximum.toFixed(0)} req/s over ${probe} s; now ${rate.toFixed(0)} req/s (${Math.round(share * 100)}%) for ${minutes} min`,
);
console.log('minute  answered  errors  late  p99       gateway RSS');

const target = new URL(gateway.url);
const pool = new Pool(target.origin, { connections });
interface Window {
  answered: number;
  errors: number;
  late: number;
  latencies: number[];
}
const fresh = (): Window => ({ answered: 0, errors: 0, late: 0, latencies: [] });
let window = fresh();
let inFlight = 0;
let totalErrors = 0;
let firstError: string | undefined;
const memory: number[] = [];

async function one(): Promise<void> {
  const sent = performance.now();
  inFlight += 1;
  const current = window;
  try {
    const response = await pool.request({
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200 || text.includes('"errors"')) {
      current.errors += 1;
      firstError ??= `${response.statusCode} ${text.slice(0, 200)}`;
    }
  } catch (error) {
    current.errors += 1;
    firstError ??= String(error);
  } finally {
    inFlight -= 1;
    current.answered += 1;
    current.latencies.push(performance.now() - sent);
  }
}

const began = performance.now();
const end = began + minutes * 60_000;
let windowStart = began;
let due = 0;
await new Promise<void>((resolve) => {
  // Requests are sent on a 10 ms clock, as many as are due at the rate; one that would exceed the
  // connections is counted late and not sent, so that a slow gateway shows as late, not as a queue.
  let lastTick = began;
  const tick = setInterval(() => {
    const now = performance.now();
    // From the time that really passed: a timer that fires late must not lower the rate.
    due += (rate * (now - lastTick)) / 1000;
    lastTick = now;
    while (due >= 1) {
      due -= 1;
      if (inFlight >= connections) window.late += 1;
      else void one();
    }
    if (now - windowStart >= WINDOW_MS || now >= end) {
      const done = window;
      window = fresh();
      windowStart = now;
      const p99 = percentile(done.latencies, 0.99);
      const resident = rss();
      memory.push(resident);
      totalErrors += done.errors;
      console.log(
        `${((now - began) / 60_000).toFixed(1).padStart(6)}  ${String(done.answered).padStart(8)}  ${String(done.errors).padStart(6)}  ${String(done.late).padStart(4)}  ${`${p99.toFixed(0)} ms`.padStart(8)}  ${(resident / 2 ** 20).toFixed(0).padStart(7)} MiB`,
      );
      if (now >= end) {
        clearInterval(tick);
        resolve();
      }
    }
  }, 10);
});
while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 50));
await pool.close();

// Growth after the first minute: the last window's memory against the second window's (minute 1).
const baseline = memory[Math.min(1, memory.length - 1)] as number;
const last = memory.at(-1) as number;
console.log(
  `errors: ${totalErrors}${firstError ? ` (first: ${firstError})` : ''}; resident memory after the first minute ` +
    `${(baseline / 2 ** 20).toFixed(0)} MiB, at the end ${(last / 2 ** 20).toFixed(0)} MiB (${(((last - baseline) / baseline) * 100).toFixed(1)}%)`,
);
stopAll();
process.exit(totalErrors === 0 ? 0 : 1);
