/**
 * The bundled GraphiQL in headless Chromium (Debian's package, driven by playwright-core): every
 * request the page makes is to the gateway itself — anything else is blocked and recorded — and
 * it runs a query, with and without the token typed into its field. CI installs Chromium; where
 * it is missing this test says so and is skipped.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_EXAMPLES } from '../../gateway/src/graphiql/examples.ts';
import { chromiumInstalled, launchChromium } from '../../scripts/lib/chromium.ts';
import { closeTestGateways, type Started, testGateway } from '../support/edge.ts';
import { gatewayQuery, token } from '../support/federation.ts';

describe.skipIf(!chromiumInstalled)('GraphiQL in a browser, offline', () => {
  let browser: Browser;
  let closeBrowser: (() => Promise<void>) | undefined;
  let started: Started;

  beforeAll(async () => {
    started = await testGateway();
    ({ browser, close: closeBrowser } = await launchChromium());
  });

  afterAll(async () => {
    await closeBrowser?.();
    await closeTestGateways();
  });

  it('loads from the gateway alone, runs the first example, and sends the token typed in', async () => {
    const origin = new URL(started.gateway.url).origin;
    const context = await browser.newContext();
    const blocked: string[] = [];
    const authorizations: (string | undefined)[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (!url.startsWith(origin)) {
        blocked.push(url);
        await route.abort();
        return;
      }
      if (url === `${origin}/graphql` && route.request().method() === 'POST') {
        authorizations.push(route.request().headers().authorization);
      }
      await route.continue();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${origin}/`);
    await page.locator('.graphiql-container').waitFor({ timeout: 15_000 });
    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await expect.poll(() => response.textContent(), { timeout: 15_000 }).toContain('"instruments"');
    expect(await response.textContent()).toMatch(/\p{Script=Han}/u);

    await page.locator('#gz-token').fill(await token({ role: 'ADMIN' }));
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => authorizations.at(-1), { timeout: 15_000 }).toMatch(/^Bearer ey/);

    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens for a browser at GET /graphql, while a GET with a query is still GraphQL', async () => {
    const html = await fetch(started.gateway.url, { headers: { accept: 'text/html' } });
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    const query = await fetch(`${started.gateway.url}?query=${encodeURIComponent('{ regions { code } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(((await query.json()) as { data: { regions: unknown[] } }).data.regions).toHaveLength(10);
  });

  it('is off in production unless enabled', async () => {
    const production = await testGateway({ production: true, introspection: false, graphiql: false });
    const root = await fetch(production.gateway.url.replace(/graphql$/, ''));
    expect(root.status).toBe(404);
    const enabled = await testGateway({ production: true, introspection: false, graphiql: true });
    expect((await fetch(enabled.gateway.url.replace(/graphql$/, ''))).status).toBe(200);
  });
});

describe('the examples GraphiQL opens with', () => {
  it.each(GRAPHIQL_EXAMPLES.map((example) => [example.title, example.query]))(
    'answer without errors: %s',
    async (_title, query) => {
      const result = await gatewayQuery(query);
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result.data)).not.toBe('{}');
    },
  );
});
