/**
 * Every Redis client the project makes comes from `createRedis`, so that each topology an
 * operator may run works wherever Redis is used (the gateway's caches and rate limits, the
 * subgraphs' replay store):
 *
 *   redis://[user:pass@]host:port[/db]          one server (ioredis reads the URL itself)
 *   rediss://[user:pass@]host:port[/db]         the same over TLS
 *   redis-sentinel://[user:pass@]host:26379,host:26379/<master>[?db=N&sentinelPassword=…]
 *                                               the master that these Sentinels name
 *   redis-cluster://[user:pass@]host:6379,host:6379
 *                                               a Redis Cluster, found from these nodes
 *
 * In a Cluster, keys a command or transaction uses together must hash to one slot: give them
 * one hash tag (`{…}` in the key, see the response cache's version keys).
 */
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import { IDENTITY_TTL_SECONDS, type ReplayStore } from './identity.ts';
import type { Logger } from './logger.ts';

export type RedisClient = Redis | Cluster;

/** Options for every connection a client makes, whatever the topology (`maxRetriesPerRequest`, …). */
export type RedisClientOptions = NonNullable<ClusterOptions['redisOptions']>;

/** What namespaces every key the project keeps in Redis, unless REDIS_PREFIX says otherwise. */
export const DEFAULT_REDIS_PREFIX = 'gzequip:';

export interface RedisAddress {
  host: string;
  port: number;
}

interface Credentials {
  username?: string;
  password?: string;
}

/** What a REDIS_URL names. The standalone form keeps the URL: ioredis reads it (and its query) itself. */
export type RedisTopology =
  | ({ mode: 'standalone'; url: string; tls: boolean; db: number } & RedisAddress & Credentials)
  | ({
      mode: 'sentinel';
      sentinels: RedisAddress[];
      /** The master's name in the Sentinels' configuration. */
      name: string;
      db: number;
      sentinelUsername?: string;
      sentinelPassword?: string;
    } & Credentials)
  | ({ mode: 'cluster'; nodes: RedisAddress[] } & Credentials);

const ACCEPTED =
  'redis://[user:pass@]host:port[/db], rediss://[user:pass@]host:port[/db] (TLS), ' +
  'redis-sentinel://[user:pass@]host:26379,host:26379/<master>[?db=N&sentinelPassword=...], ' +
  'redis-cluster://[user:pass@]host:6379,host:6379';

/** A REDIS_URL that names no usable Redis. The message never repeats the URL (it may hold a password). */
export class RedisUrlError extends Error {
  constructor(reason: string) {
    super(`REDIS_URL is not usable: ${reason}. Accepted forms: ${ACCEPTED}`);
    this.name = 'RedisUrlError';
  }
}

const DEFAULT_PORTS = { redis: 6379, rediss: 6379, 'redis-sentinel': 26379, 'redis-cluster': 6379 } as const;
type Scheme = keyof typeof DEFAULT_PORTS;

function decoded(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new RedisUrlError(`the ${what} is not percent-encoded as a URL needs`);
  }
}

function addressOf(text: string, defaultPort: number): RedisAddress {
  let host = text;
  let port: string | undefined;
  if (text.startsWith('[')) {
    // An IPv6 address: [::1]:6379
    const close = text.indexOf(']');
    if (close < 0) throw new RedisUrlError(`the address "${text}" opens a "[" it does not close`);
    host = text.slice(1, close);
    const after = text.slice(close + 1);
    if (after && !after.startsWith(':')) throw new RedisUrlError(`the address "${text}" is not host:port`);
    port = after ? after.slice(1) : undefined;
  } else {
    const colon = text.indexOf(':');
    if (colon >= 0) {
      host = text.slice(0, colon);
      port = text.slice(colon + 1);
    }
  }
  if (!host) throw new RedisUrlError(`the address "${text}" has no host`);
  if (port === undefined) return { host, port: defaultPort };
  const number = /^\d{1,5}$/.test(port) ? Number(port) : 0;
  if (number < 1 || number > 65_535) {
    throw new RedisUrlError(`the port "${port}" of "${text}" is not a number from 1 to 65535`);
  }
  return { host, port: number };
}

