// The record follows the student, in the widget (docs/transfers.md): Maya moves from Lincoln to
// Riverside. Her family saves the record file on Lincoln's page and adds it on Riverside's page, which
// pins the trust directory's key; her new teacher and her family each see "History from Lincoln County
// Schools", verified on their own device. A page pinning another directory key shows the same record
// apart, as unverified; a file that is not a record file is refused in words.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../scripts/serve.mjs';
import { startDistricts } from '../hub/districts.mjs';
import { admin, enrolledDevice, startHub } from '../hub/hub-client.mjs';
import { fep } from '../node/fep.mjs';
import { axeViolations, launchBrowser, openPage, screenshot } from './harness.mjs';

// Riverside's site: the hub's own pages, with the directory's key pinned on the widget (and axe beside).
const site = mkdtempSync(join(tmpdir(), 'fep-riverside-site-'));
let browser, districts;

function pinnedPage(name, directoryKeys) {
  const page = readFileSync(join(root, 'build/site/index.html'), 'utf8').replace(
    '<family-portal hub="/">',
    `<family-portal hub="/" directory-key='${JSON.stringify(JSON.parse(directoryKeys))}'>`,
  );
  assert.ok(page.includes('directory-key='), 'the hub page still embeds <family-portal hub="/">');
  writeFileSync(join(site, name), page);
}

before(async () => {
  cpSync(join(root, 'build/site'), site, { recursive: true });
  mkdirSync(join(site, 'vendor/axe'), { recursive: true });
  cpSync(join(root, 'node_modules/axe-core/axe.min.js'), join(site, 'vendor/axe/axe.min.js'));
  districts = await startDistricts({
    lincolnArgs: ['--static', join(root, 'build/site')],
    riversideArgs: ['--static', site],
  });
  pinnedPage('index.html', districts.directoryKeys);
  const stranger = districts.file('stranger.jwk');
  fep(['keygen', '--out', stranger]);
  pinnedPage('other-directory.html', fep(['jwks', stranger]).stdout);
  // The hub reads its site at start: restart Riverside to serve the pages just written.
  const { data } = districts.riverside;
  await districts.riverside.stop();
  districts.riverside = { ...(await startHub(data, [...districts.directoryArgs, '--static', site])), data };
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await districts?.stop();
});

const historyText = (page) =>
  page.locator('family-portal').evaluate((el) => el.shadowRoot.querySelector('[role="tabpanel"]')?.textContent ?? '');

async function signedIn(hub, path, account, options) {
  const code = admin(hub.data, 'invite', ...account).split('\n')[0];
  const opened = await openPage({ browser, url: hub.url }, `${path}#invite=${code}`, options);
  await opened.page.waitForFunction(
    () => document.querySelector('family-portal')?.getAttribute('state') === 'verified',
  );
  return opened;
}

const status = (page) =>
  page.locator('family-portal').evaluate((el) => el.shadowRoot.querySelector('.form-status')?.textContent ?? '');

async function openHistory(path, account) {
  const opened = await signedIn(districts.riverside, path, account);
  const { page } = opened;
  const tab = page.locator('family-portal >> [data-tab="history"]');
  await tab.waitFor({ timeout: 20000 });
  await tab.click();
  return opened;
}

test('the family carries the record file from Lincoln’s page to Riverside’s', async () => {
  const atLincoln = await signedIn(districts.lincoln, '/', ['--contact', 'c-mother']);
  const saving = atLincoln.page.waitForEvent('download');
  await atLincoln.page.locator('family-portal >> [data-action="save-record"]').click();
  const recordFile = districts.file('record-file.json');
  await (await saving).saveAs(recordFile);
  const carried = JSON.parse(readFileSync(recordFile, 'utf8'));
  assert.equal(carried.format, 'fep-record-file');
  assert.match(carried.items[0].bundle, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  await atLincoln.close();

  const atRiverside = await signedIn(districts.riverside, '/', ['--contact', 'c-mother']);
  const { page } = atRiverside;
  // Something that is not a record file is refused in words, and nothing is sent.
  await page.locator('family-portal >> #record-file').setInputFiles({
    name: 'photo.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": "world"}'),
  });
  await page.waitForFunction(() =>
    /could not be used/.test(
      document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent,
    ),
  );
  // The file is read first: the page says whose record it says it is, and sends nothing until asked.
  await page.locator('family-portal >> #record-file').setInputFiles(recordFile);
  assert.equal(
    await page.locator('family-portal >> #hand-over-whose').textContent(),
    'This file says it holds the record of Maya Hernández. The school checks its signature before keeping it.',
  );
  assert.equal(await page.locator('family-portal >> .confirm-hand-over .notice').count(), 0); // her own name
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('family-portal >> [data-action="hand-over"]').click();
  await page.waitForFunction(() =>
    /has received the record/.test(
      document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent,
    ),
  );
  assert.match(await status(page), /Earlier schools/);
  const tab = page.locator('family-portal >> [data-tab="history"]');
  await tab.waitFor({ timeout: 20000 });
  await tab.click();
  await page.waitForFunction(() =>
    /History from Lincoln County Schools/.test(document.querySelector('family-portal').shadowRoot.textContent),
  );
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(atRiverside.problems.pageErrors, []);
  await atRiverside.close();
});

