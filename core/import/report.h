// What an import says about its input: every problem with where it is (file and line, or file and JSON
// pointer, and the field), so a district can fix its export. Warnings leave the student in; errors
// keep the student out (never half a student).
#pragma once

#include <string>
#include <vector>

#include "core/json/json.h"

namespace fep::import {

struct Issue {
  std::string file;      // the source file's name, e.g. "users.csv"
  std::size_t line = 0;  // CSV / JSON Lines line, 0 when not known
  std::string pointer;   // JSON pointer inside a JSON file's document, when it is one
  std::string field;     // the column or member
  std::string student;   // the student it keeps out (errors) or concerns, when known
  std::string message;
};

struct Report {
  std::vector<Issue> warnings, errors;
  std::size_t students = 0;  // students found in the source
  std::size_t written = 0;   // records written

  void warn(Issue issue) { warnings.push_back(std::move(issue)); }
  void error(Issue issue) { errors.push_back(std::move(issue)); }
  json::Json to_json() const;
};

}  // namespace fep::import
