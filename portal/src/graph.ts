/**
 * The portal's only way to data: operations to the gateway. Each is a typed document generated
 * by GraphQL Code Generator (src/graphql), sent as a persisted query: its SHA-256 hash, which a
 * gateway running only the portal's manifest (safelist mode) looks up, and the text it is the hash
 * of, which any other gateway runs.
 */
import type { TypedDocumentString } from './graphql/graphql.ts';
import { session, signOut } from './session.ts';

/**
 * What a page's `graphql(`…`)` is in the built portal (vite.config.ts, inlineOperations): the
 * operation's hash and the text hashed, in the chunk of the page that sends it.
 */
interface BuiltOperation {
  __meta__?: { hash?: string };
  body?: string;
}

export interface PortalConfig {
  /** The gateway's GraphQL endpoint, as the browser reaches it. */
  graphUrl: string;
  /** Whether the development sign-in (tokens minted per role) is on. */
  devSignIn: boolean;
}

let config: PortalConfig | undefined;

/** The settings the portal's server writes into the page (<meta name="gzequip-portal">). */
export function portalConfig(): PortalConfig {
  if (!config) {
    const meta = document.querySelector<HTMLMetaElement>('meta[name="gzequip-portal"]');
    if (!meta) throw new Error('The page carries no portal settings: is it served by the portal server?');
    config = JSON.parse(meta.content) as PortalConfig;
  }
  return config;
}

/** A refusal or failure the gateway answered, with its error code (the kit's registry). */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** What a page shows of a failure: the gateway's refusal as it came, anything else as its message. */
export function asGraphError(caught: unknown): GraphError {
  return caught instanceof GraphError
    ? caught
    : new GraphError(caught instanceof Error ? caught.message : String(caught), undefined);
}

interface GraphAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** What is posted for an operation: its text, its variables and its hash. */
function bodyOf<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables?: TVariables,
): string {
  const { __meta__, body: query } = document as unknown as BuiltOperation;
  const hash = __meta__?.hash;
  if (!hash || !query) throw new Error('Not an operation of the portal’s build (vite.config.ts inlines them)');
  return JSON.stringify({
    query,
    variables: variables ?? {},
    extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
  });
}

/** A request sent before the render that makes it (renderWithRequestAhead), until that render takes it. */
let ahead: { body: string; token: string | undefined; answer: Promise<unknown> } | undefined;

export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables?: TVariables,
): Promise<TResult> {
  const token = session.value?.token;
  const body = bodyOf(document, variables);
  if (ahead && ahead.body === body && ahead.token === token) {
    const { answer } = ahead;
    ahead = undefined;
    return answer as Promise<TResult>;
  }
  return send<TResult>(body, token);
}

/**
 * Sends a request, then renders: the same request made while rendering (a page's first query, in
 * its layout effect) takes that answer instead of sending another. main.tsx sends the search so,
 * rather than after the first render, which takes tens of milliseconds on a phone.
 */
export function renderWithRequestAhead<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  render: () => void,
): void {
  const token = session.value?.token;
  const body = bodyOf(document, variables);
  const answer = send<TResult>(body, token);
  // Its failure is shown by the page that takes it; if no page does, there is no one to show it to.
  answer.catch(() => {});
  ahead = { body, token, answer };
  try {
    render();
  } finally {
    ahead = undefined;
  }
}

async function send<TResult>(body: string, token: string | undefined): Promise<TResult> {
  const response = await fetch(portalConfig().graphUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const answer = (await response.json().catch(() => ({}))) as GraphAnswer<TResult>;
  const [first] = answer.errors ?? [];
  if (response.status === 401) {
    signOut();
    throw new GraphError(first?.message ?? 'Sign in again', 'UNAUTHENTICATED');
  }
  if (first) throw new GraphError(first.message, first.extensions?.code, first.extensions?.field);
  if (!response.ok || !answer.data) throw new GraphError(`The graph answered ${response.status}`, undefined);
  return answer.data;
}
