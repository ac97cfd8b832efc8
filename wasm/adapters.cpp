#include "adapters.h"

#include <cmath>
#include <optional>

#include "core/contact/log.h"
#include "core/contact/vocabulary.h"
#include "core/jose/base64url.h"
#include "core/jose/jwk.h"
#include "core/jose/jws.h"
#include "core/json/json.h"
#include "core/json/writer.h"
#include "core/record/timestamp.h"
#include "core/trust/open.h"
#include "core/trust/profile.h"
#include "core/view/dashboard.h"
#include "core/view/family.h"
#include "core/view/first_needs.h"
#include "core/view/roster.h"

namespace fep::wasm {
namespace {

template <class Outcome>
Outcome failure(const Error& error) {
  Outcome outcome{};
  outcome.code = std::string(to_string(error.code));
  outcome.detail = error.detail;
  return outcome;
}

bool is_whole_number(double value) {
  return std::isfinite(value) && value >= 0 && value <= 9.0e15 && std::floor(value) == value;
}

std::string& input() {
  static std::string buffer;
  return buffer;
}

std::string& output() {
  static std::string buffer;
  return buffer;
}

}  // namespace

emscripten::val output_view() {
  return emscripten::val(
      emscripten::typed_memory_view(output().size(), reinterpret_cast<unsigned char*>(output().data())));
}

emscripten::val input_buffer(double size) {
  // Bounded by the caller (web/src/core.js refuses bundles over 1 MiB before asking).
  input().resize(is_whole_number(size) && size <= 4.0 * 1024 * 1024 ? static_cast<std::size_t>(size) : 0);
  return emscripten::val(
      emscripten::typed_memory_view(input().size(), reinterpret_cast<unsigned char*>(input().data())));
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

// The pipeline's request from the JavaScript one; `texts` owns the parsed key sets it points into.
Result<trust::OpenRequest> open_request(const BundleRequest& request, std::string_view typ) {
  if (!is_whole_number(request.now)) return Error{ErrorCode::malformed, "now must be whole seconds"};
  trust::OpenRequest open;
  open.typ = typ;
  open.now = record::timestamp::from_epoch(static_cast<std::int64_t>(request.now));
  if (request.min_seq >= 0) {
    if (!is_whole_number(request.min_seq)) return Error{ErrorCode::malformed, "minSeq must be a whole number"};
    open.min_seq = trust::SeenEntry{static_cast<std::int64_t>(request.min_seq), {}};
    if (!request.seen_signature.empty()) {
      auto signature = jose::base64url::decode(request.seen_signature);
      if (!signature) return Error{ErrorCode::malformed, "seenSignature is not base64url"};
      open.min_seq->signature = std::move(signature).value();
    }
  }
  if (!request.roots.empty()) {
    auto roots = jose::jwk::parse_set(request.roots);
    if (!roots) return roots.error();
    open.roots = std::move(roots).value();
  }
  if (request.keyset.empty()) {
    auto keys = jose::jwk::parse_set(request.keys);
    if (!keys) return keys.error();
    open.keys = std::move(keys).value();
  }
  open.keyset = request.keyset;
  open.revocations = request.revocations;
  if (!request.directory.empty()) {
    auto keys = jose::jwk::parse_set(request.directory_keys);
    if (!keys) return keys.error();
    open.directory_keys = std::move(keys).value();
    open.directory = request.directory;
  }
  if (!is_whole_number(request.bundle_length) || request.bundle_length > input().size()) {
    return Error{ErrorCode::malformed, "bundleLength does not match the input buffer"};
  }
  open.bundle = std::string_view(input().data(), static_cast<std::size_t>(request.bundle_length));
  return open;
}

// Runs the trust pipeline on the request's bundle of kind `typ` (empty: either kind).
Result<trust::Opened> open_request_bundle(const BundleRequest& request, std::string_view typ) {
  const auto open = open_request(request, typ);
  if (!open) return open.error();
  auto seen = trust::Seen::parse(request.seen);
  if (!seen) return seen.error();
  return trust::open(*open, std::move(seen).value());
}

// The outcome of an opened bundle, whose `json` is `text` (moved into the output buffer).
BundleOutcome success(const trust::Opened& opened, std::string text) {
  BundleOutcome outcome;
  outcome.code = "ok";
  outcome.kid = opened.bundle.kid;
  outcome.signature = jose::base64url::encode(opened.bundle.signature);
  outcome.seq = static_cast<double>(opened.bundle.seq);
  outcome.iss = opened.bundle.iss;
  outcome.sub = opened.bundle.sub;
  outcome.issuer_name = opened.issuer_name;
  outcome.seen = opened.seen.to_json().dump();
  outcome.json_length = static_cast<double>(text.size());
  output() = std::move(text);
  return outcome;
}

// Opens the request's bundle of kind `typ`, then hands it to `render`.
template <class Render>
BundleOutcome open_and_render(const BundleRequest& request, std::string_view typ, Render render) {
  const auto opened = open_request_bundle(request, typ);
  if (!opened) return failure<BundleOutcome>(opened.error());
  auto rendered = render(opened->bundle);
  if (!rendered) return failure<BundleOutcome>(rendered.error());
  return success(*opened, std::move(rendered).value());
}

Result<view::Options> view_options(const BundleRequest& request) {
  if (!is_whole_number(request.last_viewed)) return Error{ErrorCode::malformed, "lastViewed must be whole seconds"};
  std::optional<date::sys_seconds> last_viewed;
  if (request.last_viewed > 0)
    last_viewed = record::timestamp::from_epoch(static_cast<std::int64_t>(request.last_viewed));
  return view::options_from(record::timestamp::from_epoch(static_cast<std::int64_t>(request.now)), request.today,
                            request.rule, last_viewed);
}

// A record view (the family view or the summary) with the request's view options.
template <class Render>
BundleOutcome open_and_view(const BundleRequest& request, Render render) {
  const auto options = view_options(request);
  if (!options) return failure<BundleOutcome>(options.error());
  return open_and_render(request, trust::profile::kTypRecord,
                         [&](const trust::Bundle& bundle) { return render(bundle, *options); });
}

}  // namespace

BundleOutcome verify_bundle(const BundleRequest& request) {
  return open_and_render(
      request, {}, [](const trust::Bundle& bundle) { return Result<std::string>(bundle.claims_with_data().dump()); });
}

BundleOutcome open_bundle(const BundleRequest& request) { return open_and_view(request, view::render); }

BundleOutcome summarize_bundle(const BundleRequest& request) { return open_and_view(request, view::render_summary); }

BundleOutcome first_needs(const BundleRequest& request) {
  const auto options = view_options(request);
  if (!options) return failure<BundleOutcome>(options.error());
  const auto opened = open_request_bundle(request, trust::profile::kTypRecord);
  if (!opened) return failure<BundleOutcome>(opened.error());
  const auto card = view::first_needs(opened->bundle, {options->today, opened->issuer_name, 3});
  if (!card) return failure<BundleOutcome>(card.error());
  return success(*opened, card->dump());
}

BundleOutcome open_archive(const BundleRequest& request) {
  return open_and_render(request, trust::profile::kTypArchive, view::render_archive);
}

BundleOutcome open_roster(const BundleRequest& request) {
  return open_and_render(request, trust::profile::kTypRoster, view::render_roster);
}

BundleOutcome open_dashboard(const BundleRequest& request) {
  return open_and_render(request, trust::profile::kTypDashboard,
                         [](const trust::Bundle& bundle) -> Result<std::string> {
                           if (!bundle.data().find("figures").is_object())
                             return Error{ErrorCode::bad_claims, "dashboard.figures must be an object"};
                           return bundle.data().to_json().dump();
                         });
}

namespace {

template <class Table>
void write_names(json::Writer& w, std::string_view name, const Table& table) {
  w.key(name).begin_array();
  for (const auto word : table.names) w.value(word);
  w.end_array();
}

}  // namespace

std::string contact_vocabulary() {
  json::Writer w;
  w.begin_object();
  write_names(w, "directions", contact::kDirections);
  write_names(w, "channels", contact::kChannels);
  write_names(w, "outcomes", contact::kOutcomes);
  write_names(w, "topics", contact::kTopics);
  w.end_object();
  return w.take();
}

namespace {

// What both ways of signing a contact record take from JavaScript: the record, the chain link it
// follows and the time.
struct ContactInput {
  json::Json record;
  contact::Link after;
  date::sys_seconds now;
};

Result<ContactInput> contact_input(const std::string& record_json, double after_seq, const std::string& after_hash,
                                   double now) {
  auto record = json::parse_strict(record_json);
  if (!record) return Error{ErrorCode::bad_record, record.error().detail};
  if (!is_whole_number(after_seq) || !is_whole_number(now)) {
    return Error{ErrorCode::malformed, "after seq and now are whole numbers"};
  }
  return ContactInput{std::move(record).value(),
                      {static_cast<std::int64_t>(after_seq), after_hash},
                      record::timestamp::from_epoch(static_cast<std::int64_t>(now))};
}

}  // namespace

namespace {

Result<jose::jwk::PublicKey> device_public_key(const std::string& public_jwk) {
  const auto key_json = json::parse_strict(public_jwk);
  if (!key_json) return Error{ErrorCode::bad_key, key_json.error().detail};
  return jose::jwk::parse_public_half(*key_json);
}

}  // namespace

ContactOutcome prepare_contact(const std::string& public_jwk, const std::string& record_json,
                               const std::string& student, double after_seq, const std::string& after_hash,
                               double now) {
  const auto key = device_public_key(public_jwk);
  if (!key) return failure<ContactOutcome>(key.error());
  const auto input = contact_input(record_json, after_seq, after_hash, now);
  if (!input) return failure<ContactOutcome>(input.error());
  auto prepared = contact::prepare(input->record, student, *key, input->after, input->now);
  if (!prepared) return failure<ContactOutcome>(prepared.error());
  ContactOutcome outcome;
  outcome.code = "ok";
  outcome.compact = std::move(prepared->signing_input);
  outcome.seq = static_cast<double>(prepared->seq);
  outcome.idem = std::move(prepared->idem);
  outcome.dev = std::move(prepared->dev);
  return outcome;
}

std::string key_id(const std::string& public_jwk) {
  const auto key = device_public_key(public_jwk);
  return key ? key->kid : std::string();
}

ContactOutcome assemble_contact(const std::string& public_jwk, const std::string& signing_input,
                                const std::string& signature) {
  const auto key = device_public_key(public_jwk);
  if (!key) return failure<ContactOutcome>(key.error());
  const auto bytes = jose::base64url::decode(signature);
  if (!bytes) return failure<ContactOutcome>({ErrorCode::malformed, "signature is not base64url"});
  auto compact = jose::jws::assemble(signing_input, *bytes, *key);
  if (!compact) return failure<ContactOutcome>(compact.error());
  ContactOutcome outcome;
  outcome.code = "ok";
  outcome.hash = contact::hash_of(*compact);
  outcome.compact = std::move(compact).value();
  return outcome;
}

ContactOutcome verify_contact_chain(const std::string& device_jwk, const std::string& compacts_json, double start_seq,
                                    const std::string& start_hash) {
  const auto key_json = json::parse_strict(device_jwk);
  if (!key_json) return failure<ContactOutcome>({ErrorCode::bad_key, key_json.error().detail});
  const auto key = jose::jwk::parse_public_half(*key_json);
  if (!key) return failure<ContactOutcome>(key.error());
  const auto list = json::parse_strict(compacts_json);
  if (!list || !list->is_array())
    return failure<ContactOutcome>({ErrorCode::malformed, "records must be a JSON array"});
  std::vector<std::string> compacts;
  for (const auto& item : *list) {
    if (!item.is_string()) return failure<ContactOutcome>({ErrorCode::malformed, "records must be strings"});
    compacts.push_back(item.get<std::string>());
  }
  if (!is_whole_number(start_seq))
    return failure<ContactOutcome>({ErrorCode::malformed, "start seq is a whole number"});
  const auto entries = contact::verify_chain(compacts, *key, {static_cast<std::int64_t>(start_seq), start_hash});
  if (!entries) return failure<ContactOutcome>(entries.error());
  json::Writer w;
  w.begin_array();
  for (const auto& e : *entries) {
    w.begin_object()
        .member("seq", e.seq)
        .member("idem", e.idem)
        .member("student", e.student)
        .member("iat", record::timestamp::to_epoch(e.iat))
        .member("hash", contact::hash_of(e.compact))
        .member("recordId", e.record.id)
        .end_object();
  }
  w.end_array();
  ContactOutcome outcome;
  outcome.code = "ok";
  outcome.entries = w.take();
  return outcome;
}

}  // namespace fep::wasm
