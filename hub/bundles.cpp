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
#include "hub/contacts.h"

namespace fep::hub {
namespace {

bool fresh(const std::optional<StoredBundle>& bundle, date::sys_seconds now) {
  return bundle && bundle->changes == 0 && bundle->expires - kReissueBefore > now;
}

// The record with every accepted contact record appended, its author set from the account that sent
// it (never from what the device wrote); nullopt when the student has no record.
Result<std::optional<json::Json>> record_with_contacts(Store& store, const std::string& student) {
  const auto text = store.record(student);
  if (!text) return text.error();
  if (!text->has_value()) return std::optional<json::Json>();
  auto parsed = json::parse_strict(**text);
  if (!parsed) return parsed.error();
  json::Json record = std::move(parsed).value();
  const auto contacts = store.accepted_contacts(student);
  if (!contacts) return contacts.error();
  json::Json& list = record["contactRecords"];
  if (!list.is_array()) list = json::Json::array();
  std::map<std::string, std::optional<Account>> accounts;  // each author read once
  for (const auto& stored : *contacts) {
    json::Json contact = stored_payload(stored.compact)["record"];
    auto known = accounts.find(stored.account);
    if (known == accounts.end()) {
      auto read = store.account(stored.account);
      if (!read) return read.error();
      known = accounts.emplace(stored.account, std::move(read).value()).first;
    }
    const auto* account = &known->second;
    if (account->has_value() && (*account)->role == "family") {
      contact["contactId"] = stored.account.substr(std::string("contact:").size());
      contact.erase("staff");
    } else if (account->has_value()) {
      contact["staff"] = (*account)->name;
    }
    list.push_back(std::move(contact));
  }
  // What leaves signed must be a valid record; a bad import is refused here, not by every family.
  if (auto valid = record::parse(record); !valid) return valid.error();
  return std::optional<json::Json>(std::move(record));
}

struct Signed {
  std::string_view typ;
  std::string sub;
  const char* member;
};

// The bundle stored under `key` if it is current, else `data()` (read after the stored bundle, so a
// change made meanwhile stays counted) signed with the next seq and stored. Started again when
// another writer, in this process or another, issued that seq first. nullopt when data() has none.
template <class Data>
Result<std::optional<StoredBundle>> current_or_issue(Store& store, const Issuer& issuer, const std::string& key,
                                                     const Signed& what, Data&& data, date::sys_seconds now) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    const auto last = store.bundle(key);
    if (!last) return last.error();
    if (fresh(*last, now)) return *last;
    const auto content = data();
    if (!content) return content.error();
    if (!content->has_value()) return std::optional<StoredBundle>();
    StoredBundle bundle;
    bundle.seq = (*last ? (*last)->seq : 0) + 1;
    bundle.expires = now + kBundleLifetime;
    bundle.changes = 0;
    const json::Json claims = {{"iss", issuer.iss},
                               {"sub", what.sub},
                               {"iat", record::timestamp::to_epoch(now)},
                               {"nbf", record::timestamp::to_epoch(now)},
                               {"exp", record::timestamp::to_epoch(bundle.expires)},
                               {"seq", bundle.seq},
                               {"jti", jose::base64url::encode(jose::crypto::random_bytes(16))},
                               {"ver", trust::kCurrentVersion},
                               {what.member, **content}};
    const auto& signer = issuer.keys->current();
    bundle.compact =
        jose::jws::sign(trust::profile::header_json(what.typ, public_of(signer).kid), claims.dump(), signer);
    // Never sign what every verifier would refuse (too_large for all, for good): the last bundle
    // stays served while it is valid, and an administrator quarantines records to make room.
    if (bundle.compact.size() > jose::jws::kMaxCompactSize) {
      if (*last && !(*last)->compact.empty() && (*last)->expires > now) return *last;
      return Error{ErrorCode::too_large,
                   "the record is too large to sign: fep-hub contacts list --student " + what.sub};
    }
    const auto saved = store.save_bundle(key, bundle, *last ? (*last)->changes : 0);
    if (!saved) return saved.error();
    if (*saved) return std::optional<StoredBundle>(std::move(bundle));
  }
  return Error{ErrorCode::unavailable, "could not allocate a seq for " + key};
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
  const json::Json roster = {{"teacher", {{"id", staff.id.substr(6)}, {"name", staff.name}}},
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

Result<StoredBundle> roster_bundle(Store& store, const Issuer& issuer, const Account& staff, date::sys_seconds now) {
  const std::string id = staff.id.substr(std::string("staff:").size());
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
