#!/usr/bin/env node
// `npm run bench:phone`: a parent's phone, measured (docs/benchmarks.md). Debian's Chromium through
// playwright-core at 360×740 with the CPU slowed 4× and the network at 1.6 Mbit/s down, 750 kbit/s up
// and 150 ms latency, against the hub serving the demo school (fep-hub serve --demo --static).
//   cold:   a fresh browser context (no cache, no stored key) opens a family's invite link: sign in,
//           download, verify, show;
//   return: the same context loads the page again (cache and stored state kept).
// Reports medians of RUNS contexts: time from navigation to the first text in the widget, to a verified
// record on screen (state "saved" or "verified") and to the record checked with the hub (state
// "verified"), and bytes moved over the network: before the record was on screen (the first render's
// transfer), and in all, 0.5 s later. Prints a Markdown section.
// Usage: node scripts/bench-phone.mjs [--runs N] [--trace] [--site DIR]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './serve.mjs';
import { admin, startHub } from '../tests/hub/hub-client.mjs';
import { PHONE, launchBrowser, throttleLikeAPhone } from '../tests/browser/harness.mjs';

const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;

const TRACE = process.argv.includes('--trace');
// --site DIR: another build of the hub's site (a variant, to compare A/B in the same minutes).
const siteAt = process.argv.indexOf('--site');
const SITE = siteAt > 0 ? process.argv[siteAt + 1] : join(root, 'build/site');

// --trace: each request's start, first byte and end (ms after the first request) and size, the main
// thread's long tasks, and the widget's steps (its fep:… marks and states), to see where time goes.
function printWaterfall(requests, longTasks, steps, { firstText, onScreen, verified }) {
  const origin = Math.min(...requests.map((r) => r.start));
  const ms = (t) => (t === undefined ? '   -' : String(Math.round((t - origin) * 1000)).padStart(5));
  for (const r of requests)
    console.error(`${ms(r.start)} ${ms(r.firstByte)} ${ms(r.end)} ${String(r.bytes ?? '-').padStart(7)}  ${r.name}`);
  const tasks = longTasks.map(({ startTime, duration }) => `${Math.round(startTime)}+${Math.round(duration)}`);
  console.error(`long tasks (ms since navigation, +duration): ${tasks.join(' ')}`);
  console.error(`the widget's steps (ms since navigation): ${steps.join(' ')}`);
  console.error(
    `first text ${Math.round(firstText)} ms, on screen ${Math.round(onScreen)} ms, checked ${Math.round(verified)} ms (since navigation)\n`,
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function throttled(context) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.benchStates = {};
    new MutationObserver(() => {
      const state = document.querySelector('family-portal')?.getAttribute('state');
      if (state) window.benchStates[state] ??= performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['state'] });
    // --trace: the main thread's long tasks (script evaluation, compiling, verifying, rendering).
    window.benchLongTasks = [];
    new PerformanceObserver((list) => window.benchLongTasks.push(...list.getEntries())).observe({ type: 'longtask' });
  });
  const cdp = await context.newCDPSession(page);
  await throttleLikeAPhone(cdp);
  let bytes = 0;
  let requests = new Map();
  cdp.on('Network.requestWillBeSent', ({ requestId, request, timestamp }) =>
    requests.set(requestId, { name: `${request.method} ${new URL(request.url).pathname}`, start: timestamp }),
  );
  cdp.on('Network.responseReceived', ({ requestId, timestamp }) => {
    const request = requests.get(requestId);
    if (request) request.firstByte = timestamp;
  });
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
    const request = requests.get(event.requestId);
    if (request) Object.assign(request, { end: event.timestamp, bytes: event.encodedDataLength });
  });
  return {
    page,
    bytes: () => bytes,
    waterfall: () => [...requests.values()],
    reset: () => {
      bytes = 0;
      requests = new Map();
    },
  };
}

