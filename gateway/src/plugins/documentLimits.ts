/**
 * Document limits: tokens, depth, aliases, root fields and directives, checked on the raw request
 * before GraphQL validation (and again by Apollo for documents from its persisted-query cache).
 * A refused document never reaches a subgraph and gets OPERATION_LIMIT_EXCEEDED naming the
 * limit, its maximum and the value found.
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { ErrorCode, operationLimitExceeded } from '@gzequip/kit/edge';
import type express from 'express';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  parse,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  validate,
} from 'graphql';
import { LRUCache } from 'lru-cache';

export interface OperationLimits {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  /** Lexical tokens in the document; enforced by the parser. */
  tokens: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  depth: 12,
  aliases: 30,
  rootFields: 20,
  directives: 50,
  tokens: 5_000,
};

const FOUND = /found (\d+)/;

/**
 * graphql-armor's counters, reporting through the registry's code. armor words its own
 * message; the value found is read back from it to be given as a number too.
 */
function armorRule(
  limit: string,
  max: number,
  describe: (actual: number) => string,
  build: (options: {
    n: number;
    propagateOnRejection: false;
    onReject: ((ctx: ValidationContext | null, error: GraphQLError) => void)[];
  }) => ValidationRule,
): ValidationRule {
  return build({
    n: max,
    propagateOnRejection: false,
    onReject: [
      (context, error) => {
        const actual = Number(FOUND.exec(error.message)?.[1] ?? max + 1);
        context?.reportError(operationLimitExceeded(limit, max, actual, describe(actual)));
      },
    ],
  });
}

function countRootFields(selectionSet: SelectionSetNode, context: ValidationContext, seen = new Set<string>()): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countRootFields(selection.selectionSet, context, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countRootFields(fragment.selectionSet, context, seen);
    }
  }
  return count;
}

function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const actual = countRootFields(operation.selectionSet, context);
      if (actual > max) {
        context.reportError(
          operationLimitExceeded(
            'rootFields',
            max,
            actual,
            `The operation asks for ${actual} root fields; the limit is ${max}. Split it into several operations.`,
          ),
        );
      }
    },
  });
}

/** Validation rules for what a document alone decides. */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [
    armorRule(
      'depth',
      limits.depth,
      (actual) => `The operation nests ${actual} levels deep; the limit is ${limits.depth}. Ask for less nesting.`,
      (options) => maxDepthRule({ ...options, ignoreIntrospection: true }),
    ),
    armorRule(
      'aliases',
      limits.aliases,
      (actual) => `The operation uses ${actual} aliases; the limit is ${limits.aliases}.`,
      (options) => maxAliasesRule(options),
    ),
    armorRule(
      'directives',
      limits.directives,
      (actual) => `The operation uses ${actual} directives; the limit is ${limits.directives}.`,
      (options) => maxDirectivesRule(options),
    ),
    maxRootFieldsRule(limits.rootFields),
  ];
}

// graphql-js words it "more that"; the fixed wording is accepted too.
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

/** The parser's token-limit error, in the registry's words; null for any other parse error. */
export function tokenLimitError(message: string): GraphQLError | null {
  const match = TOKEN_LIMIT.exec(message);
  if (!match) return null;
  const max = Number(match[1]);
  return operationLimitExceeded(
    'tokens',
    max,
    max + 1,
    `The operation has more than ${max} tokens, the limit; send a smaller document`,
  );
}

/**
 * The document limits, checked on the raw request before Apollo parses and validates it: the
 * specification's validation rules include some that grow with the square of the fields (200
 * aliases of one field cost ~40,000 comparisons), so a document over a limit must be refused
 * before they run. Documents that passed are remembered, so a repeated query is parsed here once.
 */
export function useDocumentLimits(limits: OperationLimits, schema: () => GraphQLSchema): express.RequestHandler {
  const rules = operationLimitRules(limits);
  const passed = new LRUCache<string, true>({ max: 2_000 });
  const refuse = (res: express.Response, errors: readonly GraphQLError[]) => {
    // `http` tells Apollo the status; here the status is set directly, and the client needs no copy of it.
    const answer = errors.map(({ message, extensions: { http: _status, ...extensions } }) => ({ message, extensions }));
    res.status(400).json({ errors: answer });
  };
  return (req, res, next) => {
    const query = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string' || passed.has(query)) {
      next();
      return;
    }
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: limits.tokens });
    } catch (error) {
      const overLimit = error instanceof GraphQLError ? tokenLimitError(error.message) : null;
      // Any other syntax error is Apollo's to word.
      if (overLimit) refuse(res, [overLimit]);
      else next();
      return;
    }
    // Stop at the first refusal: the limits are checked as the operation is entered, before its fields are walked.
    const errors = validate(schema(), document, rules, { maxErrors: 1 }).filter(
      (error) => error.extensions.code === ErrorCode.OPERATION_LIMIT_EXCEEDED,
    );
    if (errors.length) {
      refuse(res, errors);
      return;
    }
    passed.set(query, true);
    next();
  };
}
