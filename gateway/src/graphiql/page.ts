/**
 * `GET /` and a browser's `GET /graphql`: GraphiQL, from the gateway's own dependencies (React
 * and GraphiQL's browser builds), so it works with no network. Served with a strict content
 * security policy: scripts and styles only from the gateway itself.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express from 'express';
import { GRAPHIQL_EXAMPLES } from './examples.ts';

const require = createRequire(import.meta.url);

/** A file of a dependency's browser build (their export maps leave these out). */
function packageFile(name: string, file: string): string {
  return join(dirname(require.resolve(`${name}/package.json`)), file);
}

const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
  'init.js': { file: new URL('./init.js', import.meta.url).pathname, type: 'text/javascript' },
};

const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // GraphiQL and its editor set style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

function page(): string {
  // The examples go in as data (`type="application/json"` is not run), escaped so no `</script>` can end it.
  const examples = JSON.stringify(GRAPHIQL_EXAMPLES).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · 贵州装备制造 GraphQL</title>
<link rel="stylesheet" href="/graphiql/graphiql.css">
<style>
  body { margin: 0; height: 100vh; }
  .gz-app { display: flex; flex-direction: column; height: 100vh; }
  .gz-app .graphiql-container { flex: 1; min-height: 0; }
  .gz-header { display: flex; gap: 0.75rem; align-items: center; padding: 0.5rem 1rem; font: 14px system-ui, sans-serif; border-bottom: 1px solid #ddd; }
  .gz-header input { flex: 1; max-width: 32rem; padding: 0.25rem 0.5rem; font: inherit; }
</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="examples">${examples}</script>
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphiql.js"></script>
<script src="/graphiql/init.js"></script>
</body>
</html>
`;
}

/** Serves the IDE when `enabled`; the routes do not exist otherwise. */
export function useGraphiQL(enabled: boolean): express.Router {
  const router = express.Router();
  if (!enabled) return router;
  const html = page();
  const sendPage: express.RequestHandler = (_req, res) => {
    res.setHeader('content-security-policy', POLICY);
    res.type('html').send(html);
  };
  router.get('/', sendPage);
  // A browser opening the endpoint; a GET with a query (or asking for JSON) is GraphQL's.
  router.get('/graphql', (req, res, next) => {
    if (req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html') {
      sendPage(req, res, next);
      return;
    }
    next();
  });
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  router.get('/graphiql/:asset', (req, res, next) => {
    const asset = ASSETS[req.params.asset];
    if (!asset) {
      next();
      return;
    }
    res.setHeader('cache-control', 'public, max-age=3600');
    // pnpm keeps packages under .pnpm: a dot-folder Express would otherwise refuse to serve from.
    res.type(asset.type).sendFile(asset.file, { dotfiles: 'allow' });
  });
  return router;
}
