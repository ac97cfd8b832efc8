// A school of any size for tests, benchmarks and the demo: the example year (docs/examples/record.json)
// once per student, each varied with a fixed seed so the figures differ and every breakdown means
// something. Each student gets a name, a family of one or two (in the home language), demographics
// drawn at rates like a US middle school's (sex, race and ethnicity, English learners, disability,
// economic disadvantage, home language, a learning device and internet at home), part of the example's
// absences (most students few, some many: chronic absence happens) and part of its contact history
// (some families never reached). Deterministic: the same seed and size give the same school, and a
// larger school begins with the smaller one's students.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './serve.mjs';
import { prng } from './prng.mjs';

// One of `choices` ([value, weight] pairs) by weight.
function weighted(random, choices) {
  let left = random() * choices.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of choices) {
    left -= weight;
    if (left < 0) return value;
  }
  return choices.at(-1)[0];
}

const FIRST = [
  'Maya',
  'Leo',
  'Amira',
  'Kofi',
  'Sofia',
  'Mateo',
  'Linh',
  'Minh',
  'Wei',
  'Mei',
  'Yonas',
  'Hana',
  'Jean',
  'Nadège',
  'Olivia',
  'Liam',
  'Ava',
  'Noah',
  'Zara',
  'Omar',
  'Aaliyah',
  'Jaylen',
  'Camila',
  'Diego',
  'Aiyana',
  'Kai',
  'Priya',
  'Arjun',
  'Fatima',
  'Yusuf',
  'Emma',
  'Lucas',
  'Chloé',
  'Samuel',
  'Grace',
  'Isaiah',
];
const LAST = [
  'Hernández',
  'Mensah',
  'Haddad',
  'Nguyen',
  'Tran',
  'Chen',
  'Li',
  'Tesfaye',
  'Bekele',
  'Pierre',
  'Joseph',
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'García',
  'Martínez',
  'López',
  'Begay',
  'Kahale',
  'Patel',
  'Khan',
  'Ali',
  'Okafor',
  'Jackson',
  'Davis',
  'Rodríguez',
  'Kim',
  'Park',
  'Wilson',
  'Ahmed',
  'Dubois',
  'Haile',
  'Lindqvist',
];
const RACES = [
  ['White', 46],
  ['Black - African American', 15],
  ['Asian', 6],
  ['American Indian - Alaska Native', 1],
  ['Native Hawaiian - Pacific Islander', 1],
];
// The home language of an English learner, and of a family who speaks another language at home.
const OTHER_LANGUAGES = [
  ['es', 70],
  ['vi', 7],
  ['zh', 6],
  ['ar', 5],
  ['ht', 4],
  ['am', 3],
  ['so', 3],
  ['fr', 2],
];

const example = () => JSON.parse(readFileSync(join(root, 'docs/examples/record.json'), 'utf8'));

/**
 * `students` records, ids `${prefix}-0001`…, as of the example year. `thinGradebook`: keep only the
 * first 24 of the example's 320 assignments (a realistic bundle for load tests; the figures here do not
 * read grades).
 */
export function schoolRecords({ students, seed = 2026, prefix = 'stu', thinGradebook = false }) {
  const year = example();
  const random = prng(seed);
  const keep = new Set(year.gradebookEntries.slice(0, thinGradebook ? 24 : undefined).map((e) => e.id));
  const base = {
    ...year,
    gradebookEntries: year.gradebookEntries.filter((e) => keep.has(e.id)),
    studentGradebookEntries: year.studentGradebookEntries.filter((e) => keep.has(e.gradebookEntryId)),
  };
  const records = [];
  for (let n = 1; n <= students; n++) {
    const id = `${prefix}-${String(n).padStart(4, '0')}`;
    const last = LAST[Math.floor(random() * LAST.length)];
    const displayName = `${FIRST[Math.floor(random() * FIRST.length)]} ${last}`;
    const hispanic = random() < 0.27;
    const twoRaces = random() < 0.04;
    const races = twoRaces ? ['White', 'Black - African American'] : [weighted(random, RACES)];
    const englishLearner = random() < 0.11;
    const otherAtHome = englishLearner || random() < 0.12;
    const homeLanguage = otherAtHome ? weighted(random, OTHER_LANGUAGES) : 'en';
    const family = [
      { id: `${id}-p1`, name: `${FIRST[Math.floor(random() * FIRST.length)]} ${last}`, relation: 'Mother' },
      ...(random() < 0.6
        ? [{ id: `${id}-p2`, name: `${FIRST[Math.floor(random() * FIRST.length)]} ${last}`, relation: 'Father' }]
        : []),
    ].map((c, i) => ({
      ...c,
      preferredLanguage: homeLanguage,
      primary: i === 0,
      livesWith: true,
      legalGuardian: true,
    }));
    // Most students miss a few of the example's days, some half, some all of them (chronically absent).
    const attends = weighted(random, [
      [0.15, 55],
      [0.5, 30],
      [1, 15],
    ]);
    // Some families are reached often, some once or twice, some never.
    const reached = weighted(random, [
      [0.5, 40],
      [0.1, 40],
      [0, 20],
    ]);
    const familyOf = Object.fromEntries(year.contacts.map((c, i) => [c.id, family[i % family.length].id]));
    records.push({
      ...base,
      student: { id, displayName, gradeLevel: 'Seventh grade' },
      contacts: family,
      attendanceEvents: year.attendanceEvents.filter(() => random() < attends),
      contactRecords: year.contactRecords
        .filter(() => random() < reached)
        .map((c) => ({ ...c, id: `${id}-${c.id}`, ...(c.contactId ? { contactId: familyOf[c.contactId] } : {}) })),
      demographics: {
        sex: weighted(random, [
          ['Female', 49],
          ['Male', 49],
          ['Not Selected', 2],
        ]),
        races,
        hispanicLatinoEthnicity: hispanic,
        englishLearner,
        disability: random() < 0.14,
        economicallyDisadvantaged: random() < 0.45,
        homeLanguage,
        deviceAccess: random() < 0.92,
        internetAccess: random() < 0.86,
      },
    });
  }
  return records;
}
