/**
 * How the gateway calls one subgraph. It sends none of the client's headers: only the caller's
 * claims, signed and bound to this exact request body, and the request id. Every call has a
 * timeout and shares the request's deadline and response-size budget; connections are kept
 * alive. When the subgraph does not answer, the gateway still answers: this call returns an
 * error placed at the first field the subgraph was asked for, and the rest of the graph is served.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  type Claims,
  ErrorCode,
  IDENTITY_HEADER,
  type Logger,
  PUBLIC_CLAIMS,
  REQUEST_ID_HEADER,
  signIdentity,
} from '@gzequip/kit/edge';
import { type FieldNode, type GraphQLFormattedError, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { Pool } from 'undici';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** Why a request's deadline signal fired. */
export class DeadlineExceeded extends Error {
  constructor(readonly limitMs: number) {
    super(`The request exceeded its ${limitMs} ms execution limit`);
  }
}
export class ClientGone extends Error {}

/** What one incoming request shares across all the subgraph calls it makes. */
export interface GatewayContext {
  claims: Claims;
  requestId: string;
  /** Fires at the request's execution limit, or when the client goes away. */
  deadline: AbortSignal;
  /** Bytes of subgraph responses this request may still receive. */
  responseBudget: { limit: number; remaining: number };
  /** One entry per subgraph call, for the request log. */
  fetches: FetchRecord[];
  /** Subgraphs that ran a mutation for this request (their cached answers are now stale). */
  mutated: Set<string>;
}

export type FetchOutcome = 'ok' | 'timeout' | 'unreachable' | 'bad_response' | 'too_large' | 'deadline' | 'cancelled';

export interface FetchRecord {
  subgraph: string;
  ms: number;
  outcome: FetchOutcome;
  bytes: number;
}

export interface SubgraphClientOptions {
  signingSecret: string;
  timeoutMs: number;
  logger: Logger;
  /** Called after every call, for metrics. */
  onFetch?: (record: FetchRecord) => void;
  /** Identical reads in flight for the same caller identity share one subgraph call. */
  deduplicate?: boolean;
}

class ResponseTooLarge extends Error {}
class SubgraphTimeout extends Error {}
/** The reason a call's own timer aborts it with. */
const TIMED_OUT = Symbol('subgraph timeout');

/** The caller's identity as a key: calls are shared only among callers with the same one. */
function identityKey(claims: Claims): string {
  return JSON.stringify([claims.userId, claims.role, claims.enterpriseId, claims.platformIds, claims.scopes]);
}

/** The promise's outcome, unless `signal` fires first (then its reason). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** How a network failure is told to clients: in words, without addresses. */
const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  UND_ERR_SOCKET: 'connection lost',
};

/** Failures of the connection itself, before any answer arrived: a read is safe to send again. */
const BROKEN_CONNECTION = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET']);

/** The response key of the first field a subgraph operation asks for, to place its failure. */
const firstFieldCache = new Map<string, string[]>();

function firstFieldPath(query: string, isEntityFetch: boolean): string[] {
  const cached = firstFieldCache.get(query);
  if (cached) return cached;
  const operation = parse(query).definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const firstField = (selections: readonly FieldNode['selectionSet'][] | undefined): FieldNode | undefined => {
    for (const set of selections ?? []) {
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD && selection.name.value !== '__typename') return selection;
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const found = firstField([selection.selectionSet]);
          if (found) return found;
        }
      }
    }
    return undefined;
  };
  const root = firstField([operation?.selectionSet]);
  const keyOf = (field: FieldNode | undefined) => field?.alias?.value ?? field?.name.value;
  // `_entities(...) { ... on Platform { latestAssessment } }`: the gateway maps index 0 to the first entity's path.
  const path = isEntityFetch
    ? ['_entities', 0, keyOf(firstField([root?.selectionSet]))].filter((part) => part !== undefined)
    : [keyOf(root)].filter((part) => part !== undefined);
  if (firstFieldCache.size > 10_000) firstFieldCache.clear();
  firstFieldCache.set(query, path as string[]);
  return path as string[];
}

