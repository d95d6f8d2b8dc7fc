/**
 * Running an integrity check through the gateway, as `pnpm integrity` and `pnpm bench:integrity`
 * do: start it, follow its progress (its status alone, so as not to load what it measures), then
 * read it whole, every page of its dangling references included.
 */

export interface DanglingReference {
  source: string;
  entity: string;
  recordId: string;
  field: string;
  targetType: string;
  targetKey: string;
}

export interface SourceQuality {
  source: string;
  entity: string;
  records: number;
  references: number;
  dangling: number;
  staleRecords: number;
  missingFields: { field: string; records: number }[];
}

export interface IntegrityCheck {
  id: string;
  status: 'RUNNING' | 'FINISHED' | 'FAILED';
  failure: string | null;
  startedAt: string;
  finishedAt: string | null;
  staleAfterDays: number;
  danglingCount: number | null;
  progress: { recordsRead: number; pagesRead: number };
  sources: SourceQuality[];
  /** Every dangling reference the check found, all pages read. */
  dangling: DanglingReference[];
}

/** Sends one GraphQL operation as an administrator and answers its data (or ends the run). */
export type AskGraph = <TData>(query: string, variables: Record<string, unknown>) => Promise<TData>;

interface DanglingPage {
  edges: { node: DanglingReference }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const DANGLING = `dangling(first: 500, after: $after) {
  edges { node { source entity recordId field targetType targetKey } }
  pageInfo { hasNextPage endCursor }
}`;

const START = `mutation StartIntegrityCheck($staleAfterDays: Int!) {
  check: runIntegrityCheck(staleAfterDays: $staleAfterDays) { id }
}`;

const PROGRESS = `query IntegrityCheckProgress($id: ID!) {
  check: integrityCheck(id: $id) { status progress { recordsRead pagesRead } }
}`;

const WHOLE = `query IntegrityCheck($id: ID!, $after: String) {
  check: integrityCheck(id: $id) {
    id status failure startedAt finishedAt staleAfterDays danglingCount progress { recordsRead pagesRead }
    sources { source entity records references dangling staleRecords missingFields { field records } }
    ${DANGLING}
  }
}`;

const MORE = `query MoreDangling($id: ID!, $after: String) { check: integrityCheck(id: $id) { ${DANGLING} } }`;

export interface RunOptions {
  staleAfterDays: number;
  pollMs: number;
  onProgress?: (progress: IntegrityCheck['progress']) => void;
}

/** Starts a check, waits for its end, and reads it whole (a FAILED one too: its `failure` says why). */
export async function runIntegrityCheck(
  ask: AskGraph,
  { staleAfterDays, pollMs, onProgress }: RunOptions,
): Promise<IntegrityCheck> {
  const { check: started } = await ask<{ check: { id: string } }>(START, { staleAfterDays });
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const { check: now } = await ask<{ check: Pick<IntegrityCheck, 'status' | 'progress'> }>(PROGRESS, {
      id: started.id,
    });
    if (now.status !== 'RUNNING') break;
    onProgress?.(now.progress);
  }
  const { check } = await ask<{ check: Omit<IntegrityCheck, 'dangling'> & { dangling: DanglingPage } }>(WHOLE, {
    id: started.id,
    after: null,
  });
  const dangling = check.dangling.edges.map(({ node }) => node);
  let { pageInfo } = check.dangling;
  while (pageInfo.hasNextPage) {
    const more = await ask<{ check: { dangling: DanglingPage } }>(MORE, { id: check.id, after: pageInfo.endCursor });
    dangling.push(...more.check.dangling.edges.map(({ node }) => node));
    pageInfo = more.check.dangling.pageInfo;
  }
  return { ...check, dangling };
}
