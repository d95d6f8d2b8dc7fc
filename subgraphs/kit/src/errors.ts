import { GraphQLError } from 'graphql';

/**
 * The one registry of error codes every subgraph and the gateway answer with. Clients branch on
 * `extensions.code`; the message tells a person what to fix.
 */
export const ErrorCode = {
  /** An argument was refused; `field` and `reason` say which and why. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The HTTP request itself was unusable: not JSON, wrong content type, too large, no such operation. */
  BAD_REQUEST: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  /** The operation is over one of the gateway's limits; `limit`, `max` and `actual` say which and by how much. */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  /**
   * The sources cannot answer this selection as asked (say, two fields that need one field of
   * theirs with different arguments); the message says which fields, and how to ask instead.
   */
  SELECTION_NOT_RESOLVABLE: 'SELECTION_NOT_RESOLVABLE',
  /** Safelist mode: the operation is not in the deployed persisted-query manifests. */
  PERSISTED_QUERY_NOT_IN_LIST: 'PERSISTED_QUERY_NOT_IN_LIST',
  /** A persisted-query hash that does not match the query sent with it. */
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  /** Too many requests from this caller; `retryAfterSeconds` says when to try again. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The gateway is at capacity or shutting down; retry shortly. */
  SERVER_BUSY: 'SERVER_BUSY',
  /** A source did not answer (down, slow, or broken); the fields it provides are null, the rest is served. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /**
   * The source is served read-only here (a subgraph in adapter mode, reading an existing database
   * through views): the mutation stored nothing. `operations` names the refused mutations and
   * `writableOperations` those this source still takes.
   */
  SOURCE_READ_ONLY: 'SOURCE_READ_ONLY',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The HTTP status an error answers with when it is the request's only outcome. */
export const httpStatusOf: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  OPERATION_LIMIT_EXCEEDED: 400,
  SELECTION_NOT_RESOLVABLE: 400,
  PERSISTED_QUERY_NOT_IN_LIST: 400,
  PERSISTED_QUERY_HASH_MISMATCH: 400,
  RATE_LIMITED: 429,
  SERVER_BUSY: 503,
};

export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const status = httpStatusOf[code];
  // The registry's status unless the caller gives its own HTTP head (say, with a Retry-After header).
  return new GraphQLError(message, {
    extensions: { code, ...(status ? { http: { status } } : {}), ...extensions },
  });
}

/** A rejected argument: names the field (a path such as `filter.creditCode`) and the reason. */
export function badUserInput(field: string, reason: string): GraphQLError {
  return appError(ErrorCode.BAD_USER_INPUT, `Invalid ${field}: ${reason}`, { field, reason });
}

/** One refused field of an input, as a bulk operation reports it per record. */
export interface InputProblem {
  field: string;
  reason: string;
}

/**
 * Every refused field of one input at once: the error names the first (`field`, `reason`) and
 * `problems` lists them all, so a form can mark each.
 */
export function badUserInputs(problems: readonly InputProblem[]): GraphQLError {
  const [first, ...rest] = problems;
  if (!first) throw new Error('badUserInputs needs at least one problem');
  const more = rest.length > 0 ? ` (and ${rest.length} more: ${rest.map((p) => p.field).join(', ')})` : '';
  return appError(ErrorCode.BAD_USER_INPUT, `Invalid ${first.field}: ${first.reason}${more}`, {
    field: first.field,
    reason: first.reason,
    problems,
  });
}

/** A refused record of a bulk operation, as its result reports it: field, message and code. */
export interface FieldError {
  field: string;
  message: string;
  code: string;
}

/** The field errors an error stands for; an error that is not the caller's to fix is rethrown. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!(error instanceof GraphQLError)) throw error;
  const code = String(error.extensions.code ?? '');
  if (code !== ErrorCode.BAD_USER_INPUT && code !== ErrorCode.CONFLICT && code !== ErrorCode.FORBIDDEN) throw error;
  const problems = error.extensions.problems as InputProblem[] | undefined;
  if (problems) return problems.map((p) => ({ field: p.field, message: p.reason, code }));
  return [{ field: String(error.extensions.field ?? 'input'), message: error.message, code }];
}

export function notFound(what: string, id: string): GraphQLError {
  return appError(ErrorCode.NOT_FOUND, `${what} ${id} was not found`, { id });
}

export function unauthenticated(reason: string): GraphQLError {
  return appError(ErrorCode.UNAUTHENTICATED, reason);
}

/** An operation over a limit, with the limit's name, its maximum and what the operation asked for. */
export function operationLimitExceeded(limit: string, max: number, actual: number, message: string): GraphQLError {
  return appError(ErrorCode.OPERATION_LIMIT_EXCEEDED, message, { limit, max, actual });
}
