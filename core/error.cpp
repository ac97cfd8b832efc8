#include "core/error.h"

namespace fep {
namespace {

struct ErrorText {
  std::string_view id;
  std::string_view message;
};

// Indexed by ErrorCode; the static_assert below keeps it in step with the enum.
constexpr ErrorText kErrorTexts[] = {
    {"ok", "no error"},
    {"malformed", "the data is not well-formed"},
    {"unsupported_alg", "the signature algorithm is not Ed25519"},
    {"unknown_key", "the signing key is not one of the trusted keys"},
    {"bad_key", "the key is not a valid Ed25519 public key"},
    {"bad_signature", "the signature does not match the data"},
    {"bad_header", "the signature header is outside the accepted profile"},
    {"expired", "the data has expired"},
    {"not_yet_valid", "the data is not valid yet"},
    {"rolled_back", "the data is older than data already seen"},
    {"revoked", "the data has been revoked by its issuer"},
    {"too_large", "the data exceeds a size limit"},
    {"bad_claims", "the signed claims are missing or invalid"},
    {"bad_record", "the student record is invalid"},
    {"unavailable", "the data could not be read or fetched"},
    {"chain_gap", "a contact record is missing from the device's chain"},
    {"chain_fork", "two different contact records claim the same place in the device's chain"},
    {"chain_reordered", "the device's contact records are out of order"},
    {"chain_tampered", "a contact record was changed after it was signed"},
    {"issuer_mismatch", "the keys or revocation list belong to another issuer than the data"},
    {"wrong_typ", "the signed data is of another kind than expected"},
    {"unlisted_issuer", "the issuer is not in the trust directory"},
};
static_assert(std::size(kErrorTexts) == static_cast<std::size_t>(ErrorCode::unlisted_issuer) + 1,
              "every ErrorCode needs a text");

const ErrorText& text_of(ErrorCode code) {
  const auto index = static_cast<std::size_t>(code);
  return index < std::size(kErrorTexts) ? kErrorTexts[index] : kErrorTexts[1];
}

}  // namespace

std::string_view to_string(ErrorCode code) { return text_of(code).id; }

std::string message_key(ErrorCode code) { return "error." + std::string(to_string(code)); }

std::string_view default_message(ErrorCode code) { return text_of(code).message; }

}  // namespace fep
