#include "hub/dashboards.h"

#include <algorithm>

#include "core/jose/base64url.h"
#include "core/jose/crypto.h"
#include "core/jose/jws.h"
#include "core/json/document.h"
#include "core/json/json.h"
#include "core/record/record.h"
#include "core/record/timestamp.h"
#include "core/text/utf8.h"
#include "core/view/dashboard.h"
#include "hub/account_id.h"
#include "hub/auth.h"
#include "hub/contacts.h"
#include "hub/issuing.h"

namespace fep::hub {
namespace {

// Whether the record's array `member` has an item whose `field` is `id` (read with the fast read-only
// parser: a school's scope reads every record).
bool lists(json::Value record, const char* member, const char* field, const std::string& id) {
  for (const json::Value item : record.find(member).elements()) {
    const json::Value value = item.find(field);
    if (value.is_string() && value.string() == id) return true;
  }
  return false;
}

std::string key_of(const Account& staff, const Scope& scope) { return "dashboard:" + staff.id + ":" + scope.text(); }

std::string today_of(date::sys_seconds now) { return record::timestamp::format_date(date::floor<date::days>(now)); }

// What a dashboard was computed from, as one SHA-256: its students and each one's bundle seq (0: no
// record).
std::string basis_of(const std::vector<std::pair<std::string, std::int64_t>>& seqs) {
  std::string text;
  for (const auto& [id, seq] : seqs) text += id + '\n' + std::to_string(seq) + '\n';
  return jose::base64url::encode(jose::crypto::sha256(text));
}

// The basis of the students' bundles as signed now; nullopt when one changed since it was signed.
Result<std::optional<std::string>> current_basis(Store& store, const std::vector<std::string>& students) {
  const auto versions = store.bundle_versions(students);
  if (!versions) return versions.error();
  std::vector<std::pair<std::string, std::int64_t>> seqs;
  for (const auto& id : students) {
    const auto found = versions->find(id);
    if (found != versions->end() && found->second.second != 0) return std::optional<std::string>();
    seqs.emplace_back(id, found == versions->end() ? 0 : found->second.first);
  }
  return std::optional<std::string>(basis_of(seqs));
}

// What a stored dashboard says of itself: the day and the bundles it was computed from.
json::Json claim_of(const StoredBundle& stored) {
  return stored_payload(stored.compact).value("dashboard", json::Json::object());
}

// Whether a dashboard claiming `data` holds today's figures from the bundles as they are now.
Result<bool> is_current(Store& store, const json::Json& data, const std::vector<std::string>& students,
                        date::sys_seconds now) {
  if (data.value("today", "") != today_of(now)) return false;
  const auto basis = current_basis(store, students);
  if (!basis) return basis.error();
  return basis->has_value() && **basis == data.value("basis", "");
}

// The figures of `students` from their current signed bundles (each signed first if it changed).
Result<std::optional<json::Json>> figures_of(Store& store, const Issuer& issuer,
                                             const std::vector<std::string>& students, const Scope& scope,
                                             date::sys_seconds now) {
  std::vector<record::Record> records;
  std::vector<std::pair<std::string, std::int64_t>> seqs;
  for (const auto& id : students) {
    const auto issued = student_bundle(store, issuer, id, now);
    if (!issued) return issued.error();
    if (!issued->has_value()) {  // no record: nothing to count
      seqs.emplace_back(id, 0);
      continue;
    }
    seqs.emplace_back(id, (*issued)->seq);
    auto decoded = jose::jws::decode((*issued)->compact);
    if (!decoded) return decoded.error();
    const auto payload = json::Document::parse(std::move(decoded->unverified_payload));
    if (!payload) return payload.error();
    auto parsed = record::parse(payload->root().find("record"));
    if (!parsed) return parsed.error();
    records.push_back(std::move(parsed).value());
  }
  view::DashboardOptions options;
  options.today = date::floor<date::days>(now);
  return std::optional<json::Json>(json::Json{{"scope", scope.text()},
                                              {"today", today_of(now)},
                                              {"asOf", record::timestamp::format_rfc3339(now)},
                                              {"basis", basis_of(seqs)},
                                              {"figures", view::dashboard(records, options)}});
}

}  // namespace

std::string Scope::text() const {
  switch (kind) {
    case Kind::section:
      return "section:" + id;
    case Kind::school:
      return "school:" + id;
    case Kind::all:
      break;
  }
  return "";
}

Result<std::optional<StoredDashboard>> stored_dashboard(Store& store, const Account& staff, const Scope& scope,
                                                        date::sys_seconds now) {
  const auto stored = store.bundle(key_of(staff, scope));
  if (!stored) return stored.error();
  if (!*stored || (*stored)->seq == 0 || (*stored)->expires <= now) return std::optional<StoredDashboard>();
  const json::Json data = claim_of(**stored);
  if (data.value("today", "") != today_of(now)) return std::optional<StoredDashboard>();
  const auto students = dashboard_students(store, staff, scope);
  if (!students) return students.error();
  const auto current = is_current(store, data, *students, now);
  if (!current) return current.error();
  return std::optional<StoredDashboard>(StoredDashboard{**stored, *current});
}

Result<StoredBundle> issue_dashboard(Store& store, const Issuer& issuer, const Account& staff, const Scope& scope,
                                     date::sys_seconds now) {
  const auto students = dashboard_students(store, staff, scope);
  if (!students) return students.error();
  Status failed;  // a store failure while judging the stored dashboard
  const auto current = [&](const StoredBundle& stored) {
    const auto judged = is_current(store, claim_of(stored), *students, now);
    if (!judged) failed = judged.error();
    return judged && *judged;
  };
  const std::string sub = AccountId::parse(staff.id).value_or(AccountId{}).id;
  const auto issued = current_or_issue(
      store, issuer, key_of(staff, scope),
      {trust::profile::kTypDashboard, sub, "dashboard", kDashboardLifetime, kDashboardLifetime / 2},
      [&] { return figures_of(store, issuer, *students, scope, now); }, now, current);
  if (!failed) return failed.error();
  if (!issued) return issued.error();
  return std::move(issued).value().value();
}

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
  if (sees_everyone(staff.role)) {
    auto all = store.students();
    if (!all) return all.error();
    candidates = std::move(all).value();
  }
  std::sort(candidates.begin(), candidates.end());
  std::vector<std::string> out;
  for (const auto& id : candidates) {
    if (!may_see(staff, id) && !sees_everyone(staff.role)) continue;
    if (scope.kind == Scope::Kind::all) {
      out.push_back(id);
      continue;
    }
    auto text = store.record(id);
    if (!text) return text.error();
    if (!text->has_value()) continue;
    const auto record = json::Document::parse(std::move(**text));
    if (!record) continue;
    const bool in_scope = scope.kind == Scope::Kind::section
                              ? lists(record->root(), "sections", "id", scope.id)
                              : lists(record->root(), "enrollments", "schoolId", scope.id);
    if (in_scope) out.push_back(id);
  }
  return out;
}

}  // namespace fep::hub
