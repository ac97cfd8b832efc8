// What a new user found wrong with the widget (issue 10), each proved fixed in Chromium: typed text
// that survives, quick messages that render, one download per load, a deployment fault named as one,
// forms that save once and keep focus, a language that is remembered, host styles that stop at the
// element, a layout that fits a phone at 200 % zoom, and a teacher's contacts for other students.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, openPage, startHarness } from './harness.mjs';
import { makeDemoData } from '../../scripts/demo-data.mjs';

let harness;
before(async () => {
  harness = await startHarness({ fixtureData: makeDemoData(mkdtempSync(join(tmpdir(), 'fep-regressions-'))).out });
});
after(async () => {
  await harness?.close();
});

const noProblems = { consoleErrors: [], pageErrors: [], cspViolations: [] };
const portal = (page) => page.locator('family-portal');
const inShadow = (page, fn, arg) => portal(page).evaluate(fn, arg);
const settled = (page) =>
  page.waitForFunction(() =>
    ['verified', 'error'].includes(document.querySelector('family-portal')?.getAttribute('state')),
  );
const rendered = (page) => inShadow(page, (el) => el.updateComplete);
// The text of this device's first record still waiting to be sent, in the contact log tab.
async function pendingRecordText(page) {
  await portal(page).locator('[data-tab="engagement"]').click();
  await rendered(page);
  return inShadow(
    page,
    (el) => el.shadowRoot.querySelector('.timeline > li[data-status="pending"]')?.textContent ?? '',
  );
}
const savedEntries = (page) =>
  page.evaluate(async () => {
    const { contactEntries } = await import('/src/outbox.js');
    return (await contactEntries()).map((e) => ({
      student: e.student,
      note: e.record.note,
      template: e.record.templateId,
    }));
  });
async function waitForStatus(page, prefix) {
  await page.waitForFunction(
    (p) => document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent.startsWith(p),
    prefix,
  );
}

test('a note being typed survives choosing another student and switching language', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/portal.html?view=teacher&roster=1');
  await settled(page);
  await portal(page).locator('#note').fill('Spoke about the field trip form');
  await portal(page).locator('#student').selectOption('stu-9c04aa');
  await rendered(page);
  assert.equal(await portal(page).locator('#note').inputValue(), 'Spoke about the field trip form');
  await portal(page).locator('#language').selectOption('es');
  await page.waitForFunction(
    () => document.querySelector('family-portal').shadowRoot.querySelector('.root')?.lang === 'es',
  );
  assert.equal(await portal(page).locator('#note').inputValue(), 'Spoke about the field trip form');
  assert.equal(await portal(page).locator('#student').inputValue(), 'stu-9c04aa');
  assert.deepEqual(problems, noProblems);
  await close();
});

test('a "please call" message saved by a teacher shows in the contact log, in teacher and family views alike', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/portal.html?view=teacher');
  await settled(page);
  await portal(page).locator('[data-template="please_call"]').click();
  await portal(page).locator('button[type="submit"]').click();
  await waitForStatus(page, 'Saved');
  for (const path of ['/fixtures/portal.html?view=teacher', '/fixtures/portal.html']) {
    await page.goto(new URL(path, harness.url).href);
    await settled(page);
    assert.match(await pendingRecordText(page), /call/i, path);
  }
  assert.deepEqual(problems, noProblems);
  await close();
});

test('a family asking for a call sees the request in its contact log', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/portal.html');
  await settled(page);
  await portal(page).locator('[data-tab="contact"]').click();
  await portal(page).locator('input[name="kind"][value="call"]').check();
  await portal(page).locator('button[type="submit"]').click();
  await waitForStatus(page, 'Saved');
  assert.match(await pendingRecordText(page), /call/i);
  assert.deepEqual(problems, noProblems);
  await close();
});

test('the documented markup downloads the bundle, the roots and the key set once each', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/markup.html');
  const fetched = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/fixture-data/')) fetched.push(pathname);
  });
  await page.reload();
  await settled(page);
  assert.equal(await portal(page).getAttribute('state'), 'verified');
  assert.deepEqual(fetched.sort(), [
    '/fixture-data/bundle.jws',
    '/fixture-data/keyset.jws',
    '/fixture-data/roots.json',
  ]);
  assert.deepEqual(problems, noProblems);
  await close();
});

test('a core that cannot be downloaded is "unavailable", not a damaged record', async () => {
  const { page, close } = await openPage(harness, 'about:blank');
  await page.route('**/fep_core*.wasm', (route) => route.abort('accessdenied'));
  await page.addInitScript(() =>
    document.addEventListener('fep-error', (event) => (window.__fepError = event.detail.code)),
  );
  await page.goto(new URL('/fixtures/portal.html', harness.url).href);
  await settled(page);
  assert.equal(await portal(page).getAttribute('state'), 'error');
  assert.equal(await page.evaluate(() => window.__fepError), 'unavailable');
  const text = await inShadow(page, (el) => el.shadowRoot.querySelector('[part="error"]').textContent);
  assert.match(text, /could not be loaded/);
  assert.doesNotMatch(text, /damaged/);
  await close();
});