// Navigates and returns {firstText, onScreen, verified} in ms since navigation start, and the bytes moved.
async function visit(tab, url) {
  tab.reset();
  await tab.page.goto(url, { waitUntil: 'commit' });
  const firstText = await tab.page.waitForFunction(
    () => {
      const text = document.querySelector('family-portal')?.shadowRoot?.textContent.trim();
      return text ? performance.now() : false;
    },
    null,
    { polling: 'raf', timeout: 60000 },
  );
  // When the element's state attribute changed, as the page's own observer timed it (polling would add
  // a frame's lag): a verified record is on screen with "saved" (a return visit: the copy this device
  // verified last time, marked with its date, while the hub is asked) or with "verified".
  await tab.page.waitForFunction(() => window.benchStates?.verified, null, { polling: 100, timeout: 60000 });
  const states = await tab.page.evaluate(() => window.benchStates);
  // Let late requests (sync, the next bundle) finish before counting bytes.
  await tab.page.waitForTimeout(500);
  const onScreen = Math.min(states.saved ?? Infinity, states.verified);
  // The first render's transfer: what had arrived when the record came on screen (request times are
  // the browser's, in seconds, from the page's own request on).
  const requests = tab.waterfall();
  const origin = Math.min(...requests.map((r) => r.start));
  const beforeRecord = requests
    .filter((r) => r.end !== undefined && (r.end - origin) * 1000 <= onScreen)
    .reduce((sum, r) => sum + r.bytes, 0);
  const result = {
    firstText: await firstText.jsonValue(),
    onScreen,
    verified: states.verified,
    beforeRecord,
    bytes: tab.bytes(),
  };
  if (TRACE) {
    const longTasks = await tab.page.evaluate(() =>
      window.benchLongTasks.map(({ startTime, duration }) => ({ startTime, duration })),
    );
    // The controller's User Timing marks (fep:…) and the element's states, in order.
    const steps = await tab.page.evaluate(() =>
      [
        ...performance.getEntriesByType('mark').filter((m) => m.name.startsWith('fep:')),
        ...Object.entries(window.benchStates).map(([state, startTime]) => ({ name: `state=${state}`, startTime })),
      ]
        .sort((a, b) => a.startTime - b.startTime)
        .map((m) => `${m.name.replace('fep:', '')}@${Math.round(m.startTime)}`),
    );
    printWaterfall(tab.waterfall(), longTasks, steps, result);
  }
  return result;
}

const data = mkdtempSync(join(tmpdir(), 'fep-bench-phone-'));
const hub = await startHub(data, ['--demo', join(root, 'docs/examples/demo-school'), '--static', SITE]);
const browser = await launchBrowser();
const cold = [];
const warm = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const code = admin(data, 'invite', '--contact', 'c-mother').split('\n')[0];
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US' });
    const tab = await throttled(context);
    cold.push(await visit(tab, `${hub.url}#invite=${code}`));
    // A family comes back hours later, when the page's service worker has long been installed.
    await tab.page.evaluate(() => navigator.serviceWorker?.ready);
    warm.push(await visit(tab, hub.url));
    await context.close();
  }
} finally {
  await browser.close();
  await hub.stop();
  rmSync(data, { recursive: true, force: true });
}
const kilobytes = (runs, key) => `${(median(runs.map((r) => r[key])) / 1024).toFixed(0)} KB`;
const seconds = (runs, key) => `${(median(runs.map((r) => r[key])) / 1000).toFixed(2)} s`;
const row = (name, runs) =>
  `| ${name} | ${seconds(runs, 'firstText')} | ${seconds(runs, 'onScreen')} | ${seconds(runs, 'verified')} | ${kilobytes(runs, 'beforeRecord')} | ${kilobytes(runs, 'bytes')} |`;
console.log(`## A parent's phone (\`npm run bench:phone\`)

Chromium at 360×740, CPU slowed ${PHONE.cpu}×, ${(PHONE.downloadThroughput * 8) / 1e6} Mbit/s down, ${PHONE.latency} ms latency, against
\`fep-hub serve --demo --static build/site\`; medians of ${RUNS} fresh contexts. Cold: a family opens its
invite link in a fresh context (sign in, download, verify, show). Return: the same page loaded again.

| visit | first text | verified record on screen | checked with the hub | bytes before the record | bytes moved |
|---|---|---|---|---|---|
${row('cold', cold)}
${row('return', warm)}

Aims: cold ≤ 1.5 s, return ≤ 0.3 s, first text within 1 s, first-render transfer ≤ 150 KB.
`);
