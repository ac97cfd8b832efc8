#!/usr/bin/env node
// Writes docs/examples/record.json: a realistic, entirely fictional school year for one seventh-grader
// who transfers in January. Deterministic (fixed seed), so the file and every number derived from it
// are reproducible. Usage: node scripts/make-example-record.mjs [OUT]
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './prng.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DATA_AS_OF = '2026-05-15'; // the district's export date: later days have no events yet

const random = prng(20250825);
const pick = (items) => items[Math.floor(random() * items.length)];
const iso = (d) => d.toISOString().slice(0, 10);
const day = (text) => new Date(`${text}T00:00:00Z`);
const addDays = (d, n) => new Date(d.getTime() + n * 86400000);
const at = (date, hh, mm) => `${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00Z`;

// District calendar 2025-26 (both schools follow it).
const FIRST = '2025-08-25';
const holidays = new Set([
  '2025-09-01',
  '2025-11-11',
  '2025-11-26',
  '2025-11-27',
  '2025-11-28',
  '2026-01-19',
  '2026-02-16',
  '2026-05-25',
  ...range('2025-12-22', '2026-01-02'),
  ...range('2026-03-30', '2026-04-03'),
]);
const teacherOnly = new Set(['2025-10-10', '2026-01-05', '2026-03-13']);
const weather = new Set(['2026-02-03']);
const makeUp = new Set(['2026-06-06']); // a Saturday made up for the weather day
function range(from, to) {
  const out = [];
  for (let d = day(from); d <= day(to); d = addDays(d, 1)) out.push(iso(d));
  return out;
}
function calendarDates() {
  const dates = [];
  for (const date of range(FIRST, '2026-06-06')) {
    const weekday = day(date).getUTCDay();
    let event;
    if (makeUp.has(date)) event = 'Make-up day';
    else if (weekday === 0 || weekday === 6) continue;
    else if (holidays.has(date)) event = 'Holiday';
    else if (teacherOnly.has(date)) event = 'Teacher only day';
    else if (weather.has(date)) event = 'Weather day';
    else if (date === '2025-12-19') event = 'Student late arrival/early dismissal';
    else event = 'Instructional day';
    dates.push({ date, event });
  }
  return dates;
}
const schoolDays = calendarDates()
  .filter((d) => ['Instructional day', 'Make-up day', 'Student late arrival/early dismissal'].includes(d.event))
  .map((d) => d.date);

const schools = [
  { id: 'sch-lincoln', name: 'Lincoln Middle School', periodsPerDay: 7, calendarDates: calendarDates() },
  { id: 'sch-roosevelt', name: 'Roosevelt Middle School', periodsPerDay: 7, calendarDates: calendarDates() },
];
// The family moves: last day at Lincoln Jan 14, first day at Roosevelt Jan 20 (Jan 15-16 not enrolled).
const enrollments = [
  {
    schoolId: 'sch-lincoln',
    entryDate: FIRST,
    entryType: 'Next year school',
    exitWithdrawDate: '2026-01-14',
    exitWithdrawType: 'Transferred',
  },
  { schoolId: 'sch-roosevelt', entryDate: '2026-01-20', entryType: 'Transfer from a school in the same district' },
];
const enrolledAt = (date) => (date <= '2026-01-14' ? 'sch-lincoln' : date >= '2026-01-20' ? 'sch-roosevelt' : null);

const courses = [
  ['math-7', 'MATH07', 'Mathematics 7'],
  ['ela-7', 'ELA07', 'English Language Arts 7'],
  ['sci-7', 'SCI07', 'Life Science 7'],
  ['ss-7', 'SS07', 'World History 7'],
  ['pe-7', 'PE07', 'Physical Education'],
  ['art-7', 'ART07', 'Visual Art'],
  ['music-7', 'MUS07', 'General Music'],
  ['span-1', 'SPAN1', 'Spanish I'],
].map(([id, code, title]) => ({ id, code, title }));
const teachers = {
  'sch-lincoln': [
    'Ms. Okafor',
    'Mr. Brennan',
    'Dr. Nguyen',
    'Ms. Castillo',
    'Coach Reyes',
    'Ms. Dubois',
    null,
    'Sra. Morales',
  ],
  'sch-roosevelt': [
    'Mr. Haile',
    'Ms. Lindqvist',
    'Ms. Tran',
    'Mr. Adeyemi',
    'Coach Park',
    null,
    'Mr. Silva',
    'Sra. Ortega',
  ],
};
const sections = [];
for (const school of schools) {
  let period = 1;
  courses.forEach((course, i) => {
    const teacher = teachers[school.id][i];
    if (!teacher) return; // art in the fall at Lincoln, music in the spring at Roosevelt
    sections.push({
      id: `${school.id}-${course.id}`,
      courseId: course.id,
      schoolId: school.id,
      teacher,
      classPeriod: period++,
    });
  });
}

