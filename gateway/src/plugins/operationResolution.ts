/**
 * A request whose operation cannot run as sent — an operationName the document does not define,
 * several operations and no name, a mutation or subscription on a graph without that root —
 * is the client's mistake: 400 BAD_REQUEST saying what to change, not a 500 from the planner.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { appError, ErrorCode } from '@gzequip/kit/edge';
import { Kind } from 'graphql';

export function useOperationResolution<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) {
            const names = document.definitions.flatMap((definition) =>
              definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value ?? '(anonymous)'] : [],
            );
            throw appError(
              ErrorCode.BAD_REQUEST,
              request.operationName
                ? `Unknown operation named "${request.operationName}"; the document defines ${names.join(', ')}`
                : `The document defines ${names.length} operations (${names.join(', ')}); say which to run with operationName`,
            );
          }
          const root =
            operation.operation === 'mutation'
              ? schema.getMutationType()
              : operation.operation === 'subscription'
                ? schema.getSubscriptionType()
                : schema.getQueryType();
          if (!root) {
            throw appError(ErrorCode.BAD_REQUEST, `This graph has no ${operation.operation} operations`);
          }
        },
      };
    },
  };
}
