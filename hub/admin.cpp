#include "hub/admin.h"

#include <algorithm>
#include <set>

#include "core/json/document.h"
#include "core/record/record.h"
#include "core/record/rights.h"
#include "hub/account_id.h"
#include "hub/auth.h"

namespace fep::hub {

Result<std::string> put_record(Store& store, const std::string& record, bool* changed) {
  auto document = json::Document::parse(record);
  if (!document) return document.error();
  const auto parsed = record::parse(document->root());
  if (!parsed) return parsed.error();
  const auto stored = store.record(parsed->student.id);
  if (!stored) return stored.error();
  const bool same = stored->has_value() && **stored == record;
  if (changed) *changed = !same;
  if (same) return parsed->student.id;
  std::vector<FamilyMember> contacts;
  std::vector<std::string> record_ids;
  for (const auto& contact : parsed->contacts) contacts.push_back({contact.id, record::reads_record(contact)});
  for (const auto& contact_record : parsed->contact_records) record_ids.push_back(contact_record.id);
  if (auto put = store.put_record(parsed->student.id, record, contacts, record_ids); !put) return put.error();
  return parsed->student.id;
}

Result<std::string> create_invite(Store& store, const std::string& account, std::chrono::hours lifetime,
                                  date::sys_seconds now) {
  const auto known = store.account(account);
  if (!known) return known.error();
  const auto named = AccountId::parse(account);
  if (!known->has_value() && named && named->is_contact()) {
    return Error{ErrorCode::unavailable, named->id +
                                             " reads no student's record: no record names them a parent or legal "
                                             "guardian without restrictions (an administrator may grant access to "
                                             "one student's record: access grant --contact ID --student ID --reason "
                                             "TEXT)"};
  }
  if (!known->has_value()) return Error{ErrorCode::unavailable, "no such account: " + account};
  std::string code = new_invite_code();
  if (auto added = store.add_invite(invite_hash(code), account, now + lifetime); !added) return added.error();
  return code;
}

Result<std::vector<IssuedInvite>> create_invites_for_all(Store& store, bool family, std::chrono::hours lifetime,
                                                         date::sys_seconds now) {
  const auto accounts = store.accounts(family);
  if (!accounts) return accounts.error();
  std::vector<IssuedInvite> issued;
  std::vector<Store::Invite> stored;
  for (const auto& account : *accounts) {
    issued.push_back({account, new_invite_code()});
    stored.push_back({invite_hash(issued.back().code), account, now + lifetime});
  }
  if (auto added = store.add_invites(stored); !added) return added.error();
  return issued;
}

Status grant_access(Store& store, const AccessGrant& grant) {
  if (grant.reason.empty()) return Error{ErrorCode::bad_claims, "a grant says why (--reason)"};
  const auto named = store.is_family_of(grant.contact, grant.student);
  if (!named) return named.error();
  if (!*named) {
    return Error{ErrorCode::unavailable,
                 "the record of " + grant.student + " does not name " + grant.contact + " as a family contact"};
  }
  return store.grant_access(grant);
}

namespace {

// Whether the stored account already says exactly this (students in any order).
Result<bool> same_staff(Store& store, Account wanted) {
  const auto stored = store.account(AccountId::staff(wanted.id).text());
  if (!stored) return stored.error();
  if (!stored->has_value()) return false;
  Account held = **stored;
  std::sort(held.students.begin(), held.students.end());
  std::sort(wanted.students.begin(), wanted.students.end());
  return held.name == wanted.name && held.role == wanted.role && held.students == wanted.students;
}

}  // namespace

Result<ImportCounts> import_into(Store& store, import::Format format, const std::string& folder,
                                 const import::Options& options, import::Report& report, date::sys_seconds now) {
  ImportCounts counts;
  Status failed;
  const auto imported =
      import::import_folder(format, folder, options, report, [&](const std::string&, std::string&& record) {
        if (!failed) return;
        bool changed = false;
        if (auto put = put_record(store, record, &changed); !put) {
          failed = put.error();
          return;
        }
        ++(changed ? counts.records_changed : counts.records_unchanged);
        ++report.written;
      });
  if (!failed) return failed.error();
  if (!imported) return counts;
  for (const auto& member : imported->staff) {
    Account account{member.value("id", ""), member.value("name", ""),
                    staff_role(member.value("role", "")).value_or(Role::teacher),
                    member["students"].get<std::vector<std::string>>()};
    const auto same = same_staff(store, account);
    if (!same) return same.error();
    if (!*same) {
      if (auto put = store.put_staff(account); !put) return put.error();
    }
    ++(*same ? counts.staff_unchanged : counts.staff_changed);
    counts.staff.push_back(std::move(account));
  }
  // Off-boarding follows the export: who the last import brought in and this one lacks has left.
  constexpr const char* kImportedStaff = "import.staff";
  json::Json held = json::Json::array();
  std::set<std::string> now_held;
  for (const auto& account : counts.staff) {
    held.push_back(account.id);
    now_held.insert(account.id);
  }
  const auto before = store.setting(kImportedStaff);
  if (!before) return before.error();
  const auto earlier = json::parse_strict(before->value_or("[]"));
  if (earlier && earlier->is_array()) {
    for (const auto& id : *earlier) {
      if (!id.is_string() || now_held.count(id.get<std::string>())) continue;
      const auto removed = store.remove_staff(id.get<std::string>(), "import", now);
      if (!removed) return removed.error();
      if (*removed) counts.removed.push_back(id.get<std::string>());
    }
  }
  if (auto saved = store.set_setting(kImportedStaff, held.dump()); !saved) return saved.error();
  return counts;
}

}  // namespace fep::hub
