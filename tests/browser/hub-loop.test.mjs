// The widget on the school's hub, in Chromium under the strict CSP: a teacher signs in with an invite
// link and logs a contact; a family signs in on another browser context by typing its code, sees the
// teacher's record in the verified bundle and writes back; the teacher sees the family's message. Then
// the widget embedded on a school's own site (another origin, its own strict policy).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jose from 'jose';
import { root, startServer } from '../../scripts/serve.mjs';
import { loadNodeCore } from '../../scripts/node-core.mjs';
import { admin, device, enrolledDevice, makeSchool, recentAt, startHub } from '../hub/hub-client.mjs';
import { launchBrowser, openPage, screenshot } from './harness.mjs';

let browser;
let school;
let hub;
let site; // a school's own web site on another origin
const sitePages = mkdtempSync(join(tmpdir(), 'fep-site-'));
let siteCsp = "default-src 'none'"; // the site's policy names the hub once the hub has a port

before(async () => {
  site = await startServer({ port: 0, mounts: { '/': sitePages }, csp: () => siteCsp });
  school = makeSchool();
  hub = await startHub(school.data, ['--static', join(root, 'build/site'), '--cors', new URL(site.url).origin]);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await hub?.stop();
  await site?.close();
});

const shadow = (page, selector) => `family-portal >> ${selector}`;
const state = (page) => page.locator('family-portal').getAttribute('state');
async function verified(page) {
  await page.waitForFunction(() => document.querySelector('family-portal')?.getAttribute('state') === 'verified');
}
const timeline = (page) =>
  page.locator('family-portal').evaluate((el) =>
    [...el.shadowRoot.querySelectorAll('.timeline > li')].map((li) => ({
      status: li.dataset.status,
      text: li.textContent,
    })),
  );
async function waitForTimeline(page, pattern, status) {
  await page.waitForFunction(
    ([source, wanted]) =>
      [...document.querySelector('family-portal').shadowRoot.querySelectorAll('.timeline > li')].some(
        (li) => new RegExp(source).test(li.textContent) && li.dataset.status === wanted,
      ),
    [pattern.source, status],
    { timeout: 20000 },
  );
}
// The only refusal a page may see: "this device is not enrolled yet", before signing in.
const unexpected = (problems) => ({
  ...problems,
  consoleErrors: problems.consoleErrors.filter((e) => !/^HTTP 401 .*\/api\/me$/.test(e)),
});
const clean = { consoleErrors: [], pageErrors: [], cspViolations: [] };
const hubHarness = () => ({ browser, url: hub.url });

