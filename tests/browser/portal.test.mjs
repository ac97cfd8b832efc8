// <family-portal> on the example year, issued by `fep`: every view, offline, rollback, languages,
// accessibility, keyboard use, style isolation and the strict Content-Security-Policy.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, openPage, screenshot, startHarness } from './harness.mjs';
import { makeDemoData } from '../../scripts/demo-data.mjs';

let harness;
let dataDir;
before(async () => {
  dataDir = makeDemoData(mkdtempSync(join(tmpdir(), 'fep-portal-')), { seq: 2 }).out;
  harness = await startHarness({ fixtureData: dataDir });
});
after(async () => {
  await harness?.close();
});

const VIEWS = ['summary', 'attendance', 'grades', 'engagement', 'contact'];
const noProblems = { consoleErrors: [], pageErrors: [], cspViolations: [] };

async function settled(page) {
  await page.waitForFunction(() =>
    ['verified', 'error'].includes(document.querySelector('family-portal')?.getAttribute('state')),
  );
  return page.locator('family-portal').getAttribute('state');
}
const shadowText = (page) => page.locator('family-portal').evaluate((el) => el.shadowRoot.textContent);
async function showView(page, view) {
  await page.locator(`family-portal [role="tab"][data-tab="${view}"]`).click();
  await page.waitForFunction(
    (v) =>
      document
        .querySelector('family-portal')
        .shadowRoot.querySelector('[role="tabpanel"]')
        ?.getAttribute('aria-labelledby') === `tab-${v}`,
    view,
  );
  // The other tabs' views may still be on their way: updateComplete waits for them.
  await page.locator('family-portal').evaluate((el) => el.updateComplete);
}

for (const trust of ['keys', 'keyset']) {
  test(`the example year verified through ${trust} shows the student, the issuer and the dates`, async () => {
    const { page, problems, close } = await openPage(harness, `/fixtures/portal.html?trust=${trust}`);
    assert.equal(await settled(page), 'verified');
    assert.equal(await page.locator('family-portal [part="student"]').textContent(), 'Maya Hernández');
    // The school by its name (the signed record's), not the issuer's host, and what "verified" means.
    const badge = await page.locator('family-portal [part="badge"]').textContent();
    assert.match(badge, /Verified: issued by Roosevelt Middle School, Lincoln Middle School$/);
    assert.doesNotMatch(badge, /example\.org/);
    assert.match(
      await page.locator('family-portal [part="badge-meaning"]').textContent(),
      /^Verified means this phone checked the school's signature/,
    );
    assert.match(
      await page.locator('family-portal [part="validity"]').textContent(),
      /^Issued \w+ \d+, \d{4}, valid until \w+ \d+, \d{4}$/,
    );
    assert.deepEqual(problems, noProblems);
    await close();
  });
}

test('every view renders the example year, with a 360 × 740 screenshot of each', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/portal.html');
  await settled(page);
  const text = {};
  for (const view of VIEWS) {
    await showView(page, view);
    text[view] = await shadowText(page);
    await screenshot(page, `view-${view}-en`);
  }
  assert.match(text.summary, /days missed of 162 school days \(8\.8%\)/);
  assert.match(text.summary, /Attendance needs attention/);
  assert.match(text.summary, /can miss at most 3 more days/);
  assert.match(text.summary, /Mathematics 7/);
  assert.equal(await page.locator('family-portal .calendar').count(), 0); // grades view is showing now
  await showView(page, 'attendance');
  assert.equal(await page.locator('family-portal table.calendar caption').textContent(), 'May 2026');
  // Every status the calendar can shade has a legend entry, "No school" included.
  assert.equal(await page.locator('family-portal .legend li').count(), 9);
  assert.match(await page.locator('family-portal .legend').textContent(), /No school/);
  assert.ok((await page.locator('family-portal .bars li').count()) >= 10);
  assert.match(text.grades, /Missing work/);
  assert.equal(
    await page.locator('family-portal').evaluate(async (el) => {
      el.shadowRoot.querySelector('[data-tab="grades"]').click();
      await el.updateComplete;
      return el.shadowRoot.querySelectorAll('section.course').length;
    }),
    8,
  );
  assert.match(text.engagement, /Contact between home and school/);
  assert.equal(
    await page.locator('family-portal').evaluate(async (el) => {
      el.shadowRoot.querySelector('[data-tab="engagement"]').click();
      await el.updateComplete;
      return el.shadowRoot.querySelectorAll('.timeline > li').length;
    }),
    60,
  );
  assert.deepEqual(problems, noProblems);
  await close();
});

