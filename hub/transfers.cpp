#include "hub/transfers.h"

#include <tuple>

#include "core/jose/jws.h"
#include "core/json/json.h"
#include "core/record/timestamp.h"
#include "core/trust/directory.h"
#include "core/trust/keys.h"
#include "core/trust/open.h"
#include "core/trust/profile.h"
#include "hub/auth.h"
#include "hub/fetch.h"

namespace fep::hub {
namespace {

Answer refusal(int status, const char* code, const std::string& message) {
  return {status, {{"code", code}, {"message", message}}};
}

const std::string* text_member(const json::Json& object, const char* name) {
  const auto* value = json::find_string(object, name);
  return value ? &value->get_ref<const std::string&>() : nullptr;
}

constexpr const char* kDirectorySeen = "directory_seen";
// Other districts' key sets and revocation lists as this hub accepted them: their rollback streams (a
// trust::Seen) and the newest of each district's, by iss ({iss: {keyset, revocations}}).
constexpr const char* kTransferSeen = "transfer_seen";
constexpr const char* kTransferTrust = "transfer_trust";

Result<std::vector<jose::jwk::PublicKey>> directory_keys(std::string_view text) {
  if (auto set = jose::jwk::parse_set(text); set) return set;
  const auto parsed = json::parse_strict(text);
  if (!parsed) return Error{ErrorCode::bad_key, "the directory key is neither a JWK nor a JWKS"};
  auto key = jose::jwk::parse_public_half(*parsed);
  if (!key) return key.error();
  return std::vector<jose::jwk::PublicKey>{std::move(key).value()};
}

// Names compared as a person would: case and runs of spaces aside ("Maya  hernández" is Maya Hernández),
// letters otherwise exact.
std::string comparable(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool same_name(std::string_view a, std::string_view b) { return !a.empty() && comparable(a) == comparable(b); }

// The displayName this hub's record gives `student` (empty if it has no record).
Result<std::string> student_name(Store& store, const std::string& student) {
  const auto text = store.record(student);
  if (!text) return text.error();
  const auto parsed = text->has_value() ? json::parse_strict(**text) : Result<json::Json>(json::Json::object());
  if (!parsed || !parsed->is_object()) return std::string();
  return (*parsed)["student"].value("displayName", "");
}

}  // namespace

Result<DistrictTrust> DistrictTrust::load(Store& store) {
  DistrictTrust trust;
  const auto seen = store.setting(kTransferSeen);
  if (!seen) return seen.error();
  auto parsed = trust::Seen::parse(seen->value_or(""));
  if (!parsed) return parsed.error();
  trust.seen = std::move(parsed).value();
  const auto newest = store.setting(kTransferTrust);
  if (!newest) return newest.error();
  if (newest->has_value()) {
    auto material = json::parse_strict(**newest);
    if (material && material->is_object()) trust.newest = std::move(material).value();
  }
  return trust;
}

Status DistrictTrust::save(Store& store) const {
  if (auto saved = store.set_setting(kTransferSeen, seen.to_json().dump()); !saved) return saved;
  return store.set_setting(kTransferTrust, newest.dump());
}

std::pair<std::string, std::string> DistrictTrust::newest_for(const std::string& iss, const std::string& keyset,
                                                              const std::string& revocations) const {
  const auto held = newest.find(iss);
  if (held == newest.end() || !held->is_object()) return {keyset, revocations};
  return {held->value("keyset", keyset), held->value("revocations", revocations)};
}

Result<DistrictTrust::Verified> DistrictTrust::open(const std::string& bundle, const std::string& keyset,
                                                    const std::string& revocations, const TrustDirectory& directory,
                                                    date::sys_seconds now) {
  const auto with = [&](const std::string& set, const std::string& list) {
    trust::OpenRequest request;
    request.bundle = bundle;
    request.typ = trust::profile::kTypRecord;
    request.keyset = set;
    request.revocations = list;
    request.directory = directory.compact;
    request.directory_keys = directory.keys;
    request.now = now;
    return trust::open(request, seen);
  };
  // The district's current key set and list, from where the directory says it publishes them: what
  // the record is judged by, whatever the sender carried (unreachable: the newest the hub holds). Asked
  // once per district in a hand-over, however many of its records it carries.
  const auto claimed = trust::claimed_issuer(bundle);
  const trust::ListedIssuer* listed = claimed ? directory.listed.find(*claimed) : nullptr;
  if (listed && !listed->keyset_url.empty() && !listed->revocations_url.empty() && asked.insert(listed->iss).second) {
    const auto current_keyset = fetch_https(listed->keyset_url, directory.fetch);
    const auto current_list = fetch_https(listed->revocations_url, directory.fetch);
    if (current_keyset && current_list) learn(*listed, *current_keyset, *current_list, now);
  }
  // The sender's material must itself be the district's: another district's key set is refused as it
  // always was. Only when it is older than what the hub holds does the hub's stand in for it.
  auto opened = with(keyset, revocations);
  if (!opened && opened.code() != ErrorCode::rolled_back) {
    if (opened.code() == ErrorCode::revoked && listed) learn(*listed, keyset, revocations, now);
    return opened.error();
  }
  if (!listed) return Error{ErrorCode::unlisted_issuer, "the directory does not list the record's issuer"};
  if (opened) learn(*listed, keyset, revocations, now);
  Verified verified{{}, keyset, revocations};
  std::tie(verified.keyset, verified.revocations) = newest_for(listed->iss, keyset, revocations);
  if (!opened || verified.keyset != keyset || verified.revocations != revocations) {
    opened = with(verified.keyset, verified.revocations);
    if (!opened) return opened.error();
  }
  verified.opened = std::move(opened).value();
  return verified;
}

void DistrictTrust::learn(const trust::ListedIssuer& issuer, const std::string& keyset, const std::string& revocations,
                          date::sys_seconds now) {
  auto& held = newest[issuer.iss];
  if (!held.is_object()) held = json::Json::object();
  // Each verified under the roots the directory lists for the district, and newer than what the hub
  // holds (an older one is simply not learnt).
  if (const auto set = trust::verify_keyset(keyset, issuer.roots, now);
      set && set->iss == issuer.iss && seen.accept("keyset " + issuer.iss, set->seq, set->signature, "key set")) {
    held["keyset"] = keyset;
  }
  if (const auto list = trust::verify_revocations(revocations, issuer.roots, now);
      list && list->iss == issuer.iss &&
      seen.accept("revocations " + issuer.iss, list->seq, list->signature, "revocation list")) {
    held["revocations"] = revocations;
  }
}

Result<TrustDirectory> load_directory(Store& store, std::string compact, std::string_view key_text,
                                      date::sys_seconds now) {
  while (!compact.empty() && (compact.back() == '\n' || compact.back() == '\r')) compact.pop_back();
  auto keys = directory_keys(key_text);
  if (!keys) return keys.error();
  auto directory = trust::verify_directory(compact, *keys, now);
  if (!directory) return Error{directory.code(), "directory: " + directory.error().detail};
  // The directory's stream, as trust::open keeps it, in the hub's settings.
  const auto stored = store.setting(kDirectorySeen);
  if (!stored) return stored.error();
  auto parsed = trust::Seen::parse(stored->value_or(""));
  if (!parsed) return parsed.error();
  trust::Seen seen = std::move(parsed).value();
  if (auto accepted = seen.accept("directory " + directory->iss, directory->seq, directory->signature, "directory");
      !accepted) {
    return accepted.error();
  }
  if (auto saved = store.set_setting(kDirectorySeen, seen.to_json().dump()); !saved) return saved.error();
  return TrustDirectory{std::move(compact), std::move(keys).value(), std::move(directory).value(), {}};
}

Answer receive_transfer(Store& store, const TrustDirectory& directory, const Account& sender, const json::Json& request,
                        date::sys_seconds now) {
  if (directory.compact.empty())
    return refusal(501, "no_directory", "this hub has no trust directory (fep-hub serve --directory)");
  const auto* student = request.is_object() ? text_member(request, "student") : nullptr;
  const auto items = request.is_object() ? request.find("items") : request.end();
  if (!student || items == request.end() || !items->is_array() || items->empty())
    return refusal(400, "malformed", "expected {\"student\": ID, \"items\": [{bundle, keyset, revocations}, ...]}");
  if (items->size() > kMaxTransferItems) return refusal(413, "too_large", "at most 50 items per hand-over");
  if (!may_see(sender, *student)) return refusal(403, "forbidden", "this account does not hold " + *student);
  auto loaded = DistrictTrust::load(store);
  if (!loaded) return refusal(503, "unavailable", loaded.error().detail);
  DistrictTrust trust = std::move(loaded).value();
  const auto ours = student_name(store, *student);
  if (!ours) return refusal(503, "unavailable", ours.error().detail);

  json::Json received = json::Json::array(), refused = json::Json::array();
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto& item = (*items)[i];
    const auto* bundle = item.is_object() ? text_member(item, "bundle") : nullptr;
    const auto* keyset = item.is_object() ? text_member(item, "keyset") : nullptr;
    const auto* revocations = item.is_object() ? text_member(item, "revocations") : nullptr;
    // Without its district's revocation list a withdrawn record would look as good as any.
    if (!bundle || !keyset || !revocations || revocations->empty()) {
      refused.push_back({{"index", i},
                         {"code", "malformed"},
                         {"message", "each item needs bundle, keyset and revocations (its district's list)"}});
      continue;
    }
    const auto opened = trust.open(*bundle, *keyset, *revocations, directory, now);
    if (!opened) {
      refused.push_back(
          {{"index", i}, {"code", std::string(to_string(opened.code()))}, {"message", opened.error().detail}});
      continue;
    }
    const auto& verified = opened->opened.bundle;
    // A record of another child is never filed as this one's history on the sender's word.
    const std::string theirs(verified.data().find("student").find("displayName").string());
    const bool held = !same_name(theirs, *ours);
    StoredTransfer transfer{*student,  verified.iss, verified.sub,   verified.seq,        opened->opened.issuer_name,
                            sender.id, *bundle,      opened->keyset, opened->revocations, now,
                            held};
    const auto stored = store.add_transfer(transfer);
    if (!stored) return refusal(503, "unavailable", stored.error().detail);
    json::Json answer = {{"index", i},
                         {"iss", verified.iss},
                         {"sub", verified.sub},
                         {"seq", verified.seq},
                         {"issuerName", opened->opened.issuer_name},
                         {"stored", *stored}};  // false: already held, not stored twice
    if (held) {
      answer["held"] = true;
      answer["code"] = "another_student";
      answer["message"] =
          "this record names another student than the one it was handed over for: it waits for a staff member "
          "of this school to confirm it (fep-hub transfers confirm), and is not shown before";
    }
    received.push_back(std::move(answer));
  }
  if (auto saved = trust.save(store); !saved) return refusal(503, "unavailable", saved.error().detail);
  return {200, {{"received", std::move(received)}, {"refused", std::move(refused)}}};
}

Answer transfer_history(Store& store, const TrustDirectory& directory, const std::string& student) {
  const auto held = store.transfers(student);
  if (!held) return refusal(503, "unavailable", held.error().detail);
  auto trust = DistrictTrust::load(store);
  if (!trust) return refusal(503, "unavailable", trust.error().detail);
  json::Json items = json::Json::array();
  for (const auto& t : *held) {
    if (t.held) continue;  // another student's, until a staff member confirms it
    // Each district's newest key set and revocation list the hub holds, not those of the day it came:
    // a record its district withdrew since, or signed with a key it removed, no longer verifies.
    const auto [keyset, revocations] = trust->newest_for(t.iss, t.keyset, t.revocations);
    items.push_back({{"iss", t.iss},
                     {"sub", t.sub},
                     {"seq", t.seq},
                     {"issuerName", t.issuer_name},
                     {"sender", t.sender},
                     {"receivedAt", record::timestamp::format_rfc3339(t.received)},
                     {"bundle", t.compact},
                     {"keyset", keyset},
                     {"revocations", revocations}});
  }
  return {200, {{"student", student}, {"directory", directory.compact}, {"items", std::move(items)}}};
}

}  // namespace fep::hub
