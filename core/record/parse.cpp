// Record parsing: a strictly parsed JSON document -> record::Record, validating types, enums, dates and
// references, stopping at the first problem with its JSON pointer. About 470 lines because the record
// schema (docs/record-schema.md) is read in one place, one reader per member, in the schema's order.
#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <unordered_set>

#include "core/contact/limits.h"
#include "core/contact/templates.h"
#include "core/contact/vocabulary.h"
#include "core/json/reader.h"
#include "core/record/record.h"
#include "core/record/timestamp.h"

namespace fep::record {
namespace {

using json::Json;
using json::Value;

using json::Need;
using json::Pointer;

const Pointer kRoot;

// Bounds that no real log reaches (a part holds hundreds of records), so a count cannot overflow.
constexpr int kMaxArchiveParts = 10000;
constexpr int kMaxArchiveRecords = 1000000;

// Ed-Fi descriptor code values, indexed by the enums in record.h.
constexpr json::NameTable<AttendanceCategory, 7> kCategoryNames{
    {"In Attendance", "Excused Absence", "Unexcused Absence", "Suspension", "Tardy", "Early departure", "Partial"}};
constexpr json::NameTable<CalendarEvent, 10> kCalendarEventNames{
    {"Instructional day", "Make-up day", "Holiday", "Teacher only day", "Weather day", "Emergency day", "Strike",
     "Student late arrival/early dismissal", "Non-instructional day", "Other"}};
constexpr json::NameTable<SubmissionStatus, 6> kSubmissionNames{
    {"", "Exempt", "Graded", "Not Submitted", "Returned", "Submitted"}};

std::size_t code_points(const std::string& utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// The record's own readers on top of json::Reader: calendar dates and instants.
class RecordReader : public json::Reader {
 public:
  bool day(Value object, const Pointer& at, const char* name, Day& out) {
    std::string value;
    if (!text(object, at, name, value)) return false;
    const auto parsed = record::timestamp::parse_date(value);
    if (!parsed) return fail(at / name, parsed.error().detail);
    out = *parsed;
    return true;
  }

  bool optional_day(Value object, const Pointer& at, const char* name, std::optional<Day>& out) {
    if (!member(object, at, name, Need::optional).exists()) return ok();
    Day value;
    if (!day(object, at, name, value)) return false;
    out = value;
    return true;
  }

  bool time(Value object, const Pointer& at, const char* name, date::sys_seconds& out) {
    std::string value;
    if (!text(object, at, name, value)) return false;
    const auto parsed = record::timestamp::parse_rfc3339(value);
    if (!parsed) return fail(at / name, "must be an RFC 3339 time");
    out = *parsed;
    return true;
  }

  bool optional_time(Value object, const Pointer& at, const char* name, std::optional<date::sys_seconds>& out) {
    if (!member(object, at, name, Need::optional).exists()) return ok();
    date::sys_seconds value;
    if (!time(object, at, name, value)) return false;
    out = value;
    return true;
  }
};

class Parser {
 public:
  // A contact record signed on its own (contact_log.h): the contact it names is checked by the hub
  // against the roster, not here.
  Result<ContactRecord> run_contact_record(Value item) {
    standalone_ = true;
    if (!item.is_object()) return Error{ErrorCode::bad_record, ": a contact record must be an object"};
    read_contact_record(item, kRoot);
    if (!r_.ok()) return r_.error();
    return std::move(record_.contact_records.back());
  }

  Result<Archive> run_archive(Value json) {
    standalone_ = true;
    if (!json.is_object()) return Error{ErrorCode::bad_record, ": the archive must be an object"};
    Archive archive;
    r_.text(json, kRoot, "studentId", archive.student_id) &&
        r_.integer(json, kRoot, "part", archive.part, 1, kMaxArchiveParts, Need::required);
    r_.each(json, kRoot, "contactRecords", [&](Value item, const Pointer& at) { read_contact_record(item, at); });
    if (r_.ok() && record_.contact_records.empty()) r_.fail(kRoot / "contactRecords", "must not be empty");
    if (!r_.ok()) return r_.error();
    archive.contact_records = std::move(record_.contact_records);
    return archive;
  }

  Result<Roster> run_roster(Value json) {
    if (!json.is_object()) return Error{ErrorCode::bad_record, ": the roster must be an object"};
    Roster roster;
    const Value teacher = r_.member(json, kRoot, "teacher", Need::required);
    if (teacher.exists() && !teacher.is_object()) r_.fail(kRoot / "teacher", "must be an object");
    if (teacher.exists() && r_.ok()) {
      const Pointer at = kRoot / "teacher";
      r_.text(teacher, at, "id", roster.teacher_id) && r_.text(teacher, at, "name", roster.teacher_name);
    }
    r_.integer(json, kRoot, "schoolYear", roster.school_year, 1900, 2200, Need::required);
    std::unordered_set<std::string_view> student_ids;
    r_.each(json, kRoot, "students", [&](Value item, const Pointer& at) {
      RosterStudent student;
      if (!(r_.text(item, at, "id", student.id) && unique(student_ids, item, at) &&
            r_.text(item, at, "displayName", student.display_name) &&
            r_.text(item, at, "gradeLevel", student.grade_level, Need::optional))) {
        return;
      }
      contact_ids_.clear();
      const std::size_t before = record_.contacts.size();
      r_.each(item, at, "contacts",
              [&](Value contact, const Pointer& contact_at) { read_contact(contact, contact_at); });
      student.contacts.assign(std::make_move_iterator(record_.contacts.begin() + static_cast<std::ptrdiff_t>(before)),
                              std::make_move_iterator(record_.contacts.end()));
      roster.students.push_back(std::move(student));
    });
    if (!r_.ok()) return r_.error();
    return roster;
  }

  Result<Record> run(Value json) {
    if (!json.is_object()) return Error{ErrorCode::bad_record, ": the record must be an object"};
    const Value student = r_.member(json, kRoot, "student", Need::required);
    if (student.exists() && !student.is_object()) r_.fail(kRoot / "student", "must be an object");
    if (student.exists() && r_.ok()) {
      const Pointer at = kRoot / "student";
      r_.text(student, at, "id", record_.student.id) &&
          r_.text(student, at, "displayName", record_.student.display_name) &&
          r_.text(student, at, "gradeLevel", record_.student.grade_level, Need::optional);
    }
    r_.integer(json, kRoot, "schoolYear", record_.school_year, 1900, 2200, Need::required);
    read_descriptor_map(json);
    r_.each(json, kRoot, "schools", [&](Value item, const Pointer& at) { read_school(item, at); });
    r_.each(json, kRoot, "enrollments", [&](Value item, const Pointer& at) { read_enrollment(item, at); });
    r_.each(json, kRoot, "courses", [&](Value item, const Pointer& at) {
      Course course;
      r_.text(item, at, "id", course.id) && r_.text(item, at, "title", course.title) &&
          r_.text(item, at, "code", course.code, Need::optional) && unique(course_ids_, item, at);
      record_.courses.push_back(std::move(course));
    });
    r_.each(json, kRoot, "sections", [&](Value item, const Pointer& at) { read_section(item, at); });
    r_.each(json, kRoot, "gradingPeriods", [&](Value item, const Pointer& at) { read_grading_period(item, at); });
    r_.each(json, kRoot, "attendanceEvents", [&](Value item, const Pointer& at) { read_attendance_event(item, at); });
    r_.each(json, kRoot, "grades", [&](Value item, const Pointer& at) { read_grade(item, at); });
    r_.each(json, kRoot, "gradebookEntries", [&](Value item, const Pointer& at) { read_gradebook_entry(item, at); });
    r_.each(json, kRoot, "studentGradebookEntries", [&](Value item, const Pointer& at) { read_result(item, at); });
    r_.each(json, kRoot, "contacts", [&](Value item, const Pointer& at) { read_contact(item, at); });
    r_.each(json, kRoot, "contactRecords", [&](Value item, const Pointer& at) { read_contact_record(item, at); });
    r_.each(json, kRoot, "contactArchive", [&](Value item, const Pointer& at) { read_archive_part(item, at); });
    read_demographics(json);
    r_.each(json, kRoot, "interventions", [&](Value item, const Pointer& at) { read_intervention(item, at); });
    if (!r_.ok()) return r_.error();
    return std::move(record_);
  }

 private:
  // Ids are kept as views into the document, which outlives the parse: no copies, no dangling.
  bool unique(std::unordered_set<std::string_view>& seen, Value item, const Pointer& at) {
    const std::string_view id = item.find("id").string();
    return seen.insert(id).second ? true : r_.fail(at / "id", "\"" + std::string(id) + "\" is used twice");
  }
  bool known(const std::unordered_set<std::string_view>& ids, Value item, const Pointer& at, const char* name,
             std::string& out, Need need = Need::required) {
    if (!r_.text(item, at, name, out, need)) return false;
    if (out.empty() && need == Need::optional) return true;
    return ids.count(out) ? true : r_.fail(at / name, "\"" + out + "\" does not name a known item");
  }

  // Ed-Fi's SchoolYear names the year a school year ends. Calendar dates keep to it, from July 1 of the
  // year before to August 31 (summer sessions included): the attendance calendar walks every day from
  // the first to the last, so a stray date must not stretch it over centuries.
  bool in_school_year(Day day) const {
    const date::year end{record_.school_year};
    return day >= Day{(end - date::years{1}) / date::July / 1} && day <= Day{end / date::August / 31};
  }

  // Installation descriptor -> Ed-Fi category, so descriptors are never classified by substring.
  void read_descriptor_map(Value json) {
    for (std::size_t i = 0; i < kCategoryNames.names.size(); ++i) {
      descriptors_[std::string(kCategoryNames.names[i])] = static_cast<AttendanceCategory>(i);
    }
    const Value map = r_.member(json, kRoot, "attendanceDescriptors", Need::optional);
    if (!map.exists()) return;
    if (!map.is_object()) {
      r_.fail(kRoot / "attendanceDescriptors", "must be an object");
      return;
    }
    for (const auto [descriptor, category] : map.members()) {
      const auto parsed = category.is_string() ? kCategoryNames.find(category.string()) : std::nullopt;
      if (!parsed) {
        r_.fail(kRoot / "attendanceDescriptors" / descriptor, "must name an Ed-Fi attendance category");
        return;
      }
      descriptors_[std::string(descriptor)] = *parsed;
    }
  }

  void read_school(Value item, const Pointer& at) {
    School school;
    if (!(r_.text(item, at, "id", school.id) && r_.text(item, at, "name", school.name) &&
          unique(school_ids_, item, at) &&
          r_.integer(item, at, "periodsPerDay", school.periods_per_day, 1, 20, Need::optional) &&
          read_expenditure(item, at, school))) {
      return;
    }
    r_.each(item, at, "calendarDates", [&](Value entry, const Pointer& entry_at) {
      Day day;
      std::string event;
      if (!(r_.day(entry, entry_at, "date", day) && r_.text(entry, entry_at, "event", event))) return;
      if (!in_school_year(day)) {
        r_.fail(entry_at / "date", "is outside school year " + std::to_string(record_.school_year) +
                                       " (July 1 of the year before to August 31)");
        return;
      }
      const auto parsed = kCalendarEventNames.find(event);
      if (!parsed) {
        r_.fail(entry_at / "event", "\"" + event + "\" is not an Ed-Fi calendar event");
        return;
      }
      if (!school.calendar.emplace(day, *parsed).second) r_.fail(entry_at / "date", "date listed twice");
    });
    record_.schools.push_back(std::move(school));
  }

  void read_enrollment(Value item, const Pointer& at) {
    Enrollment e;
    if (known(school_ids_, item, at, "schoolId", e.school_id) && r_.day(item, at, "entryDate", e.entry_date) &&
        r_.text(item, at, "entryType", e.entry_type, Need::optional) &&
        r_.optional_day(item, at, "exitWithdrawDate", e.exit_withdraw_date) &&
        r_.text(item, at, "exitWithdrawType", e.exit_withdraw_type, Need::optional)) {
      if (e.exit_withdraw_date && *e.exit_withdraw_date < e.entry_date) {
        r_.fail(at / "exitWithdrawDate", "is before entryDate");
        return;
      }
      record_.enrollments.push_back(std::move(e));
    }
  }

  void read_section(Value item, const Pointer& at) {
    Section s;
    if (r_.text(item, at, "id", s.id) && unique(section_ids_, item, at) &&
        known(course_ids_, item, at, "courseId", s.course_id) &&
        known(school_ids_, item, at, "schoolId", s.school_id) &&
        r_.text(item, at, "teacher", s.teacher, Need::optional) &&
        r_.integer(item, at, "classPeriod", s.class_period, 0, 20, Need::optional)) {
      record_.sections.push_back(std::move(s));
    }
  }

  void read_grading_period(Value item, const Pointer& at) {
    GradingPeriod g;
    if (r_.text(item, at, "id", g.id) && unique(grading_period_ids_, item, at) && r_.text(item, at, "name", g.name) &&
        r_.day(item, at, "beginDate", g.begin_date) && r_.day(item, at, "endDate", g.end_date)) {
      if (g.end_date < g.begin_date) {
        r_.fail(at / "endDate", "is before beginDate");
        return;
      }
      record_.grading_periods.push_back(std::move(g));
    }
  }

  void read_attendance_event(Value item, const Pointer& at) {
    AttendanceEvent e;
    std::optional<double> duration;
    if (!(known(school_ids_, item, at, "schoolId", e.school_id) &&
          known(section_ids_, item, at, "sectionId", e.section_id, Need::optional) &&
          r_.day(item, at, "date", e.date) && r_.text(item, at, "descriptor", e.descriptor) &&
          r_.text(item, at, "reason", e.reason, Need::optional) && r_.number(item, at, "duration", duration))) {
      return;
    }
    const auto category = descriptors_.find(e.descriptor);
    if (category == descriptors_.end()) {
      r_.fail(at / "descriptor", "\"" + e.descriptor + "\" is not mapped to a category (see attendanceDescriptors)");
      return;
    }
    e.category = category->second;
    if (duration) {
      if (*duration <= 0 || *duration > 1) {
        r_.fail(at / "duration", "must be more than 0 and at most 1 day");
        return;
      }
      e.duration_millidays = static_cast<int>(std::lround(*duration * 1000));
    }
    record_.attendance_events.push_back(std::move(e));
  }

  void read_grade(Value item, const Pointer& at) {
    Grade g;
    if (known(section_ids_, item, at, "sectionId", g.section_id) &&
        known(grading_period_ids_, item, at, "gradingPeriodId", g.grading_period_id, Need::optional) &&
        r_.text(item, at, "gradeType", g.grade_type) && r_.text(item, at, "letter", g.letter, Need::optional) &&
        r_.number(item, at, "numeric", g.numeric) && r_.boolean(item, at, "current", g.current) &&
        r_.optional_day(item, at, "asOf", g.as_of) && r_.optional_time(item, at, "updatedAt", g.updated_at)) {
      if (g.letter.empty() && !g.numeric) {
        r_.fail(at, "a grade needs a letter or a numeric value");
        return;
      }
      record_.grades.push_back(std::move(g));
    }
  }

  void read_gradebook_entry(Value item, const Pointer& at) {
    GradebookEntry g;
    if (r_.text(item, at, "id", g.id) && unique(entry_ids_, item, at) &&
        known(section_ids_, item, at, "sectionId", g.section_id) && r_.text(item, at, "title", g.title) &&
        r_.text(item, at, "type", g.type, Need::optional) &&
        known(grading_period_ids_, item, at, "gradingPeriodId", g.grading_period_id, Need::optional) &&
        r_.optional_day(item, at, "dateAssigned", g.date_assigned) &&
        r_.optional_day(item, at, "dueDate", g.due_date) && r_.number(item, at, "maxPoints", g.max_points)) {
      if (g.max_points && *g.max_points < 0) {
        r_.fail(at / "maxPoints", "must not be negative");
        return;
      }
      record_.gradebook_entries.push_back(std::move(g));
    }
  }

  void read_result(Value item, const Pointer& at) {
    StudentGradebookEntry s;
    std::string status, late;
    if (!(known(entry_ids_, item, at, "gradebookEntryId", s.gradebook_entry_id) &&
          r_.number(item, at, "pointsEarned", s.points_earned) &&
          r_.text(item, at, "letter", s.letter, Need::optional) && r_.number(item, at, "numeric", s.numeric) &&
          r_.text(item, at, "submissionStatus", status, Need::optional) &&
          r_.text(item, at, "lateStatus", late, Need::optional) &&
          r_.optional_day(item, at, "dateFulfilled", s.date_fulfilled) &&
          r_.optional_time(item, at, "updatedAt", s.updated_at))) {
      return;
    }
    if (!result_ids_.insert(item.find("gradebookEntryId").string()).second) {
      r_.fail(at / "gradebookEntryId", "the student has two results for one entry");
      return;
    }
    const auto parsed = kSubmissionNames.find(status);
    if (!parsed) {
      r_.fail(at / "submissionStatus", "\"" + status + "\" is not an Ed-Fi submission status");
      return;
    }
    s.submission_status = *parsed;
    if (!late.empty() && late != "Late" && late != "Not Late") {
      r_.fail(at / "lateStatus", "must be \"Late\" or \"Not Late\"");
      return;
    }
    s.late = late == "Late";
    if (s.points_earned && *s.points_earned < 0) {
      r_.fail(at / "pointsEarned", "must not be negative");
      return;
    }
    record_.results.push_back(std::move(s));
  }

  // schools[].perPupilExpenditure: amounts in dollars, none negative.
  bool read_expenditure(Value school_item, const Pointer& school_at, School& school) {
    const Value item = r_.member(school_item, school_at, "perPupilExpenditure", Need::optional);
    if (!item.exists()) return true;
    const Pointer at = school_at / "perPupilExpenditure";
    if (!item.is_object()) return r_.fail(at, "must be an object");
    PerPupilExpenditure e;
    if (!(r_.integer(item, at, "reportYear", e.report_year, 1900, 2200, Need::optional) &&
          r_.number(item, at, "federal", e.federal) && r_.number(item, at, "stateLocal", e.state_local) &&
          r_.number(item, at, "districtFederal", e.district_federal) &&
          r_.number(item, at, "districtStateLocal", e.district_state_local))) {
      return false;
    }
    for (const auto& [name, amount] : {std::pair<const char*, const std::optional<double>&>{"federal", e.federal},
                                       {"stateLocal", e.state_local},
                                       {"districtFederal", e.district_federal},
                                       {"districtStateLocal", e.district_state_local}}) {
      if (amount && *amount < 0) return r_.fail(at / name, "must not be negative");
    }
    school.per_pupil_expenditure = e;
    return true;
  }

  // An optional array of non-empty strings.
  bool strings(Value object, const Pointer& at, const char* name, std::vector<std::string>& out) {
    const Value array = r_.member(object, at, name, Need::optional);
    if (!array.exists()) return true;
    if (!array.is_array()) return r_.fail(at / name, "must be an array");
    std::size_t i = 0;
    for (const Value item : array.elements()) {
      if (!item.is_string() || item.string().empty()) return r_.fail(at / name / i, "must be a non-empty string");
      out.emplace_back(item.string());
      ++i;
    }
    return true;
  }

  // A yes/no that may be unknown: absent stays nullopt.
  bool maybe(Value object, const Pointer& at, const char* name, std::optional<bool>& out) {
    if (!r_.member(object, at, name, Need::optional).exists()) return true;
    bool value = false;
    if (!r_.boolean(object, at, name, value)) return false;
    out = value;
    return true;
  }

  void read_demographics(Value json) {
    const Value item = r_.member(json, kRoot, "demographics", Need::optional);
    if (!item.exists() || !r_.ok()) return;
    const Pointer at = kRoot / "demographics";
    if (!item.is_object()) {
      r_.fail(at, "must be an object");
      return;
    }
    Demographics d;
    if (!(r_.text(item, at, "sex", d.sex, Need::optional) &&
          r_.text(item, at, "homeLanguage", d.home_language, Need::optional) &&
          maybe(item, at, "hispanicLatinoEthnicity", d.hispanic_latino_ethnicity) &&
          maybe(item, at, "englishLearner", d.english_learner) && maybe(item, at, "disability", d.disability) &&
          maybe(item, at, "economicallyDisadvantaged", d.economically_disadvantaged) &&
          maybe(item, at, "deviceAccess", d.device_access) && maybe(item, at, "internetAccess", d.internet_access))) {
      return;
    }
    if (!strings(item, at, "races", d.races)) return;
    record_.demographics = std::move(d);
  }

  void read_intervention(Value item, const Pointer& at) {
    Intervention i;
    if (!(r_.text(item, at, "id", i.id) && r_.text(item, at, "class", i.intervention_class, Need::optional) &&
          r_.text(item, at, "purpose", i.purpose, Need::optional) && r_.day(item, at, "beginDate", i.begin_date) &&
          r_.optional_day(item, at, "endDate", i.end_date))) {
      return;
    }
    if (i.end_date && *i.end_date < i.begin_date) {
      r_.fail(at / "endDate", "is before beginDate");
      return;
    }
    if (!strings(item, at, "staff", i.staff)) return;
    record_.interventions.push_back(std::move(i));
  }

  void read_contact(Value item, const Pointer& at) {
    Contact c;
    if (r_.text(item, at, "id", c.id) && unique(contact_ids_, item, at) && r_.text(item, at, "name", c.name) &&
        r_.text(item, at, "relation", c.relation, Need::optional) &&
        r_.text(item, at, "preferredLanguage", c.preferred_language, Need::optional) &&
        r_.text(item, at, "restrictions", c.restrictions, Need::optional) &&
        r_.boolean(item, at, "primary", c.primary) && r_.boolean(item, at, "livesWith", c.lives_with) &&
        r_.boolean(item, at, "emergency", c.emergency) && r_.boolean(item, at, "legalGuardian", c.legal_guardian) &&
        r_.integer(item, at, "priority", c.priority, 0, 99, Need::optional)) {
      record_.contacts.push_back(std::move(c));
    }
  }

  // Only the members a contact record defines, each within its size (core/contact/limits.h).
  bool within_limits(Value item, const Pointer& at) {
    for (const auto member : item.members()) {
      const contact::FieldLimit* limit = contact::field_limit(member.name);
      if (!limit) return r_.fail(at / member.name, "is not a member of a contact record");
      if (limit->max_bytes && member.value.is_string() && member.value.string().size() > limit->max_bytes)
        return r_.fail(at / member.name, "is longer than " + std::to_string(limit->max_bytes) + " bytes");
    }
    return true;
  }

  // Parts are numbered 1, 2, ... in order, so a reader knows exactly which archives exist.
  void read_archive_part(Value item, const Pointer& at) {
    ArchivePart part;
    if (!(r_.integer(item, at, "part", part.part, 1, kMaxArchiveParts, Need::required) &&
          r_.integer(item, at, "records", part.records, 1, kMaxArchiveRecords, Need::required) &&
          r_.time(item, at, "from", part.from) && r_.time(item, at, "to", part.to))) {
      return;
    }
    if (part.part != static_cast<int>(record_.contact_archive.size()) + 1) {
      r_.fail(at / "part", "parts are numbered 1, 2, ... in order");
      return;
    }
    if (part.to < part.from) {
      r_.fail(at / "to", "is before from");
      return;
    }
    record_.contact_archive.push_back(part);
  }

  void read_contact_record(Value item, const Pointer& at) {
    if (!within_limits(item, at)) return;
    ContactRecord c;
    int trusting = 0;
    // The hub refuses an id the history already uses, so a signed bundle that repeats one was not
    // issued by the rules: two records under one id could not be told apart (docs/contact-log.md).
    if (!(r_.text(item, at, "id", c.id) && unique(contact_record_ids_, item, at) && r_.time(item, at, "at", c.at) &&
          r_.one_of(item, at, "direction", c.direction, contact::kDirections) &&
          r_.one_of(item, at, "channel", c.channel, contact::kChannels) &&
          r_.text(item, at, "staff", c.staff, Need::optional) &&
          (standalone_ ? r_.text(item, at, "contactId", c.contact_id, Need::optional)
                       : known(contact_ids_, item, at, "contactId", c.contact_id, Need::optional)) &&
          r_.text(item, at, "language", c.language, Need::optional) &&
          r_.boolean(item, at, "interpreter", c.interpreter) && contact::read_template_params(r_, item, at) &&
          r_.text(item, at, "templateId", c.template_id, Need::optional) &&
          r_.text(item, at, "note", c.note, Need::optional) &&
          r_.one_of(item, at, "outcome", c.outcome, contact::kOutcomes) &&
          r_.optional_day(item, at, "followUpDate", c.follow_up) &&
          r_.optional_time(item, at, "receivedAt", c.received_at) &&
          r_.integer(item, at, "trustingRelationship", trusting, 1, 5, Need::optional))) {
      return;
    }
    if (code_points(c.note) > contact::kMaxNoteCharacters) {
      r_.fail(at / "note", "is longer than 2000 characters");
      return;
    }
    if (trusting) c.trusting_relationship = trusting;
    // Checked by read_template_params above: an object with exactly its template's parameters.
    if (const Value params = item.find("params"); params.is_object()) c.template_params = params.to_json();
    if (const Value topics = r_.member(item, at, "topics", Need::optional); topics.exists()) {
      if (!topics.is_array()) {
        r_.fail(at / "topics", "must be an array");
        return;
      }
      if (topics.size() > contact::kTopics.names.size()) {
        r_.fail(at / "topics", "names more topics than there are");
        return;
      }
      std::size_t i = 0;
      for (const Value topic : topics.elements()) {
        const auto parsed = topic.is_string() ? contact::kTopics.find(topic.string()) : std::nullopt;
        if (!parsed) {
          r_.fail(at / "topics" / i, "is not an allowed topic");
          return;
        }
        c.topics.push_back(*parsed);
        ++i;
      }
    }
    record_.contact_records.push_back(std::move(c));
  }

  RecordReader r_;
  Record record_;
  bool standalone_ = false;
  std::map<std::string, AttendanceCategory> descriptors_;
  std::unordered_set<std::string_view> school_ids_, course_ids_, section_ids_, grading_period_ids_, entry_ids_,
      result_ids_, contact_ids_, contact_record_ids_;
};

template <class Item>
const Item* find_by_id(const std::vector<Item>& items, const std::string& id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const Item& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

bool School::is_school_day(Day day) const {
  const auto it = calendar.find(day);
  return it != calendar.end() &&
         (it->second == CalendarEvent::instructional_day || it->second == CalendarEvent::make_up_day ||
          it->second == CalendarEvent::student_late_arrival_early_dismissal);
}

const School* Record::school(const std::string& id) const { return find_by_id(schools, id); }
const Section* Record::section(const std::string& id) const { return find_by_id(sections, id); }
const Course* Record::course(const std::string& id) const { return find_by_id(courses, id); }

Result<Record> parse(Value record) { return Parser().run(record); }

Result<Roster> parse_roster(Value roster) { return Parser().run_roster(roster); }

Result<Archive> parse_archive(Value archive) { return Parser().run_archive(archive); }

namespace {

// The same reading for an nlohmann DOM (small objects, tests): through its text, so one parser decides.
Result<json::Document> document_of(const Json& value) { return json::Document::parse(value.dump()); }

}  // namespace

Result<Record> parse(const Json& record) {
  auto document = document_of(record);
  if (!document) return document.error();
  return parse(document->root());
}

Result<Roster> parse_roster(const Json& roster) {
  auto document = document_of(roster);
  if (!document) return document.error();
  return parse_roster(document->root());
}

Result<Archive> parse_archive(const Json& archive) {
  auto document = document_of(archive);
  if (!document) return document.error();
  return parse_archive(document->root());
}

Result<ContactRecord> parse_contact_record(const Json& contact_record) {
  auto document = document_of(contact_record);
  if (!document) return document.error();
  return Parser().run_contact_record(document->root());
}

std::string_view to_string(AttendanceCategory category) { return kCategoryNames[category]; }
std::string_view to_string(CalendarEvent event) { return kCalendarEventNames[event]; }
std::string_view to_string(SubmissionStatus status) { return kSubmissionNames[status]; }

}  // namespace fep::record