test("a tampered bundle shows the error screen in the reader's language and nothing of the record", async () => {
  for (const [position, lang] of [
    [10, 'en'],
    [200, 'es'],
    [5000, 'ar'],
  ]) {
    const { page, problems, close } = await openPage(harness, `/fixtures/portal.html?tamper=${position}&lang=${lang}`);
    assert.equal(await settled(page), 'error', `tamper at ${position}`);
    const text = await shadowText(page);
    assert.ok(
      !/Maya|Hernández|demo-district|Mathematics/.test(text),
      `record leaked after tamper at ${position}: ${text}`,
    );
    assert.equal(await page.locator('family-portal [role="alert"]').count(), 1);
    if (lang === 'es') assert.match(text, /No se puede mostrar este expediente/);
    if (lang === 'ar') assert.equal(await page.locator('family-portal .root').getAttribute('dir'), 'rtl');
    if (position === 200) await screenshot(page, 'view-error-es');
    assert.deepEqual(problems, noProblems);
    await close();
  }
});

test("host-page styles do not leak in and the widget's do not leak out", async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/host.html');
  assert.equal(await settled(page), 'verified');
  const inside = await page.locator('family-portal').evaluate((el) => {
    const p = el.shadowRoot.querySelector('[part="validity"]');
    const style = getComputedStyle(p);
    return {
      color: style.color,
      font: style.fontFamily,
      card: getComputedStyle(el.shadowRoot.querySelector('[part="card"]')).backgroundColor,
    };
  });
  assert.notEqual(inside.color, 'rgb(255, 0, 0)');
  assert.doesNotMatch(inside.font, /Comic Sans/);
  assert.notEqual(inside.card, 'rgb(0, 255, 0)');
  // The host's own elements keep the host's styles, untouched by the widget's sheet.
  assert.equal(await page.locator('#host-muted').evaluate((el) => getComputedStyle(el).color), 'rgb(255, 0, 0)');
  assert.equal(await page.locator('#host-row').evaluate((el) => getComputedStyle(el).display), 'block');
  await screenshot(page, 'host-page');
  assert.deepEqual(problems, noProblems);
  await close();
});

for (const lang of ['en', 'ar', 'es']) {
  test(`axe-core finds no violations in any view in ${lang}`, async () => {
    const { page, problems, close } = await openPage(harness, `/fixtures/portal.html?lang=${lang}`);
    await settled(page);
    for (const view of VIEWS) {
      await showView(page, view);
      if (view === 'grades') await page.locator('family-portal details summary').first().click();
      assert.deepEqual(await axeViolations(page), [], `${lang} ${view}`);
      if (lang !== 'en') await screenshot(page, `view-${view}-${lang}`);
    }
    await page.locator('family-portal').evaluate((el) => el.setAttribute('view', 'teacher'));
    await page.locator('family-portal [data-template="please_call"]').click();
    assert.deepEqual(await axeViolations(page), [], `${lang} teacher form`);
    assert.deepEqual(problems, noProblems);
    await close();
  });
}

