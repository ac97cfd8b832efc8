#include "core/record/attendance.h"

#include <algorithm>
#include <map>
#include <set>

namespace fep::record::attendance {
namespace {

using record::AttendanceCategory;
using record::AttendanceEvent;

bool is_absence(AttendanceCategory c) {
  return c == AttendanceCategory::excused_absence || c == AttendanceCategory::unexcused_absence ||
         c == AttendanceCategory::suspension;
}

int absence_of(const AttendanceEvent& e) {
  return is_absence(e.category) || e.category == AttendanceCategory::partial ? e.duration_millidays : 0;
}

// Which absence category names a day when several are present: the most serious.
int severity(AttendanceCategory c) {
  switch (c) {
    case AttendanceCategory::suspension:
      return 4;
    case AttendanceCategory::unexcused_absence:
      return 3;
    case AttendanceCategory::excused_absence:
      return 2;
    case AttendanceCategory::partial:
      return 1;
    default:
      return 0;
  }
}

DayStatus status_of(AttendanceCategory c) {
  switch (c) {
    case AttendanceCategory::excused_absence:
      return DayStatus::excused_absence;
    case AttendanceCategory::unexcused_absence:
      return DayStatus::unexcused_absence;
    case AttendanceCategory::suspension:
      return DayStatus::suspension;
    case AttendanceCategory::partial:
      return DayStatus::partial;
    case AttendanceCategory::tardy:
      return DayStatus::tardy;
    case AttendanceCategory::early_departure:
      return DayStatus::early_departure;
    default:
      return DayStatus::present;
  }
}

bool any_of_category(const std::vector<const AttendanceEvent*>& events, AttendanceCategory c) {
  return std::any_of(events.begin(), events.end(), [c](const AttendanceEvent* e) { return e->category == c; });
}

// Rule 1: school-level events decide the day. Several on one day (duplicates, or an absence and a
// tardy) never add up: the day's absence is the largest one, named by its most serious category.
DayResult resolve_school_events(Day day, const std::vector<const AttendanceEvent*>& events) {
  DayResult result{day, DayStatus::present, 0};
  const AttendanceEvent* worst = nullptr;
  for (const auto* e : events) {
    const int amount = absence_of(*e);
    if (amount == 0) continue;
    if (!worst || amount > absence_of(*worst) ||
        (amount == absence_of(*worst) && severity(e->category) > severity(worst->category))) {
      worst = e;
    }
  }
  if (worst) {
    result.absent_millidays = absence_of(*worst);
    result.status = worst->duration_millidays < 1000 && worst->category != AttendanceCategory::partial
                        ? DayStatus::partial
                        : status_of(worst->category);
  } else if (any_of_category(events, AttendanceCategory::tardy)) {
    result.status = DayStatus::tardy;
  } else if (any_of_category(events, AttendanceCategory::early_departure)) {
    result.status = DayStatus::early_departure;
  }
  return result;
}

// Rule 2: with no school-level event that day, section-level events count by share of the school
// day: periods missed / periods in the day (the school's periodsPerDay, else the student's number of
// sections there). Each section counts once however many events it has.
DayResult resolve_section_events(Day day, const std::vector<const AttendanceEvent*>& events, int periods_per_day) {
  DayResult result{day, DayStatus::present, 0};
  std::set<std::string> missed_sections;
  const AttendanceEvent* worst = nullptr;
  for (const auto* e : events) {
    if (!is_absence(e->category)) continue;
    missed_sections.insert(e->section_id);
    if (!worst || severity(e->category) > severity(worst->category)) worst = e;
  }
  const int periods = std::max(periods_per_day, 1);
  const int missed = std::min(static_cast<int>(missed_sections.size()), periods);
  if (missed > 0) {
    result.absent_millidays = missed == periods ? 1000 : (missed * 1000 + periods / 2) / periods;
    result.status = missed == periods ? status_of(worst->category) : DayStatus::partial;
  } else if (any_of_category(events, AttendanceCategory::tardy)) {
    result.status = DayStatus::tardy;
  } else if (any_of_category(events, AttendanceCategory::early_departure)) {
    result.status = DayStatus::early_departure;
  }
  return result;
}

Tier tier_for(int absent_millidays, int days_enrolled) {
  // rate >= p %  <=>  absent_millidays >= p * 10 * days_enrolled, exactly.
  if (days_enrolled == 0) return Tier::satisfactory;
  if (absent_millidays >= 200 * days_enrolled) return Tier::severe_chronic;
  if (absent_millidays >= 100 * days_enrolled) return Tier::moderate_chronic;
  if (absent_millidays >= 50 * days_enrolled) return Tier::at_risk;
  return Tier::satisfactory;
}

Day add_months(Day day, int months) {
  const date::year_month_day ymd{day};
  const auto target = date::year_month{ymd.year(), ymd.month()} + date::months{months};
  const date::year_month_day candidate{target.year(), target.month(), ymd.day()};
  // Jan 31 + 1 month: the window ends with the last day of February.
  return candidate.ok()
             ? Day{candidate}
             : Day{date::year_month_day_last{target.year(), date::month_day_last{target.month()}}} + date::days{1};
}

unsigned weekday_index(Day day) { return date::weekday{day}.iso_encoding() - 1; }  // Monday = 0

}  // namespace

Summary summarize(const record::Record& record, Day today, Rule rule) {
  Summary summary;
  summary.rule = rule;

  // Enrolled school days, each with the school attended that day (the first enrollment wins an overlap).
  std::map<Day, const record::School*> enrolled;
  Day first_calendar_day = Day::max(), last_calendar_day = Day::min();
  for (const auto& enrollment : record.enrollments) {
    const auto* school = record.school(enrollment.school_id);
    for (const auto& [day, event] : school->calendar) {
      first_calendar_day = std::min(first_calendar_day, day);
      last_calendar_day = std::max(last_calendar_day, day);
      const bool inside =
          day >= enrollment.entry_date && (!enrollment.exit_withdraw_date || day <= *enrollment.exit_withdraw_date);
      if (inside && school->is_school_day(day)) enrolled.emplace(day, school);
    }
  }

  // Events that fall on an enrolled day at the school attended that day; the rest are counted apart.
  std::map<Day, std::vector<const AttendanceEvent*>> school_events, section_events;
  for (const auto& e : record.attendance_events) {
    const auto day = enrolled.find(e.date);
    if (day == enrolled.end() || day->second->id != e.school_id) {
      ++summary.events_outside_enrollment;
      continue;
    }
    (e.section_id.empty() ? school_events : section_events)[e.date].push_back(&e);
  }

  std::map<std::string, int> sections_per_school;
  for (const auto& section : record.sections) ++sections_per_school[section.school_id];

  summary.year_ended = !enrolled.empty() && enrolled.rbegin()->first < today;
  std::map<Day, DayResult> resolved;
  for (const auto& [day, school] : enrolled) {
    ++summary.days_enrolled_year;
    if (day > today) {
      resolved[day] = {day, DayStatus::future, 0};
      continue;
    }
    DayResult result{day, DayStatus::present, 0};
    if (const auto it = school_events.find(day); it != school_events.end()) {
      result = resolve_school_events(day, it->second);
    } else if (const auto sit = section_events.find(day); sit != section_events.end()) {
      const int periods = school->periods_per_day ? school->periods_per_day : sections_per_school[school->id];
      result = resolve_section_events(day, sit->second, periods);
    }
    ++summary.days_enrolled;
    summary.absent_millidays += result.absent_millidays;
    summary.tardies += result.status == DayStatus::tardy;
    summary.early_departures += result.status == DayStatus::early_departure;
    summary.absent_by_weekday[weekday_index(day)] += result.absent_millidays;
    resolved[day] = result;
  }

  // Every date of the span, for the month calendar, with month totals and the longest streak.
  int streak = 0;
  for (Day day = first_calendar_day; !enrolled.empty() && day <= last_calendar_day; day += date::days{1}) {
    DayResult result{day, DayStatus::no_school, 0};
    if (const auto it = resolved.find(day); it != resolved.end()) {
      result = it->second;
    } else if (std::any_of(record.schools.begin(), record.schools.end(),
                           [&](const record::School& s) { return s.is_school_day(day); }) &&
               day >= enrolled.begin()->first && day <= enrolled.rbegin()->first) {
      result.status = DayStatus::not_enrolled;
    }
    summary.days.push_back(result);

    const date::year_month_day ymd{day};
    const date::year_month month{ymd.year(), ymd.month()};
    if (summary.by_month.empty() || summary.by_month.back().month != month) summary.by_month.push_back({month});
    if (result.status != DayStatus::no_school && result.status != DayStatus::not_enrolled &&
        result.status != DayStatus::future) {
      ++summary.by_month.back().days_enrolled;
      summary.by_month.back().absent_millidays += result.absent_millidays;
    }
    // A streak runs over enrolled school days fully missed; days without school do not break it.
    if (result.status == DayStatus::no_school) continue;
    streak = result.absent_millidays >= 1000 ? streak + 1 : 0;
    summary.longest_absence_streak = std::max(summary.longest_absence_streak, streak);
  }

  summary.tier = tier_for(summary.absent_millidays, summary.days_enrolled);
  const int line_millidays = rule == Rule::percent_10 ? 100 * summary.days_enrolled_year : 15000;
  summary.chronically_absent =
      rule == Rule::percent_10 ? summary.days_enrolled > 0 && summary.absent_millidays >= 100 * summary.days_enrolled
                               : summary.absent_millidays >= 15000;
  // n more full days keep the year under the line while absent + 1000 n < line.
  const int headroom = line_millidays - summary.absent_millidays;
  summary.absences_until_chronic = headroom > 0 ? (headroom - 1) / 1000 : 0;

  if (!enrolled.empty()) {
    const Day first = enrolled.begin()->first;
    for (int month = 1; month <= 3; ++month) {
      EarlySignal signal{month, add_months(first, month), 0, 2 * month, false, false};
      for (auto it = resolved.begin(); it != resolved.end() && it->first < signal.window_end; ++it) {
        signal.missed_millidays += it->second.absent_millidays;
      }
      signal.complete = signal.window_end <= today + date::days{1};
      signal.flagged = signal.missed_millidays >= signal.threshold_days * 1000;
      summary.early_signal.push_back(signal);
    }
  }
  return summary;
}

std::string_view to_string(Rule rule) { return rule == Rule::percent_10 ? "percent_10" : "days_15"; }

std::string_view to_string(Tier tier) {
  constexpr std::string_view kNames[] = {"satisfactory", "at_risk", "moderate_chronic", "severe_chronic"};
  return kNames[static_cast<int>(tier)];
}

std::string_view to_string(DayStatus status) {
  constexpr std::string_view kNames[] = {"no_school",         "not_enrolled", "future",  "present", "excused_absence",
                                         "unexcused_absence", "suspension",   "partial", "tardy",   "early_departure"};
  return kNames[static_cast<int>(status)];
}

}  // namespace fep::record::attendance
