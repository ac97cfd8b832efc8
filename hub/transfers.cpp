#include "hub/transfers.h"

#include "core/json/json.h"
#include "core/record/timestamp.h"
#include "core/trust/directory.h"
#include "core/trust/open.h"
#include "core/trust/profile.h"
#include "hub/auth.h"

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

Result<std::vector<jose::jwk::PublicKey>> directory_keys(std::string_view text) {
  if (auto set = jose::jwk::parse_set(text); set) return set;
  const auto parsed = json::parse_strict(text);
  if (!parsed) return Error{ErrorCode::bad_key, "the directory key is neither a JWK nor a JWKS"};
  auto key = jose::jwk::parse_public_half(*parsed);
  if (!key) return key.error();
  return std::vector<jose::jwk::PublicKey>{std::move(key).value()};
}

}  // namespace

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
  return TrustDirectory{std::move(compact), std::move(keys).value()};
}

Answer receive_transfer(Store& store, const TrustDirectory& directory, const Account& sender, const json::Json& request,
                        date::sys_seconds now) {
  if (directory.compact.empty())
    return refusal(501, "no_directory", "this hub has no trust directory (fep-hub serve --directory)");
  const auto* student = request.is_object() ? text_member(request, "student") : nullptr;
  const auto items = request.is_object() ? request.find("items") : request.end();
  if (!student || items == request.end() || !items->is_array() || items->empty())
    return refusal(400, "malformed", "expected {\"student\": ID, \"items\": [{bundle, keyset, revocations?}, ...]}");
  if (items->size() > kMaxTransferItems) return refusal(413, "too_large", "at most 50 items per hand-over");
  if (!may_see(sender, *student)) return refusal(403, "forbidden", "this account does not hold " + *student);

  json::Json received = json::Json::array(), refused = json::Json::array();
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto& item = (*items)[i];
    const auto* bundle = item.is_object() ? text_member(item, "bundle") : nullptr;
    const auto* keyset = item.is_object() ? text_member(item, "keyset") : nullptr;
    const auto* revocations = item.is_object() ? text_member(item, "revocations") : nullptr;
    if (!bundle || !keyset) {
      refused.push_back({{"index", i}, {"code", "malformed"}, {"message", "each item needs bundle and keyset"}});
      continue;
    }
    trust::OpenRequest open;
    open.bundle = *bundle;
    open.typ = trust::profile::kTypRecord;
    open.keyset = *keyset;
    open.revocations = revocations ? std::string_view(*revocations) : std::string_view();
    open.directory = directory.compact;
    open.directory_keys = directory.keys;
    open.now = now;
    // Each item stands alone: the sender's rollback state is not the hub's to keep.
    const auto opened = trust::open(open, {});
    if (!opened) {
      refused.push_back(
          {{"index", i}, {"code", std::string(to_string(opened.code()))}, {"message", opened.error().detail}});
      continue;
    }
    const auto& verified = opened->bundle;
    StoredTransfer transfer{*student,
                            verified.iss,
                            verified.sub,
                            verified.seq,
                            opened->issuer_name,
                            sender.id,
                            *bundle,
                            *keyset,
                            revocations ? *revocations : std::string(),
                            now};
    const auto stored = store.add_transfer(transfer);
    if (!stored) return refusal(503, "unavailable", stored.error().detail);
    received.push_back({{"index", i},
                        {"iss", verified.iss},
                        {"sub", verified.sub},
                        {"seq", verified.seq},
                        {"issuerName", opened->issuer_name},
                        {"stored", *stored}});  // false: already held, not stored twice
  }
  return {200, {{"received", std::move(received)}, {"refused", std::move(refused)}}};
}

Answer transfer_history(Store& store, const TrustDirectory& directory, const std::string& student) {
  const auto held = store.transfers(student);
  if (!held) return refusal(503, "unavailable", held.error().detail);
  json::Json items = json::Json::array();
  for (const auto& t : *held) {
    items.push_back({{"iss", t.iss},
                     {"sub", t.sub},
                     {"seq", t.seq},
                     {"issuerName", t.issuer_name},
                     {"sender", t.sender},
                     {"receivedAt", record::timestamp::format_rfc3339(t.received)},
                     {"bundle", t.compact},
                     {"keyset", t.keyset},
                     {"revocations", t.revocations}});
  }
  return {200, {{"student", student}, {"directory", directory.compact}, {"items", std::move(items)}}};
}

}  // namespace fep::hub