const gradingPeriods = [
  { id: 'q1', name: 'Quarter 1', beginDate: '2025-08-25', endDate: '2025-10-24' },
  { id: 'q2', name: 'Quarter 2', beginDate: '2025-10-27', endDate: '2026-01-16' },
  { id: 'q3', name: 'Quarter 3', beginDate: '2026-01-20', endDate: '2026-03-27' },
  { id: 'q4', name: 'Quarter 4', beginDate: '2026-04-06', endDate: '2026-06-06' },
];
const periodOf = (date) =>
  gradingPeriods.find((p) => date >= p.beginDate && date <= p.endDate) ??
  gradingPeriods.find((p) => date < p.beginDate);

// Attendance: the installation's own descriptors, mapped to Ed-Fi categories by an explicit table.
const attendanceDescriptors = {
  'Absent - Medical': 'Excused Absence',
  'Absent - Family': 'Excused Absence',
  'Absent - Unverified': 'Unexcused Absence',
  OSS: 'Suspension',
  'Late Arrival': 'Tardy',
  'Left Early - Appt': 'Early departure',
  'Half Day': 'Partial',
  'Cut Class': 'Unexcused Absence',
};
const attendanceEvents = [];
const asOfDays = schoolDays.filter((d) => d <= DATA_AS_OF && enrolledAt(d));
const school = (date) => enrolledAt(date);
const absence = (date, descriptor, reason, duration) =>
  attendanceEvents.push({ schoolId: school(date), date, descriptor, reason, ...(duration ? { duration } : {}) });
// Planned: a flu week (three days running), a family trip, a suspension, half days, scattered absences.
absence('2025-09-03', 'Absent - Medical', 'Fever');
absence('2025-09-18', 'Absent - Unverified', '');
for (const date of ['2025-11-17', '2025-11-18', '2025-11-19']) absence(date, 'Absent - Medical', 'Influenza');
absence('2025-12-12', 'Absent - Family', 'Family trip');
absence('2026-01-13', 'Absent - Family', 'Moving house');
absence('2026-01-14', 'Absent - Family', 'Moving house');
absence('2026-02-24', 'OSS', 'Out-of-school suspension');
absence('2026-03-10', 'Half Day', 'Dentist', 0.5);
absence('2026-04-21', 'Half Day', 'Orthodontist', 0.5);
absence('2026-05-06', 'Absent - Unverified', '');
// The same absence reported twice (a real SIS export quirk): counted once.
absence('2026-05-06', 'Absent - Unverified', '');
const usedDates = new Set(attendanceEvents.map((e) => e.date));
for (const date of asOfDays) {
  if (usedDates.has(date)) continue;
  const roll = random();
  if (roll < 0.015)
    attendanceEvents.push({ schoolId: school(date), date, descriptor: 'Absent - Unverified', reason: '' });
  else if (roll < 0.07)
    attendanceEvents.push({
      schoolId: school(date),
      date,
      descriptor: 'Late Arrival',
      reason: pick(['Bus late', 'Overslept', '']),
    });
  else if (roll < 0.085)
    attendanceEvents.push({ schoolId: school(date), date, descriptor: 'Left Early - Appt', reason: 'Appointment' });
  else if (roll < 0.105) {
    // Period-level only: a skipped class, no school-level event that day.
    const options = sections.filter((s) => s.schoolId === school(date));
    attendanceEvents.push({
      schoolId: school(date),
      sectionId: pick(options).id,
      date,
      descriptor: 'Cut Class',
      reason: '',
    });
  }
}
attendanceEvents.sort((a, b) => a.date.localeCompare(b.date));

