// fep import: OneRoster 1.1 (the public Grand Bend sample) and 1.2 (a generated district with every
// file), Ed-Fi Data Standard 5 (the example year written as the API returns it), and every kind of bad
// input: each reported with its file and line or pointer, keeping out only the student it concerns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { edfiResources, writeEdfi } from '../../scripts/edfi-from-records.mjs';
import { root } from '../../scripts/serve.mjs';
import { fep, signArgs, workdir } from './fep.mjs';

const grandBend = resolve(root, 'tests/data/oneroster-1.1-grand-bend');
const example = JSON.parse(readFileSync(join(root, 'docs/examples/record.json'), 'utf8'));
const validateRecord = new Ajv2020({ strict: false }).compile(
  JSON.parse(readFileSync(join(root, 'docs/record.schema.json'), 'utf8')),
);

/** Runs fep import; returns {status, report, out} (report: the parsed JSON on stdout). */
function runImport(format, dir, extra = []) {
  const out = mkdtempSync(join(tmpdir(), 'fep-import-out-'));
  const result = fep(['import', format, dir, '--out', out, ...extra]);
  let report = null;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    // a usage error prints nothing on stdout
  }
  return { status: result.status, report, out, stderr: result.stderr };
}
const written = (out) => (existsSync(join(out, 'records')) ? readdirSync(join(out, 'records')).sort() : []);
const recordOf = (out, id) => JSON.parse(readFileSync(join(out, 'records', `${id}.json`), 'utf8'));

