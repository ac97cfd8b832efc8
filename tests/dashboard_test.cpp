// The staff dashboard's figures, each computed by hand on a class small enough to check, and the
// small-cell suppression rule at its boundaries (docs/dashboards.md).
#include "core/view/dashboard.h"

#include <gtest/gtest.h>

#include "core/view/suppression.h"
#include "record_fixture.h"
#include "test_support.h"

namespace fep {
namespace {

using test::day;

json::Json student(const std::string& id) {
  auto r = test::base_record();  // 20 school days, Sept 1 to 26, 2025
  r["student"] = {{"id", id}, {"displayName", "Student " + id}};
  r["gradingPeriods"] = {{{"id", "t1"}, {"name", "Term 1"}, {"beginDate", "2025-09-01"}, {"endDate", "2025-10-31"}}};
  r["contactRecords"] = json::Json::array();
  return r;
}

void contact(json::Json& r, const char* at, const char* direction, const char* channel, const char* outcome,
             std::vector<std::string> topics = {}, int trust = 0) {
  json::Json c = {{"id", "c" + std::to_string(r["contactRecords"].size())},
                  {"at", at},
                  {"direction", direction},
                  {"channel", channel},
                  {"topics", topics}};
  if (outcome) c["outcome"] = outcome;
  if (trust) c["trustingRelationship"] = trust;
  r["contactRecords"].push_back(c);
}

view::DashboardOptions on(const char* today) {
  view::DashboardOptions options;
  options.today = day(today);
  return options;
}

// s1: reached at a home visit with good news, rated 5, never absent. s2: called without an answer about
// attendance, one day missed (5 %: at risk), an attendance intervention from Sept 15. s3: wrote to the
// school in August, rated 3 later, two days missed (10 %: chronic). s4: no contact, never absent.
std::vector<record::Record> small_class() {
  auto s1 = student("s1");
  contact(s1, "2025-09-10T15:00:00Z", "school_to_family", "home_visit", "reached", {"positive_news"}, 5);
  auto s2 = student("s2");
  contact(s2, "2025-09-05T15:00:00Z", "school_to_family", "phone", "no_answer", {"attendance"});
  test::add_event(s2, "2025-09-08", "Unexcused Absence");
  s2["interventions"] = {{{"id", "check-in"}, {"class", "Attendance"}, {"beginDate", "2025-09-15"}}};
  auto s3 = student("s3");
  contact(s3, "2025-08-20T18:00:00Z", "family_to_school", "text", nullptr);
  contact(s3, "2025-09-12T15:00:00Z", "school_to_family", "email", "left_message", {}, 3);
  test::add_event(s3, "2025-09-02", "Excused Absence");
  test::add_event(s3, "2025-09-03", "Excused Absence");
  auto s4 = student("s4");
  return {test::parsed(s1), test::parsed(s2), test::parsed(s3), test::parsed(s4)};
}

TEST(Dashboard, ReachCountsTwoWayContactsInEachWindow) {
  const auto d = view::dashboard(small_class(), on("2025-09-26"));
  EXPECT_EQ(d["students"], 4);
  const auto& reach = d["reach"];
  EXPECT_EQ(reach["last30Days"], 0.25);  // s1 (s3's message was Aug 20, before Aug 28)
  EXPECT_EQ(reach["term"], 0.25);        // s1: Term 1 began Sept 1
  EXPECT_EQ(reach["year"], 0.5);         // s1 and s3; an unanswered call and a message left are not two-way
  EXPECT_EQ(reach["engagements"], 4);
  EXPECT_EQ(reach["engagementsPerFamily"], 1.0);
  EXPECT_EQ(reach["engagementsPerFamilyMedian"], 1.0);  // 0, 1, 1, 2
  EXPECT_EQ(reach["positive"], 1);
  EXPECT_EQ(reach["problemFocused"], 1);
  EXPECT_EQ(reach["homeVisits"], 1);
  EXPECT_EQ(reach["familiesVisited"], 1);
  EXPECT_EQ(reach["neverReached"], json::Json::parse(R"([{"id":"s2","displayName":"Student s2"},
                                                          {"id":"s4","displayName":"Student s4"}])"));
}

// A message sent through the portal reached nobody yet: the family is not reached until it answers.
TEST(Dashboard, AMessageSentThroughThePortalIsNotAContactThatReachedTheFamily) {
  auto records = small_class();
  auto s4 = student("s4");
  contact(s4, "2025-09-20T15:00:00Z", "school_to_family", "app_message", "sent", {"positive_news"});
  records[3] = test::parsed(s4);
  const auto d = view::dashboard(records, on("2025-09-26"));
  EXPECT_EQ(d["reach"]["year"], 0.5);  // still s1 and s3
  EXPECT_EQ(d["reach"]["engagements"], 5);
  EXPECT_EQ(d["reach"]["neverReached"].size(), 2u);
  EXPECT_EQ(d["reach"]["neverReached"][1]["id"], "s4");
}

TEST(Dashboard, TrustIsTheLatestRatingOfEachFamily) {
  const auto d = view::dashboard(small_class(), on("2025-09-26"));
  EXPECT_EQ(d["trust"], json::Json::parse(R"({"rated": 2, "trusting": 1, "share": 0.5})"));
  // A later, higher rating replaces the earlier one.
  auto classes = small_class();
  auto s3 = student("s3");
  contact(s3, "2025-09-12T15:00:00Z", "school_to_family", "email", "left_message", {}, 3);
  contact(s3, "2025-09-20T15:00:00Z", "school_to_family", "in_person", "reached", {}, 4);
  classes[2] = test::parsed(s3);
  EXPECT_EQ(view::dashboard(classes, on("2025-09-26"))["trust"]["share"], 1.0);
}

TEST(Dashboard, ChronicAbsenceTiersAndTheStudentsNobodyHasReached) {
  const auto d = view::dashboard(small_class(), on("2025-09-26"));
  const auto& chronic = d["chronicAbsence"];
  EXPECT_EQ(chronic["tiers"],
            json::Json::parse(R"({"satisfactory": 2, "at_risk": 1, "moderate_chronic": 1, "severe_chronic": 0})"));
  // At risk or chronic, and no two-way contact in 30 days: most days missed first.
  ASSERT_EQ(chronic["priority"].size(), 2u);
  EXPECT_EQ(chronic["priority"][0]["id"], "s3");
  EXPECT_EQ(chronic["priority"][0]["daysAbsent"], 2.0);
  EXPECT_EQ(chronic["priority"][0]["rate"], 0.1);
  EXPECT_EQ(chronic["priority"][0]["lastReached"], "2025-08-20");
  EXPECT_EQ(chronic["priority"][1]["id"], "s2");
  EXPECT_EQ(chronic["priority"][1]["lastReached"], nullptr);
  // Early signal: 2 days missed in the first month (s3).
  ASSERT_EQ(chronic["earlySignal"].size(), 1u);
  EXPECT_EQ(chronic["earlySignal"][0]["id"], "s3");
  // The month's rate across the class: 3 days missed of 80 enrolled.
  EXPECT_EQ(chronic["trend"], json::Json::parse(R"([{"month": "2025-09", "daysEnrolled": 80, "rate": 0.0375}])"));
}

TEST(Dashboard, AttendanceBeforeAndAfterAnInterventionStarted) {
  const auto d = view::dashboard(small_class(), on("2025-09-26"));
  ASSERT_EQ(d["interventions"].size(), 1u);
  const auto& i = d["interventions"][0];
  EXPECT_EQ(i["id"], "s2");
  EXPECT_EQ(i["since"], "2025-09-15");
  EXPECT_EQ(i["attendanceBefore"], 0.9);  // Sept 1-12: 10 school days, 1 missed
  EXPECT_EQ(i["attendanceAfter"], 1.0);   // Sept 15-26: 10 school days, none missed
}

TEST(Suppression, GroupsUnderTheMinimumAndEveryOneThatWouldPinThemDown) {
  using view::suppress;
  constexpr auto shown = view::Suppression::shown, small = view::Suppression::small,
                 other = view::Suppression::complementary;
  using Kinds = std::vector<view::Suppression>;
  EXPECT_EQ(suppress({10, 11}, 10), (Kinds{shown, shown}));
  EXPECT_EQ(suppress({9, 10, 11}, 10), (Kinds{small, other, shown}));  // 9, and 10 beside it
  EXPECT_EQ(suppress({3, 4, 20}, 10), (Kinds{small, small, shown}));   // 7 between two: 1 to 6 each
  // 3 alone would be the total minus 12 and 15: the smallest shown group is hidden too.
  EXPECT_EQ(suppress({12, 15, 3}, 10), (Kinds{other, shown, small}));
  // Two small groups summing to 2 are 1 each; two summing to 18 are 9 each (neither can exceed 9).
  EXPECT_EQ(suppress({1, 1, 30}, 10), (Kinds{small, small, other}));
  EXPECT_EQ(suppress({9, 9, 30}, 10), (Kinds{small, small, other}));
  // Hiding 10 beside 1 is not enough: a hidden group of at least 10 and 11 between them leave 1.
  EXPECT_EQ(suppress({1, 10, 25}, 10), (Kinds{small, other, other}));
  EXPECT_EQ(suppress({5}, 10), (Kinds{small}));
  EXPECT_EQ(suppress({9, 11}, 5), (Kinds{shown, shown}));  // the minimum is configurable
}

TEST(Suppression, AShareOfAllOrNoneIsCodedNotShown) {
  using view::Coding;
  EXPECT_EQ(view::coding_of(1.0), Coding::at_least);
  EXPECT_EQ(view::coding_of(0.95), Coding::at_least);
  EXPECT_EQ(view::coding_of(0.94), Coding::exact);
  EXPECT_EQ(view::coding_of(0.06), Coding::exact);
  EXPECT_EQ(view::coding_of(0.05), Coding::at_most);
  EXPECT_EQ(view::coding_of(0.0), Coding::at_most);
}

std::vector<record::Record> class_by_sex(const std::vector<std::pair<const char*, int>>& groups) {
  std::vector<record::Record> records;
  for (const auto& [sex, count] : groups) {
    for (int i = 0; i < count; ++i) {
      auto r = student(std::string(sex) + std::to_string(i));
      r["demographics"] = {{"sex", sex}};
      records.push_back(test::parsed(r));
    }
  }
  return records;
}

TEST(Suppression, BreakdownsShowNoGroupOfFewerThanTheMinimum) {
  const auto sex_cells = [](const std::vector<record::Record>& records, std::size_t min_cell = 10) {
    auto options = on("2025-09-26");
    options.min_cell = min_cell;
    const auto d = view::dashboard(records, options);
    for (const auto& b : d["breakdowns"]) {
      if (b["dimension"] == "sex") return b["cells"];
    }
    return json::Json();
  };
  auto cells = sex_cells(class_by_sex({{"Female", 11}, {"Male", 10}}));
  EXPECT_EQ(cells[0]["students"], 11);
  EXPECT_EQ(cells[1]["students"], 10);
  EXPECT_EQ(cells[0]["suppressed"], false);
  // Nobody in the group reached: a share of 0 would say so of each member; it is coded.
  EXPECT_EQ(cells[0]["reached30"], (json::Json{{"atMost", 0.05}}));
  cells = sex_cells(class_by_sex({{"Female", 11}, {"Male", 9}, {"Non-binary", 12}}));
  // The smallest shown group, or Male's 9 is the total minus the rest; each says why it is hidden.
  EXPECT_EQ(cells[0]["suppressed"], "complementary");
  EXPECT_EQ(cells[1]["suppressed"], "small");
  EXPECT_FALSE(cells[1].contains("students"));
  EXPECT_FALSE(cells[1].contains("reached30"));
  EXPECT_EQ(cells[2]["students"], 12);
  cells = sex_cells(class_by_sex({{"Female", 11}, {"Male", 9}}), 9);
  EXPECT_EQ(cells[1]["students"], 9);
  // Every group hidden: none is named, or a class all of one group would say who is in it.
  EXPECT_EQ(sex_cells(class_by_sex({{"Female", 9}})), json::Json::array());
  EXPECT_EQ(sex_cells(class_by_sex({{"Female", 3}, {"Male", 4}})), json::Json::array());
}

TEST(Dashboard, AccessToADeviceAndInternetAtHomeAmongStudentsWhoseRecordSays) {
  auto records = small_class();
  auto with = student("s5");
  with["demographics"] = {{"deviceAccess", true}, {"internetAccess", false}};
  auto without = student("s6");
  without["demographics"] = {{"deviceAccess", false}};
  records.push_back(test::parsed(with));
  records.push_back(test::parsed(without));
  const auto d = view::dashboard(records, on("2025-09-26"));
  EXPECT_EQ(d["access"]["device"], json::Json::parse(R"({"known": 2, "with": 1, "share": 0.5})"));
  EXPECT_EQ(d["access"]["internet"], json::Json::parse(R"({"known": 1, "with": 0, "share": 0.0})"));
  const auto none = view::dashboard(small_class(), on("2025-09-26"));
  EXPECT_EQ(none["access"]["device"]["share"], nullptr);  // nobody's record says: unknown, not 0 %
}

}  // namespace
}  // namespace fep
