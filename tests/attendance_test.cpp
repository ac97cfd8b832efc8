// Attendance with hand-computed expectations (tests/record_fixture.h: 20 school days in September).
#include "core/record/attendance.h"

#include <gtest/gtest.h>

#include "record_fixture.h"
#include "test_support.h"

namespace fep {
namespace {

using record::attendance::DayStatus;
using record::attendance::Rule;
using record::attendance::Tier;
using test::add_event;
using test::base_record;
using test::day;
using test::parsed;

record::attendance::Summary run(const json::Json& json, const char* today = "2025-09-26",
                                Rule rule = Rule::percent_10) {
  return record::attendance::summarize(parsed(json), day(today), rule);
}

DayStatus status_on(const record::attendance::Summary& s, const char* date) {
  for (const auto& d : s.days) {
    if (d.day == day(date)) return d.status;
  }
  ADD_FAILURE() << date << " not in the calendar";
  return DayStatus::no_school;
}

TEST(Attendance, NoEventsMeansPresentEveryDay) {
  const auto s = run(base_record());
  EXPECT_EQ(s.days_enrolled, 20);
  EXPECT_EQ(s.days_enrolled_year, 20);
  EXPECT_EQ(s.absent_millidays, 0);
  EXPECT_EQ(s.tier, Tier::satisfactory);
  EXPECT_FALSE(s.chronically_absent);
  EXPECT_EQ(s.absences_until_chronic, 1);  // 1 more = 5 %; 2 would reach 10 %
  EXPECT_EQ(status_on(s, "2025-09-03"), DayStatus::present);
  EXPECT_EQ(status_on(s, "2025-09-06"), DayStatus::no_school);  // Saturday
}

TEST(Attendance, TierBoundariesAreExactAtFiveTenAndTwentyPercent) {
  struct Case {
    double absent;
    Tier tier;
    bool chronic;
    int until;
  };
  // 20 days: 5 % = 1 day, 10 % = 2 days, 20 % = 4 days.
  const Case cases[] = {
      {0.999, Tier::satisfactory, false, 1},    {1.0, Tier::at_risk, false, 0},
      {1.999, Tier::at_risk, false, 0},         {2.0, Tier::moderate_chronic, true, 0},
      {3.999, Tier::moderate_chronic, true, 0}, {4.0, Tier::severe_chronic, true, 0},
  };
  for (const auto& c : cases) {
    auto record = base_record();
    double left = c.absent;
    for (const char* date : {"2025-09-02", "2025-09-03", "2025-09-04", "2025-09-05"}) {
      if (left <= 0) break;
      add_event(record, date, "Excused Absence", std::min(left, 1.0));
      left -= 1.0;
    }
    const auto s = run(record);
    EXPECT_EQ(s.absent_millidays, static_cast<int>(c.absent * 1000 + 0.5)) << c.absent;
    EXPECT_EQ(s.tier, c.tier) << c.absent;
    EXPECT_EQ(s.chronically_absent, c.chronic) << c.absent;
    EXPECT_EQ(s.absences_until_chronic, c.until) << c.absent;
  }
}

TEST(Attendance, FifteenDayRuleIsSelectableAndSaysWhichRuleWasUsed) {
  auto record = base_record();
  record["schools"][0]["calendarDates"] = test::weekdays("2025-09-01", "2026-01-16");  // 20 weeks = 100 days
  for (int i = 0; i < 12; ++i)
    add_event(record, record::timestamp::format_date(day("2025-09-01") + date::days{7 * i}).c_str(),
              "Unexcused Absence");
  const auto ten = run(record, "2026-01-16", Rule::percent_10);
  const auto fifteen = run(record, "2026-01-16", Rule::days_15);
  EXPECT_EQ(ten.days_enrolled, 100);
  EXPECT_EQ(ten.absent_millidays, 12000);
  EXPECT_TRUE(ten.chronically_absent);  // 12 %
  EXPECT_EQ(ten.rule, Rule::percent_10);
  EXPECT_FALSE(fifteen.chronically_absent);  // 12 < 15 days
  EXPECT_EQ(fifteen.rule, Rule::days_15);
  EXPECT_EQ(fifteen.absences_until_chronic, 2);     // 14 stays under 15
  EXPECT_EQ(fifteen.tier, Tier::moderate_chronic);  // tiers always use the rate
  add_event(record, "2026-01-15", "Unexcused Absence");
  add_event(record, "2026-01-16", "Unexcused Absence");
  add_event(record, "2026-01-14", "Suspension");
  EXPECT_TRUE(run(record, "2026-01-16", Rule::days_15).chronically_absent);  // exactly 15
}

TEST(Attendance, AbsencesUntilChronicLooksAtTheWholeYear) {
  auto record = base_record();
  record["schools"][0]["calendarDates"] = test::weekdays("2025-09-01", "2026-01-16");  // 100 days in the year
  add_event(record, "2025-09-02", "Excused Absence");
  add_event(record, "2025-09-03", "Excused Absence", 0.5);
  const auto s = run(record, "2025-09-12");  // 10 days so far
  EXPECT_EQ(s.days_enrolled, 10);
  EXPECT_EQ(s.days_enrolled_year, 100);
  EXPECT_EQ(s.absent_millidays, 1500);
  EXPECT_EQ(s.tier, Tier::moderate_chronic);  // 15 % so far
  EXPECT_TRUE(s.chronically_absent);
  EXPECT_EQ(s.absences_until_chronic, 8);  // 1.5 + 8 = 9.5 < 10; 1.5 + 9 = 10.5 >= 10 % of 100
  EXPECT_EQ(status_on(s, "2025-09-15"), DayStatus::future);
}

TEST(Attendance, LeapDayIsAnOrdinarySchoolDay) {
  auto record = base_record();
  record["schoolYear"] = 2024;  // the 2023-2024 school year holds the leap day
  record["schools"][0]["calendarDates"] = test::weekdays("2024-02-26", "2024-03-01");
  record["enrollments"][0]["entryDate"] = "2024-02-26";
  add_event(record, "2024-02-29", "Unexcused Absence");
  const auto s = run(record, "2024-03-01");
  EXPECT_EQ(s.days_enrolled, 5);
  EXPECT_EQ(s.absent_millidays, 1000);
  EXPECT_EQ(status_on(s, "2024-02-29"), DayStatus::unexcused_absence);
  EXPECT_EQ(s.absent_by_weekday[3], 1000);  // a Thursday
}

TEST(Attendance, TransferWithAGapCountsBothSchoolsAndNotTheGap) {
  auto record = base_record();
  record["schools"].push_back(
      {{"id", "B"}, {"name", "School B"}, {"calendarDates", test::weekdays("2025-09-01", "2025-09-26")}});
  record["enrollments"][0]["exitWithdrawDate"] = "2025-09-12";
  record["enrollments"].push_back({{"schoolId", "B"}, {"entryDate", "2025-09-17"}});
  add_event(record, "2025-09-05", "Excused Absence");              // at A while enrolled there: counts
  add_event(record, "2025-09-15", "Unexcused Absence");            // in the gap: outside enrollment
  add_event(record, "2025-09-18", "Unexcused Absence", 1.0, "A");  // at A after leaving: outside
  add_event(record, "2025-09-19", "Unexcused Absence", 1.0, "B");  // at B: counts
  const auto s = run(record);
  EXPECT_EQ(s.days_enrolled, 18);  // 10 at A + 8 at B
  EXPECT_EQ(s.absent_millidays, 2000);
  EXPECT_EQ(s.events_outside_enrollment, 2);
  EXPECT_EQ(status_on(s, "2025-09-15"), DayStatus::not_enrolled);
  EXPECT_EQ(status_on(s, "2025-09-16"), DayStatus::not_enrolled);
  EXPECT_EQ(status_on(s, "2025-09-19"), DayStatus::unexcused_absence);
  EXPECT_TRUE(s.chronically_absent);  // 2 of 18 = 11.1 %
}

TEST(Attendance, DuplicateAndOverlappingEventsOnOneDayNeverAddUp) {
  auto record = base_record();
  add_event(record, "2025-09-02", "Unexcused Absence");
  add_event(record, "2025-09-02", "Unexcused Absence");  // exported twice
  add_event(record, "2025-09-03", "Excused Absence");
  add_event(record, "2025-09-03", "Unexcused Absence", 0.5);  // the larger absence names the day
  add_event(record, "2025-09-04", "Excused Absence");
  add_event(record, "2025-09-04", "Suspension");  // equal amounts: the more serious category
  add_event(record, "2025-09-05", "Tardy");
  add_event(record, "2025-09-05", "Partial", 0.25);
  const auto s = run(record);
  EXPECT_EQ(s.absent_millidays, 1000 + 1000 + 1000 + 250);
  EXPECT_EQ(status_on(s, "2025-09-02"), DayStatus::unexcused_absence);
  EXPECT_EQ(status_on(s, "2025-09-03"), DayStatus::excused_absence);
  EXPECT_EQ(status_on(s, "2025-09-04"), DayStatus::suspension);
  EXPECT_EQ(status_on(s, "2025-09-05"), DayStatus::partial);
  EXPECT_EQ(s.tardies, 0);  // a tardy on a day with an absence is not counted twice
}

TEST(Attendance, SchoolLevelEventsDecideOverSectionLevelOnesThatDay) {
  auto record = base_record();
  add_event(record, "2025-09-08", "Tardy");
  for (const char* section : {"A-1", "A-2", "A-3"})
    add_event(record, "2025-09-08", "Unexcused Absence", 1.0, "A", section);
  const auto s = run(record);
  EXPECT_EQ(s.absent_millidays, 0);
  EXPECT_EQ(s.tardies, 1);
  EXPECT_EQ(status_on(s, "2025-09-08"), DayStatus::tardy);
}

TEST(Attendance, SectionLevelEventsAloneCountByShareOfThePeriods) {
  auto record = base_record();
  add_event(record, "2025-09-09", "Unexcused Absence", 1.0, "A", "A-1");
  add_event(record, "2025-09-09", "Unexcused Absence", 1.0, "A", "A-2");
  add_event(record, "2025-09-09", "Unexcused Absence", 1.0, "A", "A-2");  // same section twice: once
  for (int p = 1; p <= 7; ++p)
    add_event(record, "2025-09-10", "Excused Absence", 1.0, "A", ("A-" + std::to_string(p)).c_str());
  add_event(record, "2025-09-11", "Tardy", 1.0, "A", "A-1");
  const auto s = run(record);
  EXPECT_EQ(s.absent_millidays, 286 + 1000);  // 2/7 of a day, rounded to the thousandth; all 7 periods
  EXPECT_EQ(status_on(s, "2025-09-09"), DayStatus::partial);
  EXPECT_EQ(status_on(s, "2025-09-10"), DayStatus::excused_absence);
  EXPECT_EQ(status_on(s, "2025-09-11"), DayStatus::tardy);
  // Without periodsPerDay, the student's number of sections in the school is the day.
  record["schools"][0].erase("periodsPerDay");
  EXPECT_EQ(run(record).absent_millidays, 286 + 1000);
}

TEST(Attendance, MonthWeekdayStreakAndEarlySignal) {
  auto record = base_record();
  record["schools"][0]["calendarDates"] = test::weekdays("2025-09-01", "2025-12-19");
  add_event(record, "2025-09-01", "Excused Absence");       // Mon
  add_event(record, "2025-09-12", "Unexcused Absence");     // Fri: streak over the weekend...
  add_event(record, "2025-09-15", "Unexcused Absence");     // Mon
  add_event(record, "2025-09-16", "Unexcused Absence");     // Tue ...of 3
  add_event(record, "2025-10-01", "Excused Absence", 0.5);  // Wed
  add_event(record, "2025-11-03", "Excused Absence");       // Mon
  const auto s = run(record, "2025-12-19");
  EXPECT_EQ(s.longest_absence_streak, 3);
  EXPECT_EQ(s.absent_by_weekday[0], 3000);
  EXPECT_EQ(s.absent_by_weekday[1], 1000);
  EXPECT_EQ(s.absent_by_weekday[2], 500);
  EXPECT_EQ(s.absent_by_weekday[4], 1000);
  ASSERT_EQ(s.by_month.size(), 4u);
  EXPECT_EQ(s.by_month[0].days_enrolled, 22);  // September 2025 has 22 weekdays
  EXPECT_EQ(s.by_month[0].absent_millidays, 4000);
  EXPECT_EQ(s.by_month[1].absent_millidays, 500);
  // Early signal: 2, 4, 6 days by the ends of months 1, 2, 3 after 2025-09-01.
  ASSERT_EQ(s.early_signal.size(), 3u);
  EXPECT_EQ(s.early_signal[0].window_end, day("2025-10-01"));
  EXPECT_EQ(s.early_signal[0].missed_millidays, 4000);
  EXPECT_TRUE(s.early_signal[0].flagged);
  EXPECT_EQ(s.early_signal[1].missed_millidays, 4500);  // by 2025-11-01
  EXPECT_TRUE(s.early_signal[1].flagged);
  EXPECT_EQ(s.early_signal[2].missed_millidays, 5500);  // by 2025-12-01
  EXPECT_FALSE(s.early_signal[2].flagged);
  EXPECT_TRUE(s.early_signal[2].complete);
}

TEST(Attendance, EventsOnDaysWithoutSchoolAreIgnored) {
  auto record = base_record();
  add_event(record, "2025-09-06", "Unexcused Absence");  // Saturday
  add_event(record, "2025-10-06", "Unexcused Absence");  // after the calendar
  const auto s = run(record);
  EXPECT_EQ(s.absent_millidays, 0);
  EXPECT_EQ(s.events_outside_enrollment, 2);
}

}  // namespace
}  // namespace fep
