import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors.ts';
import { currentRequestId } from './http.ts';
import type { Logger } from './logger.ts';

/**
 * Apollo Server's `formatError`: errors the code raised on purpose keep their code and message;
 * anything unexpected (a bug, a lost connection) is logged with its cause and the request id,
 * and reaches the client only as "Internal server error" with that id, no stack trace or SQL.
 */
export function maskUnexpectedErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    const requestId = currentRequestId();
    logger.error({ err: unwrapResolverError(error), path: formatted.path, requestId }, 'unexpected error');
    return maskedError(requestId, formatted.path);
  };
}

export function maskedError(
  requestId: string | undefined,
  path?: GraphQLFormattedError['path'],
): GraphQLFormattedError {
  return {
    message: requestId ? `Internal server error (request id ${requestId})` : 'Internal server error',
    ...(path ? { path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}
