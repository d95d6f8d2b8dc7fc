import { useCallback, useLayoutEffect, useState } from 'preact/hooks';
import { prepareFormatters } from './format.ts';
import { asGraphError, type GraphError, request } from './graph.ts';
import type { TypedDocumentString } from './graphql/graphql.ts';

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs a query when its variables change (compared as JSON); the last answer wins. */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  skip = false,
): QueryState<TResult> {
  const [state, setState] = useState<{ data?: TResult; error?: unknown; loading: boolean }>({ loading: !skip });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(variables);
  // A layout effect: the request leaves before the first paint rather than after it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the variables are compared by their JSON (key)
  useLayoutEffect(() => {
    if (skip) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    request(document, variables).then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error, loading: false }),
    );
    // While the answer is on its way, the main thread is free for what displaying it will need.
    prepareFormatters();
    return () => {
      current = false;
    };
  }, [document, key, skip, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/**
 * A person's action (a mutation, mostly): `run(work)` clears the last failure, runs the work, calls
 * `done` after it succeeds, and keeps its failure for the page to show.
 */
export function useAction(done?: () => void): {
  failure: GraphError | undefined;
  run: (work: () => Promise<unknown>) => Promise<void>;
} {
  const [failure, setFailure] = useState<GraphError | undefined>();
  const run = async (work: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await work();
      done?.();
    } catch (caught) {
      setFailure(asGraphError(caught));
    }
  };
  return { failure, run };
}

/** One page of a connection, as every list in the graph answers it. */
export interface Page<TEdge> {
  edges: TEdge[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * A list read a page at a time: the first page is a query's answer, the next ones come on request
 * (`loadMore`). A new first page (other variables, or the list read again) drops the pages read
 * after the old one, since they may have moved.
 */
export function usePages<TEdge>(
  firstPage: Page<TEdge> | null | undefined,
  nextPage: (after: string) => Promise<Page<TEdge> | null | undefined>,
): { edges: TEdge[]; hasNext: boolean; loadMore: () => Promise<void> } {
  const [read, setRead] = useState<{ after: typeof firstPage; pages: Page<TEdge>[] }>({ after: firstPage, pages: [] });
  const pages = read.after === firstPage ? read.pages : [];
  const lastPage = pages.at(-1) ?? firstPage;
  const endCursor = lastPage?.pageInfo.hasNextPage ? (lastPage.pageInfo.endCursor ?? null) : null;
  const loadMore = async () => {
    if (!endCursor) return;
    const page = await nextPage(endCursor);
    if (page) setRead({ after: firstPage, pages: [...pages, page] });
  };
  return {
    edges: [...(firstPage?.edges ?? []), ...pages.flatMap((page) => page.edges)],
    hasNext: endCursor !== null,
    loadMore,
  };
}