// A OneRoster 1.2 district with every file the importer reads: roles in roles.csv, guardians linked
// by agentSourcedIds, a gradebook, and the companion calendar.csv and attendance.csv.
const csv = (rows) => rows.map((row) => row.join(',')).join('\r\n') + '\r\n';
function oneRoster12(edit = {}) {
  const files = {
    'manifest.csv': [
      ['propertyName', 'value'],
      ['manifest.version', '1.0'],
      ['oneroster.version', '1.2'],
    ],
    'orgs.csv': [
      ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'],
      ['d1', '', '', 'Lincoln USD', 'district', '', ''],
      ['s1', '', '', 'Lincoln Middle School', 'school', '', 'd1'],
    ],
    'academicSessions.csv': [
      [
        'sourcedId',
        'status',
        'dateLastModified',
        'title',
        'type',
        'startDate',
        'endDate',
        'parentSourcedId',
        'schoolYear',
      ],
      ['y2026', '', '', '2025-26', 'schoolYear', '2025-09-01', '2026-06-12', '', '2026'],
      ['t1', '', '', 'Term 1', 'gradingPeriod', '2025-09-01', '2026-01-23', 'y2026', '2026'],
      ['t2', '', '', 'Term 2', 'gradingPeriod', '2026-01-26', '2026-06-12', 'y2026', '2026'],
    ],
    'courses.csv': [
      [
        'sourcedId',
        'status',
        'dateLastModified',
        'schoolYearSourcedId',
        'title',
        'courseCode',
        'grades',
        'orgSourcedId',
      ],
      ['c-math', '', '', 'y2026', 'Mathematics 7', 'MATH7', '07', 's1'],
      ['c-sci', '', '', 'y2026', 'Life Science', 'SCI7', '07', 's1'],
    ],
    'classes.csv': [
      [
        'sourcedId',
        'status',
        'dateLastModified',
        'title',
        'grades',
        'courseSourcedId',
        'classCode',
        'classType',
        'location',
        'schoolSourcedId',
        'termSourcedIds',
        'periods',
      ],
      ['k-math', '', '', 'Math 7 - P1', '07', 'c-math', 'M7', 'scheduled', '101', 's1', '"t1,t2"', '1'],
      ['k-sci', '', '', 'Science - P2', '07', 'c-sci', 'S7', 'scheduled', '102', 's1', '"t1,t2"', '2'],
    ],
    'users.csv': [
      [
        'sourcedId',
        'status',
        'dateLastModified',
        'enabledUser',
        'username',
        'userIds',
        'givenName',
        'familyName',
        'middleName',
        'preferredFirstName',
        'identifier',
        'email',
        'sms',
        'phone',
        'agentSourcedIds',
        'grades',
        'primaryOrgSourcedId',
      ],
      ['u-ana', '', '', 'true', 'ana', '', 'Ana', 'Reyes', '', '', '', '', '', '', 'g-rosa', '07', 's1'],
      ['u-ben', '', '', 'true', 'ben', '', 'Benjamin', 'Okoro', '', 'Ben', '', '', '', '', '', '07', 's1'],
      ['u-cai', '', '', 'true', 'cai', '', 'Cai', 'Lin', '', '', '', '', '', '', 'g-mei', '07', 's1'],
      ['g-rosa', '', '', 'true', 'rosa', '', 'Rosa', 'Reyes', '', '', '', '', '', '', 'u-ana', '', 's1'],
      ['g-mei', '', '', 'true', 'mei', '', 'Mei', 'Lin', '', '', '', '', '', '', '', '', 's1'],
      ['t-okafor', '', '', 'true', 'okafor', '', 'Grace', 'Okafor', '', '', '', '', '', '', '', '', 's1'],
      ['t-haile', '', '', 'true', 'haile', '', 'Samuel', 'Haile', '', '', '', '', '', '', '', '', 's1'],
      ['x-gone', 'tobedeleted', '', 'true', 'gone', '', 'Gone', 'Away', '', '', '', '', '', '', '', '07', 's1'],
    ],
    'roles.csv': [
      [
        'sourcedId',
        'status',
        'dateLastModified',
        'userSourcedId',
        'roleType',
        'role',
        'beginDate',
        'endDate',
        'orgSourcedId',
        'userProfileSourcedId',
      ],
      ['r1', '', '', 'u-ana', 'primary', 'student', '', '', 's1', ''],
      ['r2', '', '', 'u-ben', 'primary', 'student', '', '', 's1', ''],
      ['r3', '', '', 'u-cai', 'primary', 'student', '', '', 's1', ''],
      ['r4', '', '', 'g-rosa', 'primary', 'parent', '', '', 's1', ''],
      ['r5', '', '', 'g-mei', 'primary', 'guardian', '', '', 's1', ''],
      ['r6', '', '', 't-okafor', 'primary', 'teacher', '', '', 's1', ''],
      ['r7', '', '', 't-haile', 'primary', 'teacher', '', '', 's1', ''],
    ],
    'enrollments.csv': [
      [
        'sourcedId',
        'status',
        'dateLastModified',
        'classSourcedId',
        'schoolSourcedId',
        'userSourcedId',
        'role',
        'primary',
        'beginDate',
        'endDate',
      ],
      ['e1', '', '', 'k-math', 's1', 'u-ana', 'student', '', '2025-09-01', ''],
      ['e2', '', '', 'k-sci', 's1', 'u-ana', 'student', '', '2025-09-01', ''],
      ['e3', '', '', 'k-math', 's1', 'u-ben', 'student', '', '2025-09-01', ''],
      ['e4', '', '', 'k-sci', 's1', 'u-cai', 'student', '', '2025-09-01', ''],
      ['e5', '', '', 'k-math', 's1', 't-okafor', 'teacher', 'true', '', ''],
      ['e6', '', '', 'k-sci', 's1', 't-haile', 'teacher', 'true', '', ''],
    ],
    'demographics.csv': [
      [
        'sourcedId',
        'status',
        'dateLastModified',
        'birthDate',
        'sex',
        'americanIndianOrAlaskaNative',
        'asian',
        'blackOrAfricanAmerican',
        'nativeHawaiianOrOtherPacificIslander',
        'white',
        'demographicRaceTwoOrMoreRaces',
        'hispanicOrLatinoEthnicity',
      ],
      ['u-ana', '', '', '2013-02-01', 'female', 'false', 'false', 'false', 'false', 'true', 'false', 'true'],
    ],
    'categories.csv': [
      ['sourcedId', 'status', 'dateLastModified', 'title'],
      ['cat-hw', '', '', 'Homework'],
    ],
    'lineItems.csv': [
      [
        'sourcedId',
        'status',
        'dateLastModified',
        'title',
        'description',
        'assignDate',
        'dueDate',
        'classSourcedId',
        'categorySourcedId',
        'gradingPeriodSourcedId',
        'resultValueMin',
        'resultValueMax',
      ],
      ['li-1', '', '', '"Fractions, part 1"', '', '2025-09-08', '2025-09-12', 'k-math', 'cat-hw', 't1', '0', '10'],
      ['li-2', '', '', 'Cells', '', '2025-09-08', '2025-09-19', 'k-sci', 'cat-hw', 't1', '0', '20'],
    ],
    'results.csv': [
      [
        'sourcedId',
        'status',
        'dateLastModified',
        'lineItemSourcedId',
        'studentSourcedId',
        'scoreStatus',
        'score',
        'scoreDate',
        'comment',
      ],
      ['res-1', '', '', 'li-1', 'u-ana', 'fully graded', '9', '2025-09-13', ''],
      ['res-2', '', '', 'li-2', 'u-ana', 'not submitted', '', '', ''],
    ],
    'calendar.csv': [
      ['schoolSourcedId', 'date', 'event'],
      ...['2025-09-01', '2025-09-02', '2025-09-03', '2025-09-04', '2025-09-05'].map((d) => [
        's1',
        d,
        d === '2025-09-01' ? 'Holiday' : 'Instructional day',
      ]),
    ],
    'attendance.csv': [
      ['studentSourcedId', 'schoolSourcedId', 'classSourcedId', 'date', 'category', 'duration', 'reason'],
      ['u-ana', 's1', '', '2025-09-02', 'Excused Absence', '', '"Dentist, then home\nwith a note"'],
      ['u-ana', 's1', '', '2025-09-03', 'Tardy', '', 'Bus'],
      ['u-ben', 's1', '', '2025-09-04', 'Unexcused Absence', '0.5', ''],
    ],
    ...edit,
  };
  const dir = mkdtempSync(join(tmpdir(), 'fep-oneroster-'));
  for (const [name, rows] of Object.entries(files)) {
    if (rows === null) continue;
    // users.csv starts with a byte order mark, as spreadsheet exports do.
    writeFileSync(
      join(dir, name),
      (name === 'users.csv' ? '\ufeff' : '') + (typeof rows === 'string' ? rows : csv(rows)),
    );
  }
  return dir;
}

