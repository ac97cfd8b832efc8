// The staff dashboard at a real school's size, in Chromium under the strict CSP: a teacher's class of
// 30 and an administrator's school of 2,000 students (the example year varied with a fixed seed,
// scripts/school.mjs), each computed and signed by the hub and verified by the widget, readable (no
// axe violation), with small groups hidden and the reason given.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schoolRecords } from '../../scripts/school.mjs';
import { root } from '../../scripts/serve.mjs';
import { admin, startHub } from '../hub/hub-client.mjs';
import { axeViolations, launchBrowser, openPage, screenshot } from './harness.mjs';

let browser;
let hub;
let data;

before(async () => {
  data = mkdtempSync(join(tmpdir(), 'fep-school-'));
  const records = join(data, 'records');
  mkdirSync(records);
  const school = schoolRecords({ students: 2000, thinGradebook: true });
  for (const record of school) writeFileSync(join(records, `${record.student.id}.json`), JSON.stringify(record));
  admin(data, 'records', 'put', records);
  const classOf30 = school.slice(0, 30).map((r) => r.student.id);
  admin(
    data,
    'staff',
    'add',
    '--id',
    't-thirty',
    '--name',
    'Ms. Thirty',
    '--role',
    'teacher',
    '--students',
    classOf30.join(','),
  );
  admin(data, 'staff', 'add', '--id', 'principal', '--name', 'Principal', '--role', 'admin');
  const site = mkdtempSync(join(tmpdir(), 'fep-sizes-site-'));
  cpSync(join(root, 'build/site'), site, { recursive: true });
  mkdirSync(join(site, 'vendor/axe'), { recursive: true });
  cpSync(join(root, 'node_modules/axe-core/axe.min.js'), join(site, 'vendor/axe/axe.min.js'));
  hub = await startHub(data, ['--static', site]);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await hub?.stop();
});

async function dashboardOf(staff) {
  const code = admin(data, 'invite', '--staff', staff).split('\n')[0];
  const opened = await openPage({ browser, url: hub.url }, `/#invite=${code}`, { locale: 'en-US' });
  const { page } = opened;
  await page.waitForFunction(() => document.querySelector('family-portal')?.getAttribute('state') === 'verified');
  opened.firstTab = await page.locator('family-portal [role="tab"][aria-selected="true"]').textContent();
  await page.locator('family-portal [data-tab="dashboard"]').click();
  await page.waitForFunction(() => document.querySelector('family-portal').shadowRoot.querySelector('#reach'), null, {
    timeout: 60000,
  });
  return opened;
}
const text = (page, selector) =>
  page.locator('family-portal').evaluate((el, s) => el.shadowRoot.querySelector(s)?.textContent ?? '', selector);
const clean = { consoleErrors: [], pageErrors: [], cspViolations: [] };
const withoutSignIn = (problems) => ({
  ...problems,
  consoleErrors: problems.consoleErrors.filter((e) => !/401 .*\/api\/me$/.test(e)),
});

for (const [staff, students] of [
  ['t-thirty', 30],
  ['principal', 2000],
]) {
  test(`the dashboard of ${students} students opens verified and readable`, async () => {
    const { page, problems, close, firstTab } = await dashboardOf(staff);
    // An administrator's first screen is the school's picture, named so; a teacher's is the contact form.
    assert.match(firstTab, students === 30 ? /Log a contact/ : /School picture/);
    assert.match(await text(page, '#dash-title'), students === 30 ? /Class picture/ : /School picture/);
    assert.match(
      await text(page, '#dash-title + p'),
      new RegExp(`^\\s*${students.toLocaleString('en-US')} students\\s*$`),
    );
    // Groups of a class or a school: the large ones shown, the small ones hidden with the reason.
    assert.match(await text(page, '#group-sex tbody'), /Female/);
    assert.match(
      await text(page, '[aria-labelledby="dash-groups"]'),
      /fewer than 10|hidden so a small group cannot be worked out|none is shown/,
    );
    assert.ok((await page.locator('family-portal #priority > li').count()) > 0, 'students to call');
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, `dashboard-${students}`);
    assert.deepEqual(withoutSignIn(problems), clean);
    await close();
  });
}
