/**
 * Adapter mode: a subgraph serves a database that already exists instead of owning its tables.
 * Its schema then holds views, named as the tables its models read, that map the source's own
 * tables onto what the models expect (and reference data the source lacks); nothing is migrated
 * or seeded, and the source's tables are never altered. A mutation stores changes only where the
 * adapter says it can, through its views' INSTEAD OF triggers; every other mutation is refused
 * with SOURCE_READ_ONLY before anything runs.
 *
 * The subgraph's schema carries a comment naming the adapter whose views it holds, so a start in
 * the other mode (or with another adapter) is refused with a message instead of half-working.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Knex } from 'knex';
import type { Database } from './database.ts';
import { ErrorCode } from './errors.ts';

/** One way a subgraph can serve an existing database; a subgraph definition names its adapters. */
export interface SubgraphAdapter {
  /** What the source is, in a sentence for people (the API and the start banner show it). */
  description: string;
  /**
   * The mutations that still store changes in this mode, through the views' INSTEAD OF triggers
   * (names of the subgraph's Mutation fields). Every other mutation answers SOURCE_READ_ONLY.
   */
  writableOperations: readonly string[];
  /**
   * Creates or replaces the adapter's views, functions and reference tables in `schema`, inside
   * the open transaction `knex`. Runs on every start, so it must be idempotent, and it must never
   * alter the source's own tables.
   */
  install(knex: Knex, schema: string): Promise<void>;
}

/** The adapter a database handle reads through (see `Database.adapter`). */
export interface AdapterInUse {
  name: string;
  description: string;
  writableOperations: readonly string[];
}

export type SourceMode = 'OWNED' | 'ADAPTER';

/** Where a subgraph's data comes from and which of its mutations can change it: what the API tells. */
export interface SourceDescription {
  subgraph: string;
  mode: SourceMode;
  adapter: string | null;
  description: string;
  writableOperations: string[];
}

const ADAPTER_NAME = /^[a-z][a-z0-9-]*$/;
/** The schema comment that marks a schema as an adapter's: `gzequip-adapter:<name> …`. */
const MARK = 'gzequip-adapter:';

function mutationFields(schema: GraphQLSchema): string[] {
  return Object.keys(schema.getMutationType()?.getFields() ?? {});
}

/** What the API says about a subgraph's source; `schema` is the subgraph's own (its mutations). */
export function describeSource(
  subgraph: string,
  adapter: AdapterInUse | null,
  schema: GraphQLSchema,
): SourceDescription {
  if (!adapter) {
    return {
      subgraph,
      mode: 'OWNED',
      adapter: null,
      description: `The ${subgraph} subgraph's own tables, migrated and written by it`,
      writableOperations: mutationFields(schema),
    };
  }
  return {
    subgraph,
    mode: 'ADAPTER',
    adapter: adapter.name,
    description: adapter.description,
    writableOperations: [...adapter.writableOperations],
  };
}

/**
 * The adapter `name` of a subgraph, checked: an unknown name is refused with the known ones, and
 * an adapter that lists a mutation the schema does not have is a mistake caught at start.
 */
export function chooseAdapter(
  subgraph: string,
  adapters: Readonly<Record<string, SubgraphAdapter>> | undefined,
  name: string,
  schema: GraphQLSchema,
  setting: string,
): AdapterInUse & SubgraphAdapter {
  const known = Object.keys(adapters ?? {});
  const adapter = adapters?.[name];
  if (!adapter) {
    throw new Error(
      `${setting}=${name}: the ${subgraph} subgraph has no adapter ${JSON.stringify(name)} (${
        known.length > 0 ? `known: ${known.join(', ')}` : 'it has none'
      }); leave ${setting} unset for the subgraph to own its tables`,
    );
  }
  if (!ADAPTER_NAME.test(name)) throw new Error(`Adapter name ${JSON.stringify(name)} must match ${ADAPTER_NAME}`);
  const mutations = mutationFields(schema);
  const unknown = adapter.writableOperations.filter((operation) => !mutations.includes(operation));
  if (unknown.length > 0) {
    throw new Error(`Adapter ${name} of ${subgraph} lists writable operations the schema lacks: ${unknown.join(', ')}`);
  }
  return { ...adapter, name };
}

interface SchemaState {
  exists: boolean;
  adapter: string | null;
  relations: string[];
}

