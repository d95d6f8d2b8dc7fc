/**
 * Cases `@apollo/gateway` 2.14 plans or answers wrongly (found by graphql-hive's
 * federation-gateway-audit), put right around it where this gateway's own code can:
 *
 * - **A field a `@requires` asks for with arguments** (`author @requires(fields: "comments(limit:
 *   3) { authorId }")`): the planner keys selections by response name, so the client's own
 *   `comments(limit: 1)` is merged into the required `comments(limit: 3)` and the client gets
 *   three comments. Client fields under such a response name are planned under a private alias
 *   and get their name back in the answer.
 * - **Two `@requires` needing one field with different arguments** (`price(currency: "USD")` and
 *   `price(currency: "EUR")`): the planner sends one representation per entity, so both fields get
 *   one price. No alias can mend that; an operation selecting both is refused, with the fix (ask in
 *   two operations) in the message.
 * - **A root field no subgraph can resolve as selected** is planned as nothing and answered null
 *   without an error; it gets an error naming it.
 * - **A null in a non-null field** is filed under `extensions.valueCompletion`, not `errors`; it
 *   becomes an error, masked and logged as every unexpected one.
 *
 * `keys-mashup` (a `@requires` that re-enters a subgraph by a key it declared `resolvable: false`)
 * is the planner's own slip, mended in the planner by `gateway/patches/` (as upstream's
 * apollographql/federation#3137 did on a branch 2.14 does not carry). The conflict stays refused:
 * answering it needs a planner that sends one representation per argument set.
 */
import type { ApolloGateway, Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { appError, ErrorCode } from '@gzequip/kit/edge';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLSchema,
  isAbstractType,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { SupergraphFacts } from './supergraph.ts';

type GatewayLoad = ApolloGateway['load'];
type Executor = NonNullable<Awaited<ReturnType<GatewayLoad>>['executor']>;
type RequestContext = Parameters<Executor>[0];
type ExecutionResult = Awaited<ReturnType<Executor>>;
type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type PlanNode = NonNullable<QueryPlan['node']>;

/** Prefix of the private aliases; a response key a client could hardly mean. */
const ALIAS_PREFIX = 'gzRequiresAlias_';

/** One `@requires` selection, read as the fields it asks for with arguments, by their path in it. */
interface RequiredArguments {
  requiringField: string;
  /** `category.averagePrice` → `(currency: "USD")` */
  argumentsByPath: Map<string, string>;
}

export interface RequiresFacts {
  /** Type name → response names a `@requires` on it (or under it) selects with arguments. */
  argumentedNames: Map<string, Set<string>>;
  /** Type name → pairs of its fields whose `@requires` need one field with different arguments. */
  conflicts: Map<string, Array<{ fields: [string, string]; path: string }>>;
}

function selectionOf(fieldSet: string): SelectionSetNode {
  const [operation] = parse(`{${fieldSet}}`).definitions as OperationDefinitionNode[];
  return (operation as OperationDefinitionNode).selectionSet;
}

/** What the supergraph's `@requires` selections ask for with arguments, and where two disagree. */
export function readRequires(facts: SupergraphFacts, schema: GraphQLSchema): RequiresFacts {
  const argumentedNames = new Map<string, Set<string>>();
  const conflicts = new Map<string, Array<{ fields: [string, string]; path: string }>>();
  const note = (typeName: string, name: string) => {
    const names = argumentedNames.get(typeName) ?? new Set<string>();
    names.add(name);
    argumentedNames.set(typeName, names);
  };

  function walk(selectionSet: SelectionSetNode, parent: string, path: string[], found: Map<string, string>): void {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition?.name.value ?? parent, path, found);
        continue;
      }
      if (selection.kind !== Kind.FIELD) continue;
      const name = selection.name.value;
      const here = [...path, name];
      if (selection.arguments?.length) {
        note(parent, name);
        found.set(here.join('.'), `(${selection.arguments.map(print).join(', ')})`);
      }
      const returnType = facts.field(parent, name)?.returnType;
      if (selection.selectionSet && returnType) walk(selection.selectionSet, returnType, here, found);
    }
  }

  for (const [typeName, fields] of facts.types()) {
    const required: RequiredArguments[] = [];
    for (const [fieldName, field] of fields) {
      for (const fieldSet of field.requires) {
        const argumentsByPath = new Map<string, string>();
        walk(selectionOf(fieldSet), typeName, [], argumentsByPath);
        if (argumentsByPath.size) required.push({ requiringField: fieldName, argumentsByPath });
      }
    }
    for (const [i, first] of required.entries()) {
      for (const second of required.slice(i + 1)) {
        for (const [path, args] of first.argumentsByPath) {
          const others = second.argumentsByPath.get(path);
          if (others === undefined || others === args) continue;
          const list = conflicts.get(typeName) ?? [];
          list.push({ fields: [first.requiringField, second.requiringField], path });
          conflicts.set(typeName, list);
        }
      }
    }
  }
  // A client may select those fields through an interface the type implements.
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type)) continue;
    for (const possible of schema.getPossibleTypes(type)) {
      for (const name of argumentedNames.get(possible.name) ?? []) note(type.name, name);
    }
  }
  return { argumentedNames, conflicts };
}