test('a double tap on Send saves one record; an empty family message is refused; focus lands on the outcome', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/portal.html');
  await settled(page);
  await portal(page).locator('[data-tab="contact"]').click();
  await portal(page).locator('button[type="submit"]').click();
  await waitForStatus(page, 'Please write');
  assert.equal((await savedEntries(page)).length, 0);

  await portal(page).locator('#note').fill('Maya will be late on Friday');
  await portal(page).locator('button[type="submit"]').dblclick();
  await waitForStatus(page, 'Saved');
  await rendered(page);
  assert.deepEqual(await savedEntries(page), [
    { student: 'stu-7f3a9c', note: 'Maya will be late on Friday', template: undefined },
  ]);

  // Submitting from the keyboard leaves focus on the status the screen reader announces.
  await portal(page).locator('#note').fill('One more thing');
  await portal(page).locator('button[type="submit"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => document.querySelector('family-portal').shadowRoot.querySelector('#note').value === '',
  );
  await rendered(page);
  assert.equal(await inShadow(page, (el) => el.shadowRoot.activeElement?.className), 'form-status');
  assert.equal((await savedEntries(page)).length, 2);
  assert.deepEqual(problems, noProblems);
  await close();
});

test("the reader's own language comes before the host page's, and a choice is remembered", async () => {
  const vietnamese = await openPage(harness, '/fixtures/hostile.html', { locale: 'vi-VN' });
  await settled(vietnamese.page);
  assert.equal(await inShadow(vietnamese.page, (el) => el.shadowRoot.querySelector('.root').lang), 'vi');
  await vietnamese.close();

  const { page, close } = await openPage(harness, '/fixtures/hostile.html', { locale: 'en-US' });
  await settled(page);
  await portal(page).locator('#language').selectOption('ht');
  await page.reload();
  await settled(page);
  assert.equal(await inShadow(page, (el) => el.shadowRoot.querySelector('.root').lang), 'ht');
  await close();
});

test('host rules on every element stop at the widget: only the font family is inherited', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/hostile.html');
  await settled(page);
  const styles = await inShadow(page, (el) => {
    const of = (selector) => getComputedStyle(el.shadowRoot.querySelector(selector));
    return ['[part="student"]', '[part="validity"]', '[role="tab"]', '.big', '.tier'].map((selector) => ({
      selector,
      color: of(selector).color,
      fontFamily: of(selector).fontFamily,
      inherited: ['whiteSpace', 'letterSpacing', 'wordSpacing', 'fontStyle', 'textTransform', 'textIndent'].map(
        (name) => of(selector)[name],
      ),
      textAlign: of(selector).textAlign,
      cursor: of(selector).cursor,
    }));
  });
  for (const { selector, color, fontFamily, inherited, textAlign, cursor } of styles) {
    assert.notEqual(color, 'rgb(255, 0, 0)', selector);
    assert.equal(fontFamily, 'Georgia, serif', selector);
    // white-space, letter-spacing, word-spacing, font-style, text-transform, text-indent, alignment and
    // cursor come from the widget, not from the host's rule on its element.
    assert.deepEqual(inherited, ['normal', 'normal', '0px', 'normal', 'none', '0px'], selector);
    assert.notEqual(textAlign, 'right', selector);
    assert.notEqual(cursor, 'wait', selector);
  }
  const size = await inShadow(page, (el) => getComputedStyle(el.shadowRoot.querySelector('.root')).fontSize);
  assert.equal(size, '16px'); // the reader's default (medium), not the host's 30px
  assert.deepEqual(problems, noProblems);
  await close();
});

test('at 200 % zoom on a 360 px phone no view scrolls sideways', async () => {
  // 200 % zoom on a 360 CSS px screen leaves 180 CSS px of layout width.
  const { page, problems, close } = await openPage(harness, '/fixtures/portal.html', {
    viewport: { width: 180, height: 370 },
  });
  await settled(page);
  const views = [
    ...['summary', 'attendance', 'grades', 'engagement', 'contact'].map((v) => ['', v]),
    ['?view=teacher', 'log'],
  ];
  for (const [query, view] of views) {
    if (query) {
      await page.goto(new URL(`/fixtures/portal.html${query}`, harness.url).href);
      await settled(page);
    }
    await portal(page).locator(`[data-tab="${view}"]`).click();
    await rendered(page);
    // Nothing may stick out of the card (the widget clips its own overflow, so the page would not scroll).
    const overflow = await inShadow(page, (el) => {
      const box = el.shadowRoot.querySelector('.root').getBoundingClientRect();
      const parts = [...el.shadowRoot.querySelectorAll('.root *')].map((e) => e.getBoundingClientRect());
      const visible = parts.filter((r) => r.width > 1 && r.height > 1);
      return Math.ceil(Math.max(0, ...visible.map((r) => Math.max(r.right - box.right, box.left - r.left))));
    });
    assert.equal(overflow, 0, `${view} overflows by ${overflow} px`);
  }
  assert.deepEqual(problems, noProblems);
  await close();
});

