// The widget's pure modules under node, without a browser: language negotiation, translation with
// plurals and isolation, the merged contact timeline, the record a form describes, the exports and
// base64url.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/serve.mjs';
import { negotiate, readerLanguage, Translator } from '../../web/src/i18n.js';
import { emptyForm, formProblem, recordFromForm } from '../../web/src/contact-record.js';
import { mergedTimeline, otherStudentsRows } from '../../web/src/timeline.js';
import { toCsv, toJsonLines } from '../../web/src/export.js';
import { base64url } from '../../web/src/core.js';
import { randomBytes } from 'node:crypto';

const catalog = (lang) => JSON.parse(readFileSync(join(root, 'i18n', `${lang}.json`), 'utf8'));

test('negotiation: exact tags, regions, Chinese scripts, then English', () => {
  assert.equal(negotiate('es-MX'), 'es');
  assert.equal(negotiate(['ko', 'vi-VN']), 'vi');
  assert.equal(negotiate('zh-CN'), 'zh-Hans');
  assert.equal(negotiate('zh-TW'), 'en'); // Traditional Chinese is not Simplified
  assert.equal(negotiate(['tlh', null, '']), 'en');
});

test("the element's attribute, then the reader's choice, then the browser, then the host page", () => {
  const browser = ['vi-VN', 'en'];
  assert.equal(readerLanguage({ attribute: 'ar', saved: 'ht', browser, page: 'en' }), 'ar');
  assert.equal(readerLanguage({ attribute: null, saved: 'ht', browser, page: 'en' }), 'ht');
  assert.equal(readerLanguage({ attribute: null, saved: null, browser, page: 'en' }), 'vi');
  assert.equal(readerLanguage({ attribute: null, saved: null, browser: ['ko'], page: 'fr' }), 'fr');
});

test('translation: plural forms, numbers in the locale, string parameters isolated', () => {
  const t = new Translator('es', catalog('es'), catalog('en'));
  assert.match(t.t('grades.missing', { count: 1 }), /1/);
  assert.notEqual(t.t('grades.missing', { count: 1 }), t.t('grades.missing', { count: 2 }));
  const parts = t.nodes('badge.verified', { issuer: 'example.org' });
  const isolated = parts.filter((p) => typeof p !== 'string');
  assert.equal(isolated.length, 1);
  assert.deepEqual(isolated[0].values, ['example.org']);
  assert.match(isolated[0].strings.join(''), /^<bdi>.*<\/bdi>$/);
});

const view = {
  missingAssignments: [{}, {}],
  courses: [{ title: 'Mathematics 7' }],
  engagement: { timeline: [{ id: 'r1', at: '2026-05-01T10:00:00Z', direction: 'school_to_family', channel: 'phone' }] },
};
const entry = (student, id, at) => ({
  student,
  seq: 1,
  dev: 'd',
  idem: `i-${id}`,
  status: 'pending',
  compact: 'a.b.c',
  record: { id, at, direction: 'family_to_school', channel: 'app_message', note: id },
});

test('the timeline: confirmed and device records once each, newest first, per student', () => {
  const local = [
    entry('s1', 'r1', '2026-05-01T10:00:00Z'),
    entry('s1', 'mine', '2026-05-02T10:00:00Z'),
    entry('s2', 'theirs', '2026-05-03T10:00:00Z'),
  ];
  const rows = mergedTimeline(view, local, 's1');
  assert.deepEqual(
    rows.map((r) => [r.id, r.status ?? 'confirmed']),
    [
      ['mine', 'pending'],
      ['r1', 'confirmed'],
    ],
  );
  assert.deepEqual(rows[0].topics, []); // a device record gets the defaults a confirmed one has
  assert.deepEqual(
    otherStudentsRows(local, 's1').map((r) => [r.student, r.id]),
    [['s2', 'theirs']],
  );
});

