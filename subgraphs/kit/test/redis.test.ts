import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { Cluster, Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedis, parseRedisUrl, type RedisClient, RedisReplayStore, RedisUrlError } from '../src/redis.ts';

const made: RedisClient[] = [];
/** A client that never connects (lazyConnect), to see what ioredis was given. */
function lazy(url: string): RedisClient {
  const client = createRedis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  made.push(client);
  return client;
}

afterEach(() => {
  for (const client of made.splice(0)) client.disconnect();
});

describe('REDIS_URL: one server', () => {
  it('reads redis://host:port, with the default port, a database and credentials', () => {
    expect(parseRedisUrl('redis://cache.internal:6380')).toMatchObject({
      mode: 'standalone',
      host: 'cache.internal',
      port: 6380,
      db: 0,
      tls: false,
    });
    expect(parseRedisUrl('redis://cache.internal')).toMatchObject({ port: 6379 });
    expect(parseRedisUrl('redis://app:p%40ss%2Fw@cache.internal:6380/4')).toMatchObject({
      username: 'app',
      password: 'p@ss/w',
      db: 4,
    });
    expect(parseRedisUrl('redis://[::1]:6390')).toMatchObject({ host: '::1', port: 6390 });

    const client = lazy('redis://app:p%40ss%2Fw@cache.internal:6380/4') as Redis;
    expect(client).toBeInstanceOf(Redis);
    expect(client.options).toMatchObject({
      host: 'cache.internal',
      port: 6380,
      db: 4,
      username: 'app',
      password: 'p@ss/w',
      maxRetriesPerRequest: 1,
    });
    expect(client.options.tls).toBeFalsy();
  });

  it('reads rediss:// as the same over TLS', () => {
    expect(parseRedisUrl('rediss://:secret@cache.internal:6380/1')).toMatchObject({
      mode: 'standalone',
      tls: true,
      password: 'secret',
      db: 1,
    });
    const client = lazy('rediss://:secret@cache.internal:6380/1') as Redis;
    expect(client.options.tls).toBeTruthy();
    expect(client.options).toMatchObject({ host: 'cache.internal', port: 6380, password: 'secret', db: 1 });
  });
});

describe('REDIS_URL: Sentinel', () => {
  it('reads the Sentinels, the master, the database and both passwords', () => {
    const url = 'redis-sentinel://app:pw@s1.internal:26380,s2.internal,[::1]:26381/orders?db=3&sentinelPassword=sp';
    expect(parseRedisUrl(url)).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: 's1.internal', port: 26380 },
        { host: 's2.internal', port: 26379 },
        { host: '::1', port: 26381 },
      ],
      name: 'orders',
      db: 3,
      username: 'app',
      password: 'pw',
      sentinelPassword: 'sp',
    });
    const client = lazy(url) as Redis;
    expect(client).toBeInstanceOf(Redis);
    expect(client.options).toMatchObject({
      sentinels: [
        { host: 's1.internal', port: 26380 },
        { host: 's2.internal', port: 26379 },
        { host: '::1', port: 26381 },
      ],
      name: 'orders',
      db: 3,
      username: 'app',
      password: 'pw',
      sentinelPassword: 'sp',
      maxRetriesPerRequest: 1,
    });
  });

  it('takes database 0 and no credentials when none are given', () => {
    expect(parseRedisUrl('redis-sentinel://s1:26379/mymaster')).toEqual({
      mode: 'sentinel',
      sentinels: [{ host: 's1', port: 26379 }],
      name: 'mymaster',
      db: 0,
    });
  });
});

describe('REDIS_URL: Cluster', () => {
  it('reads the nodes and the credentials every connection uses', () => {
    expect(parseRedisUrl('redis-cluster://app:pw@n1:7000,n2:7001,n3')).toEqual({
      mode: 'cluster',
      nodes: [
        { host: 'n1', port: 7000 },
        { host: 'n2', port: 7001 },
        { host: 'n3', port: 6379 },
      ],
      username: 'app',
      password: 'pw',
    });
    const client = lazy('redis-cluster://app:pw@n1:7000,n2:7001/') as Cluster;
    expect(client).toBeInstanceOf(Cluster);
    expect(client.options.redisOptions).toMatchObject({ username: 'app', password: 'pw', maxRetriesPerRequest: 1 });
  });
});