test('the OneRoster 1.1 Grand Bend sample imports cleanly: a record per student, a roster per teacher', () => {
  const { status, report, out } = runImport('oneroster', grandBend);
  assert.equal(status, 0, JSON.stringify(report));
  assert.equal(report.students, 8);
  assert.equal(report.written, 8);
  assert.deepEqual(report.errors, []);
  // The one warning: OneRoster has no calendar, and this sample has no companion file.
  assert.deepEqual(
    report.warnings.map((w) => w.file),
    ['calendar.csv'],
  );
  assert.equal(written(out).length, 8);
  const mary = recordOf(out, '604863');
  assert.deepEqual(mary.student, { id: '604863', displayName: 'Mary Archer', gradeLevel: 'Ninth grade' });
  assert.equal(mary.schoolYear, 2021);
  assert.deepEqual(mary.demographics, { sex: 'Female', races: ['Asian'], hispanicLatinoEthnicity: true });
  const staff = JSON.parse(readFileSync(join(out, 'staff.json'), 'utf8'));
  assert.equal(staff.length, 2);
  assert.ok(staff.every((s) => s.role === 'teacher' && s.students.length > 0));
  const roster = JSON.parse(readFileSync(join(out, 'rosters', `${staff[0].id}.json`), 'utf8'));
  assert.equal(roster.teacher.id, staff[0].id);
  assert.equal(roster.students.length, staff[0].students.length);
});

