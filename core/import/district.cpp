#include "core/import/district.h"

#include "core/record/record.h"

namespace fep::import {
namespace {

using json::Json;

Json array_of(const std::vector<Json>& items) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(item);
  return out;
}

// Items that name a section (or a gradebook entry) the student is not enrolled in: the source
// contradicts itself, so the item is left out with a warning rather than the whole student.
std::vector<Json> enrolled_only(const std::vector<Json>& items, const char* member, const std::set<std::string>& known,
                                const StudentData& data, const char* what, Report& report) {
  std::vector<Json> kept;
  for (const auto& item : items) {
    const std::string id =
        item.is_object() && item.contains(member) && item[member].is_string() ? item[member].get<std::string>() : "";
    if (id.empty() || known.count(id)) {
      kept.push_back(item);
      continue;
    }
    report.warn({data.origin.file, data.origin.line, data.origin.pointer, member, data.student.value("id", ""),
                 std::string(what) + " for " + id + ", which the student is not enrolled in, is left out"});
  }
  return kept;
}

// One student's record: the district's shared data narrowed to the student's schools and sections.
Json record_of(const District& district, const StudentData& data, Report& report) {
  std::set<std::string> school_ids, course_ids, period_ids;
  for (const auto& enrollment : data.enrollments) school_ids.insert(enrollment.value("schoolId", ""));
  Json sections = Json::array();
  for (const auto& id : data.sections) {
    const auto section = district.sections.find(id);
    if (section == district.sections.end()) continue;
    sections.push_back(section->second);
    course_ids.insert(section->second.value("courseId", ""));
  }
  Json schools = Json::array();
  for (const auto& id : school_ids) {
    const auto school = district.schools.find(id);
    if (school == district.schools.end()) continue;
    Json calendar = Json::array();
    for (const auto& [date, event] : school->second.calendar) calendar.push_back({{"date", date}, {"event", event}});
    schools.push_back({{"id", id}, {"name", school->second.name}, {"calendarDates", calendar}});
  }
  Json courses = Json::array();
  for (const auto& id : course_ids) {
    if (const auto course = district.courses.find(id); course != district.courses.end())
      courses.push_back(course->second);
  }
  Json periods = Json::array();
  for (const auto& [id, period] : district.grading_periods) {
    const auto school = district.grading_period_school.find(id);
    if (school == district.grading_period_school.end() || school_ids.count(school->second)) periods.push_back(period);
  }
  Json entries = Json::array();
  std::set<std::string> entry_ids;
  for (const auto& [id, entry] : district.gradebook_entries) {
    if (data.sections.count(entry.value("sectionId", ""))) {
      entries.push_back(entry);
      entry_ids.insert(id);
    }
  }
  Json descriptors = Json::object();
  for (const auto& [code, category] : district.attendance_descriptors) descriptors[code] = category;
  Json record = {{"student", data.student},
                 {"schoolYear", district.school_year},
                 {"schools", schools},
                 {"enrollments", array_of(data.enrollments)},
                 {"attendanceDescriptors", descriptors},
                 {"attendanceEvents", array_of(enrolled_only(data.attendance_events, "sectionId", data.sections, data,
                                                             "an attendance event", report))},
                 {"courses", courses},
                 {"sections", sections},
                 {"gradingPeriods", periods},
                 {"grades", array_of(enrolled_only(data.grades, "sectionId", data.sections, data, "a grade", report))},
                 {"gradebookEntries", entries},
                 {"studentGradebookEntries",
                  array_of(enrolled_only(data.results, "gradebookEntryId", entry_ids, data, "a result", report))},
                 {"contacts", array_of(data.contacts)},
                 {"contactRecords", Json::array()}};
  if (!data.demographics.is_null()) record["demographics"] = data.demographics;
  if (!data.interventions.empty()) record["interventions"] = array_of(data.interventions);
  return record;
}

}  // namespace

Imported build(const District& district, Report& report) {
  Imported out;
  report.students = district.students.size();
  for (const auto& [id, data] : district.students) {
    if (district.refused.count(id)) continue;
    Json record = record_of(district, data, report);
    const auto parsed = record::parse(record);
    if (!parsed) {
      report.error({data.origin.file, data.origin.line, data.origin.pointer, "", id,
                    "the student's record is not valid: " + parsed.error().detail});
      continue;
    }
    out.records.emplace(id, std::move(record));
  }
  // Each staff member's students: those in the sections they teach, with their families.
  std::map<std::string, std::set<std::string>> taught;
  for (const auto& [id, data] : district.students) {
    if (!out.records.count(id)) continue;
    for (const auto& section : data.sections) {
      const auto staff = district.section_staff.find(section);
      if (staff == district.section_staff.end()) continue;
      for (const auto& member : staff->second) taught[member].insert(id);
    }
  }
  for (const auto& [id, member] : district.staff) {
    Json students = Json::array();
    Json roster_students = Json::array();
    for (const auto& student : taught[id]) {
      const auto& data = district.students.at(student);
      students.push_back(student);
      Json entry = data.student;
      entry["contacts"] = array_of(data.contacts);
      roster_students.push_back(std::move(entry));
    }
    out.staff.push_back({{"id", id}, {"name", member.name}, {"role", member.role}, {"students", students}});
    if (roster_students.empty()) continue;
    out.rosters.emplace(id, Json{{"teacher", {{"id", id}, {"name", member.name}}},
                                 {"schoolYear", district.school_year},
                                 {"students", roster_students}});
  }
  return out;
}

}  // namespace fep::import
