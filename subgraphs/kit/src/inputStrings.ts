import type { ApolloServerPlugin } from '@apollo/server';
import { type ASTNode, BREAK, type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import { badUserInput } from './errors.ts';

// With the `u` flag, a surrogate that is part of a pair is read as one code point: only unpaired ones match.
const UNPAIRED_SURROGATE = /\p{Surrogate}/u;

/** Why a string cannot be an argument: PostgreSQL text cannot hold NUL, and text must be Unicode. */
function problemWith(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character (\\u0000), which text cannot hold';
  if (UNPAIRED_SURROGATE.test(value)) return 'is not valid Unicode: it contains an unpaired surrogate';
  return null;
}

function inValue(value: unknown, path: string): GraphQLError | null {
  if (typeof value === 'string') {
    const problem = problemWith(value);
    return problem ? badUserInput(path, problem) : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const error = inValue(value[i], `${path}[${i}]`);
      if (error) return error;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = problemWith(key);
      if (keyProblem) return badUserInput(path, `has a key that ${keyProblem}`);
      const error = inValue(item, `${path}.${key}`);
      if (error) return error;
    }
  }
  return null;
}

/** `filter.nameContains` for a literal inside `instruments(filter: { nameContains: "…" })`. */
function argumentPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  const names: string[] = [];
  for (const ancestor of ancestors) {
    if (Array.isArray(ancestor)) continue;
    const node = ancestor as ASTNode;
    if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.push(node.name.value);
  }
  return names.join('.') || 'argument';
}

/**
 * The first string argument, in the variables or written into the document, that no database
 * should receive (a NUL byte, broken Unicode), as a BAD_USER_INPUT naming it; null when all are fine.
 */
export function invalidStringInput(
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): GraphQLError | null {
  for (const [name, value] of Object.entries(variables ?? {})) {
    const error = inValue(value, `$${name}`);
    if (error) return error;
  }
  let found: GraphQLError | null = null;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      const problem = problemWith(node.value);
      if (!problem) return undefined;
      found = badUserInput(argumentPath(parent ? [...ancestors, parent] : ancestors), problem);
      return BREAK;
    },
  });
  return found;
}

/**
 * Refuses, before any resolver or SQL, a string argument no database should see: a NUL byte or
 * broken Unicode. The gateway checks the same; a subgraph does not rely on it.
 */
export function invalidStringsPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const error = invalidStringInput(document, request.variables);
          // Thrown before execution, it is the whole answer: 400, not Apollo's default 500.
          if (error)
            throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
        },
      };
    },
  };
}
