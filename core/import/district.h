// A district's data on its way from a SIS export to records: what both importers (Ed-Fi, OneRoster)
// fill in, in the record schema's terms (docs/record-schema.md), and what build() turns into one
// record per student, a roster per staff member and the staff list. Ids are the source's own.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/import/report.h"
#include "core/json/json.h"

namespace fep::import {

// Where a student's data came from, for the errors that keep the student out.
struct Origin {
  std::string file;
  std::size_t line = 0;
  std::string pointer;
};

struct StudentData {
  Origin origin;
  json::Json student = json::Json::object();  // {id, displayName, gradeLevel}
  std::vector<json::Json> enrollments, attendance_events, grades, results, contacts, interventions;
  std::set<std::string> sections;
  json::Json demographics;  // null when the source has none
};

struct SchoolData {
  std::string id, name;
  std::map<std::string, std::string> calendar;  // YYYY-MM-DD -> Ed-Fi calendar event
};

struct StaffData {
  std::string id, name, role = "teacher";  // teacher | counsellor | admin
};

struct District {
  int school_year = 0;  // the year the school year ends in (2022 for 2021-22)
  std::map<std::string, SchoolData> schools;
  std::map<std::string, json::Json> courses;                   // {id, code, title}
  std::map<std::string, json::Json> sections;                  // {id, courseId, schoolId, teacher, classPeriod}
  std::map<std::string, std::set<std::string>> section_staff;  // section -> staff ids
  std::map<std::string, json::Json> grading_periods;           // {id, name, beginDate, endDate}
  std::map<std::string, std::string> grading_period_school;
  std::map<std::string, json::Json> gradebook_entries;        // {id, sectionId, title, ...}
  std::map<std::string, std::string> attendance_descriptors;  // code value -> Ed-Fi category
  std::map<std::string, StaffData> staff;
  std::map<std::string, StudentData> students;
  // Students a bad row concerned (already reported): kept out whole rather than written half.
  std::set<std::string> refused;
};

// What an import produces: records, rosters and staff, all valid by the core's own parsers.
struct Imported {
  std::map<std::string, json::Json> records;  // by student id
  std::map<std::string, json::Json> rosters;  // by staff id
  json::Json staff = json::Json::array();     // [{id, name, role, students: [...]}]
};

// Assembles each student's record from the district's data and validates it with record::parse: a
// student whose record does not validate is reported (with the parser's JSON pointer) and left out,
// never written half. Rosters list each teacher's students (those of the sections they teach).
Imported build(const District& district, Report& report);

}  // namespace fep::import
