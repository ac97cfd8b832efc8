// The importers' building blocks: RFC 4180 CSV, descriptor URIs and their mapping, the record's
// version 2 members (demographics, interventions), and the builder keeping a bad student out whole.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "core/import/csv.h"
#include "core/import/descriptors.h"
#include "core/import/district.h"
#include "record_fixture.h"
#include "test_support.h"

namespace fep {
namespace {

std::string temp_file(const std::string& name, const std::string& contents) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

std::vector<import::CsvRow> all_rows(const std::string& contents) {
  auto reader = import::CsvReader::open(temp_file("rows.csv", contents));
  EXPECT_TRUE(reader.ok());
  std::vector<import::CsvRow> rows;
  for (;;) {
    auto row = reader.value().next();
    EXPECT_TRUE(row.ok()) << row.error().detail;
    if (!row.ok() || !row->has_value()) break;
    rows.push_back(**row);
  }
  return rows;
}

TEST(Csv, QuotesEmbeddedLineBreaksCrlfAndAByteOrderMark) {
  const auto rows =
      all_rows("\xEF\xBB\xBFid,name,note\r\n1,\"Archer, Mary\",\"said \"\"hi\"\"\r\nthen left\"\r\n2,Kyle,\r\n3,,last");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"id", "name", "note"}));  // no BOM in "id"
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"1", "Archer, Mary", "said \"hi\"\r\nthen left"}));
  EXPECT_EQ(rows[2].line, 4u);  // the quoted line break moved it down
  EXPECT_EQ(rows[2].cells, (std::vector<std::string>{"2", "Kyle", ""}));
  EXPECT_EQ(rows[3].cells, (std::vector<std::string>{"3", "", "last"}));  // no final newline
}

TEST(Csv, MalformedQuotingIsAnErrorWithItsLine) {
  auto stray = import::CsvReader::open(temp_file("stray.csv", "a,b\nx,he said \"no\"\n"));
  ASSERT_TRUE(stray.ok());
  ASSERT_TRUE(stray.value().next().ok());
  EXPECT_ERROR(stray.value().next(), ErrorCode::malformed,
               ::testing::TempDir() + "stray.csv:2: a quote inside a field must be in a quoted field, doubled");
  auto open = import::CsvReader::open(temp_file("open.csv", "a,b\n1,\"never closed\n"));
  ASSERT_TRUE(open.value().next().ok());
  EXPECT_ERROR(open.value().next(), ErrorCode::malformed,
               ::testing::TempDir() + "open.csv:2: a quoted field never ends");
}

TEST(Csv, ATableFindsColumnsByNameAndNamesAMissingOne) {
  const std::string path = temp_file("table.csv", "role,sourcedId\nstudent,604863\n");
  auto table = import::CsvTable::open(path, {"sourcedId", "role"});
  ASSERT_TRUE(table.ok());
  const auto row = table.value().next();
  EXPECT_EQ(table->get(**row, "sourcedId"), "604863");
  EXPECT_EQ(table->get(**row, "missing"), "");
  EXPECT_ERROR(import::CsvTable::open(path, {"sourcedId", "givenName"}), ErrorCode::malformed,
               path + ":1: the header has no column \"givenName\"");
}