// Gradebook: about 40 entries per course over the weeks each section meets.
const types = [
  ['Homework', 10],
  ['Homework', 10],
  ['Assignment', 20],
  ['Quiz', 25],
  ['Classroom Assessment', 20],
  ['Unit Test', 100],
  ['Lesson', 5],
  ['Oral Presentation', 50],
];
const titles = {
  'math-7': [
    'Ratios',
    'Proportions',
    'Integers',
    'Expressions',
    'Equations',
    'Inequalities',
    'Geometry',
    'Probability',
    'Statistics',
  ],
  'ela-7': ['Short story', 'Argument essay', 'Poetry', 'Novel study', 'Vocabulary', 'Research', 'Narrative writing'],
  'sci-7': ['Cells', 'Genetics', 'Ecosystems', 'Photosynthesis', 'Human body', 'Lab report'],
  'ss-7': ['Ancient Rome', 'Silk Road', 'Medieval Europe', 'Islamic world', 'Mali Empire', 'Renaissance', 'Map skills'],
  'pe-7': ['Fitness log', 'Team sports', 'Health quiz', 'Dance unit'],
  'art-7': ['Sketchbook', 'Color theory', 'Clay project', 'Portfolio'],
  'music-7': ['Rhythm', 'Listening journal', 'Recorder', 'Composition'],
  'span-1': ['Saludos', 'La familia', 'La escuela', 'La comida', 'Verbos -ar', 'Conversación'],
};
const gradebookEntries = [];
const studentGradebookEntries = [];
let entryNumber = 0;
for (const section of sections) {
  const days = schoolDays.filter((d) => enrolledAt(d) === section.schoolId);
  const perSemester = section.courseId === 'art-7' || section.courseId === 'music-7' ? 40 : 20;
  for (let i = 0; i < perSemester; i++) {
    const assigned = days[Math.min(days.length - 1, Math.floor(((i + random() * 0.8) * days.length) / perSemester))];
    const due = iso(addDays(day(assigned), 2 + Math.floor(random() * 6)));
    const [type, maxPoints] = pick(types);
    const id = `gbe-${String(++entryNumber).padStart(4, '0')}`;
    gradebookEntries.push({
      id,
      sectionId: section.id,
      title: `${pick(titles[section.courseId])}: ${type.toLowerCase()} ${i + 1}`,
      type,
      dateAssigned: assigned,
      dueDate: due,
      maxPoints,
      gradingPeriodId: periodOf(assigned).id,
    });
    if (assigned > DATA_AS_OF) continue;
    const roll = random();
    const updatedAt = at(iso(addDays(day(due), 1 + Math.floor(random() * 4))), 15, Math.floor(random() * 60));
    if (due > DATA_AS_OF) {
      if (roll < 0.3)
        studentGradebookEntries.push({
          gradebookEntryId: id,
          submissionStatus: 'Submitted',
          lateStatus: 'Not Late',
          dateFulfilled: DATA_AS_OF,
          updatedAt: at(DATA_AS_OF, 12, 0),
        });
      continue;
    }
    if (roll < 0.045) continue; // never handed in: missing
    if (roll < 0.06) {
      studentGradebookEntries.push({ gradebookEntryId: id, submissionStatus: 'Not Submitted', updatedAt });
      continue;
    }
    if (roll < 0.075) {
      studentGradebookEntries.push({ gradebookEntryId: id, submissionStatus: 'Exempt', updatedAt });
      continue;
    }
    const late = roll > 0.92;
    const share = Math.min(1.05, 0.55 + random() * 0.5);
    studentGradebookEntries.push({
      gradebookEntryId: id,
      pointsEarned: Math.round(maxPoints * share * 2) / 2,
      submissionStatus: 'Graded',
      lateStatus: late ? 'Late' : 'Not Late',
      dateFulfilled: late ? iso(addDays(day(due), 2)) : due,
      updatedAt,
    });
  }
}

const letter = (n) =>
  n >= 93
    ? 'A'
    : n >= 90
      ? 'A-'
      : n >= 87
        ? 'B+'
        : n >= 83
          ? 'B'
          : n >= 80
            ? 'B-'
            : n >= 77
              ? 'C+'
              : n >= 73
                ? 'C'
                : n >= 70
                  ? 'C-'
                  : n >= 60
                    ? 'D'
                    : 'F';
const grades = [];
for (const section of sections) {
  const quarters = section.schoolId === 'sch-lincoln' ? ['q1', 'q2'] : ['q3'];
  for (const q of quarters) {
    const numeric = Math.round((72 + random() * 26) * 10) / 10;
    grades.push({
      sectionId: section.id,
      gradingPeriodId: q,
      gradeType: 'Grading Period',
      letter: letter(numeric),
      numeric,
      updatedAt: at(gradingPeriods.find((p) => p.id === q).endDate, 18, 0),
    });
  }
  if (section.schoolId === 'sch-roosevelt') {
    const numeric = Math.round((70 + random() * 28) * 10) / 10;
    grades.push({
      sectionId: section.id,
      gradingPeriodId: 'q4',
      gradeType: 'Progress Report',
      letter: letter(numeric),
      numeric,
      current: true,
      asOf: DATA_AS_OF,
      updatedAt: at('2026-05-14', 17, 30),
    });
  }
}
// PE at Roosevelt has no graded work yet this quarter: its current grade is withheld.
for (const g of grades) if (g.sectionId === 'sch-roosevelt-pe-7' && g.current) g.current = false;

