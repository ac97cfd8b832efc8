// The view model and the summary: locale-neutral values computed from a verified bundle.
#include <gtest/gtest.h>

#include "core/json/writer.h"
#include "core/record/timestamp.h"
#include "core/view/family.h"
#include "record_fixture.h"
#include "test_support.h"

namespace fep {
namespace {

using test::bundle_with;
using test::day;

json::Json fixture() {
  auto json = test::base_record();
  test::add_event(json, "2025-09-02", "Excused Absence");
  test::add_event(json, "2025-09-03", "Partial", 0.5);
  json["gradebookEntries"] = {
      {{"id", "hw1"}, {"sectionId", "A-1"}, {"title", "Ratios"}, {"dueDate", "2025-09-05"}, {"maxPoints", 10}}};
  json["grades"] = {{{"sectionId", "A-2"},
                     {"gradeType", "Progress Report"},
                     {"letter", "A-"},
                     {"numeric", 90.5},
                     {"current", true},
                     {"asOf", "2025-09-19"}}};
  json["contacts"] = {{{"id", "mom"}, {"name", "R. H."}, {"preferredLanguage", "es"}}};
  json["contactRecords"] = {
      {{"id", "c1"},
       {"at", "2025-09-02T15:00:00Z"},
       {"direction", "school_to_family"},
       {"channel", "phone"},
       {"outcome", "reached"},
       {"contactId", "mom"}},
      {{"id", "c2"},
       {"at", "2025-09-10T09:30:00Z"},
       {"direction", "family_to_school"},
       {"channel", "text"},
       {"templateId", "absent_today"},
       {"params", {{"date", "2025-09-10"}}},
       {"note", "<b>hola</b>"}},
  };
  return json;
}

TEST(View, SummaryHasTheDocumentedNumbers) {
  const auto summary =
      view::summarize(bundle_with(fixture()), {day("2025-09-26"), std::nullopt, record::attendance::Rule::percent_10});
  ASSERT_TRUE(summary.ok()) << summary.error().detail;
  const json::Json expected_attendance = {
      {"rule", "percent_10"},       {"daysEnrolled", 20}, {"daysAbsent", 1.5},        {"rate", 0.075},
      {"chronicallyAbsent", false}, {"tier", "at_risk"},  {"absencesUntilChronic", 0}};
  EXPECT_EQ((*summary)["attendance"], expected_attendance) << (*summary)["attendance"].dump();
  ASSERT_EQ((*summary)["courses"].size(), 2u);
  EXPECT_EQ((*summary)["courses"][0],
            (json::Json{{"id", "math"},
                        {"title", "Math"},
                        {"missing", 1},
                        {"currentGrade", {{"letter", "A-"}, {"numeric", 90.5}, {"asOf", "2025-09-19"}}}}))
      << (*summary)["courses"][0].dump();
  EXPECT_EQ((*summary)["courses"][1]["currentGrade"], nullptr);
  EXPECT_EQ((*summary)["missingAssignments"], 1);
  EXPECT_EQ(
      (*summary)["lastContact"],
      (json::Json{
          {"at", "2025-09-10T09:30:00Z"}, {"direction", "family_to_school"}, {"channel", "text"}, {"outcome", ""}}));
}

TEST(View, TheFullViewIsLocaleNeutral) {
  const auto v =
      view::build(bundle_with(fixture()), {day("2025-09-26"), std::nullopt, record::attendance::Rule::percent_10});
  ASSERT_TRUE(v.ok()) << v.error().detail;
  const auto& a = (*v)["attendance"];
  EXPECT_EQ(a["message"]["key"], "attendance.tier.at_risk");
  EXPECT_EQ(a["message"]["params"]["percent"], 7.5);
  EXPECT_EQ(a["advice"]["key"], "attendance.advice.at_risk");
  EXPECT_EQ(a["ruleMessage"]["key"], "attendance.rule.percent_10");
  ASSERT_EQ(a["calendar"].size(), 1u);
  EXPECT_EQ(a["calendar"][0]["month"], "2025-09");
  EXPECT_EQ(a["calendar"][0]["firstWeekday"], 1);   // 2025-09-01 is a Monday
  ASSERT_EQ(a["calendar"][0]["days"].size(), 26u);  // the 1st to the 26th
  EXPECT_EQ(a["calendar"][0]["days"][1], "excused_absence");
  EXPECT_EQ(a["calendar"][0]["days"][2], "partial");
  EXPECT_EQ(a["calendar"][0]["days"][5], "no_school");
  EXPECT_EQ((*v)["issuer"]["validUntil"], "2025-09-27T19:06:40Z");
  EXPECT_EQ((*v)["engagement"]["total"], 2);
  EXPECT_EQ((*v)["engagement"]["timeline"][0]["id"], "c2");             // newest first
  EXPECT_EQ((*v)["engagement"]["timeline"][0]["note"], "<b>hola</b>");  // text, kept as typed
  EXPECT_EQ((*v)["engagement"]["timeline"][0]["templateId"], "absent_today");
  EXPECT_EQ((*v)["courses"][0]["assignments"][0]["status"], "missing");
}

// After the year's last school day the summary speaks of the year that was, with no days left to miss.
TEST(View, AfterTheYearEndsTheSummarySpeaksOfTheYearThatWas) {
  const auto during =  // the fixture's calendar runs to 2025-09-26
      view::build(bundle_with(fixture()), {day("2025-09-12"), std::nullopt, record::attendance::Rule::percent_10});
  ASSERT_TRUE(during.ok()) << during.error().detail;
  EXPECT_EQ((*during)["attendance"]["yearEnded"], false);
  const auto after =
      view::build(bundle_with(fixture()), {day("2026-08-15"), std::nullopt, record::attendance::Rule::percent_10});
  ASSERT_TRUE(after.ok()) << after.error().detail;
  const auto& a = (*after)["attendance"];
  EXPECT_EQ(a["yearEnded"], true);
  EXPECT_EQ(a["daysEnrolled"], a["daysEnrolledYear"]);
  EXPECT_EQ(a["message"]["key"], "attendance.tierEnded." + a["tier"].get<std::string>());
  EXPECT_EQ(a["advice"]["key"],
            a["tier"] == "satisfactory" ? "attendance.adviceEnded.satisfactory" : "attendance.adviceEnded.help");
}

TEST(View, ArchivedContactRecordsCountAndAreListedByPart) {
  auto json = fixture();
  json["contactArchive"] = {
      {{"part", 1}, {"records", 300}, {"from", "2025-08-20T08:00:00Z"}, {"to", "2025-09-01T15:00:00Z"}},
      {{"part", 2}, {"records", 250}, {"from", "2025-09-01T15:00:00Z"}, {"to", "2025-09-05T15:00:00Z"}}};
  const auto v =
      view::build(bundle_with(json), {day("2025-09-26"), std::nullopt, record::attendance::Rule::percent_10});
  ASSERT_TRUE(v.ok()) << v.error().detail;
  EXPECT_EQ((*v)["engagement"]["total"], 552);  // 2 in the record, 550 archived
  EXPECT_EQ((*v)["engagement"]["timeline"].size(), 2u);
  EXPECT_EQ(
      (*v)["engagement"]["archive"][1],
      (json::Json{{"part", 2}, {"records", 250}, {"from", "2025-09-01T15:00:00Z"}, {"to", "2025-09-05T15:00:00Z"}}));
  json["contactArchive"][1]["part"] = 3;  // a reader must know exactly which parts exist
  EXPECT_ERROR(view::build(bundle_with(json), {day("2025-09-26"), std::nullopt, record::attendance::Rule::percent_10}),
               ErrorCode::bad_record, "/contactArchive/1/part: parts are numbered 1, 2, ... in order");
}

TEST(View, AnArchiveRendersItsContactRecordsNewestFirst) {
  auto contacts = fixture()["contactRecords"];
  trust::Bundle archive = bundle_with({});
  archive.typ = "fep-archive+jwt";
  archive.document =
      std::move(json::Document::parse(
                    json::Json{{"archive", {{"studentId", "s-1"}, {"part", 1}, {"contactRecords", contacts}}}}.dump())
                    .value());
  const auto text = view::render_archive(archive);
  ASSERT_TRUE(text.ok()) << text.error().detail;
  const auto rendered = json::Json::parse(*text);
  EXPECT_EQ(rendered["studentId"], "s-1");
  EXPECT_EQ(rendered["part"], 1);
  ASSERT_EQ(rendered["timeline"].size(), 2u);
  EXPECT_EQ(rendered["timeline"][0]["id"], "c2");
  // An archive's records follow a record's rules: the same limits, ids once.
  contacts[1]["id"] = contacts[0]["id"];
  archive.document =
      std::move(json::Document::parse(
                    json::Json{{"archive", {{"studentId", "s-1"}, {"part", 1}, {"contactRecords", contacts}}}}.dump())
                    .value());
  EXPECT_EQ(view::render_archive(archive).code(), ErrorCode::bad_record);
  EXPECT_EQ(view::render_archive(bundle_with(fixture())).code(), ErrorCode::wrong_typ);
}

TEST(View, AnInvalidRecordIsBadRecord) {
  auto json = fixture();
  json["enrollments"][0]["entryDate"] = "soon";
  EXPECT_EQ(
      view::build(bundle_with(json), {day("2025-09-26"), std::nullopt, record::attendance::Rule::percent_10}).code(),
      ErrorCode::bad_record);
  EXPECT_EQ(view::summarize(bundle_with(json), {day("2025-09-26"), std::nullopt, record::attendance::Rule::percent_10})
                .code(),
            ErrorCode::bad_record);
}

TEST(View, DemographicsAndInterventionsNeverReachTheFamilysView) {
  auto json = fixture();
  json["demographics"] = {{"sex", "Female"}, {"races", {"Asian"}}, {"englishLearner", true}, {"homeLanguage", "es"}};
  json["interventions"] = {{{"id", "reading-tier2"}, {"class", "Instructional"}, {"beginDate", "2025-09-08"}}};
  for (const auto& text :
       {view::render(bundle_with(json), {day("2025-09-26"), std::nullopt, record::attendance::Rule::percent_10}),
        view::render_summary(bundle_with(json),
                             {day("2025-09-26"), std::nullopt, record::attendance::Rule::percent_10})}) {
    ASSERT_TRUE(text.ok()) << text.error().detail;
    for (const char* word : {"Asian", "englishLearner", "demographics", "reading-tier2", "Instructional"})
      EXPECT_EQ(text->find(word), std::string::npos) << word;
  }
}

TEST(View, ASchoolsPerPupilExpenditureIsShownOnlyWhenTheRecordHasIt) {
  const auto options = view::Options{day("2025-09-26"), std::nullopt, record::attendance::Rule::percent_10};
  const auto without = view::build(bundle_with(fixture()), options);
  ASSERT_TRUE(without.ok());
  EXPECT_EQ((*without)["schools"][0]["perPupilExpenditure"], nullptr);
  auto json = fixture();
  json["schools"][0]["perPupilExpenditure"] = {
      {"reportYear", 2025}, {"federal", 1204.5}, {"stateLocal", 13020}, {"districtStateLocal", 12890}};
  const auto with = view::build(bundle_with(json), options);
  ASSERT_TRUE(with.ok()) << with.error().detail;
  EXPECT_EQ((*with)["schools"][0]["perPupilExpenditure"],
            json::Json::parse(R"({"reportYear": 2025, "federal": 1204.5, "stateLocal": 13020,
                                  "districtFederal": null, "districtStateLocal": 12890})"));
  json["schools"][0]["perPupilExpenditure"]["federal"] = -1;
  EXPECT_ERROR(record::parse(json), ErrorCode::bad_record,
               "/schools/0/perPupilExpenditure/federal: must not be negative");
}

}  // namespace
}  // namespace fep
