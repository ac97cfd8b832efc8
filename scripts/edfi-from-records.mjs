#!/usr/bin/env node
// Writes student records (docs/record-schema.md) out as an Ed-Fi ODS/API would return them (Data
// Standard 5 resource shapes, /data/v3/ed-fi/<resource>): the test set for `fep import edfi` and the
// generator for its benchmark. Attendance descriptors and entry types are the district's own
// (uri://lincoln.k12.example/...), so the import needs the mapping file written beside them.
// Usage: node scripts/edfi-from-records.mjs OUT RECORD.json...   (writes OUT/<resource>.json and
//        OUT/descriptors.json)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DISTRICT = 'uri://lincoln.k12.example';
const edfi = (type, value) => `uri://ed-fi.org/${type}#${value}`;
const district = (type, value) => `${DISTRICT}/${type}#${value}`;
const SESSION = 'Full Year';

function splitName(name) {
  const space = name.indexOf(' ');
  return space < 0
    ? { firstName: name, lastSurname: name }
    : { firstName: name.slice(0, space), lastSurname: name.slice(space + 1) };
}

// The example year's student, whose record does not say (a district's export always does).
const EXAMPLE_DEMOGRAPHICS = {
  sex: 'Female',
  hispanicLatinoEthnicity: true,
  races: ['White'],
  englishLearner: true,
  disability: false,
  economicallyDisadvantaged: true,
  homeLanguage: 'es',
  internetAccess: true,
  deviceAccess: true,
};
// Language tags to Ed-Fi's ISO 639-2 LanguageDescriptor codes.
const ISO_639_2 = {
  en: 'eng',
  es: 'spa',
  vi: 'vie',
  zh: 'zho',
  'zh-Hans': 'zho',
  ar: 'ara',
  ht: 'hat',
  am: 'amh',
  so: 'som',
  fr: 'fra',
};

// A record's demographics as StudentEducationOrganizationAssociation members.
function demographicsOf(d) {
  return {
    sexDescriptor: edfi('SexDescriptor', d.sex),
    hispanicLatinoEthnicity: d.hispanicLatinoEthnicity,
    races: d.races.map((race) => ({ raceDescriptor: edfi('RaceDescriptor', race) })),
    limitedEnglishProficiencyDescriptor: edfi(
      'LimitedEnglishProficiencyDescriptor',
      d.englishLearner ? 'Limited' : 'NotLimited',
    ),
    studentCharacteristics: d.economicallyDisadvantaged
      ? [{ studentCharacteristicDescriptor: edfi('StudentCharacteristicDescriptor', 'Economic Disadvantaged') }]
      : [],
    disabilities: d.disability
      ? [{ disabilityDescriptor: edfi('DisabilityDescriptor', 'Specific Learning Disability') }]
      : [],
    internetAccessInResidence: d.internetAccess,
    // The importer counts a device the school or the family provides; none is "not applicable".
    primaryLearningDeviceProviderDescriptor: edfi(
      'PrimaryLearningDeviceProviderDescriptor',
      d.deviceAccess ? 'School' : 'Not Applicable',
    ),
    languages: [
      {
        languageDescriptor: edfi('LanguageDescriptor', ISO_639_2[d.homeLanguage] ?? d.homeLanguage),
        uses: [{ languageUseDescriptor: edfi('LanguageUseDescriptor', 'Home language') }],
      },
    ],
  };
}