TEST(Descriptors, EdFiNamespaceByCodeValueADistrictsOnlyThroughItsMap) {
  const auto parsed = import::parse_descriptor("uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->type, "AttendanceEventCategoryDescriptor");
  EXPECT_EQ(parsed->code_value, "Excused Absence");
  EXPECT_TRUE(parsed->ed_fi);
  EXPECT_FALSE(import::parse_descriptor("Excused Absence"));
  const std::string map_file = temp_file(
      "map.json",
      R"({"uri://lincoln.k12.example/AttendanceEventCategoryDescriptor#Absent - Medical": "Excused Absence"})");
  const auto map = import::DescriptorMap::load(map_file);
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(map->ed_fi_value("uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy"), "Tardy");
  EXPECT_EQ(map->ed_fi_value("uri://lincoln.k12.example/AttendanceEventCategoryDescriptor#Absent - Medical"),
            "Excused Absence");
  // A district code value that merely contains an Ed-Fi word is not guessed.
  EXPECT_EQ(map->ed_fi_value("uri://lincoln.k12.example/AttendanceEventCategoryDescriptor#Tardy - Bus"), std::nullopt);
  EXPECT_ERROR(import::DescriptorMap::load(temp_file("bad.json", R"({"Tardy": "Tardy"})")), ErrorCode::malformed,
               ::testing::TempDir() + "bad.json: \"Tardy\" must be a descriptor URI with a string value");
}

TEST(RecordVersion2, DemographicsAndInterventionsAreReadAndChecked) {
  auto json = test::base_record();
  json["demographics"] = {{"sex", "Female"},
                          {"races", {"Asian", "White"}},
                          {"hispanicLatinoEthnicity", false},
                          {"englishLearner", true},
                          {"homeLanguage", "es"}};
  json["interventions"] = {{{"id", "reading-tier2"},
                            {"class", "Instructional"},
                            {"purpose", "Reading fluency"},
                            {"beginDate", "2025-09-08"},
                            {"staff", {"Ms. Okafor"}}}};
  const auto parsed = record::parse(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
  EXPECT_EQ(parsed->demographics->races, (std::vector<std::string>{"Asian", "White"}));
  EXPECT_EQ(parsed->demographics->english_learner, true);
  EXPECT_EQ(parsed->demographics->disability, std::nullopt);  // absent is unknown, not false
  EXPECT_EQ(parsed->interventions.at(0).staff, (std::vector<std::string>{"Ms. Okafor"}));

  auto bad = json;
  bad["demographics"]["races"] = {"Asian", 3};
  EXPECT_ERROR(record::parse(bad), ErrorCode::bad_record, "/demographics/races/1: must be a non-empty string");
  bad = json;
  bad["interventions"][0]["endDate"] = "2025-09-01";
  EXPECT_ERROR(record::parse(bad), ErrorCode::bad_record, "/interventions/0/endDate: is before beginDate");
  bad = json;
  bad["demographics"]["disability"] = "no";
  EXPECT_ERROR(record::parse(bad), ErrorCode::bad_record, "/demographics/disability: must be true or false");
}

TEST(Build, AStudentWhoseRecordDoesNotValidateIsLeftOutWholeAndNamed) {
  import::District district;
  district.school_year = 2026;
  district.schools["s1"] = {"s1", "Lincoln", {{"2025-09-01", "Instructional day"}}};
  import::StudentData good;
  good.student = {{"id", "stu-1"}, {"displayName", "Mary Archer"}};
  good.enrollments.push_back({{"schoolId", "s1"}, {"entryDate", "2025-09-01"}});
  import::StudentData bad = good;
  bad.student = {{"id", "stu-2"}, {"displayName", "Kyle Hughes"}};
  bad.origin = {"users.csv", 3, ""};
  bad.attendance_events.push_back(district.attendance_row("s1", "", "2025-09-01", "Snow", "", 0));
  district.students.emplace("stu-1", good);
  district.students.emplace("stu-2", bad);
  import::Report report;
  std::map<std::string, std::string> written;
  const auto imported =
      import::build(district, report, [&](const std::string& id, std::string&& record) { written[id] = record; });
  EXPECT_EQ(imported.records, 1u);
  ASSERT_EQ(written.size(), 1u);
  EXPECT_TRUE(record::parse(json::Json::parse(written.at("stu-1"), nullptr, false)).ok());
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].student, "stu-2");
  EXPECT_EQ(report.errors[0].file, "users.csv");
  EXPECT_EQ(report.errors[0].line, 3u);
  EXPECT_NE(report.errors[0].message.find("/attendanceEvents/0/descriptor"), std::string::npos);
}

}  // namespace
}  // namespace fep