test('after the school year ends the summary speaks of the year that was; days missed read as people say them', async () => {
  for (const [lang, past, missed] of [
    ['en', /This school year, attendance needed attention/, /^(\d+|\d+\.5) days missed of \d+ school days/],
    ['es', /Este año escolar la asistencia necesitó atención/, /^(\d+|\d+,5) días? de ausencia/],
    ['ar', /هذا العام الدراسي/, null],
  ]) {
    const { page, problems, close } = await openPage(harness, `/fixtures/portal.html?today=2026-07-01&lang=${lang}`);
    await settled(page);
    const summary = await inShadow(
      page,
      (el) => el.shadowRoot.querySelector('[aria-labelledby="summary-attendance"]').textContent,
    );
    assert.match(summary, past, lang);
    assert.doesNotMatch(summary, /can miss|puede faltar|يمكن/, `${lang}: no days are left to miss`);
    if (missed) {
      const statement = await inShadow(page, (el) => el.shadowRoot.querySelector('.big').textContent.trim());
      assert.match(statement, missed, lang);
    }
    assert.deepEqual(await axeViolations(page), [], lang);
    assert.deepEqual(problems, noProblems);
    await close();
  }
});

test('the grades tab shows the courses first, the missing work after them, folded when it is long', async () => {
  const { page, close } = await openPage(harness, '/fixtures/portal.html');
  await settled(page);
  await portal(page).locator('[data-tab="grades"]').click();
  await rendered(page);
  const cards = await inShadow(page, (el) =>
    [...el.shadowRoot.querySelectorAll('[role="tabpanel"] section[part="card"]')].map((c) =>
      c.classList.contains('course') ? 'course' : c.getAttribute('aria-labelledby'),
    ),
  );
  assert.equal(cards[0], 'course');
  assert.equal(cards.at(-1), 'missing-title');
  assert.ok(cards.slice(0, -1).every((c) => c === 'course'));
  await close();
});

test("the calendar's weekday and month names never break mid-word at 200 % zoom, in Arabic too", async () => {
  for (const lang of ['en', 'ar']) {
    const { page, close } = await openPage(harness, `/fixtures/portal.html?lang=${lang}`, {
      viewport: { width: 180, height: 370 },
    });
    await settled(page);
    await portal(page).locator('[data-tab="attendance"]').click();
    await rendered(page);
    const broken = await inShadow(page, (el) =>
      [...el.shadowRoot.querySelectorAll('.calendar th span[aria-hidden], .month-nav span')]
        .filter((e) => e.getClientRects().length > 1 || e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.textContent),
    );
    assert.deepEqual(broken, [], `${lang}: names broken or cut`);
    // Each weekday keeps its whole name for a screen reader.
    const names = await inShadow(page, (el) =>
      [...el.shadowRoot.querySelectorAll('.calendar thead th')].map((th) => th.getAttribute('abbr')),
    );
    assert.equal(names.length, 7);
    assert.ok(
      names.every((n) => n.length >= 3),
      names.join(),
    );
    await close();
  }
});

test("a teacher's contacts for other students on the roster are shown and exported", async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/portal.html?view=teacher&roster=1');
  await settled(page);
  await portal(page).locator('#student').selectOption('stu-9c04aa');
  await portal(page).locator('[data-template="positive_progress"]').click();
  await portal(page).locator('button[type="submit"]').click();
  await waitForStatus(page, 'Saved');
  await portal(page).locator('[data-tab="engagement"]').click();
  await rendered(page);
  const others = await inShadow(page, (el) =>
    [...el.shadowRoot.querySelectorAll('.others > li')].map((li) => li.textContent),
  );
  assert.equal(others.length, 1);
  assert.match(others[0], /Linh Tran/);
  const download = page.waitForEvent('download');
  await portal(page).locator('[data-export="csv"]').click();
  const csv = await (await download).createReadStream().then(
    (stream) =>
      new Promise((resolve) => {
        let text = '';
        stream.on('data', (chunk) => (text += chunk));
        stream.on('end', () => resolve(text));
      }),
  );
  assert.ok(csv.split('\r\n').some((line) => line.startsWith('stu-9c04aa,')));
  assert.deepEqual(problems, noProblems);
  await close();
});
