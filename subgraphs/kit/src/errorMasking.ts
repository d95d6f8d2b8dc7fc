import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors.ts';
import type { Logger } from './logger.ts';

/**
 * Apollo Server's `formatError`: errors the code raised on purpose keep their code and message;
 * anything unexpected (a bug, a lost connection) is logged with its cause and reaches the client
 * only as "Internal server error", with no stack trace or SQL.
 */
export function maskUnexpectedErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
