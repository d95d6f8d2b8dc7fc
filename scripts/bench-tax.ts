/**
 * `pnpm bench:tax [--instruments 100000] [--rounds 200] [--postgres URL]`: the federation tax. The
 * showcase query (50 instruments with owner, platform and the platform's latest grade), asked as
 * the public, three ways over the same PostgreSQL data:
 *   gateway      through this gateway and the five subgraphs, each over its own schema;
 *   one join     the same rows from one SQL statement across those schemas: what a single,
 *                centralised database would answer (the limit federation is measured against);
 *   each alone   each subgraph's own part sent straight to it, signed as the gateway signs: the
 *                instruments page, then the owners, the platforms and their latest grades by key.
 * At demo size and with N generated instruments added. One request at a time after a warm-up:
 * p50/p95, the gateway's ratio to the join, and SQL statements per gateway request by subgraph.
 * The gateway's answer is checked against the join's first: a fast wrong answer cannot win. The
 * database (`gzequip_bench_tax` on the local server unless --postgres names one) is rebuilt.
 */
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { gatewayConfigFromEnv, type RunningGateway, startGateway } from '@gzequip/gateway';
import { Database, IDENTITY_HEADER, PUBLIC_CLAIMS, type RunningServer, signIdentity } from '@gzequip/kit';
import { buildEnterprises } from './demo-data/enterprises.ts';
import { buildPlatforms } from './demo-data/platforms.ts';
import { benchDatabaseUrl, ensureDatabase, serveFreshSubgraphs, shown } from './lib/benchDatabase.ts';
import { percentile, printTable } from './lib/benchReport.ts';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import { analyzeInstruments, loadGeneratedInstruments } from './lib/generatedInstruments.ts';

process.env.LOG_LEVEL ??= 'warn';

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} bench:tax [--instruments 100000] [--rounds 200] [--postgres URL]