/** Ed-Fi resources for `records` (one school year): {resource: [item, ...]} and the descriptor mapping. */
export function edfiResources(records) {
  const out = {};
  const add = (resource, item) => (out[resource] ??= []).push(item);
  const seen = new Set();
  const once = (key) => !seen.has(key) && seen.add(key);
  const mapping = {};
  const staffIds = new Map();
  const sectionRef = (record, id) => {
    const section = record.sections.find((s) => s.id === id);
    return {
      localCourseCode: section.courseId,
      schoolId: section.schoolId,
      schoolYear: record.schoolYear,
      sectionIdentifier: section.id,
      sessionName: SESSION,
    };
  };
  // Grading periods per school, as Ed-Fi keys them (Data Standard 5.0: descriptor and sequence).
  const periodRef = (record, periodId, schoolId) => {
    const index = record.gradingPeriods.findIndex((p) => p.id === periodId);
    return {
      gradingPeriodDescriptor: edfi('GradingPeriodDescriptor', record.gradingPeriods[index].name),
      periodSequence: index + 1,
      schoolId,
      schoolYear: record.schoolYear,
    };
  };
  for (const record of records) {
    const year = record.schoolYear;
    const studentUniqueId = record.student.id;
    const studentReference = { studentUniqueId };
    add('students', {
      id: `s-${studentUniqueId}`,
      studentUniqueId,
      ...splitName(record.student.displayName),
      birthDate: '2013-04-02',
    });
    for (const school of record.schools) {
      if (!once(`school ${school.id}`)) continue;
      add('schools', { schoolId: school.id, nameOfInstitution: school.name, educationOrganizationCategories: [] });
      for (const { date, event } of school.calendarDates) {
        add('calendarDates', {
          calendarReference: { calendarCode: `${school.id}-cal`, schoolId: school.id, schoolYear: year },
          date,
          calendarEvents: [{ calendarEventDescriptor: edfi('CalendarEventDescriptor', event) }],
        });
      }
      record.gradingPeriods.forEach((period, index) =>
        add('gradingPeriods', {
          gradingPeriodDescriptor: edfi('GradingPeriodDescriptor', period.name),
          periodSequence: index + 1,
          schoolReference: { schoolId: school.id },
          schoolYearTypeReference: { schoolYear: year },
          beginDate: period.beginDate,
          endDate: period.endDate,
        }),
      );
    }
    for (const section of record.sections) {
      if (!once(`section ${section.id}`)) continue;
      const course = record.courses.find((c) => c.id === section.courseId);
      if (once(`offering ${section.schoolId} ${course.id}`)) {
        add('courseOfferings', {
          localCourseCode: course.id,
          localCourseTitle: course.title,
          courseReference: { courseCode: course.code, educationOrganizationId: section.schoolId },
          schoolReference: { schoolId: section.schoolId },
          sessionReference: { schoolId: section.schoolId, schoolYear: year, sessionName: SESSION },
        });
      }
      const { localCourseCode, schoolId, schoolYear, sessionName } = sectionRef(record, section.id);
      add('sections', {
        sectionIdentifier: section.id,
        courseOfferingReference: { localCourseCode, schoolId, schoolYear, sessionName },
        classPeriods: [{ classPeriodReference: { classPeriodName: String(section.classPeriod), schoolId } }],
      });
      if (section.teacher) {
        if (!staffIds.has(section.teacher)) {
          const staffUniqueId = `stf-${staffIds.size + 1}`;
          staffIds.set(section.teacher, staffUniqueId);
          const [prefix, ...rest] = section.teacher.split(' ');
          add('staffs', { staffUniqueId, personalTitlePrefix: prefix, firstName: 'A', lastSurname: rest.join(' ') });
        }
        add('staffSectionAssociations', {
          staffReference: { staffUniqueId: staffIds.get(section.teacher) },
          sectionReference: sectionRef(record, section.id),
          classroomPositionDescriptor: edfi('ClassroomPositionDescriptor', 'Teacher of Record'),
          beginDate: record.enrollments[0].entryDate,
        });
      }
    }
    for (const e of record.enrollments) {
      const entryType = district('EntryTypeDescriptor', e.entryType.replace(/\W+/g, '-'));
      mapping[entryType] = e.entryType;
      add('studentSchoolAssociations', {
        studentReference,
        schoolReference: { schoolId: e.schoolId },
        schoolYearTypeReference: { schoolYear: year },
        entryDate: e.entryDate,
        entryGradeLevelDescriptor: edfi('GradeLevelDescriptor', record.student.gradeLevel),
        entryTypeDescriptor: entryType,
        ...(e.exitWithdrawDate
          ? {
              exitWithdrawDate: e.exitWithdrawDate,
              exitWithdrawTypeDescriptor: edfi('ExitWithdrawTypeDescriptor', e.exitWithdrawType),
            }
          : {}),
      });
    }
    for (const section of record.sections) {
      add('studentSectionAssociations', {
        studentReference,
        sectionReference: sectionRef(record, section.id),
        beginDate: record.enrollments[0].entryDate,
      });
    }
    for (const [code, category] of Object.entries(record.attendanceDescriptors ?? {})) {
      mapping[district('AttendanceEventCategoryDescriptor', code)] = category;
    }
    for (const event of record.attendanceEvents) {
      const common = {
        studentReference,
        eventDate: event.date,
        attendanceEventCategoryDescriptor: district('AttendanceEventCategoryDescriptor', event.descriptor),
        attendanceEventReason: event.reason,
        ...(event.duration !== undefined ? { eventDuration: event.duration } : {}),
      };
      if (event.sectionId)
        add('studentSectionAttendanceEvents', { ...common, sectionReference: sectionRef(record, event.sectionId) });
      else
        add('studentSchoolAttendanceEvents', {
          ...common,
          schoolReference: { schoolId: event.schoolId },
          sessionReference: { schoolId: event.schoolId, schoolYear: year, sessionName: SESSION },
        });
    }
    for (const grade of record.grades) {
      const section = sectionRef(record, grade.sectionId);
      add('grades', {
        studentSectionAssociationReference: { ...section, studentUniqueId, beginDate: record.enrollments[0].entryDate },
        gradingPeriodReference: periodRef(record, grade.gradingPeriodId, section.schoolId),
        gradeTypeDescriptor: edfi('GradeTypeDescriptor', grade.gradeType),
        ...(grade.letter ? { letterGradeEarned: grade.letter } : {}),
        ...(grade.numeric !== undefined ? { numericGradeEarned: grade.numeric } : {}),
        ...(grade.current !== undefined ? { currentGradeIndicator: grade.current } : {}),
        ...(grade.asOf ? { currentGradeAsOfDate: grade.asOf } : {}),
      });
    }
    for (const entry of record.gradebookEntries) {
      if (!once(`entry ${entry.id}`)) continue;
      const section = sectionRef(record, entry.sectionId);
      add('gradebookEntries', {
        gradebookEntryIdentifier: entry.id,
        namespace: DISTRICT,
        sectionReference: section,
        title: entry.title,
        ...(entry.type ? { gradebookEntryTypeDescriptor: edfi('GradebookEntryTypeDescriptor', entry.type) } : {}),
        ...(entry.dateAssigned ? { dateAssigned: entry.dateAssigned } : {}),
        ...(entry.dueDate ? { dueDate: entry.dueDate } : {}),
        ...(entry.maxPoints !== undefined ? { maxPoints: entry.maxPoints } : {}),
        ...(entry.gradingPeriodId
          ? { gradingPeriodReference: periodRef(record, entry.gradingPeriodId, section.schoolId) }
          : {}),
      });
    }
    for (const result of record.studentGradebookEntries) {
      add('studentGradebookEntries', {
        gradebookEntryReference: { gradebookEntryIdentifier: result.gradebookEntryId, namespace: DISTRICT },
        studentReference,
        ...(result.pointsEarned !== undefined ? { pointsEarned: result.pointsEarned } : {}),
        ...(result.letter ? { letterGradeEarned: result.letter } : {}),
        ...(result.submissionStatus
          ? { submissionStatusDescriptor: edfi('SubmissionStatusDescriptor', result.submissionStatus) }
          : {}),
        ...(result.lateStatus
          ? { assignmentLateStatusDescriptor: edfi('AssignmentLateStatusDescriptor', result.lateStatus) }
          : {}),
        ...(result.dateFulfilled ? { dateFulfilled: result.dateFulfilled } : {}),
      });
    }
    const languages = { es: 'spa', en: 'eng', ar: 'ara', vi: 'vie' };
    for (const contact of record.contacts) {
      if (once(`contact ${contact.id}`)) {
        add('contacts', {
          contactUniqueId: contact.id,
          ...splitName(contact.name),
          languages: contact.preferredLanguage
            ? [
                {
                  languageDescriptor: edfi(
                    'LanguageDescriptor',
                    languages[contact.preferredLanguage] ?? contact.preferredLanguage,
                  ),
                },
              ]
            : [],
        });
      }
      add('studentContactAssociations', {
        contactReference: { contactUniqueId: contact.id },
        studentReference,
        relationDescriptor: edfi('RelationDescriptor', contact.relation),
        primaryContactStatus: Boolean(contact.primary),
        livesWith: Boolean(contact.livesWith),
        emergencyContactStatus: Boolean(contact.emergency),
        legalGuardian: Boolean(contact.legalGuardian),
        ...(contact.priority ? { contactPriority: contact.priority } : {}),
        ...(contact.restrictions ? { contactRestrictions: contact.restrictions } : {}),
      });
    }
    add('studentEducationOrganizationAssociations', {
      educationOrganizationReference: { educationOrganizationId: record.schools[0].id },
      studentReference,
      ...demographicsOf(record.demographics ?? EXAMPLE_DEMOGRAPHICS),
    });
    // The record's own interventions, or one reading intervention for everyone.
    const interventions = record.interventions ?? [
      {
        id: 'reading-tier2',
        class: 'Instructional',
        purpose: 'Reading fluency, three times a week',
        beginDate: record.enrollments[0].entryDate,
      },
    ];
    for (const intervention of interventions) {
      if (once(`intervention ${intervention.id}`)) {
        add('interventions', {
          interventionIdentificationCode: intervention.id,
          educationOrganizationReference: { educationOrganizationId: record.schools[0].id },
          interventionClassDescriptor: edfi('InterventionClassDescriptor', intervention.class),
          deliveryMethodDescriptor: edfi('DeliveryMethodDescriptor', 'Small group'),
          purposeDescription: intervention.purpose,
          beginDate: intervention.beginDate,
          staffs: [{ staffReference: { staffUniqueId: 'stf-1' } }],
        });
      }
      add('studentInterventionAssociations', {
        interventionReference: {
          educationOrganizationId: record.schools[0].id,
          interventionIdentificationCode: intervention.id,
        },
        studentReference,
      });
    }
  }
  return { resources: out, mapping };
}

/** Writes the resources (JSON arrays, or JSON Lines with `jsonl`) and descriptors.json into `dir`. */
export function writeEdfi(dir, { resources, mapping }, { jsonl = false } = {}) {
  mkdirSync(dir, { recursive: true });
  for (const [name, items] of Object.entries(resources)) {
    if (jsonl) writeFileSync(join(dir, `${name}.jsonl`), items.map((i) => JSON.stringify(i)).join('\n') + '\n');
    else writeFileSync(join(dir, `${name}.json`), JSON.stringify(items, null, 1));
  }
  writeFileSync(join(dir, 'descriptors.json'), JSON.stringify(mapping, null, 2));
  return dir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [out, ...files] = process.argv.slice(2);
  if (!out || !files.length) {
    console.error('usage: node scripts/edfi-from-records.mjs OUT RECORD.json...');
    process.exit(2);
  }
  writeEdfi(out, edfiResources(files.map((f) => JSON.parse(readFileSync(f, 'utf8')))));
}
