/**
 * `pnpm bench:edge [--seconds 10] [--clients 16]`: what the default `pnpm start` absorbs. It runs
 * the federation as the README's first command does, then, phase by phase, sends the showcase
 * query from one client (one request at a time) while other clients load the gateway:
 *   quiet         nothing else;
 *   attacks       the issue's attacks, as fast as they are answered (depth-20 cycle, 200-alias
 *                 page bomb, 10,000-item page, 2 MB body);
 *   heavy public  the costliest page the public may ask for (500 instruments, every field, owner,
 *                 platform and grade: cost 3,001 of 10,000);
 *   heavy partner an analyst's export (500 enterprises with their instruments, platforms and
 *                 grades: cost 127,001 of 250,000).
 * For each phase: the showcase query's p50/p95/max, the load's requests per second and how they
 * were answered, and the peak memory of the gateway process and of the subgraphs' host. Rate
 * limits are lifted, as if the load came from many addresses: what is measured is what the
 * gateway does with the requests that reach it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER } from '@gzequip/gateway';
import { SignJWT } from 'jose';
import { parseCommandLine, pnpmCommand } from './lib/cli.ts';
import type { DevSecrets } from './lib/devEnvironment.ts';
import { bareEnvironment, type FederationProcess, startFederation } from './lib/federationProcess.ts';

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} bench:edge [--seconds 10] [--clients 16]

Runs the federation as ${pnpmCommand()} start does and measures what it absorbs: the showcase query's
latency while other clients attack it or load it with the heaviest allowed queries.`,
  { seconds: { type: 'string', default: '10' }, clients: { type: 'string', default: '16' } },
);
const seconds = Number(values.seconds);
const clients = Number(values.clients);

const SHOWCASE =
  '{ instruments(first: 50) { edges { node { name owner { name creditCode } platform { name latestAssessment { year grade } } } } } }';

function cycle(levels: number): string {
  let inner = 'name';
  for (let i = levels - 1; i >= 0; i--) inner = i % 2 === 0 ? `platform { ${inner} }` : `assessments { ${inner} }`;
  return `{ assessments(first: 50) { edges { node { ${inner} } } } }`;
}

const ATTACKS = [
  JSON.stringify({ query: cycle(20) }),
  JSON.stringify({
    query: `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: instruments(first: 500) { edges { node { id name } } }`).join(' ')} }`,
  }),
  JSON.stringify({ query: '{ instruments(first: 10000) { edges { node { id } } } }' }),
  JSON.stringify({ query: SHOWCASE, variables: { padding: 'x'.repeat(2 * 1024 * 1024) } }),
];
const HEAVY_PUBLIC = JSON.stringify({
  query: `{ instruments(first: 500) { edges { node { id assetNumber name nameEn classCode source customsSupervised
    originalValue country manufacturer model startOfUse purpose technicalIndicators mainFunctions disciplines serviceContent
    sharingRules feeText serviceUrl sharingMode status industries address contactName contactPhone version updatedAt
    region { code name } owner { name creditCode } platform { name latestAssessment { year grade } } } } } }`,
});
const HEAVY_PARTNER = JSON.stringify({
  query: `{ enterprises(first: 500) { edges { node { name region { name }
    instruments(first: 3) { totalCount edges { node { name platform { name } } } }
    platforms { totalCount edges { node { name assessments { year grade } } } } } } } }`,
});

interface Phase {
  name: string;
  bodies: string[];
  bearer?: string;
}

async function post(url: string, body: string, bearer?: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

async function runPhase(federation: FederationProcess, phase: Phase) {
  const url = federation.gatewayUrl;
  const until = Date.now() + seconds * 1000;
  const statuses = new Map<number, number>();
  let loadRequests = 0;
  const peak = { gateway: 0, host: 0 };
  const sampler = setInterval(() => {
    for (const process of federation.processes()) {
      if (process.command.includes('gateway/src/main.ts')) peak.gateway = Math.max(peak.gateway, process.residentBytes);
      if (process.command.includes('scripts/start.ts')) peak.host = Math.max(peak.host, process.residentBytes);
    }
  }, 100);
  const load = Array.from({ length: phase.bodies.length ? clients : 0 }, async (_, client) => {
    for (let i = client; Date.now() < until; i++) {
      const status = await post(url, phase.bodies[i % phase.bodies.length] as string, phase.bearer).catch(() => 0);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      loadRequests += 1;
    }
  });
  const latencies: number[] = [];
  let showcaseFailures = 0;
  while (Date.now() < until) {
    const began = performance.now();
    const status = await post(url, JSON.stringify({ query: SHOWCASE })).catch(() => 0);
    latencies.push(performance.now() - began);
    if (status !== 200) showcaseFailures += 1;
  }
  await Promise.all(load);
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  return {
    phase: phase.name,
    'showcase p50': `${percentile(latencies, 0.5).toFixed(0)} ms`,
    'showcase p95': `${percentile(latencies, 0.95).toFixed(0)} ms`,
    'showcase max': `${(latencies.at(-1) ?? 0).toFixed(0)} ms`,
    'showcase failed': showcaseFailures,
    'load req/s': phase.bodies.length ? (loadRequests / seconds).toFixed(0) : '—',
    'load answers': [...statuses].map(([status, count]) => `${status}×${count}`).join(' ') || '—',
    'gateway RSS peak': mib(peak.gateway),
    'subgraph host RSS peak': mib(peak.host),
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'gzequip-bench-edge-'));
let federation: FederationProcess | undefined;
try {
  const env = { ...(await bareEnvironment(dataDir)), RATE_LIMITS: 'anonymous=10000000,user=10000000,partner=10000000' };
  federation = await startFederation(env);
  // `pnpm start` generated the development secrets into its data folder.
  const { JWT_SECRET } = JSON.parse(readFileSync(join(dataDir, 'dev-secrets.json'), 'utf8')) as DevSecrets;
  const partner = await new SignJWT({ role: 'PARTNER' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('bench-partner')
    .setIssuer(DEFAULT_JWT_ISSUER)
    .setAudience(DEFAULT_JWT_AUDIENCE)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(JWT_SECRET));
  for (let i = 0; i < 20; i++) await post(federation.gatewayUrl, JSON.stringify({ query: SHOWCASE }));

  const gatewayPid = () => federation?.processes().find((p) => p.command.includes('gateway/src/main.ts'))?.pid;
  const firstPid = gatewayPid();
  const rows = [];
  for (const phase of [
    { name: 'quiet', bodies: [] },
    { name: 'attacks', bodies: ATTACKS },
    { name: 'heavy public', bodies: [HEAVY_PUBLIC] },
    { name: 'heavy partner', bodies: [HEAVY_PARTNER], bearer: partner },
  ] satisfies Phase[]) {
    rows.push(await runPhase(federation, phase));
  }
  console.log(`\npnpm bench:edge — ${seconds} s a phase, ${clients} load clients, one showcase client\n`);
  console.table(rows);
  console.log(`gateway process restarted during the run: ${gatewayPid() === firstPid ? 'no' : 'YES'}`);
} finally {
  await federation?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
