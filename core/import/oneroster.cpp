#include "core/import/oneroster.h"

#include <functional>

#include "core/import/csv.h"
#include "core/import/files.h"
#include "core/import/names.h"
#include "core/record/timestamp.h"

namespace fep::import {
namespace {

using json::Json;

// Reads every row of `name` (skipping rows marked tobedeleted), calling `row` for each; false when
// the file is unusable (reported). An optional file that is absent is read as empty.
bool each_row(const std::string& folder, const std::string& name, const std::vector<std::string>& required,
              bool optional, Report& report, const std::function<void(const CsvTable&, const CsvRow&)>& row) {
  const std::string path = folder + "/" + name;
  if (optional && !exists(path)) return true;
  auto table = CsvTable::open(path, required);
  if (!table) {
    report.error({name, 0, "", "", "", table.error().detail});
    return false;
  }
  for (;;) {
    auto next = table.value().next();
    if (!next) {
      report.error({name, 0, "", "", "", next.error().detail});
      return false;
    }
    if (!next->has_value()) return true;
    if (table->get(**next, "status") == "tobedeleted") continue;
    row(*table, **next);
  }
}

std::string text(const CsvTable& table, const CsvRow& row, std::string_view column) {
  return std::string(table.get(row, column));
}

// A OneRoster date (or the date part of a date-time), or empty; a non-date is reported.
std::string date_of(const CsvTable& table, const CsvRow& row, std::string_view column, const std::string& file,
                    Report& report, bool& ok) {
  std::string value = text(table, row, column);
  if (value.empty()) return value;
  if (value.size() > 10 && value[10] == 'T') value.resize(10);
  if (!record::timestamp::parse_date(value)) {
    report.error({file, row.line, "", std::string(column), "", "\"" + value + "\" is not a date (YYYY-MM-DD)"});
    ok = false;
    return {};
  }
  return value;
}

std::vector<std::string> list(std::string_view cell) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    const auto comma = cell.find(',', start);
    std::string item(cell.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(std::move(item));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string full_name(const CsvTable& table, const CsvRow& row) {
  std::string given = text(table, row, "preferredFirstName");
  if (given.empty()) given = text(table, row, "givenName");
  const std::string family = text(table, row, "familyName");
  return given.empty() ? family : family.empty() ? given : given + " " + family;
}

struct Person {
  std::string name, role, grades;
  std::vector<std::string> orgs, agents;
  std::size_t line = 0;
};

class OneRoster {
 public:
  OneRoster(std::string folder, District& district, Report& report)
      : folder_(std::move(folder)), d_(district), report_(report) {}

  bool run() {
    return version() && orgs() && sessions() && courses() && users() && roles() && classes() && enrollments() &&
           people() && demographics() && gradebook() && calendar() && attendance();
  }

 private:
  bool version() {
    std::string delta;  // a file the manifest says holds only changes since the last export
    const bool read = each_row(folder_, "manifest.csv", {"propertyName", "value"}, false, report_,
                               [&](const CsvTable& t, const CsvRow& r) {
                                 const std::string name = text(t, r, "propertyName");
                                 if (name == "oneroster.version") version_ = text(t, r, "value");
                                 if (name.rfind("file.", 0) == 0 && text(t, r, "value") == "delta" && delta.empty())
                                   delta = name;
                               });
    if (!read) return false;
    // A delta holds what changed, not the year: imported alone it would replace each student's record
    // with a fragment. Refused, by name, until deltas are applied on top of the last import.
    if (!delta.empty()) {
      report_.error({"manifest.csv", 0, "", delta, "delta",
                     "this is a delta export (" + delta +
                         " = delta): export the full year (every file \"bulk\") and import that"});
      return false;
    }
    if (version_ == "1.1" || version_ == "1.2") return true;
    report_.error(
        {"manifest.csv", 0, "", "oneroster.version", "", "OneRoster version \"" + version_ + "\" is not 1.1 or 1.2"});
    return false;
  }

  bool orgs() {
    return each_row(folder_, "orgs.csv", {"sourcedId", "name", "type"}, false, report_,
                    [&](const CsvTable& t, const CsvRow& r) {
                      if (t.get(r, "type") != "school") return;
                      SchoolData school;
                      school.id = text(t, r, "sourcedId");
                      school.name = text(t, r, "name");
                      d_.schools.emplace(school.id, std::move(school));
                    });
  }

  bool sessions() {
    const bool read =
        each_row(folder_, "academicSessions.csv", {"sourcedId", "title", "type", "startDate", "endDate", "schoolYear"},
                 false, report_, [&](const CsvTable& t, const CsvRow& r) {
                   bool ok = true;
                   const std::string begin = date_of(t, r, "startDate", "academicSessions.csv", report_, ok);
                   const std::string end = date_of(t, r, "endDate", "academicSessions.csv", report_, ok);
                   if (!ok) return;
                   const std::string type = text(t, r, "type");
                   if (type == "schoolYear") {
                     const int year = std::atoi(text(t, r, "schoolYear").c_str());
                     if (year >= d_.school_year) {
                       d_.school_year = year;
                       year_begin_ = begin;
                       year_end_ = end;
                     }
                   } else if (const int year = std::atoi(text(t, r, "schoolYear").c_str()); year > 0) {
                     if (year > session_year_) {
                       session_year_ = year;
                       sessions_begin_ = begin;
                       sessions_end_ = end;
                     } else if (year == session_year_) {
                       sessions_begin_ = std::min(sessions_begin_, begin);
                       sessions_end_ = std::max(sessions_end_, end);
                     }
                   }
                   if (type == "gradingPeriod" || type == "term" || type == "semester") {
                     // Grading periods when the export has them; terms and semesters otherwise.
                     const std::string id = text(t, r, "sourcedId");
                     (type == "gradingPeriod" ? grading_ : terms_)[id] =
                         Json{{"id", id}, {"name", text(t, r, "title")}, {"beginDate", begin}, {"endDate", end}};
                   }
                 });
    if (!read) return false;
    // OneRoster 1.2 gives every session its school year; an export of terms or semesters alone (no
    // session of type schoolYear) is that year, from its first session's start to its last one's end.
    if (!d_.school_year && session_year_) {
      d_.school_year = session_year_;
      year_begin_ = sessions_begin_;
      year_end_ = sessions_end_;
    }
    if (!d_.school_year) {
      report_.error({"academicSessions.csv", 0, "", "schoolYear", "",
                     "no session of type schoolYear, and no session names its schoolYear"});
      return false;
    }
    d_.grading_periods = grading_.empty() ? terms_ : grading_;
    return true;
  }

  bool courses() {
    return each_row(folder_, "courses.csv", {"sourcedId", "title"}, false, report_,
                    [&](const CsvTable& t, const CsvRow& r) {
                      const std::string id = text(t, r, "sourcedId");
                      d_.courses[id] = {{"id", id}, {"code", text(t, r, "courseCode")}, {"title", text(t, r, "title")}};
                    });
  }

  // 1.1: role and orgs on users.csv; 1.2: roles.csv (read next).
  bool users() {
    return each_row(folder_, "users.csv", {"sourcedId", "givenName", "familyName"}, false, report_,
                    [&](const CsvTable& t, const CsvRow& r) {
                      if (t.get(r, "enabledUser") == "false") return;
                      Person person{full_name(t, r),
                                    text(t, r, "role"),
                                    text(t, r, "grades"),
                                    list(t.get(r, "orgSourcedIds")),
                                    list(t.get(r, "agentSourcedIds")),
                                    r.line};
                      if (person.orgs.empty() && t.has("primaryOrgSourcedId"))
                        person.orgs = list(t.get(r, "primaryOrgSourcedId"));
                      const std::string id = text(t, r, "sourcedId");
                      if (!people_.emplace(id, std::move(person)).second) {
                        // Two people under one id: neither row can be trusted to be the student's.
                        report_.error({"users.csv", r.line, "", "sourcedId", id, "sourcedId " + id + " is used twice"});
                        refuse(id);
                      }
                    });
  }

  bool roles() {
    return each_row(folder_, "roles.csv", {"userSourcedId", "role"}, true, report_,
                    [&](const CsvTable& t, const CsvRow& r) {
                      const auto person = people_.find(text(t, r, "userSourcedId"));
                      if (person == people_.end()) return;
                      // The primary role decides; a secondary one only fills a gap.
                      if (person->second.role.empty() || t.get(r, "roleType") == "primary")
                        person->second.role = text(t, r, "role");
                      const std::string org = text(t, r, "orgSourcedId");
                      if (!org.empty()) person->second.orgs.push_back(org);
                    });
  }

  bool classes() {
    return each_row(folder_, "classes.csv", {"sourcedId", "title", "courseSourcedId", "schoolSourcedId"}, false,
                    report_, [&](const CsvTable& t, const CsvRow& r) {
                      const std::string id = text(t, r, "sourcedId");
                      const std::string course = text(t, r, "courseSourcedId");
                      const std::string school = text(t, r, "schoolSourcedId");
                      if (!d_.courses.count(course)) {
                        report_.warn({"classes.csv", r.line, "", "courseSourcedId", "",
                                      "class " + id + ": unknown course " + course + "; its title stands in"});
                        d_.courses[course] = {{"id", course}, {"code", ""}, {"title", text(t, r, "title")}};
                      }
                      const auto periods = list(t.get(r, "periods"));
                      const int period = periods.empty() ? 0 : std::atoi(periods.front().c_str());
                      d_.sections[id] = {{"id", id},
                                         {"courseId", course},
                                         {"schoolId", school},
                                         {"teacher", ""},
                                         {"classPeriod", period >= 0 && period <= 20 ? period : 0}};
                    });
  }

  bool enrollments() {
    return each_row(
        folder_, "enrollments.csv", {"classSourcedId", "userSourcedId", "role"}, false, report_,
        [&](const CsvTable& t, const CsvRow& r) {
          const std::string user = text(t, r, "userSourcedId");
          const std::string section = text(t, r, "classSourcedId");
          const std::string role = text(t, r, "role");
          bool ok = true;
          const std::string begin = date_of(t, r, "beginDate", "enrollments.csv", report_, ok);
          const std::string end = date_of(t, r, "endDate", "enrollments.csv", report_, ok);
          const auto known = d_.sections.find(section);
          if (known == d_.sections.end()) {
            report_.error({"enrollments.csv", r.line, "", "classSourcedId", user, "unknown class " + section});
            ok = false;
          }
          if (!ok) {
            if (role == "student") refuse(user);
            return;
          }
          if (role == "student") {
            auto& window = windows_[user][known->second.value("schoolId", "")];
            if (window.first.empty() || (!begin.empty() && begin < window.first)) window.first = begin;
            if (window.second.empty() || (!end.empty() && end > window.second)) window.second = end;
            class_students_[user].insert(section);
            note_end(class_ends_[user], section, end);
          } else if (role == "teacher") {
            d_.section_staff[section].insert(user);
            note_end(d_.section_staff_ends[section], user, end);
            if (t.get(r, "primary") == "true" || teachers_of_[section].empty()) teachers_of_[section] = user;
          }
        });
  }

  // Students, staff and guardians, once everything naming them is read.
  bool people() {
    for (const auto& [section, teacher] : teachers_of_) {
      const auto person = people_.find(teacher);
      if (person != people_.end()) d_.sections[section]["teacher"] = person->second.name;
    }
    std::map<std::string, std::vector<std::string>> guardians;  // student -> guardians, in order
    for (const auto& [id, person] : people_) {
      const std::string& role = person.role;
      if (role == "guardian" || role == "parent" || role == "relative") {
        for (const auto& student : person.agents) add_unique(guardians[student], id);
      } else if (role == "student") {
        for (const auto& guardian : person.agents) add_unique(guardians[id], guardian);
      } else if (const auto staff_role = staff_role_of(role); !staff_role.empty()) {
        d_.staff[id] = {id, person.name, staff_role};
      }
    }
    for (const auto& [id, person] : people_) {
      if (person.role != "student") continue;
      StudentData student;
      student.origin = {"users.csv", person.line, ""};
      student.student = {{"id", id}, {"displayName", person.name}};
      if (const auto grade = grade_level_name(list(person.grades).empty() ? "" : list(person.grades).front());
          !grade.empty())
        student.student["gradeLevel"] = grade;
      for (const auto& [school, window] : windows_[id]) {
        Json enrollment = {{"schoolId", school}, {"entryDate", window.first.empty() ? year_begin_ : window.first}};
        const std::string exit = window.second.empty() ? year_end_ : window.second;
        if (!exit.empty() && exit < year_end_) enrollment["exitWithdrawDate"] = exit;
        student.enrollments.push_back(std::move(enrollment));
      }
      student.sections = class_students_[id];
      student.section_ends = class_ends_[id];
      int priority = 1;
      for (const auto& guardian_id : guardians[id]) {
        const auto guardian = people_.find(guardian_id);
        if (guardian == people_.end()) {
          report_.warn({"users.csv", person.line, "", "agentSourcedIds", id, "unknown guardian " + guardian_id});
          continue;
        }
        student.contacts.push_back({{"id", guardian_id},
                                    {"name", guardian->second.name},
                                    {"relation", relation_name(guardian->second.role)},
                                    {"primary", priority == 1},
                                    {"priority", priority}});
        ++priority;
      }
      d_.students.emplace(id, std::move(student));
    }
    return true;
  }

  bool demographics() {
    return each_row(folder_, "demographics.csv", {"sourcedId"}, true, report_, [&](const CsvTable& t, const CsvRow& r) {
      const auto student = d_.students.find(text(t, r, "sourcedId"));
      if (student == d_.students.end()) return;  // demographics of staff or guardians
      Json demographics = Json::object();
      if (const std::string sex = sex_name(t.get(r, "sex")); !sex.empty()) demographics["sex"] = sex;
      Json races = Json::array();
      for (const auto& [column, race] : kOneRosterRaces) {
        if (t.get(r, column) == "true") races.push_back(race);
      }
      demographics["races"] = races;
      const auto hispanic = t.get(r, "hispanicOrLatinoEthnicity");
      if (hispanic == "true" || hispanic == "false") demographics["hispanicLatinoEthnicity"] = hispanic == "true";
      student->second.demographics = std::move(demographics);
    });
  }

  bool gradebook() {
    std::map<std::string, std::string> categories;
    if (!each_row(
            folder_, "categories.csv", {"sourcedId", "title"}, true, report_,
            [&](const CsvTable& t, const CsvRow& r) { categories[text(t, r, "sourcedId")] = text(t, r, "title"); }))
      return false;
    if (!each_row(
            folder_, "lineItems.csv", {"sourcedId", "title", "classSourcedId"}, true, report_,
            [&](const CsvTable& t, const CsvRow& r) {
              bool ok = true;
              const std::string id = text(t, r, "sourcedId");
              Json entry = {{"id", id}, {"sectionId", text(t, r, "classSourcedId")}, {"title", text(t, r, "title")}};
              if (const auto category = categories.find(text(t, r, "categorySourcedId")); category != categories.end())
                entry["type"] = category->second;
              if (auto day = date_of(t, r, "assignDate", "lineItems.csv", report_, ok); !day.empty())
                entry["dateAssigned"] = day;
              if (auto day = date_of(t, r, "dueDate", "lineItems.csv", report_, ok); !day.empty())
                entry["dueDate"] = day;
              const std::string period = text(t, r, "gradingPeriodSourcedId");
              if (d_.grading_periods.count(period)) entry["gradingPeriodId"] = period;
              const std::string max = text(t, r, "resultValueMax");
              if (!max.empty()) entry["maxPoints"] = std::atof(max.c_str());
              if (!d_.sections.count(entry["sectionId"].get<std::string>())) {
                report_.error(
                    {"lineItems.csv", r.line, "", "classSourcedId", "", "line item " + id + ": unknown class"});
                ok = false;
              }
              if (ok) d_.gradebook_entries[id] = std::move(entry);
            }))
      return false;
    return each_row(
        folder_, "results.csv", {"lineItemSourcedId", "studentSourcedId"}, true, report_,
        [&](const CsvTable& t, const CsvRow& r) {
          const std::string id = text(t, r, "studentSourcedId");
          const auto student = d_.students.find(id);
          if (student == d_.students.end()) {
            report_.warn({"results.csv", r.line, "", "studentSourcedId", id, "unknown student"});
            return;
          }
          bool ok = true;
          const std::string item = text(t, r, "lineItemSourcedId");
          if (!d_.gradebook_entries.count(item)) {
            report_.error({"results.csv", r.line, "", "lineItemSourcedId", id, "unknown line item " + item});
            ok = false;
          }
          Json result = {{"gradebookEntryId", item}};
          const std::string score = text(t, r, "score");
          if (!score.empty()) result["pointsEarned"] = std::atof(score.c_str());
          if (const auto status = submission_status(t.get(r, "scoreStatus")); !status.empty())
            result["submissionStatus"] = status;
          if (t.get(r, "late") == "true") result["lateStatus"] = "Late";
          if (auto day = date_of(t, r, "scoreDate", "results.csv", report_, ok); !day.empty())
            result["dateFulfilled"] = day;
          if (!ok) return refuse(id);
          student->second.results.push_back(std::move(result));
        });
  }

  // Companion files (docs/import.md): calendar.csv names each school's days; without it, every
  // weekday of the school year is a school day (reported, since holidays are then counted).
  bool calendar() {
    bool any = false;
    const bool read = each_row(folder_, "calendar.csv", {"schoolSourcedId", "date", "event"}, true, report_,
                               [&](const CsvTable& t, const CsvRow& r) {
                                 bool ok = true;
                                 const std::string day = date_of(t, r, "date", "calendar.csv", report_, ok);
                                 const auto school = d_.schools.find(text(t, r, "schoolSourcedId"));
                                 if (school == d_.schools.end()) {
                                   report_.error({"calendar.csv", r.line, "", "schoolSourcedId", "", "unknown school"});
                                   return;
                                 }
                                 if (ok) school->second.calendar[day] = text(t, r, "event");
                                 any = true;
                               });
    if (!read) return false;
    if (!any && !year_begin_.empty()) {
      report_.warn({"calendar.csv", 0, "", "", "",
                    "no calendar: every weekday from " + year_begin_ + " to " + year_end_ + " counts as a school day"});
      for (auto& [id, school] : d_.schools) school.calendar = weekdays(year_begin_, year_end_);
    }
    return true;
  }

  bool attendance() {
    return each_row(folder_, "attendance.csv", {"studentSourcedId", "schoolSourcedId", "date", "category"}, true,
                    report_, [&](const CsvTable& t, const CsvRow& r) {
                      const std::string id = text(t, r, "studentSourcedId");
                      const auto student = d_.students.find(id);
                      if (student == d_.students.end()) {
                        report_.warn({"attendance.csv", r.line, "", "studentSourcedId", id, "unknown student"});
                        return;
                      }
                      bool ok = true;
                      const std::string day = date_of(t, r, "date", "attendance.csv", report_, ok);
                      const std::string category = text(t, r, "category");
                      if (!is_attendance_category(category)) {
                        report_.error({"attendance.csv", r.line, "", "category", id,
                                       "\"" + category + "\" is not an Ed-Fi attendance category"});
                        ok = false;
                      }
                      if (!ok) return refuse(id);
                      const std::string duration = text(t, r, "duration");
                      d_.add_attendance(
                          id,
                          d_.attendance_row(text(t, r, "schoolSourcedId"), text(t, r, "classSourcedId"), day, category,
                                            text(t, r, "reason"), duration.empty() ? 0 : std::atof(duration.c_str())));
                    });
  }

  void refuse(const std::string& student) { d_.refused.insert(student); }

  static void add_unique(std::vector<std::string>& list, const std::string& id) {
    if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
  }

  std::string folder_;
  District& d_;
  Report& report_;
  std::string version_, year_begin_, year_end_;
  int session_year_ = 0;  // the latest schoolYear sessions name, and the span of its sessions
  std::string sessions_begin_, sessions_end_;
  std::map<std::string, Json> grading_, terms_;
  std::map<std::string, Person> people_;
  std::map<std::string, std::map<std::string, std::pair<std::string, std::string>>> windows_;
  std::map<std::string, std::set<std::string>> class_students_;
  std::map<std::string, std::map<std::string, std::string>> class_ends_;  // student -> class -> endDate
  std::map<std::string, std::string> teachers_of_;
};

}  // namespace

bool read_oneroster(const std::string& folder, District& district, Report& report) {
  return OneRoster(folder, district, report).run();
}

}  // namespace fep::import
