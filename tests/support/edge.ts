/**
 * Helpers for the gateway-edge tests: gateways with their own settings (and captured logs), raw
 * HTTP requests, Prometheus figures, and proxies in front of a real subgraph that record what
 * passes, or delay it, as a network would.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GatewayConfig, type RunningGateway, startGateway } from '@gzequip/gateway';
import { pino } from 'pino';
import { federation, gatewayConfig } from './federation.ts';

export interface Started {
  gateway: RunningGateway;
  logs: Record<string, unknown>[];
}

const running: RunningGateway[] = [];

/** A gateway over the test federation with `settings`, its JSON log lines captured. */
export async function testGateway(
  settings: Partial<GatewayConfig> = {},
  subgraphUrls: Record<string, string> = {},
): Promise<Started> {
  const { subgraphs } = await federation();
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const gateway = await startGateway(gatewayConfig(subgraphs, subgraphUrls, settings), logger);
  running.push(gateway);
  return { gateway, logs };
}

export async function closeTestGateways(): Promise<void> {
  for (const gateway of running.splice(0)) await gateway.close();
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

/** A POST exactly as given: any body, any headers. */
export async function send(
  url: string,
  body: string | object,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: RawResponse['json'] = {};
  try {
    json = JSON.parse(text) as RawResponse['json'];
  } catch {}
  return { status: response.status, headers: response.headers, text, json };
}

/** A request over node:http, for what fetch will not send (oversize headers). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The sum of a metric's samples whose labels include `labels`, from `/metrics`. */
export async function metric(
  gateway: RunningGateway,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(\{([^}]*)\})? ([0-9.e+-]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const sample = Object.fromEntries(
      [...(match[3] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]),
    );
    if (Object.entries(labels).every(([key, value]) => sample[key] === value)) total += Number(match[4]);
  }
  return total;
}

/** Subgraph calls a gateway has made, from its metrics. */
export function subgraphCalls(gateway: RunningGateway): Promise<number> {
  return metric(gateway, 'gateway_subgraph_fetch_duration_seconds_count');
}

export interface Recorded {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface WireProxy {
  url: string;
  recorded: Recorded[];
  /** Milliseconds to hold each request before passing it on. */
  delayMs: number;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of a subgraph's GraphQL URL: records each request (headers and body,
 * as a network observer would see them) and passes it on after `delayMs`.
 */
export async function proxy(targetUrl: string, delayMs = 0): Promise<WireProxy> {
  const recorded: Recorded[] = [];
  const state = { delayMs, closed: false };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    recorded.push({ headers: { ...req.headers }, body });
    if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    // A request still held when the proxy closed never reaches the subgraph (nor another test's counts).
    if (state.closed) {
      res.destroy();
      return;
    }
    try {
      const upstream = await fetch(targetUrl, {
        method: 'POST',
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(
            (entry): entry is [string, string] =>
              typeof entry[1] === 'string' && !['host', 'content-length', 'connection'].includes(entry[0]),
          ),
        ),
        body,
      });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(await upstream.text());
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    recorded,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(value: number) {
      state.delayMs = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        state.closed = true;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The showcase query: 50 instruments with owner, platform and the platform's latest grade. */
export const SHOWCASE =
  '{ instruments(first: 50) { edges { node { name owner { name creditCode } platform { name latestAssessment { year grade } } } } } }';

export interface ShowcaseRow {
  name: string;
  owner: { name: string; creditCode: string } | null;
  platform: { name: string; latestAssessment: { year: number; grade: string } | null } | null;
}

export function showcaseRows(response: RawResponse): ShowcaseRow[] {
  const instruments = response.json.data?.instruments as { edges: { node: ShowcaseRow }[] } | null | undefined;
  return instruments?.edges.map((edge) => edge.node) ?? [];
}
