#!/usr/bin/env node
// Writes docs/examples/demo-school/: the demo school of `npm start` as a district's Ed-Fi API would
// export it (Data Standard 5 resources as JSON Lines, and the district's descriptor mapping). The hub
// builds the school with its importer (`fep-hub serve --demo DIR`), so the demo exercises the same path
// as a real district. Four fictional students from the example year: Maya and Leo Hernández (one
// family), Kofi Mensah, Amira Haddad. Deterministic. Usage: node scripts/make-demo-school.mjs [OUT]
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { edfiResources, writeEdfi } from './edfi-from-records.mjs';
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

const out = process.argv[2] ?? join(root, 'docs/examples/demo-school');
rmSync(out, { recursive: true, force: true });
writeEdfi(out, edfiResources(demoRecords()), { jsonl: true });
console.log(out);