test('OneRoster 1.2 with every file: guardians, gradebook, demographics, calendar and attendance', () => {
  const { status, report, out } = runImport('oneroster', oneRoster12());
  assert.equal(status, 0, JSON.stringify(report));
  assert.deepEqual(report.warnings, []);
  assert.deepEqual(written(out), ['u-ana.json', 'u-ben.json', 'u-cai.json']); // the tobedeleted user is not there
  const ana = recordOf(out, 'u-ana');
  assert.deepEqual(ana.contacts, [
    { id: 'g-rosa', name: 'Rosa Reyes', relation: 'Parent', primary: true, priority: 1 },
  ]);
  assert.deepEqual(recordOf(out, 'u-cai').contacts[0].relation, 'Guardian'); // linked from the student's side
  assert.equal(recordOf(out, 'u-ben').student.displayName, 'Ben Okoro'); // preferredFirstName
  assert.deepEqual(
    ana.gradebookEntries.map((e) => [e.title, e.type, e.maxPoints, e.gradingPeriodId]),
    [
      ['Fractions, part 1', 'Homework', 10, 't1'],
      ['Cells', 'Homework', 20, 't1'],
    ],
  );
  assert.deepEqual(
    ana.studentGradebookEntries.map((r) => r.submissionStatus),
    ['Graded', 'Not Submitted'],
  );
  assert.equal(ana.attendanceEvents[0].reason, 'Dentist, then home\nwith a note');
  assert.equal(ana.sections.find((s) => s.id === 'k-math').teacher, 'Grace Okafor');
  assert.equal(ana.schools[0].calendarDates[0].event, 'Holiday');
  // Signed and summarised as a family would see it: the school days and the absences add up.
  const dir = workdir();
  fep(['keygen', '--out', dir.path('k.jwk')]);
  writeFileSync(dir.path('jwks.json'), fep(['jwks', dir.path('k.jwk')]).stdout);
  const signed = fep(signArgs(dir.path('k.jwk'), join(out, 'records/u-ana.json'), { sub: 'u-ana', seq: 1, ttl: 30 }));
  assert.equal(signed.status, 0, signed.stderr);
  writeFileSync(dir.path('b.jws'), signed.stdout);
  const summary = JSON.parse(
    fep(['summary', '--jwks', dir.path('jwks.json'), '--today', '2025-09-05', dir.path('b.jws')]).stdout,
  );
  assert.equal(summary.attendance.daysEnrolled, 4); // Sept 2-5; Sept 1 was a holiday
  assert.equal(summary.attendance.daysAbsent, 1);
});

test('bad input: each problem named with its file and line, only the student it concerns kept out', () => {
  const cases = [
    {
      name: 'a missing file stops the import, nothing is written',
      edit: { 'users.csv': null },
      check: ({ report, out }) => {
        assert.equal(report.errors[0].file, 'users.csv');
        assert.match(report.errors[0].message, /cannot be read/);
        assert.deepEqual(written(out), []);
      },
    },
    {
      name: 'a wrong header names the missing column',
      edit: { 'classes.csv': 'sourcedId,title,schoolSourcedId\r\nk-math,Math,s1\r\n' },
      check: ({ report }) =>
        assert.match(report.errors[0].message, /classes\.csv:1: the header has no column "courseSourcedId"/),
    },
    {
      name: 'a broken reference keeps out that student only',
      edit: {
        'enrollments.csv': [
          [
            'sourcedId',
            'classSourcedId',
            'schoolSourcedId',
            'userSourcedId',
            'role',
            'primary',
            'beginDate',
            'endDate',
          ],
          ['e1', 'k-math', 's1', 'u-ana', 'student', '', '2025-09-01', ''],
          ['e2', 'k-nowhere', 's1', 'u-ben', 'student', '', '2025-09-01', ''],
          ['e3', 'k-sci', 's1', 'u-cai', 'student', '', '2025-09-01', ''],
        ],
      },
      check: ({ report, out }) => {
        assert.deepEqual(report.errors, [
          {
            file: 'enrollments.csv',
            line: 3,
            field: 'classSourcedId',
            student: 'u-ben',
            message: 'unknown class k-nowhere',
          },
        ]);
        assert.deepEqual(written(out), ['u-ana.json', 'u-cai.json']);
      },
    },
    {
      name: 'a date that is not a date',
      edit: {
        'attendance.csv': [
          ['studentSourcedId', 'schoolSourcedId', 'date', 'category'],
          ['u-cai', 's1', '2025-09-31', 'Excused Absence'],
        ],
      },
      check: ({ report, out }) => {
        assert.deepEqual(report.errors[0], {
          file: 'attendance.csv',
          line: 2,
          field: 'date',
          message: '"2025-09-31" is not a date (YYYY-MM-DD)',
        });
        assert.deepEqual(written(out), ['u-ana.json', 'u-ben.json']);
      },
    },
    {
      name: 'an attendance category no table knows is never guessed',
      edit: {
        'attendance.csv': [
          ['studentSourcedId', 'schoolSourcedId', 'date', 'category'],
          ['u-ben', 's1', '2025-09-02', 'Excused Absence (doctor)'],
        ],
      },
      check: ({ report, out }) => {
        assert.equal(report.errors[0].student, 'u-ben');
        assert.match(report.errors[0].message, /is not an Ed-Fi attendance category/);
        assert.ok(!written(out).includes('u-ben.json'));
      },
    },
    {
      name: 'a duplicate id keeps out both rows',
      edit: {
        'users.csv': csv([
          ['sourcedId', 'givenName', 'familyName', 'role', 'agentSourcedIds', 'grades'],
          ['u-ana', 'Ana', 'Reyes', 'student', '', '07'],
          ['u-ben', 'Ben', 'Okoro', 'student', '', '07'],
          ['u-ben', 'Benjamin', 'Other', 'student', '', '07'],
        ]),
        'roles.csv': null,
      },
      check: ({ report, out }) => {
        assert.deepEqual(report.errors[0], {
          file: 'users.csv',
          line: 4,
          field: 'sourcedId',
          student: 'u-ben',
          message: 'sourcedId u-ben is used twice',
        });
        assert.ok(!written(out).includes('u-ben.json'));
        assert.ok(written(out).includes('u-ana.json'));
      },
    },
    {
      name: 'broken CSV quoting names its line',
      edit: { 'courses.csv': 'sourcedId,title\r\nc-math,Math "7"\r\n' },
      check: ({ report }) => assert.match(report.errors[0].message, /courses\.csv:2: a quote inside a field/),
    },
  ];
  for (const { name, edit, check } of cases) {
    const result = runImport('oneroster', oneRoster12(edit));
    assert.equal(result.status, 1, `${name}: ${JSON.stringify(result.report)}`);
    check(result);
  }
});