function database(text: string): number {
  if (!/^\d+$/.test(text)) throw new RedisUrlError(`the database "${text}" is not a whole number`);
  return Number(text);
}

/** Reads a REDIS_URL; throws RedisUrlError, naming what is wrong, for one that names no usable Redis. */
export function parseRedisUrl(url: string): RedisTopology {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(url);
  if (!match) throw new RedisUrlError('it is not a URL (scheme://…)');
  const scheme = (match[1] as string).toLowerCase();
  if (!Object.hasOwn(DEFAULT_PORTS, scheme)) throw new RedisUrlError(`unknown scheme "${scheme}://"`);
  const defaultPort = DEFAULT_PORTS[scheme as Scheme];
  const rest = (match[2] as string).replace(/#.*$/s, '');

  // As in any URL (and ioredis's own reading): the authority ends at the first "/" or "?", and
  // a user or password holding one of "/?#@" has it percent-encoded.
  const end = rest.search(/[/?]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const tail = end < 0 ? '' : rest.slice(end);
  const at = authority.lastIndexOf('@');
  const credentials: Credentials = {};
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    const username = decoded(colon < 0 ? userinfo : userinfo.slice(0, colon), 'user name');
    const password = colon < 0 ? '' : decoded(userinfo.slice(colon + 1), 'password');
    if (username) credentials.username = username;
    if (password) credentials.password = password;
  }
  const hostList = authority.slice(at + 1);
  if (!hostList) throw new RedisUrlError('it names no host');
  const addresses = hostList.split(',').map((host) => {
    if (!host) throw new RedisUrlError('its list of hosts has an empty entry');
    return addressOf(host, defaultPort);
  });
  const question = tail.indexOf('?');
  const path = question < 0 ? tail : tail.slice(0, question);
  const query = new URLSearchParams(question < 0 ? '' : tail.slice(question + 1));
  const only = (known: string[]) => {
    for (const key of query.keys()) {
      if (!known.includes(key)) {
        throw new RedisUrlError(
          `the parameter "${key}" is not one a ${scheme}:// URL takes${known.length ? ` (${known.join(', ')})` : ''}`,
        );
      }
    }
  };

  if (scheme === 'redis' || scheme === 'rediss') {
    const [address] = addresses;
    if (!address || addresses.length > 1) {
      throw new RedisUrlError(
        `a ${scheme}:// URL names one server; for several, use redis-sentinel:// or redis-cluster://`,
      );
    }
    const db = path.length > 1 ? database(path.slice(1)) : 0;
    return { mode: 'standalone', url, tls: scheme === 'rediss', ...address, db, ...credentials };
  }

  if (scheme === 'redis-sentinel') {
    const name = decoded(path.slice(1), "master's name");
    if (!name) throw new RedisUrlError("it names no master after the Sentinels' addresses (…/<master>)");
    only(['db', 'sentinelPassword', 'sentinelUsername']);
    const db = query.get('db');
    const sentinelUsername = query.get('sentinelUsername');
    const sentinelPassword = query.get('sentinelPassword');
    return {
      mode: 'sentinel',
      sentinels: addresses,
      name,
      db: db === null ? 0 : database(db),
      ...credentials,
      ...(sentinelUsername ? { sentinelUsername } : {}),
      ...(sentinelPassword ? { sentinelPassword } : {}),
    };
  }

  if (path.length > 1) throw new RedisUrlError('a redis-cluster:// URL has no database: a Cluster has only database 0');
  only([]);
  return { mode: 'cluster', nodes: addresses, ...credentials };
}

/**
 * A client for the Redis that `url` names (see the forms above); `options` apply to every
 * connection it makes. Throws RedisUrlError, before connecting, for a URL that names no usable Redis.
 */
export function createRedis(url: string, options: RedisClientOptions = {}): RedisClient {
  const topology = parseRedisUrl(url);
  switch (topology.mode) {
    case 'standalone':
      return new Redis(url, options);
    case 'sentinel': {
      const { mode: _mode, sentinels, ...sentinel } = topology;
      return new Redis({ ...options, ...sentinel, sentinels } satisfies RedisOptions);
    }
    case 'cluster': {
      const { nodes, username, password } = topology;
      const cluster = new Cluster(nodes, {
        ...(options.lazyConnect ? { lazyConnect: true } : {}),
        redisOptions: { ...options, ...(username ? { username } : {}), ...(password ? { password } : {}) },
      });
      if (typeof options.maxRetriesPerRequest === 'number') {
        // A Cluster that lost every node holds commands until it is back, whatever
        // maxRetriesPerRequest says (that bounds one node's connection). A caller that bounds
        // retries wants an answer, not a wait: once connected, commands fail at once while the
        // Cluster is away (before, they wait for the first connection, as on one server).
        cluster.once('ready', () => {
          cluster.options.enableOfflineQueue = false;
        });
      }
      return cluster;
    }
  }
}

export interface RedisReplayStoreOptions {
  /** Namespaces the keys (REDIS_PREFIX); `identity:<id>` follows it. */
  prefix?: string;
  /**
   * How long an id is kept: twice a header's lifetime, so that a replica whose clock is behind
   * the one that accepted it (and so takes the header as unexpired for longer) still finds it.
   */
  lifetimeMs?: number;
  /** How long to wait for Redis before the request is refused (see verifyIdentity). */
  timeoutMs?: number;
}

/**
 * The ids of accepted identity headers in Redis, shared by every replica of every subgraph that
 * uses it: `SET <prefix>identity:<id> 1 NX PX <lifetime>` answers OK only to the first use. One
 * key per command, so it works on a Cluster as on one server.
 */
export class RedisReplayStore implements ReplayStore {
  private readonly prefix: string;
  private readonly lifetimeMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly redis: RedisClient,
    {
      prefix = DEFAULT_REDIS_PREFIX,
      lifetimeMs = 2 * IDENTITY_TTL_SECONDS * 1000,
      timeoutMs = 1_000,
    }: RedisReplayStoreOptions = {},
  ) {
    this.prefix = prefix;
    this.lifetimeMs = lifetimeMs;
    this.timeoutMs = timeoutMs;
  }

  async firstUse(id: string): Promise<boolean> {
    // A Cluster that lost every node holds commands until it is back; a request does not wait for that.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const reply = await Promise.race([
        this.redis.set(`${this.prefix}identity:${id}`, '1', 'PX', this.lifetimeMs, 'NX'),
        timeout,
      ]);
      return reply === 'OK';
    } finally {
      clearTimeout(timer);
    }
  }
}

export interface SharedReplays {
  replays: RedisReplayStore;
  /** Quits the Redis client; after the servers that use the store have closed. */
  close(): Promise<void>;
}

/**
 * The replay store every subgraph of a deployment shares when REDIS_URL is set (REDIS_PREFIX
 * namespaces it, as for the gateway); undefined without REDIS_URL (then each process keeps its
 * own in memory). Throws RedisUrlError for a REDIS_URL that names no usable Redis.
 */
export function replayStoreFromEnv(env: NodeJS.ProcessEnv, logger: Logger): SharedReplays | undefined {
  if (!env.REDIS_URL) return undefined;
  const redis = createRedis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', (error: unknown) => logger.warn({ err: error }, 'redis unavailable'));
  return {
    replays: new RedisReplayStore(redis, { prefix: env.REDIS_PREFIX || DEFAULT_REDIS_PREFIX }),
    close: async () => {
      await redis.quit().catch(() => {});
    },
  };
}
