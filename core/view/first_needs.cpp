#include "core/view/first_needs.h"

#include <algorithm>

#include "core/contact/vocabulary.h"
#include "core/record/attendance.h"
#include "core/record/grades.h"
#include "core/record/timestamp.h"

namespace fep::view {
namespace {

using record::timestamp::format_date;

double days(int millidays) { return millidays / 1000.0; }

json::Json attendance_history(const record::attendance::Summary& a) {
  json::Json by_month = json::Json::array();
  for (const auto& m : a.by_month) {
    if (m.days_enrolled == 0) continue;
    by_month.push_back({{"month", format_date(date::sys_days(m.month / 1)).substr(0, 7)},
                        {"rate", m.absent_millidays / (m.days_enrolled * 1000.0)}});
  }
  return {{"daysEnrolled", a.days_enrolled},
          {"absentDays", days(a.absent_millidays)},
          {"rate", a.rate()},
          {"tier", record::attendance::to_string(a.tier)},
          {"chronicallyAbsent", a.chronically_absent},
          {"byMonth", std::move(by_month)}};
}

// Interventions still running on the day the student left: begun by then, not ended before it.
json::Json open_interventions(const record::Record& record, record::Day departure) {
  json::Json out = json::Json::array();
  for (const auto& i : record.interventions) {
    if (i.begin_date > departure || (i.end_date && *i.end_date < departure)) continue;
    out.push_back({{"class", i.intervention_class},
                   {"purpose", i.purpose},
                   {"since", format_date(i.begin_date)},
                   {"staff", i.staff}});
  }
  return out;
}

json::Json last_contacts(const record::Record& record, record::Day departure, std::size_t count) {
  std::vector<const record::ContactRecord*> contacts;
  for (const auto& c : record.contact_records) {
    if (date::floor<date::days>(c.at) <= departure) contacts.push_back(&c);
  }
  std::sort(contacts.begin(), contacts.end(), [](const auto* a, const auto* b) { return a->at > b->at; });
  json::Json out = json::Json::array();
  for (std::size_t i = 0; i < contacts.size() && i < count; ++i) {
    const auto& c = *contacts[i];
    json::Json topics = json::Json::array();
    for (const auto topic : c.topics) topics.push_back(std::string(contact::kTopics[topic]));
    out.push_back({{"at", record::timestamp::format_rfc3339(c.at)},
                   {"direction", std::string(contact::kDirections[c.direction])},
                   {"channel", std::string(contact::kChannels[c.channel])},
                   {"outcome", c.outcome ? json::Json(std::string(contact::kOutcomes[*c.outcome])) : json::Json()},
                   {"topics", std::move(topics)}});
  }
  return out;
}

json::Json missing_work(const record::Record& record, const record::grades::Summary& grades) {
  json::Json out = json::Json::array();
  for (const auto& a : grades.missing) {
    const auto* section = record.section(a.entry->section_id);
    const auto* course = section ? record.course(section->course_id) : nullptr;
    out.push_back({{"title", a.entry->title},
                   {"course", course ? course->title : std::string()},
                   {"due", a.entry->due_date ? json::Json(format_date(*a.entry->due_date)) : json::Json()}});
  }
  return out;
}

// Each course's grade as of departure (the current grade the district last gave), in class-period order.
json::Json course_grades(const record::grades::Summary& grades) {
  json::Json out = json::Json::array();
  for (const auto& c : grades.courses) {
    if (!c.current) continue;
    out.push_back({{"course", c.course ? c.course->title : std::string()},
                   {"letter", c.current->letter},
                   {"numeric", c.current->numeric ? json::Json(*c.current->numeric) : json::Json()}});
  }
  return out;
}

json::Json languages(const record::Record& record) {
  std::vector<const record::Contact*> contacts;
  for (const auto& c : record.contacts) contacts.push_back(&c);
  // The primary contact first, then by the school's priority.
  std::stable_sort(contacts.begin(), contacts.end(), [](const auto* a, const auto* b) {
    return a->primary != b->primary ? a->primary : a->priority < b->priority;
  });
  json::Json out = json::Json::array();
  for (const auto* c : contacts) {
    out.push_back({{"name", c->name},
                   {"relation", c->relation},
                   {"preferredLanguage", c->preferred_language},
                   {"primary", c->primary}});
  }
  return out;
}

// The day the card is as of: the requested day, or the student's last day at that district when every
// enrollment there has ended before it (work due after the move is not "missing at departure").
record::Day as_of(const record::Record& record, record::Day requested) {
  std::optional<record::Day> last;
  for (const auto& e : record.enrollments) {
    if (!e.exit_withdraw_date) return requested;
    if (!last || *e.exit_withdraw_date > *last) last = e.exit_withdraw_date;
  }
  return last && *last < requested ? *last : requested;
}

}  // namespace

Result<json::Json> first_needs(const trust::Bundle& bundle, const FirstNeedsOptions& options) {
  auto parsed = record::parse(bundle.data());
  if (!parsed) return parsed.error();
  const record::Record& record = *parsed;
  const auto departure = as_of(record, options.departure);
  const auto attendance = record::attendance::summarize(record, departure);
  const auto grades = record::grades::summarize(record, departure, std::nullopt);
  return json::Json{{"issuer", bundle.iss},
                    {"issuerName", options.issuer_name},
                    {"student",
                     {{"id", record.student.id},
                      {"displayName", record.student.display_name},
                      {"gradeLevel", record.student.grade_level}}},
                    {"schoolYear", record.school_year},
                    {"asOf", format_date(departure)},
                    {"attendance", attendance_history(attendance)},
                    {"openInterventions", open_interventions(record, departure)},
                    {"lastContacts", last_contacts(record, departure, options.last_contacts)},
                    {"grades", course_grades(grades)},
                    {"missingWork", missing_work(record, grades)},
                    {"languages", languages(record)}};
}

}  // namespace fep::view
