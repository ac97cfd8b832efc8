// The first-needs card (core/view/first_needs.h): what a new school reads first about a student
// arriving from another district, checked by hand on a 20-school-day month.
#include "core/view/first_needs.h"

#include <gtest/gtest.h>

#include "core/json/document.h"
#include "record_fixture.h"

namespace fep {
namespace {

using test::day;

trust::Bundle bundle_with(json::Json record) {
  return test::bundle_with(std::move(record), "https://lincoln.example.org", 2);
}

json::Json contact(const char* id, const char* at, const char* topic) {
  return {{"id", id},
          {"at", at},
          {"direction", "school_to_family"},
          {"channel", "phone"},
          {"staff", "Ms. Okafor"},
          {"topics", {topic}},
          {"outcome", "reached"}};
}

json::Json departing_student() {
  auto record = test::base_record();
  // Three full days missed of the 15 school days to Friday 2025-09-19: 20 %, severe chronic.
  for (const char* date : {"2025-09-03", "2025-09-10", "2025-09-17"})
    test::add_event(record, date, "Unexcused Absence");
  record["interventions"] = {
      {{"id", "iv-1"}, {"class", "Attendance"}, {"purpose", "Daily check-in"}, {"beginDate", "2025-09-11"}},
      {{"id", "iv-2"}, {"class", "Academic"}, {"beginDate", "2025-09-01"}, {"endDate", "2025-09-05"}},
      {{"id", "iv-3"}, {"class", "Behavior"}, {"beginDate", "2025-09-25"}},  // after the move
  };
  record["contactRecords"] = {
      contact("cr-1", "2025-09-04T15:00:00Z", "attendance"), contact("cr-2", "2025-09-12T15:00:00Z", "academics"),
      contact("cr-3", "2025-09-18T15:00:00Z", "health"), contact("cr-4", "2025-09-16T15:00:00Z", "logistics"),
      contact("cr-5", "2025-09-24T15:00:00Z", "positive_news")};  // after the move
  record["gradebookEntries"] = {
      {{"id", "g-1"}, {"sectionId", "A-1"}, {"title", "Fractions quiz"}, {"dueDate", "2025-09-08"}},
      {{"id", "g-2"}, {"sectionId", "A-7"}, {"title", "Self-portrait"}, {"dueDate", "2025-09-22"}},  // not yet due
  };
  record["gradingPeriods"] = {
      {{"id", "q1"}, {"name", "Quarter 1"}, {"beginDate", "2025-09-01"}, {"endDate", "2025-10-31"}}};
  record["grades"] = {{{"sectionId", "A-1"},
                       {"gradingPeriodId", "q1"},
                       {"gradeType", "Progress Report"},
                       {"letter", "B-"},
                       {"numeric", 81.5},
                       {"current", true},
                       {"asOf", "2025-09-15"}}};
  record["contacts"] = {
      {{"id", "c-2"}, {"name", "Daniel"}, {"relation", "Father"}, {"preferredLanguage", "en"}, {"priority", 2}},
      {{"id", "c-1"},
       {"name", "Rosa"},
       {"relation", "Mother"},
       {"preferredLanguage", "es"},
       {"primary", true},
       {"priority", 1}},
  };
  return record;
}

TEST(FirstNeeds, OneCardOfWhatTheNewSchoolNeedsFirstAsOfTheDayTheStudentLeft) {
  const auto bundle = bundle_with(departing_student());
  const auto card = view::first_needs(bundle, {day("2025-09-19"), "Lincoln County Schools", 3});
  ASSERT_TRUE(card.ok()) << card.error().detail;
  EXPECT_EQ((*card)["issuer"], "https://lincoln.example.org");
  EXPECT_EQ((*card)["issuerName"], "Lincoln County Schools");
  EXPECT_EQ((*card)["asOf"], "2025-09-19");
  const auto& attendance = (*card)["attendance"];
  EXPECT_EQ(attendance["daysEnrolled"], 15);
  EXPECT_DOUBLE_EQ(attendance["absentDays"].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(attendance["rate"].get<double>(), 0.2);
  EXPECT_EQ(attendance["tier"], "severe_chronic");
  EXPECT_EQ(attendance["chronicallyAbsent"], true);
  ASSERT_EQ(attendance["byMonth"].size(), 1u);
  EXPECT_EQ(attendance["byMonth"][0]["month"], "2025-09");
  // Only the intervention still running that day: iv-2 ended, iv-3 began after the move.
  ASSERT_EQ((*card)["openInterventions"].size(), 1u);
  EXPECT_EQ((*card)["openInterventions"][0]["class"], "Attendance");
  EXPECT_EQ((*card)["openInterventions"][0]["since"], "2025-09-11");
  // The last three contacts by then, newest first, with what they were about.
  const auto& contacts = (*card)["lastContacts"];
  ASSERT_EQ(contacts.size(), 3u);
  EXPECT_EQ(contacts[0]["topics"][0], "health");
  EXPECT_EQ(contacts[1]["topics"][0], "logistics");
  EXPECT_EQ(contacts[2]["topics"][0], "academics");
  EXPECT_EQ(contacts[0]["at"], "2025-09-18T15:00:00Z");
  // The grade each course stood at.
  ASSERT_EQ((*card)["grades"].size(), 1u);
  EXPECT_EQ((*card)["grades"][0]["course"], "Math");
  EXPECT_EQ((*card)["grades"][0]["letter"], "B-");
  EXPECT_DOUBLE_EQ((*card)["grades"][0]["numeric"].get<double>(), 81.5);
  // Missing at departure: due before the day and never turned in; the self-portrait was not yet due.
  ASSERT_EQ((*card)["missingWork"].size(), 1u);
  EXPECT_EQ((*card)["missingWork"][0]["title"], "Fractions quiz");
  EXPECT_EQ((*card)["missingWork"][0]["course"], "Math");
  EXPECT_EQ((*card)["missingWork"][0]["due"], "2025-09-08");
  // The primary contact's language first.
  ASSERT_EQ((*card)["languages"].size(), 2u);
  EXPECT_EQ((*card)["languages"][0]["preferredLanguage"], "es");
  EXPECT_EQ((*card)["languages"][0]["primary"], true);
  EXPECT_EQ((*card)["languages"][1]["name"], "Daniel");
}

TEST(FirstNeeds, ARecordWhoseEnrollmentsEndedIsReadAsOfTheLastDay) {
  auto record = departing_student();
  record["enrollments"][0]["exitWithdrawDate"] = "2025-09-19";
  // Read a month later: still as of the day the student left, so later work is not "missing".
  const auto card = view::first_needs(bundle_with(record), {day("2025-10-20"), "Lincoln", 3});
  ASSERT_TRUE(card.ok()) << card.error().detail;
  EXPECT_EQ((*card)["asOf"], "2025-09-19");
  EXPECT_EQ((*card)["missingWork"].size(), 1u);
  EXPECT_EQ((*card)["openInterventions"].size(), 1u);
  EXPECT_EQ((*card)["attendance"]["daysEnrolled"], 15);
}

TEST(FirstNeeds, ARecordThatDoesNotParseIsBadRecordNotACard) {
  auto broken = departing_student();
  broken["attendanceEvents"][0]["date"] = "not a date";
  EXPECT_EQ(view::first_needs(bundle_with(broken), {day("2025-09-19"), "Lincoln", 3}).code(), ErrorCode::bad_record);
}

}  // namespace
}  // namespace fep
