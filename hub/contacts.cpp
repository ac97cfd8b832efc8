#include "hub/contacts.h"

#include <map>
#include <set>

#include "core/contact/log.h"
#include "core/jose/base64url.h"
#include "core/json/document.h"

namespace fep::hub {
namespace {

Answer refuse(int status, ErrorCode code, const std::string& message) {
  return {status, {{"code", std::string(to_string(code))}, {"message", message}}};
}

json::Json head_json(std::int64_t seq, const std::string& hash) { return {{"seq", seq}, {"hash", hash}}; }

// What a batch checks its records against, per student, beyond what the store holds: the record ids
// this batch has used so far, and the records each author stored today (this batch's included).
struct History {
  std::set<std::string> batch_ids;
  std::map<std::string, int> today;
};

std::string author_key(const std::string& student, const std::string& account) {
  return "contacts:author:" + account + ":" + student;
}

// Why `entry` may not be kept for `account` (empty: it may). Two indexed lookups, whatever the length
// of the student's history: its used ids and its family contacts are tables (Store::uses_record_id).
Result<std::string> refusal(Store& store, const Account& account, const contact::Entry& entry,
                            std::map<std::string, History>& histories, date::sys_seconds now) {
  if (!may_write(account, entry.student, entry.record.direction)) return std::string("forbidden");
  if (!contact::plausible_time(entry, now)) return std::string("implausible_time");
  History& history = histories[entry.student];
  if (history.batch_ids.count(entry.record.id)) return std::string("duplicate_id");
  const auto used = store.uses_record_id(entry.student, entry.record.id);
  if (!used) return used.error();
  if (*used) return std::string("duplicate_id");
  history.batch_ids.insert(entry.record.id);
  if (!entry.record.contact_id.empty()) {
    const auto family = store.is_family_of(entry.record.contact_id, entry.student);
    if (!family) return family.error();
    if (!*family) return std::string("unknown_contact");
  }
  auto counted = history.today.find(account.id);
  if (counted == history.today.end()) {
    const auto stored = store.attempts(author_key(entry.student, account.id), now - std::chrono::hours(24));
    if (!stored) return stored.error();
    counted = history.today.emplace(account.id, *stored).first;
  }
  if (counted->second >= kRecordsPerAuthorPerStudentPerDay) return std::string("quota_exceeded");
  ++counted->second;
  return std::string();
}

}  // namespace

json::Json stored_payload(const std::string& compact) {
  const auto first = compact.find('.');
  const auto second = compact.find('.', first + 1);
  if (first == std::string::npos || second == std::string::npos) return json::Json::object();
  const auto bytes = jose::base64url::decode(std::string_view(compact).substr(first + 1, second - first - 1));
  auto parsed = bytes ? json::parse_strict(*bytes) : Result<json::Json>(ErrorCode::malformed);
  return parsed && parsed->is_object() ? std::move(parsed).value() : json::Json::object();
}

// A device over its rate or its day's quota: 429, with when to try again.
Answer too_many(const char* code, const char* message, int retry_after) {
  Answer answer = refuse(429, ErrorCode::too_large, message);
  answer.body["code"] = code;
  answer.retry_after = retry_after;
  return answer;
}

Answer receive_contacts(Store& store, const Account& account, const Proof& device, const json::Json& request,
                        date::sys_seconds now) {
  // Counted before any signature is checked: a flood costs the hub a count, not its CPU.
  const std::string uploads = "contacts:uploads:" + device.key.kid;
  const auto recent = store.attempts(uploads, now - std::chrono::minutes(1));
  if (!recent) return refuse(503, recent.code(), recent.error().detail);
  if (*recent >= kUploadsPerDevicePerMinute)
    return too_many("rate_limited", "too many uploads from this device; try again in a minute", 60);
  if (auto counted = store.add_attempt(uploads, now); !counted) return refuse(503, counted.code(), "not counted");
  const auto records = request.find("records");
  const auto device_jwk = request.find("device");
  if (!request.is_object() || records == request.end() || !records->is_array() || device_jwk == request.end() ||
      !device_jwk->is_object()) {
    return refuse(400, ErrorCode::malformed, "expected {\"device\": <JWK>, \"records\": [<JWS>, ...]}");
  }
  if (records->size() > kMaxRecordsPerRequest) return refuse(413, ErrorCode::too_large, "at most 100 records");
  const std::string stored_today = "contacts:records:" + device.key.kid;
  const auto today = store.attempts(stored_today, now - std::chrono::hours(24));
  if (!today) return refuse(503, today.code(), today.error().detail);
  if (*today + static_cast<int>(records->size()) > kRecordsPerDevicePerDay)
    return too_many("quota_exceeded", "this device has sent its records for today; try again later", 3600);
  const auto key = jose::jwk::parse_public_half(*device_jwk);
  if (!key) return refuse(400, key.code(), key.error().detail);
  // A device sends its own records only: the one that signed the proof.
  if (key->kid != device.key.kid) return refuse(403, ErrorCode::unknown_key, "records of another device");

  const auto head = store.head(key->kid);
  if (!head) return refuse(503, head.code(), head.error().detail);
  json::Json results = json::Json::array();
  std::vector<std::string> fresh;
  for (const auto& item : *records) {
    if (!item.is_string()) return refuse(400, ErrorCode::malformed, "records are compact JWS strings");
    const auto entry = contact::verify_record(item.get_ref<const std::string&>(), *key);
    if (!entry) return refuse(409, entry.code(), entry.error().detail);
    const auto held = store.holds(entry->dev, entry->idem);
    if (!held) return refuse(503, held.code(), held.error().detail);
    if (*held) {
      results.push_back({{"idem", entry->idem}, {"status", "duplicate"}});
    } else {
      fresh.push_back(item.get<std::string>());
    }
  }
  const auto entries = contact::verify_chain(fresh, *key, {head->first, head->second});
  if (!entries) {
    json::Json body = refuse(409, entries.code(), entries.error().detail).body;
    body["head"] = head_json(head->first, head->second);
    return {409, body};
  }

  std::vector<StoredContact> stored;
  std::map<std::string, History> histories;
  for (const auto& entry : *entries) {
    const auto reason = refusal(store, account, entry, histories, now);
    if (!reason) return refuse(503, reason.code(), reason.error().detail);
    stored.push_back({entry.dev, entry.idem, entry.student, account.id, entry.compact, contact::hash_of(entry.compact),
                      entry.seq, reason->empty(), *reason, entry.record.id, now});
    results.push_back(reason->empty() ? json::Json{{"idem", entry.idem}, {"status", "accepted"}}
                                      : json::Json{{"idem", entry.idem}, {"status", "rejected"}, {"code", *reason}});
  }
  // Acknowledged only once committed: a crash before this line loses nothing the device was told.
  if (auto saved = store.append_contacts(stored); !saved) return refuse(503, saved.code(), saved.error().detail);
  // Counted once stored (a count that fails costs a quota's precision, never a stored record).
  std::map<std::string, int> shown;
  for (const auto& r : stored) shown[r.student] += r.accepted ? 1 : 0;
  (void)store.add_attempts(stored_today, now, static_cast<int>(stored.size()));
  for (const auto& [student, count] : shown) (void)store.add_attempts(author_key(student, account.id), now, count);
  const auto now_head =
      stored.empty() ? *head : std::pair<std::int64_t, std::string>{stored.back().seq, stored.back().hash};
  return {200, {{"results", results}, {"head", head_json(now_head.first, now_head.second)}}};
}

}  // namespace fep::hub
