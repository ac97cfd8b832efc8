// Logging contacts from the widget: a teacher in a few taps, a family asking for a call, records
// synced once, exports, and text from people always shown as text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNodeCore } from '../../scripts/node-core.mjs';
import { createHub } from './hub.mjs';
import { axeViolations, openPage, screenshot, startHarness } from './harness.mjs';
import { makeDemoData } from '../../scripts/demo-data.mjs';

let harness;
let hub;
before(async () => {
  const endpoint = createHub(await loadNodeCore());
  hub = endpoint.state;
  harness = await startHarness({
    fixtureData: makeDemoData(mkdtempSync(join(tmpdir(), 'fep-forms-'))).out,
    handlers: { '/sync': endpoint.handler },
  });
});
after(async () => {
  await harness?.close();
});

const inShadow = (page, fn, arg) => page.locator('family-portal').evaluate(fn, arg);
async function settled(page) {
  await page.waitForFunction(() => document.querySelector('family-portal')?.getAttribute('state') === 'verified');
}
const timelineTexts = (page) =>
  inShadow(page, (el) =>
    [...el.shadowRoot.querySelectorAll('.timeline > li')].map((li) => ({
      status: li.dataset.status,
      text: li.textContent,
    })),
  );

test('a teacher sends a message in two taps, recorded as a message sent through the portal; pending, then sent once', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/portal.html?view=teacher&sync=/sync');
  await settled(page);
  assert.equal(await page.locator('family-portal [role="tab"][aria-selected="true"]').getAttribute('data-tab'), 'log');
  await screenshot(page, 'view-teacher-form');
  // 1: a quick message, 2: Save (here to the father rather than the first family member). Nothing
  // about how it went is asked: it is a message through the portal, and it was sent.
  assert.equal(await page.locator('family-portal #outcome').count(), 0);
  await page.locator('family-portal #contact').selectOption('c-father');
  await page.locator('family-portal [data-template="positive_progress"]').click();
  await page.locator('family-portal button[type="submit"]').click();
  // Saved on the device, and then sent (which may come first: the school's endpoint is at hand).
  await page.waitForFunction(() =>
    /^(Saved on this device|Sent to the school)/.test(
      document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent,
    ),
  );
  await page.locator('family-portal [data-tab="engagement"]').click();
  await page.waitForFunction(() =>
    document.querySelector('family-portal').shadowRoot.querySelector('.timeline > li[data-status="synced"]'),
  );
  const items = await timelineTexts(page);
  const mine = items.filter((i) => i.status !== 'confirmed');
  assert.equal(mine.length, 1);
  assert.match(mine[0].text, /Great progress in Mathematics 7!/);
  assert.match(mine[0].text, /From the school · App message/);
  assert.match(mine[0].text, /Sent/);
  assert.doesNotMatch(mine[0].text, /Reached|Phone call/);
  assert.equal(items.length, 61); // the bundle's 60, and this one, once
  assert.equal(hub.accepted.length, 1);
  await page.locator('family-portal [data-tab="log"]').click();
  assert.equal(await page.locator('family-portal .form-status').textContent(), 'Sent to the school.');
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await close();
});

// Waits until the form's status line says what `pattern` matches.
const statusMatches = (page, pattern) =>
  page.waitForFunction(
    (source) =>
      new RegExp(source).test(
        document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent,
      ),
    pattern.source,
  );

test('a call is saved only with how it went, chosen by the teacher: nothing is pre-selected', async () => {
  for (const [lang, required, saved] of [
    ['en', /^Please choose how the call, meeting or visit went\.$/, /^Saved on this device/],
    ['es', /^Elija cómo fue la llamada/, /^Guardado en este dispositivo/],
    ['ar', /^يُرجى اختيار نتيجة المكالمة/, /^تم الحفظ على هذا الجهاز/],
  ]) {
    const { page, problems, close } = await openPage(harness, `/fixtures/portal.html?view=teacher&lang=${lang}`);
    await settled(page);
    const count = () => page.evaluate(async () => (await (await import('/src/outbox.js')).contactEntries()).length);
    const before = await count();
    await page.locator('family-portal #channel').selectOption('phone');
    assert.equal(await page.locator('family-portal #outcome').inputValue(), '', 'no outcome pre-selected');
    assert.equal(await page.locator('family-portal #outcome').getAttribute('aria-required'), 'true');
    assert.ok(!(await page.locator('family-portal #outcome option').allInnerTexts()).some((o) => o === 'Sent'));
    await page.locator('family-portal [data-template="please_call"]').click();
    await page.locator('family-portal button[type="submit"]').click();
    await statusMatches(page, required);
    assert.equal(await count(), before, `${lang}: nothing saved`);
    await page.locator('family-portal #outcome').selectOption('left_message');
    await page.locator('family-portal button[type="submit"]').click();
    await statusMatches(page, saved);
    const last = await page.evaluate(
      async () => (await (await import('/src/outbox.js')).contactEntries()).at(-1).record,
    );
    assert.deepEqual([last.channel, last.outcome], ['phone', 'left_message']);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
    await close();
  }
});

