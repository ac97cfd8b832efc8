// Attendance across all of a year's enrollments (docs/record-schema.md, "Attendance rules").
// Absences are counted in thousandths of a day so every threshold is decided exactly.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/record/record.h"

namespace fep::record::attendance {

using record::Day;

// Chronic absence: 10 % or more of days enrolled (Attendance Works; the default), or 15 or more days
// (the federal / Ed-Fi use-case definition).
enum class Rule : std::uint8_t { percent_10, days_15 };
// Attendance Works tiers: < 5 %, 5 % to < 10 %, 10 % to < 20 %, >= 20 % of days enrolled.
enum class Tier : std::uint8_t { satisfactory, at_risk, moderate_chronic, severe_chronic };

enum class DayStatus : std::uint8_t {
  no_school,     // not a school day in the calendar of the school the student attends
  not_enrolled,  // a school day outside every enrollment (a gap between schools)
  future,        // an enrolled school day after today
  present,
  excused_absence,
  unexcused_absence,
  suspension,
  partial,  // part of the day missed
  tardy,
  early_departure,
};

struct DayResult {
  Day day;
  DayStatus status = DayStatus::no_school;
  int absent_millidays = 0;
};

struct MonthTotals {
  date::year_month month;
  int days_enrolled = 0;  // up to today
  int absent_millidays = 0;
};

struct EarlySignal {
  int month = 0;             // 1, 2, 3: the first, second, third month after the first enrolled day
  Day window_end;            // exclusive
  int missed_millidays = 0;  // up to today
  int threshold_days = 0;    // 2, 4, 6
  bool complete = false;     // the window has ended
  bool flagged = false;      // missed >= threshold
};

struct Summary {
  Rule rule = Rule::percent_10;
  int days_enrolled = 0;       // enrolled school days up to and including today
  int days_enrolled_year = 0;  // enrolled school days in the whole year, today's enrollments continuing
  bool year_ended = false;     // today is after the last enrolled school day: no day is left to miss
  int absent_millidays = 0;
  int tardies = 0;
  int early_departures = 0;
  Tier tier = Tier::satisfactory;
  bool chronically_absent = false;
  int absences_until_chronic = 0;  // further full-day absences this year that keep the student under the line
  int longest_absence_streak = 0;  // consecutive enrolled school days fully missed
  int events_outside_enrollment = 0;
  std::vector<DayResult> days;  // every date from the first to the last calendar date of the attended schools
  std::vector<MonthTotals> by_month;
  std::array<int, 7> absent_by_weekday{};  // millidays, Monday first
  std::vector<EarlySignal> early_signal;

  double rate() const { return days_enrolled ? absent_millidays / (days_enrolled * 1000.0) : 0.0; }
};

Summary summarize(const record::Record& record, Day today, Rule rule = Rule::percent_10);

std::string_view to_string(Rule rule);
std::string_view to_string(Tier tier);
std::string_view to_string(DayStatus status);

}  // namespace fep::record::attendance