describe('REDIS_URL that names no usable Redis', () => {
  const refused: [string, RegExp][] = [
    ['http://cache.internal:6379', /scheme "http:\/\/"/],
    ['cache.internal:6379', /not a URL/],
    ['redis://', /no host/],
    ['redis://:secret@', /no host/],
    ['redis://:secret@cache:99999', /port "99999"/],
    ['redis://cache:abc', /port "abc"/],
    ['redis://cache/two', /database "two"/],
    ['redis://:secret@a:6379,b:6379', /names one server/],
    ['redis-sentinel://:secret@s1:26379', /no master/],
    ['redis-sentinel://:secret@s1:26379/', /no master/],
    ['redis-sentinel://s1:26379,/mymaster', /empty entry/],
    ['redis-sentinel://s1/mymaster?db=x', /database "x"/],
    ['redis-sentinel://s1/mymaster?password=secret', /parameter "password"/],
    ['redis-cluster://', /no host/],
    ['redis-cluster://:secret@n1:7000/1', /only database 0/],
    ['redis-cluster://n1:7000?db=1', /parameter "db"/],
    ['redis://us%zz:secret@cache', /not percent-encoded/],
    ['redis://[::1:6379', /does not close/],
  ];

  it.each(refused)(
    'refuses %s in one line that names REDIS_URL, the accepted forms, and no password',
    (url, reason) => {
      let error: unknown;
      try {
        parseRedisUrl(url);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(RedisUrlError);
      const { message } = error as Error;
      expect(message).toMatch(/^REDIS_URL is not usable: /);
      expect(message).toMatch(reason);
      expect(message).not.toContain('\n');
      expect(message).not.toContain('secret');
      for (const form of ['redis://', 'rediss://', 'redis-sentinel://', 'redis-cluster://'])
        expect(message).toContain(form);
    },
  );

  it('is refused by createRedis before any connection is made', () => {
    expect(() => createRedis('redis-sentinel://:secret@s1:26379')).toThrow(RedisUrlError);
  });
});

describe('the replay store in Redis', () => {
  it.skipIf(!process.env.REDIS_URL)(
    'says OK to the first use of an id only, and forgets it after its lifetime',
    async () => {
      const redis = createRedis(process.env.REDIS_URL as string, { maxRetriesPerRequest: 1 });
      made.push(redis);
      const prefix = `gzequip-test:${randomUUID()}:`;
      const replays = new RedisReplayStore(redis, { prefix, lifetimeMs: 300 });
      expect(await replays.firstUse('a')).toBe(true);
      expect(await replays.firstUse('a')).toBe(false);
      expect(await replays.firstUse('b')).toBe(true);
      const ttl = await redis.pttl(`${prefix}identity:a`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(300);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(await replays.firstUse('a')).toBe(true);
    },
  );

  it('keeps an id for two header lifetimes by default', async () => {
    const calls: unknown[][] = [];
    const recorder = { set: async (...args: unknown[]) => calls.push(args) && 'OK' } as unknown as RedisClient;
    await new RedisReplayStore(recorder, { prefix: 'p:' }).firstUse('id-1');
    expect(calls).toEqual([['p:identity:id-1', '1', 'PX', 20_000, 'NX']]);
  });

  it('rejects, rather than answer, when Redis refuses connections or does not answer', async () => {
    // A port where nothing listens.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = createRedis(`redis://127.0.0.1:${closedPort}`, { maxRetriesPerRequest: 1 });
    refused.on('error', () => {});
    made.push(refused);
    await expect(new RedisReplayStore(refused).firstUse('x')).rejects.toThrow();

    // A server that takes the connection and never says a word.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const mute = createRedis(`redis://127.0.0.1:${(silent.address() as { port: number }).port}`, {
        maxRetriesPerRequest: 1,
      });
      mute.on('error', () => {});
      made.push(mute);
      const started = Date.now();
      await expect(new RedisReplayStore(mute, { timeoutMs: 200 }).firstUse('x')).rejects.toThrow(/within 200 ms/);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