test("with a roster, the teacher chooses the student and then one of that student's family members", async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/portal.html?view=teacher&roster=1');
  await settled(page);
  const options = (id) => page.locator(`family-portal #${id} option`).allTextContents();
  assert.deepEqual(await options('student'), ['Maya Hernández', 'Kofi Mensah', 'Linh Tran']);
  assert.equal(await page.locator('family-portal [data-template="missing_work"]').count(), 1);
  await page.locator('family-portal #student').selectOption('stu-9c04aa');
  await page.waitForFunction(
    () => document.querySelector('family-portal').shadowRoot.querySelector('#contact option')?.value === 'c-bao',
  );
  assert.deepEqual(await options('contact'), ['Bao Tran (Father)', 'Mai Tran (Mother)']);
  // The missing-work count is known only for the student whose record is open.
  assert.equal(await page.locator('family-portal [data-template="missing_work"]').count(), 0);
  await page.locator('family-portal #contact').selectOption('c-mai');
  await page.locator('family-portal [data-template="please_call"]').click();
  await page.locator('family-portal button[type="submit"]').click();
  await page.waitForFunction(() =>
    document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent.startsWith('Saved'),
  );
  const saved = await page.evaluate(async () => {
    const { contactEntries } = await import('/src/outbox.js');
    return (await contactEntries()).map((e) => ({
      student: e.student,
      contact: e.record.contactId,
      template: e.record.templateId,
    }));
  });
  assert.deepEqual(saved.at(-1), { student: 'stu-9c04aa', contact: 'c-mai', template: 'please_call' });
  // Maya's contact log does not show Linh's record.
  await page.locator('family-portal [data-tab="engagement"]').click();
  assert.equal((await timelineTexts(page)).filter((i) => i.status !== 'confirmed').length, 0);
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await close();
});

test('a family asks for a call; the request reads in their language', async () => {
  const { page, close } = await openPage(harness, '/fixtures/portal.html?lang=es');
  await settled(page);
  await page.locator('family-portal [data-tab="contact"]').click();
  // A family device writes as its own person: the form offers nobody else to write as.
  assert.equal(await page.locator('family-portal #contact').count(), 0);
  await page.locator('family-portal input[value="call"]').check();
  await page.locator('family-portal button[type="submit"]').click();
  await page.waitForFunction(() =>
    document
      .querySelector('family-portal')
      .shadowRoot.querySelector('.form-status')
      ?.textContent.startsWith('Guardado'),
  );
  await screenshot(page, 'view-family-form-es');
  await page.locator('family-portal [data-tab="engagement"]').click();
  const mine = (await timelineTexts(page)).filter((i) => i.status === 'pending');
  assert.equal(mine.length, 1);
  assert.match(mine[0].text, /Por favor, llame a la escuela cuando pueda\./);
  assert.match(mine[0].text, /Pendiente de envío/);
  await close();
});

test("a family's message says it was sent once the school has it, not before, in the family's language", async () => {
  for (const [lang, saved, sent] of [
    ['es', 'Guardado en este dispositivo.', 'Enviado a la escuela.'],
    ['ar', 'تم الحفظ على هذا الجهاز.', 'أُرسل إلى المدرسة.'],
  ]) {
    const { page, problems, close } = await openPage(harness, `/fixtures/portal.html?lang=${lang}`);
    await settled(page);
    await page.locator('family-portal [data-tab="contact"]').click();
    await page.locator('family-portal textarea').fill(`Mensaje ${lang}`);
    await page.locator('family-portal button[type="submit"]').click();
    // On the device only, with no school to send to yet.
    await page.waitForFunction(
      (text) => document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent === text,
      saved,
    );
    // The school's endpoint is given only now: the record goes, and the form follows it.
    await page.locator('family-portal').evaluate((el) => el.setAttribute('sync', '/sync'));
    await page.waitForFunction(
      (text) => document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent === text,
      sent,
    );
    const record = await page.evaluate(
      async () => (await (await import('/src/outbox.js')).contactEntries()).at(-1).record,
    );
    assert.deepEqual([record.channel, record.outcome, record.direction], ['app_message', 'sent', 'family_to_school']);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
    await close();
  }
});

