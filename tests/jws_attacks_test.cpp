// Every attack shape of Wycheproof's json_web_signature_test.json (401 cases written for HMAC, RSA and
// EC keys), rebuilt on an Ed25519 bundle, each with the exact code the profile gives it.
//
// Structural shapes (segments, characters, header members, algorithms, payloads, signature lengths)
// are rebuilt one by one. The remaining cases alter the inside of an RSA/EC/HMAC signature (ASN.1
// lengths, PSS salt, MAC bytes...); their Ed25519 equivalent is a signature of the right length with
// altered bytes, and every one of them must be "invalid" in the vectors.
#include <gtest/gtest.h>
#include <sodium.h>

#include <functional>
#include <map>

#include "bundle_builder.h"
#include "core/jose/base64url.h"
#include "core/trust/bundle.h"
#include "test_support.h"

namespace fep {
namespace {

using test::BundleBuilder;
using test::kNow;
using test::SigningKey;

struct Parts {
  std::string header, payload, signature;  // base64url segments of the valid bundle
  std::string joined() const { return header + "." + payload + "." + signature; }
};

Parts split(const std::string& compact) {
  const auto a = compact.find('.'), b = compact.rfind('.');
  return {compact.substr(0, a), compact.substr(a + 1, b - a - 1), compact.substr(b + 1)};
}

std::string with_signature_bytes(const Parts& p, std::string signature) {
  return p.header + "." + p.payload + "." + jose::base64url::encode(signature);
}

// S + L (the group order), little-endian: a signature that is valid modulo L but not reduced.
std::string add_group_order_to_s(std::string signature) {
  static const unsigned char kOrder[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                                           0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,    0,    0,    0,    0,
                                           0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};
  unsigned carry = 0;
  for (int i = 0; i < 32; ++i) {
    const unsigned sum = static_cast<unsigned char>(signature[32 + i]) + kOrder[i] + carry;
    signature[32 + i] = static_cast<char>(sum & 0xff);
    carry = sum >> 8;
  }
  return signature;
}

class JwsAttacks : public ::testing::Test {
 protected:
  SigningKey key, attacker;
  BundleBuilder builder{key};
  std::string good = builder.compact();
  Parts p = split(good);
  std::string sig = *jose::base64url::decode(p.signature);

  ErrorCode code_of(const std::string& compact) const {
    return trust::verify_bundle(compact, {key.pub()}, {kNow, std::nullopt, {}, nullptr}).code();
  }
  std::string signed_with_header(json::Json header, const SigningKey& by) const {
    BundleBuilder other = builder;
    other.key = &by;
    other.header = std::move(header);
    return other.compact();
  }
  std::string signed_payload(const std::string& payload) const {
    return builder.compact_with_raw(builder.header.dump(), payload);
  }

  struct Shape {
    std::function<std::string()> build;
    ErrorCode expected;
  };

