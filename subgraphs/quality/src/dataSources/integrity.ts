import {
  alignByKey,
  appError,
  badUserInput,
  type ChildPageKey,
  type Claims,
  type Connection,
  childConnectionLoader,
  type Database,
  ErrorCode,
  type GraphClient,
  groupByKey,
  type PageArgs,
  parsePage,
  Role,
  toConnection,
} from '@gzequip/kit';
import DataLoader from 'dataloader';
import { MAX_STALE_AFTER_DAYS } from '../migrations/20261215000000_integrity.ts';
import {
  INTEGRITY_CHECK_ORDERS,
  type IntegrityCheck,
  type IntegrityCheckConnection,
  IntegrityCheckModel,
  type SourceQuality,
  type StoredDanglingReference,
} from '../models/integrityCheck.ts';
import { PAGE_SIZE, pageQuery, type RecordPage, SOURCE_CHECKS, SourceTally } from '../models/sourceChecks.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function mustAdminister(viewer: Claims, what: string): void {
  if (viewer.role !== Role.ADMIN) throw appError(ErrorCode.FORBIDDEN, `Only administrators ${what}`);
}

/** Per request: the checks the caller may see, batched and cached, and running a new one. */
export class IntegritySource {
  readonly model: IntegrityCheckModel;
  readonly byId: DataLoader<string, IntegrityCheck | null>;
  readonly sourcesOf: DataLoader<string, SourceQuality[]>;
  private readonly danglingPages: DataLoader<
    ChildPageKey<string | null, StoredDanglingReference>,
    Connection<StoredDanglingReference>,
    string
  >;

  constructor(
    db: Database,
    private readonly viewer: Claims,
    private readonly graph: GraphClient,
  ) {
    const model = new IntegrityCheckModel(db);
    this.model = model;
    this.byId = new DataLoader(async (ids) => alignByKey(ids, await model.findByIds(ids), (check) => check.id));
    this.sourcesOf = new DataLoader(async (ids) => groupByKey(ids, await model.sourcesOf(ids), (row) => row.checkId));
    this.danglingPages = childConnectionLoader((keys) => model.danglingPages(keys));
  }

  async check(id: string): Promise<IntegrityCheck | null> {
    mustAdminister(this.viewer, 'see integrity checks');
    return this.byId.load(id);
  }

  async checks(args: PageArgs): Promise<IntegrityCheckConnection> {
    mustAdminister(this.viewer, 'see integrity checks');
    const page = parsePage<IntegrityCheck>(
      { ...args, orderBy: args.orderBy ?? { field: 'STARTED_AT', direction: 'DESC' } },
      'integrityChecks',
      INTEGRITY_CHECK_ORDERS,
    );
    return toConnection(await this.model.findPage(page), page, () => this.model.count());
  }

  dangling(checkId: string, source: string | null, args: PageArgs): Promise<Connection<StoredDanglingReference>> {
    const page = parsePage<StoredDanglingReference>(args, 'dangling');
    return this.danglingPages.load({ parentId: checkId, page, filter: source });
  }

  /**
   * Starts a check and returns it RUNNING; it goes on after this request, reading every source
   * through the gateway and recording its progress, and keeps what it found when it has read all
   * of them. A read that fails fails the check, and nothing it read is kept.
   */
  async run(staleAfterDays: number): Promise<IntegrityCheck> {
    mustAdminister(this.viewer, 'run integrity checks');
    if (!Number.isInteger(staleAfterDays) || staleAfterDays < 1 || staleAfterDays > MAX_STALE_AFTER_DAYS) {
      throw badUserInput('staleAfterDays', `must be a whole number of days, 1–${MAX_STALE_AFTER_DAYS}`);
    }
    const check = await this.model.start(staleAfterDays, this.viewer);
    const staleBefore = new Date(Date.parse(check.startedAt) - staleAfterDays * DAY_MS);
    void this.complete(check.id, staleBefore);
    return check;
  }

  private async complete(checkId: string, staleBefore: Date): Promise<void> {
    try {
      await this.model.finish(checkId, await this.readSources(staleBefore, checkId));
    } catch (error) {
      // A check that cannot even be marked failed is found abandoned by the next start.
      await this.model.fail(checkId, (error as Error).message).catch(() => {});
    }
  }

  /** Every source's records, page by page, tallied; progress is recorded after each page. */
  private async readSources(staleBefore: Date, checkId: string): Promise<SourceTally[]> {
    const tallies: SourceTally[] = [];
    let records = 0;
    let pages = 0;
    for (const check of SOURCE_CHECKS) {
      const tally = new SourceTally(check, staleBefore);
      const query = pageQuery(check);
      let after: string | null = null;
      do {
        const { page }: RecordPage = await this.graph.query<RecordPage>(query, { first: PAGE_SIZE, after });
        if (!page) throw new Error(`The ${check.source} source did not list its records`);
        for (const { node } of page.edges) tally.add(node);
        records += page.edges.length;
        pages += 1;
        await this.model.progress(checkId, records, pages);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      tallies.push(tally);
    }
    return tallies;
  }
}
