// <family-portal> with bundles issued by `fep`: shown only when verified, refused with a clear
// message otherwise, under the strict Content-Security-Policy.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, screenshot, startHarness } from './harness.mjs';
import { makeDemoData } from '../../scripts/demo-data.mjs';

let harness;
before(async () => {
  const { out } = makeDemoData(mkdtempSync(join(tmpdir(), 'fep-portal-')));
  harness = await startHarness({ fixtureData: out });
});
after(async () => { await harness?.close(); });

async function settledState(page) {
  await page.waitForFunction(() => ['verified', 'error'].includes(document.querySelector('family-portal')?.getAttribute('state')));
  return page.locator('family-portal').getAttribute('state');
}

const shadowText = (page) => page.locator('family-portal').evaluate((el) => el.shadowRoot.textContent);

for (const trust of ['keys', 'keyset']) {
  test(`a bundle verified through ${trust} shows the student, the issuer and the dates`, async () => {
    const { page, problems, close } = await openPage(harness, `/fixtures/portal.html?trust=${trust}`);
    assert.equal(await settledState(page), 'verified');
    assert.equal(await page.locator('family-portal [part="student"]').textContent(), 'Maya Hernández');
    assert.equal(await page.locator('family-portal [part="badge"]').textContent(), 'Verified: issued by demo-district.example.org');
    assert.match(await page.locator('family-portal [part="validity"]').textContent(), /^Issued \w+ \d+, \d{4}, valid until \w+ \d+, \d{4}$/);
    await screenshot(page, `portal-verified-${trust}`);
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
    await close();
  });
}

test('a tampered bundle shows the error screen and nothing of the record', async () => {
  for (const position of [10, 60, 200, 400]) {
    const { page, problems, close } = await openPage(harness, `/fixtures/portal.html?tamper=${position}`);
    assert.equal(await settledState(page), 'error', `tamper at ${position}`);
    const text = await shadowText(page);
    assert.ok(!text.includes('Maya') && !text.includes('demo-district'), `record leaked after tamper at ${position}: ${text}`);
    assert.equal(await page.locator('family-portal [role="alert"]').count(), 1);
    assert.deepEqual(problems.cspViolations, []);
    assert.deepEqual(problems.pageErrors, []);
    if (position === 200) await screenshot(page, 'portal-refused');
    await close();
  }
});

test('fep-rendered and fep-error carry the claims or the stable error code, across shadow roots', async () => {
  const { page, close } = await openPage(harness, '/fixtures/portal.html');
  await settledState(page);
  const events = await page.evaluate(async () => {
    const seen = [];
    const bundle = (await (await fetch('/fixture-data/bundle.jws')).text()).trim();
    const portal = document.createElement('family-portal');
    portal.setAttribute('keys', '/fixture-data/jwks.json');
    document.addEventListener('fep-rendered', (e) => seen.push(['rendered', e.detail.claims.sub, e.composed]));
    document.addEventListener('fep-error', (e) => seen.push(['error', e.detail.code, e.composed]));
    document.body.append(portal);
    const next = () => new Promise((resolve) => {
      document.addEventListener('fep-rendered', resolve, { once: true });
      document.addEventListener('fep-error', resolve, { once: true });
    });
    for (const value of [bundle, bundle.replace(/\.[^.]+$/, '.AAAA'), bundle.replace(/^[^.]+/, 'eyJhbGciOiJub25lIn0')]) {
      const done = next();
      portal.bundle = value;
      await done;
    }
    return seen;
  });
  assert.deepEqual(events, [
    ['rendered', 'stu-7f3a9c', true],
    ['error', 'malformed', true],
    ['error', 'unsupported_alg', true],
  ]);
  await close();
});

test('the demo page served by npm start verifies through the pinned root key', async () => {
  const { page, problems, close } = await openPage(harness, '/');
  assert.equal(await settledState(page), 'verified');
  await screenshot(page, 'demo');
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await close();
});
