#include "view.h"

#include <algorithm>
#include <cmath>

#include "grades.h"
#include "record.h"
#include "timestamp.h"

namespace fep::view {
namespace {

using json::Json;
using timestamp::format_date;

double days(int millidays) { return millidays / 1000.0; }
double rounded(double value, double scale) { return std::round(value * scale) / scale; }
Json optional_date(const std::optional<record::Day>& day) { return day ? Json(format_date(*day)) : Json(); }
Json optional_number(const std::optional<double>& value) { return value ? Json(*value) : Json(); }

Json message(std::string key, Json params = Json::object()) { return {{"key", std::move(key)}, {"params", std::move(params)}}; }

struct Model {
  const bundle::Bundle& bundle;
  record::Record record;
  attendance::Summary attendance;
  grades::Summary grades;
  const record::ContactRecord* last_contact = nullptr;
};

Result<Model> compute(const bundle::Bundle& bundle, const Options& options) {
  auto parsed = record::parse(bundle.data());
  if (!parsed) return parsed.error();
  Model model{bundle, std::move(parsed).value(), {}, {}, nullptr};
  model.attendance = attendance::summarize(model.record, options.today, options.rule);
  model.grades = grades::summarize(model.record, options.today, options.last_viewed);
  for (const auto& c : model.record.contact_records) {
    if (!model.last_contact || c.at > model.last_contact->at) model.last_contact = &c;
  }
  return model;
}

Json grade_json(const record::Grade* grade) {
  if (!grade) return nullptr;
  return {{"letter", grade->letter.empty() ? Json() : Json(grade->letter)}, {"numeric", optional_number(grade->numeric)},
          {"asOf", optional_date(grade->as_of)}};
}

Json attendance_core(const attendance::Summary& a) {
  return {{"rule", attendance::to_string(a.rule)},
          {"daysEnrolled", a.days_enrolled},
          {"daysAbsent", days(a.absent_millidays)},
          {"rate", rounded(a.rate(), 10000)},
          {"chronicallyAbsent", a.chronically_absent},
          {"tier", attendance::to_string(a.tier)},
          {"absencesUntilChronic", a.absences_until_chronic}};
}

Json contact_json(const record::ContactRecord& c) {
  return {{"id", c.id}, {"at", timestamp::format_rfc3339(c.at)}, {"direction", c.direction}, {"channel", c.channel},
          {"outcome", c.outcome.empty() ? Json() : Json(c.outcome)}, {"topics", c.topics}, {"staff", c.staff},
          {"contactId", c.contact_id}, {"language", c.language}, {"interpreter", c.interpreter},
          {"templateId", c.template_id.empty() ? Json() : Json(c.template_id)},
          {"params", c.template_params.is_null() ? Json::object() : c.template_params}, {"note", c.note},
          {"followUpDate", optional_date(c.follow_up)},
          {"trustingRelationship", c.trusting_relationship ? Json(*c.trusting_relationship) : Json()}};
}

Json assignment_json(const grades::Assignment& a, const Model& model) {
  const auto* section = model.record.section(a.entry->section_id);
  const auto* course = section ? model.record.course(section->course_id) : nullptr;
  return {{"id", a.entry->id},
          {"sectionId", a.entry->section_id},
          {"courseId", course ? course->id : ""},
          {"courseTitle", course ? course->title : ""},
          {"title", a.entry->title},
          {"type", a.entry->type},
          {"dueDate", optional_date(a.entry->due_date)},
          {"status", grades::to_string(a.status)},
          {"late", a.result && a.result->late},
          {"score", a.result ? optional_number(a.result->points_earned) : Json()},
          {"maxPoints", optional_number(a.entry->max_points)},
          {"letter", a.result && !a.result->letter.empty() ? Json(a.result->letter) : Json()},
          {"isNew", a.is_new}};
}

Json attendance_view(const attendance::Summary& a) {
  Json view = attendance_core(a);
  view["daysEnrolledYear"] = a.days_enrolled_year;
  view["tardies"] = a.tardies;
  view["earlyDepartures"] = a.early_departures;
  view["longestAbsenceStreak"] = a.longest_absence_streak;
  view["eventsOutsideEnrollment"] = a.events_outside_enrollment;
  const Json numbers = {{"percent", rounded(a.rate() * 100, 10)}, {"daysAbsent", days(a.absent_millidays)},
                        {"daysEnrolled", a.days_enrolled}, {"absencesUntilChronic", a.absences_until_chronic}};
  view["message"] = message("attendance.tier." + std::string(attendance::to_string(a.tier)), numbers);
  view["advice"] = message("attendance.advice." + std::string(attendance::to_string(a.tier)), numbers);
  view["ruleMessage"] = message("attendance.rule." + std::string(attendance::to_string(a.rule)));

  view["earlySignal"] = Json::array();
  for (const auto& s : a.early_signal) {
    view["earlySignal"].push_back({{"month", s.month}, {"windowEnd", format_date(s.window_end)}, {"missed", days(s.missed_millidays)},
                                   {"threshold", s.threshold_days}, {"complete", s.complete}, {"flagged", s.flagged}});
  }
  view["byMonth"] = Json::array();
  for (const auto& m : a.by_month) {
    const std::string month = format_date(date::sys_days{m.month / 1}).substr(0, 7);
    view["byMonth"].push_back({{"month", month}, {"daysEnrolled", m.days_enrolled}, {"daysAbsent", days(m.absent_millidays)}});
  }
  view["byWeekday"] = Json::array();
  for (const int millidays : a.absent_by_weekday) view["byWeekday"].push_back(days(millidays));
  // Calendar grid: one entry per month, one status per day of the month from the 1st.
  view["calendar"] = Json::array();
  for (const auto& d : a.days) {
    const date::year_month_day ymd{d.day};
    const std::string month = format_date(d.day).substr(0, 7);
    if (view["calendar"].empty() || view["calendar"].back()["month"] != month) {
      view["calendar"].push_back({{"month", month}, {"firstWeekday", date::weekday{date::sys_days{ymd.year() / ymd.month() / 1}}.iso_encoding()},
                                  {"days", Json::array()}});
      // Days of the month before the span starts are reported as no_school.
      for (unsigned day = 1; day < static_cast<unsigned>(ymd.day()); ++day) view["calendar"].back()["days"].push_back("no_school");
    }
    view["calendar"].back()["days"].push_back(attendance::to_string(d.status));
  }
  return view;
}

}  // namespace

Result<Json> build(const bundle::Bundle& bundle, const Options& options) {
  auto computed = compute(bundle, options);
  if (!computed) return computed.error();
  const Model& model = *computed;
  const auto& r = model.record;

  Json view;
  view["ver"] = bundle.ver;
  view["today"] = format_date(options.today);
  view["issuer"] = {{"iss", bundle.iss}, {"kid", bundle.kid}, {"issuedAt", timestamp::format_rfc3339(bundle.iat)},
                    {"validUntil", timestamp::format_rfc3339(bundle.exp)}, {"seq", bundle.seq}};
  view["student"] = {{"id", r.student.id}, {"displayName", r.student.display_name}, {"gradeLevel", r.student.grade_level},
                     {"schoolYear", r.school_year}};
  view["schools"] = Json::array();
  for (const auto& e : r.enrollments) {
    view["schools"].push_back({{"id", e.school_id}, {"name", r.school(e.school_id)->name}, {"entryDate", format_date(e.entry_date)},
                               {"entryType", e.entry_type}, {"exitWithdrawDate", optional_date(e.exit_withdraw_date)},
                               {"exitWithdrawType", e.exit_withdraw_type}});
  }
  view["attendance"] = attendance_view(model.attendance);

  view["courses"] = Json::array();
  for (const auto& c : model.grades.courses) {
    const auto* current_section = c.sections.back();
    Json course = {{"id", c.course->id}, {"title", c.course->title}, {"teacher", current_section->teacher},
                   {"period", current_section->class_period}, {"schoolId", current_section->school_id},
                   {"currentGrade", grade_json(c.current)}, {"missing", c.missing}, {"newItems", c.new_items},
                   {"sections", Json::array()}, {"periodGrades", Json::array()}, {"assignments", Json::array()}};
    for (const auto* section : c.sections) {
      course["sections"].push_back({{"id", section->id}, {"schoolId", section->school_id}, {"teacher", section->teacher},
                                    {"period", section->class_period}});
    }
    for (const auto& p : c.by_period) {
      Json grade = grade_json(p.grade);
      grade["gradingPeriodId"] = p.period->id;
      grade["gradingPeriod"] = p.period->name;
      grade["gradeType"] = p.grade->grade_type;
      course["periodGrades"].push_back(std::move(grade));
    }
    for (const auto& a : c.assignments) course["assignments"].push_back(assignment_json(a, model));
    view["courses"].push_back(std::move(course));
  }
  view["missingAssignments"] = Json::array();
  for (const auto& a : model.grades.missing) view["missingAssignments"].push_back(assignment_json(a, model));
  view["newItems"] = model.grades.new_items;

  view["contacts"] = Json::array();
  for (const auto& c : r.contacts) {
    view["contacts"].push_back({{"id", c.id}, {"name", c.name}, {"relation", c.relation}, {"preferredLanguage", c.preferred_language},
                                {"primary", c.primary}, {"livesWith", c.lives_with}, {"emergency", c.emergency},
                                {"legalGuardian", c.legal_guardian}, {"restrictions", c.restrictions}});
  }
  std::vector<const record::ContactRecord*> timeline;
  for (const auto& c : r.contact_records) timeline.push_back(&c);
  std::stable_sort(timeline.begin(), timeline.end(), [](const auto* a, const auto* b) { return a->at > b->at; });
  view["engagement"] = {{"total", timeline.size()}, {"timeline", Json::array()},
                        {"lastContact", model.last_contact ? contact_json(*model.last_contact) : Json()}};
  for (const auto* c : timeline) view["engagement"]["timeline"].push_back(contact_json(*c));
  return view;
}

Result<Json> summarize(const bundle::Bundle& bundle, const Options& options) {
  auto computed = compute(bundle, options);
  if (!computed) return computed.error();
  const Model& model = *computed;
  Json summary;
  summary["student"] = {{"id", model.record.student.id}, {"displayName", model.record.student.display_name}};
  summary["today"] = format_date(options.today);
  summary["attendance"] = attendance_core(model.attendance);
  summary["courses"] = Json::array();
  for (const auto& c : model.grades.courses) {
    summary["courses"].push_back({{"id", c.course->id}, {"title", c.course->title},
                                  {"currentGrade", grade_json(c.current)}, {"missing", c.missing}});
  }
  summary["missingAssignments"] = model.grades.missing.size();
  summary["lastContact"] = model.last_contact ? Json{{"at", timestamp::format_rfc3339(model.last_contact->at)},
                                                     {"direction", model.last_contact->direction},
                                                     {"channel", model.last_contact->channel},
                                                     {"outcome", model.last_contact->outcome}}
                                              : Json();
  return summary;
}

}  // namespace fep::view
