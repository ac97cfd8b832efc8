#include "hub/bundles.h"

#include <map>

#include "core/jose/base64url.h"
#include "core/jose/crypto.h"
#include "core/jose/jws.h"
#include "core/json/json.h"
#include "core/record/record.h"
#include "core/record/timestamp.h"
#include "core/trust/bundle.h"
#include "core/trust/profile.h"
#include "hub/account_id.h"
#include "hub/contacts.h"
#include "hub/issuing.h"

namespace fep::hub {
namespace {

// A student's record and the contact records shown with it, oldest first: the record's own, then
// those the hub accepted, each with its author set from the account that sent it (never from what the
// device wrote). `archived` ends each full part of the log (see kArchivePartBytes): contacts before
// archived.back() live in archives, the rest in the record.
struct ContactLog {
  json::Json record;
  std::vector<json::Json> contacts;
  std::vector<std::size_t> archived;
};

Result<std::optional<ContactLog>> contact_log(Store& store, const std::string& student) {
  const auto text = store.record(student);
  if (!text) return text.error();
  if (!text->has_value()) return std::optional<ContactLog>();
  auto parsed = json::parse_strict(**text);
  if (!parsed) return parsed.error();
  ContactLog log;
  log.record = std::move(parsed).value();
  if (auto own = log.record.find("contactRecords"); own != log.record.end() && own->is_array()) {
    for (auto& contact : *own) log.contacts.push_back(std::move(contact));
  }
  log.record.erase("contactRecords");
  const auto contacts = store.accepted_contacts(student);
  if (!contacts) return contacts.error();
  std::map<std::string, std::optional<Account>> accounts;  // each author read once
  for (const auto& stored : *contacts) {
    json::Json contact = stored_payload(stored.compact)["record"];
    // Both times, signed by the school: when the device says it happened, and when the hub had it.
    contact.erase("receivedAt");
    if (stored.received_at.time_since_epoch().count() > 0)
      contact["receivedAt"] = record::timestamp::format_rfc3339(stored.received_at);
    auto known = accounts.find(stored.account);
    if (known == accounts.end()) {
      auto read = store.account(stored.account);
      if (!read) return read.error();
      known = accounts.emplace(stored.account, std::move(read).value()).first;
    }
    const auto* account = &known->second;
    if (account->has_value() && (*account)->role == Role::family) {
      contact["contactId"] = AccountId::parse(stored.account).value_or(AccountId{}).id;
      contact.erase("staff");
    } else if (account->has_value()) {
      contact["staff"] = (*account)->name;
    }
    log.contacts.push_back(std::move(contact));
  }
  // Parts close oldest first, each when the next record would not fit: a new record only ever joins
  // the open part, so an archive changes only when a record in it is quarantined.
  std::size_t part_bytes = 0;
  for (std::size_t i = 0; i < log.contacts.size(); ++i) {
    const std::size_t bytes = json::to_text(log.contacts[i]).size();
    if (part_bytes > 0 && part_bytes + bytes > kArchivePartBytes) {
      log.archived.push_back(i);
      part_bytes = 0;
    }
    part_bytes += bytes;
  }
  return std::optional<ContactLog>(std::move(log));
}

std::size_t part_begin(const ContactLog& log, std::size_t part) { return part == 1 ? 0 : log.archived[part - 2]; }

json::Json slice(const std::vector<json::Json>& contacts, std::size_t begin, std::size_t end) {
  json::Json list = json::Json::array();
  for (std::size_t i = begin; i < end; ++i) list.push_back(contacts[i]);
  return list;
}

// The record a family reads: the open part's contact records, and a line for each archived part.
Result<std::optional<json::Json>> record_with_contacts(Store& store, const std::string& student) {
  auto log = contact_log(store, student);
  if (!log) return log.error();
  if (!log->has_value()) return std::optional<json::Json>();
  json::Json record = std::move((*log)->record);
  const auto& contacts = (*log)->contacts;
  const auto& archived = (*log)->archived;
  json::Json parts = json::Json::array();
  for (std::size_t part = 1; part <= archived.size(); ++part) {
    std::string from, to;  // RFC 3339 in UTC with a Z compare as text; the core parses them again
    for (std::size_t i = part_begin(**log, part); i < archived[part - 1]; ++i) {
      const std::string at = contacts[i].value("at", "");
      if (from.empty() || at < from) from = at;
      if (to.empty() || at > to) to = at;
    }
    parts.push_back(
        {{"part", part}, {"records", archived[part - 1] - part_begin(**log, part)}, {"from", from}, {"to", to}});
  }
  const std::size_t open = archived.empty() ? 0 : archived.back();
  record["contactRecords"] = slice(contacts, open, contacts.size());
  if (!parts.empty()) record["contactArchive"] = std::move(parts);
  // What leaves signed must be a valid record; a bad import is refused here, not by every family.
  if (auto valid = record::parse(record); !valid) return valid.error();
  return std::optional<json::Json>(std::move(record));
}

// Part `part` of the student's archive: {studentId, part, contactRecords}; nullopt when there is no such part.
Result<std::optional<json::Json>> archive_of(Store& store, const std::string& student, std::size_t part) {
  auto log = contact_log(store, student);
  if (!log) return log.error();
  if (!log->has_value() || part < 1 || part > (*log)->archived.size()) return std::optional<json::Json>();
  const auto& contacts = (*log)->contacts;
  json::Json archive = {{"studentId", student},
                        {"part", part},
                        {"contactRecords", slice(contacts, part_begin(**log, part), (*log)->archived[part - 1])}};
  if (auto valid = record::parse_archive(json::Json(archive)); !valid) return valid.error();
  return std::optional<json::Json>(std::move(archive));
}

// The school year `now` falls in, named by the year it ends in (Ed-Fi's convention: 2027 is 2026-27);
// a year starts in July.
std::int64_t school_year_of(date::sys_seconds now) {
  const date::year_month_day day{date::floor<date::days>(now)};
  return static_cast<int>(day.year()) + (day.month() >= date::July ? 1 : 0);
}

Result<std::optional<json::Json>> roster_of(Store& store, const Account& staff, date::sys_seconds now) {
  json::Json students = json::Json::array();
  std::int64_t school_year = 0;
  for (const auto& id : staff.students) {
    const auto text = store.record(id);
    if (!text) return text.error();
    if (!text->has_value()) continue;
    const auto record = json::parse_strict(**text);
    if (!record) return record.error();
    const json::Json& student = (*record)["student"];
    students.push_back({{"id", id},
                        {"displayName", student.value("displayName", id)},
                        {"gradeLevel", student.value("gradeLevel", "")},
                        {"contacts", record->value("contacts", json::Json::array())}});
    school_year = std::max<std::int64_t>(school_year, record->value("schoolYear", std::int64_t{0}));
  }
  if (school_year == 0) school_year = school_year_of(now);  // no students yet: an empty roster, not an error
  const json::Json roster = {
      {"teacher", {{"id", AccountId::parse(staff.id).value_or(AccountId{}).id}, {"name", staff.name}}},
      {"schoolYear", school_year},
      {"students", students}};
  if (auto parsed = record::parse_roster(roster); !parsed) return parsed.error();
  return std::optional<json::Json>(roster);
}

}  // namespace

Result<std::optional<StoredBundle>> student_bundle(Store& store, const Issuer& issuer, const std::string& student,
                                                   date::sys_seconds now) {
  return current_or_issue(
      store, issuer, student, {trust::profile::kTypRecord, student, "record"},
      [&] { return record_with_contacts(store, student); }, now);
}

Result<std::optional<StoredBundle>> archive_bundle(Store& store, const Issuer& issuer, const std::string& student,
                                                   std::size_t part, date::sys_seconds now) {
  const auto content = archive_of(store, student, part);
  if (!content) return content.error();
  if (!content->has_value()) return std::optional<StoredBundle>();
  // An archive changes only when a record in it is quarantined: current while it holds what it would now.
  const auto same = [&](const StoredBundle& stored) { return stored_payload(stored.compact)["archive"] == **content; };
  return current_or_issue(
      store, issuer, "archive:" + student + ":" + std::to_string(part),
      {trust::profile::kTypArchive, student, "archive"}, [&] { return Result<std::optional<json::Json>>(*content); },
      now, same);
}

Result<StoredBundle> roster_bundle(Store& store, const Issuer& issuer, const Account& staff, date::sys_seconds now) {
  const std::string id = AccountId::parse(staff.id).value_or(AccountId{}).id;
  auto issued = current_or_issue(
      store, issuer, "roster:" + id, {trust::profile::kTypRoster, id, "roster"},
      [&] { return roster_of(store, staff, now); }, now);
  if (!issued) return issued.error();
  return std::move(issued).value().value();
}

std::optional<json::Json> unencoded_form(std::string_view compact) {
  auto decoded = jose::jws::decode(compact);
  if (!decoded) return std::nullopt;
  // The hub's own signature over the hub's own JSON (valid UTF-8, as the answer's writer needs).
  return json::Json{{"protected", decoded->parts.header},
                    {"payload", std::move(decoded->unverified_payload)},
                    {"signature", decoded->parts.signature}};
}

}  // namespace fep::hub