test('teacher and family close the loop through the hub, each on their own device', async () => {
  // The teacher opens the invite link: signed in at once, the code gone from the address bar.
  const teacherCode = admin(school.data, 'invite', '--staff', 't-okafor').split('\n')[0];
  const teacher = await openPage(hubHarness(), `/#invite=${teacherCode}`);
  await verified(teacher.page);
  assert.equal(new URL(teacher.page.url()).hash, '');
  assert.equal(
    await teacher.page.locator(shadow(teacher.page, '[role="tab"][aria-selected="true"]')).getAttribute('data-tab'),
    'log',
  );
  assert.match(await teacher.page.locator(shadow(teacher.page, '[part="account"]')).textContent(), /Ms\. Okafor/);
  assert.deepEqual(await teacher.page.locator(shadow(teacher.page, '#shown-student option')).allTextContents(), [
    'Maya Hernández',
    'Leo Hernández',
  ]);
  await teacher.page.locator(shadow(teacher.page, '#contact')).selectOption('c-father');
  await teacher.page.locator(shadow(teacher.page, '[data-template="positive_progress"]')).click();
  await teacher.page.locator(shadow(teacher.page, 'button[type="submit"]')).click();
  // The form says where the record is: on the device until the hub accepts it, then sent.
  await teacher.page.waitForFunction(
    () =>
      document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent ===
      'Sent to the school.',
  );
  await teacher.page.locator(shadow(teacher.page, '[data-tab="engagement"]')).click();
  // Accepted by the hub, the record comes back in Maya's next signed bundle: confirmed, not pending.
  await waitForTimeline(teacher.page, /Great progress in Mathematics 7!/, 'confirmed');

  // The family types its code on another device (a fresh browser context: its own key).
  const familyCode = admin(school.data, 'invite', '--contact', school.familyOfMaya).split('\n')[0];
  const family = await openPage(hubHarness(), '/');
  await family.page.waitForFunction(() => document.querySelector('family-portal')?.getAttribute('state') === 'enrol');
  await screenshot(family.page, 'hub-enrol');
  await family.page.locator(shadow(family.page, '#code')).fill(familyCode.toLowerCase().replaceAll('-', ' '));
  await family.page.locator(shadow(family.page, 'button[type="submit"]')).click();
  await verified(family.page);
  // Two children: a picker, Maya first.
  assert.deepEqual(await family.page.locator(shadow(family.page, '#shown-student option')).allTextContents(), [
    'Maya Hernández',
    'Leo Hernández',
  ]);
  await family.page.locator(shadow(family.page, '[data-tab="engagement"]')).click();
  const seen = (await timeline(family.page)).filter((r) => /Great progress in Mathematics 7!/.test(r.text));
  assert.equal(seen.length, 1);
  assert.equal(seen[0].status, 'confirmed');
  assert.match(seen[0].text, /Ms\. Okafor/); // the author the hub recorded from the account

  // The family writes back, as the person signed in: named, never an account id.
  assert.equal(
    await family.page.locator(shadow(family.page, '[part="account"]')).textContent(),
    'Signed in as Rosa Hernández',
  );
  await family.page.locator(shadow(family.page, '[data-tab="contact"]')).click();
  await family.page.locator(shadow(family.page, 'textarea')).fill('Thank you! Could we talk after 5 pm on Friday?');
  await family.page.locator(shadow(family.page, 'button[type="submit"]')).click();
  await family.page.waitForFunction(
    () =>
      document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent ===
      'Sent to the school.',
  );
  await family.page.locator(shadow(family.page, '[data-tab="engagement"]')).click();
  await waitForTimeline(family.page, /after 5 pm on Friday/, 'confirmed');
  await screenshot(family.page, 'hub-family-loop');

  // Leo's record is the other child's: choosing him shows his.
  await family.page.locator(shadow(family.page, '[data-tab="engagement"]')).click();
  await family.page.locator(shadow(family.page, '#shown-student')).selectOption('stu-sibling');
  await verified(family.page);
  assert.match(await family.page.locator(shadow(family.page, '[part="student"]')).textContent(), /Leo Hernández/);
  // The reader stays on the page they were reading, now the other child's.
  assert.equal(
    await family.page.locator(shadow(family.page, '[role="tab"][aria-selected="true"]')).getAttribute('data-tab'),
    'engagement',
  );

  // The teacher sees the family's message in Maya's verified history.
  await teacher.page.reload();
  await verified(teacher.page);
  await teacher.page.locator(shadow(teacher.page, '[data-tab="engagement"]')).click();
  await waitForTimeline(teacher.page, /after 5 pm on Friday/, 'confirmed');

  assert.deepEqual(unexpected(teacher.problems), clean);
  assert.deepEqual(unexpected(family.problems), clean);
  await teacher.close();
  await family.close();
});

test('a wrong code is refused on the enrolment screen, in words, and the device stays signed out', async () => {
  const page = await openPage(hubHarness(), '/');
  await page.page.waitForFunction(() => document.querySelector('family-portal')?.getAttribute('state') === 'enrol');
  await page.page.locator(shadow(page.page, '#code')).fill('AAAA-BBBB-CCCC-DDDD');
  await page.page.locator(shadow(page.page, 'button[type="submit"]')).click();
  await page.page.waitForFunction(() =>
    /unknown, already used or expired/.test(
      document.querySelector('family-portal').shadowRoot.querySelector('.form-status')?.textContent,
    ),
  );
  assert.equal(await state(page.page), 'enrol');
  await page.close();
});

