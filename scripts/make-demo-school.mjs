#!/usr/bin/env node
// Writes the demo school of `npm start` as a district's Ed-Fi API would export it (Data Standard 5
// resources as JSON Lines, and the district's descriptor mapping). The hub builds the school with its
// importer (`fep-hub serve --demo DIR`), so the demo exercises the same path as a real district. Four
// fictional students from the example year, whose families sign in: Maya and Leo Hernández (one
// family), Kofi Mensah, Amira Haddad. With `--school N`, N more students of Lincoln Middle School
// (scripts/school.mjs: the example year varied with a fixed seed) in classes of 25 to 30, two of them
// Ms. Okafor's, so every breakdown of the dashboards and their priority lists mean something; only the
// four families get sign-in codes (demo.json). Deterministic.
// Usage: node scripts/make-demo-school.mjs [--school N] [OUT]   (OUT: docs/examples/demo-school)
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { edfiResources, writeEdfi } from './edfi-from-records.mjs';
import { schoolRecords } from './school.mjs';
import { root } from './serve.mjs';

const example = JSON.parse(readFileSync(join(root, 'docs/examples/record.json'), 'utf8'));

// Another child of the example's school year: its name and family, every `keep`-th absence (so the
// figures differ), no contact history.
function variant(id, displayName, gradeLevel, contacts, keep) {
  const record = structuredClone(example);
  record.student = { id, displayName, gradeLevel };
  record.contacts = contacts;
  record.contactRecords = [];
  record.attendanceEvents = example.attendanceEvents.filter((_, i) => i % keep === 0);
  return record;
}
const parent = (id, name, relation, preferredLanguage) => ({
  id,
  name,
  relation,
  primary: true,
  livesWith: true,
  legalGuardian: true,
  priority: 1,
  preferredLanguage,
});

export const demoRecords = () => [
  example,
  variant('stu-leo', 'Leo Hernández', 'Seventh grade', example.contacts, 2),
  variant('stu-kofi', 'Kofi Mensah', 'Seventh grade', [parent('c-ama', 'Ama Mensah', 'Mother', 'en')], 3),
  {
    ...variant('stu-amira', 'Amira Haddad', 'Seventh grade', [parent('c-samir', 'Samir Haddad', 'Father', 'ar')], 1),
    // An attendance intervention, so the staff dashboard has one to show.
    interventions: [
      {
        id: 'attendance-check-in',
        class: 'Attendance',
        purpose: 'Daily check-in with a mentor',
        beginDate: '2026-01-26',
      },
    ],
  },
];

const LINCOLN = 'sch-lincoln';
const TEACHERS = [
  'Mr. Diallo',
  'Ms. Petrova',
  'Mr. Yilmaz',
  'Ms. Abebe',
  'Mr. Santos',
  'Ms. Kowalski',
  'Mr. Osei',
  'Ms. Rahman',
  'Mr. Lindgren',
  'Ms. Achterberg',
  'Mr. Mbeki',
  'Ms. Sato',
  'Mr. Quispe',
  'Ms. Novak',
];
const subjectOf = (sectionId) => sectionId.replace(/^sch-[a-z]+-/, ''); // "math-7"

// A generated student's year at Lincoln alone, in class `group` (a, b, ...): each Lincoln section
// becomes the group's own (its id suffixed, its gradebook too), taught by Ms. Okafor for math in
// groups a and b and by another teacher otherwise; what the example spent at Roosevelt is spent at
// Lincoln in the section of the same subject, or left out when Lincoln has none.
function inGroup(record, group, groupIndex) {
  const lincoln = record.sections.filter((s) => s.schoolId === LINCOLN);
  const bySubject = new Map(lincoln.map((s) => [subjectOf(s.id), s]));
  const sectionOf = (id) => (bySubject.has(subjectOf(id)) ? `${bySubject.get(subjectOf(id)).id}-${group}` : null);
  const teacherOf = (section, index) =>
    subjectOf(section.id) === 'math-7' && groupIndex < 2
      ? 'Ms. Okafor'
      : TEACHERS[(index * 5 + groupIndex) % TEACHERS.length];
  // Three assignments per section: the dashboards read attendance and contacts, not grades.
  const kept = new Set();
  const perSection = new Map();
  for (const entry of record.gradebookEntries) {
    const section = sectionOf(entry.sectionId);
    if (!section || (perSection.get(section) ?? 0) >= 3) continue;
    perSection.set(section, (perSection.get(section) ?? 0) + 1);
    kept.add(entry.id);
  }
  return {
    ...record,
    schools: record.schools.filter((s) => s.id === LINCOLN),
    enrollments: [{ schoolId: LINCOLN, entryDate: record.enrollments[0].entryDate, entryType: 'Next year school' }],
    sections: lincoln.map((s, i) => ({ ...s, id: `${s.id}-${group}`, teacher: teacherOf(s, i) })),
    courses: record.courses.filter((c) => lincoln.some((s) => s.courseId === c.id)),
    grades: record.grades
      .filter((g) => sectionOf(g.sectionId))
      .map((g) => ({ ...g, sectionId: sectionOf(g.sectionId) })),
    gradebookEntries: record.gradebookEntries
      .filter((e) => kept.has(e.id))
      .map((e) => ({ ...e, id: `${e.id}-${group}`, sectionId: sectionOf(e.sectionId) })),
    studentGradebookEntries: record.studentGradebookEntries
      .filter((r) => kept.has(r.gradebookEntryId))
      .map((r) => ({ ...r, gradebookEntryId: `${r.gradebookEntryId}-${group}` })),
    attendanceEvents: record.attendanceEvents
      .filter((e) => !e.sectionId || sectionOf(e.sectionId))
      .map((e) => ({ ...e, schoolId: LINCOLN, ...(e.sectionId ? { sectionId: sectionOf(e.sectionId) } : {}) })),
    interventions: [],
  };
}

// The generated students' contact history (the school's log before the portal), which an Ed-Fi export
// does not carry: {student id: [contact record, ...]}, brought in by the hub with the demo.
const historyOf = (records) =>
  Object.fromEntries(records.filter((r) => r.contactRecords.length).map((r) => [r.student.id, r.contactRecords]));

// `count` students in classes of 25 to 30 (sizes from the seed), class a first.
function lincolnStudents(count) {
  const records = schoolRecords({ students: count, seed: 7, prefix: 'stu-lms' });
  const out = [];
  let group = 0;
  for (let start = 0; start < records.length; group++) {
    const size = 25 + ((group * 7) % 6);
    for (const record of records.slice(start, start + size))
      out.push(inGroup(record, String.fromCharCode(97 + group), group));
    start += size;
  }
  return out;
}

const schoolAt = process.argv.indexOf('--school');
const generated = schoolAt > 0 ? Number(process.argv[schoolAt + 1]) : 0;
const out =
  process.argv.slice(2).find((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--school') ??
  join(root, 'docs/examples/demo-school');
rmSync(out, { recursive: true, force: true });
const named = demoRecords();
const lincoln = lincolnStudents(generated);
writeEdfi(out, edfiResources([...named, ...lincoln]), { jsonl: true });
if (generated) writeFileSync(join(out, 'contact-history.json'), JSON.stringify(historyOf(lincoln)));
// Who signs in to the demo: the four named families (their first contacts) and the staff the hub names.
if (generated)
  writeFileSync(
    join(out, 'demo.json'),
    JSON.stringify({ families: [...new Set(named.map((r) => r.contacts[0].id))] }, null, 2),
  );
console.log(out);
