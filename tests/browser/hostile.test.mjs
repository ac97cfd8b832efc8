// What an attacker's test of the built widget found (issue 11), each proved closed in Chromium:
// replayed key sets and revocation lists, integers JavaScript cannot hold, a verified record the view
// did not expect, another student's record, reordering text in a course title, and a device key that
// host-page scripts could read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jose from 'jose';
import { openPage, startHarness } from './harness.mjs';
import { root } from '../../scripts/serve.mjs';

const ISS = 'https://demo-district.example.org';
const NOW = Math.floor(Date.now() / 1000);
const example = JSON.parse(readFileSync(join(root, 'docs/examples/record.json'), 'utf8'));
const b64u = (text) => Buffer.from(text).toString('base64url');

let harness;
let data;
const keys = {};

async function key() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = await jose.exportJWK(publicKey);
  return { privateKey, jwk: { ...jwk, kid: await jose.calculateJwkThumbprint(jwk, 'sha256') } };
}

// Signs a payload as our profile does (header exactly {alg, kid, typ}); the payload text is signed as
// given, so an integer beyond 2^53 stays exactly as typed.
function signed(by, typ, payloadText) {
  const input = `${b64u(JSON.stringify({ alg: 'Ed25519', kid: by.jwk.kid, typ }))}.${b64u(payloadText)}`;
  return `${input}.${sign(null, Buffer.from(input), by.privateKey).toString('base64url')}`;
}

const common = (seq, extra = {}) => ({ iss: ISS, iat: NOW - 60, nbf: NOW - 60, exp: NOW + 86400, seq, ...extra });
const write = (name, text) => writeFileSync(join(data, name), text);

before(async () => {
  data = mkdtempSync(join(tmpdir(), 'fep-hostile-'));
  for (const name of ['root', 'a', 'b']) keys[name] = await key();
  write('roots.json', JSON.stringify({ keys: [keys.root.jwk] }));
  const keyset = (seq, signer) =>
    signed(keys.root, 'fep-keyset+jwt', JSON.stringify({ ...common(seq), keys: [signer.jwk] }));
  write('keyset-1.jws', await keyset(1, keys.a));
  write('keyset-2.jws', await keyset(2, keys.b));
  const record = (seq, by, recordData, extra = {}) =>
    signed(
      by,
      'fep-record+jwt',
      JSON.stringify({
        ...common(seq, extra),
        sub: recordData.student.id,
        jti: `j-${seq}`,
        ver: 1,
        record: recordData,
      }),
    );
  write('genuine-6.jws', await record(6, keys.b, example));
  write('genuine-7.jws', await record(7, keys.b, example));
  write('removed-key-999.jws', await record(999, keys.a, example));
  const revocations = (seq, revoked) =>
    signed(keys.root, 'fep-revocation+jwt', JSON.stringify({ ...common(seq), revoked }));
  write('revocations-1.jws', await revocations(1, {}));
  write('revocations-2.jws', await revocations(2, { [keys.b.jwk.kid]: ['j-7'] }));
  // A seq JavaScript cannot hold exactly: 1790000000000000100 would read as ...000.
  const payload = JSON.stringify({ ...common(1), sub: example.student.id, jti: 'j-big', ver: 1, record: example });
  write('huge-seq.jws', signed(keys.b, 'fep-record+jwt', payload.replace('"seq":1,', '"seq":1790000000000000100,')));
  // Verified, but nothing the view is used to: valid for 8,000 years and no enrollment at all.
  const bare = { student: { id: 'stu-new', displayName: 'Nadia New' }, schoolYear: 2026 };
  write('unexpected.jws', await record(1, keys.b, bare, { exp: 253402300800 + 86400 * 365 }));
  // A course title that tries to reverse what follows it.
  const tricky = structuredClone(example);
  tricky.courses[0].title = 'Mathematics 7\u202E';
  write('tricky.jws', await record(8, keys.b, tricky));
  harness = await startHarness({ fixtureData: data });
});
after(async () => {
  await harness?.close();
});

const noProblems = { consoleErrors: [], pageErrors: [], cspViolations: [] };
const portal = (page) => page.locator('family-portal');
const inShadow = (page, fn, arg) => portal(page).evaluate(fn, arg);
const query = (attributes) => `/fixtures/custom.html?${new URLSearchParams({ today: '2026-05-15', ...attributes })}`;
const withKeyset = (src, keyset, extra = {}) =>
  query({
    src: `/fixture-data/${src}`,
    roots: '/fixture-data/roots.json',
    keyset: `/fixture-data/${keyset}`,
    ...extra,
  });