test('keyboard alone reaches every control: language, tabs (arrow keys), month buttons, courses', async () => {
  const { page, close } = await openPage(harness, '/fixtures/portal.html');
  await settled(page);
  const focused = () =>
    page.evaluate(() => {
      const el = document.querySelector('family-portal').shadowRoot.activeElement;
      return el
        ? (el.dataset.tab ?? el.dataset.action ?? el.getAttribute('aria-label') ?? el.tagName.toLowerCase())
        : null;
    });
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'language');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'summary');
  for (const expected of ['attendance', 'grades', 'engagement', 'contact', 'summary']) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (tab) => document.querySelector('family-portal').shadowRoot.activeElement?.dataset.tab === tab,
      expected,
    );
  }
  await page.keyboard.press('End');
  await page.waitForFunction(
    () => document.querySelector('family-portal').shadowRoot.activeElement?.dataset.tab === 'contact',
  );
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight'); // attendance
  await page.waitForFunction(
    () => document.querySelector('family-portal').shadowRoot.activeElement?.dataset.tab === 'attendance',
  );
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Previous month');
  const before = await page.locator('family-portal table.calendar caption').textContent();
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (m) => document.querySelector('family-portal').shadowRoot.querySelector('table.calendar caption').textContent !== m,
    before,
  );
  assert.equal(await focused(), 'Previous month'); // focus stays on the button after the month changes
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Next month');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowRight'); // grades
  await page.waitForFunction(
    () => document.querySelector('family-portal').shadowRoot.activeElement?.dataset.tab === 'grades',
  );
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'summary'); // the first course's <summary>
  await page.keyboard.press('Enter');
  assert.equal(
    await page
      .locator('family-portal details')
      .first()
      .evaluate((d) => d.open),
    true,
  );
  await close();
});

test('the language can be switched at run time; Arabic lays out right to left', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/portal.html');
  await settled(page);
  await page.locator('family-portal select').selectOption('ar');
  await page.waitForFunction(
    () => document.querySelector('family-portal').shadowRoot.querySelector('.root')?.getAttribute('dir') === 'rtl',
  );
  assert.match(await shadowText(page), /تم التحقق/);
  const [first, second] = await page
    .locator('family-portal [role="tab"]')
    .evaluateAll((tabs) => tabs.slice(0, 2).map((t) => t.getBoundingClientRect().x));
  assert.ok(first > second, `in RTL the first tab is on the right (${first} vs ${second})`);
  assert.equal(await page.locator('family-portal').getAttribute('state'), 'verified'); // not re-verified
  await page.locator('family-portal select').selectOption('zh-Hans');
  await page.waitForFunction(
    () => document.querySelector('family-portal').shadowRoot.querySelector('.root')?.getAttribute('lang') === 'zh-Hans',
  );
  assert.match(await shadowText(page), /已验证/);
  await page.locator('family-portal select').selectOption('am');
  await page.waitForFunction(() => document.querySelector('family-portal').shadowRoot.textContent.includes('የተረጋገጠ'));
  await screenshot(page, 'view-summary-am');
  assert.deepEqual(problems, noProblems);
  await close();
});

test('offline, the last verified bundle is shown with its date; a lower seq, or another bundle at the same seq, is never accepted afterwards', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const url = new URL('/fixtures/portal.html', harness.url).href;
  await page.goto(url);
  assert.equal(await settled(page), 'verified');

  // Offline: the bundle and keys cannot be fetched.
  await context.route('**/fixture-data/**', (route) => route.abort('internetdisconnected'));
  await page.reload();
  assert.equal(await settled(page), 'verified');
  assert.match(
    await page.locator('family-portal [part="offline"]').textContent(),
    /You are offline\. This is the record as it was on/,
  );
  assert.match(await shadowText(page), /Maya Hernández/);
  await screenshot(page, 'view-offline-en');
  await context.unroute('**/fixture-data/**');

  // The district's server (or an attacker) now serves an older bundle: seq 1 after seq 2.
  makeDemoData(dataDir, { seq: 1 });
  await page.reload();
  assert.equal(await settled(page), 'error');
  assert.match(await shadowText(page), /older than what you have already seen/);
  assert.doesNotMatch(await shadowText(page), /Maya/);

  // Another bundle under the seq already accepted (re-issued without raising seq) is refused too. It is
  // also the fixture the other tests expect: they start from fresh browser contexts.
  makeDemoData(dataDir, { seq: 2 });
  await page.reload();
  assert.equal(await settled(page), 'error');
  assert.match(await shadowText(page), /older than what you have already seen/);
  await context.close();
});

