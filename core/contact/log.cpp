#include "core/contact/log.h"

#include <algorithm>
#include <iterator>

#include "core/contact/limits.h"
#include "core/jose/base64url.h"
#include "core/jose/jws.h"
#include "core/record/timestamp.h"
#include "core/text/utf8.h"
#include "core/trust/profile.h"

namespace fep::contact {
namespace {

using trust::profile::bad_claims;

Result<std::string> required_text(const json::Json& claims, const char* name) {
  const auto* value = json::find_string(claims, name);
  if (!value || value->get_ref<const std::string&>().empty())
    return bad_claims(std::string(name) + " must be a non-empty string");
  return value->get<std::string>();
}

Error bad_record(const char* pointer, const char* message) {
  return Error{ErrorCode::bad_record, std::string(pointer) + ": " + message};
}

}  // namespace

// Checked when a record is signed, never when one is read: records signed before a rule existed
// stay as they were signed (docs/contact-log.md, "What a record may say").
Result<void> says_what_happened(const record::ContactRecord& record) {
  if (record.received_at) return bad_record("/receivedAt", "is set by the school's hub when it receives the record");
  const bool written = is_written(record.channel);
  if (record.channel == Channel::app_message && record.outcome && *record.outcome != Outcome::sent)
    return bad_record("/outcome", "a message through the portal was sent; whether it reached the family is unknown");
  if (record.outcome == Outcome::sent && !written)
    return bad_record("/outcome", "only a written message (portal, text, email, letter) is sent");
  // A call, a meeting or a visit happened in some way: the person logging it says how it went.
  if (!written && record.direction == Direction::school_to_family && !record.outcome)
    return bad_record("/outcome", "say how the call, meeting or visit went");
  return {};
}

bool plausible_time(const Entry& entry, date::sys_seconds received) {
  const auto earliest = received - kMaxRecordAge, latest = received + kClockSkew;
  return entry.iat >= earliest && entry.iat <= latest && entry.record.at >= earliest && entry.record.at <= latest;
}

std::string hash_of(std::string_view compact) { return jose::base64url::encode(jose::crypto::sha256(compact)); }

Link Entry::link() const { return {seq, hash_of(compact)}; }

Result<Prepared> prepare(const json::Json& record_json, std::string_view student, const jose::jwk::PublicKey& device,
                         const Link& after, date::sys_seconds now, std::string idem) {
  const auto checked = record::parse_contact_record(record_json);
  if (!checked) return checked.error();
  if (auto honest = says_what_happened(*checked); !honest) return honest.error();
  if (student.empty()) return bad_claims("a contact record names its student");
  Prepared prepared;
  prepared.seq = after.seq + 1;
  prepared.dev = device.kid;
  prepared.idem = idem.empty() ? jose::base64url::encode(jose::crypto::random_bytes(16)) : std::move(idem);
  const json::Json claims = {{"dev", device.kid},
                             {"seq", prepared.seq},
                             {"prev", after.seq == 0 ? json::Json() : json::Json(after.hash)},
                             {"idem", prepared.idem},
                             {"iat", record::timestamp::to_epoch(now)},
                             {"sub", student},
                             {"record", record_json}};
  prepared.signing_input = jose::jws::signing_input(trust::profile::header_json(kTyp, device.kid), claims.dump());
  return prepared;
}

Result<Signed> assemble(const Prepared& prepared, std::string_view signature, const jose::jwk::PublicKey& device) {
  auto compact = jose::jws::assemble(prepared.signing_input, signature, device);
  if (!compact) return compact.error();
  Signed signed_record{std::move(compact).value(), prepared.seq, prepared.idem, prepared.dev, {}};
  signed_record.hash = hash_of(signed_record.compact);
  return signed_record;
}

Result<Signed> sign(const json::Json& record_json, std::string_view student, const jose::crypto::SecretKey& device,
                    const Link& after, date::sys_seconds now, std::string idem) {
  const jose::jwk::PublicKey key{jose::jwk::thumbprint(device.public_key()), device.public_key()};
  const auto prepared = prepare(record_json, student, key, after, now, std::move(idem));
  if (!prepared) return prepared.error();
  return assemble(*prepared, jose::crypto::ed25519_sign(prepared->signing_input, device), key);
}

Result<Entry> verify_record(std::string_view compact, const jose::jwk::PublicKey& device) {
  if (compact.size() > kMaxSignedRecordBytes)
    return Error{ErrorCode::too_large, "a signed contact record is at most 16 KiB"};
  auto decoded = jose::jws::decode(compact);
  if (!decoded) return decoded.error();
  if (auto typ = trust::profile::check_header(decoded->header, {kTyp}); !typ) return typ.error();
  const auto* kid = json::find_string(decoded->header, "kid");
  if (*kid != device.kid) return Error{ErrorCode::unknown_key, "not this device's key"};
  auto payload = jose::jws::verify(*decoded, device);
  if (!payload) {
    return payload.code() == ErrorCode::bad_signature ? Error{ErrorCode::chain_tampered, "the signature does not match"}
                                                      : payload.error();
  }

  auto claims = json::parse_strict(*payload);
  if (!claims) return claims.error();
  if (!claims->is_object()) return bad_claims("payload is not a JSON object");
  for (const auto& member : claims->items()) {
    static constexpr std::string_view kClaims[] = {"dev", "seq", "prev", "idem", "iat", "sub", "record"};
    if (std::find(std::begin(kClaims), std::end(kClaims), member.key()) == std::end(kClaims))
      return bad_claims("\"" + member.key() + "\" is not a claim of a contact record");
  }
  Entry entry;
  entry.compact = std::string(compact);
  auto dev = required_text(*claims, "dev");
  if (!dev) return dev.error();
  if (*dev != device.kid) return bad_claims("dev must be the signing key's kid");
  entry.dev = std::move(dev).value();
  const auto* seq = json::find_integer(*claims, "seq");
  const auto* iat = json::find_integer(*claims, "iat");
  if (!seq || seq->get<std::int64_t>() < 1) return bad_claims("seq must be a whole number from 1");
  if (!iat) return bad_claims("iat must be an integer");
  entry.seq = seq->get<std::int64_t>();
  entry.iat = record::timestamp::from_epoch(iat->get<std::int64_t>());
  const auto prev = claims->find("prev");
  if (entry.seq == 1) {
    if (prev == claims->end() || !prev->is_null()) return bad_claims("the first record's prev must be null");
  } else {
    if (prev == claims->end() || !prev->is_string() ||
        jose::base64url::decode(prev->get_ref<const std::string&>()).value_or("").size() != 32) {
      return bad_claims("prev must be a base64url SHA-256");
    }
    entry.prev = prev->get<std::string>();
  }
  auto idem = required_text(*claims, "idem");
  if (!idem) return idem.error();
  entry.idem = std::move(idem).value();
  if (entry.idem.size() > 64) return bad_claims("idem is at most 64 bytes");
  auto student = required_text(*claims, "sub");
  if (!student) return student.error();
  if (!text::is_valid_id(*student)) return bad_claims("sub is not a valid student id");
  entry.student = std::move(student).value();
  const auto* record_json = json::find_object(*claims, "record");
  if (!record_json) return bad_claims("record must be an object");
  auto parsed = record::parse_contact_record(*record_json);
  if (!parsed)
    return Error{ErrorCode::bad_record, "/record" + parsed.error().detail};  // detail starts with its pointer
  entry.record = std::move(parsed).value();
  return entry;
}

Result<std::vector<Entry>> verify_chain(const std::vector<std::string>& compacts, const jose::jwk::PublicKey& device,
                                        const Link& start) {
  std::vector<Entry> entries;
  entries.reserve(compacts.size());
  for (std::size_t i = 0; i < compacts.size(); ++i) {
    auto entry = verify_record(compacts[i], device);
    if (!entry) return Error{entry.code(), "record " + std::to_string(i) + ": " + entry.error().detail};
    entries.push_back(std::move(entry).value());
  }

  std::vector<Entry> chain;
  Link at = start;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    Entry& entry = entries[i];
    const std::string where = "record " + std::to_string(i) + " (seq " + std::to_string(entry.seq) + ")";
    if (entry.seq <= at.seq) {
      // Already placed: the same bytes again is a retry; anything else claims a taken place.
      const auto same_seq =
          std::find_if(chain.begin(), chain.end(), [&](const Entry& e) { return e.seq == entry.seq; });
      const bool known = same_seq != chain.end() || (entry.seq == start.seq && start.seq > 0);
      const bool same_bytes =
          same_seq != chain.end() ? same_seq->compact == entry.compact : hash_of(entry.compact) == start.hash;
      if (known && same_bytes) continue;
      if (known) return Error{ErrorCode::chain_fork, where + " differs from the record already at that seq"};
      return Error{ErrorCode::chain_reordered, where + " comes after seq " + std::to_string(at.seq)};
    }
    if (entry.seq > at.seq + 1) {
      const bool comes_later = std::any_of(entries.begin() + static_cast<std::ptrdiff_t>(i) + 1, entries.end(),
                                           [&](const Entry& e) { return e.seq == at.seq + 1; });
      if (comes_later)
        return Error{ErrorCode::chain_reordered, where + " comes before seq " + std::to_string(at.seq + 1)};
      return Error{ErrorCode::chain_gap, "seq " + std::to_string(at.seq + 1) + " is missing before " + where};
    }
    // The next seq: it must name the record before it.
    if (entry.seq > 1 && entry.prev != at.hash) {
      return Error{ErrorCode::chain_tampered,
                   where + ": prev does not match the record before it (that record was changed)"};
    }
    at = entry.link();
    chain.push_back(std::move(entry));
  }
  return chain;
}

}  // namespace fep::contact
