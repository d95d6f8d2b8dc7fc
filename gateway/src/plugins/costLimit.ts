/**
 * Cost: page sizes and an estimated cost per operation, checked against the caller's budget
 * before the query plan runs (the cost depends on the variables), and a queue for the heaviest
 * operations so that they cannot crowd out the rest.
 */
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { appError, type Claims, ErrorCode, MAX_PAGE_SIZE, operationLimitExceeded, type Role } from '@gzequip/kit/edge';
import { GraphQLError, type GraphQLSchema, getNamedType, getNullableType, isCompositeType, isListType } from 'graphql';
import { type ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import type { SupergraphFacts } from '../supergraph.ts';

/** Estimated cost a caller of each role may spend on one operation. */
export type CostBudgets = Record<Role, number>;

export const DEFAULT_COST_BUDGETS: CostBudgets = {
  PUBLIC: 10_000,
  ENTERPRISE_USER: 25_000,
  PLATFORM_OPERATOR: 25_000,
  ASSESSOR: 100_000,
  PARTNER: 250_000,
  ADMIN: 250_000,
};

interface PageTooLarge {
  field: string;
  size: number;
}

/**
 * The cost model of Apollo's and IBM's demand control: an object costs 1 (or its `@cost`), a
 * scalar 0, and a list multiplies what is under it by its size — the slicing argument (`first`),
 * else the `@listSize(assumedSize:)` its subgraph declares, else the page cap.
 */
function estimator(facts: SupergraphFacts, sizedFields: Set<string>, tooLarge: PageTooLarge[]) {
  return ({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number => {
    // Introspection reads the schema, not the sources: it costs nothing here (the depth limit still applies).
    if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
    const fieldFacts = facts.field(type.name, field.name);
    const weight = fieldFacts?.weight ?? (isCompositeType(getNamedType(field.type)) ? 1 : 0);
    const listSize = fieldFacts?.listSize;
    if (listSize) {
      const sliced = listSize.slicingArguments
        ?.map((name) => args[name])
        .find((value): value is number => typeof value === 'number');
      if (sliced !== undefined && sliced > MAX_PAGE_SIZE)
        tooLarge.push({ field: `${type.name}.${field.name}`, size: sliced });
      const size = sliced ?? listSize.assumedSize ?? MAX_PAGE_SIZE;
      // A list: each item costs. A connection: itself once, and its edges each.
      return isListType(getNullableType(field.type))
        ? size * (weight + childComplexity)
        : weight + size * childComplexity;
    }
    // A connection's `edges`: the connection field above has already multiplied by the page size.
    if (sizedFields.has(`${type.name}.${field.name}`)) return weight + childComplexity;
    if (isListType(getNullableType(field.type))) return MAX_PAGE_SIZE * (weight + childComplexity);
    return weight + childComplexity;
  };
}

const sizedFieldsByTypes = new WeakMap<object, Set<string>>();

/** `Type.field` of every connection field a `@listSize(sizedFields:)` names (once per supergraph). */
function sizedFieldsOf(facts: SupergraphFacts): Set<string> {
  const known = sizedFieldsByTypes.get(facts.types());
  if (known) return known;
  const sized = new Set<string>();
  for (const fields of facts.types().values()) {
    for (const fieldFacts of fields.values()) {
      for (const name of fieldFacts.listSize?.sizedFields ?? []) sized.add(`${fieldFacts.returnType}.${name}`);
    }
  }
  sizedFieldsByTypes.set(facts.types(), sized);
  return sized;
}

/**
 * Heavy operations (estimated cost over a threshold) run a few at a time; the others wait their
 * turn, in order, for a while, then are told to come back (503, Retry-After). Light ones are
 * never held up, so a crowd of large exports cannot starve the portal's pages of CPU.
 */
export class HeavyLane {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency: number) {}

  /** Resolves true once it is this operation's turn, false if `giveUpAt` fired first. */
  enter(giveUpAt: AbortSignal): Promise<boolean> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const giveUp = () => {
        this.waiting.splice(this.waiting.indexOf(turn), 1);
        resolve(false);
      };
      const turn = () => {
        giveUpAt.removeEventListener('abort', giveUp);
        this.running += 1;
        resolve(true);
      };
      this.waiting.push(turn);
      giveUpAt.addEventListener('abort', giveUp, { once: true });
    });
  }

  leave(): void {
    this.running -= 1;
    this.waiting.shift()?.();
  }
}

