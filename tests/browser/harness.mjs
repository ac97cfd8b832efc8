// Browser-test harness: Debian's Chromium driven by playwright-core, pages served on 127.0.0.1 by the
// project's own server under the strict CSP, with console errors and CSP violations collected.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultMounts, root, startServer } from '../../scripts/serve.mjs';

export const artifactsDir = join(root, 'artifacts');

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/**
 * Starts the server (with test fixtures, the shared vectors and `fixtureData` mounted) and the browser.
 * @param {{fixtureData?: string, handlers?: object}} options a folder served under /fixture-data/, and
 *   POST handlers by path
 */
export async function startHarness({ fixtureData, handlers } = {}) {
  const server = await startServer({
    port: 0,
    handlers,
    mounts: {
      ...defaultMounts(),
      '/fixtures/': join(root, 'tests/browser/fixtures'),
      '/vectors/': resolve(root, 'tests/vectors'),
      '/vendor/axe/': join(root, 'node_modules/axe-core'),
      ...(fixtureData ? { '/fixture-data/': fixtureData } : {}),
    },
  });
  const browser = await launchBrowser();
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Debian's Chromium, headless, with the flags this machine needs. */
export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}

/**
 * Opens `path` in a fresh context and records every console error, uncaught page error and CSP
 * violation (through the securitypolicyviolation event, hooked before any page script runs).
 * `prepare(page)` runs before the page loads (routes, for instance).
 */
export async function openPage(harness, path, { viewport = { width: 360, height: 740 }, locale, prepare } = {}) {
  const context = await harness.browser.newContext({ viewport, ...(locale ? { locale } : {}) });
  const page = await context.newPage();
  const problems = { consoleErrors: [], pageErrors: [], cspViolations: [] };
  page.on('console', (message) => {
    // A failed load is recorded below with its URL, which Chromium's console text lacks.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.consoleErrors.push(`HTTP ${response.status()} ${response.url()}`);
  });
  await page.exposeFunction('__reportCspViolation', (text) => problems.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  await prepare?.(page);
  await page.goto(new URL(path, harness.url).href);
  return { page, problems, close: () => context.close() };
}

/** Runs axe-core (served same-origin, so the strict policy allows it) and returns its violations. */
/** A parent's phone's network and CPU: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency, the CPU 4× slower. */
export const PHONE = { latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0, cpu: 4 };

/** Makes `page` (through its CDP session `cdp`, Network enabled) a phone as PHONE describes. */
export async function throttleLikeAPhone(cdp) {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PHONE.latency,
    downloadThroughput: PHONE.downloadThroughput,
    uploadThroughput: PHONE.uploadThroughput,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
}

export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: '/vendor/axe/axe.min.js' });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}
