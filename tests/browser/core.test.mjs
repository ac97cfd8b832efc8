// The WebAssembly core in Chromium: RFC 8037 Appendix A verified by libsodium compiled to WASM, on a
// page served with the strict Content-Security-Policy.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openPage, startHarness } from './harness.mjs';
import { root } from '../../scripts/serve.mjs';

const vectors = JSON.parse(readFileSync(resolve(root, 'tests/vectors/rfc8037_vectors.json'), 'utf8'));
let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

async function outcome(page) {
  await page.waitForFunction(() => document.getElementById('output').dataset.state !== 'loading');
  return page.locator('#output').evaluate((el) => ({ ...el.dataset, text: el.textContent }));
}

test('RFC 8037 A.5 verifies in the browser to the payload bytes, with no CSP violation', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/rfc8037.html');
  assert.deepEqual(await outcome(page), { state: 'verified', text: vectors['A.5_validation'].decoded_payload });
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await close();
});

test('one changed character in the signature or payload is refused with its code', async () => {
  for (const [position, code] of [
    [80, 'bad_signature'],
    [30, 'bad_signature'],
    [5, 'malformed'],
  ]) {
    const { page, close } = await openPage(harness, `/fixtures/rfc8037.html?tamper=${position}`);
    assert.deepEqual(await outcome(page), { state: 'error', code, text: '' }, `position ${position}`);
    await close();
  }
});

test('the warm-up runs a synthetic year through the core in the browser, under the strict CSP', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/rfc8037.html?warm');
  assert.deepEqual(await outcome(page), {
    state: 'verified',
    warm: 'true',
    text: vectors['A.5_validation'].decoded_payload,
  });
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await close();
});

test('negative control: the harness does detect a CSP violation', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/violates-csp.html');
  // The report arrives asynchronously: wait for one (up to 10 s) rather than for a fixed time.
  for (let waited = 0; problems.cspViolations.length === 0 && waited < 10_000; waited += 50)
    await page.waitForTimeout(50);
  assert.ok(
    problems.cspViolations.some((v) => v.startsWith('style-src')),
    JSON.stringify(problems),
  );
  await close();
});

test("base64url in the browser: the engine's own encoder, equal to the portable one at every length", async () => {
  const { page, close } = await openPage(harness, '/fixtures/rfc8037.html');
  const results = await page.evaluate(async () => {
    const { base64url } = await import('/src/core.js');
    // The portable form: what browsers without Uint8Array.prototype.toBase64 run.
    const portable = (bytes) =>
      btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
    const native = typeof Uint8Array.prototype.toBase64 === 'function';
    const lengths = [0, 1, 2, 3, 0x8000 + 1, 200_000];
    const mismatches = lengths.filter((length) => {
      const bytes = crypto.getRandomValues(new Uint8Array(Math.min(length, 65536)));
      const long = new Uint8Array(length).map((_, i) => bytes[i % bytes.length] ^ (i >> 16));
      return base64url(long) !== portable(long);
    });
    return { native, mismatches };
  });
  // Debian's Chromium has the engine's encoder: this test exercises that path (node's tests the other).
  assert.deepEqual(results, { native: true, mismatches: [] });
  await close();
});
