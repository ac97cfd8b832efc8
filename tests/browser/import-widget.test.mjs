// From a district's export to a family's screen in one path: fep import (OneRoster 1.1, the public
// Grand Bend sample), fep sign, and the widget verifying and showing the imported record.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { root } from '../../scripts/serve.mjs';
import { fep, signArgs } from '../node/fep.mjs';
import { openPage, startHarness } from './harness.mjs';

const served = mkdtempSync(join(tmpdir(), 'fep-import-widget-'));
let harness;

before(async () => {
  const out = mkdtempSync(join(tmpdir(), 'fep-import-'));
  const imported = fep(['import', 'oneroster', resolve(root, 'tests/data/oneroster-1.1-grand-bend'), '--out', out]);
  assert.equal(imported.status, 0, imported.stdout);
  fep(['keygen', '--out', join(out, 'k.jwk')]);
  writeFileSync(join(served, 'jwks.json'), fep(['jwks', join(out, 'k.jwk')]).stdout);
  const signed = fep(
    signArgs(join(out, 'k.jwk'), join(out, 'records/604863.json'), { sub: '604863', seq: 1, ttl: 30 }),
  );
  assert.equal(signed.status, 0, signed.stderr);
  writeFileSync(join(served, 'bundle.jws'), signed.stdout);
  harness = await startHarness({ fixtureData: served });
});
after(async () => {
  await harness?.close();
});

test('an imported student opens verified in the widget', async () => {
  const query = new URLSearchParams({
    src: '/fixture-data/bundle.jws',
    keys: '/fixture-data/jwks.json',
    today: '2021-03-01',
  });
  const { page, problems, close } = await openPage(harness, `/fixtures/custom.html?${query}`);
  await page.waitForFunction(() => document.querySelector('family-portal')?.getAttribute('state') === 'verified');
  assert.equal(await page.locator('family-portal [part="student"]').textContent(), 'Mary Archer');
  await page.locator('family-portal [data-tab="grades"]').click();
  const courses = await page
    .locator('family-portal')
    .evaluate((el) => el.shadowRoot.querySelector('[role="tabpanel"]').textContent);
  assert.match(courses, /Algebra I/);
  assert.match(courses, /English I/);
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await close();
});
