/**
 * One JSON log line per request (pino-http): request id, operation, caller, status, duration,
 * every subgraph call with its time and outcome, and the codes of the errors answered. Errors a
 * subgraph already logged are named by code here, not logged a second time.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { type Logger, REQUEST_ID_HEADER } from '@gzequip/kit/edge';
import type express from 'express';
import { pinoHttp } from 'pino-http';
import type { GatewayContext } from '../subgraphClient.ts';

/**
 * What the log line says about the GraphQL side of a request, filled in as the request runs. An
 * object of its own: Apollo hands plugins a shallow copy of the context, so only what the
 * context points to is shared with the log.
 */
export interface RequestSummary {
  summary: { operationName?: string | null; operationType?: string; errorCodes?: string[] };
}

const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

export function useRequestLog(logger: Logger): express.RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (_req, res) => String(res.getHeader(REQUEST_ID_HEADER)),
    customAttributeKeys: { reqId: 'requestId', responseTime: 'ms' },
    quietReqLogger: true,
    autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? '') },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    customProps: (_req, res) => {
      const context = (res as unknown as express.Response).locals?.gateway as
        | (GatewayContext & RequestSummary)
        | undefined;
      if (!context) return {};
      const { summary } = context;
      return {
        operation: summary.operationName ?? null,
        operationType: summary.operationType,
        caller: { role: context.claims.role, userId: context.claims.userId },
        subgraphs: context.fetches,
        ...(summary.errorCodes?.length ? { errors: summary.errorCodes } : {}),
      };
    },
  });
}

/** Notes the operation and the error codes of the answer on the request's context for the log line. */
export function useRequestSummary<TContext extends RequestSummary>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ operation, operationName, contextValue }) => {
        contextValue.summary.operationName = operationName;
        contextValue.summary.operationType = operation?.operation;
      },
      willSendResponse: async ({ response, contextValue }) => {
        if (response.body.kind !== 'single') return;
        const codes = (response.body.singleResult.errors ?? []).map((error) => String(error.extensions?.code));
        if (codes.length) contextValue.summary.errorCodes = codes;
      },
    }),
  };
}