test('a wrong code in an invite link lands on the enrolment screen, the code in the form and gone from the address bar', async () => {
  const { page, close } = await openPage(hubHarness(), '/#invite=AAAA-BBBB-CCCC-DDDD');
  await page.waitForFunction(() =>
    /unknown, already used or expired/.test(
      document.querySelector('family-portal')?.shadowRoot?.querySelector('.form-status')?.textContent,
    ),
  );
  assert.equal(await state(page), 'enrol');
  assert.equal(await page.locator(shadow(page, '#code')).inputValue(), 'AAAA-BBBB-CCCC-DDDD');
  assert.equal(new URL(page.url()).hash, '');
  await close();
});

test("a phone whose clock is an hour fast still signs in: its proofs follow the hub's clock", async () => {
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const context = await browser.newContext();
  await context.clock.setFixedTime(Date.now() + 3600 * 1000);
  const page = await context.newPage();
  await page.goto(`${hub.url}#invite=${code}`);
  await verified(page);
  assert.match(await page.locator(shadow(page, '[part="student"]')).textContent(), /Kofi Mensah/);
  await context.close();
});

test('an invite link signs in and shows the record with one request to the API: the bundle comes with the enrolment', async () => {
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const context = await browser.newContext();
  const page = await context.newPage();
  const api = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/')) api.push(`${request.method()} ${pathname}`);
  });
  await page.goto(`${hub.url}#invite=${code}`);
  await verified(page);
  assert.match(await page.locator(shadow(page, '[part="student"]')).textContent(), /Kofi Mensah/);
  assert.deepEqual(api, ['POST /api/enroll']);
  // The load's steps, as `bench:phone --trace` lists them, in order (the warm-up's depend on timing).
  const order = ['device-key', 'sign-in-sent', 'prepared', 'signed-in', 'downloaded', 'verified', 'stored'];
  const steps = await page.evaluate(() => performance.getEntriesByType('mark').map((mark) => mark.name));
  assert.deepEqual(
    steps.filter((name) => order.includes(name.replace(/^fep:/, ''))),
    order.map((step) => `fep:${step}`),
  );
  await context.close();
});

test("once visited, the hub's page opens without a network: its service worker keeps the page and the widget, never the API", async () => {
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${hub.url}#invite=${code}`);
  await verified(page);
  assert.equal(
    await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active.scriptURL)),
    `${hub.url}sw.js`,
  );
  // What it keeps: the page and the files named in it, nothing the hub answers for an account.
  const kept = await page.evaluate(async () => {
    const paths = [];
    for (const name of await caches.keys())
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    return paths;
  });
  assert.ok(
    kept.includes('/') && kept.some((path) => /^\/dist\/fep_core\.[0-9a-f]{16}\.wasm$/.test(path)),
    kept.join(),
  );
  assert.deepEqual(
    kept.filter((path) => path.startsWith('/api/') || path.startsWith('/.well-known/')),
    [],
  );

  await context.setOffline(true);
  await page.reload();
  await verified(page);
  assert.match(await page.locator(shadow(page, '[part="student"]')).textContent(), /Kofi Mensah/);
  assert.match(await page.locator(shadow(page, '[part="offline"]')).textContent(), /offline/);
  await context.close();
});

// A page of the school's own site that embeds the widget from the hub, with `attributes` on it.
function sitePage(name, attributes, lang = 'en') {
  const hubOrigin = new URL(hub.url).origin;
  writeFileSync(
    join(sitePages, name),
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Lincoln Middle School</title>
<script type="module" src="${hubOrigin}/dist/family-portal.js"></script></head>
<body><h1>Lincoln Middle School</h1><family-portal hub="${hubOrigin}/" ${attributes}></family-portal></body></html>`,
  );
}

test("the widget embeds on a school's own site, another origin under its own strict policy", async () => {
  const hubOrigin = new URL(hub.url).origin;
  sitePage('index.html', '');
  siteCsp = `default-src 'self'; script-src 'self' ${hubOrigin} 'wasm-unsafe-eval'; connect-src 'self' ${hubOrigin}; style-src 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'`;
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const page = await openPage({ browser, url: site.url }, `/index.html#invite=${code}`);
  await verified(page.page);
  assert.match(await page.page.locator(shadow(page.page, '[part="student"]')).textContent(), /Kofi Mensah/);
  assert.deepEqual(unexpected(page.problems), clean);
  await page.close();
});

