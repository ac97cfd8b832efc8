// The staff dashboard in Chromium under the strict CSP: a teacher signed in to the hub sees the class
// picture the hub computed and signed, verified in WebAssembly, in every language (Arabic right to
// left), with no axe violations; one tap goes from a student nobody has reached to the contact form for
// that student, and the figures follow the contact logged without a reload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../scripts/serve.mjs';
import { admin, makeSchool, startHub } from '../hub/hub-client.mjs';
import { axeViolations, launchBrowser, openPage, screenshot } from './harness.mjs';

let browser;
let school;
let hub;

before(async () => {
  school = makeSchool();
  // The hub's site, with axe-core beside it: the strict policy only runs same-origin scripts.
  const site = mkdtempSync(join(tmpdir(), 'fep-dashboard-site-'));
  cpSync(join(root, 'build/site'), site, { recursive: true });
  mkdirSync(join(site, 'vendor/axe'), { recursive: true });
  cpSync(join(root, 'node_modules/axe-core/axe.min.js'), join(site, 'vendor/axe/axe.min.js'));
  hub = await startHub(school.data, ['--static', site]);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await hub?.stop();
});

async function teacherDashboard(locale) {
  const code = admin(school.data, 'invite', '--staff', 't-okafor').split('\n')[0];
  const opened = await openPage({ browser, url: hub.url }, `/#invite=${code}`, { locale });
  const { page } = opened;
  await page.waitForFunction(() => document.querySelector('family-portal')?.getAttribute('state') === 'verified');
  await page.locator('family-portal [data-tab="dashboard"]').click();
  await page.waitForFunction(() => document.querySelector('family-portal').shadowRoot.querySelector('#reach'));
  return opened;
}
const text = (page, selector) =>
  page.locator('family-portal').evaluate((el, s) => el.shadowRoot.querySelector(s)?.textContent ?? '', selector);

test('a teacher sees the class picture the hub signed, logs for a student nobody reached, and the figures follow', async () => {
  const { page, problems, close } = await teacherDashboard('en-US');
  assert.match(await text(page, '#dash-title + p'), /^\s*2 students\s*$/);
  assert.match(await text(page, '#dash-title + p + p'), /Figures as of .*signed by the school/);
  // The example year's families were last reached in May: both students are at risk and unreached.
  const priority = await page.locator('family-portal #priority > li').allTextContents();
  assert.equal(priority.length, 2);
  assert.match(priority[0], /Hernández/);
  // Two students: every subgroup is under 10, so no group is shown, not even by name.
  const groups = await text(page, '[aria-labelledby="dash-groups"]');
  assert.match(groups, /Every group here has fewer than 10 students, or would let one be worked out: none is shown/);
  assert.doesNotMatch(groups, /Female|Male|\d+(\.\d+)?%/);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'dashboard-en');
  // Every table downloads as CSV, as shown.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('family-portal [data-csv="reach"]').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'reach.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^\uFEFFPeriod,Share of families\r\nLast 30 days,\d+(\.\d)?%\r\n/);
  // Months by name, in the reader's language.
  assert.match(
    await text(page, '#trend tbody'),
    /(January|February|March|April|May|June|September|October|November|December) 20\d\d/,
  );
  const activity = await text(page, '#activity tbody');
  // One tap: the contact form, for that student; the contact logged, the figures follow.
  const id = await page.locator('family-portal #priority [data-log]').first().getAttribute('data-log');
  await page.locator('family-portal #priority [data-log]').first().click();
  assert.equal(await page.locator('family-portal [role="tab"][aria-selected="true"]').getAttribute('data-tab'), 'log');
  assert.equal(await page.locator('family-portal #student').inputValue(), id);
  await page.locator('family-portal [data-template="positive_progress"]').click();
  await page.locator('family-portal button[type="submit"]').click();
  await page.locator('family-portal [data-tab="dashboard"]').click();
  await page.waitForFunction(
    (before) => {
      const now = document.querySelector('family-portal').shadowRoot.querySelector('#activity tbody')?.textContent;
      return now && now !== before;
    },
    activity,
    { timeout: 20000 },
  );
  // From the priority list to the student's own record, verified.
  await page.locator('family-portal #priority [data-open]').first().click();
  await page.waitForFunction(() => document.querySelector('family-portal')?.getAttribute('state') === 'verified');
  assert.deepEqual(
    { ...problems, consoleErrors: problems.consoleErrors.filter((e) => !/401 .*\/api\/me$/.test(e)) },
    {
      consoleErrors: [],
      pageErrors: [],
      cspViolations: [],
    },
  );
  await close();
});

for (const [locale, words] of [
  ['ar', /طالبان/],
  ['es', /2 estudiantes/],
  ['fr', /2 élèves/],
  ['zh-Hans', /2 名学生/],
  ['vi', /2 học sinh/],
  ['ht', /2 elèv/],
  ['am', /2 ተማሪዎች/],
]) {
  test(`the dashboard in ${locale}: translated, and no axe violations`, async () => {
    const { page, close } = await teacherDashboard(locale);
    assert.match(await text(page, '#dash-title + p'), words);
    if (locale === 'ar')
      assert.equal(
        await page.locator('family-portal').evaluate((el) => el.shadowRoot.querySelector('.root').dir),
        'rtl',
      );
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, `dashboard-${locale}`);
    await close();
  });
}
