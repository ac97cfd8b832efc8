// Context on the family's summary: a school's per-pupil expenditure (its ESSA report card) shows on the
// school card only when the record has it, in the reader's language and currency format.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../scripts/serve.mjs';
import { fep, signArgs } from '../node/fep.mjs';
import { openPage, startHarness } from './harness.mjs';

const served = mkdtempSync(join(tmpdir(), 'fep-context-'));
let harness;

before(async () => {
  const record = JSON.parse(readFileSync(join(root, 'docs/examples/record.json'), 'utf8'));
  record.schools[1].perPupilExpenditure = {
    reportYear: 2025,
    federal: 1204.5,
    stateLocal: 13020,
    districtFederal: 1100,
    districtStateLocal: 12400,
  };
  writeFileSync(join(served, 'record.json'), JSON.stringify(record));
  fep(['keygen', '--out', join(served, 'k.jwk')]);
  writeFileSync(join(served, 'jwks.json'), fep(['jwks', join(served, 'k.jwk')]).stdout);
  for (const [name, file] of [
    ['with.jws', join(served, 'record.json')],
    ['without.jws', join(root, 'docs/examples/record.json')],
  ]) {
    const signed = fep(signArgs(join(served, 'k.jwk'), file, { sub: record.student.id, seq: 1, ttl: 30 }));
    assert.equal(signed.status, 0, signed.stderr);
    writeFileSync(join(served, name), signed.stdout);
  }
  harness = await startHarness({ fixtureData: served });
});
after(async () => {
  await harness?.close();
});

async function summaryText(bundle, lang) {
  const query = new URLSearchParams({
    src: `/fixture-data/${bundle}`,
    keys: '/fixture-data/jwks.json',
    today: '2026-05-15',
    lang,
  });
  const { page, problems, close } = await openPage(harness, `/fixtures/custom.html?${query}`);
  await page.waitForFunction(() => document.querySelector('family-portal')?.getAttribute('state') === 'verified');
  const text = await page
    .locator('family-portal')
    .evaluate((el) => el.shadowRoot.querySelector('[role="tabpanel"]').textContent);
  await close();
  return { text, problems };
}

test("the school card shows what the school spends per student, beside the district's average", async () => {
  const { text, problems } = await summaryText('with.jws', 'en');
  assert.match(text, /What the school spends per student/);
  assert.match(
    text,
    /Roosevelt Middle School: \$1,205 of federal and \$13,020 of state and local funds per student, \$14,225 in all\./,
  );
  assert.match(text, /The district's average: \$13,500 per student\./);
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  assert.match((await summaryText('with.jws', 'es')).text, /Lo que la escuela gasta por estudiante/);
  // Without the figures in the record, no card at all.
  assert.doesNotMatch((await summaryText('without.jws', 'en')).text, /spends per student/);
});