test('when the district roots a site pins cannot be loaded, the widget says so before it spends the code', async () => {
  sitePage('roots-missing.html', 'roots="/district-roots.json" lang="es"', 'es');
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const { page, problems, close } = await openPage({ browser, url: site.url }, `/roots-missing.html#invite=${code}`);
  await page.waitForFunction(() =>
    /no se usó/.test(document.querySelector('family-portal')?.shadowRoot.querySelector('.form-status')?.textContent),
  );
  assert.equal(await state(page), 'enrol');
  assert.ok(problems.consoleErrors.some((e) => /404 .*district-roots\.json/.test(e)));
  await close();
  // The code was not spent: it still signs a device in.
  const d = await device(hub.url);
  assert.equal((await d.call('POST', '/api/enroll', { body: { code } })).status, 201);
});

test("the hub's own page speaks the reader's language, fits 200 % zoom, and gives a phone's first screen to the record", async () => {
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const { page, problems, close } = await openPage({ browser, url: hub.url }, `/#invite=${code}`, {
    locale: 'ar',
    viewport: { width: 180, height: 370 },
  });
  await verified(page);
  const around = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    heading: document.querySelector('h1').textContent,
    intro: getComputedStyle(document.querySelector('#intro')).display,
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
  assert.deepEqual(around, {
    lang: 'ar',
    dir: 'rtl',
    heading: 'بوابة تواصل الأسرة مع المدرسة',
    intro: 'none',
    sideways: 0,
  });
  // The record begins within the first screen.
  const top = await page.locator(shadow(page, '[part="student"]')).evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(top < 370 / 2, `the student's name at ${top} px`);
  // Switching language moves the page with the widget.
  await page.locator(shadow(page, '#language')).selectOption('es');
  await page.waitForFunction(() => document.documentElement.lang === 'es');
  assert.equal(await page.evaluate(() => document.querySelector('h1').textContent), 'Portal para las familias');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  assert.deepEqual(unexpected(problems), clean);
  await close();
});

