// The record schema file and `fep summary` on the example year.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { root } from '../../scripts/serve.mjs';
import { loadNodeCore } from '../../scripts/node-core.mjs';
import { errorCode, fep, workdir, signArgs } from './fep.mjs';
import { makeDemoData } from '../../scripts/demo-data.mjs';

const schema = JSON.parse(readFileSync(join(root, 'docs/record.schema.json'), 'utf8'));
const example = JSON.parse(readFileSync(join(root, 'docs/examples/record.json'), 'utf8'));

test('docs/record.schema.json accepts the example year and refuses what the core refuses', () => {
  const validate = new Ajv2020({ strict: false }).compile(schema);
  assert.ok(validate(example), JSON.stringify(validate.errors));
  const broken = structuredClone(example);
  broken.attendanceEvents[0].duration = 2;
  broken.contactRecords[0].channel = 'carrier pigeon';
  assert.equal(validate(broken), false);
});

test('the example year is a full school year for a student who transferred', () => {
  const schoolDays = example.schools[0].calendarDates.filter((d) =>
    ['Instructional day', 'Make-up day', 'Student late arrival/early dismissal'].includes(d.event),
  );
  assert.ok(schoolDays.length >= 175 && schoolDays.length <= 185, `${schoolDays.length} school days`);
  assert.equal(example.enrollments.length, 2);
  assert.equal(example.enrollments[0].exitWithdrawType, 'Transferred');
  assert.equal(example.courses.length, 8);
  assert.ok(example.gradebookEntries.length >= 300, `${example.gradebookEntries.length} gradebook entries`);
  assert.equal(example.contactRecords.length, 60);
  assert.equal(new Set(example.sections.filter((s) => s.schoolId === 'sch-lincoln').map((s) => s.classPeriod)).size, 7);
});

test('fep summary prints the documented summary of a verified bundle', () => {
  const w = workdir();
  fep(['keygen', '--out', w.path('k.jwk')]);
  w.write('jwks.json', fep(['jwks', w.path('k.jwk')]).stdout);
  w.write(
    'bundle.jws',
    fep(signArgs(w.path('k.jwk'), join(root, 'docs/examples/record.json'), { sub: 'stu-7f3a9c', seq: '1', ttl: '5' }))
      .stdout,
  );
  const result = fep(['summary', '--jwks', w.path('jwks.json'), '--today', '2026-05-15', w.path('bundle.jws')]);
  assert.equal(result.status, 0, result.stderr);
  const summary = JSON.parse(result.stdout);
  assert.deepEqual(Object.keys(summary.attendance).sort(), [
    'absencesUntilChronic',
    'chronicallyAbsent',
    'daysAbsent',
    'daysEnrolled',
    'rate',
    'rule',
    'tier',
  ]);
  const a = summary.attendance;
  assert.equal(a.rule, 'percent_10');
  assert.ok(Math.abs(a.rate - a.daysAbsent / a.daysEnrolled) < 0.00006);
  assert.equal(a.chronicallyAbsent, a.rate >= 0.1);
  assert.equal(summary.courses.length, 8);
  for (const course of summary.courses)
    assert.deepEqual(Object.keys(course).sort(), ['currentGrade', 'id', 'missing', 'title']);
  assert.equal(
    summary.missingAssignments,
    summary.courses.reduce((n, c) => n + c.missing, 0),
  );
  assert.equal(
    summary.lastContact.at,
    example.contactRecords
      .map((c) => c.at)
      .sort()
      .at(-1),
  );

  const strict = JSON.parse(
    fep(['summary', '--jwks', w.path('jwks.json'), '--today', '2026-05-15', '--rule', 'days_15', w.path('bundle.jws')])
      .stdout,
  );
  assert.equal(strict.attendance.rule, 'days_15');
  assert.equal(strict.attendance.chronicallyAbsent, strict.attendance.daysAbsent >= 15);
  const full = JSON.parse(
    fep(['summary', '--jwks', w.path('jwks.json'), '--today', '2026-05-15', '--full', w.path('bundle.jws')]).stdout,
  );
  assert.equal(full.attendance.calendar.length, 11); // August to June
  assert.equal(
    errorCode(fep(['summary', '--jwks', w.path('jwks.json'), '--today', '2026-05-15', w.write('bad.jws', 'x.y.z')])),
    'malformed',
  );
  assert.equal(
    fep(['summary', '--jwks', w.path('jwks.json'), '--today', '15/05/2026', w.path('bundle.jws')]).status,
    2,
  );
});

