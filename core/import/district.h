// A district's data on its way from a SIS export to records: what both importers (Ed-Fi, OneRoster)
// fill in, in the record schema's terms (docs/record-schema.md), and what build() turns into one
// record per student, a roster per staff member and the staff list. Ids are the source's own.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
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

// The few distinct strings millions of rows repeat (school, section and descriptor ids), each kept
// once; rows hold their index.
class Names {
 public:
  std::uint32_t intern(const std::string& name) {
    const auto [it, fresh] = index_.try_emplace(name, static_cast<std::uint32_t>(names_.size()));
    if (fresh) names_.push_back(name);
    return it->second;
  }
  const std::string& operator[](std::uint32_t index) const { return names_[index]; }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::uint32_t> index_;
};

// An attendance event, kept small (about 60 bytes): a district's year is millions of them.
struct AttendanceRow {
  std::uint32_t school = 0, section = 0, descriptor = 0;  // in District::names; section 0 is ""
  std::array<char, 10> date{};                            // YYYY-MM-DD
  float duration = 0;                                     // 0: the whole day (the record's default)
  std::string reason;
};

// An association's end as several rows of it give it (a class in two semesters): the latest, where ""
// (no end) is the latest of all.
inline void note_end(std::map<std::string, std::string>& ends, const std::string& key, const std::string& end) {
  const auto held = ends.find(key);
  if (held == ends.end()) {
    ends.emplace(key, end);
  } else if (!held->second.empty()) {
    held->second = end.empty() ? end : std::max(held->second, end);
  }
}

struct StudentData {
  Origin origin;
  json::Json student = json::Json::object();  // {id, displayName, gradeLevel}
  std::vector<json::Json> enrollments, grades, results, contacts, interventions;
  std::vector<AttendanceRow> attendance_events;
  std::set<std::string> sections;
  std::map<std::string, std::string> section_ends;  // section -> the association's endDate ("" for none)
  std::string left;                                 // the last enrollment's exit date, once every one has ended
  json::Json demographics;                          // null when the source has none
};

struct SchoolData {
  std::string id, name;
  std::map<std::string, std::string> calendar;  // YYYY-MM-DD -> Ed-Fi calendar event
};

struct StaffData {
  std::string id, name, role = "teacher";  // teacher | counsellor | admin
};

struct District {
  District() { names.intern(""); }
  Names names;          // strings the attendance rows share
  int school_year = 0;  // the year the school year ends in (2022 for 2021-22)
  std::map<std::string, SchoolData> schools;
  std::map<std::string, json::Json> courses;                   // {id, code, title}
  std::map<std::string, json::Json> sections;                  // {id, courseId, schoolId, teacher, classPeriod}
  std::map<std::string, std::set<std::string>> section_staff;  // section -> staff ids
  std::map<std::string, std::map<std::string, std::string>> section_staff_ends;  // section -> staff -> endDate
  std::string as_of;                                                             // import::Options::as_of

  // Whether an association that ends on `end` has ended as of the import's day, among others that run
  // until `latest` (the latest end among them; "" for one without an end): it ended before the day,
  // and before the others did. A class everyone leaves at the year's end thus links its teacher and
  // students as they stood then, in an export of a past year too; one left mid-year links nobody.
  bool ended(const std::string& end, const std::string& latest) const;
  std::map<std::string, json::Json> grading_periods;  // {id, name, beginDate, endDate}
  std::map<std::string, std::string> grading_period_school;
  std::map<std::string, json::Json> gradebook_entries;        // {id, sectionId, title, ...}
  std::map<std::string, std::string> attendance_descriptors;  // code value -> Ed-Fi category
  std::map<std::string, StaffData> staff;
  std::map<std::string, StudentData> students;
  // Students a bad row concerned (already reported): kept out whole rather than written half.
  std::set<std::string> refused;

  // An attendance row with its strings interned.
  AttendanceRow attendance_row(const std::string& school, const std::string& section, std::string_view date,
                               const std::string& descriptor, std::string reason, double duration);

  // Adds an attendance row to `student`'s record. Rows wait in a temporary file per school (the
  // student's latest enrollment's) until that school's records are made, so the district's attendance,
  // most of an import's volume, is held one school at a time.
  void add_attendance(const std::string& student, AttendanceRow row);

  // The rows kept for students of `school`, added back to their StudentData (in the order they came).
  void load_attendance(const std::string& school);
  // Each student's school for keeping attendance: the school of the latest enrollment ("" if none).
  std::string home_school(const StudentData& student) const;

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  std::map<std::string, std::unique_ptr<std::FILE, FileCloser>> spill_;  // school -> its rows
};

// What an import produces besides the records (which go to a sink as they are made): rosters and
// staff, valid by the core's own parsers.
struct Imported {
  std::map<std::string, json::Json> rosters;  // by staff id
  json::Json staff = json::Json::array();     // [{id, name, role, students: [...]}]
  std::size_t records = 0;                    // records handed to the sink
};

// Receives each valid record: the student's id and the record's JSON text.
using RecordSink = std::function<void(const std::string& student, std::string&& record)>;

// Assembles each student's record from the district's data as JSON text (the parts all students share
// written once) and validates it with record::parse: a student whose record does not validate is
// reported (with the parser's JSON pointer) and left out, never written half. Each student's data is
// released once the record is made. Rosters list each teacher's students (those of the sections they
// teach).
// A teacher holds a student while both their associations with a section run: one that ended (District::
// ended) links nobody, and a student who has left every school is no teacher's any more.
Imported build(District& district, Report& report, const RecordSink& sink);

}  // namespace fep::import