// Opens `path` in `page` (one device: its IndexedDB persists across calls) and returns 'verified' or
// the error code the widget shows.
async function outcome(page, path) {
  await page.goto(new URL(path, harness.url).href);
  await page.waitForFunction(() =>
    ['verified', 'error'].includes(document.querySelector('family-portal')?.getAttribute('state')),
  );
  const state = await portal(page).getAttribute('state');
  if (state === 'verified') return 'verified';
  return inShadow(page, (el) => el.state.error);
}

test('a replayed older key set cannot bring back a removed key, and genuine bundles still open', async () => {
  const { page, close } = await openPage(harness, 'about:blank');
  assert.equal(await outcome(page, withKeyset('genuine-6.jws', 'keyset-2.jws')), 'verified');
  assert.equal(await outcome(page, withKeyset('removed-key-999.jws', 'keyset-2.jws')), 'unknown_key');
  assert.equal(await outcome(page, withKeyset('removed-key-999.jws', 'keyset-1.jws')), 'rolled_back');
  // Nothing of the attack was stored: the next genuine bundle opens.
  assert.equal(await outcome(page, withKeyset('genuine-7.jws', 'keyset-2.jws')), 'verified');
  await close();
});

test('the widget applies revocation lists, and an older list cannot un-revoke', async () => {
  const { page, close } = await openPage(harness, 'about:blank');
  const revocations = (n) => ({ revocations: `/fixture-data/revocations-${n}.jws` });
  assert.equal(await outcome(page, withKeyset('genuine-6.jws', 'keyset-2.jws', revocations(2))), 'verified');
  assert.equal(await outcome(page, withKeyset('genuine-7.jws', 'keyset-2.jws', revocations(2))), 'revoked');
  assert.equal(await outcome(page, withKeyset('genuine-7.jws', 'keyset-2.jws', revocations(1))), 'rolled_back');
  await close();
});

test('a seq beyond 2^53 is refused, never stored as a different number', async () => {
  const { page, close } = await openPage(harness, 'about:blank');
  assert.equal(await outcome(page, withKeyset('huge-seq.jws', 'keyset-2.jws')), 'malformed');
  assert.equal(await outcome(page, withKeyset('genuine-6.jws', 'keyset-2.jws')), 'verified');
  await close();
});

test('a verified record the view did not expect still renders: the odd line says so, the rest shows', async () => {
  const { page, problems, close } = await openPage(harness, 'about:blank');
  assert.equal(await outcome(page, withKeyset('unexpected.jws', 'keyset-2.jws')), 'verified');
  const header = await inShadow(page, (el) => el.shadowRoot.querySelector('[part="header"]').textContent);
  assert.match(header, /Nadia New/);
  assert.match(header, /This part of the record could not be shown/);
  await portal(page).locator('[data-tab="attendance"]').click();
  await inShadow(page, (el) => el.updateComplete);
  assert.match(await inShadow(page, (el) => el.shadowRoot.textContent), /No school days are recorded yet/);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  await close();
});

test("a page for one student refuses another student's record", async () => {
  const { page, close } = await openPage(harness, 'about:blank');
  assert.equal(await outcome(page, withKeyset('genuine-6.jws', 'keyset-2.jws', { student: 'stu-7f3a9c' })), 'verified');
  assert.equal(
    await outcome(page, withKeyset('genuine-7.jws', 'keyset-2.jws', { student: 'stu-other' })),
    'bad_claims',
  );
  await close();
});

test('course and assignment titles are isolated from each other in the missing-work list', async () => {
  const { page, problems, close } = await openPage(harness, 'about:blank');
  assert.equal(await outcome(page, withKeyset('tricky.jws', 'keyset-2.jws')), 'verified');
  await portal(page).locator('[data-tab="grades"]').click();
  await inShadow(page, (el) => el.updateComplete);
  const line = await inShadow(page, (el) => {
    const item = [...el.shadowRoot.querySelectorAll('section li.row')].find((li) => li.textContent.includes('\u202E'));
    return [...item.querySelector('span').children].map((child) => [child.tagName, child.textContent]);
  });
  assert.equal(line.length, 2);
  assert.deepEqual(line[0], ['BDI', 'Mathematics 7\u202E']);
  assert.equal(line[1][0], 'BDI');
  assert.deepEqual(problems, noProblems);
  await close();
});
