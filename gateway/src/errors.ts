import { type Logger, maskUnexpectedErrors } from '@gzequip/kit';
import type { GraphQLFormattedError } from 'graphql';

/**
 * What the client may see of an error: its message, path and code. A subgraph's error arrives
 * with `extensions.response` (the subgraph's URL and body) and the subgraph's name; those are
 * internal and dropped here. Unexpected errors are masked and logged.
 */
export function formatGatewayError(logger: Logger) {
  const mask = maskUnexpectedErrors(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const {
      response: _response,
      serviceName: _serviceName,
      stacktrace: _stacktrace,
      ...extensions
    } = formatted.extensions ?? {};
    return mask({ ...formatted, extensions }, error);
  };
}