test('the bundled script also exports the core: summarizeBundle verifies and summarises without the widget', async () => {
  const { page, problems, close } = await openPage(harness, '/fixtures/portal.html');
  await settled(page);
  const result = await page.evaluate(async () => {
    const { loadCore } = await import('/dist/family-portal.js');
    const bundle = (await (await fetch('/fixture-data/bundle.jws')).text()).trim();
    const keys = await (await fetch('/fixture-data/jwks.json')).text();
    const core = await loadCore();
    const { summary } = core.summarizeBundle({ bundle, keys, today: '2026-05-15' });
    let code;
    try {
      core.summarizeBundle({ bundle: bundle.replace(/\.[^.]+$/, '.AAAA'), keys });
    } catch (error) {
      code = error.code;
    }
    return { student: summary.student.id, tier: summary.attendance.tier, courses: summary.courses.length, code };
  });
  assert.deepEqual(result, { student: 'stu-7f3a9c', tier: 'at_risk', courses: 8, code: 'malformed' });
  assert.deepEqual(problems, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  await close();
});

test('fep-rendered carries the summary and fep-error the stable code, across shadow roots', async () => {
  const { page, close } = await openPage(harness, '/fixtures/portal.html');
  await settled(page);
  const events = await page.evaluate(async () => {
    const seen = [];
    const bundle = (await (await fetch('/fixture-data/bundle.jws')).text()).trim();
    const portal = document.createElement('family-portal');
    portal.setAttribute('keys', '/fixture-data/jwks.json');
    portal.setAttribute('today', '2026-05-15');
    document.addEventListener('fep-rendered', (e) =>
      seen.push(['rendered', e.detail.student.id, e.detail.attendance.tier, e.composed]),
    );
    document.addEventListener('fep-error', (e) => seen.push(['error', e.detail.code, e.composed]));
    document.body.append(portal);
    const next = () =>
      new Promise((resolve) => {
        document.addEventListener('fep-rendered', resolve, { once: true });
        document.addEventListener('fep-error', resolve, { once: true });
      });
    for (const value of [
      bundle,
      bundle.replace(/\.[^.]+$/, '.AAAA'),
      bundle.replace(/^[^.]+/, 'eyJhbGciOiJub25lIn0'),
    ]) {
      const done = next();
      portal.bundle = value;
      await done;
    }
    return seen;
  });
  assert.deepEqual(events, [
    ['rendered', 'stu-7f3a9c', 'at_risk', true],
    ['error', 'malformed', true],
    ['error', 'unsupported_alg', true],
  ]);
  await close();
});

test('the demo page served by npm start verifies through the pinned root key', async () => {
  const { page, problems, close } = await openPage(harness, '/');
  assert.equal(await settled(page), 'verified');
  await screenshot(page, 'demo');
  assert.deepEqual(problems, noProblems);
  await close();
});

test('the other tabs come after the first record, unasked; unreachable, the panel says so and the next tab tries again', async () => {
  let reachable = false;
  const asked = [];
  const { page, problems, close } = await openPage(harness, '/fixtures/portal.html?trust=keyset', {
    prepare: (p) =>
      p.route(/\/dist\/tabs\.[0-9a-f]{16}\.js$/, (route) => {
        asked.push(route.request().url());
        return reachable ? route.continue() : route.abort();
      }),
  });
  // The summary needs none of them; they are asked for once the record is on screen, before any tab.
  assert.equal(await settled(page), 'verified');
  assert.equal(await page.locator('family-portal [part="student"]').textContent(), 'Maya Hernández');
  for (let i = 0; !asked.length && i < 100; i++) await page.waitForTimeout(50);
  assert.equal(asked.length, 1);
  await page.locator('family-portal [role="tab"][data-tab="grades"]').click();
  assert.match(
    await page.locator('family-portal [role="tabpanel"] [role="alert"]').textContent(),
    /could not be loaded/,
  );
  reachable = true;
  await showView(page, 'attendance');
  assert.ok((await page.locator('family-portal [role="tabpanel"] .calendar').count()) > 0);
  const fetches = asked.length;
  await showView(page, 'grades');
  await showView(page, 'engagement');
  assert.equal(asked.length, fetches, 'fetched once per page');
  assert.deepEqual(problems, noProblems);
  await close();
});
