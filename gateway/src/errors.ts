import { unwrapResolverError } from '@apollo/server/errors';
import { currentRequestId, ErrorCode, type Logger, maskedError } from '@gzequip/kit/edge';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { tokenLimitError } from './plugins/documentLimits.ts';

/**
 * What the client may see of an error: its message, path and code.
 * - A subgraph's error arrives with its service name (and, from a failed fetch, its URL and
 *   body); those are internal and dropped. One the subgraph masked keeps its request id and is
 *   not logged again: the subgraph logged it with its cause.
 * - Our own validation rules' errors keep their code (Apollo files them all under
 *   GRAPHQL_VALIDATION_FAILED); the parser's token limit becomes OPERATION_LIMIT_EXCEEDED.
 * - An error Apollo raised with a 4xx status but no code is the client's: BAD_REQUEST.
 * - Anything else unexpected is logged with the request id and masked.
 */
export function formatGatewayError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const {
      response: _response,
      serviceName,
      stacktrace: _stacktrace,
      http: _http,
      ...extensions
    } = formatted.extensions ?? {};
    const original = error instanceof GraphQLError ? error : undefined;

    const ownCode = (original?.originalError as GraphQLError | undefined)?.extensions?.code;
    if (extensions.code === 'GRAPHQL_VALIDATION_FAILED' && typeof ownCode === 'string') {
      return { ...formatted, extensions: { ...extensions, code: ownCode } };
    }
    // Documents are checked at the edge; one sent by hash alone (APQ) meets the parser's limit here.
    const overLimit = extensions.code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitError(formatted.message) : null;
    if (overLimit) return { message: overLimit.message, extensions: overLimit.extensions };
    if (extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR) return { ...formatted, extensions };
    if (serviceName) return { ...formatted, extensions };

    const status = (original?.extensions?.http as { status?: number } | undefined)?.status ?? 500;
    if (status >= 400 && status < 500) {
      return { message: formatted.message, extensions: { code: ErrorCode.BAD_REQUEST } };
    }
    const requestId = currentRequestId();
    logger.error({ err: unwrapResolverError(error), path: formatted.path, requestId }, 'unexpected error');
    return maskedError(requestId, formatted.path);
  };
}