const XSS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 2">',
  '"><svg onload="window.__xss = 3">',
  'javascript:window.__xss = 4',
  '<a href="javascript:window.__xss = 5">click</a>',
  '{{constructor.constructor("window.__xss = 6")()}}',
  '=HYPERLINK("http://evil.example", "x")',
  '‮ reversed and \u0000 nul',
];

test('XSS payloads typed into every text field execute nothing and show exactly as typed', async () => {
  for (const view of ['teacher', 'family']) {
    const { page, problems, close } = await openPage(
      harness,
      `/fixtures/portal.html${view === 'teacher' ? '?view=teacher' : ''}`,
    );
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      dialog.dismiss();
    });
    await settled(page);
    if (view === 'family') await page.locator('family-portal [data-tab="contact"]').click();
    for (const payload of XSS) {
      await page.locator('family-portal textarea#note').fill(payload);
      await page.locator('family-portal button[type="submit"]').click();
      // Saved: the status says so and the form starts afresh for the next contact.
      await page.waitForFunction(() => {
        const root = document.querySelector('family-portal').shadowRoot;
        return (
          root.querySelector('.form-status')?.textContent.startsWith('Saved') &&
          root.querySelector('#note').value === ''
        );
      });
    }
    await page.locator('family-portal [data-tab="engagement"]').click();
    const texts = (await timelineTexts(page)).map((i) => i.text).join('\n');
    for (const payload of XSS)
      assert.ok(
        texts.includes(payload.replace('\u0000', '\uFFFD')) || texts.includes(payload),
        `not shown as typed: ${payload}`,
      );
    const injected = await inShadow(
      page,
      (el) => el.shadowRoot.querySelectorAll('.timeline script, .timeline img, .timeline svg, .timeline a').length,
    );
    assert.equal(injected, 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(dialogs, 0);
    assert.deepEqual(problems.cspViolations, []);
    assert.deepEqual(problems.pageErrors, []);
    await close();
  }
});

test("the contact log exports as CSV (formula-safe) and as JSON Lines with each record's JWS", async () => {
  const { page, close } = await openPage(harness, '/fixtures/portal.html?view=teacher');
  await settled(page);
  await page.locator('family-portal textarea#note').fill('=SUM(A1:A9) looks like a formula');
  await page.locator('family-portal button[type="submit"]').click();
  await page.waitForFunction(() =>
    document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent.startsWith('Saved'),
  );
  // A tab or carriage return first also makes some spreadsheets read a formula.
  await page.locator('family-portal textarea#note').fill('\t=cmd|calc');
  await page.locator('family-portal button[type="submit"]').click();
  await page.waitForFunction(
    () => document.querySelector('family-portal').shadowRoot.querySelector('#note').value === '',
  );
  await page.locator('family-portal [data-tab="engagement"]').click();
  const save = async (kind) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`family-portal [data-export="${kind}"]`).click(),
    ]);
    return readFileSync(await file.path(), 'utf8');
  };
  const csv = await save('csv');
  assert.ok(csv.startsWith('\uFEFFstudent,seq,dev,idem,at,direction,channel'));
  assert.ok(
    csv.includes(",'=SUM(A1:A9) looks like a formula,"),
    csv.split('\r\n').find((l) => l.includes('SUM')),
  );
  assert.ok(csv.includes(",'\t=cmd|calc,"), 'a leading tab is neutralised');
  assert.ok(csv.split('\r\n').length >= 63);
  const lines = (await save('jsonl'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const mine = lines.find((l) => l.note === '=SUM(A1:A9) looks like a formula');
  assert.match(mine.jws, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.equal(mine.status, 'pending');
  assert.ok(lines.length >= 62);
  await close();
});
