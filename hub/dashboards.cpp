#include "hub/dashboards.h"

#include <algorithm>

#include "core/json/json.h"
#include "core/text/utf8.h"
#include "hub/auth.h"

namespace fep::hub {
namespace {

// Whether the record's array `member` has an item whose `field` is `id`.
bool lists(const json::Json& record, const char* member, const char* field, const std::string& id) {
  const auto items = record.find(member);
  if (items == record.end() || !items->is_array()) return false;
  return std::any_of(items->begin(), items->end(), [&](const json::Json& item) {
    const auto* value = item.is_object() ? json::find_string(item, field) : nullptr;
    return value && *value == id;
  });
}

}  // namespace

Result<Scope> parse_scope(const std::string& text) {
  if (text.empty()) return Scope{};
  const auto colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  const std::string id = colon == std::string::npos ? std::string() : text.substr(colon + 1);
  if (!text::is_valid_id(id) || (kind != "section" && kind != "school"))
    return Error{ErrorCode::malformed, "scope is section:ID or school:ID"};
  return Scope{kind == "section" ? Scope::Kind::section : Scope::Kind::school, id};
}

Result<std::vector<std::string>> dashboard_students(Store& store, const Account& staff, const Scope& scope) {
  std::vector<std::string> candidates = staff.students;
  if (staff.role == "admin") {
    auto all = store.students();
    if (!all) return all.error();
    candidates = std::move(all).value();
  }
  std::sort(candidates.begin(), candidates.end());
  std::vector<std::string> out;
  for (const auto& id : candidates) {
    if (!may_see(staff, id) && staff.role != "admin") continue;
    if (scope.kind == Scope::Kind::all) {
      out.push_back(id);
      continue;
    }
    const auto text = store.record(id);
    if (!text) return text.error();
    if (!text->has_value()) continue;
    const auto record = json::parse_strict(**text);
    if (!record || !record->is_object()) continue;
    const bool in_scope = scope.kind == Scope::Kind::section ? lists(*record, "sections", "id", scope.id)
                                                             : lists(*record, "enrollments", "schoolId", scope.id);
    if (in_scope) out.push_back(id);
  }
  return out;
}

}  // namespace fep::hub
