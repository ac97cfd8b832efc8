#include "adapters.h"

#include <cmath>
#include <optional>

#include "core/jose/base64url.h"
#include "core/contact/log.h"
#include "core/record/record.h"
#include "core/trust/bundle.h"
#include "core/error.h"
#include "core/json/json.h"
#include "core/jose/jwk.h"
#include "core/json/writer.h"
#include "core/jose/jws.h"
#include "core/record/timestamp.h"
#include "core/trust/keys.h"
#include "core/view/family.h"

namespace fep::wasm {
namespace {

template <class Outcome>
Outcome failure(const Error& error) {
  Outcome outcome{};
  outcome.code = std::string(to_string(error.code));
  outcome.detail = error.detail;
  return outcome;
}

bool is_whole_number(double value) { return std::isfinite(value) && value >= 0 && value <= 9.0e15 && std::floor(value) == value; }

std::string& input() {
  static std::string buffer;
  return buffer;
}

// Moves `text` into the output buffer and returns a view of it for JavaScript.
emscripten::val output(std::string text) {
  static std::string buffer;
  buffer = std::move(text);
  return emscripten::val(emscripten::typed_memory_view(buffer.size(), reinterpret_cast<unsigned char*>(buffer.data())));
}

}  // namespace

emscripten::val input_buffer(double size) {
  // Bounded by the caller (web/src/core.js refuses bundles over 1 MiB before asking).
  input().resize(is_whole_number(size) && size <= 4.0 * 1024 * 1024 ? static_cast<std::size_t>(size) : 0);
  return emscripten::val(emscripten::typed_memory_view(input().size(), reinterpret_cast<unsigned char*>(input().data())));
}

VerifyOutcome verify_jws(const std::string& compact, const std::string& jwk_json) {
  const auto jwk_document = json::parse_strict(jwk_json);
  if (!jwk_document) return failure<VerifyOutcome>({ErrorCode::bad_key, jwk_document.error().detail});
  const auto key = jose::jwk::parse_public(*jwk_document);
  if (!key) return failure<VerifyOutcome>(key.error());
  const auto decoded = jose::jws::decode(compact);
  if (!decoded) return failure<VerifyOutcome>(decoded.error());
  auto payload = jose::jws::verify(*decoded, *key);
  if (!payload) return failure<VerifyOutcome>(payload.error());
  return {"ok", {}, std::move(payload).value()};
}

namespace {

// Applies the rollback rule with the entry of `seen_json` for the verified iss and sub.
Result<trust::Bundle> check_seen(trust::Bundle verified, const std::string& seen_json) {
  const auto seen = json::parse_strict(seen_json);
  if (!seen || !seen->is_object()) return Error{ErrorCode::malformed, "seen must be a JSON object"};
  const auto entry = seen->find(verified.iss + " " + verified.sub);
  if (entry == seen->end()) return verified;
  const auto* seq = entry->is_object() ? json::find_integer(*entry, "seq") : nullptr;
  const auto* signature_text = entry->is_object() ? json::find_string(*entry, "signature") : nullptr;
  if (!seq) return Error{ErrorCode::malformed, "seen entry needs an integer seq"};
  std::string signature;
  if (signature_text) {
    auto decoded = jose::base64url::decode(signature_text->get_ref<const std::string&>());
    if (!decoded) return Error{ErrorCode::malformed, "seen signature is not base64url"};
    signature = std::move(*decoded);
  }
  if (auto error = trust::check_rollback(verified, seq->get<std::int64_t>(), signature); error.code != ErrorCode::ok) return error;
  return verified;
}

// Verifies the request's bundle with its keys, key set, revocation list and rollback inputs.
Result<trust::Bundle> verify_request(const BundleRequest& request) {
  if (!is_whole_number(request.now)) return Error{ErrorCode::malformed, "now must be whole seconds"};
  trust::VerifyOptions options;
  options.now = static_cast<std::int64_t>(request.now);
  if (request.min_seq >= 0) {
    if (!is_whole_number(request.min_seq)) return Error{ErrorCode::malformed, "minSeq must be a whole number"};
    options.min_seq = static_cast<std::int64_t>(request.min_seq);
    if (!request.seen_signature.empty()) {
      auto signature = jose::base64url::decode(request.seen_signature);
      if (!signature) return Error{ErrorCode::malformed, "seenSignature is not base64url"};
      options.signature_at_min_seq = std::move(*signature);
    }
  }

  std::vector<jose::jwk::PublicKey> roots;
  if (!request.roots.empty()) {
    auto parsed = jose::jwk::parse_set(request.roots);
    if (!parsed) return parsed.error();
    roots = std::move(parsed).value();
  }
  std::vector<jose::jwk::PublicKey> signing_keys;
  if (!request.keyset.empty()) {
    auto set = trust::verify_keyset(request.keyset, roots, options.now);
    if (!set) return Error{set.code(), "key set: " + set.error().detail};
    signing_keys = std::move(set->keys);
  } else {
    auto parsed = jose::jwk::parse_set(request.keys);
    if (!parsed) return parsed.error();
    signing_keys = std::move(parsed).value();
  }
  std::optional<trust::RevocationList> revocations;
  if (!request.revocations.empty()) {
    auto list = trust::verify_revocations(request.revocations, roots, options.now);
    if (!list) return Error{list.code(), "revocation list: " + list.error().detail};
    revocations = std::move(list).value();
    options.revocations = &*revocations;
  }
  if (!is_whole_number(request.bundle_length) || request.bundle_length > input().size()) {
    return Error{ErrorCode::malformed, "bundleLength does not match the input buffer"};
  }
  auto verified = trust::verify_bundle(std::string_view(input().data(), static_cast<std::size_t>(request.bundle_length)), signing_keys, options);
  if (!verified || request.seen.empty()) return verified;
  return check_seen(std::move(verified).value(), request.seen);
}

BundleOutcome success(const trust::Bundle& verified) {
  BundleOutcome outcome;
  outcome.code = "ok";
  outcome.kid = verified.kid;
  outcome.signature = jose::base64url::encode(verified.signature);
  outcome.seq = static_cast<double>(verified.seq);
  outcome.iss = verified.iss;
  outcome.sub = verified.sub;
  return outcome;
}

}  // namespace

BundleOutcome verify_bundle(const BundleRequest& request) {
  const auto verified = verify_request(request);
  if (!verified) return failure<BundleOutcome>(verified.error());
  auto outcome = success(*verified);
  outcome.json = output(verified->claims_with_data().dump());
  return outcome;
}

namespace {

// The view options of a request: today (default: the UTC date of `now`), last viewed, and the rule.
Result<view::Options> view_options(const BundleRequest& request) {
  view::Options options;
  options.today = date::floor<date::days>(date::sys_seconds{std::chrono::seconds{static_cast<std::int64_t>(request.now)}});
  if (!request.today.empty()) {
    const auto today = record::timestamp::parse_date(request.today);
    if (!today) return Error{ErrorCode::malformed, "today must be YYYY-MM-DD"};
    options.today = *today;
  }
  if (!is_whole_number(request.last_viewed)) return Error{ErrorCode::malformed, "lastViewed must be whole seconds"};
  options.last_viewed = static_cast<std::int64_t>(request.last_viewed);
  if (!request.rule.empty() && request.rule != "percent_10" && request.rule != "days_15") {
    return Error{ErrorCode::malformed, "rule must be percent_10 or days_15"};
  }
  options.rule = request.rule == "days_15" ? record::attendance::Rule::days_15 : record::attendance::Rule::percent_10;
  return options;
}

// Verifies the request's bundle, then hands it to `render` (the view or the summary).
template <class Render>
BundleOutcome verify_and_render(const BundleRequest& request, Render render) {
  const auto verified = verify_request(request);
  if (!verified) return failure<BundleOutcome>(verified.error());
  const auto options = view_options(request);
  if (!options) return failure<BundleOutcome>(options.error());
  auto rendered = render(*verified, *options);
  if (!rendered) return failure<BundleOutcome>(rendered.error());
  auto outcome = success(*verified);
  outcome.json = output(std::move(rendered).value());
  return outcome;
}

}  // namespace

BundleOutcome open_bundle(const BundleRequest& request) { return verify_and_render(request, view::render); }

BundleOutcome summarize_bundle(const BundleRequest& request) { return verify_and_render(request, view::render_summary); }

BundleOutcome open_roster(const BundleRequest& request) {
  const auto verified = verify_request(request);
  if (!verified) return failure<BundleOutcome>(verified.error());
  if (verified->typ != "fep-roster+jwt") return failure<BundleOutcome>({ErrorCode::bad_header, "not a roster"});
  const auto roster = record::parse_roster(verified->data());
  if (!roster) return failure<BundleOutcome>(roster.error());
  json::Writer w;
  w.begin_object().key("teacher").begin_object().member("id", roster->teacher_id).member("name", roster->teacher_name).end_object();
  w.member("schoolYear", roster->school_year).key("students").begin_array();
  for (const auto& student : roster->students) {
    w.begin_object().member("id", student.id).member("displayName", student.display_name).member("gradeLevel", student.grade_level);
    w.key("contacts").begin_array();
    for (const auto& c : student.contacts) {
      w.begin_object().member("id", c.id).member("name", c.name).member("relation", c.relation)
          .member("preferredLanguage", c.preferred_language).member("restrictions", c.restrictions).end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
  auto outcome = success(*verified);
  outcome.json = output(w.take());
  return outcome;
}

DeviceKey new_device_key() {
  const auto key = jose::crypto::SecretKey::generate();
  return {"ok", {}, jose::jwk::to_private_json(key).dump(), jose::jwk::thumbprint(key.public_key())};
}

ContactOutcome sign_contact(const std::string& private_jwk, const std::string& record_json, const std::string& student,
                            double after_seq, const std::string& after_hash, double now) {
  const auto key_json = json::parse_strict(private_jwk);
  if (!key_json) return failure<ContactOutcome>({ErrorCode::bad_key, key_json.error().detail});
  const auto key = jose::jwk::parse_private(*key_json);
  if (!key) return failure<ContactOutcome>(key.error());
  const auto record = json::parse_strict(record_json);
  if (!record) return failure<ContactOutcome>({ErrorCode::bad_record, record.error().detail});
  if (!is_whole_number(after_seq) || !is_whole_number(now)) return failure<ContactOutcome>({ErrorCode::malformed, "after seq and now are whole numbers"});
  const auto compact = contact::sign(*record, student, *key, {static_cast<std::int64_t>(after_seq), after_hash},
                                         static_cast<std::int64_t>(now));
  if (!compact) return failure<ContactOutcome>(compact.error());
  return {"ok", {}, *compact, contact::hash_of(*compact), {}};
}

ContactOutcome verify_contact_chain(const std::string& device_jwk, const std::string& compacts_json, double start_seq,
                                    const std::string& start_hash) {
  const auto key_json = json::parse_strict(device_jwk);
  if (!key_json) return failure<ContactOutcome>({ErrorCode::bad_key, key_json.error().detail});
  const auto key = jose::jwk::parse_public_half(*key_json);
  if (!key) return failure<ContactOutcome>(key.error());
  const auto list = json::parse_strict(compacts_json);
  if (!list || !list->is_array()) return failure<ContactOutcome>({ErrorCode::malformed, "records must be a JSON array"});
  std::vector<std::string> compacts;
  for (const auto& item : *list) {
    if (!item.is_string()) return failure<ContactOutcome>({ErrorCode::malformed, "records must be strings"});
    compacts.push_back(item.get<std::string>());
  }
  if (!is_whole_number(start_seq)) return failure<ContactOutcome>({ErrorCode::malformed, "start seq is a whole number"});
  const auto entries = contact::verify_chain(compacts, *key, {static_cast<std::int64_t>(start_seq), start_hash});
  if (!entries) return failure<ContactOutcome>(entries.error());
  json::Writer w;
  w.begin_array();
  for (const auto& e : *entries) {
    w.begin_object().member("seq", e.seq).member("idem", e.idem).member("student", e.student).member("iat", e.iat)
        .member("hash", contact::hash_of(e.compact)).member("recordId", e.record.id).end_object();
  }
  w.end_array();
  return {"ok", {}, {}, {}, w.take()};
}

}  // namespace fep::wasm