test('a return visit shows the record last verified at once, marked as such, then the checked one', async () => {
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const { page, close } = await openPage(hubHarness(), `/#invite=${code}`);
  await verified(page);
  // Every state the element passes through on the next visit, and what it said meanwhile.
  await page.addInitScript(() => {
    window.__states = [];
    new MutationObserver(() => {
      const el = document.querySelector('family-portal');
      const state = el?.getAttribute('state');
      if (state && state !== window.__states.at(-1)) {
        window.__states.push(state);
        if (state === 'saved') window.__savedText = el.shadowRoot.textContent;
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['state'] });
  });
  await page.reload();
  await verified(page);
  const states = await page.evaluate(() => window.__states);
  assert.deepEqual(states.slice(-2), ['saved', 'verified']);
  const savedText = await page.evaluate(() => window.__savedText);
  assert.match(savedText, /Kofi Mensah/);
  assert.match(savedText, /This is the record as verified on/);
  // Once checked, the note is gone.
  assert.equal(await page.locator('family-portal [part="checking"]').count(), 0);
  await close();
});

test('a student whose id a URL percent-encodes opens verified; a signed-in device given another code keeps its account and spends no code', async () => {
  // An id with a space, a slash, a plus and a non-ASCII letter: the widget's proof names the encoded
  // path, as the hub now compares it.
  const id = 'stu a/b+ç';
  const record = { ...school.example, student: { ...school.example.student, id, displayName: 'Zoë Encoded' } };
  delete record.contactRecords;
  const file = join(school.data, 'encoded-browser.json');
  writeFileSync(file, JSON.stringify(record));
  admin(school.data, 'records', 'put', file);
  admin(school.data, 'staff', 'add', '--id', 't-enc-b', '--name', 'Ms. Encoded', '--role', 'teacher', '--students', id);
  const code = admin(school.data, 'invite', '--staff', 't-enc-b').split('\n')[0];
  const { page, close } = await openPage(hubHarness(), `/#invite=${code}`);
  await verified(page);
  // The enrolment brought the first bundle along; a return visit asks the bundle route for it.
  const asked = [];
  page.on('response', (response) => {
    if (response.url().includes('/bundle')) asked.push([response.url(), response.status()]);
  });
  await page.reload();
  await page.waitForFunction(() => document.querySelector('family-portal')?.getAttribute('state') === 'verified');
  await page.waitForFunction(
    () => !document.querySelector('family-portal').shadowRoot.querySelector('[part="checking"]'),
  );
  assert.ok(
    asked.some(([url, status]) => url.includes('/api/students/stu%20a%2Fb%2B%C3%A7/bundle') && status < 400),
    JSON.stringify(asked),
  );
  assert.match(await page.locator('family-portal').evaluate((el) => el.shadowRoot.textContent), /Zoë Encoded/);

  // The same device follows another person's invite link: it stays who it was, and the code stays good.
  const other = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  await page.goto('about:blank');
  await page.goto(new URL(`/#invite=${other}`, hub.url).href);
  await verified(page);
  assert.match(await page.locator(shadow(page, '[part="account"]')).textContent(), /Ms\. Encoded/);
  await close();
  const family = await openPage(hubHarness(), `/#invite=${other}`);
  await verified(family.page);
  assert.match(await family.page.locator('family-portal').evaluate((el) => el.shadowRoot.textContent), /Kofi Mensah/);
  await family.close();
});

// A long log: two staff members write their day's 50 longest notes each for one student, 600 KB, more
// than a record carries; the oldest parts go to signed archives.
async function studentWithALongLog() {
  const id = 'stu-long-log';
  const record = {
    ...school.example,
    student: { ...school.example.student, id, displayName: 'Ana Longlog' },
    contacts: [{ id: 'c-long', name: 'Rosa Longlog', relation: 'Mother', preferredLanguage: 'en', primary: true }],
  };
  delete record.contactRecords;
  const file = join(school.data, 'long-log.json');
  writeFileSync(file, JSON.stringify(record));
  admin(school.data, 'records', 'put', file);
  const core = await loadNodeCore();
  for (const staff of ['t-long-1', 't-long-2']) {
    admin(
      school.data,
      'staff',
      'add',
      '--id',
      staff,
      '--name',
      `Teacher ${staff}`,
      '--role',
      'teacher',
      '--students',
      id,
    );
    const d = await enrolledDevice(hub.url, school.data, ['--staff', staff]);
    const privateJwk = await jose.exportJWK(d.privateKey);
    let after = { seq: 0, hash: '' };
    const records = [];
    for (let n = 0; n < 50; n++) {
      const contact = {
        id: `${staff}-${n}`,
        at: recentAt(100 - n), // spread over the last days, each within what the hub finds plausible
        direction: 'school_to_family',
        channel: 'phone',
        outcome: 'reached',
        note: `${staff} note ${n} ${'ሀ'.repeat(1970)}`,
      };
      const signed = await core.signContact({ privateJwk, record: contact, student: id, after });
      records.push(signed.compact);
      after = { seq: after.seq + 1, hash: signed.hash };
    }
    const answer = await d.call('POST', '/api/contact-log', { body: { device: d.jwk, records } });
    assert.equal(answer.status, 200, answer.text);
  }
  return id;
}

test('a family reads a long log part by part: earlier contacts open from signed archives, and a swapped part is refused', async () => {
  await studentWithALongLog();
  const code = admin(school.data, 'invite', '--contact', 'c-long').split('\n')[0];
  const { page, problems, close } = await openPage(hubHarness(), `/#invite=${code}`);
  await verified(page);
  await page.locator('family-portal [data-tab="engagement"]').click();
  const earlier = page.locator('family-portal [data-action="earlier"]');
  const shownAtFirst = (await timeline(page)).length;
  assert.ok(shownAtFirst < 100, `${shownAtFirst} records in the record itself`);
  assert.match(await earlier.textContent(), new RegExp(`Show ${100 - shownAtFirst} earlier contacts`));
  // Each click opens the next part, newest first, until the whole log is on screen, once each.
  while (await earlier.count()) {
    const before = (await timeline(page)).length;
    await earlier.click();
    await page.waitForFunction(
      (n) => document.querySelector('family-portal').shadowRoot.querySelectorAll('.timeline > li').length > n,
      before,
    );
  }
  const rows = await timeline(page);
  assert.equal(rows.length, 100);
  assert.ok(
    rows.some((r) => /t-long-1 note 0 /.test(r.text)),
    'the oldest record is there',
  );
  assert.deepEqual(unexpected(problems), clean);
  await close();

  // Part 1 answered where part 2 was asked for: signed by the school, but not the part the record
  // lists, so it is refused in words and nothing of it is shown.
  const again = admin(school.data, 'invite', '--contact', 'c-long').split('\n')[0];
  const swapped = await openPage(hubHarness(), `/#invite=${again}`, {
    prepare: (p) =>
      p.route('**/archive/2', async (route) => {
        const part1 = await route.fetch({
          url: route
            .request()
            .url()
            .replace(/archive\/2$/, 'archive/1'),
        });
        await route.fulfill({ response: part1 });
      }),
  });
  await verified(swapped.page);
  await swapped.page.locator('family-portal [data-tab="engagement"]').click();
  const shown = (await timeline(swapped.page)).length;
  await swapped.page.locator('family-portal [data-action="earlier"]').click();
  await swapped.page.locator('family-portal [role="alert"]').waitFor();
  assert.match(await swapped.page.locator('family-portal [role="alert"]').textContent(), /missing required details/);
  assert.equal((await timeline(swapped.page)).length, shown);
  await swapped.close();
});

test('a phone the school signed out signs in again with a new code: a new key, its unsent message kept and marked', async () => {
  const code = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  const { page, problems, close } = await openPage(hubHarness(), `/#invite=${code}`);
  await verified(page);
  const kidOf = () =>
    page.evaluate(
      () =>
        new Promise((resolve) => {
          indexedDB.open('fep-contact-log').onsuccess = ({ target }) => {
            target.result.transaction('device').objectStore('device').get('device').onsuccess = (e) =>
              resolve(e.target.result.kid);
          };
        }),
    );
  const revokedKid = await kidOf();
  // Offline, the family writes a message; then the school signs the phone out.
  await page.context().setOffline(true);
  await page.locator(shadow(page, '[data-tab="contact"]')).click();
  await page.locator(shadow(page, 'textarea')).fill('Written before the phone was signed out');
  await page.locator(shadow(page, 'button[type="submit"]')).click();
  await page.locator(shadow(page, '[data-tab="engagement"]')).click();
  await waitForTimeline(page, /before the phone was signed out/, 'pending');
  admin(school.data, 'devices', 'revoke', revokedKid);
  await page.context().setOffline(false);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('family-portal')?.getAttribute('state') === 'enrol');

  // A new code: the widget makes a new key and signs in with it, the code spent once.
  const next = admin(school.data, 'invite', '--contact', 'c-ama').split('\n')[0];
  await page.locator(shadow(page, '#code')).fill(next);
  await page.locator(shadow(page, 'button[type="submit"]')).click();
  await verified(page);
  assert.notEqual(await kidOf(), revokedKid);
  await page.locator(shadow(page, '[data-tab="engagement"]')).click();
  await waitForTimeline(page, /before the phone was signed out/, 'unsent');
  assert.match(
    (await timeline(page)).find((r) => /before the phone was signed out/.test(r.text)).text,
    /Not sent: the school signed this phone out/,
  );
  // The new key's messages are delivered.
  await page.locator(shadow(page, '[data-tab="contact"]')).click();
  await page.locator(shadow(page, 'textarea')).fill('Written with the new key');
  await page.locator(shadow(page, 'button[type="submit"]')).click();
  await page.locator(shadow(page, '[data-tab="engagement"]')).click();
  await waitForTimeline(page, /Written with the new key/, 'confirmed');
  const listed = admin(school.data, 'devices', 'list');
  assert.match(listed, new RegExp(`${revokedKid}.*revoked`));
  // The only refusals: the revoked key's, before it was replaced.
  const refusals = problems.consoleErrors.filter((e) => !/^HTTP 401 /.test(e));
  assert.deepEqual({ ...problems, consoleErrors: refusals }, clean);
  await close();
});