function possibleTypeNames(schema: GraphQLSchema, type: GraphQLCompositeType): string[] {
  return isAbstractType(type) ? schema.getPossibleTypes(type).map((possible) => possible.name) : [type.name];
}

const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

interface Rewritten {
  document: DocumentNode;
  /** Private alias → the client's response key. */
  aliases: Map<string, string>;
}

/**
 * The document with every client field whose response key a `@requires` on its type also uses
 * (with arguments) moved to a private alias, one per key, so that fragments selecting the same
 * field still merge. Undefined when no field needs it.
 */
function aliasRequiredNames(
  document: DocumentNode,
  schema: GraphQLSchema,
  facts: RequiresFacts,
): Rewritten | undefined {
  if (!facts.argumentedNames.size) return undefined;
  const aliases = new Map<string, string>();
  const typeInfo = new TypeInfo(schema);
  const rewritten = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(field) {
        const parent = typeInfo.getParentType();
        const key = responseKey(field);
        if (!parent || !facts.argumentedNames.get(parent.name)?.has(key)) return undefined;
        const alias = `${ALIAS_PREFIX}${key}`;
        aliases.set(alias, key);
        return { ...field, alias: { kind: Kind.NAME, value: alias } };
      },
    }),
  );
  return aliases.size ? { document: rewritten, aliases } : undefined;
}

/** Fields selected in the operation, by concrete type, through fragments of every kind. */
function selectedFieldsByType(document: DocumentNode, schema: GraphQLSchema): Map<string, Set<string>> {
  const selected = new Map<string, Set<string>>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(field) {
        const parent = typeInfo.getParentType();
        if (!parent) return;
        for (const typeName of possibleTypeNames(schema, parent)) {
          const names = selected.get(typeName) ?? new Set<string>();
          names.add(field.name.value);
          selected.set(typeName, names);
        }
      },
    }),
  );
  return selected;
}

function conflictingRequires(
  document: DocumentNode,
  schema: GraphQLSchema,
  facts: RequiresFacts,
): GraphQLError | undefined {
  if (!facts.conflicts.size) return undefined;
  for (const [typeName, names] of selectedFieldsByType(document, schema)) {
    for (const { fields, path } of facts.conflicts.get(typeName) ?? []) {
      if (!fields.every((field) => names.has(field))) continue;
      const [first, second] = fields.map((field) => `${typeName}.${field}`);
      return appError(
        ErrorCode.SELECTION_NOT_RESOLVABLE,
        `${first} and ${second} need ${typeName}.${path} with different arguments, which the gateway cannot fetch ` +
          'for one entity at once: ask for them in separate operations',
        { fields: [first, second] },
      );
    }
  }
  return undefined;
}

/** The response keys the operation selects on its root type (fragments followed), introspection aside. */
function rootKeys(document: DocumentNode, operationName: string | null | undefined): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) {
      operation ??= definition;
    }
  }
  const keys = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) keys.add(responseKey(selection));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  if (operation) collect(operation.selectionSet);
  return [...keys];
}

/** The root response keys some fetch of the plan asks a subgraph for (fetches under a Flatten are not at the root). */
function plannedRootKeys(plan: QueryPlan): Set<string> {
  const keys = new Set<string>();
  const visitNode = (node: PlanNode | undefined): void => {
    if (!node) return;
    switch (node.kind) {
      case 'Fetch':
        for (const key of rootKeys(parse(node.operation), node.operationName)) keys.add(key);
        return;
      case 'Sequence':
      case 'Parallel':
        for (const child of node.nodes) visitNode(child);
        return;
      case 'Condition':
        visitNode(node.ifClause);
        visitNode(node.elseClause);
        return;
      case 'Defer':
        visitNode(node.primary.node);
        for (const deferred of node.deferred) visitNode(deferred.node);
        return;
      case 'Subscription':
        visitNode(node.primary);
        visitNode(node.rest);
        return;
      default:
        return;
    }
  };
  visitNode(plan.node);
  return keys;
}