test('the browser module gives the same summary and view as the native tool, and the same refusals', async () => {
  const w = workdir();
  fep(['keygen', '--out', w.path('k.jwk')]);
  const keys = fep(['jwks', w.path('k.jwk')]).stdout;
  w.write('jwks.json', keys);
  const bundle = fep(
    signArgs(w.path('k.jwk'), join(root, 'docs/examples/record.json'), { sub: 'stu-7f3a9c', seq: '1', ttl: '5' }),
  ).stdout.trim();
  w.write('bundle.jws', bundle);
  const native = (...args) =>
    JSON.parse(
      fep(['summary', '--jwks', w.path('jwks.json'), '--today', '2026-05-15', ...args, w.path('bundle.jws')]).stdout,
    );
  const core = await loadNodeCore();
  assert.equal(core.warmUp(), true); // a synthetic year through the same path; it leaves nothing behind
  assert.equal(core.warmUp(), true); // once per page
  const request = { bundle, keys, today: '2026-05-15' };
  assert.deepEqual(core.summarizeBundle(request).summary, native());
  assert.deepEqual(core.summarizeBundle({ ...request, rule: 'days_15' }).summary, native('--rule', 'days_15'));
  assert.deepEqual(core.openBundle(request).view, native('--full'));
  // Inside a course an assignment does not repeat its course; the cross-course missing list names it.
  const { view } = core.openBundle(request);
  assert.equal(view.courses[0].assignments[0].courseTitle, undefined);
  assert.ok(view.missingAssignments.every((a) => a.courseTitle && a.courseId && a.sectionId));
  assert.throws(() => core.summarizeBundle({ ...request, today: '15/05/2026' }), { code: 'malformed' });
  const [h, p, sig] = bundle.split('.');
  const tampered = `${h}.${p.slice(0, 100)}${p[100] === 'A' ? 'B' : 'A'}${p.slice(101)}.${sig}`;
  assert.throws(() => core.summarizeBundle({ ...request, bundle: tampered }), { code: 'bad_signature' });
});

test('a bundle whose record breaks the schema is refused with bad_record and its pointer', () => {
  const w = workdir();
  fep(['keygen', '--out', w.path('k.jwk')]);
  w.write('jwks.json', fep(['jwks', w.path('k.jwk')]).stdout);
  const broken = structuredClone(example);
  broken.attendanceEvents[2].descriptor = 'Absent?';
  w.write('broken.json', broken);
  w.write(
    'bundle.jws',
    fep(signArgs(w.path('k.jwk'), w.path('broken.json'), { sub: example.student.id, seq: '1', ttl: '5' })).stdout,
  );
  const result = fep(['summary', '--jwks', w.path('jwks.json'), w.path('bundle.jws')]);
  assert.equal(errorCode(result), 'bad_record');
  assert.match(result.stderr, /\/attendanceEvents\/2\/descriptor/);
});

test('a roster is never read as a record: fep summary refuses it with wrong_typ, fep verify shows it', () => {
  const w = workdir();
  const demo = makeDemoData(join(w.dir, 'demo'));
  const roster = join(demo.out, 'roster.jws');
  const jwks = join(demo.out, 'jwks.json');
  assert.equal(errorCode(fep(['summary', '--jwks', jwks, roster])), 'wrong_typ');
  const verified = fep(['verify', '--jwks', jwks, roster]);
  assert.equal(verified.status, 0, verified.stderr);
  assert.equal(JSON.parse(verified.stdout).roster.teacher.id, 't-okafor');
});

test('an archive part opens in the browser module as the native tool verifies it, and is never read as a record', async () => {
  const w = workdir();
  fep(['keygen', '--out', w.path('k.jwk')]);
  const keys = fep(['jwks', w.path('k.jwk')]).stdout;
  w.write('jwks.json', keys);
  const example = JSON.parse(readFileSync(join(root, 'docs/examples/record.json'), 'utf8'));
  const archive = { studentId: 'stu-7f3a9c', part: 1, contactRecords: example.contactRecords };
  w.write('archive.json', JSON.stringify(archive));
  const sign = (file, sub) =>
    fep(signArgs(w.path('k.jwk'), w.path(file), { sub, seq: '1', ttl: '5', extra: ['--typ', 'archive'] }));
  const signed = sign('archive.json', 'stu-7f3a9c').stdout.trim();
  w.write('archive.jws', signed);
  const verified = fep(['verify', '--jwks', w.path('jwks.json'), w.path('archive.jws')]);
  assert.equal(verified.status, 0, verified.stderr);
  assert.equal(JSON.parse(verified.stdout).archive.contactRecords.length, example.contactRecords.length);
  assert.equal(errorCode(fep(['summary', '--jwks', w.path('jwks.json'), w.path('archive.jws')])), 'wrong_typ');

  const core = await loadNodeCore();
  const opened = core.openArchive({ bundle: signed, keys });
  assert.equal(opened.sub, 'stu-7f3a9c');
  assert.equal(opened.archive.part, 1);
  assert.equal(opened.archive.timeline.length, example.contactRecords.length);
  const times = opened.archive.timeline.map((r) => r.at);
  assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
  assert.throws(() => core.openBundle({ bundle: signed, keys }), { code: 'wrong_typ' });
  // Filed under another student's sub, or a record's contact records broken: refused alike.
  assert.throws(() => core.openArchive({ bundle: sign('archive.json', 'someone-else').stdout.trim(), keys }), {
    code: 'bad_claims',
  });
  w.write('broken.json', JSON.stringify({ ...archive, contactRecords: [{ id: 'x', at: 'soon' }] }));
  const broken = sign('broken.json', 'stu-7f3a9c').stdout.trim();
  assert.throws(() => core.openArchive({ bundle: broken, keys }), { code: 'bad_record' });
  w.write('broken.jws', broken);
  assert.equal(errorCode(fep(['verify', '--jwks', w.path('jwks.json'), w.path('broken.jws')])), 'bad_record');
});
