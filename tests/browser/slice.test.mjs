// The vertical slice in a real browser: RFC 8037 Appendix A verified by the WebAssembly core and
// shown by <family-portal>, under the strict Content-Security-Policy.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openPage, screenshot, startHarness } from './harness.mjs';
import { root } from '../../scripts/serve.mjs';

const vectors = JSON.parse(readFileSync(resolve(root, '../shared/vectors/rfc8037_vectors.json'), 'utf8'));
let harness;

before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

async function settledState(page) {
  const portal = page.locator('family-portal');
  await page.waitForFunction(() => ['verified', 'error'].includes(document.querySelector('family-portal')?.getAttribute('state')));
  return portal.getAttribute('state');
}

test('the RFC 8037 JWS is verified in WebAssembly and its payload shown, with no CSP violation', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/rfc8037.html');
  assert.equal(await settledState(page), 'verified');
  const payload = await page.locator('family-portal [part="payload"]').textContent();
  assert.equal(payload, vectors['A.5_validation'].decoded_payload);
  assert.equal(await page.locator('family-portal [part="badge"]').textContent(), 'Verified');
  await screenshot(page, 'slice-verified');
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await close();
});

test('a JWS changed in one character is refused and none of its payload is shown', async () => {
  // Position 60 lies in the signature segment; 30 lies in the payload.
  for (const position of [60, 30]) {
    const { page, problems, close } = await openPage(harness, `/fixtures/rfc8037.html?tamper=${position}`);
    assert.equal(await settledState(page), 'error', `tamper at ${position}`);
    const text = await page.locator('family-portal').evaluate((el) => el.shadowRoot.textContent);
    assert.ok(!text.includes('Ed25519'), `payload leaked after tamper at ${position}: ${text}`);
    assert.equal(await page.locator('family-portal [part="payload"]').count(), 0);
    assert.match(await page.locator('family-portal [role="alert"]').textContent(), /cannot be shown|damaged/);
    assert.deepEqual(problems.cspViolations, []);
    assert.deepEqual(problems.pageErrors, []);
    await close();
  }
});

test('fep-rendered and fep-error events carry the payload or the error code', async () => {
  const { page, close } = await openPage(harness, '/fixtures/rfc8037.html');
  await settledState(page);
  const events = await page.evaluate(async (vector) => {
    const seen = [];
    const portal = document.createElement('family-portal');
    portal.addEventListener('fep-rendered', (e) => seen.push(['rendered', e.detail.payload, e.composed]));
    portal.addEventListener('fep-error', (e) => seen.push(['error', e.detail.code, e.composed]));
    portal.setAttribute('keys', JSON.stringify(vector.jwk));
    document.body.append(portal);
    const done = () => new Promise((r) => portal.addEventListener('fep-rendered', r, { once: true }) || portal.addEventListener('fep-error', r, { once: true }));
    let wait = done();
    portal.bundle = vector.compact;
    await wait;
    wait = done();
    portal.bundle = vector.compact.replace(/\.[^.]+$/, '.AAAA');
    await wait;
    return seen;
  }, { jwk: vectors['A.2_public_key_jwk'], compact: vectors['A.5_validation'].jws_compact });
  assert.deepEqual(events, [
    ['rendered', 'Example of Ed25519 signing', true],
    ['error', 'malformed', true],
  ]);
  await close();
});

test('negative control: the harness does detect a CSP violation', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/violates-csp.html');
  await page.waitForTimeout(200);
  assert.ok(problems.cspViolations.some((v) => v.startsWith('style-src')), JSON.stringify(problems));
  await close();
});
