#include "core/view/dashboard.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/record/timestamp.h"
#include "core/view/suppression.h"

namespace fep::view {
namespace {

using json::Json;
using record::Day;
using record::Record;
namespace attendance = record::attendance;

// A two-way contact: the family reached (school to family, outcome reached) or the family writing.
bool two_way(const record::ContactRecord& c) {
  return c.direction == contact::Direction::family_to_school || c.outcome == contact::Outcome::reached;
}

Day day_of(date::sys_seconds at) { return date::floor<date::days>(at); }

bool has_topic(const record::ContactRecord& c, contact::Topic topic) {
  return std::find(c.topics.begin(), c.topics.end(), topic) != c.topics.end();
}

// "This term": the grading period that holds today (the first when periods overlap); none in a break.
std::optional<record::GradingPeriod> term_of(const Record& r, Day today) {
  for (const auto& period : r.grading_periods) {
    if (period.begin_date <= today && today <= period.end_date) return period;
  }
  return std::nullopt;
}

double share(std::size_t part, std::size_t whole) { return whole ? static_cast<double>(part) / whole : 0.0; }
double rounded(double value, double unit = 10000.0) { return std::round(value * unit) / unit; }

// Everything the dashboard needs of one student, computed once.
struct Student {
  const Record* record = nullptr;
  attendance::Summary attendance;
  std::optional<Day> last_two_way;  // up to today
  bool reached_30 = false, reached_term = false, reached_year = false;
  std::size_t engagements = 0, home_visits = 0, positive = 0, problem = 0;
  std::optional<int> trust;  // the latest rating, 1..5
};

Student study(const Record& r, const DashboardOptions& options) {
  Student s;
  s.record = &r;
  s.attendance = attendance::summarize(r, options.today, options.rule);
  const auto term = term_of(r, options.today);
  std::optional<date::sys_seconds> trust_at;
  for (const auto& c : r.contact_records) {
    const Day day = day_of(c.at);
    if (day > options.today) continue;
    ++s.engagements;
    if (c.channel == contact::Channel::home_visit) ++s.home_visits;
    if (has_topic(c, contact::Topic::positive_news)) ++s.positive;
    if (has_topic(c, contact::Topic::attendance) || has_topic(c, contact::Topic::academics) ||
        has_topic(c, contact::Topic::behaviour) || has_topic(c, contact::Topic::health))
      ++s.problem;
    if (c.trusting_relationship && (!trust_at || c.at >= *trust_at)) {
      trust_at = c.at;
      s.trust = *c.trusting_relationship;
    }
    if (!two_way(c)) continue;
    s.reached_year = true;
    if (!s.last_two_way || day > *s.last_two_way) s.last_two_way = day;
    if (day > options.today - date::days{30}) s.reached_30 = true;
    if (term && day >= term->begin_date) s.reached_term = true;
  }
  return s;
}

// Subgroups: each student's value in one dimension ("not_reported" when the record has none).
std::string race_ethnicity(const Record& r) {
  if (!r.demographics) return "not_reported";
  if (r.demographics->hispanic_latino_ethnicity.value_or(false)) return "Hispanic or Latino";
  if (r.demographics->races.size() > 1) return "Two or more races";
  if (r.demographics->races.size() == 1) return r.demographics->races[0];
  return "not_reported";
}
std::string yes_no(const std::optional<bool>& value) { return value ? (*value ? "yes" : "no") : "not_reported"; }
std::string text_or_unknown(const std::string& value) { return value.empty() ? "not_reported" : value; }

struct Dimension {
  const char* name;
  std::string (*value)(const Record&);
};
const Dimension kDimensions[] = {
    {"raceEthnicity", race_ethnicity},
    {"sex", [](const Record& r) { return r.demographics ? text_or_unknown(r.demographics->sex) : "not_reported"; }},
    {"englishLearner",
     [](const Record& r) { return r.demographics ? yes_no(r.demographics->english_learner) : "not_reported"; }},
    {"disability",
     [](const Record& r) { return r.demographics ? yes_no(r.demographics->disability) : "not_reported"; }},
    {"economicallyDisadvantaged",
     [](const Record& r) {
       return r.demographics ? yes_no(r.demographics->economically_disadvantaged) : "not_reported";
     }},
    {"homeLanguage",
     [](const Record& r) { return r.demographics ? text_or_unknown(r.demographics->home_language) : "not_reported"; }},
};

// Students' access at home (a learning device, internet), where the record says: the share with it
// among the students whose record says either way.
struct Access {
  std::size_t known = 0, with = 0;
  void add(const std::optional<bool>& value) {
    if (!value) return;
    ++known;
    with += *value;
  }
  Json share() const { return known ? Json(rounded(static_cast<double>(with) / known)) : Json(nullptr); }
  Json json() const { return {{"known", known}, {"with", with}, {"share", share()}}; }
};

// A group's share as shown: the number, or where it would tell every member's status (all or none of
// the group), only that it is at least 95 % or at most 5 % (suppression.h).
Json coded(double value) {
  switch (coding_of(value)) {
    case Coding::at_least:
      return {{"atLeast", kTopCode}};
    case Coding::at_most:
      return {{"atMost", kBottomCode}};
    case Coding::exact:
      break;
  }
  return rounded(value);
}
Json coded(const std::optional<double>& value) { return value ? coded(*value) : Json(nullptr); }
std::optional<double> ratio(std::size_t part, std::size_t whole) {
  return whole ? std::optional<double>(static_cast<double>(part) / whole) : std::nullopt;
}

// Reach and trust per subgroup of one dimension, with small cells suppressed (counts and figures).
Json breakdown(const std::vector<Student>& students, const Dimension& dimension, std::size_t min_cell) {
  std::map<std::string, std::vector<const Student*>> groups;
  for (const auto& s : students) groups[dimension.value(*s.record)].push_back(&s);
  std::vector<std::size_t> counts;
  for (const auto& [name, members] : groups) counts.push_back(members.size());
  const auto kinds = suppress(counts, min_cell);
  Json cells = Json::array();
  // Every group hidden: naming them would still tell who is in the class (one group is everyone).
  if (std::all_of(kinds.begin(), kinds.end(), [](Suppression k) { return k != Suppression::shown; }))
    return {{"dimension", dimension.name}, {"cells", cells}, {"allHidden", true}};
  std::size_t i = 0;
  for (const auto& [name, members] : groups) {
    const Suppression kind = kinds[i++];
    if (kind != Suppression::shown) {
      cells.push_back({{"group", name}, {"suppressed", kind == Suppression::small ? "small" : "complementary"}});
      continue;
    }
    std::size_t reached_30 = 0, reached_year = 0, rated = 0, trusting = 0;
    Access device, internet;
    for (const Student* s : members) {
      device.add(s->record->demographics ? s->record->demographics->device_access : std::nullopt);
      internet.add(s->record->demographics ? s->record->demographics->internet_access : std::nullopt);
      reached_30 += s->reached_30;
      reached_year += s->reached_year;
      if (s->trust) {
        ++rated;
        trusting += *s->trust >= 4;
      }
    }
    cells.push_back({{"group", name},
                     {"suppressed", false},
                     {"students", members.size()},
                     {"reached30", coded(share(reached_30, members.size()))},
                     {"reachedYear", coded(share(reached_year, members.size()))},
                     {"rated", rated},
                     {"trusting", coded(ratio(trusting, rated))},
                     {"deviceAccess", coded(ratio(device.with, device.known))},
                     {"internetAccess", coded(ratio(internet.with, internet.known))}});
  }
  return {{"dimension", dimension.name}, {"cells", cells}, {"allHidden", false}};
}

// The attendance rate over enrolled school days in [from, to).
std::optional<double> rate_between(const attendance::Summary& summary, Day from, Day to) {
  int enrolled = 0, missed = 0;
  for (const auto& d : summary.days) {
    if (d.day < from || d.day >= to) continue;
    if (d.status == attendance::DayStatus::no_school || d.status == attendance::DayStatus::not_enrolled ||
        d.status == attendance::DayStatus::future)
      continue;
    ++enrolled;
    missed += d.absent_millidays;
  }
  if (!enrolled) return std::nullopt;
  return rounded(1.0 - missed / (enrolled * 1000.0));
}

Json student_ref(const Student& s) {
  return {{"id", s.record->student.id}, {"displayName", s.record->student.display_name}};
}

Json date_or_null(const std::optional<Day>& day) {
  return day ? Json(record::timestamp::format_date(*day)) : Json(nullptr);
}

}  // namespace

Json dashboard(const std::vector<Record>& records, const DashboardOptions& options) {
  std::vector<Student> students;
  students.reserve(records.size());
  for (const auto& r : records) students.push_back(study(r, options));
  const std::size_t n = students.size();

  std::size_t reached_30 = 0, reached_term = 0, reached_year = 0, engagements = 0, home_visits = 0, visited = 0,
              positive = 0, problem = 0, rated = 0, trusting = 0;
  std::vector<std::size_t> per_family;
  Json never = Json::array();
  for (const auto& s : students) {
    reached_30 += s.reached_30;
    reached_term += s.reached_term;
    reached_year += s.reached_year;
    engagements += s.engagements;
    per_family.push_back(s.engagements);
    home_visits += s.home_visits;
    visited += s.home_visits > 0;
    positive += s.positive;
    problem += s.problem;
    if (s.trust) {
      ++rated;
      trusting += *s.trust >= 4;
    }
    if (!s.reached_year) never.push_back(student_ref(s));
  }
  std::sort(per_family.begin(), per_family.end());
  const double median =
      per_family.empty()
          ? 0.0
          : (per_family.size() % 2 ? per_family[per_family.size() / 2]
                                   : (per_family[per_family.size() / 2 - 1] + per_family[per_family.size() / 2]) / 2.0);

  Json tiers = {{"satisfactory", 0}, {"at_risk", 0}, {"moderate_chronic", 0}, {"severe_chronic", 0}};
  Json early = Json::array();
  std::vector<const Student*> priority;
  std::map<date::year_month, std::pair<long, long>> months;  // enrolled days, absent millidays
  for (const auto& s : students) {
    tiers[std::string(attendance::to_string(s.attendance.tier))] =
        tiers[std::string(attendance::to_string(s.attendance.tier))].get<int>() + 1;
    for (const auto& signal : s.attendance.early_signal) {
      if (!signal.flagged) continue;
      Json entry = student_ref(s);
      entry["month"] = signal.month;
      entry["daysMissed"] = signal.missed_millidays / 1000.0;
      early.push_back(std::move(entry));
      break;
    }
    for (const auto& m : s.attendance.by_month) {
      months[m.month].first += m.days_enrolled;
      months[m.month].second += m.absent_millidays;
    }
    const bool at_risk = s.attendance.chronically_absent || s.attendance.tier != attendance::Tier::satisfactory;
    const bool recently_reached =
        s.last_two_way && *s.last_two_way > options.today - date::days{options.no_contact_days};
    if (at_risk && !recently_reached) priority.push_back(&s);
  }
  std::stable_sort(priority.begin(), priority.end(), [](const Student* a, const Student* b) {
    return a->attendance.absent_millidays > b->attendance.absent_millidays;
  });
  Json priority_list = Json::array();
  for (const Student* s : priority) {
    Json entry = student_ref(*s);
    entry["daysAbsent"] = s->attendance.absent_millidays / 1000.0;
    entry["rate"] = rounded(s->attendance.rate());
    entry["tier"] = attendance::to_string(s->attendance.tier);
    entry["chronicallyAbsent"] = s->attendance.chronically_absent;
    entry["lastReached"] = date_or_null(s->last_two_way);
    priority_list.push_back(std::move(entry));
  }
  Json trend = Json::array();
  for (const auto& [month, totals] : months) {
    char label[16];
    std::snprintf(label, sizeof label, "%04d-%02u", static_cast<int>(month.year()),
                  static_cast<unsigned>(month.month()));
    trend.push_back({{"month", label},
                     {"daysEnrolled", totals.first},
                     {"rate", totals.first ? rounded(totals.second / (totals.first * 1000.0)) : 0.0}});
  }

  // Attendance interventions: the rate over the four weeks before one started and since (four weeks).
  Json interventions = Json::array();
  for (const auto& s : students) {
    for (const auto& i : s.record->interventions) {
      if (i.intervention_class != "Attendance") continue;
      Json entry = student_ref(s);
      entry["intervention"] = i.id;
      entry["since"] = record::timestamp::format_date(i.begin_date);
      const auto before = rate_between(s.attendance, i.begin_date - date::days{28}, i.begin_date);
      const auto after = rate_between(s.attendance, i.begin_date,
                                      std::min(i.begin_date + date::days{28}, options.today + date::days{1}));
      entry["attendanceBefore"] = before ? Json(*before) : Json(nullptr);
      entry["attendanceAfter"] = after ? Json(*after) : Json(nullptr);
      interventions.push_back(std::move(entry));
    }
  }

  Access device, internet;
  for (const auto& s : students) {
    device.add(s.record->demographics ? s.record->demographics->device_access : std::nullopt);
    internet.add(s.record->demographics ? s.record->demographics->internet_access : std::nullopt);
  }

  Json breakdowns = Json::array();
  for (const auto& dimension : kDimensions) breakdowns.push_back(breakdown(students, dimension, options.min_cell));

  return {{"today", record::timestamp::format_date(options.today)},
          {"rule", attendance::to_string(options.rule)},
          {"minCell", options.min_cell},
          {"students", n},
          {"reach",
           {{"last30Days", rounded(share(reached_30, n))},
            {"term", rounded(share(reached_term, n))},
            {"year", rounded(share(reached_year, n))},
            {"reachedYear", reached_year},
            {"engagements", engagements},
            {"engagementsPerFamily", rounded(share(engagements, n), 100.0)},
            {"engagementsPerFamilyMedian", median},
            {"positive", positive},
            {"problemFocused", problem},
            {"homeVisits", home_visits},
            {"familiesVisited", visited},
            {"neverReached", never}}},
          {"trust",
           {{"rated", rated},
            {"trusting", trusting},
            {"share", rated ? Json(rounded(share(trusting, rated))) : Json(nullptr)}}},
          {"breakdowns", breakdowns},
          {"chronicAbsence",
           {{"tiers", tiers},
            {"earlySignal", early},
            {"trend", trend},
            {"noContactDays", options.no_contact_days},
            {"priority", priority_list}}},
          {"interventions", interventions},
          {"access", {{"device", device.json()}, {"internet", internet.json()}}}};
}

std::string render_dashboard(const std::vector<Record>& records, const DashboardOptions& options) {
  return dashboard(records, options).dump();
}

}  // namespace fep::view