const contacts = [
  {
    id: 'c-mother',
    name: 'Rosa Hernández',
    relation: 'Mother',
    primary: true,
    livesWith: true,
    emergency: true,
    legalGuardian: true,
    priority: 1,
    preferredLanguage: 'es',
  },
  {
    id: 'c-father',
    name: 'Daniel Hernández',
    relation: 'Father',
    livesWith: false,
    emergency: true,
    legalGuardian: true,
    priority: 2,
    preferredLanguage: 'en',
  },
  {
    id: 'c-grandmother',
    name: 'Lucía Pérez',
    relation: 'Grandmother',
    livesWith: true,
    emergency: true,
    priority: 3,
    preferredLanguage: 'es',
    restrictions: 'Pick-up only',
  },
];
const staff = [
  'Ms. Okafor',
  'Mr. Brennan',
  'Ms. Castillo',
  'Mr. Haile',
  'Ms. Lindqvist',
  'Counselor Abebe',
  'Principal Wu',
];
const templates = [
  ['absent_today', ['attendance'], { date: '' }],
  ['positive_progress', ['positive_news', 'academics'], { subject: 'Mathematics' }],
  ['please_call', ['other'], {}],
  ['missing_work', ['academics'], { count: 2 }],
  ['conference_invite', ['academics'], { date: '' }],
];
const channels = [
  'phone',
  'phone',
  'text',
  'text',
  'email',
  'app_message',
  'in_person',
  'conference',
  'home_visit',
  'video',
  'letter',
];
const outcomes = ['reached', 'reached', 'reached', 'left_message', 'no_answer', 'scheduled'];
const notes = [
  'Talked about the week; all well.',
  'Hablamos de la tarea de matemáticas.',
  'Family asked for the homework calendar.',
  'Mom will bring the doctor\u2019s note on Monday.',
  'Great effort in the science lab!',
  'La familia pidió una reunión con el consejero.',
  'Discussed the move and the new school.',
  'Asked about the bus schedule.',
  '',
];
const contactRecords = [];
for (let i = 0; i < 60; i++) {
  const date = asOfDays[Math.floor(((i + random() * 0.9) * asOfDays.length) / 60)];
  const fromFamily = random() < 0.3;
  const [templateId, topics, params] =
    random() < 0.45
      ? pick(templates)
      : [null, [pick(['attendance', 'academics', 'behaviour', 'health', 'positive_news', 'logistics'])], {}];
  const channel = i === 3 || i === 31 ? 'home_visit' : i === 15 || i === 45 ? 'conference' : pick(channels);
  const contact = pick(contacts);
  contactRecords.push({
    id: `cr-${String(i + 1).padStart(3, '0')}`,
    at: at(date, 14 + Math.floor(random() * 6), Math.floor(random() * 60)),
    direction: fromFamily ? 'family_to_school' : 'school_to_family',
    channel,
    staff: pick(staff),
    contactId: contact.id,
    language: contact.preferredLanguage,
    interpreter: contact.preferredLanguage === 'es' && random() < 0.5,
    topics,
    ...(templateId ? { templateId, params: { ...params, ...('date' in params ? { date } : {}) } } : {}),
    note: pick(notes),
    outcome: fromFamily ? 'reached' : pick(outcomes),
    ...(random() < 0.15 ? { followUpDate: iso(addDays(day(date), 7)) } : {}),
    ...(channel === 'home_visit' || channel === 'conference'
      ? { trustingRelationship: 4 + (random() < 0.5 ? 1 : 0) }
      : {}),
  });
}

export const record = {
  student: { id: 'stu-7f3a9c', displayName: 'Maya Hernández', gradeLevel: 'Seventh grade' },
  schoolYear: 2026,
  dataAsOf: DATA_AS_OF,
  schools,
  enrollments,
  attendanceDescriptors,
  attendanceEvents,
  courses,
  sections,
  gradingPeriods,
  grades,
  gradebookEntries,
  studentGradebookEntries,
  contacts,
  contactRecords,
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? `${root}/docs/examples/record.json`);
  writeFileSync(out, `${JSON.stringify(record, null, 1)}\n`);
  console.log(
    `${out}: ${schoolDays.length} school days, ${sections.length} sections, ${gradebookEntries.length} gradebook entries, ` +
      `${attendanceEvents.length} attendance events, ${contactRecords.length} contact records`,
  );
}