/** Gives the answer back the client's response keys, in the order it had them. */
function restoreKeys(
  value: unknown,
  selectionSet: SelectionSetNode | undefined,
  rewritten: Rewritten,
  fragments: Map<string, FragmentDefinitionNode>,
): unknown {
  if (value === null || typeof value !== 'object' || !selectionSet) return value;
  if (Array.isArray(value)) return value.map((item) => restoreKeys(item, selectionSet, rewritten, fragments));
  // One response key may be selected in several fragments, each with its own subselection: all count.
  const subselections = new Map<string, SelectionSetNode>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.selectionSet) continue;
        const key = responseKey(selection);
        const known = subselections.get(key);
        subselections.set(
          key,
          known
            ? { ...known, selections: [...known.selections, ...selection.selectionSet.selections] }
            : selection.selectionSet,
        );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(selectionSet);
  const restored: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    restored[rewritten.aliases.get(key) ?? key] = restoreKeys(child, subselections.get(key), rewritten, fragments);
  }
  return restored;
}

/** The executor's non-null violations (`extensions.valueCompletion`) as errors, where a client looks for them. */
function withCompletionErrors(result: ExecutionResult): ExecutionResult {
  const { valueCompletion, ...extensions } = result.extensions ?? {};
  if (!Array.isArray(valueCompletion) || !valueCompletion.length) return result;
  const completionErrors = (valueCompletion as GraphQLError[]).map(
    (error) =>
      new GraphQLError(error.message, { path: error.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }),
  );
  return {
    ...result,
    errors: [...(result.errors ?? []), ...completionErrors],
    extensions: Object.keys(extensions).length ? extensions : undefined,
  };
}

/** The answer to the aliased document with the client's response keys, in data and in error paths. */
function withClientKeys(result: ExecutionResult, rewritten: Rewritten, operationIndex: number): ExecutionResult {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of rewritten.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const operation = rewritten.document.definitions[operationIndex] as OperationDefinitionNode;
  const clientKey = (segment: string | number) =>
    typeof segment === 'string' ? (rewritten.aliases.get(segment) ?? segment) : segment;
  return {
    ...result,
    data: restoreKeys(result.data, operation.selectionSet, rewritten, fragments) as ExecutionResult['data'],
    errors: result.errors?.map((error) =>
      error.path
        ? new GraphQLError(error.message, {
            path: error.path.map(clientKey),
            extensions: error.extensions,
            originalError: error.originalError,
          })
        : error,
    ),
  };
}

/**
 * Wraps `@apollo/gateway`'s executor in the corrections; `didResolveQueryPlan` goes into the
 * gateway's configuration, to refuse a plan that leaves out a root field.
 */
export class PlannerCorrections {
  private readonly rootKeysOfPlan = new WeakMap<QueryPlan, Set<string>>();
  /** What each schema the gateway has served requires of its subgraphs (a rollout brings a new one). */
  private readonly requiresBySchema = new WeakMap<GraphQLSchema, RequiresFacts>();

  constructor(private readonly facts: SupergraphFacts) {}

  readonly didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback = ({ queryPlan, requestContext }) => {
    let planned = this.rootKeysOfPlan.get(queryPlan);
    if (!planned) {
      planned = plannedRootKeys(queryPlan);
      this.rootKeysOfPlan.set(queryPlan, planned);
    }
    const unplanned = rootKeys(requestContext.document, requestContext.operationName).filter(
      (key) => !planned.has(key),
    );
    if (!unplanned.length) return;
    throw appError(
      ErrorCode.SELECTION_NOT_RESOLVABLE,
      `No subgraph can resolve ${unplanned.map((key) => `"${key}"`).join(', ')} with the fields selected under it`,
      { fields: unplanned },
    );
  };

  /** `gateway`, its executor wrapped in the corrections. */
  wrap(gateway: ApolloGateway): Pick<ApolloGateway, 'load' | 'onSchemaLoadOrUpdate' | 'stop'> {
    return {
      load: async (options) => {
        const loaded = await gateway.load(options);
        const { executor } = loaded;
        return { ...loaded, executor: executor && ((requestContext) => this.execute(executor, requestContext)) };
      },
      onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
      stop: () => gateway.stop(),
    };
  }

  private async execute(executor: Executor, requestContext: RequestContext): Promise<ExecutionResult> {
    const { schema, document } = requestContext;
    let requires = this.requiresBySchema.get(schema);
    if (!requires) {
      requires = readRequires(this.facts, schema);
      this.requiresBySchema.set(schema, requires);
    }
    const conflict = conflictingRequires(document, schema, requires);
    if (conflict) throw conflict;
    const rewritten = aliasRequiredNames(document, schema, requires);
    if (!rewritten) return withCompletionErrors(await executor(requestContext));
    const result = await executor({ ...requestContext, document: rewritten.document });
    const operationIndex = document.definitions.indexOf(requestContext.operation as OperationDefinitionNode);
    return withClientKeys(withCompletionErrors(result), rewritten, operationIndex);
  }
}