test("Maya's new teacher sees her verified history from Lincoln, with what the school needs first", async () => {
  const { page, problems, close } = await openHistory('/', ['--staff', 't-rivera']);
  await page.waitForFunction(() =>
    /History from Lincoln County Schools/.test(document.querySelector('family-portal').shadowRoot.textContent),
  );
  const text = await historyText(page);
  assert.match(text, /Verified: issued by Lincoln County Schools/);
  assert.match(text, /Missed [\d.]+ of \d+ school days/);
  assert.match(text, /Last contacts with the family/);
  assert.match(text, /Grades when the student left[\s\S]*Mathematics 7: [A-F][+-]? · [\d.]+/);
  assert.match(text, /Family languages/);
  // One history, newest first: this school's record and Lincoln's, each labelled with its district.
  assert.match(text, /All schools, newest first/);
  assert.match(text, /2025–26 · riverside\.example\.org: [\d.]+% of school days missed\s+\(this school\)/);
  assert.match(text, /2025–26 · Lincoln County Schools: [\d.]+% of school days missed/);
  // The hand-over is visible: when this school received the record.
  assert.match(text, /Received by this school on \w+ \d+, \d{4}/);
  assert.match(text, /Rosa Hernández \(Mother\): Spanish/);
  assert.doesNotMatch(text, /could not be verified/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  await screenshot(page, 'transfers-teacher-history');
  await close();
});

test("a record file of another child is named before it is sent, and held by the school, never shown as this child's", async () => {
  // Leo's record, saved at Lincoln, offered on Maya's page at Riverside.
  const lincolnFamily = await enrolledDevice(districts.lincoln.url, districts.lincoln.data, ['--contact', 'c-mother']);
  const leo = (await lincolnFamily.call('GET', '/api/students/stu-sibling/bundle')).text.trim();
  const { keyset, revocations } = await districts.fromLincoln();
  const file = districts.file('leo-record-file.json', {
    format: 'fep-record-file',
    version: 1,
    items: [{ bundle: leo, keyset, revocations }],
  });
  for (const [lang, whose, warning] of [
    ['es', /contiene el registro de Leo Hernández/, /Ese no es el nombre de Maya Hernández/],
    ['ar', /يحتوي على سجل Leo Hernández/, /هذا ليس اسم Maya Hernández/],
  ]) {
    const opened = await signedIn(districts.riverside, '/', ['--contact', 'c-mother'], { locale: lang });
    const { page } = opened;
    await page.locator('family-portal >> #record-file').setInputFiles(file);
    assert.match(await page.locator('family-portal >> #hand-over-whose').textContent(), whose);
    assert.match(await page.locator('family-portal >> .confirm-hand-over .notice').textContent(), warning);
    assert.deepEqual(await axeViolations(page), []);
    if (lang === 'es') {
      await page.locator('family-portal >> [data-action="cancel-hand-over"]').click();
      assert.equal(await page.locator('family-portal >> .confirm-hand-over').count(), 0);
    } else {
      await page.locator('family-portal >> [data-action="hand-over"]').click();
      await page.waitForFunction(() =>
        /يذكر طفلًا آخر/.test(
          document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent,
        ),
      );
    }
    await opened.close();
  }
  // Held at the hub: not in Maya's history.
  const family = await enrolledDevice(districts.riverside.url, districts.riverside.data, ['--contact', 'c-mother']);
  const history = await family.call('GET', '/api/transfers?student=rv-1001');
  assert.ok(!history.json.items.some((i) => i.sub === 'stu-sibling'));
});

test('her family sees the same history on their phone, in Spanish', async () => {
  const { page, close } = await openHistory('/', ['--contact', 'c-mother']);
  await page.locator('family-portal >> #language').selectOption('es');
  await page.waitForFunction(() =>
    /Historial de Lincoln County Schools/.test(document.querySelector('family-portal').shadowRoot.textContent),
  );
  assert.match(await historyText(page), /Trabajos pendientes al irse/);
  assert.deepEqual(await axeViolations(page), []);
  await close();
});

test('when the hub cannot be reached for the history, the family sees what this device verified, verified again', async () => {
  const { page, close } = await openHistory('/', ['--contact', 'c-mother']);
  await page.waitForFunction(() =>
    /History from Lincoln County Schools/.test(document.querySelector('family-portal').shadowRoot.textContent),
  );
  await page.route('**/api/transfers*', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await page.waitForFunction(() => document.querySelector('family-portal')?.getAttribute('state') === 'verified');
  const tab = page.locator('family-portal >> [data-tab="history"]');
  await tab.waitFor({ timeout: 20000 });
  await tab.click();
  await page.waitForFunction(() =>
    /History from Lincoln County Schools/.test(document.querySelector('family-portal').shadowRoot.textContent),
  );
  await close();
});

test('a page that pins another directory key shows the records apart, as unverified, never as history', async () => {
  const { page, close } = await openHistory('/other-directory.html', ['--staff', 't-rivera']);
  await page.waitForFunction(() =>
    /could not be verified/.test(document.querySelector('family-portal').shadowRoot.textContent),
  );
  const text = await historyText(page);
  assert.doesNotMatch(text, /History from/);
  assert.match(text, /https:\/\/lincoln\.example\.org/);
  await close();
});
