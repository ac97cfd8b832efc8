// The student record (schema version 1, docs/record-schema.md): Ed-Fi Data Standard 5 concepts with
// their Ed-Fi names, as plain structs. Every date is a date::sys_days, parsed once at the edge.
#pragma once

#include <date/date.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/contact/vocabulary.h"
#include "core/json/document.h"
#include "core/json/json.h"
#include "core/result.h"

namespace fep::record {

using Day = date::sys_days;

// Ed-Fi AttendanceEventCategoryDescriptor values, plus suspension (Ed-Fi records it as a discipline
// action; families and Attendance Works count it as a day missed).
enum class AttendanceCategory : std::uint8_t {
  in_attendance,
  excused_absence,
  unexcused_absence,
  suspension,
  tardy,
  early_departure,
  partial
};

// Ed-Fi CalendarEventDescriptor values.
enum class CalendarEvent : std::uint8_t {
  instructional_day,
  make_up_day,
  holiday,
  teacher_only_day,
  weather_day,
  emergency_day,
  strike,
  student_late_arrival_early_dismissal,
  non_instructional_day,
  other
};

enum class SubmissionStatus : std::uint8_t { none, exempt, graded, not_submitted, returned, submitted };

struct Student {
  std::string id, display_name, grade_level;
};

// A school's per-pupil expenditure as its ESSA report card gives it (schema version 2, optional): federal
// and state/local funds per pupil, for the school and for its district, in US dollars.
struct PerPupilExpenditure {
  int report_year = 0;  // the school year reported, by its ending year; 0 when not given
  std::optional<double> federal, state_local, district_federal, district_state_local;
};

struct School {
  std::string id, name;
  std::optional<PerPupilExpenditure> per_pupil_expenditure;
  int periods_per_day = 0;                // 0: the number of the student's sections in this school
  std::map<Day, CalendarEvent> calendar;  // CalendarDate -> its event
  bool is_school_day(Day day) const;      // instructional, make-up or late arrival/early dismissal
};

// StudentSchoolAssociation. exit_withdraw_date is the last day enrolled (inclusive).
struct Enrollment {
  std::string school_id, entry_type, exit_withdraw_type;
  Day entry_date;
  std::optional<Day> exit_withdraw_date;
};

// StudentSchoolAttendanceEvent (section_id empty) or StudentSectionAttendanceEvent.
struct AttendanceEvent {
  std::string school_id, section_id, descriptor, reason;
  Day date;
  AttendanceCategory category = AttendanceCategory::in_attendance;
  int duration_millidays = 1000;  // EventDuration in thousandths of a day (exact arithmetic)
};

struct Course {
  std::string id, code, title;
};

struct Section {
  std::string id, course_id, school_id, teacher;
  int class_period = 0;
};

struct GradingPeriod {
  std::string id, name;
  Day begin_date, end_date;
};

struct Grade {
  std::string section_id, grading_period_id, grade_type, letter;
  std::optional<double> numeric;
  bool current = false;  // CurrentGradeIndicator
  std::optional<Day> as_of;
  std::optional<date::sys_seconds> updated_at;
};

struct GradebookEntry {
  std::string id, section_id, title, type, grading_period_id;
  std::optional<Day> date_assigned, due_date;
  std::optional<double> max_points;
};

struct StudentGradebookEntry {
  std::string gradebook_entry_id, letter;
  std::optional<double> points_earned, numeric;
  SubmissionStatus submission_status = SubmissionStatus::none;
  bool late = false;  // AssignmentLateStatus "Late"
  std::optional<Day> date_fulfilled;
  std::optional<date::sys_seconds> updated_at;
};

// Contact and StudentContactAssociation.
struct Contact {
  std::string id, name, relation, preferred_language, restrictions;
  bool primary = false, lives_with = false, emergency = false, legal_guardian = false;
  int priority = 0;
};

// A family contact record (our extension; docs/record-schema.md).
struct ContactRecord {
  std::string id, staff, contact_id, language, template_id, note;
  contact::Direction direction = contact::Direction::school_to_family;
  contact::Channel channel = contact::Channel::phone;
  std::optional<contact::Outcome> outcome;
  std::vector<contact::Topic> topics;
  json::Json template_params;
  date::sys_seconds at;
  std::optional<date::sys_seconds> received_at;  // set by the school's hub, never by a device
  bool interpreter = false;
  std::optional<Day> follow_up;
  std::optional<int> trusting_relationship;  // 1..5
};

// What dashboards count and a family's view never shows (schema version 2): Ed-Fi
// StudentEducationOrganizationAssociation. Absent members are unknown, not false.
struct Demographics {
  std::string sex, home_language;
  std::vector<std::string> races;
  std::optional<bool> hispanic_latino_ethnicity, english_learner, disability, economically_disadvantaged;
  std::optional<bool> device_access, internet_access;  // a learning device, internet at home
};

// Ed-Fi Intervention and StudentInterventionAssociation (schema version 2).
struct Intervention {
  std::string id, intervention_class, purpose;
  Day begin_date;
  std::optional<Day> end_date;
  std::vector<std::string> staff;
};

// Older contact records moved out of a student's record into a signed archive of their own
// (fep-archive+jwt, docs/bundle-format.md) so the record a family downloads stays small however long
// the log grows. The record lists each part it no longer holds; the archive is fetched when opened.
struct ArchivePart {
  int part = 0;                // 1, 2, ...: oldest first
  int records = 0;             // the contact records it holds
  date::sys_seconds from, to;  // the earliest and latest `at` among them
};

struct Record {
  Student student;
  int school_year = 0;
  std::vector<School> schools;
  std::vector<Enrollment> enrollments;
  std::vector<AttendanceEvent> attendance_events;
  std::vector<Course> courses;
  std::vector<Section> sections;
  std::vector<GradingPeriod> grading_periods;
  std::vector<Grade> grades;
  std::vector<GradebookEntry> gradebook_entries;
  std::vector<StudentGradebookEntry> results;
  std::vector<Contact> contacts;
  std::vector<ContactRecord> contact_records;
  std::vector<ArchivePart> contact_archive;
  std::optional<Demographics> demographics;
  std::vector<Intervention> interventions;

