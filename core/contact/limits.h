// What a contact record may hold, member by member, in bytes of UTF-8 (docs/contact-log.md, "Sizes").
// A record is written by a device the hub does not control; every field is bounded so that no family
// or device can grow a student's signed bundle past what the verifiers accept (1 MiB), and a member
// the format does not define is refused rather than carried into every reader.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

namespace fep::contact {

struct FieldLimit {
  std::string_view name;
  std::size_t max_bytes;  // for a string; 0: not a string (its own rules bound it)
};

inline constexpr FieldLimit kRecordFields[] = {
    {"id", 128},          {"at", 40},
    {"direction", 32},    {"channel", 32},
    {"staff", 200},       {"contactId", 128},
    {"language", 35},     {"interpreter", 0},
    {"templateId", 64},   {"params", 0},
    {"note", 6000},       {"outcome", 32},
    {"followUpDate", 10}, {"trustingRelationship", 0},
    {"topics", 0},        {"receivedAt", 40},
};

// When a record may say it was made (docs/contact-log.md, "Times the school can trust"): not after the
// hub received it, beyond a phone's clock being a little fast, and not longer before than a phone may
// plausibly stay offline.
inline constexpr std::chrono::minutes kClockSkew{5};
inline constexpr std::chrono::hours kMaxRecordAge{24 * 45};

// A note: 2,000 characters, and at most 6,000 bytes (three per character, as most scripts take).
inline constexpr std::size_t kMaxNoteCharacters = 2000;

// A device's whole record as signed (compact JWS), checked before its signature is.
inline constexpr std::size_t kMaxSignedRecordBytes = 16 * 1024;

// The limit for member `name`, or null for a member a contact record does not have.
constexpr const FieldLimit* field_limit(std::string_view name) {
  for (const auto& field : kRecordFields)
    if (field.name == name) return &field;
  return nullptr;
}

}  // namespace fep::contact