test('usage errors exit 2', () => {
  assert.equal(runImport('csv', grandBend).status, 2);
  assert.equal(fep(['import', 'oneroster', grandBend]).status, 2);
});

test('Ed-Fi DS5 resources (JSON arrays or JSON Lines) import to the same year the district exported', () => {
  const dir = workdir();
  fep(['keygen', '--out', dir.path('k.jwk')]);
  writeFileSync(dir.path('jwks.json'), fep(['jwks', dir.path('k.jwk')]).stdout);
  const summaryOf = (file) => {
    const signed = fep(signArgs(dir.path('k.jwk'), file, { sub: example.student.id, seq: 1, ttl: 30 }));
    writeFileSync(dir.path('b.jws'), signed.stdout);
    const summary = JSON.parse(
      fep(['summary', '--jwks', dir.path('jwks.json'), '--today', '2026-05-15', dir.path('b.jws')]).stdout,
    );
    delete summary.lastContact; // contact history is ours, not the SIS's
    return summary;
  };
  const expected = summaryOf(join(root, 'docs/examples/record.json'));
  for (const jsonl of [false, true]) {
    const source = writeEdfi(mkdtempSync(join(tmpdir(), 'fep-edfi-')), edfiResources([example]), { jsonl });
    const { status, report, out } = runImport('edfi', source, ['--descriptors', join(source, 'descriptors.json')]);
    assert.equal(status, 0, JSON.stringify(report));
    assert.deepEqual(report.warnings, []);
    const record = recordOf(out, example.student.id);
    assert.equal(record.attendanceEvents.length, example.attendanceEvents.length);
    assert.deepEqual(record.demographics, {
      sex: 'Female',
      hispanicLatinoEthnicity: true,
      races: ['White'],
      englishLearner: true,
      disability: false,
      economicallyDisadvantaged: true,
      homeLanguage: 'es',
      internetAccess: true,
      deviceAccess: true,
    });
    assert.equal(record.interventions[0].purpose, 'Reading fluency, three times a week');
    assert.ok(validateRecord(record), JSON.stringify(validateRecord.errors)); // docs/record.schema.json agrees
    assert.equal(record.contacts[0].preferredLanguage, 'es');
    assert.deepEqual(summaryOf(join(out, 'records', `${example.student.id}.json`)), expected, `jsonl: ${jsonl}`);
  }
});

