// libFuzzer target for everything that reads hostile bytes: JWS parsing, the bundle profile, key sets,
// revocation lists, JWKS and JSON parsing, timestamps. Run by `npm test` for 60 s under ASan+UBSan;
// see docs/fuzzing.md to run it longer.
//
// The first input byte picks a mode so the fuzzer also reaches the code behind the signature check:
//   0: the rest is a compact JWS, given to every verifier;
//   1: the rest is a payload, signed as a record bundle with the fuzzer's own key, then verified;
//   2: the rest is a protected header, signed over a valid payload, then verified;
//   3: the rest is a key set payload (or JWKS text), signed with the root key, then verified;
//   4: the rest is a contact record payload, signed as fep-contact+jwt, then verified as a chain;
//   5: the rest is JSON text for both readers, json::Document and json::parse_strict: they must agree
//      on the verdict, the error code and every value, or the fuzzer stops with the input;
//   6: the rest is a Seen state (JSON), given to the trust pipeline with a valid key set and bundle.
// Mode 1 also renders the view and the summary of any bundle that verifies, which reads the record.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/contact/log.h"
#include "core/jose/jws.h"
#include "core/json/document.h"
#include "core/record/timestamp.h"
#include "core/trust/bundle.h"
#include "core/trust/keys.h"
#include "core/trust/open.h"
#include "core/trust/profile.h"
#include "core/view/family.h"

namespace {

constexpr date::sys_seconds kNow = fep::record::timestamp::from_epoch(1'790'000'000);

struct Keys {
  fep::jose::crypto::SecretKey secret = *fep::jose::crypto::SecretKey::from_seed(std::string(32, '\x07'));
  fep::jose::jwk::PublicKey pub{fep::jose::jwk::thumbprint(secret.public_key()), secret.public_key()};
  std::vector<fep::jose::jwk::PublicKey> set{pub};
};

const Keys& keys() {
  static const Keys k;
  return k;
}

void verify_everything(std::string_view compact) {
  const auto& k = keys();
  fep::trust::RevocationList revoked;
  revoked.revoked[k.pub.kid] = {"jti-0"};
  fep::trust::VerifyOptions options{kNow, 3, "", &revoked};
  (void)fep::trust::verify_bundle(compact, k.set, options);
  (void)fep::trust::verify_keyset(compact, k.set, kNow);
  (void)fep::trust::verify_revocations(compact, k.set, kNow);
  (void)fep::contact::verify_record(compact, k.pub);
  (void)fep::contact::verify_chain({std::string(compact), std::string(compact)}, k.pub, {1, "x"});
}

std::string header(std::string_view typ) { return fep::trust::profile::header_json(typ, keys().pub.kid); }

void render_if_verified(std::string_view compact) {
  const auto verified = fep::trust::verify_bundle(compact, keys().set, {kNow, std::nullopt, "", nullptr});
  if (!verified) return;
  const fep::view::Options options{fep::record::Day{date::days{20600}}, kNow - std::chrono::hours{24},
                                   fep::record::attendance::Rule::percent_10};
  (void)fep::view::render(*verified, options);
  (void)fep::view::render_summary(*verified, options);
}

// The flat reader must judge JSON exactly as the nlohmann-based one does.
void compare_readers(std::string_view text) {
  const auto expected = fep::json::parse_strict(text);
  const auto actual = fep::json::Document::parse(std::string(text));
  if (expected.ok() != actual.ok()) __builtin_trap();
  if (!expected.ok()) {
    if (expected.code() != actual.code()) __builtin_trap();
    return;
  }
  if (actual->root().to_json() != *expected) __builtin_trap();
}

// A genuine key set and bundle, opened through the pipeline with whatever Seen the fuzzer makes.
void open_with_seen(std::string_view seen_text) {
  const auto seen = fep::trust::Seen::parse(seen_text);
  if (!seen) return;
  const auto& k = keys();
  static const std::string keyset =
      fep::jose::jws::sign(header(fep::trust::profile::kTypKeyset),
                           R"({"iss":"https://a.example","iat":1,"nbf":1,"exp":1890000000,"seq":3,"keys":[)" +
                               fep::jose::jwk::to_public_json(k.pub).dump() + "]}",
                           k.secret);
  static const std::string bundle = fep::jose::jws::sign(
      header(fep::trust::profile::kTypRecord),
      R"({"iss":"https://a.example","sub":"s","iat":1,"nbf":1,"exp":1890000000,"jti":"j","ver":1,"seq":4,)"
      R"("record":{"student":{"id":"s","displayName":"S"}}})",
      k.secret);
  fep::trust::OpenRequest request;
  request.bundle = bundle;
  request.typ = fep::trust::profile::kTypRecord;
  request.roots = k.set;
  request.keyset = keyset;
  request.now = kNow;
  const auto opened = fep::trust::open(request, *seen);
  // Accepting never loses a stream the caller had, and a second open with the result still passes.
  if (opened && opened->seen.streams.size() < seen->streams.size()) __builtin_trap();
  if (opened && !fep::trust::open(request, opened->seen)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto& k = keys();
  switch (data[0] % 7) {
    case 0:
      verify_everything(rest);
      (void)fep::jose::jwk::parse_set(rest);
      (void)fep::json::parse_strict(rest);
      (void)fep::record::timestamp::parse_epoch_or_rfc3339(rest);
      break;
    case 1: {
      const std::string compact = fep::jose::jws::sign(header(fep::trust::profile::kTypRecord), rest, k.secret);
      verify_everything(compact);
      render_if_verified(compact);
      break;
    }
    case 2:
      verify_everything(fep::jose::jws::sign(
          rest,
          R"({"iss":"https://a.example","sub":"s","iat":1,"nbf":1,"exp":1890000000,"jti":"j","ver":1,"seq":4,"record":{}})",
          k.secret));
      break;
    case 3:
      verify_everything(fep::jose::jws::sign(header(fep::trust::profile::kTypKeyset), rest, k.secret));
      verify_everything(fep::jose::jws::sign(header(fep::trust::profile::kTypRevocations), rest, k.secret));
      break;
    case 4:
      verify_everything(fep::jose::jws::sign(header(fep::contact::kTyp), rest, k.secret));
      break;
    case 5:
      compare_readers(rest);
      break;
    default:
      open_with_seen(rest);
      break;
  }
  return 0;
}
