// Timestamps at the edges: RFC 3339 text <-> seconds since the Unix epoch, through HowardHinnant date
// types (no hand-written calendar arithmetic). No iostreams: this code also runs in the browser.
#pragma once

#include <date/date.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace fep::record::timestamp {

// An instant is a date::sys_seconds everywhere in the core; integers appear only at the edges (JWT
// claims, JavaScript numbers), converted by these two.
constexpr date::sys_seconds from_epoch(std::int64_t seconds) {
  return date::sys_seconds{std::chrono::seconds{seconds}};
}
constexpr std::int64_t to_epoch(date::sys_seconds instant) { return instant.time_since_epoch().count(); }

// "2026-11-22T10:00:00Z", with optional fractional seconds (dropped) and a Z or ±hh:mm offset.
// malformed for anything else, including impossible dates such as 2026-02-30.
Result<date::sys_seconds> parse_rfc3339(std::string_view text);

// Seconds given as decimal digits, or an RFC 3339 timestamp.
Result<date::sys_seconds> parse_epoch_or_rfc3339(std::string_view text);

// "2026-11-22T10:00:00Z".
std::string format_rfc3339(date::sys_seconds instant);

// A calendar date "YYYY-MM-DD" (ISO 8601); malformed for anything else or an impossible date.
Result<date::sys_days> parse_date(std::string_view text);
// "YYYY-MM-DD".
std::string format_date(date::sys_days day);

}  // namespace fep::record::timestamp