/** Whether the schema exists, the adapter it is marked for, and its tables and views. */
async function schemaState(db: Database): Promise<SchemaState> {
  const [namespace] = await db.raw<{ comment: string | null }>(
    `select obj_description(oid, 'pg_namespace') as comment from pg_namespace where nspname = ?`,
    [db.schema],
  );
  if (!namespace) return { exists: false, adapter: null, relations: [] };
  const relations = await db.raw<{ relname: string }>(
    `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ? and c.relkind in ('r', 'p', 'v', 'm', 'f') order by c.relname`,
    [db.schema],
  );
  const comment = namespace.comment ?? '';
  return {
    exists: true,
    adapter: comment.startsWith(MARK) ? (comment.slice(MARK.length).split(/\s/)[0] ?? null) : null,
    relations: relations.map((row) => row.relname),
  };
}

/**
 * Owned mode's guard: a schema holding an adapter's views is not migrated over (the migrations
 * would stumble on the views half-way), but refused with what to do instead.
 */
export async function refuseAdapterSchema(db: Database, setting: string): Promise<void> {
  const state = await schemaState(db);
  if (!state.adapter) return;
  throw new Error(
    `The ${db.schema} schema holds the views of adapter ${state.adapter} over an existing database, not tables of ` +
      `its own: set ${setting}=${state.adapter} to serve through them, or drop that schema (the source's own ` +
      'tables are elsewhere and stay as they are) to let the subgraph create and own its tables.',
  );
}

/**
 * Adapter mode's start: in one transaction, marks the schema as the adapter's and installs its
 * views. Refused when the schema holds tables of the subgraph's own (adapter mode never writes
 * over them) or another adapter's views.
 */
export async function installAdapter(db: Database, adapter: AdapterInUse & SubgraphAdapter): Promise<void> {
  await db.transaction(async (tx) => {
    // Concurrent starts over one database install one after the other.
    await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`adapter:${tx.schema}`]);
    const state = await schemaState(tx);
    if (state.adapter && state.adapter !== adapter.name) {
      throw new Error(
        `The ${tx.schema} schema holds the views of adapter ${state.adapter}, not ${adapter.name}: drop that schema ` +
          `(it holds no table of the source) before switching adapters.`,
      );
    }
    if (!state.adapter && state.relations.length > 0) {
      const shown = state.relations.slice(0, 5).join(', ') + (state.relations.length > 5 ? ', …' : '');
      throw new Error(
        `The ${tx.schema} schema already holds tables of its own (${shown}): the subgraph created them when it ran ` +
          `without an adapter. Adapter mode reads through views and never writes over them. Drop that schema ` +
          `first (pnpm db:reset for the embedded database; on PostgreSQL, drop schema ${tx.schema} cascade, once ` +
          'its data is no longer needed), or point the subgraph at the database that holds the source.',
      );
    }
    await tx.knex.raw('create schema if not exists ??', [tx.schema]);
    await tx.knex.raw(`comment on schema ?? is '${MARK}${adapter.name} views over an existing database'`, [tx.schema]);
    await adapter.install(tx.knex, tx.schema);
  });
}

/** The root fields of an operation's selection, through its fragments. */
function rootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === '__typename' ? [] : [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments);
    const fragment = fragments.get(selection.name.value);
    return fragment ? rootFields(fragment.selectionSet, fragments) : [];
  });
}

/** The mutation fields of an operation that the adapter cannot store (none for a query). */
export function readOnlyFields(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  adapter: AdapterInUse,
): string[] {
  if (operation.operation !== 'mutation') return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return [...new Set(rootFields(operation.selectionSet, fragments))].filter(
    (field) => !adapter.writableOperations.includes(field),
  );
}

/** The refusal of mutations a read-only source cannot store. */
export function sourceReadOnly(subgraph: string, adapter: AdapterInUse, operations: readonly string[]): GraphQLError {
  const writable = adapter.writableOperations;
  return new GraphQLError(
    `The ${subgraph} source is served from an existing database through the ${adapter.name} adapter, which cannot ` +
      `store ${operations.join(', ')}: nothing was changed. ${
        writable.length > 0 ? `What it can store here: ${writable.join(', ')}.` : 'It stores nothing here.'
      }`,
    {
      extensions: {
        code: ErrorCode.SOURCE_READ_ONLY,
        adapter: adapter.name,
        operations,
        writableOperations: writable,
        // A 200 with errors and no data: the gateway hands it to the client as the mutation's answer
        // (an error status without data would read as a broken subgraph).
        http: { status: 200 },
      },
    },
  );
}

/**
 * Refuses, before any resolver runs, an operation with a mutation the adapter cannot store: the
 * whole operation, so nothing of it is stored. Queries pass untouched.
 */
export function readOnlySourcePlugin<TContext extends object>(
  subgraph: string,
  adapter: AdapterInUse,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation }) {
          const refused = operation ? readOnlyFields(document, operation, adapter) : [];
          if (refused.length > 0) throw sourceReadOnly(subgraph, adapter, refused);
        },
      };
    },
  };
}
