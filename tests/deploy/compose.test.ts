/**
 * deploy/compose.yaml without Docker: read as Docker Compose reads it (YAML merge keys, then
 * `${...}` interpolation from the .env file), valid against the Compose specification's schema
 * (deploy/compose-spec/, unknown fields refused), refused with a message naming each secret left
 * out, and laid out as the README says: a database, a migration job and a subgraph per source,
 * the gateway, and the portal pointing browsers at the gateway, which lets the portal's pages in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  deployDir,
  gateway,
  imageReference,
  isPinnedTag,
  portal,
  type Service,
  services,
  subgraphs,
  unreadSettings,
} from './facts.ts';

type Env = Record<string, string | undefined>;

/**
 * Compose's interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alternative}`, `${VAR+alternative}`. Throws as
 * Compose does for a required variable that is missing, with its message.
 */
function interpolate(value: string, env: Env): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$\{[^}]*\}/g,
    (whole, braced?: string, operator?: string, word?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const name = braced ?? bare;
      if (!name) throw new Error(`invalid interpolation format for ${whole}`);
      const current = env[name];
      const set = current !== undefined;
      const nonEmpty = set && current !== '';
      switch (operator) {
        case undefined:
          return current ?? '';
        case ':-':
          return nonEmpty ? (current as string) : (word ?? '');
        case '-':
          return set ? (current as string) : (word ?? '');
        case ':?':
        case '?':
          if (operator === ':?' ? nonEmpty : set) return current as string;
          throw new Error(`required variable ${name} is missing a value: ${word}`);
        case ':+':
          return nonEmpty ? (word ?? '') : '';
        default:
          return set ? (word ?? '') : '';
      }
    },
  );
}

function interpolateAll(value: unknown, env: Env): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateAll(item, env)]));
  }
  return value;
}

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
  volumes?: string[];
  read_only?: boolean;
  stop_grace_period?: string;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const composeText = () => readFileSync(join(deployDir, 'compose.yaml'), 'utf8');
/** The file as parsed, merge keys resolved, before interpolation. */
const raw = () => parse(composeText(), { merge: true }) as ComposeFile;

/** deploy/.env.example's names with a value each, as an operator's deploy/.env would have them. */
function exampleEnv(): Env {
  const env: Env = {};
  for (const line of readFileSync(join(deployDir, '.env.example'), 'utf8').split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1] as string] = match[2] || `value-of-${match[1]}-at-least-32-characters`;
  }
  return env;
}

const REQUIRED_SECRETS = ['JWT_SECRET', 'SUBGRAPH_SIGNING_SECRET', 'PAYMENT_CALLBACK_SECRET', 'POSTGRES_PASSWORD'];

let compose: ComposeFile;
let all: Service[];

beforeAll(() => {
  compose = interpolateAll(raw(), exampleEnv()) as ComposeFile;
  all = subgraphs();
});

