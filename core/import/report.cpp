#include "core/import/report.h"

namespace fep::import {
namespace {

json::Json issues_json(const std::vector<Issue>& issues) {
  json::Json out = json::Json::array();
  for (const auto& issue : issues) {
    json::Json item = {{"file", issue.file}, {"message", issue.message}};
    if (issue.line) item["line"] = issue.line;
    if (!issue.pointer.empty()) item["pointer"] = issue.pointer;
    if (!issue.field.empty()) item["field"] = issue.field;
    if (!issue.student.empty()) item["student"] = issue.student;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

json::Json Report::to_json() const {
  return {{"students", students},
          {"written", written},
          {"warnings", issues_json(warnings)},
          {"errors", issues_json(errors)}};
}

}  // namespace fep::import