The showcase query through the gateway, against one SQL join over the same data and against each
subgraph alone, at demo size and with --instruments generated instruments added (0: demo only).`,
  {
    instruments: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '200' },
    postgres: { type: 'string' },
  },
);
const generated = Number(values.instruments);
const rounds = Number(values.rounds);
if (!Number.isSafeInteger(generated) || generated < 0 || generated > 999_999) stop('--instruments takes 0 to 999999');
if (!Number.isSafeInteger(rounds) || rounds < 1 || rounds > 100_000) stop('--rounds takes 1 to 100000');

const SHOWCASE =
  '{ instruments(first: 50) { edges { node { name owner { name creditCode } platform { name latestAssessment { year grade } } } } } }';

/** The same 50 rows from one statement: the public's instruments in id order, as the instruments subgraph lists them. */
const JOIN = `
  select i.name, i.owner_id, i.platform_id, o.name as owner_name, o.credit_code, p.name as platform_name, a.year, a.grade
    from instruments.instrument i
    join enterprises.enterprise o on o.id = i.owner_id
    left join platforms.platform p on p.id = i.platform_id
    left join lateral (select year, grade from assessments.assessment s
                        where s.platform_id = p.id order by year desc limit 1) a on true
   where not i.classified and i.review_status = 'PUBLISHED' and i.sharing_mode <> 'NOT_SHARED'
   order by i.id
   limit 50`;

interface JoinRow {
  name: string;
  owner_id: string;
  platform_id: string | null;
  owner_name: string;
  credit_code: string;
  platform_name: string | null;
  year: number | null;
  grade: string | null;
}

const asShowcase = (rows: JoinRow[]) => ({
  instruments: {
    edges: rows.map((row) => ({
      node: {
        name: row.name,
        owner: { name: row.owner_name, creditCode: row.credit_code },
        platform: row.platform_name
          ? {
              name: row.platform_name,
              latestAssessment: row.year === null ? null : { year: row.year, grade: row.grade },
            }
          : null,
      },
    })),
  },
});

async function timed(work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(20, rounds); i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const began = performance.now();
    await work();
    samples.push(performance.now() - began);
  }
  return samples;
}

async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ data?: unknown; errors?: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return (await response.json()) as { data?: unknown; errors?: unknown };
}

const secret = randomBytes(32).toString('base64url');
const url = benchDatabaseUrl(values.postgres, 'gzequip_bench_tax');
await ensureDatabase(url);
const enterprises = buildEnterprises();
const world = { enterprises, platforms: buildPlatforms(enterprises) };

interface Measured {
  size: string;
  instruments: number;
  gateway: number[];
  join: number[];
  alone: Record<string, number[]>;
  statements: Record<string, number>;
}

async function measure(extra: number): Promise<Measured> {
  const dbs: Record<string, Database> = {};
  const servers: Record<string, RunningServer> = {};
  let gateway: RunningGateway | undefined;
  const plain = await Database.open({ schema: 'public', url });
  try {
    await serveFreshSubgraphs(url, secret, dbs, servers);
    if (extra > 0) {
      await loadGeneratedInstruments(dbs.instruments as Database, extra, world);
      await analyzeInstruments(dbs.instruments as Database);
    }
    const [{ count }] = (await plain.raw<{ count: string }>('select count(*) from instruments.instrument')) as [
      { count: string },
    ];
    const defaults = gatewayConfigFromEnv({
      JWT_SECRET: secret,
      SUBGRAPH_SIGNING_SECRET: secret,
      NODE_ENV: 'production',
    });
    gateway = await startGateway({
      ...defaults,
      port: 0,
      subgraphUrls: Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, server.url])),
      rateLimits: { anonymous: 100_000_000, user: 100_000_000, partner: 100_000_000 },
      responseCacheTtlSeconds: 0,
    });
    const gatewayUrl = gateway.url;

    // The gateway's answer must be the join's.
    const rows = await plain.raw<JoinRow>(JOIN);
    const answer = await postJson(gatewayUrl, JSON.stringify({ query: SHOWCASE }));
    if (answer.errors || !isDeepStrictEqual(answer.data, asShowcase(rows))) {
      stop(`the gateway's answer differs from the join's: ${JSON.stringify(answer).slice(0, 500)}`);
    }

    const statementsBefore = Object.fromEntries(Object.entries(dbs).map(([name, db]) => [name, db.statements.count]));
    await postJson(gatewayUrl, JSON.stringify({ query: SHOWCASE }));
    const statements = Object.fromEntries(
      Object.entries(dbs).map(([name, db]) => [name, db.statements.count - (statementsBefore[name] ?? 0)]),
    );

    const gatewaySamples = await timed(() => postJson(gatewayUrl, JSON.stringify({ query: SHOWCASE })));
    const joinSamples = await timed(() => plain.raw(JOIN));

    // Each subgraph's own part, straight to it: what the gateway's plan asks of each.
    const owners = [...new Set(rows.map((row) => row.owner_id))].map((id) => ({ __typename: 'Enterprise', id }));
    const platforms = [...new Set(rows.map((row) => row.platform_id).filter(Boolean))].map((id) => ({
      __typename: 'Platform',
      id,
    }));
    const parts: Record<string, { query: string; variables?: Record<string, unknown> }> = {
      instruments: { query: '{ instruments(first: 50) { edges { node { name owner { id } platform { id } } } } }' },
      enterprises: {
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { name creditCode } } }',
        variables: { r: owners },
      },
      platforms: {
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Platform { name } } }',
        variables: { r: platforms },
      },
      assessments: {
        query:
          'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Platform { latestAssessment { year grade } } } }',
        variables: { r: platforms },
      },
    };
    const alone: Record<string, number[]> = {};
    for (const [name, part] of Object.entries(parts)) {
      const body = JSON.stringify(part);
      const target = servers[name]?.url as string;
      const send = async () => {
        // A header is good for one request: sign each, as the gateway does.
        const result = await postJson(target, body, {
          [IDENTITY_HEADER]: signIdentity(PUBLIC_CLAIMS, secret, body),
        });
        if (result.errors) stop(`${name} alone: ${JSON.stringify(result.errors).slice(0, 300)}`);
      };
      alone[name] = await timed(send);
    }
    return {
      size: extra > 0 ? `demo + ${extra.toLocaleString('en')}` : 'demo',
      instruments: Number(count),
      gateway: gatewaySamples,
      join: joinSamples,
      alone,
      statements,
    };
  } finally {
    await gateway?.close();
    for (const server of Object.values(servers)) await server.close();
    for (const db of Object.values(dbs)) await db.close();
    await plain.close();
  }
}

console.log(
  `bench:tax — the showcase query as the public, ${rounds} requests one at a time after a warm-up; PostgreSQL ${shown(url)}`,
);
const results = [await measure(0), ...(generated > 0 ? [await measure(generated)] : [])];
const ms = (samples: number[]) => `${percentile(samples, 0.5).toFixed(1)} / ${percentile(samples, 0.95).toFixed(1)} ms`;
const table = [
  [
    'data',
    'instruments',
    'gateway p50/p95',
    'one join p50/p95',
    'gateway ÷ join (p50)',
    ...Object.keys(results[0]?.alone ?? {}).map((name) => `${name} alone`),
    'statements per request',
  ],
  ...results.map((r) => [
    r.size,
    r.instruments.toLocaleString('en'),
    ms(r.gateway),
    ms(r.join),
    `${(percentile(r.gateway, 0.5) / percentile(r.join, 0.5)).toFixed(1)}×`,
    ...Object.values(r.alone).map(ms),
    Object.entries(r.statements)
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `${name} ${n}`)
      .join(', '),
  ]),
];
printTable(table);
process.exit(0);
