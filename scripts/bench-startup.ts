/**
 * `pnpm bench:startup [--runs N]`: how long `pnpm start` takes on the embedded default from
 * launch to the first answered query (the issue's query through the gateway), on a fresh data
 * folder and then again on the data it kept, and how much memory all its processes hold.
 * Budget: first start < 30 s, later starts < 15 s, all processes together < 1.5 GB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine, pnpmCommand } from './lib/cli.ts';
import { bareEnvironment, startFederation } from './lib/federationProcess.ts';

const ISSUE_QUERY =
  '{ instruments(first: 50) { edges { node { name owner { name creditCode } platform { name latestAssessment { year grade } } } } } }';
const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} bench:startup [--runs 3]

Times ${pnpmCommand()} start from launch to the first answered query, on a fresh data folder and then on
the data it kept, and reports the peak memory of all its processes.`,
  { runs: { type: 'string', default: '3' } },
);
const laterRuns = Number(values.runs);

async function firstAnswer(url: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: ISSUE_QUERY }),
  });
  const body = (await response.json()) as { data?: { instruments: { edges: unknown[] } }; errors?: unknown };
  if (body.data?.instruments.edges.length !== 50) throw new Error(`Unexpected answer: ${JSON.stringify(body)}`);
}

/** Launch → answered query, sampling the memory of every process meanwhile and for 2 s after. */
async function measure(env: NodeJS.ProcessEnv): Promise<{ seconds: number; peakBytes: number }> {
  const launched = performance.now();
  let peakBytes = 0;
  let federation: Awaited<ReturnType<typeof startFederation>> | undefined;
  const sampler = setInterval(() => {
    if (federation) peakBytes = Math.max(peakBytes, federation.residentBytes());
  }, 100);
  try {
    federation = await startFederation(env);
    await firstAnswer(federation.gatewayUrl);
    const seconds = (performance.now() - launched) / 1000;
    for (let i = 0; i < 10; i++) {
      await firstAnswer(federation.gatewayUrl);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { seconds, peakBytes: Math.max(peakBytes, federation.residentBytes()) };
  } finally {
    clearInterval(sampler);
    await federation?.stop();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'gzequip-bench-'));
try {
  const env = await bareEnvironment(dataDir);
  const first = await measure(env);
  const later = [];
  for (let run = 0; run < laterRuns; run++) later.push(await measure(env));
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  const laterSeconds = later.map((run) => run.seconds).sort((a, b) => a - b);
  const median = laterSeconds[Math.floor(laterSeconds.length / 2)] ?? Number.NaN;
  const peak = Math.max(first.peakBytes, ...later.map((run) => run.peakBytes));
  console.log(`first start to first answered query: ${first.seconds.toFixed(1)} s (budget 30 s)`);
  console.log(
    `later starts (median of ${laterRuns}): ${median.toFixed(1)} s (runs: ${laterSeconds.map((s) => s.toFixed(1)).join(', ')}; budget 15 s)`,
  );
  console.log(`peak resident memory, all processes: ${mib(peak)} (budget 1536 MiB)`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