describe('deploy/compose.yaml against the Compose specification', () => {
  it('is valid against the schema Docker Compose validates with', () => {
    const schema = JSON.parse(readFileSync(join(deployDir, 'compose-spec/compose-spec.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: true, strictTypes: false }).compile(schema);
    const errors = (candidate: unknown) =>
      validate(candidate)
        ? []
        : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
    expect(errors(compose)).toEqual([]);
    // Unknown fields are refused, as Compose refuses them.
    const misspelt = structuredClone(compose) as ComposeFile & { services: Record<string, Record<string, unknown>> };
    (misspelt.services.gateway as Record<string, unknown>).port = ['4000:4000'];
    expect(errors(misspelt).join()).toMatch(/additionalProperty":"port"/);
  });

  it('stops with a message naming each required secret left out of deploy/.env, or left empty', () => {
    for (const secret of REQUIRED_SECRETS) {
      for (const value of [undefined, '']) {
        const env = { ...exampleEnv(), [secret]: value };
        expect(() => interpolateAll(raw(), env), `${secret}=${value}`).toThrow(
          new RegExp(`required variable ${secret} is missing a value: set ${secret} in deploy/.env`),
        );
      }
    }
    // Every secret the file reads is required, and .env.example names each.
    const read = new Set([...composeText().matchAll(/\$\{([A-Z_]+)/g)].map((match) => match[1]));
    for (const secret of REQUIRED_SECRETS) expect(read.has(secret), secret).toBe(true);
    expect([...read].filter((name) => !(name in exampleEnv()))).toEqual([]);
  });

  it('the interpolation itself follows Compose', () => {
    const env = { SET: 'x', EMPTY: '' };
    // Compose's syntax, not JavaScript's: `$` and `{` kept apart so that no template is meant.
    const $ = (text: string) => text.replaceAll('$(', '${');
    expect(interpolate($('$$SET $(SET} $SET $(UNSET:-d} $(EMPTY:-d} $(EMPTY-d} $(SET:+alt} $(UNSET+alt}'), env)).toBe(
      '$SET x x d d  alt ',
    );
    expect(() => interpolate($('$(EMPTY:?needed}'), env)).toThrow(/EMPTY is missing a value: needed/);
    expect(interpolate($('$(EMPTY?needed}'), env)).toBe('');
  });
});

describe('deploy/compose.yaml: the federation', () => {
  const envOf = (name: string) => compose.services[name]?.environment ?? {};

  it('one pinned PostgreSQL 16 per subgraph folder, each with its own volume and health check', () => {
    for (const { name } of all) {
      const database = compose.services[`postgres-${name}`];
      expect(database, name).toBeDefined();
      const image = imageReference(database?.image ?? '');
      expect(image.name).toBe('postgres');
      expect(isPinnedTag(image.tag) && image.tag?.startsWith('16.'), `${name}: ${database?.image}`).toBe(true);
      expect(database?.volumes).toEqual([`postgres-${name}:/var/lib/postgresql/data`]);
      expect(compose.volumes).toHaveProperty(`postgres-${name}`);
      expect(database?.healthcheck?.test?.join(' ')).toMatch(/pg_isready/);
      expect(database?.environment?.POSTGRES_DB).toBe(name);
    }
  });

  it('a migration job per subgraph, with the demo data, after its database is healthy', () => {
    for (const { name } of all) {
      const job = compose.services[`migrate-${name}`];
      expect(job?.command, name).toEqual(['node', '--import', 'tsx', 'src/main.ts', 'migrate']);
      expect(job?.environment?.SEED_DEMO_DATA).toBe('true');
      expect(job?.environment?.[`${name.toUpperCase()}_DATABASE_URL`]).toMatch(
        new RegExp(`^postgres://gzequip:[^@]+@postgres-${name}:5432/${name}$`),
      );
      expect(job?.depends_on).toEqual({ [`postgres-${name}`]: { condition: 'service_healthy' } });
      expect(job?.image).toBe(compose.services[name]?.image);
    }
  });

  it('each subgraph starts once its migrations are done, never migrates itself, and is healthy when ready', () => {
    for (const service of all) {
      const { name, port } = service;
      const subgraph = compose.services[name];
      expect(subgraph?.build, name).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile', target: name });
      expect(subgraph?.depends_on?.[`migrate-${name}`]).toEqual({ condition: 'service_completed_successfully' });
      const env = envOf(name);
      expect(env.MIGRATE_ON_START).toBe('false');
      expect(env[`${name.toUpperCase()}_DATABASE_URL`]).toBe(
        envOf(`migrate-${name}`)[`${name.toUpperCase()}_DATABASE_URL`],
      );
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(subgraph?.healthcheck?.test).toEqual(['CMD', 'node', '/usr/local/lib/gzequip/healthcheck.mjs', '/ready']);
      expect(subgraph?.ports, `${name} is reached through the gateway only`).toBeUndefined();
      expect(envOf('gateway')[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${port}/graphql`);
      expect(subgraph?.read_only).toBe(true);
    }
  });

  it('the gateway publishes 4000, finds only real subgraphs, and waits for them to be ready', () => {
    const gatewayService = compose.services.gateway;
    expect(gatewayService?.ports).toEqual([`4000:${gateway.port}`]);
    const urls = Object.keys(envOf('gateway')).filter((key) => /^[A-Z0-9]+_URL$/.test(key) && key !== 'REDIS_URL');
    expect(urls.sort()).toEqual(all.map(({ name }) => `${name.toUpperCase()}_URL`).sort());
    for (const { name } of all) expect(gatewayService?.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
  });

  it('the portal publishes 4100, points browsers at the gateway as they reach it, and the gateway lets its pages call it', () => {
    const portalService = compose.services.portal;
    const { port } = portal();
    expect(portalService?.build).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile', target: 'portal' });
    expect(portalService?.ports).toEqual([`${port}:${port}`]);
    expect(portalService?.read_only).toBe(true);
    expect(portalService?.healthcheck?.test).toEqual([
      'CMD',
      'node',
      '/usr/local/lib/gzequip/healthcheck.mjs',
      '/ready',
    ]);
    // The browser, not the portal, calls the gateway: at the host and port the gateway is published on.
    const graphUrl = new URL(envOf('portal').GRAPH_PUBLIC_URL as string);
    const [gatewayPublished] = (compose.services.gateway?.ports?.[0] ?? '').split(':');
    expect(graphUrl.port).toBe(gatewayPublished);
    expect(graphUrl.pathname).toBe('/graphql');
    // And the gateway lets the portal's page, on the same host at the portal's published port, call it.
    const [portalPublished] = (portalService?.ports?.[0] ?? '').split(':');
    const origins = (envOf('gateway').CORS_ORIGINS ?? '').split(',');
    expect(origins).toContain(`${graphUrl.protocol}//${graphUrl.hostname}:${portalPublished}`);
    for (const origin of origins) expect(new URL(origin).origin, origin).toBe(origin);
    // It needs nothing else to start: its page is in the image.
    expect(portalService?.depends_on).toBeUndefined();
  });

  it('every service with an image target runs from it', () => {
    const targets = Object.values(compose.services).map((service) => service.build?.target);
    expect(services().filter(({ name }) => !targets.includes(name))).toEqual([]);
    for (const { name } of services()) {
      expect(imageReference(compose.services[name]?.image ?? '').name, name).toBe(`gzequip/${name}`);
    }
  });

  it('every image is pinned or ours, never latest; every long-running service has a health check', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const image = imageReference(service.image ?? '');
      expect(image.tag, name).toBeDefined();
      expect(image.tag, name).not.toBe('latest');
      if (!image.name.startsWith('gzequip/')) expect(isPinnedTag(image.tag), `${name}: ${service.image}`).toBe(true);
      if (!name.startsWith('migrate-')) expect(service.healthcheck?.test, name).toBeDefined();
    }
  });

  it('every setting given to our services is one their code reads', () => {
    const problems: string[] = [];
    for (const [name, service] of Object.entries(compose.services)) {
      if (!service.build) continue;
      const target = service.build.target as string;
      for (const problem of unreadSettings(target, Object.keys(service.environment ?? {}))) {
        problems.push(`${name}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