test("Ed-Fi without the district's descriptor mapping: its attendance codes are reported, never guessed", () => {
  const source = writeEdfi(mkdtempSync(join(tmpdir(), 'fep-edfi-')), edfiResources([example]));
  const { status, report, out } = runImport('edfi', source);
  assert.equal(status, 1);
  const attendance = report.errors.filter((e) => e.field === 'attendanceEventCategoryDescriptor');
  assert.ok(attendance.length > 0);
  assert.match(attendance[0].message, /uri:\/\/lincoln\.k12\.example\/AttendanceEventCategoryDescriptor#/);
  assert.match(attendance[0].pointer, /^\/\d+$/);
  // Display-only descriptors (the entry type) are warnings, once per URI.
  assert.ok(report.warnings.some((w) => /EntryTypeDescriptor#Next-year-school/.test(w.message)));
  assert.deepEqual(written(out), []);
  // A broken resource file is named; a missing required one too.
  writeFileSync(join(source, 'students.json'), '{"not": "an array"}');
  assert.match(runImport('edfi', source).report.errors[0].message, /expected a JSON array/);
  rmSync(join(source, 'students.json'));
  assert.deepEqual(runImport('edfi', source).report.errors[0].file, 'students.json');
});

test('OneRoster 1.2 terms without a schoolYear session: the year from the sessions; a delta export refused by name', () => {
  const header = [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'type',
    'startDate',
    'endDate',
    'parentSourcedId',
  ];
  const terms = [
    [...header, 'schoolYear'],
    ['t1', '', '', 'Fall', 'term', '2025-09-01', '2026-01-23', '', '2026'],
    ['t2', '', '', 'Spring', 'term', '2026-01-26', '2026-06-12', '', '2026'],
  ];
  const { status, report, out } = runImport('oneroster', oneRoster12({ 'academicSessions.csv': terms }));
  assert.equal(status, 0, JSON.stringify(report));
  const ana = recordOf(out, 'u-ana');
  assert.equal(ana.schoolYear, 2026);
  assert.deepEqual(
    ana.gradingPeriods.map((p) => [p.name, p.beginDate, p.endDate]),
    [
      ['Fall', '2025-09-01', '2026-01-23'],
      ['Spring', '2026-01-26', '2026-06-12'],
    ],
  );
  // No year anywhere: refused, and the message says where a year would be.
  const noYear = runImport(
    'oneroster',
    oneRoster12({ 'academicSessions.csv': terms.map((row, i) => (i ? [...row.slice(0, -1), ''] : row)) }),
  );
  assert.equal(noYear.status, 1);
  assert.match(noYear.report.errors[0].message, /no session names its schoolYear/);

  const manifest = [
    ['propertyName', 'value'],
    ['oneroster.version', '1.2'],
    ['file.users', 'delta'],
  ];
  const delta = runImport('oneroster', oneRoster12({ 'manifest.csv': manifest }));
  assert.equal(delta.status, 1);
  assert.deepEqual(written(delta.out), []);
  assert.match(delta.report.errors[0].message, /this is a delta export \(file\.users = delta\): export the full year/);
});

test('Ed-Fi DS5 results without studentSectionAssociations keep their grades: the sections come from the entries, said once', () => {
  const source = writeEdfi(mkdtempSync(join(tmpdir(), 'fep-edfi-')), edfiResources([example]), { jsonl: true });
  rmSync(join(source, 'studentSectionAssociations.jsonl'));
  const { status, report, out } = runImport('edfi', source, ['--descriptors', join(source, 'descriptors.json')]);
  assert.equal(status, 0, JSON.stringify(report));
  const record = recordOf(out, example.student.id);
  assert.equal(record.studentGradebookEntries.length, example.studentGradebookEntries.length);
  const inferred = report.warnings.filter((w) => /taken from the gradebook entries/.test(w.message));
  assert.equal(inferred.length, 1, JSON.stringify(report.warnings.slice(0, 3)));
});
