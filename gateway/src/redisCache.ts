import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { Redis } from 'ioredis';

/**
 * Apollo Server's cache (automatic persisted queries) on Redis, so that every gateway replica
 * knows a query another one registered. Keys are namespaced; entries expire (default a day).
 */
export class RedisCache implements KeyValueCache<string> {
  readonly client: Redis;

  constructor(
    url: string,
    private readonly prefix = 'gzequip:gateway:',
    private readonly defaultTtlSeconds = 86_400,
  ) {
    this.client = new Redis(url, { maxRetriesPerRequest: 2 });
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl ?? this.defaultTtlSeconds;
    if (ttl > 0) await this.client.set(this.prefix + key, value, 'EX', Math.ceil(ttl));
    else await this.client.set(this.prefix + key, value);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.client.del(this.prefix + key)) > 0;
  }

  async close(): Promise<void> {
    await this.client.quit();
  }
}
