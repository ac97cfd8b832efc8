// Record parsing: the first problem is reported with its JSON pointer and the code bad_record;
// members this version does not know are ignored.
#include <gtest/gtest.h>

#include "record_fixture.h"
#include "test_support.h"

namespace fep {
namespace {

using test::base_record;

TEST(Record, TheBaseFixtureAndTheExampleYearParse) {
  const auto base = record::parse(base_record());
  ASSERT_TRUE(base.ok()) << base.error().detail;
  EXPECT_EQ(base->sections.size(), 7u);
  EXPECT_EQ(base->schools[0].calendar.size(), 26u);
  const auto example =
      json::Json::parse(test::read_file(std::string(FEP_SOURCE_DIR) + "/docs/examples/record.json"), nullptr, false);
  const auto year = record::parse(example);
  ASSERT_TRUE(year.ok()) << year.error().detail;
  EXPECT_EQ(year->enrollments.size(), 2u);
  EXPECT_EQ(year->courses.size(), 8u);
  EXPECT_EQ(year->contact_records.size(), 60u);
}

TEST(Record, CalendarDatesMayUseTheWholeSchoolYearWindow) {
  auto json = base_record();  // schoolYear 2026
  json["schools"][0]["calendarDates"].push_back({{"date", "2025-07-01"}, {"event", "Holiday"}});
  json["schools"][0]["calendarDates"].push_back({{"date", "2026-08-31"}, {"event", "Make-up day"}});
  const auto parsed = record::parse(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
  EXPECT_EQ(parsed->schools[0].calendar.size(), 28u);
}

TEST(Record, UnknownMembersAreIgnored) {
  auto json = base_record();
  json["someFutureMember"] = {{"x", 1}};
  json["student"]["nickname"] = "T";
  json["schools"][0]["district"] = "D-1";
  EXPECT_TRUE(record::parse(json).ok());
}

TEST(Record, ProblemsAreReportedWithTheirJsonPointer) {
  struct Case {
    std::function<void(json::Json&)> edit;
    std::string detail;  // exactly: the JSON pointer, then the problem
  };
  const Case cases[] = {
      {[](json::Json& j) { j.erase("student"); }, "/student: is required"},
      {[](json::Json& j) { j["student"]["displayName"] = 7; }, "/student/displayName: must be a string"},
      {[](json::Json& j) { j["schoolYear"] = "2026"; }, "/schoolYear: must be a whole number from 1900 to 2200"},
      {[](json::Json& j) { j["schools"][0]["calendarDates"][3]["date"] = "2025-02-30"; },
       "/schools/0/calendarDates/3/date: not a calendar date"},
      {[](json::Json& j) { j["schools"][0]["calendarDates"][3]["event"] = "Snow day"; },
       "/schools/0/calendarDates/3/event: \"Snow day\" is not an Ed-Fi calendar event"},
      {[](json::Json& j) { j["schools"][0]["calendarDates"][4]["date"] = "2025-09-04"; },
       "/schools/0/calendarDates/4/date: date listed twice"},
      // A calendar keeps to its school year (2026: 2025-07-01 to 2026-08-31), so no calendar spans centuries.
      {[](json::Json& j) { j["schools"][0]["calendarDates"][0]["date"] = "2025-06-30"; },
       "/schools/0/calendarDates/0/date: is outside school year 2026 (July 1 of the year before to August 31)"},
      {[](json::Json& j) { j["schools"][0]["calendarDates"][0]["date"] = "9999-12-31"; },
       "/schools/0/calendarDates/0/date: is outside school year 2026 (July 1 of the year before to August 31)"},
      {[](json::Json& j) { j["schools"][0]["calendarDates"][0]["date"] = "2026-09-01"; },
       "/schools/0/calendarDates/0/date: is outside school year 2026 (July 1 of the year before to August 31)"},
      {[](json::Json& j) { j["enrollments"][0]["schoolId"] = "Z"; },
       "/enrollments/0/schoolId: \"Z\" does not name a known item"},
      {[](json::Json& j) { j["enrollments"][0]["exitWithdrawDate"] = "2025-08-01"; },
       "/enrollments/0/exitWithdrawDate: is before entryDate"},
      {[](json::Json& j) { j["sections"][2]["courseId"] = "nope"; },
       "/sections/2/courseId: \"nope\" does not name a known item"},
      {[](json::Json& j) { j["sections"][3]["id"] = "A-1"; }, "/sections/3/id: \"A-1\" is used twice"},
      {[](json::Json& j) { test::add_event(j, "2025-09-02", "Absent - Sick"); },
       "/attendanceEvents/0/descriptor: \"Absent - Sick\" is not mapped to a category (see attendanceDescriptors)"},
      {[](json::Json& j) { test::add_event(j, "2025-09-02", "Excused Absence", 1.5); },
       "/attendanceEvents/0/duration: must be more than 0 and at most 1 day"},
      {[](json::Json& j) { test::add_event(j, "2025-09-02", "Excused Absence", 1.0, "A", "A-9"); },
       "/attendanceEvents/0/sectionId: \"A-9\" does not name a known item"},
      {[](json::Json& j) {
         j["attendanceDescriptors"] = {{"Sick", "Sickness"}};
       },
       "/attendanceDescriptors/Sick: must name an Ed-Fi attendance category"},
      // RFC 6901 escapes a member name's "~" and "/".
      {[](json::Json& j) {
         j["attendanceDescriptors"] = {{"Sick/ill~", "Sickness"}};
       },
       "/attendanceDescriptors/Sick~1ill~0: must name an Ed-Fi attendance category"},
      {[](json::Json& j) {
         j["attendanceEvents"] = {{{"schoolId", "A"}, {"date", "2025-9-2"}, {"descriptor", "Tardy"}}};
       },
       "/attendanceEvents/0/date: not a YYYY-MM-DD date"},
      {[](json::Json& j) {
         j["contactRecords"] = {
             {{"id", "c"}, {"at", "2025-09-02T10:00:00Z"}, {"direction", "sideways"}, {"channel", "phone"}}};
       },
       "/contactRecords/0/direction: \"sideways\" is not an allowed value"},
      {[](json::Json& j) {
         j["contactRecords"] = {{{"id", "c"},
                                 {"at", "2025-09-02T10:00:00Z"},
                                 {"direction", "family_to_school"},
                                 {"channel", "phone"},
                                 {"note", std::string(2001, 'x')}}};
       },
       "/contactRecords/0/note: is longer than 2000 characters"},
      {[](json::Json& j) {
         j["contactRecords"] = {{{"id", "c"},
                                 {"at", "2025-09-02T10:00:00Z"},
                                 {"direction", "family_to_school"},
                                 {"channel", "phone"},
                                 {"topics", {"gossip"}}}};
       },
       "/contactRecords/0/topics/0: is not an allowed topic"},
      {[](json::Json& j) { j["sections"] = "none"; }, "/sections: must be an array"},
      {[](json::Json& j) { j["sections"][0] = 5; }, "/sections/0: must be an object"},
  };
  for (const auto& c : cases) {
    auto json = base_record();
    c.edit(json);
    EXPECT_ERROR(record::parse(json), ErrorCode::bad_record, c.detail);
  }
}

TEST(Record, A2000CharacterNoteInAnyScriptIsAccepted) {
  auto json = base_record();
  std::string note;
  for (int i = 0; i < 2000; ++i) note += "\xe1\x8a\xa0";  // Ethiopic "ä", 3 bytes each
  json["contactRecords"] = {{{"id", "c"},
                             {"at", "2025-09-02T10:00:00Z"},
                             {"direction", "family_to_school"},
                             {"channel", "phone"},
                             {"note", note}}};
  EXPECT_TRUE(record::parse(json).ok());
}

TEST(Record, AttendanceDescriptorsMapThroughTheTableNeverBySubstring) {
  auto json = base_record();
  json["attendanceDescriptors"] = {{"Absent - Medical", "Excused Absence"}, {"Present - Not Absent", "In Attendance"}};
  test::add_event(json, "2025-09-02", "Absent - Medical");
  test::add_event(json, "2025-09-03", "Present - Not Absent");  // contains "Absent", and is not an absence
  const auto r = test::parsed(json);
  ASSERT_EQ(r.attendance_events.size(), 2u);
  EXPECT_EQ(r.attendance_events[0].category, record::AttendanceCategory::excused_absence);
  EXPECT_EQ(r.attendance_events[1].category, record::AttendanceCategory::in_attendance);
}

}  // namespace
}  // namespace fep

namespace fep {
namespace {

json::Json roster() {
  return {{"teacher", {{"id", "t-1"}, {"name", "Ms. Okafor"}}},
          {"schoolYear", 2026},
          {"students",
           {{{"id", "stu-1"},
             {"displayName", "Maya"},
             {"contacts", {{{"id", "c-1"}, {"name", "Rosa"}, {"relation", "Mother"}}}}},
            {{"id", "stu-2"}, {"displayName", "Kofi"}, {"contacts", {{{"id", "c-1"}, {"name", "Ama"}}}}}}}};
}

TEST(Roster, ParsesStudentsWithTheirOwnContacts) {
  const auto parsed = record::parse_roster(roster());
  ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
  EXPECT_EQ(parsed->teacher_name, "Ms. Okafor");
  ASSERT_EQ(parsed->students.size(), 2u);
  ASSERT_EQ(parsed->students[0].contacts.size(), 1u);
  EXPECT_EQ(parsed->students[0].contacts[0].name, "Rosa");
  EXPECT_EQ(parsed->students[1].contacts[0].name, "Ama");  // contact ids are per student
}

TEST(Roster, ProblemsAreReportedWithTheirJsonPointer) {
  auto duplicate = roster();
  duplicate["students"][1]["id"] = "stu-1";
  EXPECT_ERROR(record::parse_roster(duplicate), ErrorCode::bad_record, "/students/1/id: \"stu-1\" is used twice");
  auto unnamed = roster();
  unnamed["students"][0]["contacts"][0].erase("name");
  EXPECT_ERROR(record::parse_roster(unnamed), ErrorCode::bad_record, "/students/0/contacts/0/name: is required");
  auto empty = roster();  // a teacher new to the school: an empty roster, not an error
  empty["students"] = json::Json::array();
  ASSERT_TRUE(record::parse_roster(empty).ok());
  EXPECT_TRUE(record::parse_roster(empty)->students.empty());
  EXPECT_EQ(record::parse_roster(json::Json::array()).code(), ErrorCode::bad_record);
}

TEST(Record, TemplateParametersAreCheckedPerTemplate) {
  auto with = [](json::Json contact) {
    auto json = base_record();
    contact.update(
        {{"id", "c"}, {"at", "2025-09-02T10:00:00Z"}, {"direction", "school_to_family"}, {"channel", "phone"}});
    json["contactRecords"] = json::Json::array({contact});
    return record::parse(json);
  };
  for (const auto& good : {json::Json{{"templateId", "absent_today"}, {"params", {{"date", "2025-09-02"}}}},
                           json::Json{{"templateId", "positive_progress"}, {"params", {{"subject", "Science 7"}}}},
                           json::Json{{"templateId", "please_call"}},
                           json::Json{{"templateId", "please_call"}, {"params", json::Json::object()}},
                           json::Json{{"templateId", "missing_work"}, {"params", {{"count", 0}}}},
                           json::Json{{"templateId", "conference_invite"}, {"params", {{"date", "2025-10-01"}}}},
                           json::Json{{"note", "no template"}}}) {
    const auto parsed = with(good);
    EXPECT_TRUE(parsed.ok()) << good.dump() << ": " << (parsed.ok() ? "" : parsed.error().detail);
  }
  const std::pair<json::Json, std::string> bad[] = {
      {{{"templateId", "absent_today"}, {"params", {{"date", "not-a-date"}}}},
       "/contactRecords/0/params/date: must be a YYYY-MM-DD date"},
      {{{"templateId", "absent_today"}}, "/contactRecords/0/params/date: is required"},
      {{{"templateId", "absent_today"}, {"params", {{"date", 20250902}}}},
       "/contactRecords/0/params/date: must be a string"},
      {{{"templateId", "positive_progress"}, {"params", {{"subject", std::string(201, 'x')}}}},
       "/contactRecords/0/params/subject: is longer than 200 characters"},
      {{{"templateId", "missing_work"}, {"params", {{"count", -1}}}},
       "/contactRecords/0/params/count: must be a whole number from 0 to 1000"},
      {{{"templateId", "please_call"}, {"params", {{"date", "2025-09-02"}}}},
       "/contactRecords/0/params/date: is not a parameter of please_call"},
      {{{"templateId", "absent_today"}, {"params", {{"date", "2025-09-02"}, {"html", "<b>"}}}},
       "/contactRecords/0/params/html: is not a parameter of absent_today"},
      {{{"templateId", "win_a_prize"}}, "/contactRecords/0/templateId: \"win_a_prize\" is not an allowed value"},
      {{{"params", {{"date", "2025-09-02"}}}}, "/contactRecords/0/params: needs a templateId"},
      {{{"templateId", "please_call"}, {"params", "call"}}, "/contactRecords/0/params: must be an object"},
  };
  for (const auto& [contact, detail] : bad) EXPECT_ERROR(with(contact), ErrorCode::bad_record, detail);
}

TEST(Record, TwoContactRecordsMayNotShareAnId) {
  // The hub never signs two records under one id; a bundle that holds them was not made by its rules.
  auto json = base_record();
  const json::Json contact = {
      {"id", "same"}, {"at", "2025-09-02T10:00:00Z"}, {"direction", "family_to_school"}, {"channel", "text"}};
  json["contactRecords"] = {contact, contact};
  EXPECT_ERROR(record::parse(json), ErrorCode::bad_record, "/contactRecords/1/id: \"same\" is used twice");
}

}  // namespace
}  // namespace fep
