import { GraphQLError } from 'graphql';

/**
 * The one registry of error codes every subgraph and the gateway answer with. Clients branch on
 * `extensions.code`; the message tells a person what to fix.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const httpStatusOf: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
};

export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const status = httpStatusOf[code];
  return new GraphQLError(message, {
    extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) },
  });
}

/** A rejected argument: names the field (a path such as `filter.creditCode`) and the reason. */
export function badUserInput(field: string, reason: string): GraphQLError {
  return appError(ErrorCode.BAD_USER_INPUT, `Invalid ${field}: ${reason}`, { field, reason });
}

export function notFound(what: string, id: string): GraphQLError {
  return appError(ErrorCode.NOT_FOUND, `${what} ${id} was not found`, { id });
}

export function unauthenticated(reason: string): GraphQLError {
  return appError(ErrorCode.UNAUTHENTICATED, reason);
}