  // Wycheproof comment -> the same shape on an Ed25519 bundle.
  std::map<std::string, Shape> shapes() {
    const auto jwk_key = [&](const char* member, json::Json value) {
      auto jwk = jose::jwk::to_public_json(key.pub());
      jwk[member] = std::move(value);
      return jwk;
    };
    std::map<std::string, Shape> m;
    const auto valid = Shape{[&] { return good; }, ErrorCode::ok};
    for (const char* c : {"acceptsValid", "Figure13", "Figure20", "Figure27", "Figure35", "ValidMac",
                          "ValidEdgeCaseMac", "normalPayload", "valid", "saltIsAll0",
                          "saltIsAll1"}) {  // the last two: valid PSS salts, i.e. a valid signature
      m[c] = valid;
    }
    // A bundle's payload must be a JSON object: these payloads are fine for bare JWS but not here.
    m["emptyPayload"] = {[&] { return signed_payload(""); }, ErrorCode::malformed};
    m["allZeroPayload"] = {[&] { return signed_payload(std::string(20, '\0')); }, ErrorCode::malformed};
    m["oneBytePayload"] = {[&] { return signed_payload("a"); }, ErrorCode::malformed};
    m["ValidSpacesInJsonHeader"] = {
        [&] {
          return builder.compact_with_raw(
              " { \"alg\" : \"Ed25519\" , \"kid\" : \"" + key.pub().kid + "\" , \"typ\" : \"fep-record+jwt\" } ",
              builder.claims.dump());
        },
        ErrorCode::ok};
    m["ValidWhiteSpaceInJsonHeader"] = {
        [&] {
          return builder.compact_with_raw(
              "{\"alg\":\"Ed25519\",\n\t\"kid\":\"" + key.pub().kid + "\",\r\n\"typ\":\"fep-record+jwt\"}",
              builder.claims.dump());
        },
        ErrorCode::ok};

    // Segments missing or extra.
    m["rejectsMissingSignature"] = {[&] { return p.header + "." + p.payload + "."; }, ErrorCode::malformed};
    m["rejectsMissingSignatureAndSeparator"] = {[&] { return p.header + "." + p.payload; }, ErrorCode::malformed};
    m["rejectsMissingPayload"] = {[&] { return p.header + ".." + p.signature; }, ErrorCode::bad_signature};
    m["rejectsMissingPayloadAndSeparator"] = {[&] { return p.header + "." + p.signature; }, ErrorCode::malformed};
    m["rejectsMissingHeader"] = {[&] { return "." + p.payload + "." + p.signature; }, ErrorCode::malformed};
    m["rejectsMissingHeaderAndSeparator"] = {[&] { return p.payload + "." + p.signature; }, ErrorCode::malformed};
    m["rejectsMissingHeaderAndSignature"] = {[&] { return "." + p.payload + "."; }, ErrorCode::malformed};
    m["rejectsMissingHeaderSignatureAndSeparator"] = {[&] { return p.payload; }, ErrorCode::malformed};
    m["rejectsMissingHeaderSignatureAndSeparators"] = m["rejectsMissingHeaderSignatureAndSeparator"];
    m["rejectsEmptyString"] = {[&] { return std::string(); }, ErrorCode::malformed};
    m["rejectsExtraEmptyComponent"] = {[&] { return good + "."; }, ErrorCode::malformed};
    m["rejectsExtraComponent"] = {[&] { return good + "." + p.payload; }, ErrorCode::malformed};
    m["rejectsValidJsonSerialization"] = {
        [&] {
          return json::Json{{"payload", p.payload}, {"protected", p.header}, {"signature", p.signature}}.dump();
        },
        ErrorCode::malformed};

    // Modified parts.
    m["rejectsModifiedPayload"] = {
        [&] { return p.header + "." + (p.payload[0] == 'e' ? "f" : "e") + p.payload.substr(1) + "." + p.signature; },
        ErrorCode::bad_signature};
    m["rejectsModifiedHeader"] = {[&] {
                                    auto h = builder.header;
                                    h["kid"] = "X" + key.pub().kid.substr(1);
                                    return jose::base64url::encode(h.dump()) + "." + p.payload + "." + p.signature;
                                  },
                                  ErrorCode::unknown_key};
    m["ModifiedUnusedBitsInPayload"] = {
        [&] {  // non-canonical trailing bits, signed as they stand
          std::string payload = jose::base64url::encode(builder.claims.dump() + "  ");
          payload.back() = payload.back() == 'A' ? 'B' : static_cast<char>(payload.back() + 1);
          const std::string input = p.header + "." + payload;
          return input + "." + jose::base64url::encode(jose::crypto::ed25519_sign(input, key.secret));
        },
        ErrorCode::malformed};

    // Characters outside base64url, wherever they are put (372 and 373 expect a lenient decoder:
    // a strict one is right to refuse).
    m["InvalidCharacterInPayload"] = {[&] { return p.header + ".?" + p.payload + "." + p.signature; },
                                      ErrorCode::malformed};
    m["InvalidCharacterInsertedInHeader"] = {[&] {
                                               return p.header.substr(0, p.header.size() - 1) + "?" + p.header.back() +
                                                      "." + p.payload + "." + p.signature;
                                             },
                                             ErrorCode::malformed};
    m["InvalidCharacterInsertedInPayload"] = {[&] { return p.header + "." + p.payload + "?." + p.signature; },
                                              ErrorCode::malformed};
    m["invalidCharactersInHeader"] = {[&] { return p.header + "####." + p.payload + "." + p.signature; },
                                      ErrorCode::malformed};
    m["invalidCharactersInPayload"] = {[&] { return p.header + ".####" + p.payload + "." + p.signature; },
                                       ErrorCode::malformed};
    m["rejects0ReplacedbyInvalidCharacter"] = {
        [&] { return p.header + "." + p.payload + ".?" + p.signature.substr(1); }, ErrorCode::malformed};
    m["rejectsInvalidCharacters"] = {[&] { return p.header + "." + p.payload + ".????" + p.signature.substr(4); },
                                     ErrorCode::malformed};
    m["spacesInHeader"] = {[&] { return p.header + "    ." + p.payload + "." + p.signature; }, ErrorCode::malformed};
    m["spacesInPayload"] = {[&] { return p.header + ".    " + p.payload + "." + p.signature; }, ErrorCode::malformed};

    // Algorithms and keys that are not ours.
    m["algIsNone"] = {[&] {
                        auto h = builder.header;
                        h["alg"] = "none";
                        return signed_with_header(h, key);
                      },
                      ErrorCode::unsupported_alg};
    m["rejectsNoneAlgorithmAndMissingSignature"] = {[&] {
                                                      auto h = builder.header;
                                                      h["alg"] = "none";
                                                      return jose::base64url::encode(h.dump()) + "." + p.payload + ".";
                                                    },
                                                    ErrorCode::unsupported_alg};
    for (const char* alg : {"UsingRS256", "UsingRS384", "UsingRS512", "UsingPS256", "UsingPS384"}) {
      m[alg] = {[this, alg] {
                  auto h = builder.header;
                  h["alg"] = std::string(alg).substr(5);
                  return signed_with_header(h, key);
                },
                ErrorCode::unsupported_alg};
    }
    m["rejectsSymmetryConfusionAttacks_aesKeyFromEcVerificationKeyBytes"] = {
        [&] {
          // HS512 keyed with the verification key's public bytes: a 64-byte "signature" any attacker can make.
          auto h = builder.header;
          h["alg"] = "HS512";
          const std::string input = jose::base64url::encode(h.dump()) + "." + p.payload;
          std::string mac(crypto_auth_hmacsha512_BYTES, '\0');
          crypto_auth_hmacsha512_state state;
          const std::string secret = key.pub().bytes;
          crypto_auth_hmacsha512_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
          crypto_auth_hmacsha512_update(&state, reinterpret_cast<const unsigned char*>(input.data()), input.size());
          crypto_auth_hmacsha512_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
          return input + "." + jose::base64url::encode(mac);
        },
        ErrorCode::unsupported_alg};
    m["rejectsAttackerProvidedEmbeddedJwk"] = {[&] {
                                                 auto h = builder.header;
                                                 h["kid"] = attacker.pub().kid;
                                                 h["jwk"] = jose::jwk::to_public_json(attacker.pub());
                                                 return signed_with_header(h, attacker);
                                               },
                                               ErrorCode::bad_header};
    m["rejectWrongUse"] = {[&, jwk_key] {
                             return jose::jwk::parse_public(jwk_key("use", "enc")).ok() ? good
                                                                                        : std::string("key refused");
                           },
                           ErrorCode::malformed};
    m["rejectWrongKeyOps"] = {[&, jwk_key] {
                                return jose::jwk::parse_public(jwk_key("key_ops", {"sign", "encrypt"})).ok()
                                           ? good
                                           : std::string("key refused");
                              },
                              ErrorCode::malformed};

    // Signature values and lengths.
    m["modifiedSignature"] = {[&] {
                                std::string s = sig;
                                s[10] ^= 0x40;
                                return with_signature_bytes(p, s);
                              },
                              ErrorCode::bad_signature};
    m["rejectsModifiedSignature"] = m["modifiedSignature"];
    m["SignatureIs0"] = {[&] { return with_signature_bytes(p, std::string(64, '\0')); }, ErrorCode::bad_signature};
    m["SignatureIs1"] = {[&] {
                           std::string s(64, '\0');
                           s[32] = 1;
                           return with_signature_bytes(p, s);
                         },
                         ErrorCode::bad_signature};
    m["SignatureIsn"] = {[&] {
                           std::string s = sig;
                           s.replace(32, 32, std::string(32, '\0'));
                           return with_signature_bytes(p, add_group_order_to_s(s));
                         },
                         ErrorCode::bad_signature};
    m["SignatureIsNsub1"] = {[&] {
                               std::string s = sig;
                               s.replace(32, 32, std::string(32, '\xff'));
                               return with_signature_bytes(p, s);
                             },
                             ErrorCode::bad_signature};
    m["SignatureIsnotReduced"] = {[&] { return with_signature_bytes(p, add_group_order_to_s(sig)); },
                                  ErrorCode::bad_signature};
    m["SisTooBig"] = m["SignatureIsNsub1"];
    m["RisTooBig"] = {[&] {
                        std::string s = sig;
                        s.replace(0, 32, std::string(32, '\xff'));
                        return with_signature_bytes(p, s);
                      },
                      ErrorCode::bad_signature};
    m["truncatedSignature"] = {[&] { return with_signature_bytes(p, sig.substr(0, 63)); }, ErrorCode::malformed};
    m["appendingZerosToSignature"] = {[&] { return with_signature_bytes(p, sig + std::string(2, '\0')); },
                                      ErrorCode::malformed};
    m["prependingZerosToSignature"] = {[&] { return with_signature_bytes(p, std::string(2, '\0') + sig); },
                                       ErrorCode::malformed};
    m["TrailingZeros"] = m["appendingZerosToSignature"];
    m["SignatureTooLong"] = {[&] { return with_signature_bytes(p, sig + sig); }, ErrorCode::malformed};
    m["BufferOverflow"] = {[&] { return with_signature_bytes(p, sig + std::string(1000, 'A')); }, ErrorCode::malformed};
    return m;
  }
};

TEST_F(JwsAttacks, EveryWycheproofShapeRebuiltOnEd25519GetsItsExactCode) {
  ASSERT_EQ(code_of(good), ErrorCode::ok);
  const auto suite = test::read_vector_json("wycheproof/json_web_signature_test.json");
  auto table = shapes();
  std::size_t cases = 0, rebuilt = 0, signature_internal = 0;
  std::set<std::string> used;
  for (const auto& group : suite["testGroups"]) {
    for (const auto& t : group["tests"]) {
      ++cases;
      const std::string comment = t["comment"];
      SCOPED_TRACE("tcId " + std::to_string(t["tcId"].get<int>()) + " " + comment);
      if (const auto shape = table.find(comment); shape != table.end()) {
        used.insert(comment);
        EXPECT_EQ(code_of(shape->second.build()), shape->second.expected);
        ++rebuilt;
        continue;
      }
      // Inside an RSA/EC/HMAC signature: only ever an invalid case, rebuilt as altered signature bytes.
      EXPECT_EQ(t["result"].get<std::string>(), "invalid") << "an unclassified case that Wycheproof calls valid";
      std::string s = sig;
      s[t["tcId"].get<std::size_t>() % 64] ^= static_cast<char>(1 + t["tcId"].get<int>() % 255);
      EXPECT_EQ(code_of(with_signature_bytes(p, s)), ErrorCode::bad_signature);
      ++signature_internal;
    }
  }
  EXPECT_EQ(cases, suite["numberOfTests"].get<std::size_t>());
  EXPECT_EQ(cases, 401u);
  // Every shape in the table is one the vectors contain (no invented shapes counted as coverage).
  for (const auto& [comment, shape] : table) EXPECT_TRUE(used.count(comment)) << comment << " is not in the vectors";
  RecordProperty("rebuilt", static_cast<int>(rebuilt));
  RecordProperty("signature_internal", static_cast<int>(signature_internal));
  EXPECT_GT(rebuilt, 100u);
}

TEST(JwkProfile, KeysDeclaredForAnotherUseOrOperationAreRefused) {
  const SigningKey key;
  auto jwk = jose::jwk::to_public_json(key.pub());
  jwk["key_ops"] = {"verify"};
  EXPECT_TRUE(jose::jwk::parse_public(jwk).ok());
  for (const json::Json& ops :
       {json::Json{"sign"}, json::Json{"verify", "sign"}, json::Json::array(), json::Json("verify")}) {
    jwk["key_ops"] = ops;
    EXPECT_EQ(jose::jwk::parse_public(jwk).code(), ErrorCode::bad_key) << ops.dump();
  }
}

}  // namespace
}  // namespace fep
