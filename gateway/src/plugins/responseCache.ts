/**
 * The response cache. A query's answer is kept (Redis when configured, else this process's
 * memory) under a key made of the operation, its variables, the caller's claims — so only
 * callers who see the same data share an answer — and the data version of every subgraph the
 * operation reads from. A mutation through the gateway bumps the version of the subgraph that
 * ran it, so every cached answer that read from that subgraph is stale from that moment on;
 * because the versions are read before the query runs, an answer computed from old data can
 * never be stored under a current key. Identical queries in flight at once, from callers with
 * the same claims, are answered by one execution.
 */
import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, type GraphQLRequestContextWillSendResponse, HeaderMap } from '@apollo/server';
import type { Claims, RedisClient } from '@gzequip/kit/edge';
import type { DocumentNode, FormattedExecutionResult, GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { type SupergraphFacts, selectedFields } from '../supergraph.ts';

export interface CacheStore {
  /** The current data version of each subgraph (0 until its first mutation). */
  versions(subgraphs: readonly string[]): Promise<number[]>;
  bump(subgraphs: readonly string[]): Promise<void>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

export class RedisCacheStore implements CacheStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  /**
   * The versions are read together (MGET) and moved on together (MULTI): on a Cluster, keys used
   * in one command must hash to one slot, so they share the hash tag `{version}`. (A REDIS_PREFIX
   * with a `{…}` of its own puts every key in its slot, which works too.)
   */
  private versionKey(subgraph: string): string {
    return `${this.prefix}rc:{version}:${subgraph}`;
  }

  async versions(subgraphs: readonly string[]): Promise<number[]> {
    if (subgraphs.length === 0) return [];
    const values = await this.redis.mget(subgraphs.map((name) => this.versionKey(name)));
    return values.map((value) => Number(value ?? 0));
  }

  async bump(subgraphs: readonly string[]): Promise<void> {
    const batch = this.redis.multi();
    for (const name of subgraphs) batch.incr(this.versionKey(name));
    await batch.exec();
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}rc:answer:${key}`)) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(`${this.prefix}rc:answer:${key}`, value, 'EX', ttlSeconds);
  }
}

export class MemoryCacheStore implements CacheStore {
  private readonly subgraphVersions = new Map<string, number>();
  private readonly answers = new LRUCache<string, string>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (v) => v.length,
  });

  async versions(subgraphs: readonly string[]): Promise<number[]> {
    return subgraphs.map((name) => this.subgraphVersions.get(name) ?? 0);
  }

  async bump(subgraphs: readonly string[]): Promise<void> {
    for (const name of subgraphs) this.subgraphVersions.set(name, (this.subgraphVersions.get(name) ?? 0) + 1);
  }

  async get(key: string): Promise<string | undefined> {
    return this.answers.get(key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.answers.set(key, value, { ttl: ttlSeconds * 1000 });
  }
}

export type CacheEvent = 'hit' | 'miss' | 'shared' | 'store' | 'invalidate' | 'error';

export interface ResponseCacheOptions {
  store: CacheStore;
  ttlSeconds: number;
  facts: SupergraphFacts;
  onEvent?: (event: CacheEvent, error?: unknown) => void;
}

interface CachingContext {
  claims: Claims;
  mutated: Set<string>;
  deadline: AbortSignal;
}

/**
 * The subgraphs whose data an answer to the document holds. A field several subgraphs resolve
 * (a key, a shareable value) is the same wherever it comes from, and the object holding it was
 * fetched through a field that is counted: it adds no dependency of its own — except at the root.
 */
function subgraphsReadBy(schema: GraphQLSchema, document: DocumentNode, facts: SupergraphFacts): string[] {
  const subgraphs = new Set<string>();
  const roots = new Set([schema.getQueryType(), schema.getMutationType()].map((type) => type?.name));
  for (const { parentType, facts: field } of selectedFields(schema, document, facts)) {
    const resolvedBy = field?.subgraphs ?? [];
    if (resolvedBy.length === 1 || roots.has(parentType)) for (const name of resolvedBy) subgraphs.add(name);
  }
  return [...subgraphs].sort();
}

function visibilityOf(claims: Claims): string {
  return JSON.stringify([
    claims.role,
    claims.userId,
    claims.enterpriseId,
    [...claims.platformIds].sort(),
    [...claims.scopes].sort(),
  ]);
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` variables share a key. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const CACHE_HEADER = 'x-cache';

function answer(result: FormattedExecutionResult, how: 'HIT' | 'SHARED') {
  return {
    http: { status: 200, headers: new HeaderMap([[CACHE_HEADER, how]]) },
    body: { kind: 'single' as const, singleResult: result },
  };
}

export function useResponseCache<TContext extends CachingContext>({
  store,
  ttlSeconds,
  facts,
  onEvent,
}: ResponseCacheOptions): ApolloServerPlugin<TContext> {
  const subgraphsOf = new WeakMap<DocumentNode, string[]>();
  const inFlight = new Map<string, Promise<FormattedExecutionResult | null>>();

  async function invalidate(context: TContext): Promise<void> {
    if (context.mutated.size === 0) return;
    try {
      await store.bump([...context.mutated]);
      onEvent?.('invalidate');
    } catch (error) {
      onEvent?.('error', error);
    }
  }

  return {
    async requestDidStart() {
      let leader: { key: string; settle: (result: FormattedExecutionResult | null) => void } | undefined;
      return {
        async responseForOperation({ operation, document, schema, queryHash, operationName, request, contextValue }) {
          if (operation.operation !== 'query') return null;
          let read = subgraphsOf.get(document);
          if (!read) {
            read = subgraphsReadBy(schema, document, facts);
            subgraphsOf.set(document, read);
          }
          let key: string;
          try {
            const versions = await store.versions(read);
            key = createHash('sha256')
              .update(
                [
                  visibilityOf(contextValue.claims),
                  queryHash,
                  operationName ?? '',
                  stableJson(request.variables ?? {}),
                  read.map((name, i) => `${name}@${versions[i]}`).join(','),
                ].join('\n'),
              )
              .digest('base64url');
          } catch (error) {
            // The cache is an optimisation: without it, the query simply runs.
            onEvent?.('error', error);
            return null;
          }
          // Joined before anything else is awaited, so that callers arriving together find each other.
          const running = inFlight.get(key);
          if (running) {
            const deadline = new Promise<null>((resolve) => {
              contextValue.deadline.addEventListener('abort', () => resolve(null), { once: true });
            });
            const shared = await Promise.race([running, deadline]);
            if (!shared) return null;
            onEvent?.('shared');
            return answer(shared, 'SHARED');
          }
          let settle!: (result: FormattedExecutionResult | null) => void;
          inFlight.set(
            key,
            new Promise((resolve) => {
              settle = resolve;
            }),
          );
          leader = { key, settle };
          let cached: string | undefined;
          try {
            cached = await store.get(key);
          } catch (error) {
            onEvent?.('error', error);
          }
          if (cached !== undefined) {
            const result = JSON.parse(cached) as FormattedExecutionResult;
            inFlight.delete(key);
            settle(result);
            leader = undefined;
            onEvent?.('hit');
            return answer(result, 'HIT');
          }
          onEvent?.('miss');
          return null;
        },

        async willSendResponse(requestContext: GraphQLRequestContextWillSendResponse<TContext>) {
          await invalidate(requestContext.contextValue);
          if (!leader) return;
          const { key, settle } = leader;
          inFlight.delete(key);
          const { body, http } = requestContext.response;
          http.headers.set(CACHE_HEADER, 'MISS');
          // Only a complete answer is kept or shared; a partial one is each caller's own to retry.
          if (body.kind !== 'single' || body.singleResult.errors?.length || (http.status ?? 200) !== 200) {
            settle(null);
            return;
          }
          settle(body.singleResult);
          try {
            await store.set(key, JSON.stringify(body.singleResult), ttlSeconds);
            onEvent?.('store');
          } catch (error) {
            onEvent?.('error', error);
          }
        },
      };
    },
  };
}
