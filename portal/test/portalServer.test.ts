/**
 * The portal's server over a small built folder: what it caches and for how long, its content
 * security policy, the pages it answers with index.html, its probes and the drain at shutdown,
 * and the development sign-in, which refuses every malformed identity and does not exist unless
 * a token minter is given.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@gzequip/kit/edge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevIdentity, devIdentityOf, type RunningPortal, startPortal } from '../server/portalServer.ts';

const dist = mkdtempSync(join(tmpdir(), 'gzequip-portal-dist-'));
const logger = createLogger('portal-test');
const GRAPH_URL = 'http://127.0.0.1:4000/graphql';
const minted: DevIdentity[] = [];
let development: RunningPortal;
let production: RunningPortal;

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head></html>',
  );
  writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  development = await startPortal({
    distDir: dist,
    graphUrl: GRAPH_URL,
    port: 0,
    logger,
    mintDevToken: async (identity) => {
      minted.push(identity);
      return 'header.payload.signature';
    },
  });
  production = await startPortal({ distDir: dist, graphUrl: GRAPH_URL, port: 0, logger });
});

afterAll(async () => {
  await development?.close();
  await production?.close();
  rmSync(dist, { recursive: true, force: true });
});

const signIn = (body: unknown, portal = development) =>
  fetch(new URL('/dev/sign-in', portal.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the portal server', () => {
  it('answers every page with index.html, never cached, under a policy that allows only itself and the gateway', async () => {
    for (const path of ['/', '/instruments/ins-054', '/my/bookings']) {
      const response = await fetch(new URL(path, development.url));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('/assets/index-abc.js');
      const policy = response.headers.get('content-security-policy');
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("connect-src 'self' http://127.0.0.1:4000");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-inline');
    }
  });

  it('caches hashed assets for a year, compressed, and answers 404 for one that is not there', async () => {
    const asset = await fetch(new URL('/assets/index-abc.js', development.url), {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(new URL('/assets/missing.js', development.url))).status).toBe(404);
    expect((await fetch(new URL('/favicon.ico', development.url))).status).toBe(404);
  });

  it('tells the page where the gateway is and whether the development sign-in is on, in the page itself', async () => {
    const settings = async (portal: RunningPortal) => {
      const html = await (await fetch(portal.url)).text();
      const content = /<meta name="gzequip-portal" content="([^"]*)"/.exec(html)?.[1] ?? '';
      return JSON.parse(content.replaceAll('&quot;', '"').replaceAll('&amp;', '&'));
    };
    expect(await settings(development)).toEqual({ graphUrl: GRAPH_URL, devSignIn: true });
    expect(await settings(production)).toEqual({ graphUrl: GRAPH_URL, devSignIn: false });
  });

  it('has the browser connect to the gateway while the page loads', async () => {
    const html = await (await fetch(production.url)).text();
    expect(html).toContain('<link rel="preconnect" href="http://127.0.0.1:4000" crossorigin />');
  });

  it('mints a token for a well-formed identity in development, and has no sign-in otherwise', async () => {
    const response = await signIn({ role: 'ENTERPRISE_USER', sub: 'sme-user', enterpriseId: 'ent-029' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ token: 'header.payload.signature' });
    expect(minted.at(-1)).toEqual({ role: 'ENTERPRISE_USER', sub: 'sme-user', enterpriseId: 'ent-029' });
    expect((await signIn({ role: 'ADMIN', sub: 'admin' }, production)).status).toBe(404);
  });

  it.each([
    [{}, /^role must be one of/],
    [{ role: 'ROOT', sub: 'x' }, /^role must be one of/],
    [{ role: 'ADMIN' }, /^sub must be/],
    [{ role: 'ADMIN', sub: '' }, /^sub must be/],
    [{ role: 'ADMIN', sub: 'a b' }, /^sub must be/],
    [{ role: 'ADMIN', sub: 'x'.repeat(65) }, /^sub must be/],
    [{ role: 'ENTERPRISE_USER', sub: 'u', enterpriseId: 12 }, /^enterpriseId must be/],
    [{ role: 'ENTERPRISE_USER', sub: 'u', enterpriseId: '<script>' }, /^enterpriseId must be/],
    [{ role: 'PLATFORM_OPERATOR', sub: 'u', platformIds: 'plt-01' }, /^platformIds must be/],
    [{ role: 'PLATFORM_OPERATOR', sub: 'u', platformIds: ['plt 01'] }, /^platformIds must be/],
    [{ role: 'PLATFORM_OPERATOR', sub: 'u', platformIds: Array(21).fill('plt-01') }, /^platformIds must be/],
  ])('refuses %j with a clear 400, minting nothing', async (body, message) => {
    expect(devIdentityOf(body)).toMatch(message);
    const before = minted.length;
    const response = await signIn(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
    expect(minted).toHaveLength(before);
  });

  it('refuses a body that is not JSON, and one too large', async () => {
    const notJson = await fetch(new URL('/dev/sign-in', development.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{role',
    });
    expect(notJson.status).toBe(400);
    const large = await signIn({ role: 'ADMIN', sub: 'admin', padding: 'x'.repeat(5_000) });
    expect(large.status).toBe(413);
  });

  it('answers its probes, never cached: alive at /health, ready at /ready', async () => {
    for (const [path, status] of [
      ['/health', 'ok'],
      ['/ready', 'ready'],
    ]) {
      const response = await fetch(new URL(path as string, production.url));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(await response.json(), path).toEqual({ status });
    }
  });

  it('at close, reports not-ready for the drain while it still serves, closing each connection, then stops', async () => {
    const portal = await startPortal({ distDir: dist, graphUrl: GRAPH_URL, port: 0, logger, drainMs: 1_000 });
    const closed = portal.close();
    const ready = await fetch(new URL('/ready', portal.url));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });
    const health = await fetch(new URL('/health', portal.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'draining' });
    const page = await fetch(new URL('/my/bookings', portal.url));
    expect(page.status).toBe(200);
    expect(page.headers.get('connection')).toBe('close');
    expect(portal.close()).toBe(closed);
    await closed;
    await expect(fetch(new URL('/health', portal.url))).rejects.toThrow();
  });

  it('will not start without a build, and says how to make one', async () => {
    await expect(startPortal({ distDir: join(dist, 'nowhere'), graphUrl: GRAPH_URL, port: 0, logger })).rejects.toThrow(
      'pnpm --filter @gzequip/portal build',
    );
  });
});