export interface HeavyOperations {
  /** Estimated cost above which an operation is heavy. */
  cost: number;
  /** Heavy operations running at once. */
  concurrency: number;
  /** How long one may wait for its turn before it is answered 503, so that its client can retry. */
  waitMs: number;
}

export const DEFAULT_HEAVY_OPERATIONS: HeavyOperations = { cost: 1_000, concurrency: 4, waitMs: 5_000 };

export interface CostOptions {
  facts: SupergraphFacts;
  budgets: CostBudgets;
  heavy: HeavyOperations;
}

/** What an operation would cost, and any page over the cap it asks for. */
export function estimateCost(
  schema: GraphQLSchema,
  facts: SupergraphFacts,
  request: Parameters<typeof getComplexity>[0]['query'],
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  sizedFields = sizedFieldsOf(facts),
): { cost: number; tooLarge: PageTooLarge[] } {
  const tooLarge: PageTooLarge[] = [];
  const cost = getComplexity({
    schema,
    query: request,
    ...(variables ? { variables } : {}),
    ...(operationName ? { operationName } : {}),
    estimators: [estimator(facts, sizedFields, tooLarge)],
  });
  return { cost, tooLarge };
}

/** Page sizes and the per-role cost budget, checked before the query plan runs; heavy ones queue. */
export function useCostLimit<TContext extends { claims: Claims; deadline: AbortSignal }>({
  facts,
  budgets,
  heavy,
}: CostOptions): ApolloServerPlugin<TContext> {
  const lane = new HeavyLane(heavy.concurrency);
  return {
    async requestDidStart() {
      let inLane = false;
      return {
        async didResolveOperation({ document, request, operationName, schema, contextValue }) {
          let estimate: ReturnType<typeof estimateCost>;
          try {
            estimate = estimateCost(schema, facts, document, request.variables, operationName ?? undefined);
          } catch (error) {
            // The estimate reads the variables before execution would: one that does not fit its type is the client's.
            if (!(error instanceof GraphQLError)) throw error;
            throw new GraphQLError(error.message, {
              extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
            });
          }
          const { cost, tooLarge } = estimate;
          const [page] = tooLarge;
          if (page) {
            throw operationLimitExceeded(
              'pageSize',
              MAX_PAGE_SIZE,
              page.size,
              `${page.field} asks for ${page.size} items; a page holds at most ${MAX_PAGE_SIZE}. Page with first and after.`,
            );
          }
          const role = contextValue.claims.role;
          const budget = budgets[role];
          if (cost > budget) {
            throw operationLimitExceeded(
              'cost',
              budget,
              cost,
              `The operation's estimated cost is ${cost}; the budget for ${role} callers is ${budget}. ` +
                'Ask for smaller pages or fewer nested lists.',
            );
          }
          if (cost > heavy.cost) {
            inLane = await lane.enter(AbortSignal.any([contextValue.deadline, AbortSignal.timeout(heavy.waitMs)]));
            if (!inLane) {
              throw appError(
                ErrorCode.SERVER_BUSY,
                'The gateway is busy with other large operations; retry shortly, or ask for smaller pages',
                { http: { status: 503, headers: new HeaderMap([['retry-after', '5']]) } },
              );
            }
          }
        },
        async willSendResponse() {
          if (inLane) lane.leave();
          inLane = false;
        },
      };
    },
  };
}
