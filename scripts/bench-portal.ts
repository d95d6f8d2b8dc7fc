/**
 * `pnpm bench:portal [--runs N]`: the portal's first load on the embedded default. It starts
 * `pnpm start` on a fresh data folder, then opens each main page in a new browser context (an
 * empty cache, as a first visit) N times: time from navigation to the page's content on screen,
 * to the load event, and the bytes transferred (compressed, headers included). Target: first load
 * under 1 s.
 *
 * The page times itself, on its own clock from the navigation's start: a few lines run in it note
 * the first frame painted after the content is in the document. Playwright's locators would run
 * their injected script (some 50 ms of the page's main thread here) and their polling in the page
 * while it loads, and count the time to report back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromiumInstalled, launchChromium } from './lib/chromium.ts';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import { bareEnvironment, startFederation } from './lib/federationProcess.ts';

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} bench:portal [--runs 5]

Starts ${pnpmCommand()} start on a fresh embedded database and loads the portal's main pages in headless
Chromium, each from an empty cache, --runs times: time to content, time to load, bytes transferred.`,
  { runs: { type: 'string', default: '5' } },
);
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) stop('--runs must be a whole number of at least 1', 2);
if (!chromiumInstalled) stop('bench:portal needs Chromium at /usr/bin/chromium (apt-get install chromium)');

interface Page {
  name: string;
  path: string;
  /** What is on screen once the page has its data. */
  content: string;
  signedIn?: boolean;
}

const PAGES: Page[] = [
  { name: 'instrument search', path: '/', content: 'li.card' },
  { name: 'an instrument, fees and calendar', path: '/instruments/ins-054', content: 'button.slot' },
  { name: 'my bookings (signed in)', path: '/my/bookings', content: 'li.booking', signedIn: true },
];

interface Load {
  contentMs: number;
  loadMs: number;
  bytes: number;
  requests: number;
}

const SHOWN = 'gzequip-bench: content shown at ';

/**
 * Run in the page before its own scripts: once an element matching `selector` is in the document,
 * the time the frame that paints it is done (a task queued from that frame's animation callback
 * runs after its paint), in milliseconds since the navigation started.
 */
function contentProbe(selector: string): string {
  return `(() => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(${JSON.stringify(selector)})) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => console.debug(${JSON.stringify(SHOWN)} + performance.now())));
    });
    observer.observe(document, { childList: true, subtree: true });
  })();`;
}

async function firstLoad(browser: Browser, base: string, page: Page, token: string): Promise<Load> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    if (page.signedIn) {
      await context.addInitScript({ content: `localStorage.setItem('gzequip.session', ${JSON.stringify(token)})` });
    }
    await context.addInitScript({ content: contentProbe(page.content) });
    const tab = await context.newPage();
    const sizes: Promise<number>[] = [];
    tab.on('requestfinished', (request) => {
      sizes.push(request.sizes().then((size) => size.responseBodySize + size.responseHeadersSize));
    });
    const shown = tab.waitForEvent('console', {
      predicate: (message) => message.text().startsWith(SHOWN),
      timeout: 30_000,
    });
    await tab.goto(new URL(page.path, base).toString(), { waitUntil: 'commit' });
    const contentMs = Number((await shown).text().slice(SHOWN.length));
    await tab.waitForLoadState('load');
    const loadMs = await tab.evaluate<number>("performance.getEntriesByType('navigation')[0].loadEventEnd");
    await tab.waitForLoadState('networkidle');
    const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
    return { contentMs, loadMs, bytes, requests: sizes.length };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const dataDir = mkdtempSync(join(tmpdir(), 'gzequip-bench-portal-'));
const federation = await startFederation(await bareEnvironment(dataDir));
const chromium = await launchChromium();
try {
  // A signed-in SME with bookings in the demo data (ent-029 books the Zunyi instruments).
  const signIn = await fetch(new URL('/dev/sign-in', federation.portalUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'ENTERPRISE_USER', sub: 'bench', enterpriseId: 'ent-029' }),
  });
  const { token } = (await signIn.json()) as { token: string };
  // One load first: the gateway plans each operation once, and that is not the portal's to measure.
  for (const page of PAGES) await firstLoad(chromium.browser, federation.portalUrl, page, token);

  console.log(`Portal first loads (${runs} runs each, empty cache, embedded default, this machine):\n`);
  console.log('| page | to content, median (max) | load event, median | transferred | requests |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const page of PAGES) {
    const loads: Load[] = [];
    for (let run = 0; run < runs; run++)
      loads.push(await firstLoad(chromium.browser, federation.portalUrl, page, token));
    const content = loads.map((load) => load.contentMs);
    console.log(
      `| ${page.name} | ${median(content).toFixed(0)} ms (${Math.max(...content).toFixed(0)} ms) | ` +
        `${median(loads.map((load) => load.loadMs)).toFixed(0)} ms | ` +
        `${(median(loads.map((load) => load.bytes)) / 1024).toFixed(1)} KiB | ${median(loads.map((load) => load.requests))} |`,
    );
  }
} finally {
  await chromium.close();
  await federation.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