export class SubgraphClient implements GraphQLDataSource<GatewayContext> {
  private readonly pool: Pool;
  private readonly path: string;
  /** Shared calls in flight, by caller identity and body. */
  private readonly inFlight = new Map<string, Promise<{ status: number; text: string; bytes: number }>>();

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly options: SubgraphClientOptions,
  ) {
    const target = new URL(url);
    this.path = `${target.pathname}${target.search}`;
    this.pool = new Pool(target.origin, { connections: 128, keepAliveTimeout: 30_000 });
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    // Health checks and schema loading (unused with a static supergraph) have no incoming request.
    const context = 'incomingRequestContext' in options ? options.incomingRequestContext.context : undefined;
    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      ...(request.operationName ? { operationName: request.operationName } : {}),
    });
    const isMutation = request.query?.startsWith('mutation') ?? false;
    if (isMutation) context?.mutated.add(this.name);

    const started = performance.now();
    const record = (outcome: FetchOutcome, bytes = 0) => {
      const entry = { subgraph: this.name, ms: Math.round((performance.now() - started) * 10) / 10, outcome, bytes };
      context?.fetches.push(entry);
      this.options.onFetch?.(entry);
    };
    const fail = (outcome: Exclude<FetchOutcome, 'ok'>, detail?: string) => {
      record(outcome);
      return this.failure(
        request.query ?? '',
        'representations' in (request.variables ?? {}),
        outcome,
        context,
        detail,
      );
    };

    if (context?.deadline.aborted) return fail(this.abortOutcome(context.deadline));
    const claims = context?.claims ?? PUBLIC_CLAIMS;
    // Identical reads for the same caller identity share one call while it is in flight; each
    // caller still waits only as long as its own deadline allows, and pays for the bytes itself.
    const key = this.options.deduplicate && !isMutation ? `${identityKey(claims)}\n${body}` : undefined;
    let answer = key ? this.inFlight.get(key) : undefined;
    if (!answer) {
      // A shared call is not cancelled with one of its callers; an own call is.
      const call = () => this.send(body, claims, context, key ? undefined : context?.deadline);
      // A read whose connection broke before any answer (a replica going away under a kept-alive
      // connection) is sent once more, on a new connection. A mutation is not: it may have run.
      answer = isMutation
        ? call()
        : call().catch((error: unknown) => {
            if (!BROKEN_CONNECTION.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
            this.options.logger.debug(
              { err: error, subgraph: this.name },
              'subgraph connection broke; read sent again',
            );
            return call();
          });
      if (key) {
        const shared = answer;
        this.inFlight.set(key, shared);
        void shared.then(
          () => this.inFlight.delete(key),
          () => this.inFlight.delete(key),
        );
      }
    }

    let status: number;
    let text: string;
    let bytes: number;
    try {
      ({ status, text, bytes } = await (context ? untilAborted(answer, context.deadline) : answer));
      if (context) {
        context.responseBudget.remaining -= bytes;
        if (context.responseBudget.remaining < 0) throw new ResponseTooLarge();
      }
    } catch (error) {
      if (error instanceof ResponseTooLarge) return fail('too_large');
      if (context?.deadline.aborted) return fail(this.abortOutcome(context.deadline));
      if (error instanceof SubgraphTimeout) return fail('timeout');
      this.options.logger.warn(
        { err: error, subgraph: this.name, requestId: context?.requestId },
        'subgraph unreachable',
      );
      return fail('unreachable', NETWORK_ERRORS[(error as NodeJS.ErrnoException).code ?? '']);
    }

    let parsed: GatewayGraphQLResponse | undefined;
    try {
      const value = JSON.parse(text) as unknown;
      // An answer with `data` is an executed operation, whatever its status (a resolver's
      // FORBIDDEN sets 403); one without, on an error status, is a refused request — ours to fix,
      // unless it refused a value the client sent (a custom scalar such as Fen checks values the
      // gateway passes through unchecked): that is the client's BAD_USER_INPUT.
      if (
        value &&
        typeof value === 'object' &&
        ('data' in value || ('errors' in value && (status < 300 || refusesClientValues(value))))
      ) {
        parsed = value as GatewayGraphQLResponse;
      }
    } catch {}
    if (!parsed) {
      // Not a GraphQL answer, or one the subgraph refused (a wrong signing secret, a gateway bug): ours to fix.
      this.options.logger.error(
        { subgraph: this.name, status, body: text.slice(0, 500), requestId: context?.requestId },
        'subgraph answered with an error status or a body that is not GraphQL',
      );
      return fail('bad_response', `HTTP ${status}`);
    }
    record('ok', bytes);
    return parsed;
  }

  /**
   * One HTTP call: the claims signed for this exact body, the answer read whole up to the
   * request's response limit. Rejects with SubgraphTimeout at the subgraph timeout, and with the
   * deadline's reason when `cancelledBy` fires first.
   */
  private async send(
    body: string,
    claims: Claims,
    context: GatewayContext | undefined,
    cancelledBy: AbortSignal | undefined,
  ): Promise<{ status: number; text: string; bytes: number }> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: signIdentity(claims, this.options.signingSecret, body),
    };
    if (context) headers[REQUEST_ID_HEADER] = context.requestId;
    // One controller and one timer per call: AbortSignal.timeout and AbortSignal.any cost several
    // times as much, which shows at sixteen calls a query.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMED_OUT), this.options.timeoutMs);
    const cancel = () => controller.abort(cancelledBy?.reason);
    cancelledBy?.addEventListener('abort', cancel, { once: true });
    try {
      const response = await this.pool.request({
        path: this.path,
        method: 'POST',
        headers,
        body,
        signal: controller.signal,
      });
      const chunks: Buffer[] = [];
      let received = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        received += chunk.length;
        if (context && received > context.responseBudget.limit) {
          response.body.destroy();
          throw new ResponseTooLarge();
        }
        chunks.push(chunk);
      }
      return { status: response.statusCode, text: Buffer.concat(chunks, received).toString('utf8'), bytes: received };
    } catch (error) {
      if (controller.signal.reason === TIMED_OUT && !(error instanceof ResponseTooLarge)) throw new SubgraphTimeout();
      throw error;
    } finally {
      clearTimeout(timer);
      cancelledBy?.removeEventListener('abort', cancel);
    }
  }

  private abortOutcome(signal: AbortSignal): 'deadline' | 'cancelled' {
    return signal.reason instanceof DeadlineExceeded ? 'deadline' : 'cancelled';
  }

  /**
   * The subgraph's part is missing: one error, at the first field it was asked for (the gateway
   * turns `_entities` paths into the client's), saying what happened and nothing of its address.
   */
  private failure(
    query: string,
    isEntityFetch: boolean,
    outcome: Exclude<FetchOutcome, 'ok'>,
    context: GatewayContext | undefined,
    detail?: string,
  ): GatewayGraphQLResponse {
    const error: GraphQLFormattedError = {
      ...this.describe(outcome, context, detail),
      path: firstFieldPath(query, isEntityFetch),
    };
    return { data: null, errors: [error] };
  }

  private describe(
    outcome: Exclude<FetchOutcome, 'ok'>,
    context: GatewayContext | undefined,
    detail?: string,
  ): Omit<GraphQLFormattedError, 'path'> {
    const fields = `the fields it provides are null, the rest of the answer is complete`;
    switch (outcome) {
      case 'too_large': {
        const limit = context?.responseBudget.limit ?? 0;
        return {
          message: `The answer would exceed the ${limit}-byte response limit; ask for smaller pages or fewer fields`,
          extensions: {
            code: ErrorCode.OPERATION_LIMIT_EXCEEDED,
            limit: 'responseBytes',
            max: limit,
            subgraph: this.name,
          },
        };
      }
      case 'deadline': {
        const limitMs = (context?.deadline.reason as DeadlineExceeded | undefined)?.limitMs ?? 0;
        return {
          message: `The request exceeded its ${limitMs} ms execution limit before the ${this.name} source answered; ${fields}`,
          extensions: {
            code: ErrorCode.OPERATION_LIMIT_EXCEEDED,
            limit: 'executionMs',
            max: limitMs,
            subgraph: this.name,
          },
        };
      }
      case 'timeout':
        return {
          message: `The ${this.name} source did not answer within ${this.options.timeoutMs} ms; ${fields}`,
          extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: this.name, reason: 'timeout' },
        };
      case 'cancelled':
        return {
          message: 'The request was cancelled by the client',
          extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: this.name, reason: 'cancelled' },
        };
      default:
        return {
          message: `The ${this.name} source is unavailable${detail ? ` (${detail})` : ''}; ${fields}`,
          extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: this.name, reason: outcome },
        };
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** A subgraph's 400 whose every error is BAD_USER_INPUT: it refused a variable the client sent. */
function refusesClientValues(value: object): boolean {
  const errors = (value as { errors?: unknown }).errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((error) => (error as { extensions?: { code?: unknown } })?.extensions?.code === 'BAD_USER_INPUT')
  );
}
