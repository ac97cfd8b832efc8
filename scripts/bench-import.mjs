#!/usr/bin/env node
// `npm run bench:import`: generates a district as its Ed-Fi API would export it (JSON Lines), 10,000
// students in 20 schools with a full year of daily attendance (an event for every school day, about
// 1.7 million), and times `fep import edfi` on it: students per second and peak memory (GNU time's
// maximum resident set size). Prints a Markdown section for docs/benchmarks.md.
// Usage: node scripts/bench-import.mjs [--students N]
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { root } from './serve.mjs';

const argIndex = process.argv.indexOf('--students');
const STUDENTS = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 10000;
const SCHOOLS = 20;
const YEAR = 2026;
const edfi = (type, value) => `uri://ed-fi.org/${type}#${value}`;

// A small deterministic PRNG (mulberry32), so every run imports the same district.
let seed = 20260301;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

function schoolDays() {
  const days = [];
  for (
    let d = new Date(Date.UTC(YEAR - 1, 7, 25));
    d <= new Date(Date.UTC(YEAR, 5, 5));
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const weekday = d.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    days.push(d.toISOString().slice(0, 10));
  }
  // Holidays: about 25 weekdays off, so about 170 school days.
  return days.filter((_, i) => i % 8 !== 3);
}

async function generate(dir) {
  const days = schoolDays();
  const files = {};
  const out = (name) => (files[name] ??= createWriteStream(join(dir, `${name}.jsonl`)));
  const write = async (name, item) => {
    if (!out(name).write(`${JSON.stringify(item)}\n`)) await once(out(name), 'drain');
  };
  const allDays = new Set(days);
  for (let s = 0; s < SCHOOLS; s++) {
    const schoolId = 255901000 + s;
    await write('schools', { schoolId, nameOfInstitution: `School ${s + 1}` });
    for (const date of allDays) {
      await write('calendarDates', {
        calendarReference: { calendarCode: 'main', schoolId, schoolYear: YEAR },
        date,
        calendarEvents: [{ calendarEventDescriptor: edfi('CalendarEventDescriptor', 'Instructional day') }],
      });
    }
    for (let c = 0; c < 6; c++) {
      const sessionName = 'Full Year';
      await write('courseOfferings', {
        localCourseCode: `C${c}`,
        localCourseTitle: `Course ${c}`,
        courseReference: { courseCode: `C${c}`, educationOrganizationId: schoolId },
        schoolReference: { schoolId },
        sessionReference: { schoolId, schoolYear: YEAR, sessionName },
      });
      await write('sections', {
        sectionIdentifier: `S${c}`,
        courseOfferingReference: { localCourseCode: `C${c}`, schoolId, schoolYear: YEAR, sessionName },
        classPeriods: [{ classPeriodReference: { classPeriodName: `${c + 1}`, schoolId } }],
      });
    }
  }
  let events = 0;
  for (let i = 0; i < STUDENTS; i++) {
    const schoolId = 255901000 + (i % SCHOOLS);
    const studentUniqueId = `${600000 + i}`;
    const studentReference = { studentUniqueId };
    await write('students', { studentUniqueId, firstName: `Student${i}`, lastSurname: 'Example' });
    await write('studentSchoolAssociations', {
      studentReference,
      schoolReference: { schoolId },
      schoolYearTypeReference: { schoolYear: YEAR },
      entryDate: days[0],
      entryGradeLevelDescriptor: edfi('GradeLevelDescriptor', 'Seventh grade'),
    });
    for (let c = 0; c < 6; c++) {
      await write('studentSectionAssociations', {
        studentReference,
        sectionReference: {
          localCourseCode: `C${c}`,
          schoolId,
          schoolYear: YEAR,
          sectionIdentifier: `S${c}`,
          sessionName: 'Full Year',
        },
        beginDate: days[0],
      });
    }
    for (const date of days) {
      const roll = random();
      const category =
        roll < 0.05 ? 'Excused Absence' : roll < 0.08 ? 'Unexcused Absence' : roll < 0.12 ? 'Tardy' : 'In Attendance';
      await write('studentSchoolAttendanceEvents', {
        studentReference,
        schoolReference: { schoolId },
        sessionReference: { schoolId, schoolYear: YEAR, sessionName: 'Full Year' },
        eventDate: date,
        attendanceEventCategoryDescriptor: edfi('AttendanceEventCategoryDescriptor', category),
      });
      events++;
    }
  }
  await Promise.all(Object.values(files).map((stream) => new Promise((done) => stream.end(done))));
  return events;
}

// FEP_BENCH_DISTRICT keeps the generated district there (for profiling the importer on it).
const dir = process.env.FEP_BENCH_DISTRICT ?? mkdtempSync(join(tmpdir(), 'fep-bench-district-'));
mkdirSync(dir, { recursive: true });
const out = mkdtempSync(join(tmpdir(), 'fep-bench-out-'));
const started = Date.now();
const events = await generate(dir);
const generated = (Date.now() - started) / 1000;
const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
const run = spawnSync(
  '/usr/bin/time',
  ['-f', '%e %M', join(root, 'build/native/cli/fep'), 'import', 'edfi', dir, '--out', out],
  {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  },
);
const [seconds, kilobytes] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
const report = JSON.parse(run.stdout);
if (!process.env.FEP_BENCH_DISTRICT) rmSync(dir, { recursive: true, force: true });
rmSync(out, { recursive: true, force: true });
const section = `## Import (\`npm run bench:import\`)

A generated Ed-Fi district (JSON Lines, ${(bytes / 1e6).toFixed(0)} MB): ${STUDENTS.toLocaleString('en')} students in
${SCHOOLS} schools, ${events.toLocaleString('en')} daily attendance events, imported with
\`fep import edfi\` (exit ${run.status}, ${report.written.toLocaleString('en')} records written, ${report.errors.length} errors).

| students | events | seconds | students per second | peak memory |
|---|---|---|---|---|
| ${STUDENTS.toLocaleString('en')} | ${events.toLocaleString('en')} | ${seconds.toFixed(1)} | ${Math.round(STUDENTS / seconds).toLocaleString('en')} | ${(kilobytes / 1024).toFixed(0)} MB |

Generating the district took ${generated.toFixed(0)} s (not counted).
`;
console.log(section);
writeFileSync(join(root, 'build/bench-import.md'), section);
