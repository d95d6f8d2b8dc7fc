import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Logger, RedisClient } from '@gzequip/kit/edge';

/**
 * Apollo Server's cache (automatic persisted queries) on Redis, so that every gateway replica
 * knows a query another one registered. Keys are namespaced; entries expire (default a day).
 * Redis being away is a cache miss, never a failed request.
 */
export class RedisCache implements KeyValueCache<string> {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly defaultTtlSeconds = 86_400,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.client.get(this.prefix + key)) ?? undefined;
    } catch (error) {
      this.logger.warn({ err: error }, 'persisted-query cache unavailable');
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl ?? this.defaultTtlSeconds;
    try {
      if (ttl > 0) await this.client.set(this.prefix + key, value, 'EX', Math.ceil(ttl));
      else await this.client.set(this.prefix + key, value);
    } catch (error) {
      this.logger.warn({ err: error }, 'persisted-query cache unavailable');
    }
  }

  async delete(key: string): Promise<boolean> {
    return (await this.client.del(this.prefix + key)) > 0;
  }
}
