/**
 * The HTTP layer under GraphQL, shared by the gateway and the subgraphs: whatever goes wrong
 * before a request reaches GraphQL (a body that is not JSON, too large, in another charset,
 * headers over the limit, an unknown path) is still answered as GraphQL JSON with a 4xx status
 * and a code from the registry, never an HTML page or a stack trace.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import express from 'express';
import { ErrorCode } from './errors.ts';
import type { Logger } from './logger.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export interface GraphQLErrorBody {
  errors: { message: string; extensions: Record<string, unknown> }[];
}

export function graphqlErrorBody(
  message: string,
  code: ErrorCode,
  extensions: Record<string, unknown> = {},
): GraphQLErrorBody {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

export function sendGraphQLError(
  res: express.Response,
  status: number,
  message: string,
  code: ErrorCode,
  extensions: Record<string, unknown> = {},
): void {
  res.status(status).json(graphqlErrorBody(message, code, extensions));
}

/** The caller's `x-request-id` when it is a sane token, else a new one; echoed on the response. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && CALLER_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Refuses a POST whose body is not declared JSON, before anything reads it (also a CSRF guard). */
export function requireJsonBody(req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (req.method === 'POST' && !req.is('application/json')) {
    const given = req.headers['content-type'] ?? 'none';
    sendGraphQLError(
      res,
      415,
      `Send the GraphQL request as JSON with Content-Type: application/json (got ${given})`,
      ErrorCode.BAD_REQUEST,
    );
    return;
  }
  next();
}

/** The JSON body parser, with a size limit; `verify` sees the raw bytes (the subgraphs hash them). */
export function jsonBody(
  limitBytes: number,
  verify?: (req: express.Request, body: Buffer) => void,
): express.RequestHandler {
  return express.json({
    limit: limitBytes,
    ...(verify ? { verify: (req, _res, buf) => verify(req as express.Request, buf) } : {}),
  });
}

/** The body as raw bytes (a signature is over exactly what was sent), with a size limit. */
export function rawBody(limitBytes: number, type = 'application/json'): express.RequestHandler {
  return express.raw({ limit: limitBytes, type });
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  length?: number;
  limit?: number;
  charset?: string;
  encoding?: string;
}

/** Express's last error handler: body-parser's failures as GraphQL JSON; the unexpected masked and logged. */
export function graphqlErrorHandler(logger: Logger): express.ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    switch (error.type) {
      case 'entity.parse.failed':
        sendGraphQLError(res, 400, `The request body is not valid JSON: ${error.message}`, ErrorCode.BAD_REQUEST);
        return;
      case 'entity.too.large':
        sendGraphQLError(
          res,
          413,
          `The request body is ${error.length} bytes; the limit is ${error.limit} bytes`,
          ErrorCode.BAD_REQUEST,
          { limit: 'requestBytes', max: error.limit, actual: error.length },
        );
        return;
      case 'charset.unsupported':
        sendGraphQLError(
          res,
          415,
          `The request body's charset ${error.charset} is not supported; send UTF-8`,
          ErrorCode.BAD_REQUEST,
        );
        return;
      case 'encoding.unsupported':
        sendGraphQLError(
          res,
          415,
          `The content encoding ${error.encoding} is not supported; send the body uncompressed or gzip`,
          ErrorCode.BAD_REQUEST,
        );
        return;
    }
    const status = error.status ?? 500;
    if (status >= 400 && status < 500) {
      sendGraphQLError(res, status, `The request could not be read: ${error.message}`, ErrorCode.BAD_REQUEST);
      return;
    }
    const requestId = res.getHeader(REQUEST_ID_HEADER);
    logger.error({ err: error, requestId }, 'unexpected error below GraphQL');
    sendGraphQLError(res, 500, `Internal server error (request id ${requestId})`, ErrorCode.INTERNAL_SERVER_ERROR, {
      requestId,
    });
  };
}

/** Every path the server does not serve: a JSON 404 that says where GraphQL is. */
export function graphqlNotFound(req: express.Request, res: express.Response): void {
  sendGraphQLError(
    res,
    404,
    `Nothing is served at ${req.method} ${req.path}; GraphQL is at POST /graphql`,
    ErrorCode.NOT_FOUND,
  );
}

/**
 * Requests Node refuses before Express sees them (headers over `maxHeaderSize`, broken HTTP,
 * a request that took too long to arrive) get a GraphQL JSON answer too.
 */
function answerClientErrorsAsJson(server: Server, maxHeaderBytes: number): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, `The request headers are larger than the ${maxHeaderBytes}-byte limit`]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'The request took too long to arrive']
          : [400, 'The request is not valid HTTP'];
    const body = JSON.stringify(graphqlErrorBody(message, ErrorCode.BAD_REQUEST));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

export interface ListenOptions {
  /** Largest request headers accepted (Node's default is 16 KiB). */
  maxHeaderBytes?: number;
  /** How long a whole request may take to arrive; guards against slow-loris clients. */
  requestTimeoutMs?: number;
}

/** Listens on `port` (0 picks a free one) and resolves once it accepts connections. */
export function listen(app: express.Express, port: number, host: string, options: ListenOptions = {}): Promise<Server> {
  const server = createServer({ ...(options.maxHeaderBytes ? { maxHeaderSize: options.maxHeaderBytes } : {}) }, app);
  server.requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.headersTimeout = Math.min(server.requestTimeout, 10_000);
  answerClientErrorsAsJson(server, options.maxHeaderBytes ?? 16_384);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * The first step of a shutdown behind a load balancer. While draining, the server still answers
 * every request, but its readiness probe fails (so the balancer sends new connections
 * elsewhere) and every answer says `Connection: close` (so clients open their next connection
 * to another replica). A drain longer than the keep-alive timeout (Node's is 5 s) leaves no idle
 * connection for the close to cut under a client that is just reusing it.
 */
export class Drain {
  draining = false;

  readonly middleware = (_req: express.Request, res: express.Response, next: express.NextFunction): void => {
    if (this.draining) res.setHeader('connection', 'close');
    next();
  };

  /** Starts draining and resolves after `ms`; the caller then closes the server. */
  async start(ms: number): Promise<void> {
    this.draining = true;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

/**
 * Stops accepting connections and lets requests in flight finish; connections still busy after
 * `graceMs` are cut. Idle keep-alive connections are closed at once.
 */
export function closeServer(server: Server, graceMs = 0): Promise<void> {
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  if (graceMs <= 0) {
    server.closeAllConnections();
    return closed;
  }
  // A keep-alive connection whose request finishes during the drain turns idle: close it then.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  server.closeIdleConnections();
  return closed.finally(() => {
    clearInterval(sweep);
    clearTimeout(deadline);
  });
}

interface RequestScope {
  requestId: string;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

/**
 * Gives the id of the request being served to everything it calls, so that logs and masked
 * errors carry it. Mount it after the body parser: stream events would lose the scope.
 */
export function withRequestScope(req: express.Request, res: express.Response, next: express.NextFunction): void {
  const requestId = (res.getHeader(REQUEST_ID_HEADER) as string | undefined) ?? requestIdOf(req);
  requestScope.run({ requestId }, next);
}

/** Assigns the request id (the caller's, if sane) and echoes it on the response. */
export function assignRequestId(req: express.Request, res: express.Response, next: express.NextFunction): void {
  res.setHeader(REQUEST_ID_HEADER, requestIdOf(req));
  next();
}

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}