test('the record a form describes: templates carry their parameters, please_call included', () => {
  const now = new Date('2026-05-15T14:30:00Z');
  const context = { view, lang: 'es', contact: 'c1', course: 'Mathematics 7', now, id: 'local-1' };
  for (const [template, params] of [
    ['absent_today', { date: '2026-05-15' }],
    ['positive_progress', { subject: 'Mathematics 7' }],
    ['please_call', {}],
    ['missing_work', { count: 2 }],
    ['conference_invite', { date: '2026-05-15' }],
  ]) {
    const record = recordFromForm('teacher', { ...emptyForm(), template }, context);
    assert.deepEqual(record.params, params, template);
    assert.equal(record.templateId, template);
  }
  const plain = recordFromForm('teacher', { ...emptyForm(), note: 'Hi', topics: ['health'] }, context);
  assert.equal(plain.templateId, undefined);
  assert.deepEqual(plain.topics, ['health']);
  assert.equal(plain.at, '2026-05-15T14:30:00Z');
  const call = recordFromForm('family', { ...emptyForm(), kind: 'call' }, context);
  assert.deepEqual([call.direction, call.templateId, call.params], ['family_to_school', 'please_call', {}]);
});

test('a family message needs words; a call request and a teacher note do not', () => {
  assert.equal(formProblem('family', { ...emptyForm(), note: '   ' }), 'form.noteRequired');
  assert.equal(formProblem('family', { ...emptyForm(), kind: 'absence' }), 'form.noteRequired');
  assert.equal(formProblem('family', { ...emptyForm(), kind: 'call' }), null);
  assert.equal(formProblem('family', { ...emptyForm(), note: 'Late on Friday' }), null);
  assert.equal(formProblem('teacher', emptyForm()), null);
});

test('the two-tap message is recorded as a message sent through the portal, never as a call that reached anyone', () => {
  const context = { view, lang: 'en', contact: 'c1', course: 'Mathematics 7', now: new Date(), id: 'local-2' };
  const quick = recordFromForm('teacher', { ...emptyForm(), template: 'positive_progress' }, context);
  assert.deepEqual([quick.channel, quick.outcome, quick.direction], ['app_message', 'sent', 'school_to_family']);
  const family = recordFromForm('family', { ...emptyForm(), note: 'Thanks' }, context);
  assert.deepEqual([family.channel, family.outcome, family.direction], ['app_message', 'sent', 'family_to_school']);
  // A call is saved only with how it went, which nothing pre-selects.
  const call = { ...emptyForm(), channel: 'phone' };
  assert.equal(call.outcome, '');
  assert.equal(formProblem('teacher', call), 'form.outcomeRequired');
  assert.equal(formProblem('teacher', { ...call, channel: 'home_visit' }), 'form.outcomeRequired');
  assert.equal(formProblem('teacher', { ...call, direction: 'family_to_school' }), null); // the family called
  const reached = recordFromForm('teacher', { ...call, outcome: 'no_answer' }, context);
  assert.deepEqual([reached.channel, reached.outcome], ['phone', 'no_answer']);
});

test('CSV neutralises formulas (=, +, -, @, tab, carriage return, also after spaces), quotes ; and JSON Lines keeps each JWS', () => {
  const rows = ['=SUM(A1)', '+1', '-1', '@cmd', '\tTAB', '\rCR', 'plain'].map((note, i) => ({
    ...entry('s1', `r${i}`, '2026-05-01T10:00:00Z').record,
    note,
    student: 's1',
    jws: `h.p.${i}`,
  }));
  const csv = toCsv(rows);
  assert.ok(csv.startsWith('\uFEFFstudent,seq,'));
  for (const note of ['=SUM(A1)', '+1', '-1', '@cmd']) assert.ok(csv.includes(`'${note}`), note);
  assert.ok(csv.includes("'\tTAB"));
  assert.ok(csv.includes('"\'\rCR"'));
  assert.ok(csv.includes(',plain,'));
  const spaced = toCsv([
    { ...rows[0], note: '   =HYPERLINK("x")' },
    { ...rows[0], note: 'a;b' },
  ]);
  assert.ok(spaced.includes(`"'   =HYPERLINK(""x"")"`), 'spaces then = is still a formula');
  assert.ok(spaced.includes('"a;b"'), 'a semicolon is quoted');
  const lines = toJsonLines(rows)
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => l.jws),
    rows.map((r) => r.jws),
  );
});

test('base64url of any length, as JOSE writes it: a bundle payload rebuilt into its compact JWS is hundreds of KB', () => {
  for (const length of [0, 1, 2, 3, 0x8000 - 1, 0x8000, 0x8000 + 1, 200_000]) {
    const bytes = new Uint8Array(randomBytes(length));
    assert.equal(base64url(bytes), Buffer.from(bytes).toString('base64url'), `${length} bytes`);
  }
});
