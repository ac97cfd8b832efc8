// Grades and assignments with hand-checked statuses.
#include "core/record/grades.h"

#include <gtest/gtest.h>

#include "core/record/timestamp.h"
#include "record_fixture.h"
#include "test_support.h"

namespace fep {
namespace {

using record::grades::Status;
using test::day;

constexpr auto kLastViewed = record::timestamp::from_epoch(1757000000);  // 2025-09-04T15:33:20Z

json::Json graded_record() {
  auto json = test::base_record();
  json["gradingPeriods"] = {
      {{"id", "q1"}, {"name", "Quarter 1"}, {"beginDate", "2025-09-01"}, {"endDate", "2025-09-12"}},
      {{"id", "q2"}, {"name", "Quarter 2"}, {"beginDate", "2025-09-15"}, {"endDate", "2025-09-26"}}};
  const auto entry = [](const char* id, const char* due) {
    return json::Json{{"id", id}, {"sectionId", "A-1"}, {"title", id}, {"dueDate", due}, {"maxPoints", 10}};
  };
  json["gradebookEntries"] = {
      entry("missing-none", "2025-09-09"), entry("missing-marked", "2025-09-08"), entry("due-today", "2025-09-10"),
      entry("future", "2025-09-20"),       entry("late", "2025-09-05"),           entry("exempt", "2025-09-03"),
      entry("graded", "2025-09-04"),       entry("submitted", "2025-09-09"),      entry("returned", "2025-09-02")};
  json["studentGradebookEntries"] = {
      {{"gradebookEntryId", "missing-marked"}, {"submissionStatus", "Not Submitted"}},
      {{"gradebookEntryId", "late"},
       {"pointsEarned", 7},
       {"submissionStatus", "Graded"},
       {"lateStatus", "Late"},
       {"updatedAt", "2025-09-08T10:00:00Z"}},
      {{"gradebookEntryId", "exempt"}, {"submissionStatus", "Exempt"}},
      {{"gradebookEntryId", "graded"},
       {"pointsEarned", 12},
       {"updatedAt", "2025-09-04T10:00:00Z"}},  // over max: extra credit
      {{"gradebookEntryId", "submitted"}, {"submissionStatus", "Submitted"}},
      {{"gradebookEntryId", "returned"}, {"submissionStatus", "Returned"}, {"letter", "B"}},
  };
  json["grades"] = {
      {{"sectionId", "A-1"},
       {"gradingPeriodId", "q1"},
       {"gradeType", "Grading Period"},
       {"letter", "B+"},
       {"numeric", 88}},
      {{"sectionId", "A-1"},
       {"gradeType", "Progress Report"},
       {"letter", "B"},
       {"current", true},
       {"asOf", "2025-09-05"}},
      {{"sectionId", "A-1"},
       {"gradeType", "Progress Report"},
       {"letter", "A-"},
       {"numeric", 90.5},
       {"current", true},
       {"asOf", "2025-09-09"},
       {"updatedAt", "2025-09-09T18:00:00Z"}},
  };
  return json;
}

TEST(Grades, EachAssignmentGetsTheFirstStatusThatApplies) {
  const auto record = test::parsed(graded_record());
  const auto s = record::grades::summarize(record, day("2025-09-10"), kLastViewed);
  ASSERT_EQ(s.courses.size(), 2u);  // math (periods 1-6) and art (period 7)
  const auto& math = s.courses[0];
  EXPECT_EQ(math.course->id, "math");
  std::map<std::string, Status> statuses;
  for (const auto& a : math.assignments) statuses[a.entry->id] = a.status;
  EXPECT_EQ(statuses["missing-none"], Status::missing);    // no result, due yesterday
  EXPECT_EQ(statuses["missing-marked"], Status::missing);  // Not Submitted, past due
  EXPECT_EQ(statuses["due-today"], Status::upcoming);      // due today is not missing yet
  EXPECT_EQ(statuses["future"], Status::upcoming);
  EXPECT_EQ(statuses["late"], Status::late);
  EXPECT_EQ(statuses["exempt"], Status::exempt);
  EXPECT_EQ(statuses["graded"], Status::graded);
  EXPECT_EQ(statuses["submitted"], Status::submitted);
  EXPECT_EQ(statuses["returned"], Status::graded);
  EXPECT_EQ(math.missing, 2);
  // Missing work first, oldest due date first.
  EXPECT_EQ(math.assignments[0].entry->id, "missing-marked");
  EXPECT_EQ(math.assignments[1].entry->id, "missing-none");
  ASSERT_EQ(s.missing.size(), 2u);
  EXPECT_EQ(s.missing[0].entry->id, "missing-marked");
}

TEST(Grades, CurrentGradeIsTheLatestCurrentOneAndPeriodGradesAreKept) {
  const auto record = test::parsed(graded_record());
  const auto s = record::grades::summarize(record, day("2025-09-10"), kLastViewed);
  const auto& math = s.courses[0];
  ASSERT_NE(math.current, nullptr);
  EXPECT_EQ(math.current->letter, "A-");
  ASSERT_EQ(math.by_period.size(), 1u);
  EXPECT_EQ(math.by_period[0].grade->letter, "B+");
  // A course with no graded work has no grade and nothing missing.
  const auto& art = s.courses[1];
  EXPECT_EQ(art.current, nullptr);
  EXPECT_TRUE(art.assignments.empty());
  EXPECT_EQ(art.missing, 0);
}

TEST(Grades, NewSinceLastViewedCountsOnlyLaterUpdates) {
  const auto record = test::parsed(graded_record());
  const auto s = record::grades::summarize(record, day("2025-09-10"), kLastViewed);
  EXPECT_EQ(s.courses[0].new_items, 2);  // the late result (09-08) and the current grade (09-09); not 09-04
  std::set<std::string> fresh;
  for (const auto& a : s.courses[0].assignments) {
    if (a.is_new) fresh.insert(a.entry->id);
  }
  EXPECT_EQ(fresh, std::set<std::string>{"late"});
  EXPECT_EQ(record::grades::summarize(record, day("2025-09-10"), std::nullopt).new_items,
            0);  // never viewed: nothing is "new"
}

TEST(Grades, ACourseKeepsItsHistoryAcrossATransfer) {
  auto json = graded_record();
  json["schools"].push_back(
      {{"id", "B"}, {"name", "School B"}, {"calendarDates", test::weekdays("2025-09-01", "2025-09-26")}});
  json["sections"].push_back(
      {{"id", "B-3"}, {"courseId", "math"}, {"schoolId", "B"}, {"classPeriod", 3}, {"teacher", "Mr. B"}});
  json["grades"].push_back(
      {{"sectionId", "B-3"}, {"gradingPeriodId", "q2"}, {"gradeType", "Grading Period"}, {"letter", "A"}});
  const auto record = test::parsed(json);
  const auto s = record::grades::summarize(record, day("2025-09-10"), kLastViewed);
  const auto math = std::find_if(s.courses.begin(), s.courses.end(),
                                 [](const record::grades::Course& c) { return c.course->id == "math"; });
  ASSERT_NE(math, s.courses.end());
  EXPECT_EQ(math->sections.size(), 7u);  // six at A, one at B
  EXPECT_EQ(math->sections.back()->id, "B-3");
  ASSERT_EQ(math->by_period.size(), 2u);
  EXPECT_EQ(math->by_period[0].grade->letter, "B+");  // Quarter 1 at A
  EXPECT_EQ(math->by_period[1].grade->letter, "A");   // Quarter 2 at B
}

}  // namespace
}  // namespace fep
