/**
 * Serves the built portal: hashed assets cached for a year, the page itself never cached, a
 * content security policy that lets the page load only its own files and talk only to the
 * gateway, probes for a container's health check and a load balancer (`GET /health`,
 * `GET /ready`), and, in development only, a sign-in that mints tokens per role.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { closeServer, Drain, type Logger, listen } from '@gzequip/kit/edge';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';

export interface DevIdentity {
  role: string;
  sub: string;
  enterpriseId?: string;
  platformIds?: string[];
}

export interface PortalOptions {
  /** The built portal (`pnpm --filter @gzequip/portal build`). */
  distDir: string;
  /** The gateway's GraphQL endpoint as browsers reach it. */
  graphUrl: string;
  port: number;
  host?: string;
  logger: Logger;
  /** Development only: mints a token for the identity a user picks. Never set in production. */
  mintDevToken?: (identity: DevIdentity) => Promise<string>;
  /**
   * At close: how long `/ready` answers 503 first, while everything is still served (each
   * connection closed after its answer), so that a balancer sends browsers elsewhere; 0 by default.
   */
  drainMs?: number;
  /** At close, after the drain: how long requests in flight may take to finish; 5 s by default. */
  graceMs?: number;
}

export interface RunningPortal {
  url: string;
  close(): Promise<void>;
}

const ROLES = new Set(['ENTERPRISE_USER', 'PLATFORM_OPERATOR', 'ASSESSOR', 'PARTNER', 'ADMIN']);
const IDENTIFIER = /^[A-Za-z0-9._-]{1,64}$/;

/** The identity a development sign-in asks for, or what is wrong with it. */
export function devIdentityOf(body: unknown): DevIdentity | string {
  const { role, sub, enterpriseId, platformIds } = (body ?? {}) as Record<string, unknown>;
  if (typeof role !== 'string' || !ROLES.has(role)) return `role must be one of ${[...ROLES].join(', ')}`;
  if (typeof sub !== 'string' || !IDENTIFIER.test(sub))
    return 'sub must be 1–64 letters, digits, dots, dashes or underscores';
  if (
    enterpriseId !== undefined &&
    enterpriseId !== '' &&
    (typeof enterpriseId !== 'string' || !IDENTIFIER.test(enterpriseId))
  ) {
    return 'enterpriseId must be an id such as ent-029';
  }
  if (
    platformIds !== undefined &&
    (!Array.isArray(platformIds) ||
      platformIds.length > 20 ||
      platformIds.some((id) => typeof id !== 'string' || !IDENTIFIER.test(id)))
  ) {
    return 'platformIds must be a list of ids such as plt-01';
  }
  return {
    role,
    sub,
    ...(enterpriseId ? { enterpriseId: enterpriseId as string } : {}),
    ...(platformIds ? { platformIds: platformIds as string[] } : {}),
  };
}

function escapeAttribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export async function startPortal(options: PortalOptions): Promise<RunningPortal> {
  const { distDir, graphUrl, logger, mintDevToken } = options;
  const indexHtml = join(distDir, 'index.html');
  if (!existsSync(indexHtml)) {
    throw new Error(`The portal is not built (${indexHtml} is missing): run pnpm --filter @gzequip/portal build`);
  }
  const gatewayOrigin = new URL(graphUrl).origin;
  // The page's settings travel in the page itself (no inline script: the policy forbids it), so
  // its first query does not wait for another request. The browser connects to the gateway while
  // it loads the script (the connection a cross-origin fetch without credentials uses).
  const settings = JSON.stringify({ graphUrl, devSignIn: Boolean(mintDevToken) });
  const page = readFileSync(indexHtml, 'utf8').replace(
    '</head>',
    `<meta name="gzequip-portal" content="${escapeAttribute(settings)}" />\n` +
      `    <link rel="preconnect" href="${escapeAttribute(gatewayOrigin)}" crossorigin />\n  </head>`,
  );

  const drain = new Drain();
  const app = express();
  app.disable('x-powered-by');
  app.use(drain.middleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'", gatewayOrigin],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // The gateway is another origin; the page sends it nothing but its requests.
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use(compression());

  if (mintDevToken) {
    app.post('/dev/sign-in', express.json({ limit: '4kb' }), async (req, res) => {
      const identity = devIdentityOf(req.body);
      if (typeof identity === 'string') {
        res.status(400).json({ error: identity });
        return;
      }
      res.set('cache-control', 'no-store').json({ token: await mintDevToken(identity) });
    });
  }
  // Probes. Alive while the process answers; ready unless it drains for shutdown: the portal
  // serves files from its own disk and calls nothing, so nothing else can make it unready.
  app.get('/health', (_req, res) => {
    res.set('cache-control', 'no-store').json({ status: drain.draining ? 'draining' : 'ok' });
  });
  app.get('/ready', (_req, res) => {
    res
      .status(drain.draining ? 503 : 200)
      .set('cache-control', 'no-store')
      .json({ status: drain.draining ? 'draining' : 'ready' });
  });
  // File names carry their content's hash: a new build is new names, so they never go stale.
  app.use(
    '/assets',
    express.static(join(distDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      fallthrough: false,
      index: false,
    }),
  );
  // Every other GET is a page of the portal: the same index.html, always checked afresh.
  app.get(/^\/(?!assets\/)[^.]*$/, (_req, res) => {
    res.set('cache-control', 'no-cache').type('html').send(page);
  });
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });

  const server: Server = await listen(app, options.port, options.host ?? '127.0.0.1');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}/`;
  logger.info({ url }, 'portal listening');
  let closing: Promise<void> | undefined;
  return {
    url,
    close: () => {
      closing ??= (async () => {
        await drain.start(options.drainMs ?? 0);
        await closeServer(server, options.graceMs ?? 5_000);
      })();
      return closing;
    },
  };
}