  const School* school(const std::string& id) const;
  const Section* section(const std::string& id) const;
  const Course* course(const std::string& id) const;
};

// A teacher's roster (the `roster` claim of a fep-roster+jwt bundle): the students a teacher may log
// contacts for, each with the family contacts the school holds.
struct RosterStudent {
  std::string id, display_name, grade_level;  // id: the pseudonymous student id (a record bundle's sub)
  std::vector<Contact> contacts;
};

struct Roster {
  std::string teacher_id, teacher_name;
  int school_year = 0;
  std::vector<RosterStudent> students;
};

// Validates a roster like a record: bad_record with the JSON pointer of the first problem.
Result<Roster> parse_roster(json::Value roster);
Result<Roster> parse_roster(const json::Json& roster);

// Validates and converts a bundle's `record` object. bad_record on the first problem, with its JSON
// pointer at the start of the detail ("/attendanceEvents/3/date: not a YYYY-MM-DD date"). Members this
// version does not know are ignored, so newer issuers stay readable. The Json overload reads a DOM
// through its text (for small records and tests).
Result<Record> parse(json::Value record);
Result<Record> parse(const json::Json& record);

// The `archive` claim of a fep-archive+jwt: one part of a student's older contact records.
struct Archive {
  std::string student_id;
  int part = 0;
  std::vector<ContactRecord> contact_records;
};

// Validates an archive like a record's contact records (contactId named, not checked: the contacts
// are the record's); bad_record with the JSON pointer of the first problem.
Result<Archive> parse_archive(json::Value archive);
Result<Archive> parse_archive(const json::Json& archive);

// One contact record on its own (as a device signs it): the same rules as inside a record, except that
// contactId is not checked against a list of contacts. Pointers are relative to the record.
Result<ContactRecord> parse_contact_record(const json::Json& item);

std::string_view to_string(AttendanceCategory category);
std::string_view to_string(CalendarEvent event);
std::string_view to_string(SubmissionStatus status);

}  // namespace fep::record
