#include "core/record/timestamp.h"

#include <cstdio>

namespace fep::record::timestamp {
namespace {

// Reads exactly `width` decimal digits at `pos`.
bool read_digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

// Writes `value` as exactly `width` decimal digits (snprintf is several times slower in WebAssembly,
// and the view writes hundreds of dates).
char* put_digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

Error malformed(std::string_view text) {
  return Error{ErrorCode::malformed, "not an RFC 3339 time: " + std::string(text.substr(0, 40))};
}

}  // namespace

Result<date::sys_seconds> parse_rfc3339(std::string_view text) {
  int year, month, day, hour, minute, second;
  if (!read_digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' || !read_digits(text, 5, 2, month) ||
      text[7] != '-' || !read_digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't') ||
      !read_digits(text, 11, 2, hour) || text[13] != ':' || !read_digits(text, 14, 2, minute) || text[16] != ':' ||
      !read_digits(text, 17, 2, second)) {
    return malformed(text);
  }
  std::size_t pos = 19;
  if (text[pos] == '.') {
    do ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9');
    if (pos == 20) return malformed(text);
  }
  int offset_seconds = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int offset_hours, offset_minutes;
    if (!read_digits(text, pos + 1, 2, offset_hours) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !read_digits(text, pos + 4, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59) {
      return malformed(text);
    }
    offset_seconds = (offset_hours * 60 + offset_minutes) * 60 * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return malformed(text);
  }
  if (pos != text.size() || hour > 23 || minute > 59 || second > 60) return malformed(text);

  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return malformed(text);
  const auto days = date::sys_days{ymd}.time_since_epoch().count();
  // A leap second (:60) is read as the following second, as POSIX time does.
  return from_epoch(static_cast<std::int64_t>(days) * 86400 + hour * 3600 + minute * 60 + second - offset_seconds);
}

Result<date::sys_seconds> parse_epoch_or_rfc3339(std::string_view text) {
  if (!text.empty() && text.size() <= 12 && text.find_first_not_of("0123456789") == std::string_view::npos) {
    std::int64_t seconds = 0;
    for (const char c : text) seconds = seconds * 10 + (c - '0');
    return from_epoch(seconds);
  }
  return parse_rfc3339(text);
}

std::string format_rfc3339(date::sys_seconds instant) {
  const auto days = date::floor<date::days>(instant);
  const auto in_day = (instant - days).count();
  std::string text = format_date(days);  // YYYY-MM-DD, then Thh:mm:ssZ
  char time[10] = {'T', 0, 0, ':', 0, 0, ':', 0, 0, 'Z'};
  put_digits(time + 1, static_cast<unsigned>(in_day / 3600), 2);
  put_digits(time + 4, static_cast<unsigned>(in_day / 60 % 60), 2);
  put_digits(time + 7, static_cast<unsigned>(in_day % 60), 2);
  return text.append(time, sizeof time);
}

Result<date::sys_days> parse_date(std::string_view text) {
  int year, month, day;
  if (text.size() != 10 || !read_digits(text, 0, 4, year) || text[4] != '-' || !read_digits(text, 5, 2, month) ||
      text[7] != '-' || !read_digits(text, 8, 2, day)) {
    return Error{ErrorCode::malformed, "not a YYYY-MM-DD date"};
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return Error{ErrorCode::malformed, "not a calendar date"};
  return date::sys_days{ymd};
}

std::string format_date(date::sys_days day) {
  const date::year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return "0000-00-00";  // outside RFC 3339; parse_date never yields one
  char text[10] = {0, 0, 0, 0, '-', 0, 0, '-', 0, 0};
  put_digits(text, static_cast<unsigned>(year), 4);
  put_digits(text + 5, static_cast<unsigned>(ymd.month()), 2);
  put_digits(text + 8, static_cast<unsigned>(ymd.day()), 2);
  return std::string(text, sizeof text);
}

}  // namespace fep::record::timestamp
