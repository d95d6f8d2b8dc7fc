/**
 * A subgraph reading the rest of the graph the way any client does: through the gateway, at
 * `GRAPH_URL`, as the public or with the bearer token its operator gave it. Used where a
 * subgraph must keep what other sources said at one moment (an assessment round's snapshot, an
 * integrity check); live reads use `@requires` instead.
 */
import { appError, ErrorCode } from './errors.ts';

export interface GraphClientOptions {
  /** The gateway's GraphQL endpoint; read when a query is sent, so a host can set it late. */
  url: () => string | undefined;
  /** A bearer token to send (a service account's, from the identity provider); none: the public. */
  token?: () => string | undefined;
  timeoutMs?: number;
}

interface GraphAnswer<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** SUBGRAPH_UNAVAILABLE: the graph could not answer, so nothing that depends on it is stored. */
function graphUnavailable(reason: string) {
  return appError(ErrorCode.SUBGRAPH_UNAVAILABLE, `The graph could not be read through the gateway: ${reason}`);
}

export class GraphClient {
  constructor(private readonly options: GraphClientOptions) {}

  /** The answer's data; any error in the answer fails the whole query (no partial snapshots). */
  async query<TData>(query: string, variables: Record<string, unknown> = {}): Promise<TData> {
    const url = this.options.url();
    if (!url) throw graphUnavailable('GRAPH_URL is not set (the gateway this subgraph reads the graph through)');
    const token = this.options.token?.();
    let answer: GraphAnswer<TData>;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
      answer = (await response.json()) as GraphAnswer<TData>;
    } catch (error) {
      throw graphUnavailable((error as Error).message);
    }
    const [first] = answer.errors ?? [];
    if (first || !answer.data) {
      throw graphUnavailable(first ? `${first.message} (${first.extensions?.code ?? 'no code'})` : 'no data');
    }
    return answer.data;
  }
}
