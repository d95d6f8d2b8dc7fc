/**
 * `pnpm bench:planning [--requests 400] [--concurrency 20] [--fits 300] [--postgres URL]`: what
 * the planning source's guarantee costs. On PostgreSQL (a database of its own, rebuilt each run)
 * and on the embedded PGlite, it serves the planning subgraph, creates a priority zone whose
 * cadmium quota fits exactly half of the plants it will be asked for, and sends, signed as the
 * gateway signs them for an administrator:
 *   registerPlant   R requests, C at a time, all against that one zone: allocations per second,
 *                   p50/p95, how many were granted and refused (CONFLICT); any other answer fails
 *                   the run. Afterwards the zone's allocated cadmium must be exactly what the
 *                   granted plants hold and within the quota, or the run fails;
 *   plantFit        F fit checks of the same zone, one at a time after a warm-up: p50/p95.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import {
  type Claims,
  createLogger,
  Database,
  IDENTITY_HEADER,
  PUBLIC_CLAIMS,
  prepareDatabase,
  Role,
  type RunningServer,
  serveSubgraph,
  signIdentity,
} from '@gzequip/kit';
import { planning } from '@gzequip/planning';
import { benchDatabaseUrl, ensureDatabase, shown } from './lib/benchDatabase.ts';
import { percentile, printTable } from './lib/benchReport.ts';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';

// The table is the output; the subgraph's own logs only when asked for (LOG_LEVEL=info).
process.env.LOG_LEVEL ??= 'warn';

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} bench:planning [--requests 400] [--concurrency 20] [--fits 300] [--postgres URL]

Allocations racing for one electroplating zone, and fit checks, on PostgreSQL and on PGlite.
--postgres names the database to rebuild (default: gzequip_bench_planning on the local server).`,
  {
    requests: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '20' },
    fits: { type: 'string', default: '300' },
    postgres: { type: 'string' },
  },
);

function count(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < min || number > max)
    stop(`--${name} takes ${min} to ${max}, not ${value}`);
  return number;
}
const requests = count('requests', values.requests as string, 2, 100_000);
const concurrency = count('concurrency', values.concurrency as string, 1, 500);
const fits = count('fits', values.fits as string, 1, 100_000);

const CADMIUM_PER_PLANT = 0.5;
const signingSecret = randomBytes(32).toString('base64url');
const admin: Claims = { ...PUBLIC_CLAIMS, userId: 'bench-planning', role: Role.ADMIN };

interface Answer<T> {
  ms: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function send<T>(server: RunningServer, query: string, variables: Record<string, unknown>): Promise<Answer<T>> {
  const body = JSON.stringify({ query, variables });
  const headers = {
    'content-type': 'application/json',
    [IDENTITY_HEADER]: signIdentity(admin, signingSecret, body),
  };
  const began = performance.now();
  const response = await fetch(server.url, { method: 'POST', headers, body });
  const answer = (await response.json()) as Omit<Answer<T>, 'ms'>;
  return { ...answer, ms: performance.now() - began };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

interface Result {
  backend: string;
  perSecond: number;
  p50: number;
  p95: number;
  granted: number;
  refused: number;
  fitP50: number;
  fitP95: number;
}

async function run(backend: string, url: string | undefined): Promise<Result> {
  if (url) {
    await ensureDatabase(url);
    const fresh = await Database.open({ schema: planning.name, url });
    await fresh.dropSchema();
    await fresh.close();
  }
  const db = await prepareDatabase(planning, { url });
  const server = await serveSubgraph(planning, { db, signingSecret, port: 0, logger: createLogger('bench-planning') });
  try {
    const granted = Math.floor(requests / 2);
    const created = await send<{ createZone: { id: string } }>(
      server,
      'mutation ($input: ZoneInput!) { createZone(input: $input) { id } }',
      {
        input: {
          name: `基准测试电镀集中区 ${Date.now()}`,
          regionCode: '522600',
          status: 'PRIORITY',
          areaHectares: 50,
          waterTonsPerDay: requests * 10,
          wastewaterTonsPerDay: requests * 8,
          quotas: [{ metal: 'CADMIUM', kgPerYear: granted * CADMIUM_PER_PLANT }],
        },
      },
    );
    const zoneId = created.data?.createZone.id;
    if (!zoneId) stop(`${backend}: createZone failed: ${JSON.stringify(created.errors)}`);

    const register = `mutation ($input: PlantInput!) { registerPlant(input: $input) { id } }`;
    const samples: number[] = [];
    let refused = 0;
    let next = 0;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          const i = next++;
          const answer = await send<{ registerPlant: { id: string } }>(server, register, {
            input: {
              zoneId,
              enterpriseId: 'ent-037',
              name: `基准车间 ${i}`,
              processLines: [{ process: 'CADMIUM', lines: 1 }],
              allocation: {
                waterTonsPerDay: 5,
                wastewaterTonsPerDay: 4,
                emissions: [{ metal: 'CADMIUM', kgPerYear: CADMIUM_PER_PLANT }],
              },
            },
          });
          samples.push(answer.ms);
          if (answer.errors) {
            if (answer.errors[0]?.extensions?.code !== 'CONFLICT') stop(`${backend}: ${JSON.stringify(answer.errors)}`);
            refused += 1;
          }
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;

    // The guarantee: what the zone says is allocated is what its plants hold, and within the quota.
    const [limit] = await db.raw<{ capacity: string; allocated: string }>(
      `select capacity, allocated from "${db.schema}".zone_limit where zone_id = ? and kind = 'CADMIUM'`,
      [zoneId],
    );
    const [held] = await db.raw<{ total: string | null }>(
      `select sum(amount) as total from "${db.schema}".plant_allocation where zone_id = ? and kind = 'CADMIUM'`,
      [zoneId],
    );
    const allocated = Number(limit?.allocated);
    if (allocated !== Number(held?.total ?? 0) || allocated > Number(limit?.capacity)) {
      stop(`${backend}: the zone says ${allocated} kg is allocated, its plants hold ${held?.total}`);
    }
    if (requests - refused !== granted) stop(`${backend}: ${requests - refused} granted, ${granted} fit`);

    const fit = `query ($zoneId: ID!, $demand: PlantDemandInput!) { plantFit(zoneId: $zoneId, demand: $demand) { fits binding { kind headroom } } }`;
    const demand = { waterTonsPerDay: 10, wastewaterTonsPerDay: 8, emissions: [{ metal: 'NICKEL', kgPerYear: 1 }] };
    for (let i = 0; i < 20; i++) await send(server, fit, { zoneId, demand });
    const fitSamples: number[] = [];
    for (let i = 0; i < fits; i++) fitSamples.push((await send(server, fit, { zoneId, demand })).ms);

    return {
      backend,
      perSecond: requests / seconds,
      p50: percentile(samples, 0.5),
      p95: percentile(samples, 0.95),
      granted,
      refused,
      fitP50: percentile(fitSamples, 0.5),
      fitP95: percentile(fitSamples, 0.95),
    };
  } finally {
    await server.close();
    await db.close();
  }
}

const postgres = benchDatabaseUrl(values.postgres, 'gzequip_bench_planning');
console.log(
  `bench:planning — ${requests} registerPlant at concurrency ${concurrency} against one zone (quota for ${Math.floor(requests / 2)}), ` +
    `${fits} fit checks; ${cpus().length} cores; PostgreSQL ${shown(postgres)}`,
);
const results = [await run('PostgreSQL', postgres), await run('PGlite', undefined)];
const table = [
  ['backend', 'allocations/s', 'p50', 'p95', 'granted', 'CONFLICT', 'plantFit p50', 'plantFit p95'],
  ...results.map((r) => [
    r.backend,
    r.perSecond.toFixed(0),
    ms(r.p50),
    ms(r.p95),
    String(r.granted),
    String(r.refused),
    ms(r.fitP50),
    ms(r.fitP95),
  ]),
];
printTable(table);
console.log('Every run: the zone allocated exactly what its granted plants hold, and never more than its quota.');
