#include "core/view/family.h"

#include <algorithm>
#include <cmath>

#include "core/json/writer.h"
#include "core/record/grades.h"
#include "core/record/record.h"
#include "core/record/timestamp.h"
#include "core/trust/profile.h"

namespace fep::view {
namespace {

using json::Json;
using json::Writer;
using record::timestamp::format_date;

double days(int millidays) { return millidays / 1000.0; }
double rounded(double value, double scale) { return std::round(value * scale) / scale; }
std::optional<std::string> optional_date(const std::optional<record::Day>& day) {
  return day ? std::optional<std::string>(format_date(*day)) : std::nullopt;
}
std::optional<std::string> non_empty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

struct Model {
  record::Record record;
  record::attendance::Summary attendance;
  record::grades::Summary grades;
  const record::ContactRecord* last_contact = nullptr;
};

Result<Model> compute(const trust::Bundle& bundle, const Options& options) {
  auto parsed = record::parse(bundle.data());
  if (!parsed) return parsed.error();
  Model model{std::move(parsed).value(), {}, {}, nullptr};
  model.attendance = record::attendance::summarize(model.record, options.today, options.rule);
  model.grades = record::grades::summarize(model.record, options.today, options.last_viewed);
  for (const auto& c : model.record.contact_records) {
    if (!model.last_contact || c.at > model.last_contact->at) model.last_contact = &c;
  }
  return model;
}

// --- pieces shared by the view and the summary ---

void write_grade(Writer& w, const record::Grade* grade) {
  if (!grade) {
    w.value(nullptr);
    return;
  }
  w.begin_object()
      .member("letter", non_empty(grade->letter))
      .member("numeric", grade->numeric)
      .member("asOf", optional_date(grade->as_of))
      .end_object();
}

void write_attendance_numbers(Writer& w, const record::attendance::Summary& a) {
  w.member("rule", record::attendance::to_string(a.rule))
      .member("daysEnrolled", a.days_enrolled)
      .member("daysAbsent", days(a.absent_millidays))
      .member("rate", rounded(a.rate(), 10000))
      .member("chronicallyAbsent", a.chronically_absent)
      .member("tier", record::attendance::to_string(a.tier))
      .member("absencesUntilChronic", a.absences_until_chronic);
}

void write_last_contact_brief(Writer& w, const record::ContactRecord* c) {
  if (!c) {
    w.value(nullptr);
    return;
  }
  w.begin_object()
      .member("at", record::timestamp::format_rfc3339(c->at))
      .member("direction", contact::kDirections[c->direction])
      .member("channel", contact::kChannels[c->channel])
      .member("outcome", c->outcome ? contact::kOutcomes[*c->outcome] : std::string_view())
      .end_object();
}

// --- the full view ---

void write_message(Writer& w, const char* name, const std::string& key, const record::attendance::Summary& a) {
  w.key(name).begin_object().member("key", key).key("params").begin_object();
  w.member("percent", rounded(a.rate() * 100, 10)).member("daysAbsent", days(a.absent_millidays));
  w.member("daysEnrolled", a.days_enrolled).member("absencesUntilChronic", a.absences_until_chronic);
  w.end_object().end_object();
}

void write_attendance(Writer& w, const record::attendance::Summary& a) {
  w.begin_object();
  write_attendance_numbers(w, a);
  w.member("daysEnrolledYear", a.days_enrolled_year)
      .member("tardies", a.tardies)
      .member("earlyDepartures", a.early_departures)
      .member("longestAbsenceStreak", a.longest_absence_streak)
      .member("eventsOutsideEnrollment", a.events_outside_enrollment);
  const std::string tier(record::attendance::to_string(a.tier));
  // Once the year's last school day is past, the summary speaks of the year that was: no days are left
  // to miss, and the advice is for the next year.
  w.member("yearEnded", a.year_ended);
  if (a.year_ended) {
    write_message(w, "message", "attendance.tierEnded." + tier, a);
    write_message(w, "advice",
                  "attendance.adviceEnded." +
                      std::string(a.tier == record::attendance::Tier::satisfactory ? "satisfactory" : "help"),
                  a);
  } else {
    write_message(w, "message", "attendance.tier." + tier, a);
    write_message(w, "advice", "attendance.advice." + tier, a);
  }
  w.key("ruleMessage")
      .begin_object()
      .member("key", "attendance.rule." + std::string(record::attendance::to_string(a.rule)));
  w.key("params").begin_object().end_object().end_object();

  w.key("earlySignal").begin_array();
  for (const auto& s : a.early_signal) {
    w.begin_object()
        .member("month", s.month)
        .member("windowEnd", format_date(s.window_end))
        .member("missed", days(s.missed_millidays))
        .member("threshold", s.threshold_days)
        .member("complete", s.complete)
        .member("flagged", s.flagged)
        .end_object();
  }
  w.end_array().key("byMonth").begin_array();
  for (const auto& m : a.by_month) {
    w.begin_object()
        .member("month", format_date(date::sys_days{m.month / 1}).substr(0, 7))
        .member("daysEnrolled", m.days_enrolled)
        .member("daysAbsent", days(m.absent_millidays))
        .end_object();
  }
  w.end_array().key("byWeekday").begin_array();
  for (const int millidays : a.absent_by_weekday) w.value(days(millidays));
  w.end_array();

  // Calendar grid: one entry per month, one status per day of the month from the 1st.
  w.key("calendar").begin_array();
  date::year_month open_month{};
  bool any = false;
  for (const auto& d : a.days) {
    const date::year_month_day ymd{d.day};
    const date::year_month month{ymd.year(), ymd.month()};
    if (!any || month != open_month) {
      if (any) w.end_array().end_object();
      any = true;
      open_month = month;
      w.begin_object().member("month", format_date(d.day).substr(0, 7));
      w.member("firstWeekday", static_cast<int>(date::weekday{date::sys_days{month / 1}}.iso_encoding()));
      w.key("days").begin_array();
      for (unsigned day = 1; day < static_cast<unsigned>(ymd.day()); ++day) w.value("no_school");
    }
    w.value(record::attendance::to_string(d.status));
  }
  if (any) w.end_array().end_object();
  w.end_array().end_object();
}

// Inside a course an assignment does not repeat its course; in the list of missing work across courses
// (`record` given) it names its section and course.
void write_assignment(Writer& w, const record::grades::Assignment& a, const record::Record* record = nullptr) {
  w.begin_object().member("id", a.entry->id);
  if (record) {
    const auto* section = record->section(a.entry->section_id);
    const auto* course = section ? record->course(section->course_id) : nullptr;
    w.member("sectionId", a.entry->section_id)
        .member("courseId", course ? course->id : "")
        .member("courseTitle", course ? course->title : "");
  }
  w.member("title", a.entry->title)
      .member("type", a.entry->type)
      .member("dueDate", optional_date(a.entry->due_date))
      .member("status", record::grades::to_string(a.status))
      .member("late", a.result && a.result->late)
      .member("score", a.result ? a.result->points_earned : std::nullopt)
      .member("maxPoints", a.entry->max_points)
      .member("letter", a.result ? non_empty(a.result->letter) : std::nullopt)
      .member("isNew", a.is_new)
      .end_object();
}

void write_course(Writer& w, const record::grades::Course& c) {
  const auto* current_section = c.sections.back();
  w.begin_object()
      .member("id", c.course->id)
      .member("title", c.course->title)
      .member("teacher", current_section->teacher)
      .member("period", current_section->class_period)
      .member("schoolId", current_section->school_id);
  w.key("currentGrade");
  write_grade(w, c.current);
  w.member("missing", c.missing).member("newItems", c.new_items);
  w.key("sections").begin_array();
  for (const auto* s : c.sections) {
    w.begin_object()
        .member("id", s->id)
        .member("schoolId", s->school_id)
        .member("teacher", s->teacher)
        .member("period", s->class_period)
        .end_object();
  }
  w.end_array().key("periodGrades").begin_array();
  for (const auto& p : c.by_period) {
    w.begin_object()
        .member("gradingPeriodId", p.period->id)
        .member("gradingPeriod", p.period->name)
        .member("gradeType", p.grade->grade_type)
        .member("letter", non_empty(p.grade->letter))
        .member("numeric", p.grade->numeric)
        .member("asOf", optional_date(p.grade->as_of))
        .end_object();
  }
  w.end_array().key("assignments").begin_array();
  for (const auto& a : c.assignments) write_assignment(w, a);
  w.end_array().end_object();
}

void write_contact(Writer& w, const record::ContactRecord& c) {
  w.begin_object()
      .member("id", c.id)
      .member("at", record::timestamp::format_rfc3339(c.at))
      .member("direction", contact::kDirections[c.direction])
      .member("channel", contact::kChannels[c.channel])
      .member("outcome", c.outcome ? std::optional<std::string_view>(contact::kOutcomes[*c.outcome]) : std::nullopt);
  w.key("topics").begin_array();
  for (const auto topic : c.topics) w.value(contact::kTopics[topic]);
  w.end_array();
  w.member("staff", c.staff)
      .member("contactId", c.contact_id)
      .member("language", c.language)
      .member("interpreter", c.interpreter)
      .member("templateId", non_empty(c.template_id));
  w.key("params");
  if (c.template_params.is_object())
    w.value(c.template_params);
  else
    w.begin_object().end_object();
  w.member("note", c.note)
      .member("followUpDate", optional_date(c.follow_up))
      .member("trustingRelationship", c.trusting_relationship);
  w.end_object();
}

}  // namespace

Result<std::string> render(const trust::Bundle& bundle, const Options& options) {
  auto computed = compute(bundle, options);
  if (!computed) return computed.error();
  const Model& model = *computed;
  const auto& r = model.record;

  Writer w(64 * 1024);  // a full year's view is ~120 KB: start big, grow rarely
  w.begin_object().member("ver", bundle.ver).member("today", format_date(options.today));
  w.key("issuer")
      .begin_object()
      .member("iss", bundle.iss)
      .member("kid", bundle.kid)
      .member("issuedAt", record::timestamp::format_rfc3339(bundle.iat))
      .member("validUntil", record::timestamp::format_rfc3339(bundle.exp))
      .member("seq", bundle.seq)
      .end_object();
  w.key("student")
      .begin_object()
      .member("id", r.student.id)
      .member("displayName", r.student.display_name)
      .member("gradeLevel", r.student.grade_level)
      .member("schoolYear", r.school_year)
      .end_object();
  w.key("schools").begin_array();
  for (const auto& e : r.enrollments) {
    w.begin_object()
        .member("id", e.school_id)
        .member("name", r.school(e.school_id)->name)
        .member("entryDate", format_date(e.entry_date))
        .member("entryType", e.entry_type)
        .member("exitWithdrawDate", optional_date(e.exit_withdraw_date))
        .member("exitWithdrawType", e.exit_withdraw_type);
    // Context a family may compare schools by (ESSA report card), only when the district gives it.
    w.key("perPupilExpenditure");
    if (const auto& spent = r.school(e.school_id)->per_pupil_expenditure) {
      w.begin_object()
          .member("reportYear", spent->report_year ? std::optional<int>(spent->report_year) : std::nullopt)
          .member("federal", spent->federal)
          .member("stateLocal", spent->state_local)
          .member("districtFederal", spent->district_federal)
          .member("districtStateLocal", spent->district_state_local)
          .end_object();
    } else {
      w.value(nullptr);
    }
    w.end_object();
  }
  w.end_array().key("attendance");
  write_attendance(w, model.attendance);

  w.key("courses").begin_array();
  for (const auto& c : model.grades.courses) write_course(w, c);
  w.end_array().key("missingAssignments").begin_array();
  for (const auto& a : model.grades.missing) write_assignment(w, a, &r);
  w.end_array().member("newItems", model.grades.new_items);

  w.key("contacts").begin_array();
  for (const auto& c : r.contacts) {
    w.begin_object()
        .member("id", c.id)
        .member("name", c.name)
        .member("relation", c.relation)
        .member("preferredLanguage", c.preferred_language)
        .member("primary", c.primary)
        .member("livesWith", c.lives_with)
        .member("emergency", c.emergency)
        .member("legalGuardian", c.legal_guardian)
        .member("restrictions", c.restrictions)
        .end_object();
  }
  w.end_array();
  std::vector<const record::ContactRecord*> timeline;
  for (const auto& c : r.contact_records) timeline.push_back(&c);
  std::stable_sort(timeline.begin(), timeline.end(), [](const auto* a, const auto* b) { return a->at > b->at; });
  std::size_t archived = 0;
  for (const auto& part : r.contact_archive) archived += static_cast<std::size_t>(part.records);
  w.key("engagement").begin_object().member("total", timeline.size() + archived).key("lastContact");
  if (model.last_contact)
    write_contact(w, *model.last_contact);
  else
    w.value(nullptr);
  w.key("timeline").begin_array();
  for (const auto* c : timeline) write_contact(w, *c);
  w.end_array().key("archive").begin_array();
  for (const auto& part : r.contact_archive) {
    w.begin_object()
        .member("part", part.part)
        .member("records", part.records)
        .member("from", record::timestamp::format_rfc3339(part.from))
        .member("to", record::timestamp::format_rfc3339(part.to))
        .end_object();
  }
  w.end_array().end_object().end_object();
  return w.take();
}

Result<std::string> render_archive(const trust::Bundle& bundle) {
  if (bundle.typ != trust::profile::kTypArchive) return Error{ErrorCode::wrong_typ, "not an archive"};
  const auto archive = record::parse_archive(bundle.data());
  if (!archive) return archive.error();
  std::vector<const record::ContactRecord*> timeline;
  for (const auto& c : archive->contact_records) timeline.push_back(&c);
  std::stable_sort(timeline.begin(), timeline.end(), [](const auto* a, const auto* b) { return a->at > b->at; });
  Writer w;
  w.begin_object().member("studentId", archive->student_id).member("part", archive->part);
  w.key("timeline").begin_array();
  for (const auto* c : timeline) write_contact(w, *c);
  w.end_array().end_object();
  return w.take();
}

Result<Json> build(const trust::Bundle& bundle, const Options& options) {
  auto text = render(bundle, options);
  if (!text) return text.error();
  return json::parse_strict(*text, 64);
}

Result<std::string> render_summary(const trust::Bundle& bundle, const Options& options) {
  auto computed = compute(bundle, options);
  if (!computed) return computed.error();
  const Model& model = *computed;
  Writer w;
  w.begin_object();
  w.key("student")
      .begin_object()
      .member("id", model.record.student.id)
      .member("displayName", model.record.student.display_name)
      .end_object();
  w.member("today", format_date(options.today));
  w.key("attendance").begin_object();
  write_attendance_numbers(w, model.attendance);
  w.end_object().key("courses").begin_array();
  for (const auto& c : model.grades.courses) {
    w.begin_object().member("id", c.course->id).member("title", c.course->title).key("currentGrade");
    write_grade(w, c.current);
    w.member("missing", c.missing).end_object();
  }
  w.end_array().member("missingAssignments", model.grades.missing.size()).key("lastContact");
  write_last_contact_brief(w, model.last_contact);
  w.end_object();
  return w.take();
}

Result<Json> summarize(const trust::Bundle& bundle, const Options& options) {
  auto text = render_summary(bundle, options);
  if (!text) return text.error();
  return json::parse_strict(*text, 64);
}

Result<Options> options_from(date::sys_seconds now, std::string_view today, std::string_view rule,
                             std::optional<date::sys_seconds> last_viewed) {
  Options options;
  options.last_viewed = last_viewed;
  options.today = date::floor<date::days>(now);
  if (!today.empty()) {
    const auto day = record::timestamp::parse_date(today);
    if (!day) return Error{ErrorCode::malformed, "today must be YYYY-MM-DD"};
    options.today = *day;
  }
  if (rule == "days_15") {
    options.rule = record::attendance::Rule::days_15;
  } else if (!rule.empty() && rule != "percent_10") {
    return Error{ErrorCode::malformed, "rule must be percent_10 or days_15"};
  }
  return options;
}

}  // namespace fep::view
